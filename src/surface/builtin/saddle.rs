//! The saddle f(x, y) = x² − y².
//!
//! Domain: R². One critical point: a saddle at the origin, f(0, 0) = 0, Hessian
//! diag(2, −2). Unbounded below along y, so descent from any start off the x-axis escapes.
//! Starting almost on the x-axis shows how long plain gradient descent lingers near a saddle
//! (and how plain Newton is attracted to it, Dauphin et al. 2014).

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct Saddle;

impl Surface for Saddle {
    fn name(&self) -> &str {
        "saddle"
    }
    fn formula(&self) -> &str {
        "x² − y²"
    }
    fn value(&self, p: Point) -> f64 {
        p.x * p.x - p.y * p.y
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        Vector2::new(2.0 * p.x, -2.0 * p.y)
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        Matrix2::new(2.0, 0.0, 0.0, -2.0)
    }
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -2.0, 2.0)
    }
    /// Nearly on the stable manifold (the x-axis): descent approaches the saddle, then escapes.
    fn start(&self) -> Point {
        Point::new(-1.8, 0.01)
    }
}
