//! Built-in surfaces: literature values at known points, exact derivatives.

use losscape::surface::{BUILTIN_NAMES, Point, SharedSurface, builtin};
use nalgebra::Matrix2;

fn surface(name: &str) -> SharedSurface {
    builtin(name).unwrap_or_else(|| panic!("built-in '{name}' missing"))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn rosenbrock_minimum_and_hessian() {
    let s = surface("rosenbrock");
    let m = Point::new(1.0, 1.0);
    assert_eq!(s.value(m), 0.0);
    assert_eq!(s.gradient(m), Point::zeros());
    // 2 − 400·1 + 1200·1 = 802, −400·1, 200 (Rosenbrock 1960; the reference value).
    assert_eq!(s.hessian(m), Matrix2::new(802.0, -400.0, -400.0, 200.0));
    // Classic start (−1.2, 1): f = 2.2² + 100·(1 − 1.44)² = 4.84 + 19.36 = 24.2.
    assert!(close(s.value(Point::new(-1.2, 1.0)), 24.2, 1e-12));
}

#[test]
fn ravine_is_an_axis_aligned_quadratic() {
    let s = surface("ravine");
    // 0.1·9 + 2·4 = 8.9
    assert!(close(s.value(Point::new(3.0, -2.0)), 8.9, 1e-12));
    assert_eq!(
        s.hessian(Point::new(5.0, 5.0)),
        Matrix2::new(0.2, 0.0, 0.0, 4.0)
    );
}

#[test]
fn saddle_has_opposite_curvatures() {
    let s = surface("saddle");
    assert_eq!(s.value(Point::new(2.0, 3.0)), -5.0);
    assert_eq!(s.gradient(Point::new(2.0, 3.0)), Point::new(4.0, -6.0));
    assert_eq!(s.hessian(Point::zeros()), Matrix2::new(2.0, 0.0, 0.0, -2.0));
}

#[test]
fn every_builtin_resolves_and_starts_inside_its_view() {
    for name in BUILTIN_NAMES {
        let s = surface(name);
        assert_eq!(s.name(), *name);
        let (v, p) = (s.view(), s.start());
        assert!(
            v.contains(p.x, p.y),
            "{name}: start {p:?} outside view {v:?}"
        );
        assert!(s.value(p).is_finite(), "{name}");
    }
}

mod derivatives_match_finite_differences {
    use super::*;
    use losscape::analysis::numeric_derivatives;
    use proptest::prelude::*;

    /// Agreement within a relative tolerance, plus an absolute one scaled to the size of the
    /// quantities that were differenced (finite differences of f lose ~ε·|f|/h).
    fn agree(analytic: f64, numeric: f64, scale: f64) -> bool {
        (analytic - numeric).abs() <= 1e-5 * analytic.abs().max(numeric.abs()) + 1e-7 * scale
    }

    fn check(name: &str, u: f64, v: f64) -> Result<(), TestCaseError> {
        let s = surface(name);
        let r = s.view();
        let p = Point::new(r.x0 + u * r.width(), r.y0 + v * r.height());
        // Ackley's cone is not differentiable at the origin; stay clear of the kink.
        if name == "ackley" {
            prop_assume!(p.norm() > 1e-3);
        }
        let (g, h) = (s.gradient(p), s.hessian(p));
        let (ng, nh) = numeric_derivatives(s.as_ref(), p);
        let f = s.value(p).abs();
        for i in 0..2 {
            prop_assert!(
                agree(g[i], ng[i], 1.0 + f),
                "{name} ∂{i} at {p:?}: {} vs {}",
                g[i],
                ng[i]
            );
            for j in 0..2 {
                prop_assert!(
                    agree(h[(i, j)], nh[(i, j)], 1.0 + f + g.norm()),
                    "{name} H[{i},{j}] at {p:?}: {} vs {}",
                    h[(i, j)],
                    nh[(i, j)]
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn for_every_builtin(u in 0.0f64..=1.0, v in 0.0f64..=1.0) {
            for name in BUILTIN_NAMES {
                check(name, u, v)?;
            }
        }
    }
}
