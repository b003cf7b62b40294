//! Many runs at once: Adam from every cell of a grid on Himmelblau's function.
//!
//! `adam_grid` steps 400×240 = 96,000 runs for up to 1000 steps (lr 0.05) through the batch
//! engine, all cores (RAYON_NUM_THREADS to change). Runs stop when they converge, as
//! `losscape basins` does, so the counter is the steps actually taken; `adam_fixed_steps`
//! times the same runs without stopping (tolerances 0), steps/s comparable with optax's
//! `jit(vmap(scan))` (tools/bench_optax.py), which always takes all of them.
//! `one_block_one_thread` isolates a block's loop: 256 runs, 1000 steps, one thread.
//! `basin_overlay_200x60` is the TUI's `B` overlay recompute.
//!
//! Run with `cargo bench --bench batch`.

use divan::counter::ItemsCount;
use losscape::optim::OptimizerSpec;
use losscape::optim::batch::{self, Outcome};
use losscape::run::RunLimits;
use losscape::surface::{Point, resolve};

const STEPS: usize = 1000;

fn main() {
    divan::main();
}

fn starts(w: usize, h: usize) -> Vec<Point> {
    let (dx, dy) = (10.0 / w as f64, 10.0 / h as f64);
    (0..w * h)
        .map(|k| {
            let (i, j) = (k % w, k / w);
            Point::new(-5.0 + (i as f64 + 0.5) * dx, -5.0 + (j as f64 + 0.5) * dy)
        })
        .collect()
}

fn limits(stop: bool) -> RunLimits {
    RunLimits {
        max_steps: Some(STEPS),
        grad_tol: if stop { 1e-6 } else { 0.0 },
        step_tol: if stop { 1e-9 } else { 0.0 },
        ..RunLimits::default()
    }
}

fn run(starts: &[Point], limits: RunLimits) -> Vec<Outcome> {
    let surface = resolve("himmelblau").unwrap();
    let spec: OptimizerSpec = "adam:lr=0.05".parse().unwrap();
    batch::run_starts(&surface, &spec, starts, limits, 0, &batch::no_progress)
}

fn steps_taken(outcomes: &[Outcome]) -> usize {
    outcomes.iter().map(|o| o.steps).sum()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn adam_grid(bencher: divan::Bencher) {
    let starts = starts(400, 240);
    let taken = steps_taken(&run(&starts, limits(true)));
    bencher
        .counter(ItemsCount::new(taken))
        .bench(|| run(&starts, limits(true)));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn adam_fixed_steps(bencher: divan::Bencher) {
    let starts = starts(400, 240);
    bencher
        .counter(ItemsCount::new(starts.len() * STEPS))
        .bench(|| run(&starts, limits(false)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn one_block_one_thread(bencher: divan::Bencher) {
    let starts = starts(16, 16);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    bencher
        .counter(ItemsCount::new(starts.len() * STEPS))
        .bench(|| pool.install(|| run(&starts, limits(false))));
}

/// The TUI's basin overlay (`B`): 200×60 map cells, one Adam run each for up to 500 steps,
/// labelled against himmelblau's critical points (the issue asks < 100 ms).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn basin_overlay_200x60(bencher: divan::Bencher) {
    use losscape::render::Viewport;
    use losscape::tui::basin_layer::BasinLayer;
    let surface = resolve("himmelblau").unwrap();
    let spec: OptimizerSpec = "adam:lr=0.05".parse().unwrap();
    let vp = Viewport::stretch(surface.view(), 200, 60);
    let critical = losscape::analysis::critical_points(surface.as_ref(), surface.view());
    bencher.bench(|| BasinLayer::compute(&surface, &spec, vp, &critical, 0));
}
