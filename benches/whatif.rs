//! Instant "what if": recomputing the forecasts of 8 runs × 2,000 steps from scratch, as when
//! a change (lr, a hyperparameter, the start) invalidates them all at once. The goal is under
//! 5 ms, so dragging the start with the mouse feels live.
//!
//! The 8 runs are the default race's kinds and more, on Himmelblau from (0.5, −1), with lrs
//! that keep them moving for all 2,000 steps (no early convergence to shorten the work).
//!
//! Run with `cargo bench --bench whatif`.

use divan::counter::ItemsCount;
use losscape::analysis::Forecasts;
use losscape::optim::OptimizerSpec;
use losscape::run::{Run, RunLimits};
use losscape::surface::{Point, resolve};

const HORIZON: usize = 2000;

const SPECS: [&str; 8] = [
    "gd:lr=0.0001",
    "momentum:lr=0.00001",
    "nesterov:lr=0.00001",
    "adam:lr=0.002",
    "rmsprop:lr=0.0005",
    "adagrad:lr=0.05",
    "nadam:lr=0.001",
    "lion:lr=0.0005",
];

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn eight_runs_2000_steps(bencher: divan::Bencher) {
    let surface = resolve("himmelblau").unwrap();
    let limits = RunLimits {
        max_steps: Some(200_000),
        ..RunLimits::default()
    };
    let runs: Vec<Run> = SPECS
        .iter()
        .map(|s| {
            let spec: OptimizerSpec = s.parse().unwrap();
            Run::new(surface.clone(), spec, Point::new(0.5, -1.0), 42).with_limits(limits)
        })
        .collect();
    bencher
        .counter(ItemsCount::new(SPECS.len() * HORIZON))
        .bench_local(|| {
            let mut f = Forecasts::default();
            f.refresh(&surface, runs.iter(), 42, HORIZON);
            assert!((0..8).all(|i| f.get(i).unwrap().ahead(0).len() == HORIZON + 1));
            f
        });
}
