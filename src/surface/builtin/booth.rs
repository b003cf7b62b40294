//! Booth's function f(x, y) = (x + 2y − 7)² + (2x + y − 5)².
//!
//! Domain: usually [−10, 10]². A quadratic with constant Hessian [[10, 8], [8, 10]]
//! (eigenvalues 2 and 18, condition number 9) and one critical point: the global minimum
//! f(1, 3) = 0.
//! Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments ("Booth Function").

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Booth;

impl Booth {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        (x + y * 2.0 - 7.0).sqr() + (x * 2.0 + y - 5.0).sqr()
    }
}

impl Surface for Booth {
    fn name(&self) -> &str {
        "booth"
    }
    fn formula(&self) -> &str {
        "(x + 2y − 7)² + (2x + y − 5)²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-5.0, 7.0, -3.0, 9.0)
    }
    fn start(&self) -> Point {
        Point::new(-4.0, 7.0)
    }
}
