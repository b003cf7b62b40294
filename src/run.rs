//! A run: one optimizer stepping on one surface from one start, recorded as a trajectory.
//!
//! The caller owns the clock: `step()` advances exactly one iteration. A run ends
//! `Converged` when |∇f| and the step are below tolerance, `Diverged` when x or f(x) leaves
//! the finite world (or a generous bound); the offending point is never recorded; `StepLimit`
//! when `RunLimits::max_steps` is reached. The lr of each step comes from the spec's schedule
//! (ReduceLROnPlateau watches the true loss at each new point).

use crate::optim::{EvalCounts, Optimizer, OptimizerSpec, Oracle, Scheduler};
use crate::surface::{Point, SharedSurface};

/// One recorded point of a trajectory; step 0 is the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrajectoryPoint {
    pub step: usize,
    pub x: Point,
    /// True f(x) (not the noisy or minibatch estimate the optimizer saw).
    pub loss: f64,
    /// True |∇f(x)|.
    pub grad_norm: f64,
    /// The learning rate used for the step that led here (the initial lr at step 0).
    pub lr: f64,
    /// Cumulative oracle work so far.
    pub evals: EvalCounts,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RunStatus {
    Running,
    Converged {
        step: usize,
    },
    Diverged {
        step: usize,
        reason: String,
    },
    /// Stopped after `RunLimits::max_steps` steps, neither converged nor diverged.
    StepLimit {
        step: usize,
    },
}

impl RunStatus {
    pub fn is_finished(&self) -> bool {
        !matches!(self, RunStatus::Running)
    }

    /// A one-word name: running, converged, diverged, step-limit.
    pub fn name(&self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Converged { .. } => "converged",
            RunStatus::Diverged { .. } => "diverged",
            RunStatus::StepLimit { .. } => "step-limit",
        }
    }
}

/// Tolerances and bounds for ending a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunLimits {
    pub grad_tol: f64,
    pub step_tol: f64,
    /// |x| or |y| beyond this counts as diverged.
    pub bound: f64,
    /// The run ends `StepLimit` after this many steps (None: never).
    pub max_steps: Option<usize>,
}

impl Default for RunLimits {
    fn default() -> Self {
        Self {
            grad_tol: 1e-6,
            step_tol: 1e-9,
            bound: 1e6,
            max_steps: None,
        }
    }
}

pub struct Run {
    spec: OptimizerSpec,
    surface: SharedSurface,
    optimizer: Box<dyn Optimizer>,
    oracle: Oracle,
    scheduler: Scheduler,
    x: Point,
    trajectory: Vec<TrajectoryPoint>,
    status: RunStatus,
    limits: RunLimits,
}

impl Run {
    pub fn new(surface: SharedSurface, spec: OptimizerSpec, start: Point, seed: u64) -> Self {
        let oracle = Oracle::new(surface.clone(), spec.noise(), seed).with_clip(spec.clip());
        let optimizer = spec.build();
        let scheduler = spec.schedule().start();
        let mut run = Self {
            spec,
            surface,
            optimizer,
            oracle,
            scheduler,
            x: start,
            trajectory: Vec::new(),
            status: RunStatus::Running,
            limits: RunLimits::default(),
        };
        run.restart(start);
        run
    }

    pub fn with_limits(mut self, limits: RunLimits) -> Self {
        self.limits = limits;
        if limits.max_steps == Some(0) && self.status == RunStatus::Running {
            self.status = RunStatus::StepLimit { step: 0 };
        }
        self
    }

    pub fn limits(&self) -> RunLimits {
        self.limits
    }

    /// The learning rate the next step will use (from the schedule).
    pub fn next_lr(&self) -> f64 {
        self.scheduler.lr()
    }

    /// Oracle work so far (for the step not yet recorded, too).
    pub fn evals(&self) -> EvalCounts {
        self.oracle.counts()
    }

    pub fn spec(&self) -> &OptimizerSpec {
        &self.spec
    }

    pub fn label(&self) -> String {
        self.spec.label()
    }

    pub fn status(&self) -> &RunStatus {
        &self.status
    }

    pub fn trajectory(&self) -> &[TrajectoryPoint] {
        &self.trajectory
    }

    /// The latest point (the start before any step).
    pub fn current(&self) -> &TrajectoryPoint {
        // The trajectory always holds at least the start (see `restart`).
        &self.trajectory[self.trajectory.len() - 1]
    }

    pub fn start(&self) -> Point {
        self.trajectory[0].x
    }

    /// Starts over from `start` with fresh optimizer state and the same random stream.
    pub fn restart(&mut self, start: Point) {
        self.optimizer.reset();
        self.oracle.reset();
        self.scheduler.reset();
        self.x = start;
        self.status = RunStatus::Running;
        self.trajectory.clear();
        let loss = self.surface.value(start);
        self.trajectory.push(TrajectoryPoint {
            step: 0,
            x: start,
            loss,
            grad_norm: self.surface.gradient(start).norm(),
            lr: self.scheduler.lr(),
            evals: EvalCounts::default(),
        });
        if !(loss.is_finite() && start.iter().all(|c| c.is_finite())) {
            self.status = RunStatus::Diverged {
                step: 0,
                reason: "f is undefined at the start point".into(),
            };
        } else if self.limits.max_steps == Some(0) {
            self.status = RunStatus::StepLimit { step: 0 };
        }
    }

    /// Advances one iteration; returns false (and does nothing) once the run has ended.
    pub fn step(&mut self) -> bool {
        if self.status.is_finished() {
            return false;
        }
        let step = self.trajectory.len();
        let lr = self.scheduler.lr();
        let before = self.x;
        let mut x = self.x;
        if let Some(m) = self.scheduler.momentum() {
            self.optimizer.set_momentum(m);
        }
        if let Err(e) = self.optimizer.step(&mut x, lr, &mut self.oracle) {
            self.status = RunStatus::Diverged {
                step,
                reason: e.to_string(),
            };
            return false;
        }
        let loss = self.surface.value(x);
        let bound = self.limits.bound;
        if let Some(reason) = divergence_reason(x, loss, bound) {
            self.status = RunStatus::Diverged { step, reason };
            return false;
        }
        let grad_norm = self.surface.gradient(x).norm();
        self.x = x;
        self.trajectory.push(TrajectoryPoint {
            step,
            x,
            loss,
            grad_norm,
            lr,
            evals: self.oracle.counts(),
        });
        self.scheduler.step(loss);
        let still = (x - before).norm() < self.limits.step_tol.max(1e-6);
        // With constraints, ∇f need not vanish at the answer: test the KKT residual instead.
        let stationarity = if self.surface.constraints().is_empty() {
            grad_norm
        } else {
            crate::analysis::kkt_residual(self.surface.as_ref(), x)
        };
        if (stationarity < self.limits.grad_tol && still)
            || (self.optimizer.stopped() && x == before)
        {
            self.status = RunStatus::Converged { step };
        } else if self.limits.max_steps.is_some_and(|m| step >= m) {
            self.status = RunStatus::StepLimit { step };
        }
        true
    }
}

/// Why a proposed point ends the run, if it does. An undefined f (NaN at a finite, in-bounds
/// point: 1/0, ln of a negative...) is told apart from a blow-up, since the cure differs.
fn divergence_reason(x: Point, loss: f64, bound: f64) -> Option<String> {
    if !x.iter().all(|c| c.is_finite() && c.abs() <= bound) {
        return Some(format!(
            "left the finite world (|x| or |y| beyond {bound:e}); try a smaller lr"
        ));
    }
    if loss.is_nan() {
        return Some(format!(
            "f is undefined at ({:.4}, {:.4}); the step landed outside the function's domain",
            x.x, x.y
        ));
    }
    if !loss.is_finite() {
        return Some("f(x) overflowed; try a smaller lr".into());
    }
    None
}

#[cfg(test)]
mod divergence_tests {
    use super::*;

    #[test]
    fn tells_undefined_from_overflow() {
        let undefined = divergence_reason(Point::new(-1.0, 0.5), f64::NAN, 1e6).unwrap();
        assert!(
            undefined.contains("undefined at (-1.0000, 0.5000)"),
            "{undefined}"
        );
        let far = divergence_reason(Point::new(2e6, 0.0), 1.0, 1e6).unwrap();
        assert!(far.contains("left the finite world"), "{far}");
        let overflow = divergence_reason(Point::new(1.0, 1.0), f64::INFINITY, 1e6).unwrap();
        assert!(overflow.contains("overflowed"), "{overflow}");
        assert_eq!(divergence_reason(Point::new(1.0, 1.0), 3.0, 1e6), None);
    }
}
