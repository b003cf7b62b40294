//! The sampling grid of the critical-point search: region-relative coordinates, the gradient
//! at the nodes, and what the samples say (seeds, curvature scale, resolution).

use crate::surface::{Point, Region, Surface};
use nalgebra::Vector2;

/// The region, and the map to region-relative coordinates u = (x − x0)/w, v = (y − y0)/h.
pub(super) struct Frame {
    pub region: Region,
    pub w: f64,
    pub h: f64,
}

impl Frame {
    pub fn new(region: Region) -> Self {
        Self {
            region,
            w: region.width(),
            h: region.height(),
        }
    }
    pub fn node(&self, i: usize, j: usize, n: usize) -> Point {
        let t = (n - 1) as f64;
        Point::new(
            self.region.x0 + self.w * i as f64 / t,
            self.region.y0 + self.h * j as f64 / t,
        )
    }
    /// Region-relative coordinates: (0, 0) at (x0, y0), (1, 1) at (x1, y1).
    pub fn to_unit(&self, p: Point) -> (f64, f64) {
        (
            (p.x - self.region.x0) / self.w,
            (p.y - self.region.y0) / self.h,
        )
    }
    /// Length of a step in region units.
    pub fn len(&self, s: Vector2<f64>) -> f64 {
        (s.x / self.w).hypot(s.y / self.h)
    }
    pub fn dist(&self, a: Point, b: Point) -> f64 {
        self.len(a - b)
    }
    /// |∇f| in region units (the change of f across the region per unit of region).
    pub fn grad_norm(&self, g: Vector2<f64>) -> f64 {
        (g.x * self.w).hypot(g.y * self.h)
    }
    /// Inside, allowing for round-off on the boundary.
    pub fn contains(&self, p: Point) -> bool {
        let (ex, ey) = (1e-9 * self.w, 1e-9 * self.h);
        let r = &self.region;
        p.x >= r.x0 - ex && p.x <= r.x1 + ex && p.y >= r.y0 - ey && p.y <= r.y1 + ey
    }
    /// The point where the segment from `a` (inside) to `b` (outside) leaves the region.
    pub fn clip_segment(&self, a: Point, b: Point) -> Point {
        let r = &self.region;
        let d = b - a;
        let mut t = 1.0f64;
        for (lo, hi, pa, pd) in [(r.x0, r.x1, a.x, d.x), (r.y0, r.y1, a.y, d.y)] {
            if pd > 0.0 && pa + pd > hi {
                t = t.min((hi - pa) / pd);
            } else if pd < 0.0 && pa + pd < lo {
                t = t.min((lo - pa) / pd);
            }
        }
        let p = a + d * t.clamp(0.0, 1.0);
        Point::new(p.x.clamp(r.x0, r.x1), p.y.clamp(r.y0, r.y1))
    }
    /// Inside the region grown by half its size on each side: Newton may wander there.
    pub fn near(&self, p: Point) -> bool {
        let r = &self.region;
        p.x >= r.x0 - 0.5 * self.w
            && p.x <= r.x1 + 0.5 * self.w
            && p.y >= r.y0 - 0.5 * self.h
            && p.y <= r.y1 + 0.5 * self.h
    }
}

/// ∇f at the grid nodes, row-major by j (y) then i (x).
pub(super) fn sample_grid(surface: &dyn Surface, frame: &Frame, n: usize) -> Vec<Vector2<f64>> {
    let mut out = Vec::with_capacity(n * n);
    for j in 0..n {
        for i in 0..n {
            out.push(surface.gradient(frame.node(i, j, n)));
        }
    }
    out
}

/// The median spectral norm of the Hessian (in region units) over a sub-grid: a typical
/// curvature, robust to the steep corners of surfaces like Goldstein–Price.
pub(super) fn curvature_scale(surface: &dyn Surface, frame: &Frame, n: usize) -> f64 {
    let stride = (n / 16).max(1);
    let mut norms: Vec<f64> = (0..n)
        .step_by(stride)
        .flat_map(|j| (0..n).step_by(stride).map(move |i| (i, j)))
        .map(|(i, j)| surface.hessian(frame.node(i, j, n)))
        .map(|h| {
            let e = nalgebra::SymmetricEigen::new((h + h.transpose()) * 0.5).eigenvalues;
            e[0].abs().max(e[1].abs())
        })
        .filter(|v| v.is_finite())
        .collect();
    if norms.is_empty() {
        return 0.0;
    }
    norms.sort_by(f64::total_cmp);
    norms[norms.len() / 2]
}

/// How far the gradient is from linear across one grid cell: the median, over a sub-grid, of
/// |g(i+1, j+1) − g(i, j) − H(i, j)·Δ| / max(|H·Δ|, |g(i+1, j+1) − g(i, j)|) (Δ the cell's
/// diagonal). Near 0 when the grid resolves the surface; near 1 or more when the gradient
/// turns around within a cell, so critical points may hide between the nodes unseen.
pub(super) fn nonlinearity(
    surface: &dyn Surface,
    frame: &Frame,
    nodes: &[Vector2<f64>],
    n: usize,
) -> f64 {
    let stride = (n / 16).max(1);
    let mut ratios: Vec<f64> = (0..n - 1)
        .step_by(stride)
        .flat_map(|j| (0..n - 1).step_by(stride).map(move |i| (i, j)))
        .map(|(i, j)| {
            let (a, b) = (frame.node(i, j, n), frame.node(i + 1, j + 1, n));
            let dg = nodes[(j + 1) * n + i + 1] - nodes[j * n + i];
            let model = surface.hessian(a) * (b - a);
            let denom = model.norm().max(dg.norm());
            if denom > 0.0 {
                (dg - model).norm() / denom
            } else {
                0.0
            }
        })
        .filter(|v| v.is_finite())
        .collect();
    if ratios.is_empty() {
        return 0.0;
    }
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

/// Centres of the cells where both gradient components change sign: a root is likely inside.
pub(super) fn crossing_cells(nodes: &[Vector2<f64>], frame: &Frame, n: usize) -> Vec<Point> {
    let mut out = Vec::new();
    for j in 0..n - 1 {
        for i in 0..n - 1 {
            let corners = [
                nodes[j * n + i],
                nodes[j * n + i + 1],
                nodes[(j + 1) * n + i],
                nodes[(j + 1) * n + i + 1],
            ];
            let crosses = |k: usize| {
                let lo = corners.iter().map(|g| g[k]).fold(f64::INFINITY, f64::min);
                let hi = corners
                    .iter()
                    .map(|g| g[k])
                    .fold(f64::NEG_INFINITY, f64::max);
                lo <= 0.0 && hi >= 0.0
            };
            if crosses(0) && crosses(1) {
                out.push((frame.node(i, j, n) + frame.node(i + 1, j + 1, n)) * 0.5);
            }
        }
    }
    out
}

/// A regular c×c grid of seeds, for roots the sign test misses (a component that touches zero
/// without crossing it).
pub(super) fn coarse_seeds(frame: &Frame, coarse: usize) -> impl Iterator<Item = Point> + '_ {
    let c = coarse.max(1);
    (0..c * c).map(move |k| {
        let u = ((k % c) as f64 + 0.5) / c as f64;
        let v = ((k / c) as f64 + 0.5) / c as f64;
        Point::new(frame.region.x0 + u * frame.w, frame.region.y0 + v * frame.h)
    })
}
