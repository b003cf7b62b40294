//! The Goldstein–Price function f(x, y) = A(x, y)·B(x, y) with
//! A = 1 + (x + y + 1)²·(19 − 14x + 3x² − 14y + 6xy + 3y²) and
//! B = 30 + (2x − 3y)²·(18 − 32x + 12x² + 48y − 36xy + 27y²).
//!
//! Domain: usually [−2, 2]². Global minimum f(0, −1) = 3; local minima near (−0.6, −0.4)
//! (f = 30), (1.8, 0.2) (f = 84) and (1.2, 0.8) (f = 840); nine critical points in [−2, 2]².
//! Values span five orders of magnitude, so a logarithmic colour scale is needed to see it.
//! Source: Goldstein & Price (1971); Surjanovic & Bingham, Virtual Library of Simulation
//! Experiments ("Goldstein-Price Function").

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct GoldsteinPrice;

impl GoldsteinPrice {
    /// f(x, y) over any number type.
    ///
    /// Each factor depends on one combination only: with s = x + y and t = 2x − 3y,
    /// 19 − 14x + 3x² − 14y + 6xy + 3y² = 3s² − 14s + 19 and
    /// 18 − 32x + 12x² + 48y − 36xy + 27y² = 3t² − 16t + 18. Written so (in Horner form),
    /// each factor has one variable, which keeps interval enclosures (and so the certified
    /// critical-point search) far tighter than the expanded form.
    pub fn f<T: Num>(x: T, y: T) -> T {
        let s = x + y;
        let t = x * 2.0 - y * 3.0;
        let a = (s + 1.0).sqr() * ((s * 3.0 - 14.0) * s + 19.0) + 1.0;
        let b = t.sqr() * ((t * 3.0 - 16.0) * t + 18.0) + 30.0;
        a * b
    }
}

impl Surface for GoldsteinPrice {
    fn name(&self) -> &str {
        "goldstein-price"
    }
    fn formula(&self) -> &str {
        "[1 + (x+y+1)²(19−14x+3x²−14y+6xy+3y²)]·[30 + (2x−3y)²(18−32x+12x²+48y−36xy+27y²)]"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self) -> Point {
        Point::new(-1.5, 1.5)
    }
}
