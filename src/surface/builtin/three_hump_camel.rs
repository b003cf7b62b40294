//! The three-hump camel function f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + x·y + y².
//!
//! Domain: usually [−5, 5]². Five critical points, all on the line y = −x/2 (from ∂f/∂y = 0):
//! the global minimum f(0, 0) = 0, two local minima at ±(1.7476, −0.8738) with f ≈ 0.2986, and
//! two saddles at ±(1.0705, −0.5353) in between (x² = (4.2 ± √3.64)/2).
//! Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments
//! ("Three-Hump Camel Function").

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct ThreeHumpCamel;

impl Surface for ThreeHumpCamel {
    fn name(&self) -> &str {
        "three-hump-camel"
    }
    fn formula(&self) -> &str {
        "2x² − 1.05x⁴ + x⁶/6 + x·y + y²"
    }
    fn value(&self, p: Point) -> f64 {
        let x2 = p.x * p.x;
        2.0 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6.0 + p.x * p.y + p.y * p.y
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        // ∂f/∂x = 4x − 4.2x³ + x⁵ + y, ∂f/∂y = x + 2y
        let x2 = p.x * p.x;
        Vector2::new(p.x * (4.0 - 4.2 * x2 + x2 * x2) + p.y, p.x + 2.0 * p.y)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        // ∂²/∂x² = 4 − 12.6x² + 5x⁴, ∂²/∂x∂y = 1, ∂²/∂y² = 2
        let x2 = p.x * p.x;
        Matrix2::new(4.0 - 12.6 * x2 + 5.0 * x2 * x2, 1.0, 1.0, 2.0)
    }
    fn view(&self) -> Region {
        Region::new(-2.5, 2.5, -2.0, 2.0)
    }
    /// Uphill of the right-hand local minimum, so descent may be caught there.
    fn start(&self) -> Point {
        Point::new(2.3, 0.5)
    }
}
