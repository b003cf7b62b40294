//! Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)².
//!
//! Domain: usually [−5, 5]². Nine critical points: four global minima with f = 0 at
//! (3, 2), (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126); one local
//! maximum f(−0.270845, −0.923039) = 181.617; and four saddles between the minima.

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Himmelblau;

impl Himmelblau {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        (x.sqr() + y - 11.0).sqr() + (x + y.sqr() - 7.0).sqr()
    }
}

impl Surface for Himmelblau {
    fn name(&self) -> &str {
        "himmelblau"
    }
    fn formula(&self) -> &str {
        "(x² + y − 11)² + (x + y² − 7)²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-5.0, 5.0, -5.0, 5.0)
    }
    fn start(&self) -> Point {
        Point::new(-0.3, -1.5)
    }
}
