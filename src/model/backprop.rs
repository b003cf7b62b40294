//! Forward pass, loss and backpropagation of an MLP over rows of a data set, written once for
//! any [`Scalar`]: on `f64` it gives the loss and gradient, on duals the Hessian's columns.

use super::data::DataSet;
use super::network::{Activation, Architecture, Loss};
use super::scalar::{Scalar, softplus};

/// Activations of one row through every layer (index 0 is the input).
struct Activations<T> {
    layers: Vec<Vec<T>>,
}

impl<T: Scalar> Activations<T> {
    fn new(arch: &Architecture) -> Self {
        Self {
            layers: arch
                .sizes()
                .iter()
                .map(|&s| vec![T::constant(0.0); s])
                .collect(),
        }
    }

    /// Runs `x` through the network with parameters `theta`; returns the output z.
    fn forward(&mut self, arch: &Architecture, theta: &[T], x: &[f64]) -> T {
        for (a, &v) in self.layers[0].iter_mut().zip(x) {
            *a = T::constant(v);
        }
        let last = arch.layers().len() - 1;
        for (l, slots) in arch.layers().iter().enumerate() {
            let (before, after) = self.layers.split_at_mut(l + 1);
            let (input, output) = (&before[l], &mut after[0]);
            for (o, out) in output.iter_mut().enumerate() {
                let row = &theta[slots.weight.start + o * slots.inputs..][..slots.inputs];
                let mut z = theta[slots.bias.start + o];
                for (&w, &a) in row.iter().zip(input) {
                    z += w * a;
                }
                *out = if l == last {
                    z
                } else {
                    activate(arch.activation, z)
                };
            }
        }
        self.layers[last + 1][0]
    }
}

#[inline]
fn activate<T: Scalar>(f: Activation, z: T) -> T {
    match f {
        Activation::Tanh => z.tanh(),
        Activation::Sigmoid => z.sigmoid(),
        Activation::Relu => {
            if z.re() > 0.0 {
                z
            } else {
                T::constant(0.0)
            }
        }
    }
}

/// The activation's derivative, written in terms of its output a = f(z).
#[inline]
fn slope<T: Scalar>(f: Activation, a: T) -> T {
    let one = T::constant(1.0);
    match f {
        Activation::Tanh => one - a * a,
        Activation::Sigmoid => a * (one - a),
        // relu'(z) is a step: constant, so it carries no tangent (relu'' = 0 where it exists).
        Activation::Relu => T::constant(if a.re() > 0.0 { 1.0 } else { 0.0 }),
    }
}

/// One row's loss at output z with target y.
#[inline]
pub fn row_loss(loss: Loss, z: f64, y: f64) -> f64 {
    match loss {
        Loss::Bce => softplus(z) - y * z,
        Loss::Mse => (z - y) * (z - y),
    }
}

/// ∂ℓ/∂z.
#[inline]
fn row_loss_slope<T: Scalar>(loss: Loss, z: T, y: f64) -> T {
    match loss {
        Loss::Bce => z.sigmoid() - T::constant(y),
        Loss::Mse => (z - T::constant(y)) * 2.0,
    }
}

/// Mean loss over `rows` (forward passes only).
pub fn loss_on(arch: &Architecture, data: &DataSet, theta: &[f64], rows: &[usize]) -> f64 {
    let mut acts = Activations::new(arch);
    let total: f64 = rows
        .iter()
        .map(|&r| {
            row_loss(
                arch.loss,
                acts.forward(arch, theta, data.input(r)),
                data.target(r),
            )
        })
        .sum();
    total / rows.len().max(1) as f64
}

/// The network's output z for one input (standardized, if the data is).
pub fn output(arch: &Architecture, theta: &[f64], x: &[f64]) -> f64 {
    Activations::new(arch).forward(arch, theta, x)
}

/// Mean loss over `rows` and, into `grad`, its gradient by backpropagation. Returns the loss
/// (its real part, for duals).
pub fn backprop<T: Scalar>(
    arch: &Architecture,
    data: &DataSet,
    theta: &[T],
    rows: &[usize],
    grad: &mut [T],
) -> f64 {
    grad.fill(T::constant(0.0));
    let mut acts = Activations::new(arch);
    let width = arch.sizes().iter().copied().max().unwrap_or(1);
    let (mut delta, mut below) = (vec![T::constant(0.0); width], vec![T::constant(0.0); width]);
    let scale = 1.0 / rows.len().max(1) as f64;
    let mut total = 0.0;
    for &r in rows {
        let z = acts.forward(arch, theta, data.input(r));
        let y = data.target(r);
        total += row_loss(arch.loss, z.re(), y);
        delta[0] = row_loss_slope(arch.loss, z, y) * scale;
        for (l, slots) in arch.layers().iter().enumerate().rev() {
            let input = &acts.layers[l];
            for (o, &d) in delta[..slots.outputs].iter().enumerate() {
                grad[slots.bias.start + o] += d;
                let row = &mut grad[slots.weight.start + o * slots.inputs..][..slots.inputs];
                for (g, &a) in row.iter_mut().zip(input) {
                    *g += d * a;
                }
            }
            if l == 0 {
                break;
            }
            for (i, b) in below[..slots.inputs].iter_mut().enumerate() {
                let mut s = T::constant(0.0);
                for (o, &d) in delta[..slots.outputs].iter().enumerate() {
                    s += theta[slots.weight.start + o * slots.inputs + i] * d;
                }
                *b = s * slope(arch.activation, input[i]);
            }
            std::mem::swap(&mut delta, &mut below);
        }
    }
    // The mean as `loss_on` (and torch's mean) takes it: a division, not a product with 1/n.
    total / rows.len().max(1) as f64
}
