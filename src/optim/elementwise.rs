//! Element-wise update rules (SGD, the Adam family, RMSprop, Adagrad, Adadelta, Lion) and the
//! optimizer that steps one run with them.
//!
//! A [`Rule`] is written once as a loop over equally long slices — parameters, gradient and
//! its state buffers — with the per-step scalars (lr, bias corrections, …) computed once per
//! step by [`Rule::scalars`]. [`Elementwise`] owns one run's buffers; for a 2-D run they are
//! `[f64; 2]` arrays, so the same loop compiles to straight-line code with no allocation.
//!
//! **Batch entry point.** To step B runs that started together (same t) as one flat buffer,
//! call `let k = rule.scalars(lr, t)` once and then `rule.update(&k, x, g, slots)` on the
//! whole buffer or on any chunks of it (per core, per run, masked runs skipped): every
//! element's update reads only its own index, so chunking changes nothing. Slot `i` holds the
//! buffer named `R::BUFFERS[i]`, initialised to `rule.initial(i)`; unused slots may be empty.

use super::{Optimizer, Oracle, StateValue, StepError};
use crate::simd::{Isa, Kernel};

/// One step's mutable state buffers, in the order of [`Rule::BUFFERS`].
pub type Slots<'a> = [&'a mut [f64]; 3];

/// An element-wise update rule with torch's arithmetic.
pub trait Rule: Clone + Send + Sync + 'static {
    /// torch's `Optimizer.state[p]` key of each buffer, in slot order (at most 3).
    const BUFFERS: &'static [&'static str];
    /// Whether torch keeps a `step` count in this optimizer's state.
    const STEP: bool = true;
    /// What one step needs besides the elements: computed once per step.
    type Scalars: Copy;
    /// The per-step scalars for step `t` (counting from 1) at learning rate `lr`.
    fn scalars(&mut self, lr: f64, t: u64) -> Self::Scalars;
    /// Updates every element of `x` (and the gradient scratch `g`, the buffers) in place.
    fn update(&self, k: &Self::Scalars, x: &mut [f64], g: &mut [f64], s: Slots<'_>);
    /// `update`, for code compiled with FMA (the batch kernels under AVX2 and AVX-512): the
    /// same bits, but free to use fused operations where they provably round the same.
    #[inline(always)]
    fn update_fused(&self, k: &Self::Scalars, x: &mut [f64], g: &mut [f64], s: Slots<'_>) {
        self.update(k, x, g, s);
    }
    /// The initial value of slot `i`'s buffer.
    fn initial(&self, _slot: usize) -> f64 {
        0.0
    }
    /// Whether slot `i` is in use with these hyperparameters (torch creates it only then).
    fn keeps(&self, _slot: usize) -> bool {
        true
    }
    /// Sets momentum or β₁ (cyclic schedules with cycle_momentum).
    fn set_momentum(&mut self, _momentum: f64) {}
    /// Forgets scalar state the rule carries itself (NAdam's μ product).
    fn reset(&mut self) {}
    /// Scalar state besides `step`, by torch's name.
    fn scalar_state(&self) -> Vec<(&'static str, f64)> {
        Vec::new()
    }
}

/// Storage for one run's buffers: `[f64; 2]` for a 2-D run, `Vec<f64>` otherwise.
pub trait Buffer: Clone + Send + 'static {
    fn filled(n: usize, value: f64) -> Self;
    fn as_slice(&self) -> &[f64];
    fn as_mut_slice(&mut self) -> &mut [f64];
    /// The parameter slice cut to the buffer's length (a constant for arrays).
    fn fit(x: &mut [f64]) -> &mut [f64];
}

impl<const N: usize> Buffer for [f64; N] {
    fn filled(_n: usize, value: f64) -> Self {
        [value; N]
    }
    #[inline(always)]
    fn as_slice(&self) -> &[f64] {
        self
    }
    #[inline(always)]
    fn as_mut_slice(&mut self) -> &mut [f64] {
        self
    }
    #[inline(always)]
    fn fit(x: &mut [f64]) -> &mut [f64] {
        &mut x[..N]
    }
}

impl Buffer for Vec<f64> {
    fn filled(n: usize, value: f64) -> Self {
        vec![value; n]
    }
    #[inline(always)]
    fn as_slice(&self) -> &[f64] {
        self
    }
    #[inline(always)]
    fn as_mut_slice(&mut self) -> &mut [f64] {
        self
    }
    #[inline(always)]
    fn fit(x: &mut [f64]) -> &mut [f64] {
        x
    }
}

/// One run stepped by an element-wise rule.
#[derive(Debug, Clone)]
pub struct Elementwise<R, B> {
    rule: R,
    t: u64,
    dim: usize,
    g: B,
    slots: [B; 3],
    /// Whether this run's loops are compiled for AVX2 (see [`fused`]).
    fma: bool,
}

impl<R: Rule, B: Buffer> Elementwise<R, B> {
    pub fn new(rule: R, dim: usize) -> Self {
        let slot = |i: usize| {
            let n = if i < R::BUFFERS.len() { dim } else { 0 };
            B::filled(n, rule.initial(i))
        };
        Self {
            g: B::filled(dim, 0.0),
            slots: [slot(0), slot(1), slot(2)],
            rule,
            t: 0,
            dim,
            // An N-D run's loops gain 4-wide vectors; a 2-D one nothing but a call.
            fma: dim != 2 && Isa::detect() != Isa::Baseline,
        }
    }

    pub fn rule(&self) -> &R {
        &self.rule
    }
}

/// One step's arithmetic on the gradient `g` at `x` (t counts it).
#[inline(always)]
fn advance<R: Rule, B: Buffer>(
    rule: &mut R,
    t: &mut u64,
    slots: &mut [B; 3],
    x: &mut [f64],
    g: &mut [f64],
    lr: f64,
) {
    *t += 1;
    let k = rule.scalars(lr, *t);
    let [a, b, c] = slots;
    rule.update(
        &k,
        x,
        g,
        [a.as_mut_slice(), b.as_mut_slice(), c.as_mut_slice()],
    );
}

/// `Optimizer::step` of an element-wise rule, as a kernel for [`fused`].
struct Step<'a, R, B> {
    run: &'a mut Elementwise<R, B>,
    x: &'a mut [f64],
    lr: f64,
    oracle: &'a mut Oracle,
}

impl<R: Rule, B: Buffer> Kernel for Step<'_, R, B> {
    type Output = ();
    #[inline(always)]
    fn run(self) {
        let Elementwise {
            rule, t, g, slots, ..
        } = self.run;
        let (x, g) = (B::fit(self.x), g.as_mut_slice());
        self.oracle.gradient(x, g);
        advance(rule, t, slots, x, g, self.lr);
    }
}

/// `Optimizer::step_on_gradient` of an element-wise rule, as a kernel for [`fused`].
struct OnGradient<'a, R, B> {
    run: &'a mut Elementwise<R, B>,
    x: (f64, f64),
    g: (f64, f64),
    lr: f64,
}

impl<R: Rule, B: Buffer> Kernel for OnGradient<'_, R, B> {
    type Output = (f64, f64);
    #[inline(always)]
    fn run(self) -> (f64, f64) {
        // Local arrays: after inlining, the point and gradient stay in registers.
        let (mut x, mut g) = ([self.x.0, self.x.1], [self.g.0, self.g.1]);
        let Elementwise { rule, t, slots, .. } = self.run;
        advance(rule, t, slots, &mut x, &mut g, self.lr);
        (x[0], x[1])
    }
}

/// Runs `kernel` compiled for AVX2 + FMA where `fma` says so (the CPU has them, and the run
/// is N-D: its element loops run 4 wide); the rules' arithmetic is the same IEEE operations
/// in either build (Rust never fuses a·b + c by itself), so the same bits.
#[inline(always)]
fn fused<K: Kernel>(fma: bool, kernel: K) -> K::Output {
    #[cfg(target_arch = "x86_64")]
    if fma {
        // SAFETY: `fma` is set only where the CPU reports AVX2 and FMA.
        return unsafe { with_fma(kernel) };
    }
    let _ = fma;
    kernel.run()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn with_fma<K: Kernel>(kernel: K) -> K::Output {
    kernel.run()
}

/// The optimizer of `rule` for a run of `dim` parameters, specialised for 2-D.
pub fn boxed<R: Rule>(rule: R, dim: usize) -> Box<dyn Optimizer> {
    if dim == 2 {
        Box::new(Elementwise::<R, [f64; 2]>::new(rule, 2))
    } else {
        Box::new(Elementwise::<R, Vec<f64>>::new(rule, dim))
    }
}

impl<R: Rule, B: Buffer> Optimizer for Elementwise<R, B> {
    #[inline]
    fn step(&mut self, x: &mut [f64], lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let fma = self.fma;
        let step = Step {
            run: self,
            x,
            lr,
            oracle,
        };
        fused(fma, step);
        Ok(())
    }

    fn steps_on_gradient(&self) -> bool {
        self.dim == 2
    }

    #[inline]
    fn step_on_gradient(&mut self, x: (f64, f64), g: (f64, f64), lr: f64) -> (f64, f64) {
        // A 2-D run (the only kind this is called for) is never built for AVX2 (see `new`):
        // no `fused` branch, whose call would keep x and g in memory rather than registers.
        let step = OnGradient {
            run: self,
            x,
            g,
            lr,
        };
        step.run()
    }

    fn reset(&mut self) {
        self.rule.reset();
        *self = Self::new(self.rule.clone(), self.dim);
    }

    fn set_momentum(&mut self, momentum: f64) {
        self.rule.set_momentum(momentum);
    }

    fn batch_rule(&self) -> Option<Box<dyn super::batch::BatchRule>> {
        Some(super::batch::of_rule(self.rule.clone()))
    }

    fn state(&self) -> Vec<(&'static str, StateValue<'_>)> {
        let mut out = Vec::new();
        if R::STEP {
            out.push(("step", StateValue::Scalar(self.t as f64)));
        }
        for (i, name) in R::BUFFERS.iter().enumerate() {
            if self.rule.keeps(i) {
                out.push((*name, StateValue::Buffer(self.slots[i].as_slice())));
            }
        }
        for (name, v) in self.rule.scalar_state() {
            out.push((name, StateValue::Scalar(v)));
        }
        out
    }
}

/// torch's `a.lerp_(b, w)` with ATen's two formulas (which one depends on |w| < 0.5), so moment
/// updates round exactly as torch's do.
#[inline(always)]
pub fn lerp(a: f64, b: f64, w: f64) -> f64 {
    if w.abs() < 0.5 {
        lerp_near_a(a, b, w)
    } else {
        lerp_near_b(a, b, w)
    }
}

/// `lerp`'s formula for |w| < 0.5. A loop that picks the formula once, outside, has no branch
/// (LLVM does not hoist `lerp`'s test out of a loop by itself).
#[inline(always)]
pub fn lerp_near_a(a: f64, b: f64, w: f64) -> f64 {
    a + w * (b - a)
}

/// `lerp`'s formula for |w| ≥ 0.5.
#[inline(always)]
pub fn lerp_near_b(a: f64, b: f64, w: f64) -> f64 {
    b - (b - a) * (1.0 - w)
}

/// `with_lerp!(w, |lerp| { loop })`: the loop once with `lerp(a, b)` = `lerp(a, b, w)` by each
/// of its formulas, the formula picked outside (a vector loop without the branch is ~9%
/// faster).
macro_rules! with_lerp {
    ($w:expr, |$lerp:ident| $body:block) => {{
        let w: f64 = $w;
        if w.abs() < 0.5 {
            let $lerp = |a: f64, b: f64| $crate::optim::elementwise::lerp_near_a(a, b, w);
            $body
        } else {
            let $lerp = |a: f64, b: f64| $crate::optim::elementwise::lerp_near_b(a, b, w);
            $body
        }
    }};
}
pub(crate) use with_lerp;

/// torch's `s.addcmul_(a, b, value=v)`: s + (a·v)·b, in ATen's order.
#[inline(always)]
pub fn addcmul(s: f64, v: f64, a: f64, b: f64) -> f64 {
    s + (a * v) * b
}

/// torch's `s.addcdiv_(a, b, value=v)`: s + (a·v)/b, in ATen's order.
#[inline(always)]
pub fn addcdiv(s: f64, v: f64, a: f64, b: f64) -> f64 {
    s + (a * v) / b
}

/// torch's coupled (L2) weight decay `grad.add(param, alpha=λ)`, skipped for λ = 0 as torch
/// skips it.
#[inline(always)]
pub fn weight_decay(g: &mut [f64], x: &[f64], lambda: f64) {
    if lambda != 0.0 {
        for (g, x) in g.iter_mut().zip(x) {
            *g += lambda * x;
        }
    }
}
