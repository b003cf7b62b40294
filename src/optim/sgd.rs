//! Gradient descent and torch.optim.SGD (momentum, dampening, Nesterov, weight decay).

use super::{Optimizer, Oracle, StepError, weight_decayed};
use crate::surface::Point;
use nalgebra::Vector2;

/// Plain gradient descent: x ← x − lr·∇f(x).
#[derive(Debug, Clone, Default)]
pub struct GradientDescent;

impl Optimizer for GradientDescent {
    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = oracle.gradient(*x);
        *x -= lr * g;
        Ok(())
    }
    fn reset(&mut self) {}
}

/// torch.optim.SGD. Defaults: momentum 0, dampening 0, nesterov false, weight_decay 0.
///
/// ```text
/// g ← g + λ·x                                   (weight_decay λ ≠ 0)
/// b ← g                         on the first step (the buffer starts as a copy of g)
/// b ← μ·b + (1 − τ)·g           afterwards         (momentum μ, dampening τ)
/// g ← g + μ·b if nesterov, else g ← b
/// x ← x − lr·g
/// ```
#[derive(Debug, Clone)]
pub struct Sgd {
    pub momentum: f64,
    pub dampening: f64,
    pub nesterov: bool,
    pub weight_decay: f64,
    buf: Option<Vector2<f64>>,
}

impl Sgd {
    pub fn new(momentum: f64, dampening: f64, nesterov: bool, weight_decay: f64) -> Self {
        Self {
            momentum,
            dampening,
            nesterov,
            weight_decay,
            buf: None,
        }
    }
}

impl Optimizer for Sgd {
    fn set_momentum(&mut self, momentum: f64) {
        self.momentum = momentum;
    }

    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let mut g = weight_decayed(oracle.gradient(*x), *x, self.weight_decay);
        if self.momentum != 0.0 {
            let b = match self.buf {
                None => g,
                Some(b) => self.momentum * b + (1.0 - self.dampening) * g,
            };
            self.buf = Some(b);
            g = if self.nesterov {
                g + self.momentum * b
            } else {
                b
            };
        }
        *x -= lr * g;
        Ok(())
    }

    fn reset(&mut self) {
        self.buf = None;
    }
}
