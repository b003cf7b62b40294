//! Constraints and constrained critical points against closed forms (convention ∇f = λ∇g).

use losscape::analysis::{
    ConstrainedError, ConstrainedKind, ConstrainedPoint, constrained_critical_points,
    numeric_derivatives,
};
use losscape::surface::{
    Constraint, Point, Quadratic, Region, SharedSurface, Surface, SurfaceField, builtin,
};
use nalgebra::{Matrix2, Vector2};
use serde_json::Value;
use std::process::Command;

const R: f64 = std::f64::consts::FRAC_1_SQRT_2; // √2/2

fn surface(name: &str) -> SharedSurface {
    builtin(name).unwrap_or_else(|| panic!("built-in '{name}' missing"))
}

fn points(s: &dyn Surface) -> Vec<ConstrainedPoint> {
    constrained_critical_points(s, s.view()).expect("one constraint")
}

fn near(p: &ConstrainedPoint, x: f64, y: f64, tol: f64) -> bool {
    (p.point - Point::new(x, y)).norm() <= tol
}

#[test]
fn closed_form_points_satisfy_lagrange_conditions() {
    // (surface, x, y, λ): ∇f = λ∇g and g = 0 at the documented constrained minima.
    for (name, x, y, lambda) in [
        ("circle-linear", -R, -R, -R),
        ("line-bowl", 0.5, 0.5, 1.0),
        ("rosenbrock-disc", 1.0, 1.0, 0.0),
    ] {
        let s = surface(name);
        let c = &s.constraints()[0];
        let p = Point::new(x, y);
        assert!(c.value(p).abs() < 1e-15, "{name}: g = {}", c.value(p));
        let r = s.gradient(p) - c.gradient(p) * lambda;
        assert!(r.norm() < 1e-14, "{name}: ∇f − λ∇g = {r:?}");
    }
}

#[test]
fn constraint_derivatives_match_finite_differences() {
    for name in ["circle-linear", "line-bowl", "rosenbrock-disc"] {
        let s = surface(name);
        for c in s.constraints() {
            // Check g through a surface wrapper so gradcheck's differences apply.
            let g = GAsSurface(c.clone());
            for p in [Point::new(0.3, -1.1), Point::new(-1.7, 0.4)] {
                let (ng, nh) = numeric_derivatives(&g, p);
                assert!((ng - c.gradient(p)).norm() < 1e-7, "{name}");
                assert!((nh - c.hessian(p)).norm() < 1e-6, "{name}");
            }
        }
    }
}

#[test]
fn circle_linear_has_its_minimum_and_maximum() {
    let pts = points(surface("circle-linear").as_ref());
    assert_eq!(pts.len(), 2, "{pts:#?}");
    let (min, max) = (&pts[0], &pts[1]);
    assert_eq!(min.kind, ConstrainedKind::Minimum);
    assert!(near(min, -R, -R, 1e-12));
    assert!((min.lambda + R).abs() < 1e-12);
    assert!((min.value + 2f64.sqrt()).abs() < 1e-12);
    // ∇g = (−√2, −√2), |∇g|² = 4, ∇²L = −λ·2I = √2·I, so tᵀ∇²L t = √2, det H_B = −4√2.
    assert!((min.bordered_determinant.unwrap() + 4.0 * 2f64.sqrt()).abs() < 1e-10);
    assert!(min.active);
    assert_eq!(max.kind, ConstrainedKind::Maximum);
    assert!(near(max, R, R, 1e-12));
    assert!((max.lambda - R).abs() < 1e-12);
    assert!((max.bordered_determinant.unwrap() - 4.0 * 2f64.sqrt()).abs() < 1e-10);
}

#[test]
fn line_bowl_has_one_minimum_with_lambda_one() {
    let pts = points(surface("line-bowl").as_ref());
    assert_eq!(pts.len(), 1, "{pts:#?}");
    let p = &pts[0];
    assert_eq!(p.kind, ConstrainedKind::Minimum);
    assert!(near(p, 0.5, 0.5, 1e-12));
    assert!((p.lambda - 1.0).abs() < 1e-12);
    assert!((p.value - 0.5).abs() < 1e-12);
    // ∇g = (1, 1), |∇g|² = 2, ∇²L = 2I: det H_B = −2·2 = −4.
    assert!((p.bordered_determinant.unwrap() + 4.0).abs() < 1e-10);
}

#[test]
fn rosenbrock_disc_minimum_is_on_the_boundary_with_zero_multiplier() {
    let s = surface("rosenbrock-disc");
    let pts = points(s.as_ref());
    let minima: Vec<_> = pts
        .iter()
        .filter(|p| p.kind == ConstrainedKind::Minimum)
        .collect();
    assert_eq!(minima.len(), 1, "{pts:#?}");
    let m = minima[0];
    assert!(near(m, 1.0, 1.0, 1e-9), "{m:?}");
    assert!(m.active);
    assert!(m.lambda.abs() < 1e-8);
    // Weakly active: reported as exactly +0, never as "−0.000000".
    assert_eq!(m.lambda.to_bits(), 0.0f64.to_bits());
    assert!(m.value < 1e-16);
    let g = &s.constraints()[0];
    for p in &pts {
        assert!(g.value(p.point) <= 1e-9, "infeasible {p:?}");
        // KKT sign (∇f = λ∇g, g ≤ 0): minima pull inward (λ ≤ 0), maxima outward (λ ≥ 0).
        match p.kind {
            ConstrainedKind::Minimum => assert!(p.lambda <= 1e-8, "{p:?}"),
            ConstrainedKind::Maximum => assert!(p.lambda >= -1e-8, "{p:?}"),
            _ => {}
        }
    }
}

/// f = (x − ½)² + y² in the unit disc x² + y² − 1 ≤ 0. By hand: the interior minimum (½, 0)
/// (λ = 0, inactive). On the boundary ∇f = λ∇g gives y = 0 (λ = 1 has no solution):
/// at (1, 0) λ = 1/2 and ∇²L = 2I − ½·2I = I, so f rises along the circle but falls inward:
/// a saddle; at (−1, 0) λ = 3/2, ∇²L = −I: the constrained maximum, f = 9/4.
struct OffsetBowlInDisc([Constraint; 1]);

impl Surface for OffsetBowlInDisc {
    fn name(&self) -> &str {
        "offset-bowl-in-disc"
    }
    fn formula(&self) -> &str {
        "(x − 1/2)² + y²"
    }
    fn value(&self, p: Point) -> f64 {
        (p.x - 0.5).powi(2) + p.y * p.y
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        Vector2::new(2.0 * (p.x - 0.5), 2.0 * p.y)
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        Matrix2::identity() * 2.0
    }
    fn view(&self) -> Region {
        Region::new(-1.5, 1.5, -1.5, 1.5)
    }
    fn start(&self) -> Point {
        Point::new(0.0, 0.0)
    }
    fn constraints(&self) -> &[Constraint] {
        &self.0
    }
}

#[test]
fn inequality_reports_interior_points_and_boundary_points_by_kkt_sign() {
    let s = OffsetBowlInDisc([Constraint::inequality(
        "x² + y² − 1",
        Quadratic::circle(1.0),
    )]);
    let pts = points(&s);
    assert_eq!(pts.len(), 3, "{pts:#?}");
    let [min, saddle, max] = [&pts[0], &pts[1], &pts[2]];
    assert_eq!(min.kind, ConstrainedKind::Minimum);
    assert!(near(min, 0.5, 0.0, 1e-10) && !min.active && min.lambda == 0.0);
    assert_eq!(saddle.kind, ConstrainedKind::Saddle);
    assert!(near(saddle, 1.0, 0.0, 1e-12) && saddle.active);
    assert!((saddle.lambda - 0.5).abs() < 1e-12);
    assert_eq!(max.kind, ConstrainedKind::Maximum);
    assert!(near(max, -1.0, 0.0, 1e-12));
    assert!((max.lambda - 1.5).abs() < 1e-12);
    assert!((max.value - 2.25).abs() < 1e-12);
}

#[test]
fn the_search_needs_exactly_one_constraint() {
    let bowl = surface("bowl");
    assert!(matches!(
        constrained_critical_points(bowl.as_ref(), bowl.view()),
        Err(ConstrainedError::Unconstrained(_))
    ));
}

#[test]
fn a_surface_can_serve_as_a_constraint_function() {
    // SurfaceField passes the bowl's value and derivatives through as g.
    let g = SurfaceField(surface("bowl"));
    let c = Constraint::equality("x² + y²", g);
    let p = Point::new(1.0, 2.0);
    assert_eq!(c.value(p), surface("bowl").value(p));
    assert_eq!(c.gradient(p), surface("bowl").gradient(p));
}

#[test]
fn critical_command_reports_lambda_and_constrained_kind() {
    let run = |fmt: &str| {
        Command::new(env!("CARGO_BIN_EXE_losscape"))
            .args(["critical", "--surface", "circle-linear", "--format", fmt])
            .output()
            .expect("run losscape")
    };
    let o = run("json");
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["kind"], "constrained-minimum");
    assert!((rows[0]["lambda"].as_f64().unwrap() + R).abs() < 1e-12);
    assert!((rows[0]["x"].as_f64().unwrap() + R).abs() < 1e-12);
    assert_eq!(rows[1]["kind"], "constrained-maximum");
    let csv = String::from_utf8(run("csv").stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "x,y,value,lambda,constraint,residual,active,bordered_determinant,kind"
    );
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        first[6..].join(","),
        format!("true,{},constrained-minimum", first[7])
    );
    // det H_B = −4√2 at the minimum (see circle_linear_has_its_minimum_and_maximum).
    assert!((first[7].parse::<f64>().unwrap() + 4.0 * 2f64.sqrt()).abs() < 1e-10);
    let table = String::from_utf8(run("table").stdout).unwrap();
    assert!(table.contains("subject to x² + y² − 1 = 0"), "{table}");
    assert!(
        table.contains("1 constrained minimum, 1 constrained maximum"),
        "{table}"
    );
}

/// g as a surface, so `numeric_derivatives` can difference it.
struct GAsSurface(Constraint);

impl Surface for GAsSurface {
    fn name(&self) -> &str {
        "g"
    }
    fn formula(&self) -> &str {
        self.0.formula()
    }
    fn value(&self, p: Point) -> f64 {
        self.0.value(p)
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.0.gradient(p)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        self.0.hessian(p)
    }
    fn view(&self) -> Region {
        Region::new(-1.0, 1.0, -1.0, 1.0)
    }
    fn start(&self) -> Point {
        Point::new(0.0, 0.0)
    }
}
