//! Projected gradient descent: a gradient step, then back onto the feasible set.
//!
//! ```text
//! z ← x − lr·∇f(x)
//! x ← P(z)      P = nearest point of g = 0 (equality), or of g ≤ 0 (inequality; z if feasible)
//! ```
//!
//! P is computed by Newton's method (see `projection.rs`); with several constraints they are
//! projected onto in turn. On a surface without constraints this is plain gradient descent.
//! Source: Nocedal & Wright, Numerical Optimization (2nd ed.), §16.7 (gradient projection);
//! Bertsekas, Nonlinear Programming, §2.3.

use super::projection::project_all;
use super::registry::{Entry, Shape, no_check};
use super::{Oracle, Planar, PlanarOptimizer, StepError};
use crate::surface::Point;

pub const ENTRY: Entry = Entry {
    name: "projected",
    shape: Shape::Whole,
    doc: "projected gradient descent: a gradient step, then back onto the feasible set",
    default_lr: 0.1,
    keys: &[],
    main: None,
    cycles_momentum: false,
    state: &[],
    planar: true,
    check: no_check,
    build: |_, _| Box::new(Planar(Projected)),
};

#[derive(Debug, Clone, Default)]
pub struct Projected;

impl PlanarOptimizer for Projected {
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let surface = oracle.surface().cloned();
        let z = *x - lr * oracle.gradient_at(*x);
        *x = project_all(surface.as_ref().map_or(&[][..], |s| s.constraints()), z)
            .map_err(|e| StepError::Other(e.to_string()))?;
        Ok(())
    }
    fn reset(&mut self) {}
}
