//! A network bound to its data: the loss L(θ) = mean over rows, its gradient and Hessian.

use super::backprop::{backprop, loss_on, output};
use super::data::DataSet;
use super::hessian::hessian_on;
use super::network::Architecture;
use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// An MLP and the data set it is trained on.
#[derive(Debug, Clone)]
pub struct Mlp {
    pub name: String,
    pub description: Option<String>,
    pub arch: Architecture,
    pub data: DataSet,
    /// Seed of the initial parameters.
    pub seed: u64,
    all_rows: Vec<usize>,
}

impl Mlp {
    pub fn new(name: &str, arch: Architecture, data: DataSet, seed: u64) -> Self {
        let all_rows = (0..data.rows()).collect();
        Self {
            name: name.to_string(),
            description: None,
            arch,
            data,
            seed,
            all_rows,
        }
    }

    /// Number of parameters N.
    pub fn len(&self) -> usize {
        self.arch.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arch.is_empty()
    }

    pub fn rows(&self) -> &[usize] {
        &self.all_rows
    }

    /// Full-batch loss.
    pub fn loss(&self, theta: &[f64]) -> f64 {
        loss_on(&self.arch, &self.data, theta, &self.all_rows)
    }

    /// Full-batch loss and gradient (into `grad`).
    pub fn gradient(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        backprop(&self.arch, &self.data, theta, &self.all_rows, grad)
    }

    /// Loss and gradient of the mean over `rows` only (a minibatch).
    pub fn gradient_on(&self, theta: &[f64], rows: &[usize], grad: &mut [f64]) -> f64 {
        backprop(&self.arch, &self.data, theta, rows, grad)
    }

    /// Full-batch Hessian, exact.
    pub fn hessian(&self, theta: &[f64]) -> DMatrix<f64> {
        hessian_on(&self.arch, &self.data, theta, &self.all_rows)
    }

    /// The output z for one (standardized) input row.
    pub fn output(&self, theta: &[f64], x: &[f64]) -> f64 {
        output(&self.arch, theta, x)
    }

    /// nn.Linear's default initialisation, seeded: every weight and bias of a layer with
    /// fan_in inputs from U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5 gives the
    /// same bound for weights). Same distribution as torch, not torch's random stream: to
    /// compare with torch, export these with `train --steps 0 --params-out`.
    pub fn initial_params(&self, seed: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut theta = vec![0.0; self.len()];
        for slots in self.arch.layers() {
            let bound = 1.0 / (slots.inputs as f64).sqrt();
            for v in &mut theta[slots.all()] {
                *v = rng.random_range(-bound..bound);
            }
        }
        theta
    }
}
