//! A running learning-rate schedule: the lr (and cycled momentum) of the next step, advanced
//! once per optimizer step; ReduceLROnPlateau's state lives here.

use super::schedule::{LrSchedule, Schedule, ThresholdMode, closed_form};

/// A running schedule: the current lr, advanced once per optimizer step.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    config: LrSchedule,
    epoch: u64,
    plateau_lr: f64,
    best: f64,
    num_bad: u64,
    cooldown_counter: u64,
    lr: f64,
    momentum: Option<f64>,
}

impl Scheduler {
    /// The lr for the next optimizer step.
    #[inline]
    pub fn lr(&self) -> f64 {
        self.lr
    }

    /// The momentum (or β₁) for the next optimizer step, when the schedule cycles it.
    #[inline]
    pub fn momentum(&self) -> Option<f64> {
        self.momentum
    }

    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// A fresh scheduler at epoch 0.
    pub fn new(config: LrSchedule) -> Self {
        let mut s = Scheduler {
            config,
            epoch: 0,
            plateau_lr: config.base_lr,
            best: f64::INFINITY,
            num_bad: 0,
            cooldown_counter: 0,
            lr: 0.0,
            momentum: None,
        };
        s.lr = s.compute();
        s.momentum = s.compute_momentum();
        s
    }

    /// Back to epoch 0.
    pub fn reset(&mut self) {
        *self = Scheduler::new(self.config);
    }

    /// One scheduler step after an optimizer step; `loss` (the true f at the new point) is
    /// what ReduceLROnPlateau watches.
    #[inline]
    pub fn step(&mut self, loss: f64) {
        self.epoch += 1;
        if let Schedule::Plateau {
            factor,
            patience,
            threshold,
            threshold_mode,
            cooldown,
            min_lr,
        } = self.config.schedule
        {
            let better = match threshold_mode {
                ThresholdMode::Rel => loss < self.best * (1.0 - threshold),
                ThresholdMode::Abs => loss < self.best - threshold,
            };
            if better {
                self.best = loss;
                self.num_bad = 0;
            } else {
                self.num_bad += 1;
            }
            if self.cooldown_counter > 0 {
                self.cooldown_counter -= 1;
                self.num_bad = 0;
            }
            if self.num_bad > patience {
                let old = self.plateau_lr;
                let new = (old * factor).max(min_lr);
                // torch's eps = 1e-8: smaller changes are ignored.
                if old - new > 1e-8 {
                    self.plateau_lr = new;
                }
                self.cooldown_counter = cooldown;
                self.num_bad = 0;
            }
        }
        if !matches!(self.config.schedule, Schedule::Constant) || self.config.warmup.is_some() {
            self.lr = self.compute();
        }
        if self.config.momentum.is_some() {
            self.momentum = self.compute_momentum();
        }
    }

    fn compute_momentum(&self) -> Option<f64> {
        self.config.momentum_at(self.epoch)
    }

    fn compute(&self) -> f64 {
        let w = self.config.warmup.map_or(1.0, |w| w.factor(self.epoch));
        let base = match self.config.schedule {
            Schedule::Plateau { .. } => self.plateau_lr,
            ref s => closed_form(self.config.base_lr, s, self.epoch),
        };
        w * base
    }
}
