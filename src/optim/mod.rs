//! Optimizers that advance one iteration at a time (the TUI owns the clock).
//!
//! Update rules follow torch.optim's documented algorithms and defaults (DESIGN.md).

mod auglag;
mod oracle;
mod penalty;
mod penalty_step;
mod projected;
pub mod projection;
mod sgd;
pub mod spec;

pub use auglag::AugmentedLagrangian;
pub use oracle::{EvalCounts, GradientNoise, Oracle};
pub use penalty::Penalty;
pub use projected::Projected;
pub use sgd::GradientDescent;
pub use spec::{OptimizerSpec, SpecError};

use crate::surface::Point;

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
}
