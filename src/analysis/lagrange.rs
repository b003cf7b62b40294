//! The constrained critical-point search: Newton on (x, y, λ) for ∇f − λ∇g = 0, g = 0 from
//! many seeds; for an inequality also the feasible interior critical points of f.
//!
//! 1. Seeds: every cell of an N×N grid over the region where g changes sign (the constraint
//!    curve passes through it), plus a coarse grid everywhere; λ starts at the least-squares
//!    multiplier ∇f·∇g/|∇g|².
//! 2. Newton on F(x, y, λ) = (f_x − λg_x, f_y − λg_y, g) with Jacobian
//!    [[L_xx, L_xy, −g_x], [L_xy, L_yy, −g_y], [g_x, g_y, 0]] (L = f − λg), the (x, y) part of
//!    a step limited to a fraction of the region, and backtracking so |F| decreases.
//! 3. Keep converged points inside the region, merge duplicates, classify by the bordered
//!    Hessian (see `bordered.rs`). For g ≤ 0 add the critical points of f with g < 0, and read
//!    boundary points with the KKT sign condition (λ ≤ 0 at a minimum, λ ≥ 0 at a maximum,
//!    with ∇f = λ∇g).

use super::bordered::{ConstrainedKind, ConstrainedPoint, classify_on_constraint};
use super::critical::{CriticalKind, classify_scaled};
use super::grid::{Frame, coarse_seeds, curvature_scale};
use super::search::critical_points;
use crate::surface::{Constraint, ConstraintKind, Point, Region, Surface};
use nalgebra::{Matrix3, Vector2, Vector3};
use std::cmp::Ordering;

/// Why a constrained search cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConstrainedError {
    #[error("surface '{0}' has no constraint")]
    Unconstrained(String),
    #[error("surface '{name}' has {count} constraints; the constrained search handles exactly one")]
    TooMany { name: String, count: usize },
}

/// Every critical point of the constrained problem "f subject to the surface's constraint"
/// inside `region`, sorted by kind (minima, saddles, maxima, inconclusive), then value.
pub fn constrained_critical_points(
    surface: &dyn Surface,
    region: Region,
) -> Result<Vec<ConstrainedPoint>, ConstrainedError> {
    let constraint = match surface.constraints() {
        [] => return Err(ConstrainedError::Unconstrained(surface.name().into())),
        [c] => c,
        many => {
            return Err(ConstrainedError::TooMany {
                name: surface.name().into(),
                count: many.len(),
            });
        }
    };
    let frame = Frame::new(region);
    if !(frame.w > 0.0 && frame.h > 0.0 && frame.w.is_finite() && frame.h.is_finite()) {
        return Ok(Vec::new());
    }
    // Grid nodes per axis for the sign-change seeds, and coarse seeds per axis.
    let (n, coarse) = (65, 12);
    let solver = LagrangeSolver::new(surface, constraint, &frame, n);
    let mut found: Vec<(Point, f64)> = sign_change_cells(constraint, &frame, n)
        .into_iter()
        .chain(coarse_seeds(&frame, coarse))
        .filter_map(|seed| solver.solve(seed))
        .collect();

    let mut interior = Vec::new();
    if constraint.kind() == ConstraintKind::Inequality {
        for c in critical_points(surface, region) {
            let g = constraint.value(c.point);
            if g.abs() <= solver.g_tol {
                // A critical point of f on the boundary: weakly active, λ = 0.
                found.push((c.point, 0.0));
            } else if g < 0.0 {
                interior.push(ConstrainedPoint {
                    point: c.point,
                    value: c.value,
                    lambda: 0.0,
                    active: false,
                    bordered_determinant: None,
                    tangent_curvature: None,
                    kind: ConstrainedKind::from_unconstrained(c.kind()),
                });
            }
        }
    }

    let mut points: Vec<ConstrainedPoint> = merge(found, &frame)
        .into_iter()
        .map(|(p, lambda)| solver.classify(p, lambda))
        .chain(interior)
        .collect();
    points.sort_by(compare);
    Ok(points)
}

/// Centres of the cells where g changes sign: the constraint curve passes through them.
fn sign_change_cells(constraint: &Constraint, frame: &Frame, n: usize) -> Vec<Point> {
    let g: Vec<f64> = (0..n * n)
        .map(|k| constraint.value(frame.node(k % n, k / n, n)))
        .collect();
    let mut out = Vec::new();
    for j in 0..n - 1 {
        for i in 0..n - 1 {
            let c = [
                g[j * n + i],
                g[j * n + i + 1],
                g[(j + 1) * n + i],
                g[(j + 1) * n + i + 1],
            ];
            let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo <= 0.0 && hi >= 0.0 {
                out.push((frame.node(i, j, n) + frame.node(i + 1, j + 1, n)) * 0.5);
            }
        }
    }
    out
}

/// Merges points within 1e-6 of the region's size, keeping the first; drops points outside.
fn merge(found: Vec<(Point, f64)>, frame: &Frame) -> Vec<(Point, f64)> {
    let mut kept: Vec<(Point, f64)> = Vec::new();
    for (p, l) in found {
        if frame.contains(p) && !kept.iter().any(|(q, _)| frame.dist(*q, p) <= 1e-6) {
            kept.push((p, l));
        }
    }
    kept
}

fn rank(kind: ConstrainedKind) -> u8 {
    match kind {
        ConstrainedKind::Minimum => 0,
        ConstrainedKind::Saddle => 1,
        ConstrainedKind::Maximum => 2,
        ConstrainedKind::Inconclusive => 3,
    }
}

fn compare(a: &ConstrainedPoint, b: &ConstrainedPoint) -> Ordering {
    rank(a.kind)
        .cmp(&rank(b.kind))
        .then(a.value.total_cmp(&b.value))
        .then(a.point.x.total_cmp(&b.point.x))
        .then(a.point.y.total_cmp(&b.point.y))
}

struct LagrangeSolver<'a> {
    surface: &'a dyn Surface,
    constraint: &'a Constraint,
    frame: &'a Frame,
    /// |∇f| and |∇g| in region units, largest over the grid: the scales of the residuals.
    f_scale: f64,
    g_scale: f64,
    /// |g| below which a point is on the constraint.
    g_tol: f64,
    /// Curvature of f over the region, for classifying weakly active points.
    curvature: f64,
}

impl<'a> LagrangeSolver<'a> {
    fn new(
        surface: &'a dyn Surface,
        constraint: &'a Constraint,
        frame: &'a Frame,
        n: usize,
    ) -> Self {
        let mut f_scale: f64 = 0.0;
        let mut g_scale: f64 = 0.0;
        for k in 0..n * n {
            let p = frame.node(k % n, k / n, n);
            let (gf, gg) = (
                frame.grad_norm(surface.gradient(p)),
                frame.grad_norm(constraint.gradient(p)),
            );
            if gf.is_finite() {
                f_scale = f_scale.max(gf);
            }
            if gg.is_finite() {
                g_scale = g_scale.max(gg);
            }
        }
        Self {
            surface,
            constraint,
            frame,
            f_scale,
            g_scale,
            g_tol: 1e-9 * g_scale,
            curvature: curvature_scale(surface, frame, n),
        }
    }

    /// |F| with each part in region units, relative to its scale.
    fn residual(&self, p: Point, lambda: f64) -> f64 {
        let s = self.surface.gradient(p) - self.constraint.gradient(p) * lambda;
        let stat = self.frame.grad_norm(s) / self.f_scale.max(f64::MIN_POSITIVE);
        let feas = self.constraint.value(p) / self.g_scale.max(f64::MIN_POSITIVE);
        stat.hypot(feas)
    }

    /// Newton on (x, y, λ) from `seed`; `Some((p, λ))` only if it converges.
    fn solve(&self, seed: Point) -> Option<(Point, f64)> {
        let gg = self.constraint.gradient(seed);
        let mut lambda = if gg.norm_squared() > 0.0 {
            self.surface.gradient(seed).dot(&gg) / gg.norm_squared()
        } else {
            0.0
        };
        let mut p = seed;
        let mut r = self.residual(p, lambda);
        for _ in 0..60 {
            if !r.is_finite() || !self.frame.near(p) {
                return None;
            }
            if r <= 1e-13 {
                break;
            }
            let step = self.newton_step(p, lambda)?;
            let mut dx = Vector2::new(step.x, step.y);
            let mut dl = step.z;
            let len = self.frame.len(dx);
            if len > 0.1 {
                dx *= 0.1 / len;
                dl *= 0.1 / len;
            }
            let mut accepted = false;
            for _ in 0..30 {
                let rn = self.residual(p + dx, lambda + dl);
                if rn < r {
                    (p, lambda, r) = (p + dx, lambda + dl, rn);
                    accepted = true;
                    break;
                }
                dx *= 0.5;
                dl *= 0.5;
            }
            if !accepted || self.frame.len(dx) <= 1e-15 {
                break;
            }
        }
        (r <= 1e-9).then_some((p, lambda))
    }

    fn newton_step(&self, p: Point, lambda: f64) -> Option<Vector3<f64>> {
        let gf = self.surface.gradient(p);
        let gg = self.constraint.gradient(p);
        let l = self.surface.hessian(p) - self.constraint.hessian(p) * lambda;
        let j = Matrix3::new(
            l[(0, 0)],
            l[(0, 1)],
            -gg.x,
            l[(1, 0)],
            l[(1, 1)],
            -gg.y,
            gg.x,
            gg.y,
            0.0,
        );
        let f = Vector3::new(
            gf.x - lambda * gg.x,
            gf.y - lambda * gg.y,
            self.constraint.value(p),
        );
        j.lu()
            .solve(&(-f))
            .filter(|s| s.iter().all(|c| c.is_finite()))
    }

    /// Classifies an active point: by the bordered Hessian for an equality; for an inequality
    /// also by the KKT sign of λ (a weakly active point, λ ≈ 0, by the full Hessian of f).
    fn classify(&self, p: Point, lambda: f64) -> ConstrainedPoint {
        let (q, det, along) = classify_on_constraint(self.surface, self.constraint, p, lambda);
        // The constraint barely pulls (λ·∇g at round-off): the point is a critical point of f
        // itself, and λ is reported as exactly 0 rather than as "−0.000000".
        let weakly_active =
            self.frame.grad_norm(self.constraint.gradient(p) * lambda) <= 1e-8 * self.f_scale;
        let lambda = if weakly_active { 0.0 } else { lambda };
        let kind = match self.constraint.kind() {
            ConstraintKind::Equality => along,
            ConstraintKind::Inequality => {
                if weakly_active {
                    match classify_scaled(self.surface.hessian(p), self.curvature).kind {
                        CriticalKind::Minimum => ConstrainedKind::Minimum,
                        CriticalKind::Maximum => ConstrainedKind::Maximum,
                        CriticalKind::Saddle => ConstrainedKind::Saddle,
                        CriticalKind::Degenerate => ConstrainedKind::Inconclusive,
                    }
                } else {
                    match (along, lambda < 0.0) {
                        (ConstrainedKind::Minimum, true) => ConstrainedKind::Minimum,
                        (ConstrainedKind::Maximum, false) => ConstrainedKind::Maximum,
                        (ConstrainedKind::Inconclusive, _) => ConstrainedKind::Inconclusive,
                        _ => ConstrainedKind::Saddle,
                    }
                }
            }
        };
        ConstrainedPoint {
            point: p,
            value: self.surface.value(p),
            lambda,
            active: true,
            bordered_determinant: det,
            tangent_curvature: q,
            kind,
        }
    }
}
