//! The loss on a plane θ + a·d₁ + b·d₂, sampled on a grid (each cell exact, full batch).

use super::batched::BatchedLoss;
use super::directions::point_on_plane;
use super::mlp::Mlp;
use rayon::prelude::*;

/// A grid of plane coordinates: `a` along d₁, `b` along d₂.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaneGrid {
    pub a: Vec<f64>,
    pub b: Vec<f64>,
}

impl PlaneGrid {
    /// `na` × `nb` evenly spaced points of [lo, hi]² (both ends included).
    pub fn square(na: usize, nb: usize, (lo, hi): (f64, f64)) -> Self {
        let axis = |n: usize| -> Vec<f64> {
            if n == 1 {
                return vec![0.5 * (lo + hi)];
            }
            (0..n)
                .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
                .collect()
        };
        Self {
            a: axis(na),
            b: axis(nb),
        }
    }
}

/// The loss at every (a, b) of `grid`, row-major with `b` outer: `out[j·na + i]` is at
/// (a[i], b[j]). Rows of the grid are spread over rayon's pool; each worker evaluates its
/// cells with one reused workspace (see [`BatchedLoss`]).
pub fn slice(mlp: &Mlp, center: &[f64], dirs: [&[f64]; 2], grid: &PlaneGrid) -> Vec<f64> {
    let batched = BatchedLoss::new(&mlp.arch, &mlp.data);
    slice_with(&batched, center, dirs, grid)
}

/// [`slice`] with the data already laid out (the map re-slices the same network often).
pub fn slice_with(
    batched: &BatchedLoss,
    center: &[f64],
    dirs: [&[f64]; 2],
    grid: &PlaneGrid,
) -> Vec<f64> {
    let na = grid.a.len();
    let mut out = vec![0.0; na * grid.b.len()];
    if na == 0 {
        return out;
    }
    out.par_chunks_mut(na).zip(&grid.b).for_each_init(
        || (batched.workspace(), vec![0.0; center.len()]),
        |(ws, theta), (row, &b)| {
            for (v, &a) in row.iter_mut().zip(&grid.a) {
                point_on_plane(center, dirs, (a, b), theta);
                *v = batched.loss(theta, ws);
            }
        },
    );
    out
}
