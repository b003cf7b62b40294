//! Objectives of N parameters: f, ∇f and ∇²f over a flat parameter buffer split into groups.
//!
//! Optimizers step these (see [`crate::optim`]). A 2-D [`Surface`](crate::surface::Surface) is
//! one through [`SurfaceObjective`] (one group of two); [`Rosenbrock`] is the classic N-D test
//! function; networks (one group per layer) implement the trait in `model`.

mod rosenbrock;
mod surface;

pub use rosenbrock::Rosenbrock;
pub use surface::SurfaceObjective;

use nalgebra::DMatrix;
use std::ops::Range;
use std::sync::Arc;

/// A differentiable function of `dim()` parameters.
pub trait Objective: Send + Sync {
    /// The name used on the command line and in outputs.
    fn name(&self) -> &str;
    /// Number of parameters N.
    fn dim(&self) -> usize;
    /// f(x) for `x.len() == dim()`.
    fn value(&self, x: &[f64]) -> f64;
    /// ∇f(x) into `g` (both `dim()` long).
    fn gradient(&self, x: &[f64], g: &mut [f64]);
    /// f(x), with ∇f(x) into `g`: one pass where the objective can share work (a network's
    /// forward and backward pass).
    fn value_and_gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.gradient(x, g);
        self.value(x)
    }
    /// The dense Hessian ∇²f(x), N×N (Newton, saddle-free Newton, what a run converged to).
    fn hessian(&self, x: &[f64]) -> DMatrix<f64>;
    /// The parameter groups, disjoint ranges covering 0..dim() in order: a network's layers
    /// (LAMB's trust ratio is per group); one group for a surface.
    fn groups(&self) -> Vec<Range<usize>> {
        std::iter::once(0..self.dim()).collect()
    }
    /// The default starting point.
    fn start(&self) -> Vec<f64>;
    /// Rows of the data set f is a mean over (0: f is not a mean over data), for minibatches.
    fn data_rows(&self) -> usize {
        0
    }
    /// ∇ of the mean over `rows` only, into `g` (a minibatch; only asked of data objectives).
    fn gradient_on_rows(&self, x: &[f64], rows: &[usize], g: &mut [f64]) {
        let _ = rows;
        self.gradient(x, g);
    }
}

/// Objectives are shared between runs.
pub type SharedObjective = Arc<dyn Objective>;

/// The Euclidean norm of a buffer, summed in order (as a 2-vector's norm is).
#[inline]
pub fn norm(v: &[f64]) -> f64 {
    v.iter().map(|c| c * c).sum::<f64>().sqrt()
}
