//! torch.optim.RAdam (Liu et al. 2020): Adam with the variance of its adaptive step rectified.
//!
//! ```text
//! g ← g + λ·x;  m ← m + (1 − β₁)(g − m);  v ← β₂·v + (1 − β₂)·g²
//! m̂ = m / (1 − β₁ᵗ);  ρ∞ = 2/(1 − β₂) − 1;  ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
//! ρₜ > 5:  r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ));  x ← x − lr·m̂·r·√(1 − β₂ᵗ)/(√v + eps)
//! else:    x ← x − lr·m̂
//! ```

use super::elementwise::{Rule, Slots, addcmul, boxed, weight_decay, with_lerp};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use super::torch_pow::{self, Powers};

pub const ENTRY: Entry = Entry {
    name: "radam",
    shape: Shape::RAdam,
    doc: "torch.optim.RAdam (Liu et al. 2020): momentum SGD until Adam's variance is tractable",
    default_lr: 1e-3,
    keys: &[
        Key::new("beta1", Unit(0.9), "decay of the first moment exp_avg"),
        Key::new(
            "beta2",
            Unit(0.999),
            "decay of the second moment exp_avg_sq",
        ),
        Key::new("eps", NonNegative(1e-8), "added to √v in the denominator"),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "L2 penalty λ added to the gradient",
        ),
    ],
    main: Some("beta1"),
    cycles_momentum: true,
    state: &["step", "exp_avg", "exp_avg_sq"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let rule = RAdam {
            beta1: h.f64("beta1"),
            beta2: h.f64("beta2"),
            eps: h.f64("eps"),
            weight_decay: h.f64("weight_decay"),
            powers: Default::default(),
        };
        boxed(rule, l.dim)
    },
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RAdam {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    /// β₁ᵗ and β₂ᵗ as torch's pow gives them.
    powers: [Powers; 2],
}

/// RAdam's per-step scalars: 1 − β₁ᵗ, and r, √(1 − β₂ᵗ) once the variance is tractable.
#[derive(Debug, Clone, Copy)]
pub struct RAdamStep {
    lr: f64,
    bc1: f64,
    rectified: Option<(f64, f64)>,
}

impl Rule for RAdam {
    const BUFFERS: &'static [&'static str] = &["exp_avg", "exp_avg_sq"];
    type Scalars = RAdamStep;

    fn scalars(&mut self, lr: f64, t: u64) -> RAdamStep {
        let beta2_t = self.powers[1].at(self.beta2, t);
        let bc2 = 1.0 - beta2_t;
        let rho_inf = 2.0 / (1.0 - self.beta2) - 1.0;
        let rho_t = rho_inf - 2.0 * t as f64 * beta2_t / bc2;
        // torch: (...) ** 0.5 and bias_correction2 ** 0.5 (pow, not sqrt).
        let rectified = (rho_t > 5.0).then(|| {
            let rect = (rho_t - 4.0) * (rho_t - 2.0) * rho_inf
                / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t);
            (torch_pow::sqrt(rect), torch_pow::sqrt(bc2))
        });
        RAdamStep {
            lr,
            bc1: self.powers[0].one_minus(self.beta1, t),
            rectified,
        }
    }

    #[inline(always)]
    fn update(&self, k: &RAdamStep, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let [m, v, _] = s;
        let (g, m, v) = (&mut g[..n], &mut m[..n], &mut v[..n]);
        weight_decay(g, x, self.weight_decay);
        with_lerp!(1.0 - self.beta1, |lerp| {
            for i in 0..n {
                m[i] = lerp(m[i], g[i]);
                v[i] = addcmul(v[i] * self.beta2, 1.0 - self.beta2, g[i], g[i]);
                let m_hat = m[i] / k.bc1;
                match k.rectified {
                    Some((rect, bc2_sqrt)) => {
                        let adaptive = bc2_sqrt / (v[i].sqrt() + self.eps);
                        x[i] -= m_hat * k.lr * adaptive * rect;
                    }
                    None => x[i] -= m_hat * k.lr,
                }
            }
        });
    }

    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }
}
