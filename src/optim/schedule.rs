//! Learning-rate schedules as torch.optim.lr_scheduler computes them.
//!
//! Epoch e counts scheduler steps: the optimizer's k-th step (k = 1, 2, ...) uses the lr of
//! e = k − 1, as in torch's loop `optimizer.step(); scheduler.step()`. Closed forms (torch's
//! `_get_closed_form_lr`, equal to its chainable forms):
//! ```text
//! step:         lr·γ^⌊e/step_size⌋                                       (StepLR, γ = 0.1)
//! exponential:  lr·γ^e                                                   (ExponentialLR)
//! cosine:       η_min + (lr − η_min)(1 + cos(π·e/T_max))/2               (CosineAnnealingLR)
//! cyclic:       c = ⌊1 + e/(up+down)⌋, u = 1 + e/(up+down) − c, r = up/(up+down)
//!               s = u/r if u ≤ r else (u − 1)/(r − 1)
//!               base_lr + (max_lr − base_lr)·s·scale  (triangular 1, triangular2 1/2^(c−1),
//!               exp_range γ^e)                                            (CyclicLR)
//! onecycle:     phases from max_lr/div_factor up to max_lr by step pct_start·total − 1, then
//!               down to max_lr/(div_factor·final_div_factor) at step total − 1 (cosine:
//!               end + (start − end)(1 + cos(π·pct))/2, or linear)          (OneCycleLR)
//! plateau:      ×factor (not below min_lr) after more than `patience` steps without a
//!               loss below best·(1 − threshold)                           (ReduceLROnPlateau)
//! warmup=N:     × (s + (1 − s)·min(e, N)/N), s = start_factor = 1/3      (LinearLR)
//! ```
//! Warmup multiplies whichever schedule is chosen (like torch's ChainedScheduler with
//! LinearLR). Cyclic and one-cycle schedules change only the lr unless `cycle_momentum=true`
//! (torch's default is true; here it is opt-in, so `schedule=` alone never turns momentum
//! on): then momentum or β₁ moves between base_momentum and max_momentum, opposite to the lr.
//! Past total_steps, one-cycle holds its final lr.

use super::scheduler::Scheduler;
use std::f64::consts::PI;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CyclicMode {
    #[default]
    Triangular,
    Triangular2,
    ExpRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anneal {
    #[default]
    Cos,
    Linear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThresholdMode {
    #[default]
    Rel,
    Abs,
}

/// Which schedule, with torch's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Schedule {
    #[default]
    Constant,
    Step {
        step_size: u64,
        gamma: f64,
    },
    Exponential {
        gamma: f64,
    },
    Cosine {
        t_max: u64,
        eta_min: f64,
    },
    Cyclic {
        base_lr: f64,
        max_lr: f64,
        step_size_up: f64,
        step_size_down: f64,
        mode: CyclicMode,
        gamma: f64,
    },
    OneCycle {
        max_lr: f64,
        total_steps: u64,
        pct_start: f64,
        anneal: Anneal,
        div_factor: f64,
        final_div_factor: f64,
        three_phase: bool,
    },
    Plateau {
        factor: f64,
        patience: u64,
        threshold: f64,
        threshold_mode: ThresholdMode,
        cooldown: u64,
        min_lr: f64,
    },
}

/// LinearLR used as warmup: factor from `start_factor` to 1 over `total_iters` steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Warmup {
    pub start_factor: f64,
    pub total_iters: u64,
}

impl Warmup {
    pub fn factor(&self, epoch: u64) -> f64 {
        if self.total_iters == 0 {
            return 1.0;
        }
        let e = epoch.min(self.total_iters) as f64;
        self.start_factor + (1.0 - self.start_factor) * e / self.total_iters as f64
    }
}

/// torch's `cycle_momentum=True` of CyclicLR / OneCycleLR: the momentum (β₁ for the Adam
/// family) cycles between `base` and `max`, opposite to the lr.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MomentumCycle {
    pub base: f64,
    pub max: f64,
}

/// A schedule applied to a base lr, optionally with warmup.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LrSchedule {
    pub base_lr: f64,
    pub schedule: Schedule,
    pub warmup: Option<Warmup>,
    /// Cycled momentum (cyclic and onecycle only; off by default here).
    pub momentum: Option<MomentumCycle>,
}

impl LrSchedule {
    /// A fresh scheduler at epoch 0.
    pub fn start(&self) -> Scheduler {
        Scheduler::new(*self)
    }

    /// The cycled momentum at `epoch`, if this schedule cycles it.
    pub fn momentum_at(&self, epoch: u64) -> Option<f64> {
        let m = self.momentum?;
        cycled_momentum(&self.schedule, epoch, m.base, m.max)
    }

    /// The lr at `epoch` without loss feedback (for plateau: the base lr, times warmup).
    pub fn lr_at(&self, epoch: u64) -> f64 {
        let w = self.warmup.map_or(1.0, |w| w.factor(epoch));
        w * closed_form(self.base_lr, &self.schedule, epoch)
    }
}

pub(super) fn closed_form(base: f64, schedule: &Schedule, epoch: u64) -> f64 {
    let e = epoch as f64;
    match *schedule {
        Schedule::Constant | Schedule::Plateau { .. } => base,
        Schedule::Step { step_size, gamma } => {
            base * gamma.powi((epoch / step_size.max(1)).min(i32::MAX as u64) as i32)
        }
        Schedule::Exponential { gamma } => base * gamma.powf(e),
        Schedule::Cosine { t_max, eta_min } => {
            eta_min + (base - eta_min) * (1.0 + (PI * e / t_max.max(1) as f64).cos()) / 2.0
        }
        Schedule::Cyclic {
            base_lr,
            max_lr,
            step_size_up,
            step_size_down,
            mode,
            gamma,
        } => {
            let (scale_factor, scale) =
                cyclic_position(step_size_up, step_size_down, mode, gamma, epoch);
            // torch's order: base_height = (max − base)·scale_factor; base + base_height·scale.
            base_lr + (max_lr - base_lr) * scale_factor * scale
        }
        Schedule::OneCycle {
            max_lr,
            div_factor,
            final_div_factor,
            three_phase,
            anneal,
            ..
        } => {
            let initial = max_lr / div_factor;
            let min_lr = initial / final_div_factor;
            let Some((phase, pct)) = one_cycle_phase(schedule, epoch) else {
                return min_lr;
            };
            let (from, to) = match (three_phase, phase) {
                (_, 0) => (initial, max_lr),
                (true, 1) => (max_lr, initial),
                (true, _) => (initial, min_lr),
                (false, _) => (max_lr, min_lr),
            };
            anneal.between(from, to, pct)
        }
    }
}

impl Anneal {
    /// torch's `_annealing_cos` / `_annealing_linear` from `from` (pct 0) to `to` (pct 1).
    fn between(self, from: f64, to: f64, pct: f64) -> f64 {
        match self {
            Anneal::Cos => to + (from - to) / 2.0 * ((PI * pct).cos() + 1.0),
            Anneal::Linear => (to - from) * pct + from,
        }
    }
}

/// OneCycleLR's phase (0, 1[, 2]) at `epoch` and the fraction of it done; None past
/// total_steps (torch raises there; we hold the end values).
fn one_cycle_phase(schedule: &Schedule, epoch: u64) -> Option<(usize, f64)> {
    let Schedule::OneCycle {
        total_steps,
        pct_start,
        three_phase,
        ..
    } = *schedule
    else {
        return None;
    };
    if epoch > total_steps {
        return None;
    }
    let total = total_steps as f64;
    let e = epoch as f64;
    let up_end = pct_start * total - 1.0;
    let ends: &[f64] = if three_phase {
        &[up_end, 2.0 * pct_start * total - 2.0, total - 1.0]
    } else {
        &[up_end, total - 1.0]
    };
    let mut start_step = 0.0;
    for (i, &end_step) in ends.iter().enumerate() {
        if e <= end_step || i == ends.len() - 1 {
            return Some((i, (e - start_step) / (end_step - start_step)));
        }
        start_step = end_step;
    }
    None
}

/// The momentum (or β₁) a cyclic or one-cycle schedule sets at `epoch` when
/// `cycle_momentum` is on: it moves opposite to the lr between `base` and `max`.
fn cycled_momentum(schedule: &Schedule, epoch: u64, base: f64, max: f64) -> Option<f64> {
    match *schedule {
        Schedule::Cyclic {
            step_size_up,
            step_size_down,
            mode,
            gamma,
            ..
        } => {
            let (scale_factor, scale) =
                cyclic_position(step_size_up, step_size_down, mode, gamma, epoch);
            Some(max - (max - base) * scale_factor * scale)
        }
        Schedule::OneCycle {
            anneal,
            three_phase,
            ..
        } => Some(match one_cycle_phase(schedule, epoch) {
            None => max,
            Some((phase, pct)) => {
                let (from, to) = match (three_phase, phase) {
                    (_, 0) => (max, base),
                    (true, 1) => (base, max),
                    (true, _) => (max, max),
                    (false, _) => (base, max),
                };
                anneal.between(from, to, pct)
            }
        }),
        _ => None,
    }
}

/// CyclicLR's scale_factor (0 → 1 → 0 over a cycle) and scale_fn value at `epoch`.
fn cyclic_position(up: f64, down: f64, mode: CyclicMode, gamma: f64, epoch: u64) -> (f64, f64) {
    let e = epoch as f64;
    let total = up + down;
    let ratio = up / total;
    let cycle = (1.0 + e / total).floor();
    let x = 1.0 + e / total - cycle;
    let scale_factor = if x <= ratio {
        x / ratio
    } else {
        (x - 1.0) / (ratio - 1.0)
    };
    let scale = match mode {
        CyclicMode::Triangular => 1.0,
        CyclicMode::Triangular2 => 1.0 / 2f64.powf(cycle - 1.0),
        CyclicMode::ExpRange => gamma.powf(e),
    };
    (scale_factor, scale)
}
