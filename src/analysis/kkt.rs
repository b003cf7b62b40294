//! How far a point is from satisfying the first-order (KKT) conditions of its surface's
//! constrained problem: the test a run uses to call a constrained method converged.

use super::bordered::{ConstrainedKind, classify_on_constraint};
use super::critical::{CriticalKind, classify};
use crate::surface::{Constraint, ConstraintKind, Point, Surface};

/// |g| (equality) or max(g, 0) (inequality) above which a point counts as infeasible, and
/// −g below which an inequality counts as inactive.
pub const FEASIBILITY_TOL: f64 = 1e-6;

/// The first-order residual at p, in units of |∇f|: |∇f| without constraints; with them,
/// ∞ if p violates one by more than [`FEASIBILITY_TOL`], else the part of ∇f that the active
/// constraints do not balance — |∇f − λ∇g| with the least-squares λ = ∇f·∇g/|∇g|² for one
/// active constraint (∇f itself, if λ has the wrong KKT sign for an inequality: λ > 0 means
/// f decreases into the feasible set), 0 at a vertex where two or more are active.
pub fn kkt_residual(surface: &dyn Surface, p: Point) -> f64 {
    let grad = surface.gradient(p);
    let Some(active) = active_constraints(surface, p) else {
        return f64::INFINITY;
    };
    match active.as_slice() {
        [] => grad.norm(),
        [c] => {
            let dg = c.gradient(p);
            let n2 = dg.norm_squared();
            if n2 == 0.0 {
                return grad.norm();
            }
            let lambda = grad.dot(&dg) / n2;
            if c.kind() == ConstraintKind::Inequality && lambda > 0.0 {
                grad.norm()
            } else {
                (grad - dg * lambda).norm()
            }
        }
        _ => 0.0,
    }
}

/// The constraints active at p, or `None` if p violates one by more than
/// [`FEASIBILITY_TOL`].
fn active_constraints(surface: &dyn Surface, p: Point) -> Option<Vec<&Constraint>> {
    let mut active = Vec::new();
    for c in surface.constraints() {
        let g = c.value(p);
        if !g.is_finite() || c.violation(p) > FEASIBILITY_TOL {
            return None;
        }
        if c.kind() == ConstraintKind::Equality || g >= -FEASIBILITY_TOL {
            active.push(c);
        }
    }
    Some(active)
}

/// What a point where a run stopped is, for the surface's constrained problem: the Hessian's
/// verdict inside the feasible set, the bordered Hessian's on one active constraint
/// (inconclusive reads as degenerate), degenerate at a vertex (no second-order test there),
/// `None` at an infeasible point (it is no critical point of the constrained problem).
pub fn classify_constrained_end(surface: &dyn Surface, p: Point) -> Option<CriticalKind> {
    let active = active_constraints(surface, p)?;
    match active.as_slice() {
        [] => Some(classify(surface.hessian(p)).kind),
        [c] => {
            let dg = c.gradient(p);
            let n2 = dg.norm_squared();
            if n2 == 0.0 {
                return Some(CriticalKind::Degenerate);
            }
            let lambda = surface.gradient(p).dot(&dg) / n2;
            Some(match classify_on_constraint(surface, c, p, lambda).2 {
                ConstrainedKind::Minimum => CriticalKind::Minimum,
                ConstrainedKind::Maximum => CriticalKind::Maximum,
                ConstrainedKind::Saddle => CriticalKind::Saddle,
                ConstrainedKind::Inconclusive => CriticalKind::Degenerate,
            })
        }
        _ => Some(CriticalKind::Degenerate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::builtin;

    #[test]
    fn residual_is_the_unbalanced_part_of_the_gradient() {
        let s = builtin("line-bowl").unwrap();
        // At (0.5, 0.5): ∇f = (1, 1) = 1·∇g, balanced.
        assert!(kkt_residual(s.as_ref(), Point::new(0.5, 0.5)) < 1e-15);
        // At (0.7, 0.3): ∇f = (1.4, 0.6), λ = 1, residual (0.4, −0.4), norm 0.4√2.
        let r = kkt_residual(s.as_ref(), Point::new(0.7, 0.3));
        assert!((r - 0.4 * 2f64.sqrt()).abs() < 1e-15);
        // Off the line: infeasible.
        assert_eq!(
            kkt_residual(s.as_ref(), Point::new(0.0, 0.0)),
            f64::INFINITY
        );
        // rosenbrock-disc at (0, 0): inside, so |∇f| = |(−2, 0)| = 2.
        let d = builtin("rosenbrock-disc").unwrap();
        assert_eq!(kkt_residual(d.as_ref(), Point::new(0.0, 0.0)), 2.0);
        // circle-linear at (√2/2, √2/2), the maximum: balanced too (first order only).
        let c = builtin("circle-linear").unwrap();
        let h = std::f64::consts::FRAC_1_SQRT_2;
        assert!(kkt_residual(c.as_ref(), Point::new(h, h)) < 1e-15);
        // An unconstrained surface: |∇f|.
        let b = builtin("bowl").unwrap();
        assert_eq!(kkt_residual(b.as_ref(), Point::new(3.0, 4.0)), 10.0);
    }

    #[test]
    fn a_stopping_point_is_classified_for_the_constrained_problem() {
        let line = builtin("line-bowl").unwrap();
        // (½, ½) is the minimum of x² + y² on x + y = 1; (0, 0), the free minimum, is off it.
        let at = classify_constrained_end(line.as_ref(), Point::new(0.5, 0.5));
        assert_eq!(at, Some(CriticalKind::Minimum));
        assert_eq!(
            classify_constrained_end(line.as_ref(), Point::new(0.0, 0.0)),
            None
        );
        // circle-linear: x + y on the unit circle has its maximum at (√½, √½), minimum opposite.
        let c = builtin("circle-linear").unwrap();
        let h = std::f64::consts::FRAC_1_SQRT_2;
        let max = classify_constrained_end(c.as_ref(), Point::new(h, h));
        let min = classify_constrained_end(c.as_ref(), Point::new(-h, -h));
        assert_eq!(
            (max, min),
            (Some(CriticalKind::Maximum), Some(CriticalKind::Minimum))
        );
    }
}
