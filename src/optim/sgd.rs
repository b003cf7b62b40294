//! Plain gradient descent: x ← x − lr·∇f(x).

use super::{Optimizer, Oracle, StepError};
use crate::surface::Point;

#[derive(Debug, Clone, Default)]
pub struct GradientDescent;

impl Optimizer for GradientDescent {
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = oracle.gradient(*x);
        *x -= lr * g;
        Ok(())
    }
    fn reset(&mut self) {}
}
