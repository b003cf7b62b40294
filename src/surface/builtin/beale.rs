//! Beale's function f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².
//!
//! Domain: usually [−4.5, 4.5]². Global minimum f(3, 0.5) = 0 at the end of a narrow curved
//! valley; a saddle at (0, 1) with f = 14.203125 and Hessian [[0, 27.75], [27.75, 0]]; the
//! function rises steeply (to ~10⁵) towards the corners.
//! Source: E. M. L. Beale (1958); Surjanovic & Bingham, Virtual Library of Simulation
//! Experiments ("Beale Function").

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Beale;

impl Beale {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        // (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², with x factored out.
        (x * (y - 1.0) + 1.5).sqr()
            + (x * (y.sqr() - 1.0) + 2.25).sqr()
            + (x * (y.powi(3) - 1.0) + 2.625).sqr()
    }
}

impl Surface for Beale {
    fn name(&self) -> &str {
        "beale"
    }
    fn formula(&self) -> &str {
        "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-4.5, 4.5, -4.5, 4.5)
    }
    fn start(&self) -> Point {
        Point::new(-1.0, 1.5)
    }
}
