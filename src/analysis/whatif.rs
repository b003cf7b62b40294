//! Instant "what if": the future path of a run, computed ahead of its head.
//!
//! A run is deterministic given its surface, spec, start and seed (the noise stream restarts
//! from the seed), so its future is a shadow run with the same four, stepped ahead. When the
//! user changes lr, a hyperparameter or the start, the run restarts and the shadow is rebuilt;
//! while the animation walks, the shadow only extends, keeping `horizon` steps ahead. No
//! optimizer state is cloned, so every optimizer gets a forecast.

use crate::optim::OptimizerSpec;
use crate::run::{Run, RunLimits, RunStatus, TrajectoryPoint};
use crate::surface::{Point, SharedSurface};

/// How many steps ahead of the head a forecast reaches by default.
pub const DEFAULT_HORIZON: usize = 500;

/// The future of one run.
pub struct WhatIf {
    surface: String,
    spec: OptimizerSpec,
    start: Point,
    seed: u64,
    horizon: usize,
    shadow: Run,
}

impl WhatIf {
    /// A forecast for a run of `spec` from `start` with `seed` (and the run's limits), reaching
    /// `horizon` steps past `head_step`.
    pub fn new(
        surface: SharedSurface,
        spec: OptimizerSpec,
        start: Point,
        seed: u64,
        limits: RunLimits,
        horizon: usize,
    ) -> Self {
        let name = surface.name().to_string();
        let shadow = Run::new(surface, spec.clone(), start, seed).with_limits(limits);
        Self {
            surface: name,
            spec,
            start,
            seed,
            horizon,
            shadow,
        }
    }

    /// The forecast for `run` (started with `seed`), extended past its current head.
    pub fn for_run(surface: SharedSurface, run: &Run, seed: u64, horizon: usize) -> Self {
        let mut w = Self::new(
            surface,
            run.spec().clone(),
            run.start(),
            seed,
            run.limits(),
            horizon,
        );
        w.advance_to(run.current().step);
        w
    }

    /// Whether this forecast is still the future of `run`: same surface, spec, start, seed.
    pub fn is_for(&self, surface: &str, run: &Run, seed: u64) -> bool {
        self.surface == surface
            && self.seed == seed
            && self.start == run.start()
            && self.spec == *run.spec()
    }

    /// Steps the shadow until it is `horizon` steps past `head_step` (or has ended).
    pub fn advance_to(&mut self, head_step: usize) {
        let target = head_step.saturating_add(self.horizon);
        while self.shadow.current().step < target && self.shadow.step() {}
    }

    /// The forecast from `head_step` (inclusive) to `horizon` steps past it: empty when the
    /// head is beyond the forecast.
    pub fn ahead(&self, head_step: usize) -> &[TrajectoryPoint] {
        let t = self.shadow.trajectory();
        let first = t.first().map_or(0, |p| p.step);
        let from = head_step.saturating_sub(first).min(t.len());
        let to = (from + self.horizon + 1).min(t.len());
        &t[from..to]
    }

    /// How the forecast ends so far: still running, or converged / diverged at some step.
    pub fn status(&self) -> &RunStatus {
        self.shadow.status()
    }

    pub fn horizon(&self) -> usize {
        self.horizon
    }
}

/// Forecasts for a set of runs, rebuilt only for the runs that changed.
#[derive(Default)]
pub struct Forecasts {
    entries: Vec<WhatIf>,
}

impl Forecasts {
    /// Brings the forecasts up to date with `runs` (all started with `seed`): a run whose
    /// spec, start or surface changed gets a new forecast, the others only extend.
    pub fn refresh<'a>(
        &mut self,
        surface: &SharedSurface,
        runs: impl IntoIterator<Item = &'a Run>,
        seed: u64,
        horizon: usize,
    ) {
        let mut n = 0;
        for (i, run) in runs.into_iter().enumerate() {
            n = i + 1;
            let head = run.current().step;
            match self.entries.get_mut(i) {
                Some(w) if w.is_for(surface.name(), run, seed) && w.horizon == horizon => {
                    w.advance_to(head);
                }
                Some(w) => *w = WhatIf::for_run(surface.clone(), run, seed, horizon),
                None => {
                    let w = WhatIf::for_run(surface.clone(), run, seed, horizon);
                    self.entries.push(w);
                }
            }
        }
        self.entries.truncate(n);
    }

    /// The forecast of the i-th run handed to the last `refresh`.
    pub fn get(&self, i: usize) -> Option<&WhatIf> {
        self.entries.get(i)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
