//! The six-hump camel function f(x, y) = (4 − 2.1x² + x⁴/3)·x² + x·y + (−4 + 4y²)·y².
//!
//! Domain: usually [−3, 3] × [−2, 2]. Six local minima, two of them global:
//! f(0.0898, −0.7126) = f(−0.0898, 0.7126) = −1.0316. In [−3, 3] × [−2, 2] it has 15 critical
//! points in all (6 minima, 2 maxima, 7 saddles), symmetric under (x, y) → (−x, −y).
//! Source: Dixon & Szegő (1978); Surjanovic & Bingham, Virtual Library of Simulation
//! Experiments ("Six-Hump Camel Function").

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct SixHumpCamel;

impl SixHumpCamel {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        let (x2, y2) = (x.sqr(), y.sqr());
        x2 * (x2.sqr() * (1.0 / 3.0) - x2 * 2.1 + 4.0) + x * y + y2 * (y2 * 4.0 - 4.0)
    }
}

impl Surface for SixHumpCamel {
    fn name(&self) -> &str {
        "six-hump-camel"
    }
    fn formula(&self) -> &str {
        "(4 − 2.1x² + x⁴/3)·x² + x·y + (−4 + 4y²)·y²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-2.2, 2.2, -1.2, 1.2)
    }
    fn start(&self) -> Point {
        Point::new(-1.9, 1.0)
    }
}
