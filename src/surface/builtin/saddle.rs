//! The saddle f(x, y) = x² − y².
//!
//! Domain: R². One critical point: a saddle at the origin, f(0, 0) = 0, Hessian
//! diag(2, −2). Unbounded below along y, so descent from any start off the x-axis escapes.
//! Starting almost on the x-axis shows how long plain gradient descent lingers near a saddle
//! (and how plain Newton is attracted to it, Dauphin et al. 2014).

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Saddle;

impl Saddle {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        x.sqr() - y.sqr()
    }
}

impl Surface for Saddle {
    fn name(&self) -> &str {
        "saddle"
    }
    fn formula(&self) -> &str {
        "x² − y²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -2.0, 2.0)
    }
    /// Nearly on the stable manifold (the x-axis): descent approaches the saddle, then escapes.
    fn start(&self) -> Point {
        Point::new(-1.8, 0.01)
    }
}
