//! Booth's function f(x, y) = (x + 2y − 7)² + (2x + y − 5)².
//!
//! Domain: usually [−10, 10]². A quadratic with constant Hessian [[10, 8], [8, 10]]
//! (eigenvalues 2 and 18, condition number 9) and one critical point: the global minimum
//! f(1, 3) = 0.
//! Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments ("Booth Function").

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct Booth;

impl Surface for Booth {
    fn name(&self) -> &str {
        "booth"
    }
    fn formula(&self) -> &str {
        "(x + 2y − 7)² + (2x + y − 5)²"
    }
    fn value(&self, p: Point) -> f64 {
        let a = p.x + 2.0 * p.y - 7.0;
        let b = 2.0 * p.x + p.y - 5.0;
        a * a + b * b
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        // ∂f/∂x = 2a + 4b, ∂f/∂y = 4a + 2b
        let a = p.x + 2.0 * p.y - 7.0;
        let b = 2.0 * p.x + p.y - 5.0;
        Vector2::new(2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b)
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        Matrix2::new(10.0, 8.0, 8.0, 10.0)
    }
    fn view(&self) -> Region {
        Region::new(-5.0, 7.0, -3.0, 9.0)
    }
    fn start(&self) -> Point {
        Point::new(-4.0, 7.0)
    }
}
