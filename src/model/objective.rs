//! A network as an N-parameter [`Objective`]: its layers are the optimizer's groups, and the
//! loss and gradient are over the current minibatch (all rows unless a batch is set), as the
//! closure of a torch training loop sees one batch per step.

use super::mlp::Mlp;
use crate::objective::Objective;
use nalgebra::DMatrix;
use std::ops::Range;
use std::sync::{Arc, RwLock};

pub struct NetworkObjective {
    mlp: Arc<Mlp>,
    /// The rows of the current step's minibatch; None: the full batch.
    batch: RwLock<Option<Vec<usize>>>,
}

impl NetworkObjective {
    pub fn new(mlp: Arc<Mlp>) -> Self {
        Self {
            mlp,
            batch: RwLock::new(None),
        }
    }

    pub fn mlp(&self) -> &Mlp {
        &self.mlp
    }

    /// The rows the next evaluations average over (None: all).
    pub fn set_batch(&self, rows: Option<Vec<usize>>) {
        *self.batch.write().unwrap_or_else(|e| e.into_inner()) = rows;
    }

    fn with_rows<T>(&self, f: impl FnOnce(&[usize]) -> T) -> T {
        let batch = self.batch.read().unwrap_or_else(|e| e.into_inner());
        f(batch.as_deref().unwrap_or(self.mlp.rows()))
    }
}

impl Objective for NetworkObjective {
    fn name(&self) -> &str {
        &self.mlp.name
    }
    fn dim(&self) -> usize {
        self.mlp.len()
    }
    fn value(&self, x: &[f64]) -> f64 {
        self.with_rows(|rows| super::backprop::loss_on(&self.mlp.arch, &self.mlp.data, x, rows))
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        self.with_rows(|rows| self.mlp.gradient_on(x, rows, g));
    }
    fn value_and_gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.with_rows(|rows| self.mlp.gradient_on(x, rows, g))
    }
    fn hessian(&self, x: &[f64]) -> DMatrix<f64> {
        self.with_rows(|rows| super::hessian::hessian_on(&self.mlp.arch, &self.mlp.data, x, rows))
    }
    fn groups(&self) -> Vec<Range<usize>> {
        self.mlp.arch.groups()
    }
    fn start(&self) -> Vec<f64> {
        self.mlp.initial_params(self.mlp.seed)
    }
    fn data_rows(&self) -> usize {
        self.mlp.data.rows()
    }
    fn gradient_on_rows(&self, x: &[f64], rows: &[usize], g: &mut [f64]) {
        self.mlp.gradient_on(x, rows, g);
    }
}
