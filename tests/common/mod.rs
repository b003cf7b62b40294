//! Small local surfaces for tests (the built-in ravine and rosenbrock land on another
//! branch; these follow the same formulas) and a helper to run a spec.

#![allow(dead_code)]

use losscape::optim::OptimizerSpec;
use losscape::run::{Run, RunLimits};
use losscape::surface::{Point, Region, SharedSurface, Surface};
use nalgebra::{Matrix2, Vector2};
use std::sync::Arc;

/// Ravine f = 0.1·x² + 2·y² (condition number 20).
pub struct Ravine;

impl Surface for Ravine {
    fn name(&self) -> &str {
        "ravine"
    }
    fn formula(&self) -> &str {
        "0.1·x² + 2·y²"
    }
    fn value(&self, p: Point) -> f64 {
        0.1 * p.x * p.x + 2.0 * p.y * p.y
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        Vector2::new(0.2 * p.x, 4.0 * p.y)
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        Matrix2::new(0.2, 0.0, 0.0, 4.0)
    }
    fn view(&self) -> Region {
        Region::new(-5.0, 5.0, -2.0, 2.0)
    }
    fn start(&self) -> Point {
        Point::new(-4.5, 1.0)
    }
}

/// Rosenbrock f = (1 − x)² + 100·(y − x²)², minimum f(1, 1) = 0.
pub struct Rosenbrock;

impl Surface for Rosenbrock {
    fn name(&self) -> &str {
        "rosenbrock"
    }
    fn formula(&self) -> &str {
        "(1 − x)² + 100·(y − x²)²"
    }
    fn value(&self, p: Point) -> f64 {
        let a = 1.0 - p.x;
        let b = p.y - p.x * p.x;
        a * a + 100.0 * b * b
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        let b = p.y - p.x * p.x;
        Vector2::new(-2.0 * (1.0 - p.x) - 400.0 * p.x * b, 200.0 * b)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        let xy = -400.0 * p.x;
        Matrix2::new(
            2.0 - 400.0 * (p.y - p.x * p.x) + 800.0 * p.x * p.x,
            xy,
            xy,
            200.0,
        )
    }
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -1.0, 3.0)
    }
    fn start(&self) -> Point {
        Point::new(-1.2, 1.0)
    }
}

pub fn ravine() -> SharedSurface {
    Arc::new(Ravine)
}

pub fn rosenbrock() -> SharedSurface {
    Arc::new(Rosenbrock)
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
