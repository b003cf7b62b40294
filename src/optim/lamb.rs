//! LAMB: layer-wise adaptive moments (You et al. 2019, "Large Batch Optimization for Deep
//! Learning: Training BERT in 76 minutes", Algorithm 2), with the trust ratio per parameter
//! group (a network's layer; the whole 2-vector on a surface).
//!
//! Defaults (as in torch-optimizer's Lamb): lr 1e-3, betas (0.9, 0.999), eps 1e-6,
//! weight_decay 0; φ is the identity.
//!
//! ```text
//! m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
//! m̂ = m / (1 − β₁ᵗ);       v̂ = v / (1 − β₂ᵗ)
//! r = m̂ / (√v̂ + eps) + λ·x
//! per group: x ← x − lr · (‖x‖ / ‖r‖) · r        (trust ratio 1 when ‖x‖ or ‖r‖ is 0)
//! ```

use super::elementwise::addcmul;
use super::registry::{Entry, Key, KeyKind::*, Layout, no_check};
use super::torch_pow::Powers;
use super::{Optimizer, Oracle, StateValue, StepError};
use crate::objective::norm;
use std::ops::Range;

pub const ENTRY: Entry = Entry {
    name: "lamb",
    doc: "LAMB (You et al. 2019): Adam's step rescaled per layer by ‖x‖/‖step‖",
    default_lr: 1e-3,
    keys: &[
        Key::new("beta1", Unit(0.9), "decay of the first moment exp_avg"),
        Key::new(
            "beta2",
            Unit(0.999),
            "decay of the second moment exp_avg_sq",
        ),
        Key::new("eps", NonNegative(1e-6), "added to √v̂ in the denominator"),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "λ·x added to the adaptive step",
        ),
    ],
    main: Some("beta1"),
    cycles_momentum: true,
    state: &["step", "exp_avg", "exp_avg_sq"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let lamb = Lamb::new(
            h.f64("beta1"),
            h.f64("beta2"),
            h.f64("eps"),
            h.f64("weight_decay"),
            l,
        );
        Box::new(lamb)
    },
};

#[derive(Debug, Clone)]
pub struct Lamb {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    groups: Vec<Range<usize>>,
    t: u64,
    g: Vec<f64>,
    m: Vec<f64>,
    v: Vec<f64>,
    r: Vec<f64>,
    /// β₁ᵗ and β₂ᵗ as torch's pow gives them.
    powers: [Powers; 2],
}

impl Lamb {
    pub fn new(beta1: f64, beta2: f64, eps: f64, weight_decay: f64, layout: &Layout) -> Self {
        let n = layout.dim;
        Self {
            beta1,
            beta2,
            eps,
            weight_decay,
            groups: layout.groups.clone(),
            t: 0,
            g: vec![0.0; n],
            m: vec![0.0; n],
            v: vec![0.0; n],
            r: vec![0.0; n],
            powers: Default::default(),
        }
    }
}

impl Optimizer for Lamb {
    fn step(&mut self, x: &mut [f64], lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        oracle.gradient(x, &mut self.g);
        self.t += 1;
        let (b1, b2) = (self.beta1, self.beta2);
        let bc1 = self.powers[0].one_minus(b1, self.t);
        let bc2 = self.powers[1].one_minus(b2, self.t);
        let (m, v, r) = (&mut self.m, &mut self.v, &mut self.r);
        for (i, x) in x.iter().enumerate() {
            let g = self.g[i];
            m[i] = b1 * m[i] + (1.0 - b1) * g;
            // exp_avg_sq.mul_(β₂).addcmul_(g, g, value=1 − β₂), as torch-optimizer's Lamb.
            v[i] = addcmul(v[i] * b2, 1.0 - b2, g, g);
            let (m_hat, v_hat) = (m[i] / bc1, v[i] / bc2);
            r[i] = m_hat / (v_hat.sqrt() + self.eps) + self.weight_decay * x;
        }
        for group in &self.groups {
            let (x, r) = (&mut x[group.clone()], &self.r[group.clone()]);
            let (x_norm, r_norm) = (norm(x), norm(r));
            let trust = if x_norm == 0.0 || r_norm == 0.0 {
                1.0
            } else {
                x_norm / r_norm
            };
            for (x, r) in x.iter_mut().zip(r) {
                *x -= (lr * trust) * r;
            }
        }
        Ok(())
    }

    fn reset(&mut self) {
        self.t = 0;
        self.m.fill(0.0);
        self.v.fill(0.0);
    }

    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }

    fn state(&self) -> Vec<(&'static str, StateValue<'_>)> {
        vec![
            ("step", StateValue::Scalar(self.t as f64)),
            ("exp_avg", StateValue::Buffer(&self.m)),
            ("exp_avg_sq", StateValue::Buffer(&self.v)),
        ]
    }
}
