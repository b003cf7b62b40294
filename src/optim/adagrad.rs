//! torch.optim.Adagrad (Duchi et al. 2011).
//!
//! ```text
//! t ← t + 1;  g ← g + λ·x
//! clr = lr / (1 + (t − 1)·lr_decay)
//! s ← s + g²;  x ← x − clr · g / (√s + eps)
//! ```

use super::elementwise::{Rule, Slots, addcdiv, addcmul, boxed, weight_decay};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};

pub const ENTRY: Entry = Entry {
    name: "adagrad",
    shape: Shape::Adagrad,
    doc: "torch.optim.Adagrad: per-coordinate steps shrinking with the summed squared gradient",
    default_lr: 1e-2,
    keys: &[
        Key::new("lr_decay", NonNegative(0.0), "lr ÷ (1 + (t − 1)·lr_decay)"),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "L2 penalty λ added to the gradient",
        ),
        Key::new(
            "initial_accumulator_value",
            NonNegative(0.0),
            "starting value of the sum of squared gradients",
        ),
        Key::new(
            "eps",
            NonNegative(1e-10),
            "added to √sum in the denominator",
        ),
    ],
    main: Some("lr_decay"),
    cycles_momentum: false,
    state: &["step", "sum"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let rule = Adagrad {
            lr_decay: h.f64("lr_decay"),
            weight_decay: h.f64("weight_decay"),
            initial_accumulator_value: h.f64("initial_accumulator_value"),
            eps: h.f64("eps"),
        };
        boxed(rule, l.dim)
    },
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adagrad {
    pub lr_decay: f64,
    pub weight_decay: f64,
    pub initial_accumulator_value: f64,
    pub eps: f64,
}

impl Rule for Adagrad {
    const BUFFERS: &'static [&'static str] = &["sum"];
    type Scalars = f64;
    #[inline(always)]
    fn scalars(&mut self, lr: f64, t: u64) -> f64 {
        lr / (1.0 + (t - 1) as f64 * self.lr_decay)
    }
    #[inline(always)]
    fn update(&self, clr: &f64, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let (g, sum) = (&mut g[..n], &mut s[0][..n]);
        weight_decay(g, x, self.weight_decay);
        for i in 0..n {
            sum[i] = addcmul(sum[i], 1.0, g[i], g[i]);
            x[i] = addcdiv(x[i], -clr, g[i], sum[i].sqrt() + self.eps);
        }
    }
    fn initial(&self, _slot: usize) -> f64 {
        self.initial_accumulator_value
    }
}
