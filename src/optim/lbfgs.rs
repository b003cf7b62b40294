//! torch.optim.LBFGS with max_iter = 1: one `step()` here is one call of torch's
//! `LBFGS.step(closure)`, and the state (history, direction, step length) persists across
//! calls exactly as in torch's `self.state`.
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

use super::line_search::strong_wolfe;
use super::{Oracle, PlanarOptimizer, StepError};
use crate::surface::Point;
use nalgebra::Vector2;
use std::collections::VecDeque;

type V = Vector2<f64>;

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
    d: V,
    t: f64,
    /// (s, y, ρ) pairs, oldest first: torch's old_stps, old_dirs, ro.
    history: VecDeque<(V, V, f64)>,
    h_diag: f64,
    prev_grad: Option<V>,
    al: Vec<f64>,
    /// The last call ended on a tolerance without moving.
    stopped: bool,
}

impl Lbfgs {
    pub fn new(history_size: usize, line_search: LineSearch) -> Self {
        let history_size = history_size.max(1);
        Self {
            history_size,
            line_search,
            n_iter: 0,
            d: V::zeros(),
            t: 0.0,
            history: VecDeque::with_capacity(history_size),
            h_diag: 1.0,
            prev_grad: None,
            al: vec![0.0; history_size],
            stopped: false,
        }
    }

    /// −H·g by the two-loop recursion over the stored pairs, H₀ = h_diag·I.
    fn direction(&mut self, g: V) -> V {
        let mut q = -g;
        for (i, (s, y, ro)) in self.history.iter().enumerate().rev() {
            let a = s.dot(&q) * ro;
            self.al[i] = a;
            q -= a * y;
        }
        let mut r = q * self.h_diag;
        for (i, (s, y, ro)) in self.history.iter().enumerate() {
            let be = y.dot(&r) * ro;
            r += (self.al[i] - be) * s;
        }
        r
    }
}

impl PlanarOptimizer for Lbfgs {
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let (loss, g) = oracle.value_and_gradient_at(*x);
        self.stopped = true;
        if g.abs().max() <= TOLERANCE_GRAD {
            return Ok(());
        }
        self.n_iter += 1;
        if self.n_iter == 1 {
            self.d = -g;
            self.history.clear();
            self.h_diag = 1.0;
        } else {
            let prev = self.prev_grad.unwrap_or(g);
            let y = g - prev;
            let s = self.d * self.t;
            let ys = y.dot(&s);
            if ys > 1e-10 {
                if self.history.len() == self.history_size {
                    self.history.pop_front();
                }
                self.history.push_back((s, y, 1.0 / ys));
                self.h_diag = ys / y.dot(&y);
            }
            self.d = self.direction(g);
        }
        self.prev_grad = Some(g);
        self.t = if self.n_iter == 1 {
            (1.0f64).min(1.0 / g.abs().sum()) * lr
        } else {
            lr
        };
        let gtd = g.dot(&self.d);
        if gtd > -TOLERANCE_CHANGE {
            return Ok(());
        }
        self.stopped = false;
        if self.line_search == LineSearch::StrongWolfe {
            let x0 = *x;
            let d = self.d;
            let mut obj = |t: f64| oracle.value_and_gradient_at(x0 + t * d);
            self.t = strong_wolfe(&mut obj, self.t, d, loss, g, gtd).t;
        }
        *x += self.t * self.d;
        Ok(())
    }

    fn reset(&mut self) {
        self.n_iter = 0;
        self.d = V::zeros();
        self.t = 0.0;
        self.history.clear();
        self.h_diag = 1.0;
        self.prev_grad = None;
        self.stopped = false;
    }

    fn stopped(&self) -> bool {
        self.stopped
    }
}
