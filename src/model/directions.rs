//! Directions for a 2-D slice θ + a·d₁ + b·d₂ of parameter space, and projecting points on it.
//!
//! Random directions are filter-normalised as in Li et al. 2018 ("Visualizing the Loss
//! Landscape of Neural Nets", §4) and tomgoldstein/loss-landscape: each neuron's row of a
//! Gaussian direction is rescaled to the norm of that neuron's incoming weights, so the slice's
//! scale matches the network's, and bias directions are zero (`ignore='biasbn'`).

use super::network::Architecture;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// Two Gaussian directions drawn from `seed`, filter-normalised against `theta`.
pub fn random_directions(arch: &Architecture, theta: &[f64], seed: u64) -> [Vec<f64>; 2] {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut draw = || -> Vec<f64> {
        let mut d: Vec<f64> = (0..theta.len())
            .map(|_| StandardNormal.sample(&mut rng))
            .collect();
        filter_normalize(arch, &mut d, theta);
        d
    };
    let d1 = draw();
    [d1, draw()]
}

/// Rescales each neuron's weight row of `d` to the norm of the same row of `theta`
/// (loss-landscape's `d * (‖w‖ / (‖d‖ + 1e-10))`), and zeroes the biases.
pub fn filter_normalize(arch: &Architecture, d: &mut [f64], theta: &[f64]) {
    for s in arch.layers() {
        for o in 0..s.outputs {
            let row = s.weight.start + o * s.inputs..s.weight.start + (o + 1) * s.inputs;
            let w_norm = norm(&theta[row.clone()]);
            let d_norm = norm(&d[row.clone()]);
            let k = w_norm / (d_norm + 1e-10);
            d[row].iter_mut().for_each(|v| *v *= k);
        }
        d[s.bias.clone()].fill(0.0);
    }
}

pub fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// θ + a·d₁ + b·d₂ into `out`.
pub fn point_on_plane(center: &[f64], [d1, d2]: [&[f64]; 2], (a, b): (f64, f64), out: &mut [f64]) {
    for (((o, &c), &u), &v) in out.iter_mut().zip(center).zip(d1).zip(d2) {
        *o = c + a * u + b * v;
    }
}

/// The plane coordinates (a, b) of `point`: least squares on θ + a·d₁ + b·d₂ ≈ point (exact
/// when the point lies on the plane; directions need not be orthogonal, as random ones are not).
pub fn project(center: &[f64], [d1, d2]: [&[f64]; 2], point: &[f64]) -> (f64, f64) {
    let r: Vec<f64> = point.iter().zip(center).map(|(p, c)| p - c).collect();
    let (g11, g12, g22) = (dot(d1, d1), dot(d1, d2), dot(d2, d2));
    let (r1, r2) = (dot(d1, &r), dot(d2, &r));
    let det = g11 * g22 - g12 * g12;
    if det.abs() <= 1e-300 {
        return (if g11 > 0.0 { r1 / g11 } else { 0.0 }, 0.0);
    }
    ((g22 * r1 - g12 * r2) / det, (g11 * r2 - g12 * r1) / det)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::network::{Activation, Loss};

    #[test]
    fn projection_recovers_plane_coordinates() {
        let c = [1.0, 2.0, 3.0];
        let (d1, d2) = ([1.0, 1.0, 0.0], [0.0, 1.0, 2.0]);
        let mut p = [0.0; 3];
        point_on_plane(&c, [&d1, &d2], (0.25, -1.5), &mut p);
        let (a, b) = project(&c, [&d1, &d2], &p);
        assert!((a - 0.25).abs() < 1e-14 && (b + 1.5).abs() < 1e-14);
    }

    #[test]
    fn random_directions_are_seeded() {
        let arch = Architecture::new(vec![2, 3, 1], Activation::Tanh, Loss::Bce);
        let theta: Vec<f64> = (0..arch.len()).map(|i| 0.1 * i as f64 - 0.4).collect();
        assert_eq!(
            random_directions(&arch, &theta, 1),
            random_directions(&arch, &theta, 1)
        );
        assert_ne!(
            random_directions(&arch, &theta, 1),
            random_directions(&arch, &theta, 2)
        );
    }
}
