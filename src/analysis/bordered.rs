//! Constrained critical points and their classification by the bordered Hessian.
//!
//! Convention (see `surface::Constraint`): ∇f = λ∇g at a constrained critical point, with the
//! Lagrangian L = f − λg. With one constraint in two variables the bordered Hessian is
//!
//! ```text
//!       ⎡ 0    g_x    g_y  ⎤
//! H_B = ⎢ g_x  L_xx   L_xy ⎥        det H_B = −|∇g|²·(tᵀ ∇²L t),  t = (−g_y, g_x)/|∇g|
//!       ⎣ g_y  L_xy   L_yy ⎦
//! ```
//!
//! so det H_B < 0 means L curves up along the constraint (a constrained minimum), det H_B > 0
//! that it curves down (a constrained maximum), and det H_B ≈ 0 leaves the test inconclusive.
//! Source: e.g. Simon & Blume, Mathematics for Economists, §19.3 (n = 2, m = 1: a minimum when
//! det H_B has the sign of (−1)^m).

use super::critical::CriticalKind;
use crate::surface::{Constraint, Point, Surface};
use nalgebra::{Matrix2, Matrix3, Vector2};

/// What the second-order test says about a point of a constrained problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConstrainedKind {
    /// A local minimum of f on the feasible set.
    Minimum,
    /// A local maximum of f on the feasible set.
    Maximum,
    /// f rises along one feasible direction and falls along another (only for inequalities:
    /// an interior saddle of f, or a boundary point where the multiplier has the wrong sign
    /// for the curvature along the boundary).
    Saddle,
    /// The second-order test cannot decide (a zero bordered determinant, or a degenerate
    /// Hessian at an interior point).
    Inconclusive,
}

impl ConstrainedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConstrainedKind::Minimum => "constrained-minimum",
            ConstrainedKind::Maximum => "constrained-maximum",
            ConstrainedKind::Saddle => "saddle",
            ConstrainedKind::Inconclusive => "inconclusive",
        }
    }
    /// An unconstrained classification read as a constrained one (interior points).
    pub fn from_unconstrained(kind: CriticalKind) -> Self {
        match kind {
            CriticalKind::Minimum => ConstrainedKind::Minimum,
            CriticalKind::Maximum => ConstrainedKind::Maximum,
            CriticalKind::Saddle => ConstrainedKind::Saddle,
            CriticalKind::Degenerate => ConstrainedKind::Inconclusive,
        }
    }
}

impl serde::Serialize for ConstrainedKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A critical point of a constrained problem.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConstrainedPoint {
    pub point: Point,
    pub value: f64,
    /// The multiplier in ∇f = λ∇g; 0 at interior points of an inequality.
    pub lambda: f64,
    /// On the constraint (g = 0): always for an equality; on the boundary for an inequality.
    pub active: bool,
    /// det H_B at active points.
    pub bordered_determinant: Option<f64>,
    /// tᵀ∇²L t along the unit tangent t of the constraint, at active points.
    pub tangent_curvature: Option<f64>,
    pub kind: ConstrainedKind,
}

/// The bordered Hessian of L = f − λg at p.
pub fn bordered_hessian(
    surface: &dyn Surface,
    constraint: &Constraint,
    p: Point,
    lambda: f64,
) -> Matrix3<f64> {
    let g = constraint.gradient(p);
    let l = surface.hessian(p) - constraint.hessian(p) * lambda;
    Matrix3::new(
        0.0,
        g.x,
        g.y,
        g.x,
        l[(0, 0)],
        0.5 * (l[(0, 1)] + l[(1, 0)]),
        g.y,
        0.5 * (l[(0, 1)] + l[(1, 0)]),
        l[(1, 1)],
    )
}

/// The curvature of L along the constraint, tᵀ∇²L t with t = (−g_y, g_x)/|∇g|, and
/// det H_B = −|∇g|²·tᵀ∇²L t. `None` where ∇g = 0 (no tangent: the test does not apply).
pub fn tangent_curvature(hessian_l: Matrix2<f64>, grad_g: Vector2<f64>) -> Option<(f64, f64)> {
    let n2 = grad_g.norm_squared();
    if !(n2 > 0.0 && n2.is_finite()) {
        return None;
    }
    let t = Vector2::new(-grad_g.y, grad_g.x) / n2.sqrt();
    let q = t.dot(&(hessian_l * t));
    Some((q, -n2 * q))
}

/// Relative size below which the curvature along the constraint counts as zero.
pub const ZERO_CURVATURE_TOL: f64 = 1e-6;

/// Classifies an active point by the sign of det H_B (via the tangent curvature), for an
/// equality constraint: minimum, maximum or inconclusive. `scale` is a typical Hessian
/// magnitude there; curvature within ZERO_CURVATURE_TOL of it counts as zero.
pub fn classify_on_constraint(
    surface: &dyn Surface,
    constraint: &Constraint,
    p: Point,
    lambda: f64,
) -> (Option<f64>, Option<f64>, ConstrainedKind) {
    let hf = surface.hessian(p);
    let hg = constraint.hessian(p) * lambda;
    let scale = hf.norm().max(hg.norm()).max(super::DEFAULT_CURVATURE_SCALE);
    match tangent_curvature(hf - hg, constraint.gradient(p)) {
        Some((q, det)) if q.is_finite() => {
            let kind = if q.abs() <= ZERO_CURVATURE_TOL * scale {
                ConstrainedKind::Inconclusive
            } else if q > 0.0 {
                ConstrainedKind::Minimum
            } else {
                ConstrainedKind::Maximum
            };
            (Some(q), Some(det), kind)
        }
        _ => (None, None, ConstrainedKind::Inconclusive),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bordered_determinant_is_minus_gradient_squared_times_tangent_curvature() {
        // H_L = [[2, 1], [1, 3]], ∇g = (1, 2): det [[0,1,2],[1,2,1],[2,1,3]]
        // = 0·(6 − 1) − 1·(3 − 2) + 2·(1 − 4) = −7; t = (−2, 1)/√5, tᵀH t = (8 − 4 + 3)/5 = 7/5.
        let h = Matrix2::new(2.0, 1.0, 1.0, 3.0);
        let (q, det) = tangent_curvature(h, Vector2::new(1.0, 2.0)).unwrap();
        assert!((q - 1.4).abs() < 1e-12);
        assert!((det + 7.0).abs() < 1e-12);
        let full = Matrix3::new(0.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 3.0);
        assert!((full.determinant() - det).abs() < 1e-12);
        assert_eq!(tangent_curvature(h, Vector2::zeros()), None);
    }
}
