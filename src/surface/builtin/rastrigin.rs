//! The Rastrigin function f(x, y) = 20 + x² − 10·cos(2πx) + y² − 10·cos(2πy).
//!
//! Domain: usually [−5.12, 5.12]². Global minimum f(0, 0) = 0, surrounded by a regular grid of
//! local minima near the integer points (and maxima near the half-integers, saddles between):
//! it is separable, so its critical points are the products of the roots of
//! 2t + 20π·sin(2πt) = 0 in each coordinate — 21 × 21 = 441 in the default view.
//! Source: Rastrigin (1974); Surjanovic & Bingham, Virtual Library of Simulation Experiments.

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};
use std::f64::consts::PI;

#[derive(Debug, Clone, Copy, Default)]
pub struct Rastrigin;

const TAU: f64 = 2.0 * PI;

impl Surface for Rastrigin {
    fn name(&self) -> &str {
        "rastrigin"
    }
    fn formula(&self) -> &str {
        "20 + x² − 10·cos(2πx) + y² − 10·cos(2πy)"
    }
    fn value(&self, p: Point) -> f64 {
        20.0 + p.x * p.x - 10.0 * (TAU * p.x).cos() + p.y * p.y - 10.0 * (TAU * p.y).cos()
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        // ∂f/∂x = 2x + 20π·sin(2πx)
        let d = |t: f64| 2.0 * t + 10.0 * TAU * (TAU * t).sin();
        Vector2::new(d(p.x), d(p.y))
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        // ∂²/∂x² = 2 + 40π²·cos(2πx); separable, so ∂²/∂x∂y = 0
        let dd = |t: f64| 2.0 + 10.0 * TAU * TAU * (TAU * t).cos();
        Matrix2::new(dd(p.x), 0.0, 0.0, dd(p.y))
    }
    fn view(&self) -> Region {
        Region::new(-5.12, 5.12, -5.12, 5.12)
    }
    fn start(&self) -> Point {
        Point::new(-4.3, 3.7)
    }
}
