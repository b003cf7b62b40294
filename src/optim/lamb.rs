//! LAMB: layer-wise adaptive moments (You et al. 2019, "Large Batch Optimization for Deep
//! Learning: Training BERT in 76 minutes", Algorithm 2). The 2-vector is one layer.
//!
//! Defaults (as in torch-optimizer's Lamb): lr 1e-3, betas (0.9, 0.999), eps 1e-6,
//! weight_decay 0; φ is the identity.
//!
//! ```text
//! m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
//! m̂ = m / (1 − β₁ᵗ);       v̂ = v / (1 − β₂ᵗ)
//! r = m̂ / (√v̂ + eps) + λ·x
//! x ← x − lr · (‖x‖ / ‖r‖) · r        (trust ratio 1 when ‖x‖ or ‖r‖ is 0)
//! ```

use super::{Oracle, PlanarOptimizer, StepError, addcmul};
use crate::surface::Point;
use nalgebra::Vector2;

type V = Vector2<f64>;

#[derive(Debug, Clone)]
pub struct Lamb {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    t: i32,
    m: V,
    v: V,
}

impl Lamb {
    pub fn new(beta1: f64, beta2: f64, eps: f64, weight_decay: f64) -> Self {
        Self {
            beta1,
            beta2,
            eps,
            weight_decay,
            t: 0,
            m: V::zeros(),
            v: V::zeros(),
        }
    }
}

impl PlanarOptimizer for Lamb {
    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }

    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = oracle.gradient_at(*x);
        self.t += 1;
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * g;
        // exp_avg_sq.mul_(β₂).addcmul_(g, g, value=1 − β₂), as torch-optimizer's Lamb.
        self.v = addcmul(self.v * self.beta2, 1.0 - self.beta2, g, g);
        let m_hat = self.m / (1.0 - self.beta1.powf(self.t as f64));
        let v_hat = self.v / (1.0 - self.beta2.powf(self.t as f64));
        let r = m_hat.component_div(&v_hat.map(f64::sqrt).add_scalar(self.eps))
            + self.weight_decay * *x;
        let x_norm = x.norm();
        let r_norm = r.norm();
        let trust = if x_norm == 0.0 || r_norm == 0.0 {
            1.0
        } else {
            x_norm / r_norm
        };
        *x -= (lr * trust) * r;
        Ok(())
    }

    fn reset(&mut self) {
        self.t = 0;
        self.m = V::zeros();
        self.v = V::zeros();
    }
}
