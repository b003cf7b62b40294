//! torch.optim.LBFGS with max_iter = 1: one `step()` here is one call of torch's
//! `LBFGS.step(closure)`, and the state (history, direction, step length) persists across
//! calls exactly as in torch's `self.state`. Any number of parameters (one flat buffer, as
//! torch's `_gather_flat_grad`).
//!
//! Defaults: lr 1, history_size 100, line_search none, tolerance_grad 1e-7,
//! tolerance_change 1e-9. Per call:
//! ```text
//! f, g = closure(x)                                   (one value + one gradient)
//! if max|g| ≤ tolerance_grad: stop (no move, no iteration counted)
//! n ← n + 1
//! n = 1: d = −g, history cleared, H₀ = 1
//! else:  y = g − g_prev, s = t·d (previous d, t); if y·s > 1e-10 push (s, y, ρ = 1/y·s),
//!        dropping the oldest beyond history_size, H₀ = y·s / y·y;
//!        d = −H·g by the two-loop recursion
//! g_prev = g;  t = min(1, 1/‖g‖₁)·lr on the first iteration, else lr
//! if g·d > −tolerance_change: stop (no move)
//! strong_wolfe: t ← line search from t along d;   x ← x + t·d
//! ```
//! torch's `a.add_(b, alpha=c)` is a fused multiply-add per element on the CPU (checked with
//! torch 2.15), and so are these updates here (`mul_add`): L-BFGS on Rosenbrock amplifies
//! the one-ulp difference of an unfused a + c·b to 1e-9 within 40 steps.

use super::line_search::{dot, strong_wolfe};
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use super::{Optimizer, Oracle, StateValue, StepError};
use crate::simd::{self, Isa, Kernel};
use std::collections::VecDeque;

pub const ENTRY: Entry = Entry {
    name: "lbfgs",
    shape: Shape::Lbfgs,
    doc: "torch.optim.LBFGS (one iteration per step): a quasi-Newton direction from history",
    default_lr: 1.0,
    keys: &[
        Key::new(
            "history_size",
            Count(100),
            "how many (s, y) pairs the inverse Hessian uses",
        ),
        Key::new(
            "line_search",
            Choice(&["none", "strong_wolfe"], 0),
            "step length lr, or torch's strong-Wolfe search",
        ),
    ],
    main: Some("history_size"),
    cycles_momentum: false,
    state: &[
        "n_iter",
        "d",
        "t",
        "old_dirs",
        "old_stps",
        "ro",
        "H_diag",
        "prev_flat_grad",
    ],
    planar: false,
    check: no_check,
    build: |h, l| {
        let search = match h.choice("line_search") {
            "strong_wolfe" => LineSearch::StrongWolfe,
            _ => LineSearch::None,
        };
        Box::new(Lbfgs::new(h.count("history_size"), search, l.dim))
    },
};

const TOLERANCE_GRAD: f64 = 1e-7;
const TOLERANCE_CHANGE: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineSearch {
    #[default]
    None,
    StrongWolfe,
}

#[derive(Debug, Clone)]
pub struct Lbfgs {
    pub history_size: usize,
    pub line_search: LineSearch,
    n_iter: u64,
    d: Vec<f64>,
    t: f64,
    /// (s, y, ρ) triples, oldest first: torch's old_stps, old_dirs, ro.
    history: VecDeque<(Vec<f64>, Vec<f64>, f64)>,
    h_diag: f64,
    g: Vec<f64>,
    prev_grad: Option<Vec<f64>>,
    al: Vec<f64>,
    /// Scratch: the next (s, y) pair, and q of the two-loop recursion (no allocation per step
    /// once the history is full).
    s_new: Vec<f64>,
    y_new: Vec<f64>,
    q: Vec<f64>,
    /// The last call ended on a tolerance without moving.
    stopped: bool,
}

impl Lbfgs {
    pub fn new(history_size: usize, line_search: LineSearch, dim: usize) -> Self {
        let history_size = history_size.max(1);
        Self {
            history_size,
            line_search,
            n_iter: 0,
            d: vec![0.0; dim],
            t: 0.0,
            history: VecDeque::with_capacity(history_size.min(1024)),
            h_diag: 1.0,
            g: vec![0.0; dim],
            prev_grad: None,
            al: Vec::new(),
            s_new: vec![0.0; dim],
            y_new: vec![0.0; dim],
            q: vec![0.0; dim],
            stopped: false,
        }
    }

    /// d = −H·g by the two-loop recursion over the stored pairs, H₀ = h_diag·I.
    #[inline(always)]
    fn direction(&mut self) {
        self.al.resize(self.history.len(), 0.0);
        let q = &mut self.q;
        q.iter_mut().zip(&self.g).for_each(|(q, g)| *q = -g);
        for (i, (s, y, ro)) in self.history.iter().enumerate().rev() {
            let a = dot(s, q) * ro;
            self.al[i] = a;
            // torch's q.add_(y, alpha=−a) is one fused multiply-add per element.
            q.iter_mut()
                .zip(y)
                .for_each(|(q, y)| *q = (-a).mul_add(*y, *q));
        }
        let r = &mut self.d;
        r.iter_mut()
            .zip(q.iter())
            .for_each(|(r, q)| *r = q * self.h_diag);
        for (i, (s, y, ro)) in self.history.iter().enumerate() {
            let be = dot(y, r) * ro;
            let c = self.al[i] - be;
            r.iter_mut()
                .zip(s)
                .for_each(|(r, s)| *r = c.mul_add(*s, *r));
        }
    }

    /// Stores the pair of the last step and computes the new direction.
    #[inline(always)]
    fn update_direction(&mut self) {
        let prev = self.prev_grad.as_deref().unwrap_or(&self.g);
        let (y, s) = (&mut self.y_new, &mut self.s_new);
        y.iter_mut()
            .zip(self.g.iter().zip(prev))
            .for_each(|(y, (g, p))| *y = g - p);
        s.iter_mut().zip(&self.d).for_each(|(s, d)| *s = d * self.t);
        let ys = dot(y, s);
        if ys > 1e-10 {
            // The oldest pair's buffers become the next scratch.
            let (s_old, y_old) = match self.history.len() == self.history_size {
                true => self.history.pop_front().map(|(s, y, _)| (s, y)),
                false => None,
            }
            .unwrap_or_else(|| (vec![0.0; s.len()], vec![0.0; y.len()]));
            self.h_diag = ys / dot(y, y);
            let pair = (std::mem::replace(s, s_old), std::mem::replace(y, y_old));
            self.history.push_back((pair.0, pair.1, 1.0 / ys));
        }
        self.direction();
    }

    /// One call of torch's `LBFGS.step(closure)` (see the module note).
    #[inline(always)]
    fn step_fused(&mut self, x: &mut [f64], lr: f64, oracle: &mut Oracle) {
        let loss = oracle.value_and_gradient(x, &mut self.g);
        self.stopped = true;
        if self.g.iter().all(|g| g.abs() <= TOLERANCE_GRAD) {
            return;
        }
        self.n_iter += 1;
        if self.n_iter == 1 {
            self.d.iter_mut().zip(&self.g).for_each(|(d, g)| *d = -g);
            self.history.clear();
            self.h_diag = 1.0;
        } else {
            self.update_direction();
        }
        match &mut self.prev_grad {
            Some(p) => p.copy_from_slice(&self.g),
            None => self.prev_grad = Some(self.g.clone()),
        }
        self.t = if self.n_iter == 1 {
            let l1: f64 = self.g.iter().map(|g| g.abs()).sum();
            (1.0f64).min(1.0 / l1) * lr
        } else {
            lr
        };
        let gtd = dot(&self.g, &self.d);
        if gtd > -TOLERANCE_CHANGE {
            return;
        }
        self.stopped = false;
        if self.line_search == LineSearch::StrongWolfe {
            let (x0, d) = (x.to_vec(), self.d.clone());
            let mut obj = |t: f64| {
                let p: Vec<f64> = x0.iter().zip(&d).map(|(x, d)| t.mul_add(*d, *x)).collect();
                let mut g = vec![0.0; p.len()];
                let f = oracle.value_and_gradient(&p, &mut g);
                (f, g)
            };
            self.t = strong_wolfe(&mut obj, self.t, &d, loss, &self.g, gtd).t;
        }
        // torch's p.add_(d, alpha=t): fused.
        for (x, d) in x.iter_mut().zip(&self.d) {
            *x = self.t.mul_add(*d, *x);
        }
    }
}

/// A step compiled with FMA where the CPU has it: torch's fused `add_` is then one
/// instruction, not a call to the software `fma` (same bits either way).
struct FusedStep<'a> {
    lbfgs: &'a mut Lbfgs,
    x: &'a mut [f64],
    lr: f64,
    oracle: &'a mut Oracle,
}

impl Kernel for FusedStep<'_> {
    type Output = ();
    #[inline(always)]
    fn run(self) {
        self.lbfgs.step_fused(self.x, self.lr, self.oracle);
    }
}

impl Optimizer for Lbfgs {
    fn step(&mut self, x: &mut [f64], lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let lbfgs = self;
        simd::run_with(
            Isa::Avx2,
            FusedStep {
                lbfgs,
                x,
                lr,
                oracle,
            },
        );
        Ok(())
    }

    fn reset(&mut self) {
        let dim = self.d.len();
        *self = Self::new(self.history_size, self.line_search, dim);
    }

    fn stopped(&self) -> bool {
        self.stopped
    }

    fn state(&self) -> Vec<(&'static str, StateValue<'_>)> {
        let mut out = vec![
            ("n_iter", StateValue::Scalar(self.n_iter as f64)),
            ("d", StateValue::Buffer(&self.d)),
            ("t", StateValue::Scalar(self.t)),
            ("H_diag", StateValue::Scalar(self.h_diag)),
        ];
        if let Some(p) = &self.prev_grad {
            out.push(("prev_flat_grad", StateValue::Buffer(p)));
        }
        out
    }
}
