//! One optimizer in the race: its spec as the user edits it, and its run on the surface.

use crate::optim::{OptimizerSpec, SpecError};
use crate::run::{Run, RunLimits};
use crate::surface::{Point, SharedSurface};
use crate::tui::app::MAX_STEPS;

/// How noisy the gradients are, applied to every racer alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NoiseMode {
    /// Full-batch / exact gradients.
    #[default]
    Exact,
    /// Mini-batches of 16 rows (data surfaces) or mild Gaussian noise σ = 1 (closed form).
    Low,
    /// One row at a time (data surfaces) or strong Gaussian noise σ = 5 (closed form).
    High,
}

/// Mini-batch size of [`NoiseMode::Low`] on data surfaces.
pub const MINIBATCH: usize = 16;
/// Gaussian noise σ of the two noisy modes on closed-form surfaces.
pub const SIGMAS: [f64; 2] = [1.0, 5.0];

impl NoiseMode {
    pub fn next(self) -> Self {
        match self {
            NoiseMode::Exact => NoiseMode::Low,
            NoiseMode::Low => NoiseMode::High,
            NoiseMode::High => NoiseMode::Exact,
        }
    }

    /// The spec key and value that ask for this noise, if any.
    pub fn param(self, data: bool) -> Option<(&'static str, String)> {
        match (self, data) {
            (NoiseMode::Exact, _) => None,
            (NoiseMode::Low, true) => Some(("batch", MINIBATCH.to_string())),
            (NoiseMode::High, true) => Some(("batch", "1".into())),
            (NoiseMode::Low, false) => Some(("noise", SIGMAS[0].to_string())),
            (NoiseMode::High, false) => Some(("noise", SIGMAS[1].to_string())),
        }
    }

    pub fn describe(self, data: bool) -> String {
        match (self, data) {
            (NoiseMode::Exact, true) => "full batch".into(),
            (NoiseMode::Exact, false) => "exact gradient".into(),
            (NoiseMode::Low, true) => format!("mini-batch {MINIBATCH}"),
            (NoiseMode::High, true) => "stochastic (batch 1)".into(),
            (NoiseMode::Low, false) => format!("noise σ={}", SIGMAS[0]),
            (NoiseMode::High, false) => format!("noise σ={}", SIGMAS[1]),
        }
    }
}

pub struct Racer {
    /// The spec as the user set it (learning rate, hyperparameters), without noise.
    pub base: OptimizerSpec,
    pub run: Run,
    /// A start of its own, instead of the common one.
    pub own_start: Option<Point>,
    /// Colour and glyph index; stays the same when other racers are removed.
    pub slot: usize,
}

impl Racer {
    pub fn new(
        surface: SharedSurface,
        base: OptimizerSpec,
        start: Point,
        seed: u64,
        slot: usize,
        noise: NoiseMode,
    ) -> Result<Self, SpecError> {
        let spec = effective_spec(&base, noise, has_rows(&surface))?;
        Ok(Self {
            base,
            run: new_run(surface, spec, start, seed),
            own_start: None,
            slot,
        })
    }

    /// The label for tables: the user's `label=`, else the name and its non-default settings
    /// in short form (`momentum m=0.95`, `adam β₁=0.8`), without lr (it has its own column).
    pub fn label(&self) -> String {
        let full = self.base.to_string();
        let label = self.base.label();
        if label != full {
            return label;
        }
        let (name, rest) = full.split_once(':').unwrap_or((&full, ""));
        let kept: Vec<String> = rest
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .filter(|(k, _)| *k != "lr")
            .map(|(k, v)| format!("{}={v}", short_key(k)))
            .collect();
        if kept.is_empty() {
            name.to_string()
        } else {
            format!("{name} {}", kept.join(" "))
        }
    }

    /// Rebuilds the run with a new spec (or noise), restarting from its start.
    pub fn rebuild(
        &mut self,
        surface: SharedSurface,
        base: OptimizerSpec,
        seed: u64,
        noise: NoiseMode,
    ) -> Result<(), SpecError> {
        let spec = effective_spec(&base, noise, has_rows(&surface))?;
        let start = self.run.start();
        self.run = new_run(surface, spec, start, seed);
        self.base = base;
        Ok(())
    }
}

/// A run that stops (status step-limit) after [`MAX_STEPS`], so memory stays bounded when the
/// race is left playing fast.
fn new_run(surface: SharedSurface, spec: OptimizerSpec, start: Point, seed: u64) -> Run {
    // A network's run is in all its parameters, drawn by its projection on the plane; it
    // keeps every parameter vector (for the PCA plane), so it stops sooner.
    let (run, max_steps) = match surface.network() {
        Some(plane) => (plane.run(spec, start, seed), crate::tui::model::MAX_STEPS),
        None => (Run::new(surface, spec, start, seed), MAX_STEPS),
    };
    run.with_limits(RunLimits {
        max_steps: Some(max_steps),
        ..RunLimits::default()
    })
}

/// Whether gradients can be minibatch estimates (a data surface or a network).
pub fn has_rows(surface: &SharedSurface) -> bool {
    surface.data().is_some() || surface.network().is_some()
}

/// The spec the run uses: the user's spec plus the noise setting.
pub fn effective_spec(
    base: &OptimizerSpec,
    noise: NoiseMode,
    data: bool,
) -> Result<OptimizerSpec, SpecError> {
    match noise.param(data) {
        None => Ok(base.clone()),
        Some((key, value)) => base.with_param(key, &value),
    }
}

/// Short names for the hyperparameters a table shows most.
fn short_key(k: &str) -> &str {
    match k {
        "momentum" => "m",
        "beta1" => "β₁",
        "beta2" => "β₂",
        "damping" => "λ",
        "history_size" => "hist",
        "weight_decay" => "wd",
        "schedule" => "sched",
        other => other,
    }
}
