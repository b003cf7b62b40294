//! The certified critical-point search: every critical point in the region, and nothing else.
//!
//! 1. Where f is defined (a grid of samples) and whether it is constant (the interval
//!    gradient over the whole region is exactly 0).
//! 2. Branch and bound over boxes (`boxes.rs`): interval arithmetic on the exact derivatives
//!    discards boxes whose gradient excludes 0, the Krawczyk test (iterated on the part of the
//!    box that may hold zeros) proves boxes with exactly one zero (refined to a few ulps:
//!    `certified`), curves of critical points are traced (`curve.rs`), the rest is quartered.
//! 3. Boxes still undecided at the depth limit hold degenerate zeros (the monkey saddle's
//!    origin) or kinks: Newton's method from there gives `found` points; where it fails, and
//!    where the budget ran out, the region is reported as unresolved.
//! 4. Points are classified by the sign of the Hessian's determinant over their proof box
//!    (interval arithmetic again), so the kind does not depend on any tolerance or scale.
//!
//! Surfaces without an interval evaluation fall back to sampling (`sampled.rs`).

use super::boxes::{Cell, Outcome, SearchOptions, branch_and_bound, cell_region};
use super::certify::interval_kind;
use super::critical::{CriticalKind, CriticalPoint, classify_scaled};
use super::curve::Tracer;
use super::findings::{Analysis, Domain, Finding, Proof};
use super::grid::Frame;
use super::krawczyk::IBox;
use super::sampled::{compare, sampled_search, snap_to_axes};
use crate::surface::scalar::Interval;
use crate::surface::{Point, Region, Surface};
use std::collections::{HashMap, HashSet};

/// Every isolated critical point of `surface` inside `region`, sorted by kind (minima,
/// saddles, maxima, degenerate), then value, x, y. See [`search`] for curves and the rest.
pub fn critical_points(surface: &dyn Surface, region: Region) -> Vec<CriticalPoint> {
    search(surface, region, &SearchOptions::default()).critical_points()
}

/// The full search: points with their proofs, curves, unresolved boxes, the domain.
pub fn search(surface: &dyn Surface, region: Region, opts: &SearchOptions) -> Analysis {
    let frame = Frame::new(region);
    let mut analysis = Analysis {
        region,
        points: Vec::new(),
        curves: Vec::new(),
        unresolved: Vec::new(),
        domain: Domain::Defined,
        constant: None,
        boxes: 0,
        sampled: false,
    };
    if !(frame.w > 0.0 && frame.h > 0.0 && frame.w.is_finite() && frame.h.is_finite()) {
        return analysis;
    }
    analysis.domain = domain_of(surface, &frame);
    if analysis.domain == Domain::Undefined {
        return analysis;
    }
    let whole = Interval::new(region.x0, region.x1);
    let Some(e) = surface.enclose(whole, Interval::new(region.y0, region.y1)) else {
        return sampled(surface, analysis);
    };
    if e.v.is_empty() {
        analysis.domain = Domain::Undefined;
        return analysis;
    }
    if e.g == [Interval::ZERO; 2] {
        let centre = Point::new(0.5 * (region.x0 + region.x1), 0.5 * (region.y0 + region.y1));
        analysis.constant = Some(surface.value(centre));
        return analysis;
    }
    let tracer = Tracer {
        surface,
        frame: &frame,
        gtol: 1e-9 * gradient_scale(surface, &frame),
        step: 0.5 / (1u64 << opts.curve_depth) as f64,
    };
    let outcome = branch_and_bound(surface, &frame, opts, &tracer);
    let mut points = certified_points(surface, &frame, &outcome);
    let (found, mut unresolved) = leftover_points(surface, &frame, &tracer, &outcome.leftovers);
    points.extend(found);
    points.sort_by(|a, b| compare(&a.critical, &b.critical));
    unresolved.extend(coalesce(outcome.unresolved.to_vec(), &region));
    analysis.boxes = outcome.examined;
    let mut curves = outcome.curves;
    curves.sort_by(|a, b| {
        super::sampled::rank(a.kind)
            .cmp(&super::sampled::rank(b.kind))
            .then(a.value.total_cmp(&b.value))
    });
    analysis.points = points;
    analysis.curves = curves;
    analysis.unresolved = unresolved;
    analysis
}

/// Surfaces without an interval evaluation: sampled Newton, every point only `found`.
fn sampled(surface: &dyn Surface, mut analysis: Analysis) -> Analysis {
    let report = sampled_search(surface, analysis.region);
    analysis.sampled = true;
    analysis.points = report
        .points
        .into_iter()
        .map(|c| Finding {
            critical: c,
            gradient_norm: surface.gradient(c.point).norm(),
            proof: Proof::Found,
        })
        .collect();
    if report.saturated {
        analysis.unresolved = vec![analysis.region];
    }
    analysis
}

/// A finding at `p` of the given kind, with the Hessian's eigen-decomposition there.
fn finding(surface: &dyn Surface, p: Point, kind: CriticalKind, proof: Proof) -> Finding {
    let h = surface.hessian(p);
    let mut hessian = classify_scaled(h, 0.0);
    hessian.kind = kind;
    hessian.condition_number =
        (kind == CriticalKind::Minimum).then(|| hessian.eigenvalues[1] / hessian.eigenvalues[0]);
    Finding {
        critical: CriticalPoint {
            point: p,
            value: surface.value(p),
            hessian,
        },
        gradient_norm: surface.gradient(p).norm(),
        proof,
    }
}

/// The certified zeros, classified over their proof boxes, without duplicates (a zero on a
/// shared edge may be proved from both sides).
fn certified_points(surface: &dyn Surface, frame: &Frame, outcome: &Outcome) -> Vec<Finding> {
    let mut proved: Vec<(Point, IBox)> = outcome.certified.clone();
    proved.sort_by(|a, b| a.0.x.total_cmp(&b.0.x));
    let mut kept: Vec<(Point, IBox)> = Vec::new();
    for (p, k) in proved {
        let (rx, ry) = k.half_widths();
        // Two proofs of one zero both hold it, so their boxes meet: boxes apart are two zeros
        // however close (a proof box that could not be refined may be wide).
        let near = |q: &Point, kq: &IBox| {
            let (qx, qy) = kq.half_widths();
            let meet = !k.x.intersect(kq.x).is_empty() && !k.y.intersect(kq.y).is_empty();
            meet && (p.x - q.x).abs() <= 4.0 * (rx + qx) + 1e-13 * frame.w
                && (p.y - q.y).abs() <= 4.0 * (ry + qy) + 1e-13 * frame.h
        };
        let duplicate = kept
            .iter()
            .rev()
            .take_while(|(q, kq)| {
                (p.x - q.x).abs() <= 4.0 * (rx + kq.half_widths().0) + 1e-13 * frame.w
            })
            .any(|(q, kq)| near(q, kq));
        if !duplicate && frame.contains(p) {
            kept.push((p, k));
        }
    }
    kept.into_iter()
        .map(|(p, k)| {
            let kind = surface
                .enclose(k.x, k.y)
                .map_or(CriticalKind::Degenerate, |e| interval_kind(e.h));
            let (rx, ry) = k.half_widths();
            // Round-off next to an axis reads as 0 when the proof box allows it.
            let q = snap_to_axes(surface, frame, p);
            let p = if k.contains(q) { q } else { p };
            finding(surface, p, kind, Proof::Certified { radius: rx.max(ry) })
        })
        .collect()
}

/// Newton from each cluster of undecided boxes at the depth limit (degenerate zeros, kinks):
/// `found` points, and the clusters where it fails, as unresolved regions.
fn leftover_points(
    surface: &dyn Surface,
    frame: &Frame,
    tracer: &Tracer,
    leftovers: &[Cell],
) -> (Vec<Finding>, Vec<Region>) {
    let mut found = Vec::new();
    let mut unresolved = Vec::new();
    let mut clusters: Vec<Region> = clusters(leftovers)
        .into_iter()
        .map(|cells| hull(cells.iter().map(|c| cell_region(&frame.region, *c))))
        .collect();
    // Kinks (e.g. Ackley's origin) are critical when the subgradient returned there is zero.
    for p in surface.singular_points() {
        let g = surface.gradient(p);
        if frame.contains(p) && g.iter().all(|c| c.is_finite()) && frame.grad_norm(g) <= tracer.gtol
        {
            let h = surface.hessian(p);
            let kind = classify_scaled(h, h.norm()).kind;
            found.push(finding(surface, p, kind, Proof::Found));
            clusters.retain(|r| !grow(r, 1.0).contains(p.x, p.y));
        }
    }
    for r in clusters {
        let centre = Point::new(0.5 * (r.x0 + r.x1), 0.5 * (r.y0 + r.y1));
        let near = grow(&r, 2.0);
        match tracer.project(centre) {
            Some(p) if near.contains(p.x, p.y) && frame.contains(p) => {
                let p = snap_to_axes(surface, frame, p);
                let around = grow(
                    &Region::new(r.x0.min(p.x), r.x1.max(p.x), r.y0.min(p.y), r.y1.max(p.y)),
                    0.5,
                );
                let kind = surface
                    .enclose(
                        Interval::new(around.x0, around.x1),
                        Interval::new(around.y0, around.y1),
                    )
                    .map_or(CriticalKind::Degenerate, |e| interval_kind(e.h));
                found.push(finding(surface, p, kind, Proof::Found));
            }
            _ => unresolved.push(r),
        }
    }
    (found, unresolved)
}

/// The region grown by `k` times its own size on each side.
fn grow(r: &Region, k: f64) -> Region {
    let (dx, dy) = (k * r.width(), k * r.height());
    Region::new(r.x0 - dx, r.x1 + dx, r.y0 - dy, r.y1 + dy)
}

fn hull(regions: impl Iterator<Item = Region>) -> Region {
    regions
        .reduce(|a, b| {
            Region::new(
                a.x0.min(b.x0),
                a.x1.max(b.x1),
                a.y0.min(b.y0),
                a.y1.max(b.y1),
            )
        })
        .unwrap_or(Region::new(0.0, 0.0, 0.0, 0.0))
}

/// Connected groups (8-neighbours) of same-depth cells.
fn clusters(cells: &[Cell]) -> Vec<Vec<Cell>> {
    let index: HashMap<(u64, u64, u32), usize> = cells
        .iter()
        .enumerate()
        .map(|(k, c)| ((c.i, c.j, c.depth), k))
        .collect();
    let mut seen = vec![false; cells.len()];
    let mut out = Vec::new();
    for start in 0..cells.len() {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut group = vec![cells[start]];
        let mut stack = vec![start];
        while let Some(k) = stack.pop() {
            let c = cells[k];
            for (di, dj) in [
                (-1i64, -1i64),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (i, j) = (c.i as i64 + di, c.j as i64 + dj);
                if i < 0 || j < 0 {
                    continue;
                }
                if let Some(&n) = index.get(&(i as u64, j as u64, c.depth))
                    && !seen[n]
                {
                    seen[n] = true;
                    group.push(cells[n]);
                    stack.push(n);
                }
            }
        }
        out.push(group);
    }
    out
}

/// Unexamined cells as few regions: four siblings become their parent; more than 32 regions
/// are summarised by their bounding box.
fn coalesce(mut cells: Vec<Cell>, region: &Region) -> Vec<Region> {
    loop {
        let set: HashSet<Cell> = cells.iter().copied().collect();
        let mut merged = Vec::new();
        let mut used = HashSet::new();
        for c in &cells {
            if used.contains(c) || c.depth == 0 {
                continue;
            }
            let parent = Cell {
                i: c.i / 2,
                j: c.j / 2,
                depth: c.depth - 1,
            };
            let kids = [(0, 0), (1, 0), (0, 1), (1, 1)].map(|(a, b)| Cell {
                i: parent.i * 2 + a,
                j: parent.j * 2 + b,
                depth: c.depth,
            });
            if kids.iter().all(|k| set.contains(k)) {
                used.extend(kids);
                merged.push(parent);
            }
        }
        if merged.is_empty() {
            break;
        }
        cells.retain(|c| !used.contains(c));
        cells.extend(merged);
    }
    let regions: Vec<Region> = cells.iter().map(|c| cell_region(region, *c)).collect();
    if regions.len() > 32 {
        vec![hull(regions.into_iter())]
    } else {
        regions
    }
}

/// A typical |∇f| in region units: the median over a grid (robust to a steep wall), else the
/// largest, so tolerances scale with the surface.
fn gradient_scale(surface: &dyn Surface, frame: &Frame) -> f64 {
    let n = 17;
    let mut norms: Vec<f64> = (0..n * n)
        .map(|k| frame.node(k % n, k / n, n))
        .map(|p| frame.grad_norm(surface.gradient(p)))
        .filter(|v| v.is_finite())
        .collect();
    norms.sort_by(f64::total_cmp);
    let median = norms.get(norms.len() / 2).copied().unwrap_or(0.0);
    let max = norms.last().copied().unwrap_or(0.0);
    if median > 0.0 {
        median
    } else if max > 0.0 {
        max
    } else {
        f64::MIN_POSITIVE
    }
}

/// Where f is defined, from a 65×65 grid of samples.
fn domain_of(surface: &dyn Surface, frame: &Frame) -> Domain {
    let n = 65;
    let points: Vec<Point> = (0..n * n).map(|k| frame.node(k % n, k / n, n)).collect();
    let mut values = vec![0.0; points.len()];
    surface.values(&points, &mut values);
    let bad: Vec<Point> = points
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_nan())
        .map(|(p, _)| *p)
        .collect();
    if bad.is_empty() {
        return Domain::Defined;
    }
    if bad.len() == points.len() {
        return Domain::Undefined;
    }
    let (hx, hy) = (
        0.5 * frame.w / (n - 1) as f64,
        0.5 * frame.h / (n - 1) as f64,
    );
    let r = &frame.region;
    let b = hull(
        bad.iter()
            .map(|p| Region::new(p.x - hx, p.x + hx, p.y - hy, p.y + hy)),
    );
    Domain::PartlyUndefined {
        fraction: bad.len() as f64 / points.len() as f64,
        bounds: Region::new(
            b.x0.max(r.x0),
            b.x1.min(r.x1),
            b.y0.max(r.y0),
            b.y1.min(r.y1),
        ),
    }
}
