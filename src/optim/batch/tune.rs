//! The search behind `losscape tune`: a coarse log grid of learning rates, then refinement
//! around the best, every candidate a `Run` from the same start with the same budget.

use crate::analysis::{CriticalKind, SearchOptions, search};
use crate::optim::batch::{EndStatus, Progress};
use crate::optim::{OptimizerSpec, SpecError};
use crate::run::{Run, RunLimits, RunStatus};
use crate::surface::{Point, SharedSurface};
use rayon::prelude::*;

/// What `tune` minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Objective {
    /// The loss where the run ends (at convergence or when its steps run out).
    Loss,
    /// The steps until f is within `--tol` of the lowest minimum in the view.
    Steps,
}

/// The coarse grid: lr = 10^(−5 + 5k/24) for k in −24..=29, i.e. 1e-10 … 11, which includes
/// the 25-point log grid over [1e-5, 1] (k = 0..=24) exactly.
const COARSE: std::ops::RangeInclusive<i32> = -24..=29;
/// Spacing of the coarse grid, in decades.
const SPACING: f64 = 5.0 / 24.0;
/// New points per refinement round (three on each side of the best), and the rounds.
const PER_ROUND: usize = 6;
const ROUNDS: usize = 2;
/// Runs one spec's search takes.
pub const RUNS_PER_SPEC: usize = 54 + ROUNDS * PER_ROUND;

/// The lr of coarse grid point k.
pub fn coarse_lr(k: i32) -> f64 {
    10f64.powf(-5.0 + 5.0 * k as f64 / 24.0)
}

/// One candidate learning rate, run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eval {
    pub lr: f64,
    pub loss: f64,
    /// Loss objective: the steps taken; steps objective: the step f reached the target.
    pub steps: Option<usize>,
    pub status: EndStatus,
}

/// One optimizer's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuned {
    /// The spec with the tuned lr.
    pub spec: OptimizerSpec,
    pub lr: f64,
    pub loss: f64,
    pub steps: Option<usize>,
    pub status: EndStatus,
    /// The range of lr (evaluated, contiguous around the best) within 10× of the best.
    pub sensitivity: (f64, f64),
    /// Candidates run.
    pub evaluated: usize,
}

/// What every candidate shares.
pub struct Setup {
    pub surface: SharedSurface,
    pub start: Point,
    pub steps: usize,
    pub objective: Objective,
    pub tol: f64,
    pub seed: u64,
    /// The lowest minimum `critical` finds in the surface's view (0 if none).
    pub floor: f64,
}

impl Setup {
    pub fn new(
        surface: SharedSurface,
        start: Point,
        steps: usize,
        objective: Objective,
        tol: f64,
        seed: u64,
    ) -> Self {
        let minima =
            search(surface.as_ref(), surface.view(), &SearchOptions::default()).critical_points();
        let floor = minima
            .iter()
            .filter(|c| c.kind() == CriticalKind::Minimum)
            .map(|c| c.value)
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))))
            .unwrap_or(0.0);
        Setup {
            surface,
            start,
            steps,
            objective,
            tol,
            seed,
            floor,
        }
    }

    /// The loss `--objective steps` must reach.
    pub fn target(&self) -> f64 {
        self.floor + self.tol
    }

    /// Runs `spec` at `lr` (for the steps objective, until f reaches the target).
    pub fn eval(&self, spec: &OptimizerSpec, lr: f64) -> Result<Eval, SpecError> {
        let spec = spec.with_param("lr", &lr.to_string())?;
        let limits = RunLimits {
            max_steps: Some(self.steps),
            ..RunLimits::default()
        };
        let mut run =
            Run::new(self.surface.clone(), spec, self.start, self.seed).with_limits(limits);
        let target = self.target();
        let mut reached = None;
        loop {
            let p = run.current();
            if self.objective == Objective::Steps && p.loss <= target {
                reached = Some(p.step);
                break;
            }
            if !run.step() {
                break;
            }
        }
        let p = run.current();
        let status = match run.status() {
            RunStatus::Converged { .. } => EndStatus::Converged,
            RunStatus::Diverged { .. } => EndStatus::Diverged,
            _ => EndStatus::Running,
        };
        let steps = match self.objective {
            Objective::Loss => Some(p.step),
            Objective::Steps => reached,
        };
        Ok(Eval {
            lr,
            loss: p.loss,
            steps,
            status,
        })
    }

    /// How good an evaluation is: lower is better; a diverged run is worst.
    fn score(&self, e: &Eval) -> f64 {
        if e.status == EndStatus::Diverged || e.loss.is_nan() {
            return f64::INFINITY;
        }
        match self.objective {
            Objective::Loss => e.loss,
            Objective::Steps => e.steps.map_or(f64::INFINITY, |s| s as f64),
        }
    }

    fn better(&self, a: &Eval, b: &Eval) -> std::cmp::Ordering {
        self.score(a)
            .total_cmp(&self.score(b))
            .then(a.loss.total_cmp(&b.loss))
            .then(a.lr.total_cmp(&b.lr))
    }

    fn eval_all(
        &self,
        spec: &OptimizerSpec,
        lrs: &[f64],
        progress: Progress,
    ) -> Result<Vec<Eval>, SpecError> {
        lrs.par_iter()
            .map(|&lr| {
                let e = self.eval(spec, lr);
                progress(1);
                e
            })
            .collect()
    }

    /// The coarse grid, then `ROUNDS` rounds between the best point's neighbours.
    pub fn tune(&self, spec: &OptimizerSpec, progress: Progress) -> Result<Tuned, SpecError> {
        let coarse: Vec<f64> = COARSE.map(coarse_lr).collect();
        let mut evals = self.eval_all(spec, &coarse, progress)?;
        let mut half = SPACING;
        for _ in 0..ROUNDS {
            let best = self.best(&evals).lr.log10();
            let quarter = half / 4.0;
            let lrs: Vec<f64> = [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0]
                .iter()
                .map(|j| 10f64.powf(best + j * quarter))
                .collect();
            evals.extend(self.eval_all(spec, &lrs, progress)?);
            half = quarter;
        }
        let best = *self.best(&evals);
        Ok(Tuned {
            spec: spec.with_param("lr", &best.lr.to_string())?,
            lr: best.lr,
            loss: best.loss,
            steps: best.steps,
            status: best.status,
            sensitivity: self.sensitivity(&mut evals, &best),
            evaluated: evals.len(),
        })
    }

    fn best<'e>(&self, evals: &'e [Eval]) -> &'e Eval {
        evals
            .iter()
            .min_by(|a, b| self.better(a, b))
            .expect("the coarse grid is never empty")
    }

    /// The contiguous range of evaluated lr around `best` whose objective is within 10× of
    /// the best: for the loss, its excess over the lowest loss known (the floor, or lower).
    fn sensitivity(&self, evals: &mut [Eval], best: &Eval) -> (f64, f64) {
        evals.sort_by(|a, b| a.lr.total_cmp(&b.lr));
        let floor = self.floor.min(best.loss);
        let excess = |e: &Eval| match self.objective {
            Objective::Loss => self.score(e) - floor,
            Objective::Steps => self.score(e),
        };
        let limit = 10.0 * excess(best).max(f64::MIN_POSITIVE);
        let ok = |e: &Eval| excess(e) <= limit;
        let at = evals.iter().position(|e| e.lr == best.lr).unwrap_or(0);
        let lo = evals[..at]
            .iter()
            .rposition(|e| !ok(e))
            .map_or(0, |i| i + 1);
        let hi = evals[at..]
            .iter()
            .position(|e| !ok(e))
            .map_or(evals.len(), |i| at + i);
        (evals[lo].lr, evals[hi - 1].lr)
    }
}
