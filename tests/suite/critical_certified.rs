//! The certified critical-point search on the inputs where sampling went wrong (issue 10):
//! each row of the table, a property test of the proofs, and the same function at
//! scales 1e-200, 1 and 1e6.

use losscape::analysis::{Analysis, CriticalKind, Domain, Proof, SearchOptions, search};
use losscape::surface::{Expression, ExpressionSurface, Point, Region, Surface, builtin};
use proptest::prelude::*;
use std::f64::consts::{FRAC_PI_2, PI};

fn expr(text: &str) -> ExpressionSurface {
    ExpressionSurface::new(text, Expression::parse(text).expect("parses"))
}

fn square(h: f64) -> Region {
    Region::new(-h, h, -h, h)
}

fn run(s: &dyn Surface, r: Region) -> Analysis {
    search(s, r, &SearchOptions::default())
}

fn kinds(a: &Analysis) -> (usize, usize, usize, usize) {
    let n = |k| a.points.iter().filter(|p| p.critical.kind() == k).count();
    use CriticalKind::*;
    (n(Minimum), n(Maximum), n(Saddle), n(Degenerate))
}

fn nothing(a: &Analysis) -> bool {
    a.points.is_empty() && a.curves.is_empty() && a.complete()
}

#[test]
fn no_critical_points_where_the_gradient_never_vanishes() {
    for text in ["x + exp(10*y)", "sinh(tan(x))", "-x + sinh(y^y)"] {
        let a = run(&expr(text), square(3.0));
        assert!(nothing(&a), "{text}: {a:?}");
    }
}

#[test]
fn a_steep_wall_does_not_make_a_slope_critical() {
    let a = run(&expr("x^2 + y^2 + exp(y^3)"), square(3.0));
    assert_eq!(kinds(&a), (1, 0, 0, 0), "{:?}", a.points);
    assert!(a.points[0].critical.point.norm() < 1e-15);
    assert!(matches!(a.points[0].proof, Proof::Certified { .. }));
}

#[test]
fn himmelblau_in_wide_regions_keeps_all_nine() {
    let s = builtin("himmelblau").unwrap();
    for h in [100.0, 1e4] {
        let a = run(s.as_ref(), square(h));
        assert_eq!(kinds(&a), (4, 1, 4, 0), "±{h}: {:?}", a.points);
        assert!(a.complete());
        let max = a
            .points
            .iter()
            .find(|p| p.critical.kind() == CriticalKind::Maximum);
        let max = max.unwrap().critical;
        assert!((max.point - Point::new(-0.270845, -0.923039)).norm() < 1e-5);
    }
}

#[test]
fn goldstein_price_global_minimum_is_a_minimum_in_any_region() {
    let s = builtin("goldstein-price").unwrap();
    for h in [2.0, 10.0] {
        let a = run(s.as_ref(), square(h));
        let global = a.points.first().expect("points").critical;
        assert_eq!(global.kind(), CriticalKind::Minimum, "±{h}");
        assert!((global.point - Point::new(0.0, -1.0)).norm() < 1e-12);
        assert!((global.value - 3.0).abs() < 1e-12);
        // Eigenvalues 403.1 and 964.9 (issue 10).
        let [l1, l2] = global.hessian.eigenvalues;
        assert!(
            (l1 - 403.1).abs() < 0.5 && (l2 - 964.9).abs() < 0.5,
            "{l1} {l2}"
        );
    }
}

#[test]
fn six_hump_camel_over_a_hundred_keeps_all_fifteen() {
    let s = builtin("six-hump-camel").unwrap();
    let a = run(s.as_ref(), square(100.0));
    assert_eq!(kinds(&a), (6, 2, 7, 0), "{:?}", a.points);
    assert!(a.complete());
}

#[test]
fn a_tilted_ring_has_a_minimum_a_saddle_and_a_maximum() {
    let a = run(&expr("(x^2+y^2-1)^2 + 0.001*x"), square(3.0));
    assert_eq!(kinds(&a), (1, 1, 1, 0), "{:?}", a.points);
    let at = |k| {
        a.points
            .iter()
            .find(|p| p.critical.kind() == k)
            .unwrap()
            .critical
    };
    // 4x(x² − 1) + 0.001 = 0 near x = ∓1: x ≈ ∓1 − 0.001/8.
    assert!((at(CriticalKind::Minimum).point - Point::new(-1.000125, 0.0)).norm() < 1e-6);
    assert!((at(CriticalKind::Saddle).point - Point::new(0.999875, 0.0)).norm() < 1e-6);
    // The minimum's eigenvalues are 1.0e-3 and 8.0: small but certainly positive.
    let [l1, l2] = at(CriticalKind::Minimum).hessian.eigenvalues;
    assert!((l1 - 1.0e-3).abs() < 1e-5 && (l2 - 8.0).abs() < 1e-2);
    assert!(a.curves.is_empty());
}

#[test]
fn undefined_everywhere_and_constant_say_so() {
    let a = run(&expr("ln(-1)"), square(3.0));
    assert_eq!(a.domain, Domain::Undefined);
    assert!(a.points.is_empty());
    let c = run(&expr("0*x + 3"), square(3.0));
    assert_eq!(c.constant, Some(3.0));
    assert!(c.points.is_empty());
    // Partly undefined: y^y needs y > 0.
    let p = run(&expr("-x + sinh(y^y)"), square(3.0));
    let Domain::PartlyUndefined { fraction, bounds } = p.domain else {
        panic!("{:?}", p.domain)
    };
    assert!((fraction - 0.5).abs() < 0.05, "{fraction}");
    assert!(bounds.y1 < 0.1 && bounds.y0 == -3.0);
}

#[test]
fn a_ring_of_minima_is_one_closed_curve() {
    let a = run(&expr("(x^2+y^2-1)^2"), square(3.0));
    assert_eq!(kinds(&a), (0, 1, 0, 0), "{:?}", a.points);
    let [ring] = a.curves.as_slice() else {
        panic!("{:?}", a.curves.len())
    };
    assert_eq!(ring.kind, CriticalKind::Minimum);
    assert!(ring.closed);
    assert!((ring.length - 2.0 * PI).abs() < 1e-3, "{}", ring.length);
    assert!(ring.value.abs() < 1e-15);
    assert!(ring.points.len() > 100);
    for p in &ring.points {
        assert!((p.norm() - 1.0).abs() < 1e-8, "{p:?}");
    }
}

#[test]
fn lines_of_critical_points_are_open_curves() {
    let a = run(&expr("(x-y)^2"), square(3.0));
    let [line] = a.curves.as_slice() else {
        panic!("{:?}", a.curves)
    };
    assert_eq!((line.kind, line.closed), (CriticalKind::Minimum, false));
    assert!(
        (line.length - 6.0 * 2f64.sqrt()).abs() < 1e-6,
        "{}",
        line.length
    );
    assert!(line.points.iter().all(|p| (p.x - p.y).abs() < 1e-8));
    assert!(a.points.is_empty());

    let s = run(&expr("sin(x)"), square(3.0));
    assert_eq!(s.curves.len(), 2);
    for c in &s.curves {
        let x = if c.kind == CriticalKind::Minimum {
            -FRAC_PI_2
        } else {
            FRAC_PI_2
        };
        assert!(
            c.points.iter().all(|p| (p.x - x).abs() < 1e-8),
            "{:?}",
            c.kind
        );
        assert!((c.length - 6.0).abs() < 1e-9);
    }
    assert_ne!(s.curves[0].kind, s.curves[1].kind);
}

#[test]
fn both_axes_of_x2y2_are_lines_of_minima() {
    let f = expr("x^2*y^2");
    let a = run(&f, square(3.0));
    assert_eq!(a.curves.len(), 2, "{:?}", a.curves);
    assert!(
        a.curves
            .iter()
            .all(|c| c.kind == CriticalKind::Minimum && !c.closed)
    );
    assert!(
        a.curves
            .iter()
            .any(|c| c.points.iter().all(|p| p.x.abs() < 1e-8))
    );
    assert!(
        a.curves
            .iter()
            .any(|c| c.points.iter().all(|p| p.y.abs() < 1e-8))
    );
    let part = run(&f, Region::new(0.5, 1.5, -0.5, 0.5));
    let [axis] = part.curves.as_slice() else {
        panic!("{:?}", part.curves)
    };
    assert!((axis.length - 1.0).abs() < 1e-9);
    assert!(axis.points.iter().all(|p| p.y.abs() < 1e-8));
}

#[test]
fn the_same_function_at_any_scale() {
    for s in [1e-200, 1.0, 1e6] {
        let bowl = run(&expr("x^2 + 3*y^2"), square(s));
        assert_eq!(kinds(&bowl), (1, 0, 0, 0), "scale {s}: {:?}", bowl.points);
        assert_eq!(bowl.points[0].critical.point, Point::zeros());
        assert!(matches!(bowl.points[0].proof, Proof::Certified { .. }));
    }
    // s·(sin(x/s) + sin(y/s)) in [−3s, 3s]²: (±π/2, ±π/2)·s. (At s = 1e-200 its Hessian,
    // 1/s, would overflow a double: the smallest scale here is 1e-100.)
    for s in [1e-100, 1.0, 1e6] {
        let text = format!("{s:e}*(sin(x*{:e}) + sin(y*{:e}))", 1.0 / s, 1.0 / s);
        let a = run(&expr(&text), square(3.0 * s));
        assert_eq!(kinds(&a), (1, 1, 2, 0), "scale {s}: {:?}", a.points);
        assert!(a.complete() && a.curves.is_empty());
        for p in &a.points {
            assert!(matches!(p.proof, Proof::Certified { .. }));
            let u = p.critical.point / s;
            assert!((u.x.abs() - FRAC_PI_2).abs() < 1e-12 && (u.y.abs() - FRAC_PI_2).abs() < 1e-12);
        }
    }
}

/// The winding number of ∇f around a small square centred at p: +1 around a minimum or a
/// maximum, −1 around a saddle (the index of a nondegenerate zero is the sign of det ∇²f).
fn winding(s: &dyn Surface, p: Point, r: f64) -> i32 {
    let n = 64;
    let mut total = 0.0;
    let corner = |k: usize| {
        let t = k as f64 / n as f64 * 4.0;
        let (side, u) = (t.floor() as usize % 4, t.fract());
        let q = match side {
            0 => Point::new(-1.0 + 2.0 * u, -1.0),
            1 => Point::new(1.0, -1.0 + 2.0 * u),
            2 => Point::new(1.0 - 2.0 * u, 1.0),
            _ => Point::new(-1.0, 1.0 - 2.0 * u),
        };
        let g = s.gradient(p + q * r);
        g.y.atan2(g.x)
    };
    for k in 0..n {
        let mut d = corner(k + 1) - corner(k);
        if d > PI {
            d -= 2.0 * PI;
        } else if d < -PI {
            d += 2.0 * PI;
        }
        total += d;
    }
    (total / (2.0 * PI)).round() as i32
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// Every reported point has |∇f| at round-off level, and around every certified point
    /// the gradient winds as around exactly one zero of its kind.
    #[test]
    fn every_point_is_critical_and_every_proof_consistent(
        k in 0usize..6,
        cx in -2.0f64..2.0, cy in -2.0f64..2.0, h in 0.3f64..3.0,
    ) {
        let name = ["himmelblau", "six-hump-camel", "three-hump-camel", "beale",
                    "goldstein-price", "rastrigin"][k];
        let s = builtin(name).unwrap();
        let region = Region::new(cx - h, cx + h, cy - h, cy + h);
        let a = run(s.as_ref(), region);
        let scale = a.points.iter().map(|p| p.critical.hessian.eigenvalues[1].abs()).fold(1.0, f64::max);
        for p in &a.points {
            let at = p.critical.point;
            prop_assert!(region.contains(at.x, at.y));
            prop_assert!(p.gradient_norm <= 1e-9 * scale * h, "{name} {at:?}: |∇f| = {}", p.gradient_norm);
            if matches!(p.proof, Proof::Certified { .. }) {
                let expected = if p.critical.kind() == CriticalKind::Saddle { -1 } else { 1 };
                prop_assert_eq!(winding(s.as_ref(), at, 1e-6 * h), expected, "{} {:?}", name, at);
            }
        }
    }
}
