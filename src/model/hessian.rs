//! The exact dense Hessian of a network's loss, by forward-over-reverse differentiation, and
//! its spectrum.
//!
//! Backprop runs on [`Dual`] numbers whose K tangents are K unit vectors of parameter space;
//! the tangents of the resulting gradient are K columns of ∇²L. N/K such passes give all N
//! columns, each about K+1 times the work of one gradient.

use super::backprop::backprop;
use super::data::DataSet;
use super::network::Architecture;
use super::scalar::Dual;
use nalgebra::DMatrix;

/// Tangents carried per pass: wide enough to amortise the pass, small enough for registers.
const K: usize = 8;

/// ∇²L over `rows`, symmetrised (the two triangles agree to round-off).
pub fn hessian_on(
    arch: &Architecture,
    data: &DataSet,
    theta: &[f64],
    rows: &[usize],
) -> DMatrix<f64> {
    let n = theta.len();
    let mut h = DMatrix::zeros(n, n);
    let mut params: Vec<Dual<K>> = theta.iter().map(|&v| Dual::seeded(v, None)).collect();
    let mut grad = vec![Dual::<K>::seeded(0.0, None); n];
    for start in (0..n).step_by(K) {
        let width = K.min(n - start);
        for (j, p) in params.iter_mut().enumerate() {
            *p = Dual::seeded(
                theta[j],
                (start..start + width).contains(&j).then(|| j - start),
            );
        }
        backprop(arch, data, &params, rows, &mut grad);
        for (i, g) in grad.iter().enumerate() {
            for k in 0..width {
                h[(i, start + k)] = g.eps[k];
            }
        }
    }
    let ht = h.transpose();
    (h + ht) * 0.5
}

/// All eigenvalues of a symmetric matrix, ascending.
pub fn spectrum(h: &DMatrix<f64>) -> Vec<f64> {
    let mut ev: Vec<f64> = h.clone().symmetric_eigenvalues().iter().copied().collect();
    ev.sort_by(f64::total_cmp);
    ev
}

/// How many eigenvalues are negative beyond round-off (relative to the largest |λ|): the
/// index of the critical point, the number of directions in which the loss curves down.
pub fn negative_count(eigenvalues: &[f64]) -> usize {
    let scale = eigenvalues.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let tol = 1e-10 * scale.max(f64::MIN_POSITIVE);
    eigenvalues.iter().filter(|&&v| v < -tol).count()
}
