//! Surfaces and helpers to run a spec in tests.

#![allow(dead_code)]

pub mod screen;
pub mod tmux;

use losscape::optim::OptimizerSpec;
use losscape::run::{Run, RunLimits};
use losscape::surface::{Point, SharedSurface};

/// Ravine f = 0.1·x² + 2·y² (condition number 20).
pub fn ravine() -> SharedSurface {
    losscape::surface::resolve("ravine").expect("ravine is built in")
}

/// Rosenbrock f = (1 − x)² + 100·(y − x²)², minimum f(1, 1) = 0.
pub fn rosenbrock() -> SharedSurface {
    losscape::surface::resolve("rosenbrock").expect("rosenbrock is built in")
}

pub fn bowl() -> SharedSurface {
    losscape::surface::resolve("bowl").expect("bowl is built in")
}

pub fn himmelblau() -> SharedSurface {
    losscape::surface::resolve("himmelblau").expect("himmelblau is built in")
}

/// Runs `spec` for up to `steps` steps and returns the run.
pub fn run(surface: SharedSurface, spec: &str, start: (f64, f64), steps: usize) -> Run {
    let spec: OptimizerSpec = spec.parse().expect("valid spec");
    let mut run = Run::new(surface, spec, Point::new(start.0, start.1), 7).with_limits(RunLimits {
        max_steps: Some(steps),
        ..RunLimits::default()
    });
    while run.step() {}
    run
}

/// The points after steps 1..=n (the start excluded).
pub fn points(surface: SharedSurface, spec: &str, start: (f64, f64), n: usize) -> Vec<(f64, f64)> {
    let r = run(surface, spec, start, n);
    r.trajectory()[1..].iter().map(|p| (p.x.x, p.x.y)).collect()
}

#[track_caller]
pub fn assert_close(got: (f64, f64), want: (f64, f64), tol: f64) {
    assert!(
        (got.0 - want.0).abs() <= tol && (got.1 - want.1).abs() <= tol,
        "got ({:.17}, {:.17}), want ({:.17}, {:.17})",
        got.0,
        got.1,
        want.0,
        want.1
    );
}
