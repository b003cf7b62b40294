//! The convex bowl f(x, y) = x² + y².
//!
//! Domain: all of R². One critical point: the global minimum f(0, 0) = 0, Hessian 2I
//! (condition number 1), so every descent direction points straight at it.

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Bowl;

impl Bowl {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        x.sqr() + y.sqr()
    }
}

impl Surface for Bowl {
    fn name(&self) -> &str {
        "bowl"
    }
    fn formula(&self) -> &str {
        "x² + y²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self) -> Point {
        Point::new(-1.5, 1.2)
    }
}
