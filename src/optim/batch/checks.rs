//! The tests `Run::step` makes after each step, over a whole block at once: diverged (NaN,
//! beyond the bound, f undefined or overflowed), converged (|∇f| and the step below their
//! tolerances), as one branch-free loop the compiler vectorises.
//!
//! `Run` compares norms, √(x² + y²) < tol. sqrt is correctly rounded and monotone, so that is
//! exactly s < T for the smallest T with √T ≥ tol: the loop compares squares with T and takes
//! no square root, with the same outcome bit for bit.

use crate::run::{RunLimits, squares_below};
use crate::simd::Kernel;
use crate::surface::Point;

/// A run's verdict bits after a step.
pub const DIVERGED: u64 = 1;
pub const CONVERGED: u64 = 2;

/// The thresholds of one batch.
#[derive(Debug, Clone, Copy)]
pub struct Checks {
    pub bound: f64,
    /// |∇f|² below this ⇔ |∇f| < grad_tol.
    grad_sq: f64,
    /// |Δx|² below this ⇔ |Δx| < max(step_tol, 1e-6).
    step_sq: f64,
    pub max_steps: u64,
}

impl Checks {
    pub fn new(limits: RunLimits) -> Self {
        Checks {
            bound: limits.bound,
            grad_sq: squares_below(limits.grad_tol),
            step_sq: squares_below(limits.step_tol.max(1e-6)),
            max_steps: limits.max_steps.map_or(u64::MAX, |m| m as u64),
        }
    }

    /// `Divergence::of_start`: outside the bound, or f undefined there.
    pub fn bad_start(&self, x: Point, f: f64) -> bool {
        !(self.inside(x) && f.is_finite())
    }

    #[inline(always)]
    fn inside(&self, x: Point) -> bool {
        // NaN and ±∞ compare false / above the bound.
        (x.x.abs() <= self.bound) & (x.y.abs() <= self.bound)
    }
}

/// One pass over the active runs after a step: `code[i]` gets the verdict bits, `prev`
/// becomes `x` (kept for a diverged run, whose end is the point before); returns how many runs
/// run finished. Coordinates are stored apart and verdicts are 64-bit words, so every load
/// and store of the loop vectorises as its arithmetic does.
pub struct Scan<'a> {
    pub checks: &'a Checks,
    /// Each run's two coordinates after the step.
    pub x: [&'a [f64]; 2],
    /// ... and before it.
    pub prev: [&'a mut [f64]; 2],
    pub f: &'a [f64],
    pub g: [&'a [f64]; 2],
    pub code: &'a mut [u64],
}

impl Kernel for Scan<'_> {
    type Output = usize;
    #[inline(always)]
    fn run(self) -> usize {
        let c = self.checks;
        let n = self.code.len();
        let [x0, x1] = self.x.map(|v| &v[..n]);
        let [p0, p1] = self.prev;
        let (p0, p1, f, code) = (&mut p0[..n], &mut p1[..n], &self.f[..n], self.code);
        let (g0, g1) = (&self.g[0][..n], &self.g[1][..n]);
        let mut finished = 0usize;
        for i in 0..n {
            let (x, p) = (Point::new(x0[i], x1[i]), Point::new(p0[i], p1[i]));
            let ok = c.inside(x) & (f[i].abs() < f64::INFINITY);
            let (dx, dy) = (x.x - p.x, x.y - p.y);
            let still = dx * dx + dy * dy < c.step_sq;
            let flat = g0[i] * g0[i] + g1[i] * g1[i] < c.grad_sq;
            let v = (u64::from(!ok) * DIVERGED) | (u64::from(still & flat) * CONVERGED);
            code[i] = v;
            finished += usize::from(v != 0);
            (p0[i], p1[i]) = if ok { (x.x, x.y) } else { (p.x, p.y) };
        }
        finished
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_thresholds_decide_exactly_as_the_norm_does() {
        for tol in [1e-6, 1e-9, 0.3, 1.0, 7.0, 1e-300] {
            let t = squares_below(tol);
            assert!(t.sqrt() >= tol && t.next_down().sqrt() < tol, "{tol}");
            for s in [t, t.next_down(), t.next_up(), t * 0.5, t * 2.0] {
                assert_eq!(s < t, s.sqrt() < tol, "tol {tol}, s {s}");
            }
        }
        assert_eq!(squares_below(0.0), 0.0);
    }
}
