//! How a run ended, in words a learner can trust: converged (to what), diverged (why), or
//! stopped at its step limit.

use crate::analysis::{CriticalKind, DEFAULT_CURVATURE_SCALE, ZERO_EIGENVALUE_TOL};
use crate::optim::StepError;
use nalgebra::{DMatrix, SymmetricEigen};

#[derive(Debug, Clone, PartialEq)]
pub enum RunStatus {
    Running,
    /// The convergence test held from `step` on (and still held at the end).
    Converged {
        step: usize,
    },
    Diverged {
        step: usize,
        reason: Divergence,
    },
    /// Stopped after `RunLimits::max_steps` steps, neither converged nor diverged.
    StepLimit {
        step: usize,
    },
}

impl RunStatus {
    pub fn is_finished(&self) -> bool {
        !matches!(self, RunStatus::Running)
    }

    /// A one-word name: running, converged, diverged, step-limit.
    pub fn name(&self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Converged { .. } => "converged",
            RunStatus::Diverged { .. } => "diverged",
            RunStatus::StepLimit { .. } => "step-limit",
        }
    }

    /// The step at which the run ended (None while running).
    pub fn end_step(&self) -> Option<usize> {
        match self {
            RunStatus::Running => None,
            RunStatus::Converged { step }
            | RunStatus::Diverged { step, .. }
            | RunStatus::StepLimit { step } => Some(*step),
        }
    }
}

/// Why a run diverged: what happened, and advice only where the learning rate is the cause.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Divergence {
    #[error("f is undefined at the start point")]
    UndefinedAtStart,
    #[error("the start is outside ±{bound:e}")]
    StartOutOfBounds { bound: f64 },
    /// A coordinate became NaN: a 0/0 or ∞ − ∞ inside the update (e.g. adam with eps=0 at a
    /// zero gradient).
    #[error("the step produced NaN")]
    NanStep,
    #[error("the iterate left ±{bound:e} (the steps grew without bound); try a smaller lr")]
    Escaped { bound: f64 },
    #[error("f is undefined at ({x:.4}, {y:.4}); the step landed outside the function's domain")]
    Undefined { x: f64, y: f64 },
    #[error("f(x) overflowed; try a smaller lr")]
    Overflow,
    #[error(transparent)]
    Step(#[from] StepError),
}

impl Divergence {
    /// Why the proposed point `x` with value `loss` ends the run, if it does. An undefined f
    /// (NaN at a finite, in-bounds point: 1/0, ln of a negative...) is told apart from a
    /// blow-up, since the cure differs.
    pub fn of_step(x: &[f64], loss: f64, bound: f64) -> Option<Self> {
        if x.iter().any(|c| c.is_nan()) {
            return Some(Divergence::NanStep);
        }
        if !x.iter().all(|c| c.abs() <= bound) {
            return Some(Divergence::Escaped { bound });
        }
        if loss.is_nan() {
            let at = |i: usize| x.get(i).copied().unwrap_or(0.0);
            return Some(Divergence::Undefined { x: at(0), y: at(1) });
        }
        if !loss.is_finite() {
            return Some(Divergence::Overflow);
        }
        None
    }

    /// Why a run cannot start at `x` (value `loss`), if it cannot.
    pub fn of_start(x: &[f64], loss: f64, bound: f64) -> Option<Self> {
        if x.iter().any(|c| !c.is_finite() || c.abs() > bound) {
            Some(Divergence::StartOutOfBounds { bound })
        } else if !loss.is_finite() {
            Some(Divergence::UndefinedAtStart)
        } else {
            None
        }
    }
}

/// What a point is by the Hessian there (the second-derivative test with `analysis`'s
/// tolerance): a minimum, maximum, saddle, or degenerate.
pub fn classify_hessian(h: DMatrix<f64>) -> CriticalKind {
    if h.iter().any(|v| !v.is_finite()) {
        return CriticalKind::Degenerate;
    }
    let sym = (&h + h.transpose()) * 0.5;
    let eig = SymmetricEigen::new(sym).eigenvalues;
    let scale = eig.iter().fold(0.0f64, |m, l| m.max(l.abs()));
    let tol = ZERO_EIGENVALUE_TOL * scale.max(DEFAULT_CURVATURE_SCALE);
    if eig.iter().any(|l| l.abs() <= tol) {
        CriticalKind::Degenerate
    } else if eig.iter().all(|l| *l > 0.0) {
        CriticalKind::Minimum
    } else if eig.iter().all(|l| *l < 0.0) {
        CriticalKind::Maximum
    } else {
        CriticalKind::Saddle
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divergence_says_what_happened() {
        let bound = 1e6;
        assert_eq!(
            Divergence::of_step(&[f64::NAN, 0.0], f64::NAN, bound),
            Some(Divergence::NanStep)
        );
        assert_eq!(Divergence::NanStep.to_string(), "the step produced NaN");
        let undefined = Divergence::of_step(&[-1.0, 0.5], f64::NAN, bound).unwrap();
        assert!(
            undefined
                .to_string()
                .contains("undefined at (-1.0000, 0.5000)")
        );
        let far = Divergence::of_step(&[2e6, 0.0], 1.0, bound).unwrap();
        assert!(far.to_string().contains("left ±1e6"), "{far}");
        let overflow = Divergence::of_step(&[1.0, 1.0], f64::INFINITY, bound).unwrap();
        assert!(overflow.to_string().contains("overflowed"), "{overflow}");
        assert_eq!(Divergence::of_step(&[1.0, 1.0], 3.0, bound), None);
        let start = Divergence::of_start(&[2e6, 0.0], 1.0, bound).unwrap();
        assert_eq!(start.to_string(), "the start is outside ±1e6");
        assert!(!start.to_string().contains("lr"));
    }

    #[test]
    fn hessian_signs_name_the_point() {
        let d = |a: f64, b: f64, c: f64| DMatrix::from_diagonal(&nalgebra::dvector![a, b, c]);
        assert_eq!(classify_hessian(d(1.0, 2.0, 3.0)), CriticalKind::Minimum);
        assert_eq!(classify_hessian(d(-1.0, -2.0, -3.0)), CriticalKind::Maximum);
        assert_eq!(classify_hessian(d(1.0, -2.0, 3.0)), CriticalKind::Saddle);
        assert_eq!(classify_hessian(d(1.0, 0.0, 3.0)), CriticalKind::Degenerate);
    }
}
