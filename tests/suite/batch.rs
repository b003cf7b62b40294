//! The batch engine gives, run by run, exactly what `run::Run` gives from the same start.

use crate::common;

use losscape::optim::OptimizerSpec;
use losscape::optim::batch::{self, EndStatus, Outcome, Path};
use losscape::run::{Run, RunLimits};
use losscape::surface::{Point, SharedSurface, resolve};

fn grid(n: usize, lo: f64, hi: f64) -> Vec<Point> {
    let step = (hi - lo) / n as f64;
    (0..n * n)
        .map(|k| {
            let (i, j) = (k % n, k / n);
            Point::new(lo + (i as f64 + 0.5) * step, lo + (j as f64 + 0.5) * step)
        })
        .collect()
}

fn limits(steps: usize) -> RunLimits {
    RunLimits {
        max_steps: Some(steps),
        ..RunLimits::default()
    }
}

fn by_run(surface: &SharedSurface, spec: &OptimizerSpec, start: Point, steps: usize) -> Outcome {
    let mut run = Run::new(surface.clone(), spec.clone(), start, 0).with_limits(limits(steps));
    while run.step() {}
    let p = run.current();
    let (status, steps) = match *run.status() {
        losscape::run::RunStatus::Converged { step } => (EndStatus::Converged, step),
        losscape::run::RunStatus::Diverged { step, .. } => (EndStatus::Diverged, step),
        losscape::run::RunStatus::StepLimit { step } => (EndStatus::Running, step),
        losscape::run::RunStatus::Running => unreachable!("the run has a step limit"),
    };
    Outcome {
        end: p.x,
        loss: p.loss,
        status,
        steps,
    }
}

fn assert_same(surface: &str, spec: &str, starts: &[Point], steps: usize) -> Vec<Outcome> {
    let surface = resolve(surface).unwrap();
    let spec: OptimizerSpec = spec.parse().unwrap();
    let got = batch::run_starts(
        &surface,
        &spec,
        starts,
        limits(steps),
        0,
        &batch::no_progress,
    );
    for (start, got) in starts.iter().zip(&got) {
        let want = by_run(&surface, &spec, *start, steps);
        // Bit for bit: the same arithmetic in the same order.
        assert_eq!(
            got.end.x.to_bits(),
            want.end.x.to_bits(),
            "{spec} from {start:?}: {got:?} vs {want:?}"
        );
        assert_eq!(
            got.end.y.to_bits(),
            want.end.y.to_bits(),
            "{spec} from {start:?}: {got:?} vs {want:?}"
        );
        assert_eq!(
            (got.status, got.steps),
            (want.status, want.steps),
            "{spec} from {start:?}"
        );
        assert!(got.loss == want.loss || (got.loss.is_nan() && want.loss.is_nan()));
    }
    got
}

#[test]
fn adam_blocks_match_runs_on_himmelblau() {
    let spec: OptimizerSpec = "adam:lr=0.05".parse().unwrap();
    assert!(matches!(
        batch::path(&spec, &common::himmelblau(), limits(10)),
        Path::Blocks(_)
    ));
    // 31×31 starts (several blocks, one partial); after 400 steps some have converged.
    let got = assert_same("himmelblau", "adam:lr=0.05", &grid(31, -5.0, 5.0), 400);
    let converged = got
        .iter()
        .filter(|o| o.status == EndStatus::Converged)
        .count();
    let running = got
        .iter()
        .filter(|o| o.status == EndStatus::Running)
        .count();
    assert!(
        converged > 50 && running > 50,
        "converged {converged}, running {running}"
    );
}

#[test]
fn divergence_and_step_limits_match_runs() {
    // Outside the ±1e6 bound or where f is undefined, a run ends at step 0; pushed past the
    // bound (saddle: Adam climbs y by about lr a step), at step 1.
    let mut starts = grid(4, -3.0, 3.0);
    starts.extend([
        Point::new(1.5e6, 0.0),
        Point::new(f64::INFINITY, 0.0),
        Point::new(f64::NAN, 1.0),
    ]);
    let got = assert_same("rosenbrock", "adam:lr=0.5", &starts, 200);
    let diverged: Vec<usize> = got
        .iter()
        .filter(|o| o.status == EndStatus::Diverged)
        .map(|o| o.steps)
        .collect();
    assert_eq!(diverged, [0, 0, 0]);
    let escaped = assert_same("saddle", "adam:lr=0.5", &[Point::new(0.0, 1e6 - 0.1)], 10);
    assert_eq!(
        (escaped[0].status, escaped[0].steps),
        (EndStatus::Diverged, 1)
    );
    // No steps at all: every run ends where it starts, at step 0.
    let none = assert_same("himmelblau", "adam", &grid(3, -1.0, 1.0), 0);
    assert!(
        none.iter()
            .all(|o| o.status == EndStatus::Running && o.steps == 0)
    );
}

#[test]
fn every_element_wise_rule_takes_the_block_path_and_matches() {
    for spec in [
        "gd:lr=0.01",
        "sgd:lr=0.01,momentum=0.9",
        "nesterov:lr=0.005",
        "adamw:lr=0.05",
        "adam:lr=0.05,amsgrad=true",
        "adamax:lr=0.05",
        "nadam:lr=0.05",
        "radam:lr=0.05",
        "rmsprop:lr=0.01",
        "rmsprop:lr=0.01,centered=true,momentum=0.5",
        "adagrad:lr=0.3",
        "adadelta:lr=1",
        "lion:lr=0.01",
    ] {
        let parsed: OptimizerSpec = spec.parse().unwrap();
        assert!(
            matches!(
                batch::path(&parsed, &common::himmelblau(), limits(10)),
                Path::Blocks(_)
            ),
            "{spec}"
        );
        assert_same("himmelblau", spec, &grid(17, -5.0, 5.0), 300);
    }
}

#[test]
fn schedules_step_with_the_batch() {
    assert_same(
        "himmelblau",
        "adam:lr=0.1,schedule=cosine,t_max=200",
        &grid(9, -4.0, 4.0),
        250,
    );
}

#[test]
fn other_optimizers_take_one_run_per_start() {
    let spec: OptimizerSpec = "newton".parse().unwrap();
    assert_eq!(
        batch::path(&spec, &common::himmelblau(), limits(10)),
        Path::Runs
    );
    let got = assert_same("himmelblau", "newton", &grid(8, -5.0, 5.0), 100);
    assert!(got.iter().all(|o| o.status == EndStatus::Converged));
}
