//! Time of the certified critical-point search for every built-in in its default view and for
//! the regions of issue 10 (goal: < 50 ms each).
//!
//! Run with `cargo bench --bench critical`.

use losscape::analysis::critical_points;
use losscape::surface::{BUILTIN_NAMES, Expression, ExpressionSurface, Region, builtin};

fn main() {
    divan::main();
}

#[divan::bench(args = BUILTIN_NAMES, sample_count = 10)]
fn critical_points_in_default_view(bencher: divan::Bencher, name: &str) {
    let Some(surface) = builtin(name) else {
        return;
    };
    let view = surface.view();
    bencher.bench(|| critical_points(divan::black_box(surface.as_ref()), divan::black_box(view)));
}

/// The inputs of issue 10's table: (built-in or expression, region).
const CASES: &[(&str, [f64; 4])] = &[
    ("x + exp(10*y)", [-3.0, 3.0, -3.0, 3.0]),
    ("sinh(tan(x))", [-3.0, 3.0, -3.0, 3.0]),
    ("-x + sinh(y^y)", [-3.0, 3.0, -3.0, 3.0]),
    ("x^2 + y^2 + exp(y^3)", [-3.0, 3.0, -3.0, 3.0]),
    ("himmelblau", [-100.0, 100.0, -100.0, 100.0]),
    ("himmelblau", [-1e4, 1e4, -1e4, 1e4]),
    ("goldstein-price", [-10.0, 10.0, -10.0, 10.0]),
    ("six-hump-camel", [-100.0, 100.0, -100.0, 100.0]),
    ("(x^2+y^2-1)^2 + 0.001*x", [-3.0, 3.0, -3.0, 3.0]),
    ("x^2 + 3*y^2", [-1e-200, 1e-200, -1e-200, 1e-200]),
    ("ln(-1)", [-3.0, 3.0, -3.0, 3.0]),
    ("0*x + 3", [-3.0, 3.0, -3.0, 3.0]),
    ("(x^2+y^2-1)^2", [-3.0, 3.0, -3.0, 3.0]),
    ("(x-y)^2", [-3.0, 3.0, -3.0, 3.0]),
    ("sin(x)", [-3.0, 3.0, -3.0, 3.0]),
    ("x^2*y^2", [-3.0, 3.0, -3.0, 3.0]),
    ("x^2*y^2", [0.5, 1.5, -0.5, 0.5]),
];

fn case_names() -> Vec<String> {
    CASES
        .iter()
        .map(|(s, r)| format!("{s} in {}", Region::new(r[0], r[1], r[2], r[3])))
        .collect()
}

#[divan::bench(args = case_names(), sample_count = 10)]
fn critical_points_of_issue_10(bencher: divan::Bencher, case: &str) {
    let k = case_names().iter().position(|c| c == case).unwrap_or(0);
    let (name, [x0, x1, y0, y1]) = CASES[k];
    let surface = builtin(name).unwrap_or_else(|| {
        let e = Expression::parse(name).expect("the cases parse");
        std::sync::Arc::new(ExpressionSurface::new(name, e))
    });
    let region = Region::new(x0, x1, y0, y1);
    bencher.bench(|| critical_points(divan::black_box(surface.as_ref()), divan::black_box(region)));
}

/// The constrained search (Lagrange points, plus interior points for an inequality).
#[divan::bench(args = ["circle-linear", "line-bowl", "rosenbrock-disc"], sample_count = 10)]
fn constrained_points_in_default_view(bencher: divan::Bencher, name: &str) {
    let Some(surface) = builtin(name) else {
        return;
    };
    let view = surface.view();
    bencher.bench(|| {
        losscape::analysis::constrained_critical_points(
            divan::black_box(surface.as_ref()),
            divan::black_box(view),
        )
    });
}
