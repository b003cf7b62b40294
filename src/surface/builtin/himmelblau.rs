//! Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)².
//!
//! Domain: usually [−5, 5]². Nine critical points: four global minima with f = 0 at
//! (3, 2), (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126); one local
//! maximum f(−0.270845, −0.923039) = 181.617; and four saddles between the minima.

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct Himmelblau;

impl Surface for Himmelblau {
    fn name(&self) -> &str {
        "himmelblau"
    }
    fn formula(&self) -> &str {
        "(x² + y − 11)² + (x + y² − 7)²"
    }
    fn value(&self, p: Point) -> f64 {
        let a = p.x * p.x + p.y - 11.0;
        let b = p.x + p.y * p.y - 7.0;
        a * a + b * b
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        let a = p.x * p.x + p.y - 11.0;
        let b = p.x + p.y * p.y - 7.0;
        Vector2::new(4.0 * p.x * a + 2.0 * b, 2.0 * a + 4.0 * p.y * b)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        let a = p.x * p.x + p.y - 11.0;
        let b = p.x + p.y * p.y - 7.0;
        // ∂²/∂x² = 4a + 8x² + 2, ∂²/∂x∂y = 4x + 4y, ∂²/∂y² = 2 + 4b + 8y².
        let xy = 4.0 * p.x + 4.0 * p.y;
        Matrix2::new(
            4.0 * a + 8.0 * p.x * p.x + 2.0,
            xy,
            xy,
            2.0 + 4.0 * b + 8.0 * p.y * p.y,
        )
    }
    fn view(&self) -> Region {
        Region::new(-5.0, 5.0, -5.0, 5.0)
    }
    fn start(&self) -> Point {
        Point::new(-0.3, -1.5)
    }
}
