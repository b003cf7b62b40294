//! Optimizers that advance one iteration at a time (the TUI owns the clock).
//!
//! Update rules follow torch.optim's documented algorithms and defaults (DESIGN.md); LAMB
//! follows You et al. 2019, Lion Chen et al. 2023, Newton's variants Dauphin et al. 2014.
//! A spec (`adam:lr=0.05`) names one; see [`spec`].

mod adam;
mod adaptive;
mod auglag;
pub mod batch;
mod clip;
mod kind;
mod lamb;
mod lbfgs;
pub mod line_search;
mod lion;
mod newton;
mod oracle;
mod params;
mod penalty;
mod penalty_step;
mod projected;
pub mod projection;
pub mod schedule;
mod schedule_spec;
mod scheduler;
mod sgd;
pub mod spec;

pub use adam::{Adam, Adamax, NAdam, RAdam};
pub use adaptive::{Adadelta, Adagrad, RmsProp};
pub use auglag::AugmentedLagrangian;
pub use clip::GradientClip;
pub use kind::{Kind, OPTIMIZER_NAMES, default_lr, optimizer_keys};
pub use lamb::Lamb;
pub use lbfgs::{Lbfgs, LineSearch};
pub use lion::Lion;
pub use newton::{Newton, NewtonMode};
pub use oracle::{EvalCounts, GradientNoise, Oracle};
pub use penalty::Penalty;
pub use projected::Projected;
pub use schedule::{LrSchedule, MomentumCycle, Schedule, Warmup};
pub use schedule_spec::schedule_keys;
pub use scheduler::Scheduler;
pub use sgd::{GradientDescent, Sgd};
pub use spec::{COMMON_KEYS, OptimizerSpec, SCHEDULE_NAMES, SpecError};

use crate::surface::Point;
use nalgebra::Vector2;

/// torch's `s.addcmul_(a, b, value=v)`: s + (v·a)·b element-wise, in ATen's order.
#[inline]
pub(crate) fn addcmul(s: Vector2<f64>, v: f64, a: Vector2<f64>, b: Vector2<f64>) -> Vector2<f64> {
    s + (a * v).component_mul(&b)
}

/// torch's `s.addcdiv_(a, b, value=v)`: s + (v·a)/b element-wise, in ATen's order.
#[inline]
pub(crate) fn addcdiv(s: Vector2<f64>, v: f64, a: Vector2<f64>, b: Vector2<f64>) -> Vector2<f64> {
    s + (a * v).component_div(&b)
}

/// torch's coupled (L2) weight decay, `grad = grad.add(param, alpha=weight_decay)`, skipped
/// when weight_decay is 0 as torch skips it.
#[inline]
pub(crate) fn weight_decayed(g: Vector2<f64>, x: Point, weight_decay: f64) -> Vector2<f64> {
    if weight_decay != 0.0 {
        g + weight_decay * x
    } else {
        g
    }
}

/// torch's `s.sqrt()`, element-wise.
#[inline]
pub(crate) fn sqrt(v: Vector2<f64>) -> Vector2<f64> {
    v.map(f64::sqrt)
}

/// torch's `a.lerp_(b, w)`, element-wise, with ATen's two formulas (the one used depends on
/// |w| < 0.5), so moment updates round exactly as torch's do.
#[inline]
pub(crate) fn lerp(a: Vector2<f64>, b: Vector2<f64>, w: f64) -> Vector2<f64> {
    if w.abs() < 0.5 {
        a + w * (b - a)
    } else {
        b - (b - a) * (1.0 - w)
    }
}

/// Why an optimizer could not take a step (the run is then marked diverged with this reason).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StepError {
    #[error("the Hessian is singular at ({x:.4}, {y:.4}); try damping=0.1")]
    SingularHessian { x: f64, y: f64 },
    #[error("{0}")]
    Other(String),
}

/// One optimizer with its internal state (moments, history...).
pub trait Optimizer: Send {
    /// Advances `x` by one iteration at learning rate `lr`, asking `oracle` for f, ∇f, ∇²f.
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError>;
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
}
