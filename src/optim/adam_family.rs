//! NAdam, RAdam and Adamax as torch.optim implements them (2-D, through the planar shim).
//!
//! Element-wise on the 2-vector; g² means g∘g; t counts steps from 1; m, v start at zero.

use super::{Oracle, PlanarOptimizer, StepError, addcdiv, addcmul, lerp, sqrt, weight_decayed};
use crate::surface::Point;
use nalgebra::Vector2;

type V = Vector2<f64>;

/// torch.optim.NAdam (Dozat 2016). Defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8,
/// weight_decay 0, momentum_decay 4e-3.
///
/// ```text
/// g ← g + λ·x
/// μₜ = β₁(1 − ½·0.96^(t·ψ));  μₜ₊₁ = β₁(1 − ½·0.96^((t+1)·ψ));  Π ← Π·μₜ   (Π starts at 1)
/// m ← lerp(m, g, 1 − β₁) = m + (1 − β₁)(g − m);  v ← β₂·v + (1 − β₂)·g²
/// d = √(v / (1 − β₂ᵗ)) + eps
/// x ← x − lr·(1 − μₜ)/(1 − Π) · g/d − lr·μₜ₊₁/(1 − Π·μₜ₊₁) · m/d
/// ```
#[derive(Debug, Clone)]
pub struct NAdam {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    pub momentum_decay: f64,
    t: i32,
    mu_product: f64,
    mu_next: Option<f64>,
    m: V,
    v: V,
}

impl NAdam {
    pub fn new(beta1: f64, beta2: f64, eps: f64, weight_decay: f64, momentum_decay: f64) -> Self {
        Self {
            beta1,
            beta2,
            eps,
            weight_decay,
            momentum_decay,
            t: 0,
            mu_product: 1.0,
            mu_next: None,
            m: V::zeros(),
            v: V::zeros(),
        }
    }
}

impl PlanarOptimizer for NAdam {
    fn set_momentum(&mut self, momentum: f64) {
        if momentum != self.beta1 {
            // The cached μₜ₊₁ was computed with the old β₁.
            self.mu_next = None;
        }
        self.beta1 = momentum;
    }

    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = weight_decayed(oracle.gradient_at(*x), *x, self.weight_decay);
        self.t += 1;
        let t = self.t as f64;
        let bc2 = 1.0 - self.beta2.powf(self.t as f64);
        // μₜ₊₁ of the previous step is this step's μₜ: the same expression of the same floats.
        let mu = match self.mu_next {
            Some(m) => m,
            None => self.beta1 * (1.0 - 0.5 * 0.96f64.powf(t * self.momentum_decay)),
        };
        let mu_next = self.beta1 * (1.0 - 0.5 * 0.96f64.powf((t + 1.0) * self.momentum_decay));
        self.mu_next = Some(mu_next);
        self.mu_product *= mu;
        self.m = lerp(self.m, g, 1.0 - self.beta1);
        self.v = addcmul(self.v * self.beta2, 1.0 - self.beta2, g, g);
        let denom = sqrt(self.v / bc2).add_scalar(self.eps);
        let mu_product_next = self.mu_product * mu_next;
        *x = addcdiv(*x, -lr * (1.0 - mu) / (1.0 - self.mu_product), g, denom);
        *x = addcdiv(*x, (-lr * mu_next) / (1.0 - mu_product_next), self.m, denom);
        Ok(())
    }

    fn reset(&mut self) {
        self.t = 0;
        self.mu_product = 1.0;
        self.mu_next = None;
        self.m = V::zeros();
        self.v = V::zeros();
    }
}

/// torch.optim.RAdam (Liu et al. 2020). Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8,
/// weight_decay 0.
///
/// ```text
/// g ← g + λ·x;  m ← m + (1 − β₁)(g − m);  v ← β₂·v + (1 − β₂)·g²
/// m̂ = m / (1 − β₁ᵗ);  ρ∞ = 2/(1 − β₂) − 1;  ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
/// ρₜ > 5:  r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ));  x ← x − lr·m̂·r·√(1 − β₂ᵗ)/(√v + eps)
/// else:    x ← x − lr·m̂
/// ```
#[derive(Debug, Clone)]
pub struct RAdam {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    t: i32,
    m: V,
    v: V,
}

impl RAdam {
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

impl PlanarOptimizer for RAdam {
    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }

    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = weight_decayed(oracle.gradient_at(*x), *x, self.weight_decay);
        self.t += 1;
        self.m = lerp(self.m, g, 1.0 - self.beta1);
        self.v = addcmul(self.v * self.beta2, 1.0 - self.beta2, g, g);
        let beta2_t = self.beta2.powf(self.t as f64);
        let bc1 = 1.0 - self.beta1.powf(self.t as f64);
        let bc2 = 1.0 - beta2_t;
        let m_hat = self.m / bc1;
        let rho_inf = 2.0 / (1.0 - self.beta2) - 1.0;
        let rho_t = rho_inf - 2.0 * self.t as f64 * beta2_t / bc2;
        if rho_t > 5.0 {
            // torch: (...) ** 0.5 and bias_correction2 ** 0.5 (pow, not sqrt).
            let rect = ((rho_t - 4.0) * (rho_t - 2.0) * rho_inf
                / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t))
                .powf(0.5);
            let bc2_sqrt = bc2.powf(0.5);
            let adaptive = sqrt(self.v).add_scalar(self.eps).map(|d| bc2_sqrt / d);
            *x -= (m_hat * lr).component_mul(&adaptive) * rect;
        } else {
            *x -= m_hat * lr;
        }
        Ok(())
    }

    fn reset(&mut self) {
        self.t = 0;
        self.m = V::zeros();
        self.v = V::zeros();
    }
}

/// torch.optim.Adamax (Kingma & Ba 2015, §7.1). Defaults: lr 2e-3, betas (0.9, 0.999),
/// eps 1e-8, weight_decay 0.
///
/// ```text
/// g ← g + λ·x;  m ← m + (1 − β₁)(g − m);  u ← max(β₂·u, |g| + eps)
/// x ← x − (lr / (1 − β₁ᵗ)) · m / u
/// ```
#[derive(Debug, Clone)]
pub struct Adamax {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    t: i32,
    m: V,
    u: V,
}

impl Adamax {
    pub fn new(beta1: f64, beta2: f64, eps: f64, weight_decay: f64) -> Self {
        Self {
            beta1,
            beta2,
            eps,
            weight_decay,
            t: 0,
            m: V::zeros(),
            u: V::zeros(),
        }
    }
}

impl PlanarOptimizer for Adamax {
    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }

    #[inline]
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = weight_decayed(oracle.gradient_at(*x), *x, self.weight_decay);
        self.t += 1;
        self.m = lerp(self.m, g, 1.0 - self.beta1);
        let b2 = self.beta2;
        let eps = self.eps;
        self.u = self.u.zip_map(&g, |u, gi| (b2 * u).max(gi.abs() + eps));
        let clr = lr / (1.0 - self.beta1.powf(self.t as f64));
        *x = addcdiv(*x, -clr, self.m, self.u);
        Ok(())
    }

    fn reset(&mut self) {
        self.t = 0;
        self.m = V::zeros();
        self.u = V::zeros();
    }
}
