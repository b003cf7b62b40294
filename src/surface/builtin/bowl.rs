//! The convex bowl f(x, y) = x² + y².
//!
//! Domain: all of R². One critical point: the global minimum f(0, 0) = 0, Hessian 2I
//! (condition number 1), so every descent direction points straight at it.

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct Bowl;

impl Surface for Bowl {
    fn name(&self) -> &str {
        "bowl"
    }
    fn formula(&self) -> &str {
        "x² + y²"
    }
    fn value(&self, p: Point) -> f64 {
        p.x * p.x + p.y * p.y
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        Vector2::new(2.0 * p.x, 2.0 * p.y)
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        Matrix2::new(2.0, 0.0, 0.0, 2.0)
    }
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self) -> Point {
        Point::new(-1.5, 1.2)
    }
}
