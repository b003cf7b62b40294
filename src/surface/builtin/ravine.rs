//! The ravine f(x, y) = 0.1·x² + 2·y²: an elongated, axis-aligned quadratic.
//!
//! Domain: R². One critical point: the global minimum f(0, 0) = 0 with Hessian
//! diag(0.2, 4), condition number 20. Gradient descent with a learning rate near the stability
//! limit 2/λmax = 0.5 bounces across the steep y-direction while crawling along the shallow
//! x-direction: the classic zig-zag that momentum and adaptive methods fix.
//! Source: the standard ill-conditioned quadratic, e.g. Goodfellow, Bengio & Courville,
//! *Deep Learning* (2016), §4.3 and §8.3.2.

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Ravine;

impl Ravine {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        x.sqr() * 0.1 + y.sqr() * 2.0
    }
}

impl Surface for Ravine {
    fn name(&self) -> &str {
        "ravine"
    }
    fn formula(&self) -> &str {
        "0.1·x² + 2·y²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-10.0, 10.0, -4.0, 4.0)
    }
    /// Far along the shallow axis and off it in the steep one, so the zig-zag is visible.
    fn start(&self) -> Point {
        Point::new(-9.0, 2.0)
    }
}
