//! The monkey saddle f(x, y) = x³ − 3xy².
//!
//! Domain: R². One critical point, the origin, where the Hessian is zero: the
//! second-derivative test is inconclusive there (a degenerate critical point with three
//! descending valleys — room for a monkey's tail).

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct MonkeySaddle;

impl Surface for MonkeySaddle {
    fn name(&self) -> &str {
        "monkey-saddle"
    }
    fn formula(&self) -> &str {
        "x³ − 3·x·y²"
    }
    fn value(&self, p: Point) -> f64 {
        p.x * p.x * p.x - 3.0 * p.x * p.y * p.y
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        Vector2::new(3.0 * p.x * p.x - 3.0 * p.y * p.y, -6.0 * p.x * p.y)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        Matrix2::new(6.0 * p.x, -6.0 * p.y, -6.0 * p.y, -6.0 * p.x)
    }
    fn view(&self) -> Region {
        Region::new(-1.5, 1.5, -1.5, 1.5)
    }
    fn start(&self) -> Point {
        Point::new(0.4, 0.9)
    }
}
