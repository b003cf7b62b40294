//! Step-by-step explanation of a run: what `losscape explain` prints and the TUI's anatomy
//! overlay draws.
//!
//! An [`Explainer`] owns a run and takes its steps one at a time, recording around each the
//! point, the gradient the optimizer saw, the learning rate, the optimizer's state under
//! torch's names and the step split into terms ([`anatomy`]).
//!
//! The gradient the optimizer saw is read from a probe oracle with the run's noise, seed and
//! clipping, asked once per step: it draws the same random numbers as the run's own oracle,
//! which also asks once per step (all methods but L-BFGS with a line search on a noisy
//! surface, whose extra draws the probe does not follow).

use super::anatomy::{Anatomy, StateEntry, StepInputs, StepState, anatomy};
use crate::optim::{OptimizerSpec, Oracle, StateValue};
use crate::run::{Run, RunLimits};
use crate::surface::{Point, SharedSurface};

/// One explained step.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedStep {
    /// The step's number, from 1.
    pub step: usize,
    /// The point before the step.
    pub x: Vec<f64>,
    /// The gradient as the optimizer saw it (noise, minibatch, clipping included).
    pub gradient: Vec<f64>,
    /// The gradient before clipping, when the spec clips (else None).
    pub unclipped: Option<Vec<f64>>,
    pub lr: f64,
    /// The optimizer's state after the step, under torch's names.
    pub state: StepState,
    pub anatomy: Anatomy,
    /// The point after the step.
    pub x_after: Vec<f64>,
}

impl ExplainedStep {
    /// x_after − x: the step taken.
    pub fn step_vector(&self) -> Vec<f64> {
        self.x_after
            .iter()
            .zip(&self.x)
            .map(|(a, b)| a - b)
            .collect()
    }

    /// The sum of the terms' vectors (equal to the step to round-off).
    pub fn terms_sum(&self) -> Vec<f64> {
        let mut sum = vec![0.0; self.x.len()];
        for t in &self.anatomy.terms {
            for (s, v) in sum.iter_mut().zip(&t.vector) {
                *s += v;
            }
        }
        sum
    }

    /// What clipping took away: the unclipped gradient minus the one the optimizer saw.
    pub fn clip_removed(&self) -> Option<Vec<f64>> {
        let raw = self.unclipped.as_ref()?;
        Some(raw.iter().zip(&self.gradient).map(|(r, g)| r - g).collect())
    }
}

/// Copies an optimizer's state out of its borrowed form.
pub fn snapshot(state: Vec<(&'static str, StateValue<'_>)>) -> StepState {
    StepState(
        state
            .into_iter()
            .map(|(name, v)| {
                let entry = match v {
                    StateValue::Scalar(s) => StateEntry::Scalar(s),
                    StateValue::Buffer(b) => StateEntry::Buffer(b.to_vec()),
                };
                (name, entry)
            })
            .collect(),
    )
}

/// A run taken one explained step at a time.
pub struct Explainer {
    surface: SharedSurface,
    run: Run,
    probe: Oracle,
    unclipped: Option<Oracle>,
}

impl Explainer {
    /// A run of `spec` from `start` with `seed`; it takes every step asked for (it does not
    /// stop at convergence) unless it diverges.
    pub fn new(surface: SharedSurface, spec: OptimizerSpec, start: Point, seed: u64) -> Self {
        let limits = RunLimits {
            stop_at_convergence: false,
            ..RunLimits::default()
        };
        Self::with_limits(surface, spec, start, seed, limits)
    }

    pub fn with_limits(
        surface: SharedSurface,
        spec: OptimizerSpec,
        start: Point,
        seed: u64,
        limits: RunLimits,
    ) -> Self {
        let noise = spec.noise();
        let probe = Oracle::new(surface.clone(), noise, seed).with_clip(spec.clip());
        let unclipped = (!spec.clip().is_none()).then(|| Oracle::new(surface.clone(), noise, seed));
        let run = Run::new(surface.clone(), spec, start, seed).with_limits(limits);
        Self {
            surface,
            run,
            probe,
            unclipped,
        }
    }

    pub fn run(&self) -> &Run {
        &self.run
    }

    /// Takes and explains the next step; None once the run has ended (diverged, or its
    /// limit reached), with the reason in `run().status()`.
    pub fn step(&mut self) -> Option<ExplainedStep> {
        if self.run.status().is_finished() {
            return None;
        }
        let x = self.run.params().to_vec();
        let before = snapshot(self.run.optimizer().state());
        let lr = self.run.next_lr();
        let mut gradient = vec![0.0; x.len()];
        self.probe.gradient(&x, &mut gradient);
        let unclipped = self.unclipped.as_mut().map(|o| {
            let mut g = vec![0.0; x.len()];
            o.gradient(&x, &mut g);
            g
        });
        let hessian = (x.len() == 2).then(|| {
            let h = self.surface.hessian(Point::new(x[0], x[1]));
            [h[(0, 0)], h[(0, 1)], h[(1, 0)], h[(1, 1)]]
        });
        let step_number = self.run.current().step + 1;
        if !self.run.step() {
            return None;
        }
        let x_after = self.run.params().to_vec();
        let after = snapshot(self.run.optimizer().state());
        let step: Vec<f64> = x_after.iter().zip(&x).map(|(a, b)| a - b).collect();
        let spec = self.run.spec();
        let anatomy = anatomy(&StepInputs {
            name: spec.name(),
            hyper: spec.hyper(),
            number: step_number,
            lr,
            x: &x,
            gradient: &gradient,
            before: &before,
            after: &after,
            step: &step,
            hessian: hessian.as_ref().map(|h| h.as_slice()),
        });
        Some(ExplainedStep {
            step: step_number,
            x,
            gradient,
            unclipped,
            lr,
            state: after,
            anatomy,
            x_after,
        })
    }
}

/// The next step of a run, explained before the run takes it: a shadow [`Explainer`] with the
/// run's surface, spec, start, seed and limits, kept exactly one step ahead of the run's head
/// (the TUI's anatomy overlay). While the run walks forward the shadow only extends; a run
/// that restarted or changed needs a new one ([`Lookahead::is_for`]).
pub struct Lookahead {
    surface: String,
    spec: OptimizerSpec,
    start: Point,
    seed: u64,
    explainer: Explainer,
    next: Option<ExplainedStep>,
}

impl Lookahead {
    /// The step `run` (started with `seed`) takes next.
    pub fn for_run(surface: SharedSurface, run: &Run, seed: u64) -> Self {
        let name = surface.name().to_string();
        let explainer =
            Explainer::with_limits(surface, run.spec().clone(), run.start(), seed, run.limits());
        let mut l = Self {
            surface: name,
            spec: run.spec().clone(),
            start: run.start(),
            seed,
            explainer,
            next: None,
        };
        l.advance_to(run.current().step);
        l
    }

    /// Whether this is still `run`'s future, and not already past its head at `head`.
    pub fn is_for(&self, surface: &str, run: &Run, seed: u64) -> bool {
        self.surface == surface
            && self.seed == seed
            && self.start == run.start()
            && self.spec == *run.spec()
            && self.explainer.run().current().step <= run.current().step + 1
    }

    /// Steps the shadow until its last explained step is the one after `head`.
    pub fn advance_to(&mut self, head: usize) {
        while self.explainer.run().current().step < head + 1 {
            self.next = self.explainer.step();
            if self.next.is_none() {
                return;
            }
        }
    }

    /// The step after the head, explained; None once the run has ended (converged, diverged
    /// or at its step limit), with the reason in [`Lookahead::status`].
    pub fn next(&self) -> Option<&ExplainedStep> {
        self.next.as_ref()
    }

    pub fn status(&self) -> &crate::run::RunStatus {
        self.explainer.run().status()
    }
}
