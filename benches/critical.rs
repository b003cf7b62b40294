//! Time of the critical-point search for every built-in in its default view (goal: < 50 ms).
//!
//! Run with `cargo bench --bench critical`.

use losscape::analysis::critical_points;
use losscape::surface::{BUILTIN_NAMES, builtin};

fn main() {
    divan::main();
}

#[divan::bench(args = BUILTIN_NAMES, sample_count = 20)]
fn critical_points_in_default_view(bencher: divan::Bencher, name: &str) {
    let Some(surface) = builtin(name) else {
        return;
    };
    let view = surface.view();
    bencher.bench(|| critical_points(divan::black_box(surface.as_ref()), divan::black_box(view)));
}

/// The constrained search (Lagrange points, plus interior points for an inequality).
#[divan::bench(args = ["circle-linear", "line-bowl", "rosenbrock-disc"], sample_count = 20)]
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
