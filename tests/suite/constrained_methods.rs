//! Projected gradient descent, the quadratic penalty and the augmented Lagrangian on the
//! constrained built-ins: first steps by hand, then the closed-form constrained minima.

use losscape::optim::{
    AugmentedLagrangian, GradientNoise, OptimizerSpec, Oracle, Penalty, PlanarOptimizer, Projected,
    Value,
};
use losscape::run::{Run, RunLimits, RunStatus};
use losscape::surface::{Point, SharedSurface, builtin};

const R: f64 = std::f64::consts::FRAC_1_SQRT_2; // √2/2

fn oracle(name: &str) -> Oracle {
    let s: SharedSurface = builtin(name).unwrap_or_else(|| panic!("built-in '{name}' missing"));
    Oracle::new(s, GradientNoise::Exact, 0)
}

/// Runs `steps` steps from `start` and returns the end point.
fn run(opt: &mut dyn PlanarOptimizer, name: &str, start: Point, lr: f64, steps: usize) -> Point {
    let mut o = oracle(name);
    let mut x = start;
    for _ in 0..steps {
        opt.step(&mut x, lr, &mut o).expect("step");
    }
    x
}

fn assert_close(p: Point, x: f64, y: f64, tol: f64) {
    assert!(
        (p - Point::new(x, y)).norm() <= tol,
        "({}, {}) is not within {tol} of ({x}, {y})",
        p.x,
        p.y
    );
}

#[test]
fn projected_first_steps_by_hand() {
    // line-bowl from (1.5, 1): ∇f = (3, 2), z = (1.2, 0.8), g(z) = 1, minus ½(1, 1): (0.7, 0.3).
    // Then ∇f = (1.4, 0.6), z = (0.56, 0.24), g = −0.2, plus 0.1 each: (0.66, 0.34).
    let mut x = Point::new(1.5, 1.0);
    let mut o = oracle("line-bowl");
    let mut opt = Projected;
    opt.step(&mut x, 0.1, &mut o).unwrap();
    assert_close(x, 0.7, 0.3, 1e-15);
    opt.step(&mut x, 0.1, &mut o).unwrap();
    assert_close(x, 0.66, 0.34, 1e-15);
    // circle-linear from (1.2, 0.4): z = (1.1, 0.3), projected radially: (1.1, 0.3)/√1.3.
    let x = run(
        &mut Projected,
        "circle-linear",
        Point::new(1.2, 0.4),
        0.1,
        1,
    );
    let r = 1.3f64.sqrt();
    assert_close(x, 1.1 / r, 0.3 / r, 1e-15);
}

#[test]
fn penalty_first_steps_by_hand() {
    // line-bowl from (1.5, 1), lr 0.1, μ = 1: g = 1.5, ∇F = (3, 2) + 1.5·(1, 1) = (4.5, 3.5);
    // the cap 1/(μ|∇g|²) = 1/2 exceeds lr, so x = (1.5 − 0.45, 1 − 0.35) = (1.05, 0.65).
    let mut opt = Penalty::new(1.0, 10.0, 1, 1e6, 1e-2);
    let mut o = oracle("line-bowl");
    let mut x = Point::new(1.5, 1.0);
    opt.step(&mut x, 0.1, &mut o).unwrap();
    assert_close(x, 1.05, 0.65, 1e-15);
    // The multiplier estimate −μg = −0.7, and μ grew to 10 (every = 1, growth = 10).
    assert!((opt.multipliers()[0] + 0.7).abs() < 1e-15);
    assert_eq!(opt.mu(), 10.0);
    // Step 2 at μ = 10: g = 0.7, ∇F = (2.1, 1.3) + 7·(1, 1) = (9.1, 8.3); the cap
    // 1/(10·2) = 0.05 < lr: x = (1.05 − 0.455, 0.65 − 0.415) = (0.595, 0.235).
    opt.step(&mut x, 0.1, &mut o).unwrap();
    assert_close(x, 0.595, 0.235, 1e-15);
}

#[test]
fn auglag_first_steps_by_hand() {
    // line-bowl from (1.5, 1), lr 0.1, μ = 1, multipliers updated every step (inner = 1).
    // Step 1 (λ = 0): as the penalty, x = (1.05, 0.65); then λ ← 0 − μ·g = −0.7.
    // Step 2: c = μg − λ = 0.7 + 0.7 = 1.4, ∇L_A = (2.1, 1.3) + 1.4·(1, 1) = (3.5, 2.7),
    // x = (0.7, 0.38); λ ← −0.7 − (0.7 + 0.38 − 1) = −0.78.
    let mut opt = AugmentedLagrangian::new(1.0, 1);
    let mut o = oracle("line-bowl");
    let mut x = Point::new(1.5, 1.0);
    opt.step(&mut x, 0.1, &mut o).unwrap();
    assert_close(x, 1.05, 0.65, 1e-15);
    assert!((opt.multipliers()[0] + 0.7).abs() < 1e-15);
    opt.step(&mut x, 0.1, &mut o).unwrap();
    assert_close(x, 0.7, 0.38, 1e-15);
    assert!((opt.multipliers()[0] + 0.78).abs() < 1e-15);
}

#[test]
fn projected_reaches_the_closed_form_minima() {
    let x = run(&mut Projected, "line-bowl", Point::new(1.5, 1.0), 0.1, 200);
    assert_close(x, 0.5, 0.5, 1e-12);
    let x = run(
        &mut Projected,
        "circle-linear",
        Point::new(1.2, 0.4),
        0.1,
        300,
    );
    assert_close(x, -R, -R, 1e-9);
    let x = run(
        &mut Projected,
        "rosenbrock-disc",
        Point::new(-1.2, 1.0),
        1e-3,
        40_000,
    );
    assert_close(x, 1.0, 1.0, 1e-4);
}

#[test]
fn penalty_at_fixed_mu_misses_the_constraint_by_order_one_over_mu() {
    // line-bowl: F = x² + y² + (μ/2)(x + y − 1)² is least at x = y = t with
    // 2t + μ(2t − 1) = 0, t = μ/(2 + 2μ): for μ = 9, t = 0.45 (g = −0.1), and the multiplier
    // estimate −μg = 0.9 (the true λ is 1).
    let mut p = Penalty::new(9.0, 1.0, 1, 9.0, 0.0);
    let mut o = oracle("line-bowl");
    let mut x = Point::new(1.5, 1.0);
    for _ in 0..300 {
        p.step(&mut x, 0.1, &mut o).unwrap();
    }
    assert_close(x, 0.45, 0.45, 1e-12);
    assert!((p.multipliers()[0] - 0.9).abs() < 1e-11);
}

#[test]
fn penalty_approaches_the_closed_form_minima_as_mu_grows() {
    // The penalty only reaches the constraint as μ → ∞, and F_μ grows ill-conditioned on the
    // way, so its accuracy is coarser than the other two methods'.
    let p = || Penalty::new(1.0, 2.0, 200, 1e8, 1e-4);
    let x = run(&mut p(), "line-bowl", Point::new(1.5, 1.0), 0.1, 600);
    assert_close(x, 0.5, 0.5, 1e-4);
    let x = run(&mut p(), "circle-linear", Point::new(1.2, 0.4), 0.1, 600);
    assert_close(x, -R, -R, 1e-4);
    let x = run(
        &mut p(),
        "rosenbrock-disc",
        Point::new(-1.2, 1.0),
        1e-3,
        20_000,
    );
    assert_close(x, 1.0, 1.0, 1e-3);
}

#[test]
fn auglag_reaches_the_closed_form_minima_and_multipliers() {
    let mut a = AugmentedLagrangian::new(10.0, 20);
    let mut o = oracle("line-bowl");
    let mut x = Point::new(1.5, 1.0);
    for _ in 0..400 {
        a.step(&mut x, 0.1, &mut o).unwrap();
    }
    assert_close(x, 0.5, 0.5, 1e-9);
    assert!(
        (a.multipliers()[0] - 1.0).abs() < 1e-8,
        "{:?}",
        a.multipliers()
    );
    let mut a = AugmentedLagrangian::new(10.0, 20);
    let mut o = oracle("circle-linear");
    let mut x = Point::new(1.2, 0.4);
    for _ in 0..1000 {
        a.step(&mut x, 0.1, &mut o).unwrap();
    }
    assert_close(x, -R, -R, 1e-9);
    assert!(
        (a.multipliers()[0] + R).abs() < 1e-8,
        "{:?}",
        a.multipliers()
    );
}

#[test]
fn specs_name_the_methods_with_their_defaults() {
    let p: OptimizerSpec = "penalty:lr=0.01,mu=1,growth=2".parse().unwrap();
    assert_eq!(p.lr(), 0.01);
    let values: Vec<_> = p.hyper().iter().collect();
    assert_eq!(
        values,
        [
            ("mu", Value::Number(1.0)),
            ("growth", Value::Number(2.0)),
            ("every", Value::Count(200)),
            ("mu_max", Value::Number(1e8)),
            ("tol", Value::Number(1e-4)),
        ]
    );
    let a: OptimizerSpec = "auglag".parse().unwrap();
    let values: Vec<_> = a.hyper().iter().collect();
    assert_eq!(
        values,
        [("mu", Value::Number(10.0)), ("inner", Value::Count(20))]
    );
    assert_eq!(a.lr(), 0.1);
    let projected: OptimizerSpec = "projected:lr=0.1".parse().unwrap();
    assert_eq!(projected.hyper().iter().count(), 0);
    let e = "penalty:growth=-1"
        .parse::<OptimizerSpec>()
        .unwrap_err()
        .to_string();
    assert!(e.contains("growth=-1") && e.contains("> 0"), "{e}");
    let e = "auglag:momentum=0.9"
        .parse::<OptimizerSpec>()
        .unwrap_err()
        .to_string();
    assert!(e.contains("mu") && e.contains("inner"), "{e}");
}

#[test]
fn a_run_converges_at_the_constrained_minimum_not_where_the_gradient_vanishes() {
    // ∇f ≠ 0 at a constrained minimum; the run's test is the KKT residual.
    for (spec, name, x, y) in [
        ("projected", "line-bowl", 0.5, 0.5),
        ("auglag", "line-bowl", 0.5, 0.5),
        ("projected", "circle-linear", -R, -R),
        ("auglag", "circle-linear", -R, -R),
    ] {
        let s = builtin(name).unwrap();
        let start = s.start();
        let limits = RunLimits {
            max_steps: Some(3000),
            ..RunLimits::default()
        };
        let mut run = Run::new(s, spec.parse().unwrap(), start, 0).with_limits(limits);
        while run.step() {}
        assert!(
            matches!(run.status(), RunStatus::Converged { .. }),
            "{spec} on {name}: {:?}",
            run.status()
        );
        assert_close(run.current().x, x, y, 1e-5);
    }
}
