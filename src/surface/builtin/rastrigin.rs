//! The Rastrigin function f(x, y) = 20 + x² − 10·cos(2πx) + y² − 10·cos(2πy).
//!
//! Domain: usually [−5.12, 5.12]². Global minimum f(0, 0) = 0, surrounded by a regular grid of
//! local minima near the integer points (and maxima near the half-integers, saddles between):
//! it is separable, so its critical points are the products of the roots of
//! 2t + 20π·sin(2πt) = 0 in each coordinate — 21 × 21 = 441 in the default view.
//! Source: Rastrigin (1974); Surjanovic & Bingham, Virtual Library of Simulation Experiments.

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};
use std::f64::consts::PI;

#[derive(Debug, Clone, Copy, Default)]
pub struct Rastrigin;

const TAU: f64 = 2.0 * PI;

impl Rastrigin {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        x.sqr() - (x * TAU).cos() * 10.0 + y.sqr() - (y * TAU).cos() * 10.0 + 20.0
    }
}

impl Surface for Rastrigin {
    fn name(&self) -> &str {
        "rastrigin"
    }
    fn formula(&self) -> &str {
        "20 + x² − 10·cos(2πx) + y² − 10·cos(2πy)"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-5.12, 5.12, -5.12, 5.12)
    }
    fn start(&self) -> Point {
        Point::new(-4.3, 3.7)
    }
}
