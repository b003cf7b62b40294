//! torch.optim.Adamax (Kingma & Ba 2015, §7.1): Adam with the infinity norm.
//!
//! ```text
//! g ← g + λ·x;  m ← m + (1 − β₁)(g − m);  u ← max(β₂·u, |g| + eps)
//! x ← x − (lr / (1 − β₁ᵗ)) · m / u
//! ```

use super::elementwise::{Rule, Slots, addcdiv, boxed, weight_decay, with_lerp};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use super::torch_pow::Powers;

pub const ENTRY: Entry = Entry {
    name: "adamax",
    shape: Shape::Adamax,
    doc: "torch.optim.Adamax (Kingma & Ba 2015): Adam scaled by a running max of |g|",
    default_lr: 2e-3,
    keys: &[
        Key::new("beta1", Unit(0.9), "decay of the first moment exp_avg"),
        Key::new("beta2", Unit(0.999), "decay of the running max exp_inf"),
        Key::new("eps", NonNegative(1e-8), "added to |g| inside the max"),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "L2 penalty λ added to the gradient",
        ),
    ],
    main: Some("beta1"),
    cycles_momentum: true,
    state: &["step", "exp_avg", "exp_inf"],
    planar: false,
    check: no_check,
    build: |h, l| {
        let rule = Adamax {
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
pub struct Adamax {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    /// β₁ᵗ as torch's pow gives it.
    powers: Powers,
}

impl Rule for Adamax {
    const BUFFERS: &'static [&'static str] = &["exp_avg", "exp_inf"];
    type Scalars = f64;
    #[inline(always)]
    fn scalars(&mut self, lr: f64, t: u64) -> f64 {
        lr / self.powers.one_minus(self.beta1, t)
    }
    #[inline(always)]
    fn update(&self, clr: &f64, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let [m, u, _] = s;
        let (g, m, u) = (&mut g[..n], &mut m[..n], &mut u[..n]);
        weight_decay(g, x, self.weight_decay);
        with_lerp!(1.0 - self.beta1, |lerp| {
            for i in 0..n {
                m[i] = lerp(m[i], g[i]);
                u[i] = (self.beta2 * u[i]).max(g[i].abs() + self.eps);
                x[i] = addcdiv(x[i], -clr, m[i], u[i]);
            }
        });
    }
    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }
}
