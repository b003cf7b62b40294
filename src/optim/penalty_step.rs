//! The gradient step shared by the penalty and augmented-Lagrangian methods.

use crate::surface::{Constraint, ConstraintKind, Point};
use nalgebra::Vector2;

/// x − lr_eff·(∇f + Σᵢ cᵢ∇gᵢ) with cᵢ = `coefficient(i, gᵢ(x))`, where lr_eff caps the step
/// at 1/(μ·Σ|∇gᵢ|²) over the terms that act (cᵢ ≠ 0, or any equality): the penalty adds that
/// curvature across the constraint, and a gradient step longer than twice its inverse would
/// overshoot and diverge as μ grows. (Along the constraint the step stays lr.)
pub(super) fn penalized_step(
    x: Point,
    grad_f: Vector2<f64>,
    lr: f64,
    mu: f64,
    constraints: &[Constraint],
    coefficient: impl Fn(usize, f64) -> f64,
) -> Point {
    let mut grad = grad_f;
    let mut curvature = 0.0;
    for (i, c) in constraints.iter().enumerate() {
        let k = coefficient(i, c.value(x));
        let dg = c.gradient(x);
        if k != 0.0 || c.kind() == ConstraintKind::Equality {
            grad += dg * k;
            curvature += mu * dg.norm_squared();
        }
    }
    let lr_eff = if curvature > 0.0 {
        lr.min(1.0 / curvature)
    } else {
        lr
    };
    x - lr_eff * grad
}
