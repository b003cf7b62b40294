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

use super::elementwise::{Rule, Slots, boxed};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use crate::surface::scalar::Num;

pub const ENTRY: Entry = Entry {
    name: "lion",
    shape: Shape::Lion,
    doc: "Lion (Chen et al. 2023): steps of equal size along the sign of a momentum",
    default_lr: 1e-4,
    keys: &[
        Key::new(
            "beta1",
            Unit(0.9),
            "mix of momentum and gradient for the step's sign",
        ),
        Key::new("beta2", Unit(0.99), "decay of the momentum exp_avg"),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "decoupled decay: x·(1 − lr·λ)",
        ),
    ],
    main: Some("beta1"),
    cycles_momentum: true,
    state: &["exp_avg"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let rule = Lion {
            beta1: h.f64("beta1"),
            beta2: h.f64("beta2"),
            weight_decay: h.f64("weight_decay"),
        };
        boxed(rule, l.dim)
    },
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lion {
    pub beta1: f64,
    pub beta2: f64,
    pub weight_decay: f64,
}

impl Rule for Lion {
    const BUFFERS: &'static [&'static str] = &["exp_avg"];
    const STEP: bool = false;
    type Scalars = f64;
    #[inline(always)]
    fn scalars(&mut self, lr: f64, _t: u64) -> f64 {
        lr
    }
    #[inline(always)]
    fn update(&self, lr: &f64, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let (g, m) = (&g[..n], &mut s[0][..n]);
        let (b1, b2) = (self.beta1, self.beta2);
        for i in 0..n {
            // As the authors' PyTorch code orders it: decoupled decay, then the sign step.
            if self.weight_decay != 0.0 {
                x[i] *= 1.0 - lr * self.weight_decay;
            }
            let c = m[i] * b1 + g[i] * (1.0 - b1);
            x[i] += Num::sign(c) * -lr;
            m[i] = m[i] * b2 + g[i] * (1.0 - b2);
        }
    }
    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }
}
