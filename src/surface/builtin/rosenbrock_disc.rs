//! Rosenbrock's function f(x, y) = (1 − x)² + 100·(y − x²)² inside the disc
//! g(x, y) = x² + y² − 2 ≤ 0.
//!
//! The disc of radius √2 passes exactly through (1, 1), so the constrained minimum is (1, 1) on
//! the boundary — and it is still the unconstrained minimum: ∇f(1, 1) = 0, so the constraint
//! is weakly active and its multiplier is λ = 0 (convention ∇f = λ∇g; for g ≤ 0 the KKT sign
//! condition at a minimum is λ ≤ 0). A method that honours the constraint must stop at the
//! boundary without being pushed off it. Source: the disc-constrained Rosenbrock problem of
//! MathWorks' fmincon tutorial ("Solve a Constrained Nonlinear Problem") uses the unit disc,
//! whose minimum lies on the edge away from (1, 1); radius √2 is chosen here so the
//! unconstrained optimum sits exactly on the edge.

use super::Rosenbrock;
use crate::surface::scalar::Num;
use crate::surface::{Constraint, Point, Quadratic, Region, Surface};

#[derive(Debug, Clone)]
pub struct RosenbrockDisc {
    constraints: [Constraint; 1],
}

impl Default for RosenbrockDisc {
    fn default() -> Self {
        Self {
            constraints: [Constraint::inequality(
                "x² + y² − 2",
                Quadratic::circle(2.0),
            )],
        }
    }
}

impl RosenbrockDisc {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        Rosenbrock::f(x, y)
    }
}

impl Surface for RosenbrockDisc {
    fn name(&self) -> &str {
        "rosenbrock-disc"
    }
    fn formula(&self) -> &str {
        "(1 − x)² + 100·(y − x²)²  subject to  x² + y² − 2 ≤ 0"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -1.5, 2.5)
    }
    fn start(&self) -> Point {
        // The classic start, outside the disc (g = 0.44): each method shows how it gets in.
        Point::new(-1.2, 1.0)
    }
    fn note(&self) -> Option<&str> {
        Some(
            "the constrained minimum (1, 1) lies on the boundary x² + y² = 2 and is still the \
             unconstrained minimum (λ = 0)",
        )
    }
    fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }
}
