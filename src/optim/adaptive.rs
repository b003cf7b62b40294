//! Per-coordinate adaptive step sizes: torch.optim.Adagrad, RMSprop and Adadelta.
//!
//! All operations are element-wise on the 2-vector; g² means g∘g.

use super::{Oracle, PlanarOptimizer, StepError, addcdiv, addcmul, lerp, sqrt, weight_decayed};
use crate::surface::Point;
use nalgebra::Vector2;

type V = Vector2<f64>;

/// torch.optim.Adagrad. Defaults: lr 1e-2, lr_decay 0, weight_decay 0,
/// initial_accumulator_value 0, eps 1e-10.
///
/// ```text
/// t ← t + 1;  g ← g + λ·x
/// clr = lr / (1 + (t − 1)·lr_decay)
/// s ← s + g²;  x ← x − clr · g / (√s + eps)
/// ```
#[derive(Debug, Clone)]
pub struct Adagrad {
    pub lr_decay: f64,
    pub weight_decay: f64,
    pub initial_accumulator_value: f64,
    pub eps: f64,
    t: u64,
    sum: V,
}

impl Adagrad {
    pub fn new(lr_decay: f64, weight_decay: f64, initial_accumulator_value: f64, eps: f64) -> Self {
        Self {
            lr_decay,
            weight_decay,
            initial_accumulator_value,
            eps,
            t: 0,
            sum: V::repeat(initial_accumulator_value),
        }
    }
}

impl PlanarOptimizer for Adagrad {
    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = weight_decayed(oracle.gradient_at(*x), *x, self.weight_decay);
        self.t += 1;
        let clr = lr / (1.0 + (self.t - 1) as f64 * self.lr_decay);
        self.sum = addcmul(self.sum, 1.0, g, g);
        let std = sqrt(self.sum).add_scalar(self.eps);
        *x = addcdiv(*x, -clr, g, std);
        Ok(())
    }

    fn reset(&mut self) {
        self.t = 0;
        self.sum = V::repeat(self.initial_accumulator_value);
    }
}

/// torch.optim.RMSprop. Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weight_decay 0, momentum 0,
/// centered false.
///
/// ```text
/// g ← g + λ·x
/// v ← α·v + (1 − α)·g²
/// centered:  ḡ ← ḡ + (1 − α)(g − ḡ);  a = √(v − ḡ²) + eps     else a = √v + eps
/// momentum μ > 0:  b ← μ·b + g/a;  x ← x − lr·b                else x ← x − lr·g/a
/// ```
/// (v, ḡ and b start at zero.)
#[derive(Debug, Clone)]
pub struct RmsProp {
    pub alpha: f64,
    pub eps: f64,
    pub weight_decay: f64,
    pub momentum: f64,
    pub centered: bool,
    square_avg: V,
    grad_avg: V,
    buf: V,
}

impl RmsProp {
    pub fn new(alpha: f64, eps: f64, weight_decay: f64, momentum: f64, centered: bool) -> Self {
        Self {
            alpha,
            eps,
            weight_decay,
            momentum,
            centered,
            square_avg: V::zeros(),
            grad_avg: V::zeros(),
            buf: V::zeros(),
        }
    }
}

impl PlanarOptimizer for RmsProp {
    fn set_momentum(&mut self, momentum: f64) {
        self.momentum = momentum;
    }

    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = weight_decayed(oracle.gradient_at(*x), *x, self.weight_decay);
        let a = self.alpha;
        self.square_avg = addcmul(self.square_avg * a, 1.0 - a, g, g);
        let avg = if self.centered {
            self.grad_avg = lerp(self.grad_avg, g, 1.0 - a);
            sqrt(addcmul(self.square_avg, -1.0, self.grad_avg, self.grad_avg)).add_scalar(self.eps)
        } else {
            sqrt(self.square_avg).add_scalar(self.eps)
        };
        if self.momentum > 0.0 {
            self.buf = addcdiv(self.buf * self.momentum, 1.0, g, avg);
            *x -= lr * self.buf;
        } else {
            *x = addcdiv(*x, -lr, g, avg);
        }
        Ok(())
    }

    fn reset(&mut self) {
        self.square_avg = V::zeros();
        self.grad_avg = V::zeros();
        self.buf = V::zeros();
    }
}

/// torch.optim.Adadelta (Zeiler 2012). Defaults: lr 1.0, rho 0.9, eps 1e-6, weight_decay 0.
///
/// ```text
/// g ← g + λ·x
/// v ← ρ·v + (1 − ρ)·g²
/// Δ = √(u + eps) / √(v + eps) · g
/// u ← ρ·u + (1 − ρ)·Δ²
/// x ← x − lr·Δ
/// ```
#[derive(Debug, Clone)]
pub struct Adadelta {
    pub rho: f64,
    pub eps: f64,
    pub weight_decay: f64,
    square_avg: V,
    acc_delta: V,
}

impl Adadelta {
    pub fn new(rho: f64, eps: f64, weight_decay: f64) -> Self {
        Self {
            rho,
            eps,
            weight_decay,
            square_avg: V::zeros(),
            acc_delta: V::zeros(),
        }
    }
}

impl PlanarOptimizer for Adadelta {
    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = weight_decayed(oracle.gradient_at(*x), *x, self.weight_decay);
        let r = self.rho;
        self.square_avg = addcmul(self.square_avg * r, 1.0 - r, g, g);
        let std = sqrt(self.square_avg.add_scalar(self.eps));
        let delta = sqrt(self.acc_delta.add_scalar(self.eps))
            .component_div(&std)
            .component_mul(&g);
        self.acc_delta = addcmul(self.acc_delta * r, 1.0 - r, delta, delta);
        *x -= lr * delta;
        Ok(())
    }

    fn reset(&mut self) {
        self.square_avg = V::zeros();
        self.acc_delta = V::zeros();
    }
}
