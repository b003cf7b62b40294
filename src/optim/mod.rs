//! Optimizers that advance one iteration at a time (the caller owns the clock), over a flat
//! buffer of parameters.
//!
//! Update rules follow torch.optim's documented algorithms and defaults (DESIGN.md); LAMB
//! follows You et al. 2019, Lion Chen et al. 2023, Newton's variants Dauphin et al. 2014.
//! A spec (`adam:lr=0.05`) names one; see [`spec`]. An [`Optimizer`] steps `&mut [f64]`
//! asking an [`Oracle`] for f, ∇f, ∇²f; element-wise rules are [`elementwise::Rule`]s (see
//! there for stepping many runs as one buffer).

mod adadelta;
mod adagrad;
mod adam;
mod adamax;
mod auglag;
pub mod batch;
mod clip;
pub mod elementwise;
mod lamb;
mod lbfgs;
pub mod line_search;
mod lion;
mod nadam;
mod newton;
mod oracle;
mod params;
mod penalty;
mod penalty_step;
mod projected;
pub mod projection;
mod radam;
pub mod registry;
mod rmsprop;
pub mod schedule;
mod schedule_spec;
mod scheduler;
mod sgd;
pub mod spec;
pub mod torch_pow;

pub use adadelta::Adadelta;
pub use adagrad::Adagrad;
pub use adam::Adam;
pub use adamax::Adamax;
pub use auglag::AugmentedLagrangian;
pub use clip::GradientClip;
pub use lamb::Lamb;
pub use lbfgs::{Lbfgs, LineSearch};
pub use lion::Lion;
pub use nadam::NAdam;
pub use newton::{Newton, NewtonMode};
pub use oracle::{EvalCounts, GradientNoise, Oracle};
pub use penalty::Penalty;
pub use projected::Projected;
pub use radam::RAdam;
pub use registry::{Entry, Hyper, Key, KeyKind, Layout, REGISTRY, Shape, Value};
pub use rmsprop::RmsProp;
pub use schedule::{LrSchedule, MomentumCycle, Schedule, Warmup};
pub use schedule_spec::{schedule_keys, schedule_names};
pub use scheduler::Scheduler;
pub use sgd::{GradientDescent, Sgd};
pub use spec::{COMMON_KEYS, OptimizerSpec, SpecError};

use crate::surface::Point;

/// Why an optimizer could not take a step (the run is then marked diverged with this reason).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StepError {
    #[error("the Hessian is singular at ({x:.4}, {y:.4}); try damping=0.1")]
    SingularHessian { x: f64, y: f64 },
    #[error("the Hessian is singular here; try damping=0.1")]
    SingularHessianNd,
    #[error("{0}")]
    Other(String),
}

/// One entry of an optimizer's state, as torch's `Optimizer.state[p]` holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StateValue<'a> {
    Scalar(f64),
    Buffer(&'a [f64]),
}

/// One optimizer with its internal state (moments, history...), for one run.
pub trait Optimizer: Send {
    /// Advances the parameters `x` by one iteration at learning rate `lr`, asking `oracle`
    /// for f, ∇f, ∇²f.
    fn step(&mut self, x: &mut [f64], lr: f64, oracle: &mut Oracle) -> Result<(), StepError>;
    /// Forgets all state, as if freshly constructed.
    fn reset(&mut self);
    /// True when the method's own termination test held on the last step and it did not
    /// move (torch's LBFGS: max|g| ≤ tolerance_grad, or g·d > −tolerance_change); it would
    /// not move again, so the run counts as converged.
    fn stopped(&self) -> bool {
        false
    }
    /// Sets the momentum (SGD, RMSprop) or β₁ (Adam family, LAMB, Lion) before a step, for
    /// schedules with `cycle_momentum`; methods without one ignore it.
    fn set_momentum(&mut self, _momentum: f64) {}
    /// The state by torch's names (`step`, `exp_avg`, `momentum_buffer`, ...).
    fn state(&self) -> Vec<(&'static str, StateValue<'_>)> {
        Vec::new()
    }
    /// For an element-wise rule, before its first step: the same rule stepping many runs at
    /// once (a basin map); None for methods that are not element-wise.
    fn batch_rule(&self) -> Option<Box<dyn batch::BatchRule>> {
        None
    }
    /// Whether a step of this 2-D run needs nothing from the oracle but one gradient at the
    /// current point, so [`Optimizer::step_on_gradient`] can take it (element-wise rules).
    fn steps_on_gradient(&self) -> bool {
        false
    }
    /// One step from `x` of a 2-D run given the gradient `g` the oracle would hand out there
    /// (the caller computed and counted it): the new point, bit for bit what `step` gives.
    /// Pairs, not arrays or points, so they pass in registers. Called only where
    /// [`Optimizer::steps_on_gradient`] holds; other methods stay put.
    fn step_on_gradient(&mut self, x: (f64, f64), g: (f64, f64), lr: f64) -> (f64, f64) {
        let _ = (g, lr);
        x
    }
}

/// A method written for the plane (one 2-vector): constrained methods and the planar ports.
pub trait PlanarOptimizer: Send {
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError>;
    fn reset(&mut self);
    fn stopped(&self) -> bool {
        false
    }
    fn set_momentum(&mut self, _momentum: f64) {}
    /// The state by name, as [`Optimizer::state`] (the augmented Lagrangian's multipliers).
    fn state(&self) -> Vec<(&'static str, StateValue<'_>)> {
        Vec::new()
    }
}

/// A planar method as an [`Optimizer`] of two parameters.
#[derive(Debug, Clone)]
pub struct Planar<T>(pub T);

impl<T: PlanarOptimizer> Optimizer for Planar<T> {
    fn step(&mut self, x: &mut [f64], lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        if x.len() != 2 {
            let why = format!(
                "this method steps 2-D surfaces only, not {} parameters",
                x.len()
            );
            return Err(StepError::Other(why));
        }
        let mut p = Point::new(x[0], x[1]);
        let r = self.0.step(&mut p, lr, oracle);
        x[0] = p.x;
        x[1] = p.y;
        r
    }
    fn reset(&mut self) {
        self.0.reset();
    }
    fn stopped(&self) -> bool {
        self.0.stopped()
    }
    fn set_momentum(&mut self, momentum: f64) {
        self.0.set_momentum(momentum);
    }
    fn state(&self) -> Vec<(&'static str, StateValue<'_>)> {
        self.0.state()
    }
}
