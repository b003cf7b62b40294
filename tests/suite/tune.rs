//! `losscape tune`: at least as good as a 25-point log grid, and its output contract.

use losscape::commands::tune_search::{Objective, Setup};
use losscape::optim::OptimizerSpec;
use losscape::run::{Run, RunLimits};
use losscape::surface::{Point, resolve};
use std::process::{Command, Output};

const STEPS: usize = 300;

/// The final loss (and whether it diverged) of `spec` at `lr` from Rosenbrock's start, by an
/// independent `Run`.
fn final_loss(spec: &str, lr: f64) -> f64 {
    let spec: OptimizerSpec = format!(
        "{spec}{}lr={lr}",
        if spec.contains(':') { "," } else { ":" }
    )
    .parse()
    .unwrap();
    let surface = resolve("rosenbrock").unwrap();
    let limits = RunLimits {
        max_steps: Some(STEPS),
        ..RunLimits::default()
    };
    let mut run = Run::new(surface, spec, Point::new(-1.2, 1.0), 0).with_limits(limits);
    while run.step() {}
    if run.status().name() == "diverged" {
        f64::INFINITY
    } else {
        run.current().loss
    }
}

#[test]
fn tuned_lr_is_at_least_as_good_as_a_25_point_log_grid() {
    let surface = resolve("rosenbrock").unwrap();
    let setup = Setup::new(
        surface,
        Point::new(-1.2, 1.0),
        STEPS,
        Objective::Loss,
        1e-6,
        0,
    );
    for spec in ["adam", "sgd:momentum=0.9", "rmsprop"] {
        let grid_best = (0..25)
            .map(|k| final_loss(spec, 10f64.powf(-5.0 + 5.0 * k as f64 / 24.0)))
            .fold(f64::INFINITY, f64::min);
        let tuned = setup.tune(&spec.parse().unwrap(), &|_| {}).unwrap();
        assert!(
            tuned.loss <= grid_best,
            "{spec}: tuned {} > grid {grid_best}",
            tuned.loss
        );
        // The tuned spec reproduces its loss in an independent run.
        assert_eq!(final_loss(spec, tuned.lr), tuned.loss, "{spec}");
        let (lo, hi) = tuned.sensitivity;
        assert!(lo <= tuned.lr && tuned.lr <= hi, "{spec}: {tuned:?}");
        assert!(
            tuned.spec.to_string().contains(&format!("lr={}", tuned.lr)),
            "{}",
            tuned.spec
        );
    }
}

#[test]
fn steps_objective_needs_no_more_steps_than_the_grid() {
    let surface = resolve("himmelblau").unwrap();
    let start = Point::new(-0.3, -1.5);
    let setup = Setup::new(surface, start, STEPS, Objective::Steps, 1e-6, 0);
    let spec: OptimizerSpec = "momentum".parse().unwrap();
    let tuned = setup.tune(&spec, &|_| {}).unwrap();
    let grid_best = (0..25)
        .filter_map(|k| {
            setup
                .eval(&spec, 10f64.powf(-5.0 + 5.0 * k as f64 / 24.0))
                .unwrap()
                .steps
        })
        .min()
        .expect("some lr of the grid reaches f ≤ 1e-6");
    let steps = tuned.steps.expect("the tuned lr reaches the target");
    assert!(steps <= grid_best, "{steps} > {grid_best}");
    assert!(tuned.loss <= 1e-6, "{tuned:?}");
}

fn losscape(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("the binary runs")
}

const TUNE: &[&str] = &[
    "tune",
    "--surface",
    "rosenbrock",
    "--opt",
    "adam",
    "--opt",
    "sgd:momentum=0.9",
    "--steps",
    "300",
];

#[test]
fn json_has_one_run_per_spec_with_lr_loss_steps_and_sensitivity() {
    let mut a = TUNE.to_vec();
    a.extend(["--format", "json"]);
    let out = losscape(&a, "2");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    for (run, name) in runs.iter().zip(["adam", "sgd"]) {
        assert!(run["spec"].as_str().unwrap().starts_with(name), "{run}");
        let lr = run["lr"].as_f64().unwrap();
        assert!(lr > 1e-5 && lr < 10.0, "{run}");
        assert!(run["loss"].as_f64().unwrap() < 1.0, "{run}");
        assert!(run["steps"].as_u64().is_some(), "{run}");
        let s = &run["sensitivity"];
        assert!(s["lr_min"].as_f64().unwrap() <= lr && lr <= s["lr_max"].as_f64().unwrap());
    }
    assert!(doc["caveat"].as_str().unwrap().contains("not a benchmark"));
    // Same bytes with one thread.
    assert!(losscape(&a, "1").stdout == out.stdout);
}

#[test]
fn table_shows_sensitivity_and_the_caveat() {
    let out = losscape(TUNE, "2");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("lr within 10× of the best loss"), "{text}");
    assert!(text.contains("decades"), "{text}");
    assert!(
        text.contains("one start on one function is not a benchmark"),
        "{text}"
    );
}
