//! How a run ends: its limits, and the tests after each step that end it (converged at
//! once or at the step limit, diverged, or stopped at the limit).

use super::{Divergence, Run, RunStatus, classify_hessian, plane};

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
        let still = moved.sum::<f64>().sqrt() < self.limits.step_tol.max(1e-6);
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
    #[inline]
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
