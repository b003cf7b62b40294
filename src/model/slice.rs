//! The loss on a plane θ + a·d₁ + b·d₂, sampled on a grid (each cell exact, full batch).

use super::directions::point_on_plane;
use super::mlp::Mlp;

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
/// (a[i], b[j]). Spread over the machine's cores.
pub fn slice(mlp: &Mlp, center: &[f64], dirs: [&[f64]; 2], grid: &PlaneGrid) -> Vec<f64> {
    let na = grid.a.len();
    let cells = na * grid.b.len();
    let mut out = vec![0.0; cells];
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(cells.max(1));
    let per = cells.div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        for (chunk_index, chunk) in out.chunks_mut(per).enumerate() {
            scope.spawn(move || {
                let mut theta = vec![0.0; center.len()];
                for (k, v) in chunk.iter_mut().enumerate() {
                    let cell = chunk_index * per + k;
                    let (a, b) = (grid.a[cell % na], grid.b[cell / na]);
                    point_on_plane(center, dirs, (a, b), &mut theta);
                    *v = mlp.loss(&theta);
                }
            });
        }
    });
    out
}
