//! What the Hessian at a point means, in plain words, for the inspector.

use crate::analysis::{CriticalKind, CriticalPoint, HessianInfo};
use crate::surface::Point;

/// A one-line reading of the curvature, e.g. "saddle: curves down along v₁, up along v₂".
pub fn curvature_reading(info: &HessianInfo) -> String {
    match info.kind {
        CriticalKind::Minimum => "curves up in both directions: a minimum would be here".into(),
        CriticalKind::Maximum => "curves down in both directions: a maximum would be here".into(),
        CriticalKind::Saddle => "saddle: curves down along v₁, up along v₂".into(),
        CriticalKind::Degenerate => {
            let flat = if info.eigenvalues[0].abs() <= info.eigenvalues[1].abs() {
                "v₁"
            } else {
                "v₂"
            };
            format!("flat along {flat}: the second-derivative test cannot tell")
        }
    }
}

/// Whether the point is (nearly) critical, relative to the gradient's scale.
pub fn gradient_reading(grad_norm: f64) -> String {
    if grad_norm < 1e-6 {
        "∇f ≈ 0: a critical point".into()
    } else {
        "slope: steepest descent is −∇f".into()
    }
}

/// The critical point nearest to `p`, with its distance.
pub fn nearest_critical(points: &[CriticalPoint], p: Point) -> Option<(&CriticalPoint, f64)> {
    points
        .iter()
        .map(|c| (c, (c.point - p).norm()))
        .min_by(|a, b| a.1.total_cmp(&b.1))
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
            curvature_reading(&saddle),
            "saddle: curves down along v₁, up along v₂"
        );
        let min = classify(Matrix2::new(2.0, 0.0, 0.0, 3.0));
        assert!(curvature_reading(&min).contains("minimum would be here"));
        let max = classify(Matrix2::new(-2.0, 0.0, 0.0, -3.0));
        assert!(curvature_reading(&max).contains("maximum"));
        // Monkey saddle at the origin: Hessian zero, degenerate.
        let flat = classify(Matrix2::zeros());
        assert!(curvature_reading(&flat).starts_with("flat along"));
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
