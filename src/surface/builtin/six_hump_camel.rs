//! The six-hump camel function f(x, y) = (4 − 2.1x² + x⁴/3)·x² + x·y + (−4 + 4y²)·y².
//!
//! Domain: usually [−3, 3] × [−2, 2]. Six local minima, two of them global:
//! f(0.0898, −0.7126) = f(−0.0898, 0.7126) = −1.0316. In [−3, 3] × [−2, 2] it has 15 critical
//! points in all (6 minima, 2 maxima, 7 saddles), symmetric under (x, y) → (−x, −y).
//! Source: Dixon & Szegő (1978); Surjanovic & Bingham, Virtual Library of Simulation
//! Experiments ("Six-Hump Camel Function").

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct SixHumpCamel;

impl Surface for SixHumpCamel {
    fn name(&self) -> &str {
        "six-hump-camel"
    }
    fn formula(&self) -> &str {
        "(4 − 2.1x² + x⁴/3)·x² + x·y + (−4 + 4y²)·y²"
    }
    fn value(&self, p: Point) -> f64 {
        let (x2, y2) = (p.x * p.x, p.y * p.y);
        (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + p.x * p.y + (-4.0 + 4.0 * y2) * y2
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        // f = 4x² − 2.1x⁴ + x⁶/3 + xy − 4y² + 4y⁴
        // ∂f/∂x = 8x − 8.4x³ + 2x⁵ + y, ∂f/∂y = x − 8y + 16y³
        let (x, y) = (p.x, p.y);
        let x2 = x * x;
        Vector2::new(
            x * (8.0 - 8.4 * x2 + 2.0 * x2 * x2) + y,
            x - 8.0 * y + 16.0 * y * y * y,
        )
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        // ∂²/∂x² = 8 − 25.2x² + 10x⁴, ∂²/∂x∂y = 1, ∂²/∂y² = −8 + 48y²
        let x2 = p.x * p.x;
        Matrix2::new(
            8.0 - 25.2 * x2 + 10.0 * x2 * x2,
            1.0,
            1.0,
            -8.0 + 48.0 * p.y * p.y,
        )
    }
    fn view(&self) -> Region {
        Region::new(-2.2, 2.2, -1.2, 1.2)
    }
    fn start(&self) -> Point {
        Point::new(-1.9, 1.0)
    }
}
