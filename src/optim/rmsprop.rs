//! torch.optim.RMSprop (Hinton's lecture 6e; centered: Graves 2013).
//!
//! ```text
//! g ← g + λ·x
//! v ← α·v + (1 − α)·g²
//! centered:  ḡ ← ḡ + (1 − α)(g − ḡ);  a = √(v − ḡ²) + eps     else a = √v + eps
//! momentum μ > 0:  b ← μ·b + g/a;  x ← x − lr·b                else x ← x − lr·g/a
//! ```
//! (v, ḡ and b start at zero.)

use super::elementwise::{Rule, Slots, addcdiv, addcmul, boxed, lerp, weight_decay};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};

pub const ENTRY: Entry = Entry {
    name: "rmsprop",
    shape: Shape::RmsProp,
    doc: "torch.optim.RMSprop: steps divided by a running RMS of the gradient",
    default_lr: 1e-2,
    keys: &[
        Key::new(
            "alpha",
            NonNegative(0.99),
            "decay of the running mean of g²",
        )
        .decay(),
        Key::new(
            "eps",
            NonNegative(1e-8),
            "added to the RMS in the denominator",
        ),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "L2 penalty λ added to the gradient",
        ),
        Key::new(
            "momentum",
            NonNegative(0.0),
            "heavy-ball momentum on the scaled step",
        ),
        Key::new(
            "centered",
            Flag(false),
            "divide by the gradient's variance, not its RMS",
        ),
    ],
    main: Some("alpha"),
    cycles_momentum: true,
    state: &["step", "square_avg", "momentum_buffer", "grad_avg"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let rule = RmsProp {
            alpha: h.f64("alpha"),
            eps: h.f64("eps"),
            weight_decay: h.f64("weight_decay"),
            momentum: h.f64("momentum"),
            centered: h.flag("centered"),
        };
        boxed(rule, l.dim)
    },
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RmsProp {
    pub alpha: f64,
    pub eps: f64,
    pub weight_decay: f64,
    pub momentum: f64,
    pub centered: bool,
}

impl Rule for RmsProp {
    const BUFFERS: &'static [&'static str] = &["square_avg", "momentum_buffer", "grad_avg"];
    type Scalars = f64;
    #[inline(always)]
    fn scalars(&mut self, lr: f64, _t: u64) -> f64 {
        lr
    }
    #[inline(always)]
    fn update(&self, lr: &f64, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let [sq, buf, ga] = s;
        let (g, sq, buf, ga) = (&mut g[..n], &mut sq[..n], &mut buf[..n], &mut ga[..n]);
        weight_decay(g, x, self.weight_decay);
        let a = self.alpha;
        for i in 0..n {
            sq[i] = addcmul(sq[i] * a, 1.0 - a, g[i], g[i]);
            let avg = if self.centered {
                ga[i] = lerp(ga[i], g[i], 1.0 - a);
                addcmul(sq[i], -1.0, ga[i], ga[i]).sqrt() + self.eps
            } else {
                sq[i].sqrt() + self.eps
            };
            if self.momentum > 0.0 {
                buf[i] = addcdiv(buf[i] * self.momentum, 1.0, g[i], avg);
                x[i] -= lr * buf[i];
            } else {
                x[i] = addcdiv(x[i], -lr, g[i], avg);
            }
        }
    }
    fn keeps(&self, slot: usize) -> bool {
        match slot {
            1 => self.momentum > 0.0,
            2 => self.centered,
            _ => true,
        }
    }
    fn set_momentum(&mut self, momentum: f64) {
        self.momentum = momentum;
    }
}
