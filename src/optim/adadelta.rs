//! torch.optim.Adadelta (Zeiler 2012).
//!
//! ```text
//! g ← g + λ·x
//! v ← ρ·v + (1 − ρ)·g²
//! Δ = √(u + eps) / √(v + eps) · g
//! u ← ρ·u + (1 − ρ)·Δ²
//! x ← x − lr·Δ
//! ```

use super::elementwise::{Rule, Slots, addcmul, boxed, weight_decay};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};

pub const ENTRY: Entry = Entry {
    name: "adadelta",
    shape: Shape::Adadelta,
    doc: "torch.optim.Adadelta: steps in units of the parameter's own recent steps",
    default_lr: 1.0,
    keys: &[
        Key::new("rho", UnitClosed(0.9), "decay of both running means"),
        Key::new("eps", NonNegative(1e-6), "added inside both square roots"),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "L2 penalty λ added to the gradient",
        ),
    ],
    main: Some("rho"),
    cycles_momentum: false,
    state: &["step", "square_avg", "acc_delta"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let rule = Adadelta {
            rho: h.f64("rho"),
            eps: h.f64("eps"),
            weight_decay: h.f64("weight_decay"),
        };
        boxed(rule, l.dim)
    },
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adadelta {
    pub rho: f64,
    pub eps: f64,
    pub weight_decay: f64,
}

impl Rule for Adadelta {
    const BUFFERS: &'static [&'static str] = &["square_avg", "acc_delta"];
    type Scalars = f64;
    #[inline(always)]
    fn scalars(&mut self, lr: f64, _t: u64) -> f64 {
        lr
    }
    #[inline(always)]
    fn update(&self, lr: &f64, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let [sq, acc, _] = s;
        let (g, sq, acc) = (&mut g[..n], &mut sq[..n], &mut acc[..n]);
        weight_decay(g, x, self.weight_decay);
        let r = self.rho;
        for i in 0..n {
            sq[i] = addcmul(sq[i] * r, 1.0 - r, g[i], g[i]);
            let std = (sq[i] + self.eps).sqrt();
            let delta = (acc[i] + self.eps).sqrt() / std * g[i];
            acc[i] = addcmul(acc[i] * r, 1.0 - r, delta, delta);
            x[i] -= lr * delta;
        }
    }
}
