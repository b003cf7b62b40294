//! The quadratic penalty method with growing μ.
//!
//! Minimizes F_μ(x) = f(x) + (μ/2)·Σ cᵢ(x)², with cᵢ = gᵢ for an equality and max(gᵢ, 0) for
//! an inequality, by gradient descent, multiplying μ by `growth` (up to `mu_max`) once the
//! inner problem is solved — |∇F_μ| ≤ tol·|∇f| — or at the latest after `every` steps at μ:
//!
//! ```text
//! x ← x − lr'·(∇f + μ·Σ cᵢ∇gᵢ)     lr' = min(lr, 1/(μ·Σ|∇gᵢ|²))   (see penalty_step.rs)
//! μ ← min(growth·μ, mu_max)          when |∇F_μ(x)| ≤ tol·|∇f(x)|, or `every` steps passed
//! ```
//!
//! (Growing μ on a fixed clock instead outruns the inner iterations: the step cap shrinks
//! like 1/μ, and the iterates stall short of the minimum along the constraint.)
//!
//! The minimizer of F_μ misses the constraint by O(1/μ) (on line-bowl it is x = y =
//! μ/(2 + 2μ)), so the method reaches the constraint only as μ → ∞, while F_μ grows ever more
//! ill-conditioned; −μ·cᵢ estimates the multiplier (convention ∇f = λ∇g).
//! Source: Nocedal & Wright, Numerical Optimization (2nd ed.), §17.1, Framework 17.1.

use super::penalty_step::penalized_step;
use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use super::{Oracle, Planar, PlanarOptimizer, StepError};
use crate::surface::{ConstraintKind, Point};

pub const ENTRY: Entry = Entry {
    name: "penalty",
    shape: Shape::Whole,
    doc: "the quadratic penalty method with growing μ (Nocedal & Wright §17.1)",
    default_lr: 0.1,
    keys: &[
        Key::new("mu", Positive(1.0), "starting penalty weight μ"),
        Key::new("growth", Positive(2.0), "factor by which μ grows"),
        Key::new(
            "every",
            Count(200),
            "grow μ at the latest after this many steps",
        ),
        Key::new("mu_max", Positive(1e8), "μ grows no further"),
        Key::new("tol", NonNegative(1e-4), "grow μ once |∇F_μ| ≤ tol·|∇f|"),
    ],
    main: Some("mu"),
    cycles_momentum: false,
    state: &["mu", "multipliers"],
    planar: true,
    check: no_check,
    build: |h, _| {
        let p = Penalty::new(
            h.f64("mu"),
            h.f64("growth"),
            h.count("every"),
            h.f64("mu_max"),
            h.f64("tol"),
        );
        Box::new(Planar(p))
    },
};

#[derive(Debug, Clone)]
pub struct Penalty {
    pub mu0: f64,
    pub growth: f64,
    pub every: usize,
    pub mu_max: f64,
    pub tol: f64,
    mu: f64,
    /// Steps taken at the current μ.
    steps: usize,
    /// −μ·cᵢ at the last point: the multiplier estimates.
    multipliers: Vec<f64>,
}

impl Penalty {
    pub fn new(mu0: f64, growth: f64, every: usize, mu_max: f64, tol: f64) -> Self {
        Self {
            mu0,
            growth,
            every: every.max(1),
            mu_max,
            tol,
            mu: mu0,
            steps: 0,
            multipliers: Vec::new(),
        }
    }
    /// The current penalty weight μ.
    pub fn mu(&self) -> f64 {
        self.mu
    }
    /// The multiplier estimates −μ·cᵢ(x), one per constraint, after the last step.
    pub fn multipliers(&self) -> &[f64] {
        &self.multipliers
    }
}

impl PlanarOptimizer for Penalty {
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let surface = oracle.surface().cloned();
        let constraints = surface.as_ref().map_or(&[][..], |s| s.constraints());
        let violation = |i: usize, g: f64| match constraints[i].kind() {
            ConstraintKind::Equality => g,
            ConstraintKind::Inequality => g.max(0.0),
        };
        let grad = oracle.gradient_at(*x);
        let mu = self.mu;
        let x0 = *x;
        *x = penalized_step(x0, grad, lr, mu, constraints, |i, g| mu * violation(i, g));
        let grad_penalized = constraints.iter().enumerate().fold(grad, |acc, (i, c)| {
            acc + c.gradient(x0) * (mu * violation(i, c.value(x0)))
        });
        self.multipliers = (0..constraints.len())
            .map(|i| -mu * violation(i, constraints[i].value(*x)))
            .collect();
        self.steps += 1;
        if self.steps >= self.every || grad_penalized.norm() <= self.tol * grad.norm() {
            self.mu = (self.mu * self.growth).min(self.mu_max);
            self.steps = 0;
        }
        Ok(())
    }
    fn reset(&mut self) {
        self.mu = self.mu0;
        self.steps = 0;
        self.multipliers.clear();
    }
}
