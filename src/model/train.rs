//! Training a network with any optimizer and schedule of the registry, full batch or in
//! minibatches drawn as torch's `DataLoader(shuffle=True)` draws them: a fresh permutation of
//! the rows each epoch, cut into consecutive batches (the last one may be smaller).

use super::mlp::Mlp;
use super::objective::NetworkObjective;
use crate::optim::{GradientNoise, Layout, OptimizerSpec, Oracle};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use std::sync::Arc;

/// One row of a training log: the state after `step` steps (step 0: the start).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct TrainRow {
    pub step: usize,
    /// Full-batch loss at the parameters after this step.
    pub loss: f64,
    /// Full-batch gradient norm there.
    pub grad_norm: f64,
    /// The learning rate of this step (row 0: of the first step).
    pub lr: f64,
}

/// How a training run ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    pub rows: Vec<TrainRow>,
    /// Parameters after each step, the start first (for the PCA plane).
    pub trajectory: Vec<Vec<f64>>,
    /// Why training stopped early (a step that failed or left the finite numbers).
    pub diverged: Option<String>,
}

impl Training {
    pub fn params(&self) -> &[f64] {
        self.trajectory.last().map_or(&[], Vec::as_slice)
    }
}

/// Minibatches of a shuffled epoch after another.
struct Loader {
    rows: usize,
    batch: usize,
    order: Vec<usize>,
    at: usize,
    rng: ChaCha8Rng,
}

impl Loader {
    fn new(rows: usize, batch: usize, seed: u64) -> Self {
        Self {
            rows,
            batch,
            order: Vec::new(),
            at: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    fn next(&mut self) -> Vec<usize> {
        if self.at >= self.order.len() {
            self.order = (0..self.rows).collect();
            self.order.shuffle(&mut self.rng);
            self.at = 0;
        }
        let end = (self.at + self.batch).min(self.order.len());
        let rows = self.order[self.at..end].to_vec();
        self.at = end;
        rows
    }
}

/// The batch size a spec asks for with `batch=`, if any.
pub fn spec_batch(spec: &OptimizerSpec) -> Option<usize> {
    match spec.noise() {
        GradientNoise::Minibatch { batch } => Some(batch),
        _ => None,
    }
}

/// Trains `mlp` from `start` for `steps` steps; `batch` None or ≥ rows is full batch.
pub fn train(
    mlp: Arc<Mlp>,
    spec: &OptimizerSpec,
    start: Vec<f64>,
    steps: usize,
    batch: Option<usize>,
    seed: u64,
) -> Training {
    let objective = Arc::new(NetworkObjective::new(mlp.clone()));
    let layout = Layout {
        dim: mlp.len(),
        groups: mlp.arch.groups(),
    };
    let mut optimizer = spec.build_for(&layout);
    let mut oracle =
        Oracle::for_objective(objective.clone(), GradientNoise::Exact, seed).with_clip(spec.clip());
    let mut scheduler = spec.schedule().start();
    let batch = batch.filter(|&b| b >= 1 && b < mlp.data.rows());
    let mut loader = batch.map(|b| Loader::new(mlp.data.rows(), b, seed));
    let mut theta = start;
    let mut grad = vec![0.0; theta.len()];
    let full = |theta: &[f64], grad: &mut [f64]| {
        let loss = mlp.gradient(theta, grad);
        (loss, super::directions::norm(grad))
    };
    let (loss, grad_norm) = full(&theta, &mut grad);
    if loader.is_none() {
        oracle.prime_nd(&theta, &grad);
    }
    let mut out = Training {
        rows: vec![TrainRow {
            step: 0,
            loss,
            grad_norm,
            lr: scheduler.lr(),
        }],
        trajectory: vec![theta.clone()],
        diverged: None,
    };
    for step in 1..=steps {
        objective.set_batch(loader.as_mut().map(Loader::next));
        let lr = scheduler.lr();
        if let Some(m) = scheduler.momentum() {
            optimizer.set_momentum(m);
        }
        let result = optimizer.step(&mut theta, lr, &mut oracle);
        objective.set_batch(None);
        if let Err(e) = result {
            out.diverged = Some(format!("step {step}: {e}"));
            break;
        }
        let (loss, grad_norm) = full(&theta, &mut grad);
        if loader.is_none() {
            // Full batch: the next step's gradient is this one, computed once.
            oracle.prime_nd(&theta, &grad);
        }
        if !loss.is_finite() || theta.iter().any(|v| !v.is_finite()) {
            out.diverged = Some(format!(
                "step {step}: the loss or the parameters are no longer finite (lr too large?)"
            ));
            break;
        }
        scheduler.step(loss);
        out.rows.push(TrainRow {
            step,
            loss,
            grad_norm,
            lr,
        });
        out.trajectory.push(theta.clone());
    }
    out
}
