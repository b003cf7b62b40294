//! torch.optim.Adam and AdamW.

use super::Optimizer;
use super::division;
use super::elementwise::{Rule, Slots, addcdiv, addcmul, boxed, lerp, weight_decay, with_lerp};
use super::registry::{Entry, Hyper, Key, KeyKind::*, Layout, Shape, no_check};
use super::torch_pow::{self, Powers};

/// Adam's keys, with AdamW's or Adam's default weight decay.
const fn adam_keys(weight_decay: f64, doc: &'static str) -> [Key; 5] {
    [
        Key::new("beta1", Unit(0.9), "decay of the first moment exp_avg"),
        Key::new(
            "beta2",
            Unit(0.999),
            "decay of the second moment exp_avg_sq",
        ),
        Key::new("eps", NonNegative(1e-8), "added to √v̂ in the denominator"),
        Key::new("weight_decay", NonNegative(weight_decay), doc),
        Key::new(
            "amsgrad",
            Flag(false),
            "divide by the running max of v (max_exp_avg_sq)",
        ),
    ]
}

fn build(h: &Hyper, l: &Layout, decoupled: bool) -> Box<dyn Optimizer> {
    let rule = Adam {
        beta1: h.f64("beta1"),
        beta2: h.f64("beta2"),
        eps: h.f64("eps"),
        weight_decay: h.f64("weight_decay"),
        amsgrad: h.flag("amsgrad"),
        decoupled,
        powers: Default::default(),
    };
    boxed(rule, l.dim)
}

const ADAM_KEYS: [Key; 5] = adam_keys(0.0, "L2 penalty λ added to the gradient");
const ADAMW_KEYS: [Key; 5] = adam_keys(1e-2, "decoupled decay: x·(1 − lr·λ) before the step");

pub const ADAM: Entry = Entry {
    name: "adam",
    shape: Shape::Adam,
    doc: "torch.optim.Adam (Kingma & Ba 2015): bias-corrected first and second moments",
    default_lr: 1e-3,
    keys: &ADAM_KEYS,
    main: Some("beta1"),
    cycles_momentum: true,
    state: &["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
    planar: false,
    check: no_check,
    build: |h, l| build(h, l, false),
};

pub const ADAMW: Entry = Entry {
    name: "adamw",
    shape: Shape::AdamW,
    doc: "torch.optim.AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay",
    keys: &ADAMW_KEYS,
    build: |h, l| build(h, l, true),
    ..ADAM
};

/// torch.optim.Adam / AdamW. Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8,
/// weight_decay 0 (Adam) or 1e-2 (AdamW), amsgrad false.
///
/// ```text
/// AdamW: x ← x·(1 − lr·λ)          Adam: g ← g + λ·x
/// m ← lerp(m, g, 1 − β₁) = m + (1 − β₁)(g − m);  v ← β₂·v + (1 − β₂)·g²
/// amsgrad: v̂ ← max(v̂, v), used in place of v below
/// x ← x − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + eps)
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adam {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    pub amsgrad: bool,
    /// AdamW's decoupled weight decay (Loshchilov & Hutter 2019).
    pub decoupled: bool,
    /// β₁ᵗ and β₂ᵗ as torch's pow gives them.
    powers: [Powers; 2],
}

impl Adam {
    pub fn new(beta1: f64, beta2: f64, eps: f64, weight_decay: f64, amsgrad: bool) -> Self {
        Self {
            beta1,
            beta2,
            eps,
            weight_decay,
            amsgrad,
            decoupled: false,
            powers: Default::default(),
        }
    }

    pub fn adamw(beta1: f64, beta2: f64, eps: f64, weight_decay: f64, amsgrad: bool) -> Self {
        Self {
            decoupled: true,
            ..Self::new(beta1, beta2, eps, weight_decay, amsgrad)
        }
    }
}

/// Adam's per-step scalars, as torch computes them in Python floats.
#[derive(Debug, Clone, Copy)]
pub struct AdamStep {
    /// 1 − lr·λ (AdamW's decay factor).
    decay: f64,
    /// lr / (1 − β₁ᵗ).
    step_size: f64,
    /// (1 − β₂ᵗ) ** 0.5.
    bc2_sqrt: f64,
}

impl Rule for Adam {
    const BUFFERS: &'static [&'static str] = &["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];
    type Scalars = AdamStep;

    #[inline(always)]
    fn scalars(&mut self, lr: f64, t: u64) -> AdamStep {
        // torch: bias_correction2 ** 0.5 (pow, not sqrt).
        let bc2_sqrt = torch_pow::sqrt(self.powers[1].one_minus(self.beta2, t));
        AdamStep {
            decay: 1.0 - lr * self.weight_decay,
            step_size: lr / self.powers[0].one_minus(self.beta1, t),
            bc2_sqrt,
        }
    }

    #[inline(always)]
    fn update(&self, k: &AdamStep, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        let n = x.len();
        let [m, v, v_max] = s;
        let g = &mut g[..n];
        self.decay(k, x, g);
        if self.amsgrad {
            let (m, v, v_max) = (&mut m[..n], &mut v[..n], &mut v_max[..n]);
            let (w1, b2, w2) = (1.0 - self.beta1, self.beta2, 1.0 - self.beta2);
            for i in 0..n {
                m[i] = lerp(m[i], g[i], w1);
                v[i] = addcmul(v[i] * b2, w2, g[i], g[i]);
                v_max[i] = if v_max[i] > v[i] { v_max[i] } else { v[i] };
                let denom = v_max[i].sqrt() / k.bc2_sqrt + self.eps;
                x[i] = addcdiv(x[i], -k.step_size, m[i], denom);
            }
        } else {
            self.moments_and_step(k, x, g, m, v, |a| a / k.bc2_sqrt);
        }
    }

    /// √v̂ through the reciprocal of √(1 − β₂ᵗ) (`division`): v is never −0 (it starts at +0
    /// and adds squares), so √v is a root `division::quotient` takes. AMSGrad, and a
    /// √(1 − β₂ᵗ) out of the quotient's bounds, divide.
    #[inline(always)]
    fn update_fused(&self, k: &AdamStep, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        // 1/√(1 − β₂ᵗ) here, not in `scalars`: one division per call of a batch's block, none
        // in a 2-D run's step (which divides).
        match division::reciprocal(k.bc2_sqrt) {
            Some(y) if !self.amsgrad => {
                let [m, v, _] = s;
                let g = &mut g[..x.len()];
                self.decay(k, x, g);
                let b = k.bc2_sqrt;
                self.moments_and_step(k, x, g, m, v, |a| division::quotient(a, b, y));
            }
            _ => self.update(k, x, g, s),
        }
    }

    fn keeps(&self, slot: usize) -> bool {
        slot < 2 || self.amsgrad
    }

    fn set_momentum(&mut self, momentum: f64) {
        self.beta1 = momentum;
    }
}

impl Adam {
    /// AdamW's decoupled decay of x, or Adam's L2 term added to g.
    #[inline(always)]
    fn decay(&self, k: &AdamStep, x: &mut [f64], g: &mut [f64]) {
        if self.decoupled {
            if self.weight_decay != 0.0 {
                x.iter_mut().for_each(|x| *x *= k.decay);
            }
        } else {
            weight_decay(g, x, self.weight_decay);
        }
    }

    /// Adam's update without AMSGrad; `unbias(√v)` = √v / √(1 − β₂ᵗ). `lerp`'s formula is
    /// picked once, outside the loop (`with_lerp!`).
    #[inline(always)]
    fn moments_and_step(
        &self,
        k: &AdamStep,
        x: &mut [f64],
        g: &[f64],
        m: &mut [f64],
        v: &mut [f64],
        unbias: impl Fn(f64) -> f64,
    ) {
        let n = x.len();
        let (g, m, v) = (&g[..n], &mut m[..n], &mut v[..n]);
        let (b2, w2) = (self.beta2, 1.0 - self.beta2);
        with_lerp!(1.0 - self.beta1, |lerp| {
            for i in 0..n {
                m[i] = lerp(m[i], g[i]);
                v[i] = addcmul(v[i] * b2, w2, g[i], g[i]);
                let denom = unbias(v[i].sqrt()) + self.eps;
                x[i] = addcdiv(x[i], -k.step_size, m[i], denom);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gradient that wanders, so the moments take values where lerp's two formulas round
    /// apart (about one step in six here).
    fn gradient(t: u64, x: f64) -> f64 {
        3.0 * (t as f64).sin() + 0.1 * x
    }

    /// torch's Adam for one element, written out with `lerp` as ATen has it: x and exp_avg.
    fn by_hand(beta1: f64, steps: u64, lr: f64) -> (f64, f64) {
        let (beta2, eps) = (0.999, 1e-8);
        let (mut x, mut m, mut v) = (1.5_f64, 0.0, 0.0);
        for t in 1..=steps {
            let g = gradient(t, x);
            m = lerp(m, g, 1.0 - beta1);
            v = v * beta2 + (g * (1.0 - beta2)) * g;
            let bc1 = 1.0 - beta1.powf(t as f64);
            let bc2 = (1.0 - beta2.powf(t as f64)).powf(0.5);
            x += (m * -(lr / bc1)) / (v.sqrt() / bc2 + eps);
        }
        (x, m)
    }

    #[test]
    fn both_of_lerps_formulas_step_as_torch_does() {
        // β₁ = 0.3, 0.5 take lerp's second formula (1 − β₁ ≥ 0.5), the others its first.
        for beta1 in [0.0, 0.3, 0.5, 0.51, 0.9, 0.99] {
            let mut rule = Adam::new(beta1, 0.999, 1e-8, 0.0, false);
            let (mut x, mut m, mut v, mut v_max) = ([1.5], [0.0], [0.0], [0.0]);
            for t in 1..=50 {
                let mut g = [gradient(t, x[0])];
                let k = rule.scalars(0.01, t);
                rule.update(&k, &mut x, &mut g, [&mut m, &mut v, &mut v_max]);
            }
            // exp_avg too: a one-ulp difference in it rarely reaches x.
            let (x_want, m_want) = by_hand(beta1, 50, 0.01);
            assert_eq!(x[0].to_bits(), x_want.to_bits(), "β₁ {beta1}");
            assert_eq!(m[0].to_bits(), m_want.to_bits(), "β₁ {beta1}");
        }
    }
}
