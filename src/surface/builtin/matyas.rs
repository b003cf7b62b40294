//! The Matyas function f(x, y) = 0.26·(x² + y²) − 0.48·x·y.
//!
//! Domain: usually [−10, 10]². A quadratic with constant Hessian [[0.52, −0.48], [−0.48, 0.52]]
//! (eigenvalues 0.04 along (1, 1) and 1 along (1, −1): condition number 25, a flat diagonal
//! valley) and one critical point: the global minimum f(0, 0) = 0.
//! Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments ("Matyas Function").

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Matyas;

impl Matyas {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        (x.sqr() + y.sqr()) * 0.26 - x * y * 0.48
    }
}

impl Surface for Matyas {
    fn name(&self) -> &str {
        "matyas"
    }
    fn formula(&self) -> &str {
        "0.26·(x² + y²) − 0.48·x·y"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-10.0, 10.0, -10.0, 10.0)
    }
    /// Off the flat diagonal valley: descent drops into it quickly, then crawls along it.
    fn start(&self) -> Point {
        Point::new(-8.0, -3.0)
    }
}
