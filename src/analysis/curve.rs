//! Curves of critical points (a ring or a line of minima): where the Hessian is singular along
//! a connected set, Newton cannot certify a point and bisection never ends. Such a set is
//! found by projecting onto it and traced by continuation instead, then reported as one curve.
//!
//! Projection is Gauss–Newton with the Hessian's pseudo-inverse (minimum-norm steps), which
//! converges quadratically to the nearest point of a set where ∇²f has rank one. Tracing steps
//! along the Hessian's null direction and projects back (pseudo-arclength continuation).

use super::critical::CriticalKind;
use super::findings::Curve;
use super::grid::Frame;
use crate::surface::{Point, Surface};
use nalgebra::{Matrix2, SymmetricEigen, Vector2};

/// Largest number of continuation steps of one curve (a closed curve of length 2π at the
/// default step takes ~270).
const MAX_STEPS: usize = 20_000;

pub(super) struct Tracer<'a> {
    pub surface: &'a dyn Surface,
    pub frame: &'a Frame,
    /// |∇f| in region units below which a point counts as critical.
    pub gtol: f64,
    /// Continuation step, in region units.
    pub step: f64,
}

/// Eigenvalues and eigenvectors, the one of smaller magnitude first.
fn eigen_by_size(h: Matrix2<f64>) -> Option<([f64; 2], [Vector2<f64>; 2])> {
    let e = SymmetricEigen::new((h + h.transpose()) * 0.5);
    let (l, v) = (e.eigenvalues, e.eigenvectors);
    if !(l[0].is_finite() && l[1].is_finite()) {
        return None;
    }
    let (a, b) = if l[0].abs() <= l[1].abs() {
        (0, 1)
    } else {
        (1, 0)
    };
    Some((
        [l[a], l[b]],
        [v.column(a).into_owned(), v.column(b).into_owned()],
    ))
}

/// The Hessian has rank one here: one eigenvalue is round-off next to the other.
pub(super) fn rank_one(h: Matrix2<f64>) -> Option<Vector2<f64>> {
    let (l, v) = eigen_by_size(h)?;
    (l[1] != 0.0 && l[0].abs() <= 1e-6 * l[1].abs()).then_some(v[0])
}

impl Tracer<'_> {
    /// The nearest critical point to `p` along minimum-norm Gauss–Newton steps, if the
    /// iteration reaches |∇f| ≤ gtol.
    pub fn project(&self, mut p: Point) -> Option<Point> {
        for _ in 0..40 {
            let g = self.surface.gradient(p);
            if !(g.x.is_finite() && g.y.is_finite()) {
                return None;
            }
            if g == Vector2::zeros() {
                break;
            }
            let (l, v) = eigen_by_size(self.surface.hessian(p))?;
            let mut s = Vector2::zeros();
            for k in 0..2 {
                if l[k].abs() > 1e-9 * l[1].abs() && l[k] != 0.0 {
                    s -= v[k] * (v[k].dot(&g) / l[k]);
                }
            }
            if !(s.x.is_finite() && s.y.is_finite()) || s == Vector2::zeros() {
                break;
            }
            if self.frame.len(s) > 4.0 * self.step {
                return None;
            }
            p += s;
            if self.frame.len(s) <= 1e-15 {
                break;
            }
        }
        let g = self.surface.gradient(p);
        (self.frame.grad_norm(g) <= self.gtol).then_some(p)
    }

    /// The nearest point of a curve of critical points: Newton steps along the Hessian's
    /// dominant eigenvector only (the curve's normal), so a point near the curve moves onto it
    /// rather than along it. `None` if that point is not critical.
    pub fn project_normal(&self, mut p: Point) -> Option<Point> {
        for _ in 0..40 {
            let g = self.surface.gradient(p);
            if !(g.x.is_finite() && g.y.is_finite()) {
                return None;
            }
            if g == Vector2::zeros() {
                break;
            }
            let (l, v) = eigen_by_size(self.surface.hessian(p))?;
            if l[1] == 0.0 {
                break;
            }
            let s = -v[1] * (v[1].dot(&g) / l[1]);
            if !(s.x.is_finite() && s.y.is_finite()) || self.frame.len(s) > 4.0 * self.step {
                return None;
            }
            p += s;
            if self.frame.len(s) <= 1e-15 {
                break;
            }
        }
        let g = self.surface.gradient(p);
        (self.frame.grad_norm(g) <= self.gtol).then_some(p)
    }

    /// Traces the curve of critical points through `p0` (a critical point where the Hessian
    /// has rank one); `None` if there is no curve there (an isolated degenerate point).
    pub fn trace(&self, p0: Point) -> Option<Curve> {
        let t0 = rank_one(self.surface.hessian(p0))?;
        let (forward, closed) = self.walk(p0, t0);
        let mut points = Vec::new();
        if !closed {
            let (backward, _) = self.walk(p0, -t0);
            points.extend(backward.into_iter().rev());
        }
        points.push(p0);
        points.extend(forward);
        points.retain(|p| self.frame.contains(*p));
        points.dedup();
        if points.len() < 3 {
            return None;
        }
        Some(self.describe(points, closed))
    }

    /// Steps along the curve from p0 in direction t until it leaves the region, returns to
    /// p0 (closed) or stops being a curve of critical points.
    fn walk(&self, p0: Point, mut t: Vector2<f64>) -> (Vec<Point>, bool) {
        let mut out = Vec::new();
        let mut p = p0;
        for _ in 0..MAX_STEPS {
            let guess = p + t * (self.step / self.frame.len(t));
            let Some(q) = self.project_normal(guess) else {
                break;
            };
            let moved = self.frame.dist(q, p);
            if moved < 0.25 * self.step {
                break;
            }
            if out.len() >= 3 && self.frame.dist(q, p0) < 0.75 * self.step {
                return (out, true);
            }
            let Some(tq) = rank_one(self.surface.hessian(q)) else {
                break;
            };
            t = if tq.dot(&(q - p)) >= 0.0 { tq } else { -tq };
            if !self.frame.contains(q) {
                // Leaving the region: end on its edge, where the step crosses it.
                let edge = self.frame.clip_segment(p, q);
                if let Some(e) = self.project_normal(edge)
                    && self.frame.contains(e)
                {
                    out.push(e);
                }
                break;
            }
            out.push(q);
            p = q;
        }
        (out, false)
    }

    fn describe(&self, points: Vec<Point>, closed: bool) -> Curve {
        let mut length: f64 = points.windows(2).map(|w| (w[1] - w[0]).norm()).sum();
        if closed && let (Some(a), Some(b)) = (points.first(), points.last()) {
            length += (a - b).norm();
        }
        let across: Vec<f64> = points
            .iter()
            .filter_map(|p| eigen_by_size(self.surface.hessian(*p)).map(|(l, _)| l[1]))
            .collect();
        let big = across.iter().fold(0.0f64, |m, l| m.max(l.abs()));
        let up = across.iter().filter(|l| **l > 1e-6 * big).count();
        let down = across.iter().filter(|l| **l < -1e-6 * big).count();
        let kind = match (up, down) {
            (u, 0) if u > 0 => CriticalKind::Minimum,
            (0, d) if d > 0 => CriticalKind::Maximum,
            _ => CriticalKind::Degenerate,
        };
        let mut values: Vec<f64> = points.iter().map(|p| self.surface.value(*p)).collect();
        values.sort_by(f64::total_cmp);
        Curve {
            kind,
            value: values[values.len() / 2],
            points,
            closed,
            length,
        }
    }
}
