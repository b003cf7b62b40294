//! What the Hessian at a point means, in plain words, for the inspector.

use crate::analysis::{Analysis, CriticalKind, CriticalPoint, Domain, HessianInfo};
use crate::surface::{Point, Region};

/// Below this |∇f| a point reads as critical.
pub const CRITICAL_GRADIENT: f64 = 1e-6;

/// A one-line reading of the curvature. At a critical point it names the kind ("saddle:
/// curves down along v₁, up along v₂"); elsewhere it only describes the local shape, since
/// a point on a slope is no saddle or minimum whatever its curvature.
pub fn curvature_reading(info: &HessianInfo, at_critical: bool) -> String {
    let shape = match info.kind {
        CriticalKind::Minimum => "curves up along v₁ and v₂".to_string(),
        CriticalKind::Maximum => "curves down along v₁ and v₂".to_string(),
        CriticalKind::Saddle => "curves down along v₁, up along v₂".to_string(),
        CriticalKind::Degenerate => {
            let (flat, other, l) = if info.eigenvalues[0].abs() <= info.eigenvalues[1].abs() {
                ("v₁", "v₂", info.eigenvalues[1])
            } else {
                ("v₂", "v₁", info.eigenvalues[0])
            };
            let bend = if l > 0.0 {
                format!(", up along {other}")
            } else if l < 0.0 {
                format!(", down along {other}")
            } else {
                String::new()
            };
            format!("flat along {flat}{bend}")
        }
    };
    if !at_critical {
        return shape;
    }
    match info.kind {
        CriticalKind::Minimum => format!("minimum: {shape}"),
        CriticalKind::Maximum => format!("maximum: {shape}"),
        CriticalKind::Saddle => format!("saddle: {shape}"),
        CriticalKind::Degenerate => format!("{shape}: the second-derivative test cannot tell"),
    }
}

/// Whether the point is (nearly) critical.
pub fn gradient_reading(grad_norm: f64) -> String {
    if grad_norm < CRITICAL_GRADIENT {
        "∇f ≈ 0: a critical point".into()
    } else {
        "not a critical point: steepest descent is −∇f".into()
    }
}

/// The critical point nearest to `p`, with its distance.
pub fn nearest_critical(points: &[CriticalPoint], p: Point) -> Option<(&CriticalPoint, f64)> {
    points
        .iter()
        .map(|c| (c, (c.point - p).norm()))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// What the critical-point search says about the view beyond its points, one line each:
/// curves, a constant or undefined f, parts it could not decide, a search still running.
/// `analysis` is the latest answer (None before the first), `searching` whether a search for
/// the current view is still running.
pub fn findings_reading(
    analysis: Option<&Analysis>,
    searching: bool,
    visible: Region,
) -> Vec<String> {
    let mut out = Vec::new();
    if searching {
        out.push("searching this view for critical points…".to_string());
    }
    let Some(a) = analysis else {
        return out;
    };
    if let Some(v) = a.constant {
        out.push(format!(
            "f is constant here (f = {v}): every point is critical"
        ));
        return out;
    }
    match a.domain {
        Domain::Undefined => out.push("f is undefined everywhere here".to_string()),
        Domain::PartlyUndefined { .. } => {
            out.push("f is undefined in part of the view (░)".to_string())
        }
        Domain::Defined => {}
    }
    for c in &a.curves {
        let what = match c.kind {
            CriticalKind::Minimum => "minima",
            CriticalKind::Maximum => "maxima",
            CriticalKind::Saddle => "saddles",
            CriticalKind::Degenerate => "degenerate points",
        };
        let shape = if c.closed {
            "a closed curve"
        } else {
            "a curve"
        };
        out.push(format!(
            "{shape} of {what} (the line drawn), f = {:.6}",
            c.value
        ));
    }
    let hidden = a.unresolved.iter().any(|u| overlaps(u, &visible));
    if hidden {
        out.push(
            "unresolved (╲): the search could not decide there; critical points may hide"
                .to_string(),
        );
    }
    out
}

fn overlaps(a: &Region, b: &Region) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::classify;
    use nalgebra::Matrix2;

    #[test]
    fn readings_follow_the_signs() {
        let saddle = classify(Matrix2::new(2.0, 0.0, 0.0, -2.0));
        assert_eq!(
            curvature_reading(&saddle, true),
            "saddle: curves down along v₁, up along v₂"
        );
        // Away from a critical point only the shape is described.
        assert_eq!(
            curvature_reading(&saddle, false),
            "curves down along v₁, up along v₂"
        );
        assert!(gradient_reading(2.9).starts_with("not a critical point"));
        let min = classify(Matrix2::new(2.0, 0.0, 0.0, 3.0));
        assert_eq!(
            curvature_reading(&min, true),
            "minimum: curves up along v₁ and v₂"
        );
        let max = classify(Matrix2::new(-2.0, 0.0, 0.0, -3.0));
        assert!(curvature_reading(&max, true).starts_with("maximum"));
        // Monkey saddle at the origin: Hessian zero, degenerate.
        let flat = classify(Matrix2::zeros());
        assert!(curvature_reading(&flat, true).starts_with("flat along"));
    }

    #[test]
    fn nearest_is_nearest() {
        let mk = |x: f64| CriticalPoint {
            point: Point::new(x, 0.0),
            value: 0.0,
            hessian: classify(Matrix2::identity()),
        };
        let pts = [mk(0.0), mk(3.0), mk(-5.0)];
        let (c, d) = nearest_critical(&pts, Point::new(2.0, 0.0)).unwrap();
        assert_eq!(c.point.x, 3.0);
        assert!((d - 1.0).abs() < 1e-12);
        assert!(nearest_critical(&[], Point::zeros()).is_none());
    }
}
