//! Many runs at once: a basin map, a sweep, a tuning grid.
//!
//! Two paths give the same outcomes `run::Run` gives, run by run:
//! - the fast path, for one element-wise optimizer with exact gradients shared by every run
//!   (a basin map): runs step together in cache-sized blocks, each step one vectorised loop
//!   over a block's buffer (see [`block`]), blocks spread over the cores;
//! - every other batch (Newton, L-BFGS, noisy gradients, a different spec per run) steps a
//!   `Run` per start, the runs spread over the cores.
//!
//! Either way a run's arithmetic does not depend on the others or on the thread that steps
//! it: the same inputs give the same bits with any number of threads.

pub mod basin;
mod block;
mod checks;
mod group;
mod rule;
pub mod tune;

pub use block::BLOCK;
pub use group::GROUP;
pub use rule::{BatchRule, of_rule};

use crate::optim::schedule::Schedule;
use crate::optim::{GradientNoise, OptimizerSpec};
use crate::run::{Run, RunLimits, RunStatus};
use crate::surface::{Point, SharedSurface};
use rayon::prelude::*;

/// How a run of a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndStatus {
    Converged,
    Diverged,
    /// Out of steps, neither converged nor diverged.
    Running,
}

impl EndStatus {
    pub fn name(self) -> &'static str {
        match self {
            EndStatus::Converged => "converged",
            EndStatus::Diverged => "diverged",
            EndStatus::Running => "running",
        }
    }
}

/// One run's end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The last point reached (for a diverged run, the last one before it left).
    pub end: Point,
    /// f(end).
    pub loss: f64,
    pub status: EndStatus,
    /// The step it converged or diverged at; the steps taken when it ran out of them.
    pub steps: usize,
}

impl Outcome {
    fn of_run(run: &Run) -> Self {
        let p = run.current();
        let (status, steps) = match *run.status() {
            RunStatus::Converged { step } => (EndStatus::Converged, step),
            RunStatus::Diverged { step, .. } => (EndStatus::Diverged, step),
            RunStatus::StepLimit { step } => (EndStatus::Running, step),
            RunStatus::Running => (EndStatus::Running, p.step),
        };
        Outcome {
            end: p.x,
            loss: p.loss,
            status,
            steps,
        }
    }
}

const UNSET: Outcome = Outcome {
    end: Point::new(f64::NAN, f64::NAN),
    loss: f64::NAN,
    status: EndStatus::Running,
    steps: 0,
};

/// Called from any thread with the number of runs that just finished.
pub type Progress<'a> = &'a (dyn Fn(usize) + Sync);

/// A no-op progress report.
pub fn no_progress(_: usize) {}

/// Which way a batch is stepped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// Element-wise blocks compiled for this instruction set.
    Blocks(crate::simd::Isa),
    /// One `Run` per start.
    Runs,
}

/// One spec from many starts, each run up to `limits` (a run stops when it converges); the
/// run from `starts[i]` draws its random stream (if any) from `seed + i`.
pub fn run_starts(
    surface: &SharedSurface,
    spec: &OptimizerSpec,
    starts: &[Point],
    limits: RunLimits,
    seed: u64,
    progress: Progress,
) -> Vec<Outcome> {
    match fast_rule(spec, surface, limits) {
        Some(rule) => run_blocks(rule.as_ref(), surface, spec, starts, limits, progress),
        None => {
            let jobs: Vec<Job> = (0u64..)
                .zip(starts)
                .map(|(i, &start)| Job {
                    spec: spec.clone(),
                    start,
                    seed: seed.wrapping_add(i),
                })
                .collect();
            run_each(surface, &jobs, limits, progress)
        }
    }
}

/// The path `run_starts` takes for `spec` on `surface` within `limits`.
pub fn path(spec: &OptimizerSpec, surface: &SharedSurface, limits: RunLimits) -> Path {
    match fast_rule(spec, surface, limits) {
        Some(_) => Path::Blocks(crate::simd::Isa::detect()),
        None => Path::Runs,
    }
}

/// One run of a batch stepped on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub spec: OptimizerSpec,
    pub start: Point,
    /// Seed of its random stream (noise, minibatches).
    pub seed: u64,
}

/// One `Run` per job, in parallel; outcome i is job i's.
pub fn run_each(
    surface: &SharedSurface,
    jobs: &[Job],
    limits: RunLimits,
    progress: Progress,
) -> Vec<Outcome> {
    jobs.par_iter()
        .with_min_len(4)
        .map(|job| {
            let mut run = Run::new(surface.clone(), job.spec.clone(), job.start, job.seed)
                .with_limits(limits);
            while run.step() {}
            progress(1);
            Outcome::of_run(&run)
        })
        .collect()
}

fn run_blocks(
    rule: &dyn BatchRule,
    surface: &SharedSurface,
    spec: &OptimizerSpec,
    starts: &[Point],
    limits: RunLimits,
    progress: Progress,
) -> Vec<Outcome> {
    let scheduler = spec.schedule().start();
    let setup = block::Setup {
        surface: surface.as_ref(),
        limits,
        scheduler: &scheduler,
    };
    let mut out = vec![UNSET; starts.len()];
    starts
        .par_chunks(GROUP)
        .zip(out.par_chunks_mut(GROUP))
        .for_each(|(starts, out)| {
            rule.step_group(&setup, starts, out);
            progress(starts.len());
        });
    out
}

/// The batch stepper for `spec`, when the fast path gives exactly what `Run` gives: an
/// element-wise rule, exact gradients, no clipping, a schedule that does not watch the loss,
/// no constraints, runs that stop when they converge.
fn fast_rule(
    spec: &OptimizerSpec,
    surface: &SharedSurface,
    limits: RunLimits,
) -> Option<Box<dyn BatchRule>> {
    let plain = spec.noise() == GradientNoise::Exact
        && spec.clip().max_norm.is_none()
        && spec.clip().max_value.is_none()
        && !matches!(spec.schedule().schedule, Schedule::Plateau { .. })
        && surface.constraints().is_empty()
        && limits.stop_at_convergence;
    if !plain {
        return None;
    }
    spec.build(2).batch_rule()
}
