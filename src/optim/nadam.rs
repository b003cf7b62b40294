//! torch.optim.NAdam (Dozat 2016): Adam with Nesterov momentum.
//!
//! ```text
//! g ← g + λ·x
//! μₜ = β₁(1 − ½·0.96^(t·ψ));  μₜ₊₁ = β₁(1 − ½·0.96^((t+1)·ψ));  Π ← Π·μₜ   (Π starts at 1)
//! m ← lerp(m, g, 1 − β₁) = m + (1 − β₁)(g − m);  v ← β₂·v + (1 − β₂)·g²
//! d = √(v / (1 − β₂ᵗ)) + eps
//! x ← x − lr·(1 − μₜ)/(1 − Π) · g/d − lr·μₜ₊₁/(1 − Π·μₜ₊₁) · m/d
//! ```

use super::elementwise::{Rule, Slots, addcdiv, addcmul, boxed, weight_decay, with_lerp};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use super::torch_pow::Powers;

pub const ENTRY: Entry = Entry {
    name: "nadam",
    shape: Shape::NAdam,
    doc: "torch.optim.NAdam (Dozat 2016): Adam with a Nesterov look-ahead momentum",
    default_lr: 2e-3,
    keys: &[
        Key::new("beta1", Unit(0.9), "decay of the first moment exp_avg"),
        Key::new(
            "beta2",
            Unit(0.999),
            "decay of the second moment exp_avg_sq",
        ),
        Key::new("eps", NonNegative(1e-8), "added to √v̂ in the denominator"),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "L2 penalty λ added to the gradient",
        ),
        Key::new(
            "momentum_decay",
            NonNegative(4e-3),
            "ψ of the momentum schedule μₜ",
        ),
    ],
    main: Some("beta1"),
    cycles_momentum: true,
    state: &["step", "mu_product", "exp_avg", "exp_avg_sq"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let rule = NAdam::new(
            h.f64("beta1"),
            h.f64("beta2"),
            h.f64("eps"),
            h.f64("weight_decay"),
            h.f64("momentum_decay"),
        );
        boxed(rule, l.dim)
    },
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NAdam {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    pub momentum_decay: f64,
    mu_product: f64,
    mu_next: Option<f64>,
    /// β₂ᵗ as torch's pow gives it.
    powers: Powers,
}

impl NAdam {
    pub fn new(beta1: f64, beta2: f64, eps: f64, weight_decay: f64, momentum_decay: f64) -> Self {
        Self {
            beta1,
            beta2,
            eps,
            weight_decay,
            momentum_decay,
            mu_product: 1.0,
            mu_next: None,
            powers: Powers::default(),
        }
    }
}

/// NAdam's per-step scalars: 1 − β₂ᵗ and the coefficients of g/d and m/d.
#[derive(Debug, Clone, Copy)]
pub struct NAdamStep {
    bc2: f64,
    on_grad: f64,
    on_avg: f64,
}

impl Rule for NAdam {
    const BUFFERS: &'static [&'static str] = &["exp_avg", "exp_avg_sq"];
    type Scalars = NAdamStep;

    fn scalars(&mut self, lr: f64, t: u64) -> NAdamStep {
        let bc2 = self.powers.one_minus(self.beta2, t);
        let t = t as f64;
        // μₜ₊₁ of the previous step is this step's μₜ: the same expression of the same floats.
        let mu = match self.mu_next {
            Some(m) => m,
            None => self.beta1 * (1.0 - 0.5 * 0.96f64.powf(t * self.momentum_decay)),
        };
        let mu_next = self.beta1 * (1.0 - 0.5 * 0.96f64.powf((t + 1.0) * self.momentum_decay));
        self.mu_next = Some(mu_next);
        self.mu_product *= mu;
        let mu_product_next = self.mu_product * mu_next;
        NAdamStep {
            bc2,
            on_grad: -lr * (1.0 - mu) / (1.0 - self.mu_product),
            on_avg: (-lr * mu_next) / (1.0 - mu_product_next),
        }
    }

    #[inline(always)]
    fn update(&self, k: &NAdamStep, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let [m, v, _] = s;
        let (g, m, v) = (&mut g[..n], &mut m[..n], &mut v[..n]);
        weight_decay(g, x, self.weight_decay);
        with_lerp!(1.0 - self.beta1, |lerp| {
            for i in 0..n {
                m[i] = lerp(m[i], g[i]);
                v[i] = addcmul(v[i] * self.beta2, 1.0 - self.beta2, g[i], g[i]);
                let denom = (v[i] / k.bc2).sqrt() + self.eps;
                x[i] = addcdiv(x[i], k.on_grad, g[i], denom);
                x[i] = addcdiv(x[i], k.on_avg, m[i], denom);
            }
        });
    }

    fn set_momentum(&mut self, momentum: f64) {
        if momentum != self.beta1 {
            // The cached μₜ₊₁ was computed with the old β₁.
            self.mu_next = None;
        }
        self.beta1 = momentum;
    }

    fn reset(&mut self) {
        self.mu_product = 1.0;
        self.mu_next = None;
    }

    fn scalar_state(&self) -> Vec<(&'static str, f64)> {
        vec![("mu_product", self.mu_product)]
    }
}
