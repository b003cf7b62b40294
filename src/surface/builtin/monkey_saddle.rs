//! The monkey saddle f(x, y) = x³ − 3xy².
//!
//! Domain: R². One critical point, the origin, where the Hessian is zero: the
//! second-derivative test is inconclusive there (a degenerate critical point with three
//! descending valleys — room for a monkey's tail).

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct MonkeySaddle;

impl MonkeySaddle {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        x.powi(3) - x * y.sqr() * 3.0
    }
}

impl Surface for MonkeySaddle {
    fn name(&self) -> &str {
        "monkey-saddle"
    }
    fn formula(&self) -> &str {
        "x³ − 3·x·y²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-1.5, 1.5, -1.5, 1.5)
    }
    fn start(&self) -> Point {
        Point::new(0.4, 0.9)
    }
}
