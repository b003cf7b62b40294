//! Lion: evolved sign momentum (Chen et al. 2023, "Symbolic Discovery of Optimization
//! Algorithms", Algorithm 2). Defaults (as in the authors' and lucidrains' lion-pytorch):
//! lr 1e-4, betas (0.9, 0.99), weight_decay 0.
//!
//! ```text
//! c = β₁·m + (1 − β₁)·g
//! x ← x − lr·(sign(c) + λ·x)          (sign(0) = 0, as torch.sign), computed as the
//!                                      authors' code does: x·(1 − lr·λ) − lr·sign(c)
//! m ← β₂·m + (1 − β₂)·g
//! ```

use super::{Oracle, PlanarOptimizer, StepError};
use crate::surface::Point;
use nalgebra::Vector2;

type V = Vector2<f64>;

#[derive(Debug, Clone)]
pub struct Lion {
    pub beta1: f64,
    pub beta2: f64,
    pub weight_decay: f64,
    m: V,
}

impl Lion {
    pub fn new(beta1: f64, beta2: f64, weight_decay: f64) -> Self {
        Self {
            beta1,
            beta2,
            weight_decay,
            m: V::zeros(),
        }
    }
}

#[inline]
fn sign(c: f64) -> f64 {
    if c > 0.0 {
        1.0
    } else if c < 0.0 {
        -1.0
    } else {
        0.0
    }
}

impl PlanarOptimizer for Lion {
    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }

    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = oracle.gradient_at(*x);
        // As the authors' PyTorch code orders it: decoupled decay, then the sign step.
        if self.weight_decay != 0.0 {
            *x *= 1.0 - lr * self.weight_decay;
        }
        let c = self.m * self.beta1 + g * (1.0 - self.beta1);
        *x += c.map(sign) * -lr;
        self.m = self.m * self.beta2 + g * (1.0 - self.beta2);
        Ok(())
    }

    fn reset(&mut self) {
        self.m = V::zeros();
    }
}
