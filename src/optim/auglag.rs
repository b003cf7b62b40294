//! The augmented Lagrangian method (method of multipliers).
//!
//! With the convention ∇f = λ∇g (L = f − λg), it minimizes
//! L_A(x; λ, μ) = f − Σ λᵢgᵢ + (μ/2)·Σ gᵢ² (equalities) by gradient descent, and every `inner`
//! steps moves the multipliers to the estimate that the inner minimizer satisfies:
//!
//! ```text
//! x  ← x − lr'·(∇f + Σ cᵢ∇gᵢ)              lr' = min(lr, 1/(μ·Σ|∇gᵢ|²))  (penalty_step.rs)
//!      cᵢ = μgᵢ − λᵢ                          equality g = 0
//!      cᵢ = max(0, μgᵢ − λᵢ)                  inequality g ≤ 0 (λᵢ ≤ 0)
//! λᵢ ← −cᵢ(x)  i.e. λᵢ − μgᵢ, or min(0, λᵢ − μgᵢ)     every `inner` steps
//! ```
//!
//! Unlike the pure penalty, μ stays fixed: the multiplier term removes the O(1/μ) offset, so
//! the iterates reach the constraint itself. For g ≤ 0 this is the usual form with
//! ν = −λ ≥ 0: ψ = (1/2μ)(max(0, ν + μg)² − ν²), ν ← max(0, ν + μg).
//! Source: Nocedal & Wright, Numerical Optimization (2nd ed.), §17.3 (Framework 17.3, eq.
//! 17.39) and §17.4 (eq. 17.65 for inequalities); Bertsekas, Constrained Optimization and
//! Lagrange Multiplier Methods (1982).

use super::penalty_step::penalized_step;
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use super::{Oracle, Planar, PlanarOptimizer, StateValue, StepError};
use crate::surface::{ConstraintKind, Point};

pub const ENTRY: Entry = Entry {
    name: "auglag",
    shape: Shape::Whole,
    doc: "the augmented Lagrangian method of multipliers (Nocedal & Wright §17.3)",
    default_lr: 0.1,
    keys: &[
        Key::new("mu", Positive(10.0), "fixed penalty weight μ"),
        Key::new("inner", Count(20), "steps between multiplier updates"),
    ],
    main: Some("mu"),
    cycles_momentum: false,
    state: &["multipliers"],
    planar: true,
    check: no_check,
    build: |h, _| {
        Box::new(Planar(AugmentedLagrangian::new(
            h.f64("mu"),
            h.count("inner"),
        )))
    },
};

#[derive(Debug, Clone)]
pub struct AugmentedLagrangian {
    pub mu: f64,
    pub inner: usize,
    steps: usize,
    /// λᵢ, one per constraint (convention ∇f = λ∇g); empty until the first step.
    lambda: Vec<f64>,
}

impl AugmentedLagrangian {
    pub fn new(mu: f64, inner: usize) -> Self {
        Self {
            mu,
            inner: inner.max(1),
            steps: 0,
            lambda: Vec::new(),
        }
    }
    /// The current multiplier estimates λᵢ (convention ∇f = λ∇g).
    pub fn multipliers(&self) -> &[f64] {
        &self.lambda
    }
}

impl PlanarOptimizer for AugmentedLagrangian {
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let surface = oracle.surface().cloned();
        let constraints = surface.as_ref().map_or(&[][..], |s| s.constraints());
        self.lambda.resize(constraints.len(), 0.0);
        let (mu, lambda) = (self.mu, &self.lambda);
        let coefficient = |i: usize, g: f64| {
            let c = mu * g - lambda[i];
            match constraints[i].kind() {
                ConstraintKind::Equality => c,
                ConstraintKind::Inequality => c.max(0.0),
            }
        };
        let grad = oracle.gradient_at(*x);
        *x = penalized_step(*x, grad, lr, mu, constraints, coefficient);
        self.steps += 1;
        if self.steps.is_multiple_of(self.inner) {
            let updated: Vec<f64> = (0..constraints.len())
                .map(|i| -coefficient(i, constraints[i].value(*x)))
                .collect();
            self.lambda = updated;
        }
        Ok(())
    }
    fn reset(&mut self) {
        self.steps = 0;
        self.lambda.clear();
    }
    fn state(&self) -> Vec<(&'static str, StateValue<'_>)> {
        vec![("multipliers", StateValue::Buffer(&self.lambda))]
    }
}
