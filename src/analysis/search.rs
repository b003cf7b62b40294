//! The critical-point search: safeguarded Newton on ∇f = 0 from a grid of seeds.
//!
//! 1. Sample ∇f on an N×N grid over the region. Seed every cell where both components of the
//!    gradient change sign (a root is likely inside), plus a coarse grid of seeds everywhere
//!    (for roots the sign test misses, e.g. where a component touches zero without crossing).
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
use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};
use std::cmp::Ordering;

/// Knobs of the search; the defaults find every critical point of the built-ins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchOptions {
    /// Grid nodes per axis for sampling the gradient (N, so (N−1)² cells).
    pub grid: usize,
    /// Seeds per axis placed regardless of sign changes.
    pub coarse: usize,
    /// Newton iterations per seed.
    pub max_iter: usize,
    /// Largest Newton step, as a fraction of the region's size.
    pub max_step: f64,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            grid: 65,
            coarse: 12,
            max_iter: 80,
            max_step: 0.1,
        }
    }
}

/// Every critical point of `surface` inside `region`, without duplicates, sorted by kind
/// (minima, saddles, maxima, degenerate), then value, then x, then y.
pub fn critical_points(surface: &dyn Surface, region: Region) -> Vec<CriticalPoint> {
    critical_points_with(surface, region, &SearchOptions::default())
}

/// [`critical_points`] with explicit search options.
pub fn critical_points_with(
    surface: &dyn Surface,
    region: Region,
    opts: &SearchOptions,
) -> Vec<CriticalPoint> {
    let frame = Frame::new(region);
    if !(frame.w > 0.0 && frame.h > 0.0 && frame.w.is_finite() && frame.h.is_finite()) {
        return Vec::new();
    }
    let n = opts.grid.max(3);
    let nodes = sample_grid(surface, &frame, n);
    let gscale = nodes
        .iter()
        .map(|g| frame.grad_norm(*g))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let curvature = curvature_scale(surface, &frame, n);
    let solver = Solver {
        surface,
        frame: &frame,
        opts,
        grad_tol: 1e-10 * gscale,
    };

    let mut found: Vec<Candidate> = seeds(&nodes, &frame, n, opts.coarse)
        .into_iter()
        .filter_map(|seed| solver.solve(seed))
        .collect();
    // Kinks (e.g. Ackley's origin) are critical when the subgradient returned there is zero.
    for p in surface.singular_points() {
        let g = surface.gradient(p);
        if frame.contains(p)
            && g.iter().all(|c| c.is_finite())
            && frame.grad_norm(g) <= solver.grad_tol
        {
            found.push(Candidate {
                point: p,
                grad: frame.grad_norm(g),
            });
        }
    }

    let cell = 1.0 / (n - 1) as f64;
    let mut kept: Vec<(Candidate, CriticalKind)> = Vec::new();
    // Best candidates first, so each cluster is represented by its most accurate member.
    found.sort_by(|a, b| a.grad.total_cmp(&b.grad));
    for c in found {
        if !frame.contains(c.point) {
            continue;
        }
        let kind = classify_scaled(surface.hessian(c.point), curvature).kind;
        let duplicate = kept.iter().any(|(k, kkind)| {
            let d = frame.dist(k.point, c.point);
            // Degenerate points may come from a whole curve of critical points, or be found
            // less precisely (linear convergence): merge them within a grid cell.
            d <= 1e-6 || (kind == CriticalKind::Degenerate && *kkind == kind && d <= cell)
        });
        if !duplicate {
            kept.push((c, kind));
        }
    }

    let mut points: Vec<CriticalPoint> = kept
        .into_iter()
        .map(|(c, _)| {
            let hessian = classify_scaled(surface.hessian(c.point), curvature);
            CriticalPoint {
                point: c.point,
                value: surface.value(c.point),
                hessian,
            }
        })
        .collect();
    points.sort_by(compare);
    points
}

fn rank(kind: CriticalKind) -> u8 {
    match kind {
        CriticalKind::Minimum => 0,
        CriticalKind::Saddle => 1,
        CriticalKind::Maximum => 2,
        CriticalKind::Degenerate => 3,
    }
}

fn compare(a: &CriticalPoint, b: &CriticalPoint) -> Ordering {
    rank(a.kind())
        .cmp(&rank(b.kind()))
        .then(a.value.total_cmp(&b.value))
        .then(a.point.x.total_cmp(&b.point.x))
        .then(a.point.y.total_cmp(&b.point.y))
}

/// The region, and the map to region-relative coordinates u = (x − x0)/w, v = (y − y0)/h.
struct Frame {
    region: Region,
    w: f64,
    h: f64,
}

impl Frame {
    fn new(region: Region) -> Self {
        Self {
            region,
            w: region.width(),
            h: region.height(),
        }
    }
    fn node(&self, i: usize, j: usize, n: usize) -> Point {
        let t = (n - 1) as f64;
        Point::new(
            self.region.x0 + self.w * i as f64 / t,
            self.region.y0 + self.h * j as f64 / t,
        )
    }
    /// Length of a step in region units.
    fn len(&self, s: Vector2<f64>) -> f64 {
        (s.x / self.w).hypot(s.y / self.h)
    }
    fn dist(&self, a: Point, b: Point) -> f64 {
        self.len(a - b)
    }
    /// |∇f| in region units (the change of f across the region per unit of region).
    fn grad_norm(&self, g: Vector2<f64>) -> f64 {
        (g.x * self.w).hypot(g.y * self.h)
    }
    /// Inside, allowing for round-off on the boundary.
    fn contains(&self, p: Point) -> bool {
        let (ex, ey) = (1e-9 * self.w, 1e-9 * self.h);
        let r = &self.region;
        p.x >= r.x0 - ex && p.x <= r.x1 + ex && p.y >= r.y0 - ey && p.y <= r.y1 + ey
    }
    /// Inside the region grown by half its size on each side: Newton may wander there.
    fn near(&self, p: Point) -> bool {
        let r = &self.region;
        p.x >= r.x0 - 0.5 * self.w
            && p.x <= r.x1 + 0.5 * self.w
            && p.y >= r.y0 - 0.5 * self.h
            && p.y <= r.y1 + 0.5 * self.h
    }
}

/// ∇f at the grid nodes, row-major by j (y) then i (x).
fn sample_grid(surface: &dyn Surface, frame: &Frame, n: usize) -> Vec<Vector2<f64>> {
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
fn curvature_scale(surface: &dyn Surface, frame: &Frame, n: usize) -> f64 {
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

/// Cell centres where both gradient components change sign, plus a coarse regular grid.
fn seeds(nodes: &[Vector2<f64>], frame: &Frame, n: usize, coarse: usize) -> Vec<Point> {
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
    let c = coarse.max(1);
    for j in 0..c {
        for i in 0..c {
            let u = (i as f64 + 0.5) / c as f64;
            let v = (j as f64 + 0.5) / c as f64;
            out.push(Point::new(
                frame.region.x0 + u * frame.w,
                frame.region.y0 + v * frame.h,
            ));
        }
    }
    out
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
    opts: &'a SearchOptions,
    /// |∇f| (region units) below which a point is critical whatever its Hessian.
    grad_tol: f64,
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
        let converged = last_step <= 1e-9 || gn <= self.grad_tol;
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
