//! Rosenbrock's banana function f(x, y) = (1 − x)² + 100·(y − x²)².
//!
//! Domain: usually [−2, 2] × [−1, 3]. One critical point: the global minimum f(1, 1) = 0,
//! at the end of a long, curved, flat-bottomed valley along y = x²; the Hessian there is
//! [[802, −400], [−400, 200]] (condition number ≈ 2508). The classic start is (−1.2, 1).
//! Source: H. H. Rosenbrock, "An automatic method for finding the greatest or least value of a
//! function", The Computer Journal 3 (1960); Surjanovic & Bingham, Virtual Library of
//! Simulation Experiments.

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct Rosenbrock;

impl Surface for Rosenbrock {
    fn name(&self) -> &str {
        "rosenbrock"
    }
    fn formula(&self) -> &str {
        "(1 − x)² + 100·(y − x²)²"
    }
    fn value(&self, p: Point) -> f64 {
        let a = 1.0 - p.x;
        let b = p.y - p.x * p.x;
        a * a + 100.0 * b * b
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        let b = p.y - p.x * p.x;
        // ∂f/∂x = −2(1 − x) − 400x(y − x²), ∂f/∂y = 200(y − x²).
        Vector2::new(-2.0 * (1.0 - p.x) - 400.0 * p.x * b, 200.0 * b)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        // ∂²/∂x² = 2 − 400(y − x²) + 800x² = 2 − 400y + 1200x², ∂²/∂x∂y = −400x, ∂²/∂y² = 200.
        let xy = -400.0 * p.x;
        Matrix2::new(2.0 - 400.0 * p.y + 1200.0 * p.x * p.x, xy, xy, 200.0)
    }
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -1.0, 3.0)
    }
    fn start(&self) -> Point {
        Point::new(-1.2, 1.0)
    }
}
