//! The critical-point search: counts, kinds and positions against known results.

use CriticalKind::{Degenerate, Maximum, Minimum, Saddle};
use losscape::analysis::{CriticalKind, CriticalPoint, critical_points};
use losscape::surface::{BUILTIN_NAMES, Point, Region, SharedSurface, builtin};

fn surface(name: &str) -> SharedSurface {
    builtin(name).unwrap_or_else(|| panic!("built-in '{name}' missing"))
}

fn find(name: &str, region: Option<Region>) -> Vec<CriticalPoint> {
    let s = surface(name);
    critical_points(s.as_ref(), region.unwrap_or_else(|| s.view()))
}

fn count(points: &[CriticalPoint], kind: CriticalKind) -> usize {
    points.iter().filter(|p| p.kind() == kind).count()
}

/// (minima, maxima, saddles, degenerate)
fn tally(points: &[CriticalPoint]) -> (usize, usize, usize, usize) {
    (
        count(points, Minimum),
        count(points, Maximum),
        count(points, Saddle),
        count(points, Degenerate),
    )
}

/// The found point of `kind` nearest to (x, y), asserting it is within `tol`.
fn assert_has(
    points: &[CriticalPoint],
    kind: CriticalKind,
    x: f64,
    y: f64,
    tol: f64,
) -> CriticalPoint {
    let target = Point::new(x, y);
    let best = points
        .iter()
        .filter(|p| p.kind() == kind)
        .min_by(|a, b| {
            (a.point - target)
                .norm()
                .total_cmp(&(b.point - target).norm())
        })
        .unwrap_or_else(|| panic!("no {kind:?} at all"));
    assert!(
        (best.point - target).norm() <= tol,
        "no {kind:?} near ({x}, {y}); nearest {:?}",
        best.point
    );
    *best
}

#[test]
fn himmelblau_has_four_minima_one_maximum_four_saddles() {
    let pts = find("himmelblau", None);
    assert_eq!(tally(&pts), (4, 1, 4, 0), "{pts:#?}");
    // Minima (Himmelblau 1972; Wikipedia "Himmelblau's function").
    for (x, y) in [
        (3.0, 2.0),
        (-2.805118, 3.131312),
        (-3.779310, -3.283186),
        (3.584428, -1.848126),
    ] {
        let m = assert_has(&pts, Minimum, x, y, 1e-5);
        assert!(m.value.abs() < 1e-12);
    }
    let max = assert_has(&pts, Maximum, -0.270845, -0.923039, 1e-5);
    assert!((max.value - 181.617).abs() < 1e-3, "{}", max.value);
    // Saddles (Wikipedia: "…four saddle points…"), to the 4 digits usually quoted.
    for (x, y) in [
        (0.0866, 2.8843),
        (3.3852, 0.0739),
        (-3.0730, -0.0814),
        (-0.1280, -1.9537),
    ] {
        assert_has(&pts, Saddle, x, y, 1e-3);
    }
}

#[test]
fn six_hump_camel_has_fifteen_in_the_standard_domain() {
    let pts = find("six-hump-camel", Some(Region::new(-3.0, 3.0, -2.0, 2.0)));
    assert_eq!(tally(&pts), (6, 2, 7, 0), "{pts:#?}");
    for (x, y) in [(0.0898, -0.7126), (-0.0898, 0.7126)] {
        let m = assert_has(&pts, Minimum, x, y, 1e-4);
        assert!((m.value + 1.0316).abs() < 1e-4, "{}", m.value);
    }
    // Sorted minima first, lowest value first: the two global minima lead.
    assert!(pts[0].value < -1.03 && pts[1].value < -1.03);
    // The default view shows all of them too.
    assert_eq!(find("six-hump-camel", None).len(), 15);
}

#[test]
fn goldstein_price_has_nine_in_its_domain() {
    let pts = find("goldstein-price", Some(Region::new(-2.0, 2.0, -2.0, 2.0)));
    assert_eq!(tally(&pts), (4, 1, 4, 0), "{pts:#?}");
    // Minima with f = 3 (global), 30, 84, 840; the critical points are at rational points.
    for (x, y, f) in [
        (0.0, -1.0, 3.0),
        (-0.6, -0.4, 30.0),
        (1.8, 0.2, 84.0),
        (1.2, 0.8, 840.0),
    ] {
        let m = assert_has(&pts, Minimum, x, y, 1e-9);
        assert!((m.value - f).abs() < 1e-9 * f, "{} vs {f}", m.value);
    }
    let max = assert_has(&pts, Maximum, 0.8, 0.2, 1e-9);
    assert!((max.value - 1155.0).abs() < 1e-6);
}

#[test]
fn monkey_saddle_origin_is_degenerate() {
    let pts = find("monkey-saddle", None);
    assert_eq!(pts.len(), 1, "{pts:#?}");
    assert_eq!(pts[0].kind(), Degenerate);
    assert!(pts[0].point.norm() < 1e-8);
    assert!(pts[0].hessian.condition_number.is_none());
    // Newton converges only linearly there; the point is reported as the origin itself,
    // where the Hessian is exactly zero (no "−0" eigenvalue either).
    assert_eq!(pts[0].point, Point::new(0.0, 0.0));
    assert_eq!(
        pts[0].hessian.eigenvalues.map(f64::to_bits),
        [0.0f64.to_bits(); 2]
    );
}

#[test]
fn single_critical_point_surfaces() {
    for (name, kind, x, y) in [
        ("bowl", Minimum, 0.0, 0.0),
        ("ravine", Minimum, 0.0, 0.0),
        ("rosenbrock", Minimum, 1.0, 1.0),
        ("saddle", Saddle, 0.0, 0.0),
        ("booth", Minimum, 1.0, 3.0),
        ("matyas", Minimum, 0.0, 0.0),
    ] {
        let pts = find(name, None);
        assert_eq!(pts.len(), 1, "{name}: {pts:#?}");
        assert_eq!(pts[0].kind(), kind, "{name}");
        assert!(
            (pts[0].point - Point::new(x, y)).norm() < 1e-9,
            "{name}: {:?}",
            pts[0].point
        );
    }
    // Condition numbers: ravine 4/0.2 = 20, Matyas 1/0.04 = 25, Booth 18/2 = 9.
    for (name, cond) in [("ravine", 20.0), ("matyas", 25.0), ("booth", 9.0)] {
        let c = find(name, None)[0].hessian.condition_number.unwrap();
        assert!((c - cond).abs() < 1e-9 * cond, "{name}: {c}");
    }
}

#[test]
fn beale_has_a_minimum_and_two_saddles() {
    // Checked independently by a 1200×1200 sign-change scan with Newton polishing.
    let pts = find("beale", None);
    assert_eq!(tally(&pts), (1, 0, 2, 0), "{pts:#?}");
    assert_has(&pts, Minimum, 3.0, 0.5, 1e-9);
    let s = assert_has(&pts, Saddle, 0.0, 1.0, 1e-9);
    // Hessian [[0, 27.75], [27.75, 0]] (see beale.rs): eigenvalues ∓27.75.
    assert!((s.hessian.eigenvalues[0] + 27.75).abs() < 1e-9);
    assert_has(&pts, Saddle, 0.100538, -2.644514, 1e-5);
}

#[test]
fn three_hump_camel_critical_points_lie_on_y_equals_minus_half_x() {
    let pts = find("three-hump-camel", None);
    assert_eq!(tally(&pts), (3, 0, 2, 0), "{pts:#?}");
    // ∂f/∂x = 0 on y = −x/2 gives x(3.5 − 4.2x² + x⁴) = 0: x² = (4.2 ± √3.64)/2.
    let outer = ((4.2 + 3.64f64.sqrt()) / 2.0).sqrt();
    let inner = ((4.2 - 3.64f64.sqrt()) / 2.0).sqrt();
    assert_has(&pts, Minimum, 0.0, 0.0, 1e-9);
    for sign in [1.0, -1.0] {
        assert_has(&pts, Minimum, sign * outer, -sign * outer / 2.0, 1e-9);
        assert_has(&pts, Saddle, sign * inner, -sign * inner / 2.0, 1e-9);
    }
}

/// Roots of the 1-D Rastrigin derivative d(t) = 2t + 20π·sin(2πt) in [a, b], by bisection on
/// a fine scan, with the sign of d'(t) = 2 + 40π²·cos(2πt) (positive: a 1-D minimum).
fn rastrigin_roots_1d(a: f64, b: f64) -> Vec<(f64, bool)> {
    use std::f64::consts::PI;
    let d = |t: f64| 2.0 * t + 20.0 * PI * (2.0 * PI * t).sin();
    let n = 20_000;
    let mut roots = Vec::new();
    for k in 0..n {
        let (mut lo, mut hi) = (
            a + (b - a) * k as f64 / n as f64,
            a + (b - a) * (k + 1) as f64 / n as f64,
        );
        if d(lo) == 0.0 {
            roots.push(lo);
            continue;
        }
        if d(lo).signum() == d(hi).signum() {
            continue;
        }
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if d(lo).signum() == d(mid).signum() {
                lo = mid
            } else {
                hi = mid
            }
        }
        roots.push(0.5 * (lo + hi));
    }
    // A root exactly on a scan node is found from both sides.
    roots.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    roots
        .into_iter()
        .map(|t| (t, 2.0 + 40.0 * PI * PI * (2.0 * PI * t).cos() > 0.0))
        .collect()
}

#[test]
fn rastrigin_critical_points_are_the_products_of_the_1d_roots() {
    let roots = rastrigin_roots_1d(-5.12, 5.12);
    let mins = roots.iter().filter(|r| r.1).count();
    let maxs = roots.len() - mins;
    assert_eq!((roots.len(), mins), (21, 11));
    let pts = find("rastrigin", None);
    assert_eq!(
        tally(&pts),
        (mins * mins, maxs * maxs, 2 * mins * maxs, 0),
        "found {}",
        pts.len()
    );
    for p in &pts {
        let near = |t: f64| roots.iter().any(|r| (r.0 - t).abs() < 1e-9);
        assert!(near(p.point.x) && near(p.point.y), "{:?}", p.point);
    }
}

#[test]
fn ackley_has_its_kink_minimum_and_a_symmetric_egg_crate() {
    let pts = find("ackley", None);
    let origin = pts
        .iter()
        .find(|p| p.point.norm() < 1e-12)
        .expect("origin found");
    assert_eq!(origin.kind(), Minimum);
    assert!(origin.value.abs() < 1e-14);
    assert_eq!(pts[0].point, origin.point, "the global minimum sorts first");
    // Ackley is symmetric under x → −x and x ↔ y: so is the set of critical points.
    for p in &pts {
        for image in [
            Point::new(-p.point.x, p.point.y),
            Point::new(p.point.y, p.point.x),
        ] {
            assert!(
                pts.iter()
                    .any(|q| (q.point - image).norm() < 1e-8 && q.kind() == p.kind()),
                "{:?} has no mirror image",
                p.point
            );
        }
    }
    // Local minima near every integer point of [−5, 5]²: 11 × 11.
    assert_eq!(count(&pts, Minimum), 121);
}

#[test]
fn regression_minimum_is_the_least_squares_fit() {
    let pts = find("linear-regression", None);
    assert_eq!(pts.len(), 1);
    assert_eq!(pts[0].kind(), Minimum);
    // Closed-form least squares on sales ~ TV (ISLR §3.1).
    assert!(
        (pts[0].point.x - 0.047537).abs() < 1e-6,
        "{:?}",
        pts[0].point
    );
    assert!(
        (pts[0].point.y - 7.032594).abs() < 1e-6,
        "{:?}",
        pts[0].point
    );
}

#[test]
fn region_restricts_the_search() {
    // Himmelblau in [0, 5]²: the minimum (3, 2) and two saddles only.
    let pts = find("himmelblau", Some(Region::new(0.0, 5.0, 0.0, 5.0)));
    assert_eq!(tally(&pts), (1, 0, 2, 0), "{pts:#?}");
    assert!(find("bowl", Some(Region::new(1.0, 2.0, 1.0, 2.0))).is_empty());
}

#[test]
fn nothing_spurious_no_duplicates_and_deterministic() {
    for name in BUILTIN_NAMES {
        let s = surface(name);
        let r = s.view();
        let pts = critical_points(s.as_ref(), r);
        assert_eq!(
            pts,
            critical_points(s.as_ref(), r),
            "{name}: not deterministic"
        );
        let diag = r.width().hypot(r.height());
        for (i, p) in pts.iter().enumerate() {
            assert!(
                r.contains(p.point.x, p.point.y),
                "{name}: {:?} outside",
                p.point
            );
            // The gradient vanishes (to round-off next to the gradient's size in the view),
            // except at a kink, where the subgradient returned is exactly 0.
            let g = s.gradient(p.point).norm();
            let typical = s.gradient(Point::new(r.x1, r.y1)).norm().max(1.0);
            assert!(g <= 1e-8 * typical, "{name}: |∇f| = {g} at {:?}", p.point);
            for q in &pts[i + 1..] {
                assert!(
                    (p.point - q.point).norm() > 1e-6 * diag,
                    "{name}: duplicate {:?}",
                    p.point
                );
            }
        }
    }
}

#[test]
fn dense_critical_points_are_all_found_or_reported_as_unresolved() {
    use losscape::analysis::{SearchOptions, search};
    let s = surface("rastrigin");
    let opts = SearchOptions::default();
    let default = search(s.as_ref(), s.view(), &opts);
    assert!(default.complete());
    // Over [−20, 20]²: 81 × 81 critical points, every one certified.
    let roots = rastrigin_roots_1d(-20.0, 20.0).len();
    assert_eq!(roots, 81);
    let wide = search(s.as_ref(), Region::new(-20.0, 20.0, -20.0, 20.0), &opts);
    assert!(wide.complete(), "{:?}", wide.unresolved);
    assert_eq!(wide.points.len(), roots * roots);
    // Over [−1000, 1000]² there are no more: where |x| > 10π the slope 2x outweighs
    // 20π·sin(2πx), so every critical point lies in [−10π, 10π]², and every one is certified.
    let all = rastrigin_roots_1d(-40.0, 40.0).len();
    assert_eq!(all, 125);
    let huge = search(
        s.as_ref(),
        Region::new(-1000.0, 1000.0, -1000.0, 1000.0),
        &opts,
    );
    assert!(huge.complete(), "{:?}", huge.unresolved);
    assert_eq!(huge.points.len(), all * all);
    // With too small a budget the rest is reported, not hidden, and what was found is still
    // right.
    let small = SearchOptions {
        max_boxes: 3000,
        ..opts
    };
    let cut = search(s.as_ref(), Region::new(-20.0, 20.0, -20.0, 20.0), &small);
    assert!(!cut.unresolved.is_empty());
    assert!(cut.points.len() < roots * roots);
    assert!(cut.points.iter().all(|p| p.gradient_norm < 1e-9));
}

/// A log barrier: near x + y = 0 the Hessian dwarfs a huge gradient and Newton steps vanish;
/// those stalls are not critical points. The only one is the minimum (0.5, 0.5), f = 0.5
/// (∇f = (2x − 1/(x+y), 2y − 1/(x+y)) = 0 ⇒ x = y, 4x² = 1).
#[test]
fn barrier_edge_stalls_are_not_critical_points() {
    let surface = losscape::surface::resolve(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/surfaces/log_barrier.toml"
    ))
    .expect("shipped surface loads");
    let points = losscape::analysis::critical_points(surface.as_ref(), surface.view());
    assert_eq!(points.len(), 1, "{points:?}");
    assert!((points[0].point - losscape::surface::Point::new(0.5, 0.5)).norm() < 1e-9);
    assert!((points[0].value - 0.5).abs() < 1e-12);
}
