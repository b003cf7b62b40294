//! The Matyas function f(x, y) = 0.26·(x² + y²) − 0.48·x·y.
//!
//! Domain: usually [−10, 10]². A quadratic with constant Hessian [[0.52, −0.48], [−0.48, 0.52]]
//! (eigenvalues 0.04 along (1, 1) and 1 along (1, −1): condition number 25, a flat diagonal
//! valley) and one critical point: the global minimum f(0, 0) = 0.
//! Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments ("Matyas Function").

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct Matyas;

impl Surface for Matyas {
    fn name(&self) -> &str {
        "matyas"
    }
    fn formula(&self) -> &str {
        "0.26·(x² + y²) − 0.48·x·y"
    }
    fn value(&self, p: Point) -> f64 {
        0.26 * (p.x * p.x + p.y * p.y) - 0.48 * p.x * p.y
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        Vector2::new(0.52 * p.x - 0.48 * p.y, 0.52 * p.y - 0.48 * p.x)
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        Matrix2::new(0.52, -0.48, -0.48, 0.52)
    }
    fn view(&self) -> Region {
        Region::new(-10.0, 10.0, -10.0, 10.0)
    }
    /// Off the flat diagonal valley: descent drops into it quickly, then crawls along it.
    fn start(&self) -> Point {
        Point::new(-8.0, -3.0)
    }
}
