//! Gradient descent and torch.optim.SGD (momentum, dampening, Nesterov, weight decay).

use super::elementwise::{Rule, Slots, boxed, weight_decay};
use super::registry::{Entry, Hyper, Key, KeyKind::*, Shape, no_check};

pub const GD: Entry = Entry {
    name: "gd",
    shape: Shape::Gd,
    doc: "plain gradient descent: x ← x − lr·∇f",
    default_lr: 1e-3,
    keys: &[],
    main: None,
    cycles_momentum: false,
    state: &[],
    planar: false,
    check: no_check,
    build: |_, l| boxed(GradientDescent, l.dim),
};

/// torch.optim.SGD's keys, with the defaults of one of its three names.
const fn sgd_keys(momentum: f64, nesterov: bool) -> [Key; 4] {
    [
        Key::new("momentum", NonNegative(momentum), "heavy-ball momentum μ").decay(),
        Key::new(
            "dampening",
            Number(0.0),
            "τ: the gradient enters the buffer as (1 − τ)·g",
        ),
        Key::new(
            "nesterov",
            Flag(nesterov),
            "Nesterov's look-ahead (needs μ > 0, τ = 0)",
        ),
        Key::new(
            "weight_decay",
            NonNegative(0.0),
            "L2 penalty λ added to the gradient",
        ),
    ]
}

const fn sgd_entry(name: &'static str, doc: &'static str, keys: &'static [Key; 4]) -> Entry {
    Entry {
        name,
        shape: Shape::Sgd,
        doc,
        default_lr: 1e-3,
        keys,
        main: Some("momentum"),
        cycles_momentum: true,
        state: &["momentum_buffer"],
        planar: false,
        check: nesterov_needs_momentum,
        build: |h, l| {
            let rule = Sgd::new(
                h.f64("momentum"),
                h.f64("dampening"),
                h.flag("nesterov"),
                h.f64("weight_decay"),
            );
            boxed(rule, l.dim)
        },
    }
}

const SGD_KEYS: [Key; 4] = sgd_keys(0.0, false);
const MOMENTUM_KEYS: [Key; 4] = sgd_keys(0.9, false);
const NESTEROV_KEYS: [Key; 4] = sgd_keys(0.9, true);

pub const SGD: Entry = sgd_entry("sgd", "torch.optim.SGD (momentum 0 by default)", &SGD_KEYS);
pub const MOMENTUM: Entry = sgd_entry(
    "momentum",
    "torch.optim.SGD with heavy-ball momentum 0.9 (Polyak 1964)",
    &MOMENTUM_KEYS,
);
pub const NESTEROV: Entry = sgd_entry(
    "nesterov",
    "torch.optim.SGD with Nesterov momentum 0.9 (Sutskever et al. 2013)",
    &NESTEROV_KEYS,
);

fn nesterov_needs_momentum(h: &Hyper) -> Result<(), (&'static str, &'static str)> {
    if h.flag("nesterov") && (h.f64("momentum") <= 0.0 || h.f64("dampening") != 0.0) {
        return Err((
            "nesterov",
            "Nesterov momentum requires a momentum > 0 and zero dampening (as in torch)",
        ));
    }
    Ok(())
}

/// Plain gradient descent: x ← x − lr·∇f(x).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GradientDescent;

impl Rule for GradientDescent {
    const BUFFERS: &'static [&'static str] = &[];
    const STEP: bool = false;
    type Scalars = f64;
    #[inline(always)]
    fn scalars(&mut self, lr: f64, _t: u64) -> f64 {
        lr
    }
    #[inline(always)]
    fn update(&self, lr: &f64, x: &mut [f64], g: &mut [f64], _s: Slots<'_>) {
        for (x, g) in x.iter_mut().zip(g.iter()) {
            *x -= lr * g;
        }
    }
}

/// torch.optim.SGD. Defaults: momentum 0, dampening 0, nesterov false, weight_decay 0.
///
/// ```text
/// g ← g + λ·x                                   (weight_decay λ ≠ 0)
/// b ← g                         on the first step (the buffer starts as a copy of g)
/// b ← μ·b + (1 − τ)·g           afterwards         (momentum μ, dampening τ)
/// g ← g + μ·b if nesterov, else g ← b
/// x ← x − lr·g
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sgd {
    pub momentum: f64,
    pub dampening: f64,
    pub nesterov: bool,
    pub weight_decay: f64,
}

impl Sgd {
    pub fn new(momentum: f64, dampening: f64, nesterov: bool, weight_decay: f64) -> Self {
        Self {
            momentum,
            dampening,
            nesterov,
            weight_decay,
        }
    }
}

/// SGD's per-step scalars: lr, and whether the momentum buffer is still to be created.
#[derive(Debug, Clone, Copy)]
pub struct SgdStep {
    lr: f64,
    first: bool,
}

impl Rule for Sgd {
    const BUFFERS: &'static [&'static str] = &["momentum_buffer"];
    const STEP: bool = false;
    type Scalars = SgdStep;
    #[inline(always)]
    fn scalars(&mut self, lr: f64, t: u64) -> SgdStep {
        SgdStep { lr, first: t == 1 }
    }
    #[inline(always)]
    fn update(&self, k: &SgdStep, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let (g, b) = (&mut g[..n], &mut s[0][..n]);
        weight_decay(g, x, self.weight_decay);
        let (mu, damp) = (self.momentum, 1.0 - self.dampening);
        for i in 0..n {
            let mut gi = g[i];
            if mu != 0.0 {
                b[i] = if k.first { gi } else { mu * b[i] + damp * gi };
                gi = if self.nesterov { gi + mu * b[i] } else { b[i] };
            }
            x[i] -= k.lr * gi;
        }
    }
    fn keeps(&self, _slot: usize) -> bool {
        self.momentum != 0.0
    }
    fn set_momentum(&mut self, momentum: f64) {
        self.momentum = momentum;
    }
}
