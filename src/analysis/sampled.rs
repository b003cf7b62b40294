//! The fallback search for surfaces without an interval evaluation: safeguarded Newton on
//! ∇f = 0 from a grid of seeds. Its points are only `found`, never certified.
//!
//! 1. Sample ∇f on an N×N grid over the region. Seed every cell where both components of the
//!    gradient change sign (a root is likely inside), plus a coarse grid of seeds everywhere
//!    (for roots the sign test misses, e.g. where a component touches zero without crossing).
//!    If too many cells hold a sign change, the critical points are denser than the grid:
//!    refine it (up to a cap, so time stays bounded on, say, Rastrigin over [−100, 100]²).
//! 2. From each seed, Newton's method on ∇f = 0 with safeguards: the step is limited to a
//!    fraction of the region, and a step that does not reduce |∇f| is replaced by a
//!    Levenberg–Marquardt step (HᵀH + μI)s = −Hᵀ∇f with growing μ, so every accepted step
//!    reduces |∇f|; an iteration cap ends the rest.
//! 3. Keep the points where the gradient vanishes: the last Newton step is negligible, or
//!    |∇f| is negligible next to its size elsewhere in the region (degenerate roots, where
//!    Newton converges only linearly). Merge duplicates, keep the best, restrict to the region.
//! 4. Classify by the Hessian (scaled to the surface's typical curvature) and sort.
//!
//! Distances and steps are measured in region-relative coordinates, so the search behaves the
//! same on a [−5, 5]² test function and on a regression surface whose axes differ by 10³.

use super::critical::{CriticalKind, CriticalPoint, classify_scaled};
use super::grid::{
    Frame, coarse_seeds, crossing_cells, curvature_scale, nonlinearity, sample_grid,
};
use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Knobs of the search; the defaults find every critical point of the built-ins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct SampleOptions {
    /// Grid nodes per axis for sampling the gradient (N, so (N−1)² cells).
    pub grid: usize,
    /// The grid is refined (N → 2N − 1) up to this many nodes per axis while it does not
    /// resolve the surface: more than a quarter of its cells look like they hold a root, or
    /// the gradient is far from linear across a cell (e.g. Rastrigin over a wide region).
    pub max_grid: usize,
    /// Seeds per axis placed regardless of sign changes.
    pub coarse: usize,
    /// Newton iterations per seed.
    pub max_iter: usize,
    /// Largest Newton step, as a fraction of the region's size.
    pub max_step: f64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            grid: 65,
            max_grid: 257,
            coarse: 12,
            max_iter: 80,
            max_step: 0.1,
        }
    }
}

/// The outcome of a search: the points, and whether the grid could resolve them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SearchReport {
    pub points: Vec<CriticalPoint>,
    /// Grid nodes per axis finally used.
    pub grid: usize,
    /// True when even the finest grid did not resolve the surface (see
    /// [`SearchOptions::max_grid`]): some critical points are likely missing; zoom in.
    pub saturated: bool,
}

/// The critical-point search, reporting how it went.
pub(super) fn sampled_search(surface: &dyn Surface, region: Region) -> SearchReport {
    let opts = &SampleOptions::default();
    let frame = Frame::new(region);
    if !(frame.w > 0.0 && frame.h > 0.0 && frame.w.is_finite() && frame.h.is_finite()) {
        return SearchReport {
            points: Vec::new(),
            grid: 0,
            saturated: false,
        };
    }
    let grid = refine_grid(surface, &frame, opts);
    let n = grid.n;
    let norms: Vec<f64> = grid
        .nodes
        .iter()
        .map(|g| frame.grad_norm(*g))
        .filter(|v| v.is_finite())
        .collect();
    let gscale = norms.iter().copied().fold(0.0, f64::max);
    // A typical slope (the median), robust to a barrier where |∇f| explodes: a point whose
    // gradient is still a good fraction of it is no critical point, however short the Newton
    // step there (near a pole the Hessian dwarfs the gradient and steps vanish).
    let typical_slope = median(norms);
    let curvature = curvature_scale(surface, &frame, n);
    let solver = Solver {
        surface,
        frame: &frame,
        opts,
        grad_tol: 1e-10 * gscale,
        stall_grad_tol: 1e-6 * typical_slope,
    };

    let mut found: Vec<Candidate> = grid
        .crossing
        .into_iter()
        .chain(coarse_seeds(&frame, opts.coarse))
        .filter_map(|seed| solver.solve(seed))
        .collect();
    found.extend(critical_kinks(surface, &frame, solver.grad_tol));
    let kept = merge(found, &frame, n, |p| {
        classify_scaled(surface.hessian(p), curvature).kind
    });
    let mut points: Vec<CriticalPoint> = kept
        .into_iter()
        .map(|c| {
            let point = snap_to_axes(surface, &frame, c.point);
            let hessian = classify_scaled(surface.hessian(point), curvature);
            CriticalPoint {
                point,
                value: surface.value(point),
                hessian,
            }
        })
        .collect();
    points.sort_by(compare);
    SearchReport {
        points,
        grid: n,
        saturated: grid.saturated,
    }
}

/// The sampling grid the search settled on: its size, ∇f at its nodes, the seeds from cells
/// where both components of ∇f change sign, and whether even the finest grid was too coarse.
struct Grid {
    n: usize,
    nodes: Vec<Vector2<f64>>,
    crossing: Vec<Point>,
    saturated: bool,
}

/// Samples ∇f on an n×n grid, refined (n → 2n − 1) while sign changes crowd the cells or the
/// gradient is far from linear across them, up to `max_grid`.
fn refine_grid(surface: &dyn Surface, frame: &Frame, opts: &SampleOptions) -> Grid {
    let mut n = opts.grid.max(3);
    let mut nodes = sample_grid(surface, frame, n);
    let mut crossing = crossing_cells(&nodes, frame, n);
    let dense = |crossing: &Vec<Point>, nodes: &[Vector2<f64>], n: usize| {
        4 * crossing.len() > (n - 1) * (n - 1) || nonlinearity(surface, frame, nodes, n) > 0.5
    };
    while dense(&crossing, &nodes, n) && 2 * n - 1 <= opts.max_grid {
        n = 2 * n - 1;
        nodes = sample_grid(surface, frame, n);
        crossing = crossing_cells(&nodes, frame, n);
    }
    let saturated = dense(&crossing, &nodes, n);
    Grid {
        n,
        nodes,
        crossing,
        saturated,
    }
}

/// Kinks (e.g. Ackley's origin) are critical when the subgradient returned there is zero.
fn critical_kinks(surface: &dyn Surface, frame: &Frame, grad_tol: f64) -> Vec<Candidate> {
    surface
        .singular_points()
        .into_iter()
        .filter_map(|p| {
            let g = surface.gradient(p);
            let ok = frame.contains(p)
                && g.iter().all(|c| c.is_finite())
                && frame.grad_norm(g) <= grad_tol;
            ok.then(|| Candidate {
                point: p,
                grad: frame.grad_norm(g),
            })
        })
        .collect()
}

/// Drops candidates outside the region and merges duplicates, keeping the most accurate
/// (smallest |∇f|) member of each cluster. Two points are duplicates within 1e-6 of the region's
/// size; degenerate points (found less precisely, by linear convergence, or lying on a whole
/// curve of critical points) within one grid cell. A hash of grid cells keeps this linear.
fn merge(
    mut found: Vec<Candidate>,
    frame: &Frame,
    n: usize,
    kind_of: impl Fn(Point) -> CriticalKind,
) -> Vec<Candidate> {
    let cell = 1.0 / (n - 1) as f64;
    let key = |p: Point| {
        let (u, v) = frame.to_unit(p);
        ((u / cell).floor() as i64, (v / cell).floor() as i64)
    };
    found.sort_by(|a, b| a.grad.total_cmp(&b.grad));
    let mut kept: Vec<(Candidate, CriticalKind)> = Vec::new();
    let mut buckets: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for c in found {
        if !frame.contains(c.point) {
            continue;
        }
        let kind = kind_of(c.point);
        let (ci, cj) = key(c.point);
        let duplicate = (ci - 1..=ci + 1)
            .flat_map(|i| (cj - 1..=cj + 1).map(move |j| (i, j)))
            .filter_map(|b| buckets.get(&b))
            .flatten()
            .any(|&k| {
                let (other, other_kind) = &kept[k];
                let d = frame.dist(other.point, c.point);
                d <= 1e-6 || (kind == CriticalKind::Degenerate && *other_kind == kind && d <= cell)
            });
        if !duplicate {
            buckets.entry((ci, cj)).or_default().push(kept.len());
            kept.push((c, kind));
        }
    }
    kept.into_iter().map(|(c, _)| c).collect()
}

pub(super) fn rank(kind: CriticalKind) -> u8 {
    match kind {
        CriticalKind::Minimum => 0,
        CriticalKind::Saddle => 1,
        CriticalKind::Maximum => 2,
        CriticalKind::Degenerate => 3,
    }
}

pub(super) fn compare(a: &CriticalPoint, b: &CriticalPoint) -> Ordering {
    rank(a.kind())
        .cmp(&rank(b.kind()))
        .then(a.value.total_cmp(&b.value))
        .then(a.point.x.total_cmp(&b.point.x))
        .then(a.point.y.total_cmp(&b.point.y))
}

/// A converged Newton iterate and its |∇f| in region units.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    point: Point,
    grad: f64,
}

struct Solver<'a> {
    surface: &'a dyn Surface,
    frame: &'a Frame,
    opts: &'a SampleOptions,
    /// |∇f| (region units) below which a point is critical whatever its Hessian.
    grad_tol: f64,
    /// A stalled Newton iteration counts only if |∇f| is also below this.
    stall_grad_tol: f64,
}

impl Solver<'_> {
    /// Safeguarded Newton from `seed`; `Some` only if it ends at a critical point.
    fn solve(&self, seed: Point) -> Option<Candidate> {
        let mut x = seed;
        let mut g = self.surface.gradient(x);
        let mut gn = self.frame.grad_norm(g);
        let mut last_step = f64::INFINITY;
        for _ in 0..self.opts.max_iter {
            if !gn.is_finite() || !self.frame.near(x) {
                return None;
            }
            if gn == 0.0 {
                last_step = 0.0;
                break;
            }
            let h = self.surface.hessian(x);
            match self.improve(x, g, gn, h) {
                Some((xn, gnew, gnn)) => {
                    last_step = self.frame.len(xn - x);
                    (x, g, gn) = (xn, gnew, gnn);
                    if last_step <= 1e-14 {
                        break;
                    }
                }
                // No step reduces |∇f|: round-off level at a root, or a spurious stall.
                None => {
                    last_step = self.newton_step_len(x, g);
                    break;
                }
            }
        }
        let converged = gn <= self.grad_tol || (last_step <= 1e-9 && gn <= self.stall_grad_tol);
        converged.then_some(Candidate { point: x, grad: gn })
    }

    /// Length (region units) of the full Newton step at x, ∞ if the Hessian is singular.
    fn newton_step_len(&self, x: Point, g: Vector2<f64>) -> f64 {
        self.surface
            .hessian(x)
            .lu()
            .solve(&g)
            .map_or(f64::INFINITY, |s| self.frame.len(s))
    }

    /// The Newton step if it reduces |∇f|, else Levenberg–Marquardt steps with growing μ.
    fn improve(
        &self,
        x: Point,
        g: Vector2<f64>,
        gn: f64,
        h: Matrix2<f64>,
    ) -> Option<(Point, Vector2<f64>, f64)> {
        let hth = h.transpose() * h;
        let mut mu = 0.0;
        let base = 1e-6 * (hth.trace() * 0.5).max(f64::MIN_POSITIVE);
        for _ in 0..16 {
            let step = if mu == 0.0 {
                h.lu().solve(&(-g))
            } else {
                (hth + Matrix2::identity() * mu)
                    .lu()
                    .solve(&(-(h.transpose() * g)))
            };
            mu = if mu == 0.0 { base } else { mu * 10.0 };
            let Some(mut s) = step.filter(|s| s.iter().all(|c| c.is_finite())) else {
                continue;
            };
            let len = self.frame.len(s);
            if len > self.opts.max_step {
                s *= self.opts.max_step / len;
            }
            let xn = x + s;
            let gnew = self.surface.gradient(xn);
            let gnn = self.frame.grad_norm(gnew);
            if gnn < gn {
                return Some((xn, gnew, gnn));
            }
        }
        None
    }
}

/// Median of finite values (0 for none).
fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A coordinate within round-off of zero becomes exactly zero when the gradient there is no
/// larger: Newton converges only linearly at a degenerate point (the monkey saddle's origin
/// comes out as (−1.07e-14, −1.07e-14)), and users should read (0, 0).
pub(super) fn snap_to_axes(surface: &dyn Surface, frame: &Frame, p: Point) -> Point {
    let tiny = 1e-9 * frame.w.max(frame.h);
    let snap = |v: f64| if v.abs() < tiny { 0.0 } else { v };
    let q = Point::new(snap(p.x), snap(p.y));
    if q != p && frame.grad_norm(surface.gradient(q)) <= frame.grad_norm(surface.gradient(p)) {
        q
    } else {
        p
    }
}
