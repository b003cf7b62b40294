//! How a run ends: its limits, and the tests after each step that end it (converged at
//! once or at the step limit, diverged, or stopped at the limit).

use super::{Divergence, Run, RunStatus, classify_hessian, plane};

/// The least sum of squares s with √s ≥ `tol`: since √ is monotone, `s.sqrt() < tol` is
/// exactly `s < squares_below(tol)`, so the per-step test needs no square root (here and in
/// the batch checks). 0 for tol ≤ 0 or NaN: nothing is below it.
pub(crate) fn squares_below(tol: f64) -> f64 {
    if tol.is_nan() || tol <= 0.0 {
        return 0.0;
    }
    let mut a = tol * tol;
    while a > 0.0 && a.next_down().sqrt() >= tol {
        a = a.next_down();
    }
    while a.sqrt() < tol {
        a = a.next_up();
    }
    a
}

/// Tolerances and bounds for ending a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunLimits {
    pub grad_tol: f64,
    pub step_tol: f64,
    /// A coordinate beyond ± this counts as diverged.
    pub bound: f64,
    /// The run ends after this many steps (None: never).
    pub max_steps: Option<usize>,
    /// End the run as soon as it converges (the TUI, `run --until-converged`).
    pub stop_at_convergence: bool,
}

impl Default for RunLimits {
    fn default() -> Self {
        Self {
            grad_tol: 1e-6,
            step_tol: 1e-9,
            bound: 1e6,
            max_steps: None,
            stop_at_convergence: true,
        }
    }
}

impl Run {
    pub(super) fn diverge(&mut self, step: usize, reason: Divergence) -> bool {
        self.status = RunStatus::Diverged { step, reason };
        false
    }

    #[inline]
    pub(super) fn check_convergence(&mut self, step: usize, grad_norm: f64) {
        let moved = self
            .x
            .iter()
            .zip(&self.before)
            .map(|(a, b)| (a - b) * (a - b));
        let still = moved.sum::<f64>() < self.still_below;
        // With constraints, ∇f need not vanish at the answer: test the KKT residual instead.
        let stationarity = match (&self.surface, self.constrained) {
            (Some(s), true) => crate::analysis::kkt_residual(s.as_ref(), plane(&self.x)),
            _ => grad_norm,
        };
        let converged = (stationarity < self.limits.grad_tol && still)
            || (self.x == self.before && self.optimizer.stopped());
        self.settle(step, converged);
    }

    /// Ends the run on convergence or at the step limit, after the test at `step`.
    #[inline(always)]
    pub(super) fn settle(&mut self, step: usize, converged: bool) {
        if !converged {
            self.converged_at = None;
        } else if self.converged_at.is_none() {
            self.converged_at = Some(step);
        }
        let at_limit = self.limits.max_steps.is_some_and(|m| step >= m);
        if converged && (self.limits.stop_at_convergence || at_limit) {
            self.converge(self.converged_at.unwrap_or(step));
        } else if at_limit {
            self.status = RunStatus::StepLimit { step };
        }
    }

    fn converge(&mut self, step: usize) {
        self.status = RunStatus::Converged { step };
        self.converged_to = match &self.surface {
            Some(s) if self.constrained => {
                crate::analysis::classify_constrained_end(s.as_ref(), plane(&self.x))
            }
            _ => Some(classify_hessian(self.objective.hessian(&self.x))),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::squares_below;

    #[test]
    fn a_sum_below_the_threshold_is_one_whose_root_is_below_tol() {
        for tol in [
            1e-6,
            1e-9_f64.max(1e-6),
            3.7e-4,
            1.0,
            0.1,
            2.5e-5,
            f64::INFINITY,
        ] {
            let a = squares_below(tol);
            let mut s = a;
            // Both sides of the threshold, a few ulps apart, and far away.
            for _ in 0..40 {
                s = s.next_down();
            }
            for _ in 0..80 {
                assert_eq!(s.sqrt() < tol, s < a, "tol {tol:e}, s {s:e}");
                s = s.next_up();
            }
            for s in [
                0.0,
                tol * tol * 0.5,
                tol * tol * 2.0,
                f64::INFINITY,
                f64::NAN,
            ] {
                assert_eq!(s.sqrt() < tol, s < a, "tol {tol:e}, s {s:e}");
            }
        }
    }
}
