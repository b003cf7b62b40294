//! Rosenbrock's banana function f(x, y) = (1 − x)² + 100·(y − x²)².
//!
//! Domain: usually [−2, 2] × [−1, 3]. One critical point: the global minimum f(1, 1) = 0,
//! at the end of a long, curved, flat-bottomed valley along y = x²; the Hessian there is
//! [[802, −400], [−400, 200]] (condition number ≈ 2508). The classic start is (−1.2, 1).
//! Source: H. H. Rosenbrock, "An automatic method for finding the greatest or least value of a
//! function", The Computer Journal 3 (1960); Surjanovic & Bingham, Virtual Library of
//! Simulation Experiments.

use crate::surface::scalar::Num;
use crate::surface::{Point, Region, Surface};

#[derive(Debug, Clone, Copy, Default)]
pub struct Rosenbrock;

impl Rosenbrock {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        (x - 1.0).sqr() + (y - x.sqr()).sqr() * 100.0
    }
}

impl Surface for Rosenbrock {
    fn name(&self) -> &str {
        "rosenbrock"
    }
    fn formula(&self) -> &str {
        "(1 − x)² + 100·(y − x²)²"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -1.0, 3.0)
    }
    fn start(&self) -> Point {
        Point::new(-1.2, 1.0)
    }
}
