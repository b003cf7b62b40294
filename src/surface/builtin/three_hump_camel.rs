//! The three-hump camel function f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + x·y + y².
//!
//! Domain: usually [−5, 5]². Five critical points, all on the line y = −x/2 (from ∂f/∂y = 0):
//! the global minimum f(0, 0) = 0, two local minima at ±(1.7476, −0.8738) with f ≈ 0.2986, and
//! two saddles at ±(1.0705, −0.5353) in between (x² = (4.2 ± √3.64)/2).
//! Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments
//! ("Three-Hump Camel Function").

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct ThreeHumpCamel;

impl ThreeHumpCamel {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        let x2 = x.sqr();
        x2 * 2.0 - x2.sqr() * 1.05 + x2.powi(3) * (1.0 / 6.0) + x * y + y.sqr()
    }
}

impl Surface for ThreeHumpCamel {
    fn name(&self) -> &str {
        "three-hump-camel"
    }
    fn formula(&self) -> &str {
        "2x² − 1.05x⁴ + x⁶/6 + x·y + y²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-2.5, 2.5, -2.0, 2.0)
    }
    /// Uphill of the right-hand local minimum, so descent may be caught there.
    fn start(&self) -> Point {
        Point::new(2.3, 0.5)
    }
}
