//! Gradient descent and torch.optim.SGD (momentum, dampening, Nesterov, weight decay).

use super::elementwise::{Rule, Slots, weight_decay};

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
