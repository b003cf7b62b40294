//! Gradient clipping as torch.nn.utils does it, over a run's whole gradient.
//!
//! - `clip_grad_norm_(max_norm)`: coef = max_norm / (‖g‖₂ + 1e-6), clamped to at most 1, and
//!   g ← coef·g (torch multiplies even when coef is 1, which changes nothing).
//! - `clip_grad_value_(v)`: each component clamped to [−v, v].
//!
//! When a spec gives both, the norm is clipped first, then each value.

use crate::objective::norm;

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

    /// Clips `g` (all of one run's parameters) in place.
    #[inline]
    pub fn apply(&self, g: &mut [f64]) {
        if let Some(max_norm) = self.max_norm {
            let coef = (max_norm / (norm(g) + 1e-6)).min(1.0);
            g.iter_mut().for_each(|c| *c *= coef);
        }
        if let Some(v) = self.max_value {
            g.iter_mut().for_each(|c| *c = c.clamp(-v, v));
        }
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
        let mut g = [3.0, 4.0];
        c.apply(&mut g);
        let coef = 1.0 / (5.0 + 1e-6);
        assert_eq!(g, [3.0 * coef, 4.0 * coef]);
        // Below the threshold nothing changes; the norm is over every parameter.
        let mut small = [0.3, 0.4];
        c.apply(&mut small);
        assert_eq!(small, [0.3, 0.4]);
        let mut four = [1.0, 1.0, 1.0, 1.0];
        c.apply(&mut four);
        assert_eq!(four, [1.0 / (2.0 + 1e-6); 4]);
    }

    #[test]
    fn value_clip_clamps_each_component() {
        let c = GradientClip {
            max_norm: None,
            max_value: Some(0.5),
        };
        let mut g = [3.0, -0.2, -7.0, 0.5];
        c.apply(&mut g);
        assert_eq!(g, [0.5, -0.2, -0.5, 0.5]);
    }
}
