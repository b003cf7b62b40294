//! Minimize f(x, y) = x² + y² subject to g(x, y) = x + y − 1 = 0.
//!
//! The point of the line x + y = 1 nearest the origin. With ∇f = λ∇g: (2x, 2y) = λ(1, 1), so
//! x = y = λ/2, and x + y = 1 gives λ = 1: the constrained minimum is (1/2, 1/2) with f = 1/2.
//! Along the line f = x² + (1 − x)² is a parabola, so there is no constrained maximum.
//! Source: the standard minimum-norm example, e.g. Boyd & Vandenberghe, Convex Optimization,
//! §5.1 (least-norm solution of a linear equation).

use crate::surface::scalar::Num;
use crate::surface::{Constraint, Point, Quadratic, Region, Surface};

#[derive(Debug, Clone)]
pub struct LineBowl {
    constraints: [Constraint; 1],
}

impl Default for LineBowl {
    fn default() -> Self {
        Self {
            constraints: [Constraint::equality(
                "x + y − 1",
                Quadratic::line(1.0, 1.0, 1.0),
            )],
        }
    }
}

impl LineBowl {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        x.sqr() + y.sqr()
    }
}

impl Surface for LineBowl {
    fn name(&self) -> &str {
        "line-bowl"
    }
    fn formula(&self) -> &str {
        "x² + y²  subject to  x + y − 1 = 0"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-1.0, 2.0, -1.0, 2.0)
    }
    fn start(&self) -> Point {
        Point::new(1.5, 1.0)
    }
    fn note(&self) -> Option<&str> {
        Some("constrained minimum (1/2, 1/2) with ∇f = λ∇g, λ = 1")
    }
    fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }
}
