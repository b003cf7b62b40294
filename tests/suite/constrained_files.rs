//! `constraint` and `inequality` keys in surface files: closed forms and caret errors.

use losscape::analysis::{ConstrainedKind, constrained_critical_points};
use losscape::optim::{GradientNoise, Oracle, PlanarOptimizer, Projected};
use losscape::surface::file;
use losscape::surface::{ConstraintKind, Point, SharedSurface};
use std::path::{Path, PathBuf};

fn surfaces_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("surfaces")
}

fn load(name: &str) -> SharedSurface {
    file::load(&surfaces_dir().join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .surface
}

fn error_of(text: &str) -> String {
    match file::parse_str("test.toml", text, &surfaces_dir()) {
        Ok(f) => panic!("expected an error, loaded '{}'", f.surface.name()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn saddle_on_circle_has_two_minima_and_two_maxima() {
    let s = load("saddle_on_circle.toml");
    let c = &s.constraints()[0];
    assert_eq!(c.kind(), ConstraintKind::Equality);
    assert_eq!(c.to_string(), "x^2 + y^2 - 2 = 0");
    // g = x² + y² − 2 with exact derivatives from the expression: at (1, 2) g = 3,
    // ∇g = (2, 4), ∇²g = 2I.
    let p = Point::new(1.0, 2.0);
    assert_eq!(c.value(p), 3.0);
    assert_eq!(c.gradient(p), nalgebra::Vector2::new(2.0, 4.0));
    assert_eq!(c.hessian(p), nalgebra::Matrix2::identity() * 2.0);
    let pts = constrained_critical_points(s.as_ref(), s.view()).unwrap();
    assert_eq!(pts.len(), 4, "{pts:#?}");
    // (y, x) = λ(2x, 2y): minima (1, −1), (−1, 1) with λ = −1/2; maxima (±1, ±1), λ = 1/2.
    for p in &pts {
        assert!((p.point.x.abs() - 1.0).abs() < 1e-12 && (p.point.y.abs() - 1.0).abs() < 1e-12);
        let (kind, lambda) = if p.point.x * p.point.y < 0.0 {
            (ConstrainedKind::Minimum, -0.5)
        } else {
            (ConstrainedKind::Maximum, 0.5)
        };
        assert_eq!(p.kind, kind, "{p:?}");
        assert!((p.lambda - lambda).abs() < 1e-12, "{p:?}");
    }
}

#[test]
fn bowl_half_plane_minimum_is_the_projection_with_kkt_sign() {
    let s = load("bowl_half_plane.toml");
    assert_eq!(s.constraints()[0].kind(), ConstraintKind::Inequality);
    assert!(
        s.formula().ends_with("subject to  x + y - 1 ≤ 0"),
        "{}",
        s.formula()
    );
    let pts = constrained_critical_points(s.as_ref(), s.view()).unwrap();
    // The interior critical point (2, 1) is infeasible; the answer (1, 0) has λ = −2.
    assert_eq!(pts.len(), 1, "{pts:#?}");
    assert_eq!(pts[0].kind, ConstrainedKind::Minimum);
    assert!((pts[0].point - Point::new(1.0, 0.0)).norm() < 1e-12);
    assert!((pts[0].lambda + 2.0).abs() < 1e-12);
    // Projected gradient descent from the start (−0.5, 2): ∇f = (−5, 2), z = x − 0.1∇f =
    // (0, 1.8), g(z) = 0.8 > 0, so subtract 0.4·(1, 1): (−0.4, 1.4).
    let mut o = Oracle::new(s.clone(), GradientNoise::Exact, 0);
    let mut x = s.start();
    Projected.step(&mut x, 0.1, &mut o).unwrap();
    assert!((x - Point::new(-0.4, 1.4)).norm() < 1e-15, "{x:?}");
}

#[test]
fn bad_constraint_expressions_get_caret_errors() {
    let e = error_of("name = \"t\"\nexpression = \"x^2\"\nconstraint = \"x^2 + q - 1\"\n");
    assert_eq!(
        e,
        "error: unknown variable 'q'\n --> test.toml:3:21\n  |\n3 | constraint = \"x^2 + q - 1\"\n  |                     ^ expected x, y, pi or e"
    );
    let e = error_of("name = \"t\"\nexpression = \"x^2\"\ninequality = \"x + (y - 1\"\n");
    assert!(e.contains(" --> test.toml:3:19"), "{e}");
    assert!(e.contains("^ this '(' is never closed"), "{e}");
    let e = error_of("name = \"t\"\nexpression = \"x^2\"\ninequality = 3\n");
    assert!(e.contains("test.toml:3:"), "{e}");
    let e = error_of("name = \"t\"\nexpression = \"x^2\"\nconstraints = \"x\"\n");
    assert!(e.contains("did you mean 'constraint'?"), "{e}");
}
