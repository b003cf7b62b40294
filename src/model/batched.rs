//! The full-batch loss at many parameter points (the cells of a slice, the dots of a map),
//! layer-major: a layer's activations are stored unit by unit across all rows, so the inner
//! loops run over rows (contiguous, vectorised by the compiler), and one [`Workspace`] per
//! worker is reused for every point it evaluates (no allocation per point).
//!
//! Each row's sum is formed in the same order as [`super::backprop::loss_on`] (bias first,
//! then inputs in order), so the two agree bit for bit.

use super::backprop::row_loss;
use super::data::DataSet;
use super::network::{Activation, Architecture};
use super::scalar::sigmoid;

/// A network's data laid out column by column, ready for many forward passes.
#[derive(Debug, Clone)]
pub struct BatchedLoss {
    arch: Architecture,
    /// `inputs[i·rows + r]`: input i of row r.
    inputs: Vec<f64>,
    targets: Vec<f64>,
    rows: usize,
}

/// Two buffers of (widest layer × rows) that the layers write in turn.
#[derive(Debug, Clone)]
pub struct Workspace {
    front: Vec<f64>,
    back: Vec<f64>,
}

impl BatchedLoss {
    pub fn new(arch: &Architecture, data: &DataSet) -> Self {
        let (rows, d) = (data.rows(), data.dim());
        let mut inputs = vec![0.0; d * rows];
        for r in 0..rows {
            for (i, &x) in data.input(r).iter().enumerate() {
                inputs[i * rows + r] = x;
            }
        }
        Self {
            arch: arch.clone(),
            inputs,
            targets: (0..rows).map(|r| data.target(r)).collect(),
            rows,
        }
    }

    pub fn workspace(&self) -> Workspace {
        let width = self.arch.sizes().iter().copied().max().unwrap_or(1);
        Workspace {
            front: vec![0.0; width * self.rows],
            back: vec![0.0; width * self.rows],
        }
    }

    /// Mean loss over all rows at `theta`.
    pub fn loss(&self, theta: &[f64], ws: &mut Workspace) -> f64 {
        let n = self.rows;
        let layers = self.arch.layers();
        let last = layers.len() - 1;
        let (mut input, mut output) = (&mut ws.front, &mut ws.back);
        for (l, s) in layers.iter().enumerate() {
            let x: &[f64] = if l == 0 { &self.inputs } else { &input[..] };
            for o in 0..s.outputs {
                let z = &mut output[o * n..(o + 1) * n];
                z.fill(theta[s.bias.start + o]);
                let weights = &theta[s.weight.start + o * s.inputs..][..s.inputs];
                for (i, &w) in weights.iter().enumerate() {
                    for (zr, &xr) in z.iter_mut().zip(&x[i * n..(i + 1) * n]) {
                        *zr += w * xr;
                    }
                }
                if l != last {
                    activate(self.arch.activation, z);
                }
            }
            std::mem::swap(&mut input, &mut output);
        }
        // After the last swap the output layer's z is in `input`.
        let total: f64 = input[..n]
            .iter()
            .zip(&self.targets)
            .map(|(&z, &y)| row_loss(self.arch.loss, z, y))
            .sum();
        total / n.max(1) as f64
    }
}

fn activate(f: Activation, z: &mut [f64]) {
    match f {
        Activation::Tanh => z.iter_mut().for_each(|v| *v = v.tanh()),
        Activation::Sigmoid => z.iter_mut().for_each(|v| *v = sigmoid(*v)),
        Activation::Relu => z
            .iter_mut()
            .for_each(|v| *v = if *v > 0.0 { *v } else { 0.0 }),
    }
}
