//! Projection onto a constraint set by Newton's method: the nearest point p to z with g(p) = 0
//! (or g(p) ≤ 0).
//!
//! The nearest point solves the KKT system of min ½|p − z|² subject to g(p) = 0:
//! p − z + ν∇g(p) = 0, g(p) = 0. Newton on (p, ν) converges fast from near the curve, so a few
//! Gauss–Newton steps p ← p − g(p)∇g(p)/|∇g(p)|² (Newton's method for g = 0 along ∇g) bring
//! z onto the curve first. For a line both reach the orthogonal projection in one step; for a
//! circle about the origin the first step is already radial.

use crate::surface::{Constraint, ConstraintKind, Point};
use nalgebra::{Matrix3, Vector2, Vector3};

/// Why a point could not be projected.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum ProjectionError {
    #[error("cannot project ({x:.4}, {y:.4}) onto the constraint: ∇g vanishes or Newton fails")]
    NoProjection { x: f64, y: f64 },
}

/// Tolerance on |g| relative to |∇g|·max(1, |p|): a distance of ~1e-12 in the plane.
const FEASIBILITY_TOL: f64 = 1e-12;

/// The projection of `z` onto one constraint: the nearest point of g = 0; for g ≤ 0, `z`
/// itself when feasible, else the nearest point of the boundary.
pub fn project(constraint: &Constraint, z: Point) -> Result<Point, ProjectionError> {
    let fail = ProjectionError::NoProjection { x: z.x, y: z.y };
    let g0 = constraint.value(z);
    if !g0.is_finite() {
        return Err(fail);
    }
    if constraint.kind() == ConstraintKind::Inequality && g0 <= 0.0 {
        return Ok(z);
    }
    let on_curve = |p: Point, g: f64, dg: Vector2<f64>| {
        g.abs() <= FEASIBILITY_TOL * dg.norm() * p.norm().max(1.0)
    };
    // 1. Onto the curve: Newton's method for g = 0 along ∇g.
    let mut p = z;
    for _ in 0..100 {
        let (g, dg) = (constraint.value(p), constraint.gradient(p));
        let n2 = dg.norm_squared();
        if !(n2 > 0.0 && n2.is_finite() && g.is_finite()) {
            return Err(fail);
        }
        if on_curve(p, g, dg) {
            break;
        }
        p -= dg * (g / n2);
    }
    // 2. To the nearest point: Newton on p − z + ν∇g(p) = 0, g(p) = 0.
    let dg = constraint.gradient(p);
    let mut nu = -(p - z).dot(&dg) / dg.norm_squared();
    for _ in 0..50 {
        let (g, dg, hg) = (
            constraint.value(p),
            constraint.gradient(p),
            constraint.hessian(p),
        );
        let r = Vector3::new(p.x - z.x + nu * dg.x, p.y - z.y + nu * dg.y, g);
        let h = hg * nu;
        let j = Matrix3::new(
            1.0 + h[(0, 0)],
            h[(0, 1)],
            dg.x,
            h[(1, 0)],
            1.0 + h[(1, 1)],
            dg.y,
            dg.x,
            dg.y,
            0.0,
        );
        let Some(s) = j
            .lu()
            .solve(&(-r))
            .filter(|s| s.iter().all(|c| c.is_finite()))
        else {
            break;
        };
        p += Vector2::new(s.x, s.y);
        nu += s.z;
        if s.x.hypot(s.y) <= 1e-15 * p.norm().max(1.0) {
            break;
        }
    }
    let (g, dg) = (constraint.value(p), constraint.gradient(p));
    // Newton on the KKT system can wander to a farther critical point of the distance (or
    // off the curve); keep its answer only if it is on the curve.
    if on_curve(p, g, dg) || g.abs() <= 1e-9 * dg.norm() {
        Ok(p)
    } else {
        Err(fail)
    }
}

/// Projects onto every constraint in turn (alternating projections; exact for one).
pub fn project_all(constraints: &[Constraint], z: Point) -> Result<Point, ProjectionError> {
    constraints.iter().try_fold(z, |p, c| project(c, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::Quadratic;

    #[test]
    fn projects_onto_line_circle_and_disc() {
        let line = Constraint::equality("x + y − 1", Quadratic::line(1.0, 1.0, 1.0));
        // (1.2, 0.8): g = 1, so subtract (1/2)(1, 1): (0.7, 0.3).
        let p = project(&line, Point::new(1.2, 0.8)).unwrap();
        assert!((p - Point::new(0.7, 0.3)).norm() < 1e-15);
        let circle = Constraint::equality("x² + y² − 1", Quadratic::circle(1.0));
        // Radially: (3, 4)/5.
        let p = project(&circle, Point::new(3.0, 4.0)).unwrap();
        assert!((p - Point::new(0.6, 0.8)).norm() < 1e-15, "{p:?}");
        let p = project(&circle, Point::new(0.03, -0.04)).unwrap();
        assert!((p - Point::new(0.6, -0.8)).norm() < 1e-15, "{p:?}");
        let disc = Constraint::inequality("x² + y² − 2", Quadratic::circle(2.0));
        assert_eq!(
            project(&disc, Point::new(0.5, -1.0)).unwrap(),
            Point::new(0.5, -1.0)
        );
        let p = project(&disc, Point::new(2.0, 2.0)).unwrap();
        assert!((p - Point::new(1.0, 1.0)).norm() < 1e-15, "{p:?}");
        // The centre has no nearest point: ∇g = 0 there.
        assert!(project(&circle, Point::new(0.0, 0.0)).is_err());
    }

    #[test]
    fn finds_the_nearest_point_of_an_ellipse() {
        // g = x²/4 + y² − 1 (A = diag(1/2, 2)). From z = (0, 2) the nearest point is (0, 1);
        // from z = (4, 0) it is (2, 0). From z = (2, 1): by hand, p = (x, y) with
        // (x − 2, y − 1) = −ν(x/2, 2y), i.e. x = 4/(2 + ν), y = 1/(1 + 2ν); check g = 0 and
        // that p − z is normal to the ellipse.
        let a = nalgebra::Matrix2::new(0.5, 0.0, 0.0, 2.0);
        let e = Constraint::equality(
            "x²/4 + y² − 1",
            Quadratic {
                a,
                b: Vector2::zeros(),
                c: -1.0,
            },
        );
        assert!((project(&e, Point::new(0.0, 2.0)).unwrap() - Point::new(0.0, 1.0)).norm() < 1e-14);
        assert!((project(&e, Point::new(4.0, 0.0)).unwrap() - Point::new(2.0, 0.0)).norm() < 1e-14);
        let z = Point::new(2.0, 1.0);
        let p = project(&e, z).unwrap();
        assert!(e.value(p).abs() < 1e-14);
        let (d, n) = (p - z, e.gradient(p));
        assert!(
            (d.x * n.y - d.y * n.x).abs() < 1e-12,
            "p − z not normal: {p:?}"
        );
        assert!(d.dot(&n) < 0.0, "z is outside, so p − z points inward");
    }
}
