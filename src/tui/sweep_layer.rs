//! The sweep map (`W`): the selected optimizer over a grid of its learning rate (log, across)
//! and its main hyperparameter (up), every run from the selected run's start; clicking a cell
//! sets both.
//!
//! The axes have fixed ranges per key (widened to include the current setting), so clicking
//! a cell marks it without moving the map; the map is recomputed when the surface, the start
//! or any other key of the spec changes.

use crate::optim::batch::{self, Job, Outcome};
use crate::optim::{OptimizerSpec, SpecError};
use crate::run::RunLimits;
use crate::surface::{Point, SharedSurface};

/// Steps per run, as `losscape sweep`'s default.
pub const SWEEP_STEPS: usize = 300;
/// Settings across and up (each drawn as a block of map cells).
pub const SWEEP_COLS: usize = 40;
pub const SWEEP_ROWS: usize = 20;

/// One swept key: its values from `from` to `to`, log or evenly spaced.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepAxis {
    pub key: &'static str,
    pub from: f64,
    pub to: f64,
    pub log: bool,
    pub n: usize,
}

impl SweepAxis {
    pub fn value(&self, i: usize) -> f64 {
        let t = if self.n > 1 {
            i as f64 / (self.n - 1) as f64
        } else {
            0.0
        };
        if self.log {
            10f64.powf(self.from.log10() + t * (self.to.log10() - self.from.log10()))
        } else {
            self.from + t * (self.to - self.from)
        }
    }

    /// The index whose value is nearest `v`.
    pub fn index_of(&self, v: f64) -> usize {
        let (a, b, x) = if self.log {
            (
                self.from.log10(),
                self.to.log10(),
                v.max(f64::MIN_POSITIVE).log10(),
            )
        } else {
            (self.from, self.to, v)
        };
        let t = if b != a { (x - a) / (b - a) } else { 0.0 };
        ((t * (self.n - 1) as f64).round().max(0.0) as usize).min(self.n - 1)
    }
}

/// The lr axis, 1e-4 … 10, widened by decades to include `lr`.
fn lr_axis(lr: f64) -> SweepAxis {
    let (mut from, mut to) = (1e-4, 10.0);
    while lr < from && from > 1e-12 {
        from /= 10.0;
    }
    while lr > to && to < 1e6 {
        to *= 10.0;
    }
    SweepAxis {
        key: "lr",
        from,
        to,
        log: true,
        n: SWEEP_COLS,
    }
}

/// The main hyperparameter's axis: decay factors 0 … 0.99, counts 1 … 40, anything else
/// (damping, lr_decay) 0 … 2·max(value, 1).
fn main_axis(key: &'static str, value: f64) -> SweepAxis {
    let (from, to) = match key {
        "momentum" | "beta1" | "beta2" | "alpha" | "rho" => (0.0, 0.99),
        "history_size" => (1.0, 40.0),
        _ => (0.0, 2.0 * value.max(1.0)),
    };
    SweepAxis {
        key,
        from,
        to,
        log: false,
        n: SWEEP_ROWS,
    }
}

/// The computed map.
#[derive(Debug, Clone)]
pub struct SweepLayer {
    pub surface: String,
    pub start: Point,
    /// The spec with both swept keys at their axes' first values (what the map is keyed on).
    pub key: OptimizerSpec,
    pub x: SweepAxis,
    /// None when the optimizer has no main hyperparameter: one row of learning rates.
    pub y: Option<SweepAxis>,
    /// Row-major from the bottom row (the lowest value of `y`), x fastest.
    pub outcomes: Vec<Outcome>,
}

impl SweepLayer {
    /// Runs every setting of `spec`'s lr × main hyperparameter grid from `start`.
    pub fn compute(
        surface: &SharedSurface,
        spec: &OptimizerSpec,
        start: Point,
        seed: u64,
    ) -> Result<Self, SpecError> {
        let x = lr_axis(spec.lr());
        let y = spec.main_hyperparameter().map(|(k, v)| main_axis(k, v));
        let rows = y.as_ref().map_or(1, |a| a.n);
        let mut jobs = Vec::with_capacity(x.n * rows);
        for j in 0..rows {
            for i in 0..x.n {
                jobs.push(Job {
                    spec: setting(spec, &x, y.as_ref(), i, j)?,
                    start,
                    seed,
                });
            }
        }
        let limits = RunLimits {
            max_steps: Some(SWEEP_STEPS),
            ..RunLimits::default()
        };
        let outcomes = batch::run_each(surface, &jobs, limits, &batch::no_progress);
        Ok(SweepLayer {
            surface: surface.name().to_string(),
            start,
            key: map_key(spec)?,
            x,
            y,
            outcomes,
        })
    }

    pub fn is_for(&self, surface: &str, start: Point, spec: &OptimizerSpec) -> bool {
        self.surface == surface
            && self.start == start
            && map_key(spec).ok() == Some(self.key.clone())
    }

    pub fn rows(&self) -> usize {
        self.y.as_ref().map_or(1, |a| a.n)
    }

    /// The outcome of setting (i, j), j counted from the bottom.
    pub fn outcome(&self, i: usize, j: usize) -> Option<&Outcome> {
        self.outcomes.get(j * self.x.n + i)
    }

    /// The cell (i, j) of `spec`'s current setting.
    pub fn current(&self, spec: &OptimizerSpec) -> (usize, usize) {
        let i = self.x.index_of(spec.lr());
        let j = match (&self.y, spec.main_hyperparameter()) {
            (Some(a), Some((_, v))) => a.index_of(v),
            _ => 0,
        };
        (i, j)
    }

    /// `spec` set to the values of cell (i, j).
    pub fn setting(
        &self,
        spec: &OptimizerSpec,
        i: usize,
        j: usize,
    ) -> Result<OptimizerSpec, SpecError> {
        setting(spec, &self.x, self.y.as_ref(), i, j)
    }
}

fn setting(
    spec: &OptimizerSpec,
    x: &SweepAxis,
    y: Option<&SweepAxis>,
    i: usize,
    j: usize,
) -> Result<OptimizerSpec, SpecError> {
    let s = spec.with_param(x.key, &x.value(i).to_string())?;
    match y {
        Some(a) => {
            let v = a.value(j);
            let v = if a.key == "history_size" {
                v.round()
            } else {
                v
            };
            s.with_param(a.key, &v.to_string())
        }
        None => Ok(s),
    }
}

/// What the map depends on: everything but the two swept keys.
fn map_key(spec: &OptimizerSpec) -> Result<OptimizerSpec, SpecError> {
    let s = spec.with_param("lr", "1")?;
    match spec.main_hyperparameter() {
        Some((k, v)) => {
            let a = main_axis(k, v);
            s.with_param(k, &a.from.to_string())
        }
        None => Ok(s),
    }
}
