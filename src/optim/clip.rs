//! Gradient clipping as torch.nn.utils does it.
//!
//! - `clip_grad_norm_(max_norm)`: coef = max_norm / (‖g‖₂ + 1e-6), clamped to at most 1, and
//!   g ← coef·g (torch multiplies even when coef is 1, which changes nothing).
//! - `clip_grad_value_(v)`: each component clamped to [−v, v].
//!
//! When a spec gives both, the norm is clipped first, then each value.

use nalgebra::Vector2;

/// The clipping rules of one spec (`clip_norm=`, `clip_value=`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GradientClip {
    pub max_norm: Option<f64>,
    pub max_value: Option<f64>,
}

impl GradientClip {
    pub fn is_none(&self) -> bool {
        self.max_norm.is_none() && self.max_value.is_none()
    }

    /// The clipped gradient.
    #[inline]
    pub fn apply(&self, mut g: Vector2<f64>) -> Vector2<f64> {
        if let Some(max_norm) = self.max_norm {
            let total = g.norm();
            let coef = (max_norm / (total + 1e-6)).min(1.0);
            g *= coef;
        }
        if let Some(v) = self.max_value {
            g = g.map(|c| c.clamp(-v, v));
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_clip_scales_to_max_norm_over_norm_plus_eps() {
        // ‖(3, 4)‖ = 5; coef = 1 / (5 + 1e-6).
        let c = GradientClip {
            max_norm: Some(1.0),
            max_value: None,
        };
        let g = c.apply(Vector2::new(3.0, 4.0));
        let coef = 1.0 / (5.0 + 1e-6);
        assert_eq!(g, Vector2::new(3.0 * coef, 4.0 * coef));
        // Below the threshold nothing changes.
        let small = Vector2::new(0.3, 0.4);
        assert_eq!(c.apply(small), small);
    }

    #[test]
    fn value_clip_clamps_each_component() {
        let c = GradientClip {
            max_norm: None,
            max_value: Some(0.5),
        };
        assert_eq!(c.apply(Vector2::new(3.0, -0.2)), Vector2::new(0.5, -0.2));
        assert_eq!(c.apply(Vector2::new(-7.0, 0.5)), Vector2::new(-0.5, 0.5));
    }
}
