//! Instant "what if": a forecast is exactly the future the run then walks.

use crate::common;

use losscape::analysis::{Forecasts, WhatIf};
use losscape::optim::OptimizerSpec;
use losscape::run::{Run, RunLimits, RunStatus};
use losscape::surface::Point;

fn tui_limits() -> RunLimits {
    RunLimits {
        max_steps: Some(200_000),
        ..RunLimits::default()
    }
}

fn run_of(spec: &str, start: (f64, f64), seed: u64) -> Run {
    let spec: OptimizerSpec = spec.parse().unwrap();
    Run::new(
        common::himmelblau(),
        spec,
        Point::new(start.0, start.1),
        seed,
    )
    .with_limits(tui_limits())
}

#[test]
fn the_forecast_is_the_path_the_run_then_takes() {
    for spec in [
        "momentum:lr=0.002",
        "adam:lr=0.05",
        "sgd:lr=0.01,noise=1",
        "lbfgs",
        "newton",
    ] {
        let mut run = run_of(spec, (0.5, -1.0), 9);
        for _ in 0..7 {
            run.step();
        }
        let head = run.current().step;
        let w = WhatIf::for_run(common::himmelblau(), &run, 9, 40);
        let ahead = w.ahead(head).to_vec();
        assert_eq!(
            ahead[0],
            *run.current(),
            "{spec}: the forecast starts at the head"
        );
        for p in &ahead[1..] {
            assert!(run.step(), "{spec} stopped before step {}", p.step);
            assert_eq!(run.current(), p, "{spec} at step {}", p.step);
        }
        // 7 + 40 steps unless the run ended first (L-BFGS and Newton converge early).
        assert!(
            ahead.len() == 41 || w.status().is_finished(),
            "{spec}: {}",
            ahead.len()
        );
    }
}

#[test]
fn a_forecast_extends_as_the_head_moves_and_shows_divergence() {
    let run = run_of("gd:lr=0.01", (0.5, -1.0), 1);
    let mut w = WhatIf::for_run(common::himmelblau(), &run, 1, 10);
    assert_eq!(w.ahead(0).len(), 11);
    w.advance_to(25);
    let ahead = w.ahead(25);
    assert_eq!((ahead[0].step, ahead[ahead.len() - 1].step), (25, 35));
    // lr = 0.2 on Himmelblau from (0.5, −1) blows up: the forecast says so before the run does.
    let wild = run_of("gd:lr=0.2", (0.5, -1.0), 1);
    let w = WhatIf::for_run(common::himmelblau(), &wild, 1, 500);
    assert!(
        matches!(w.status(), RunStatus::Diverged { .. }),
        "{:?}",
        w.status()
    );
    assert!(w.ahead(0).len() < 500);
}

#[test]
fn only_changed_runs_get_a_new_forecast() {
    let surface = common::himmelblau();
    let mut runs = vec![
        run_of("gd:lr=0.01", (0.5, -1.0), 3),
        run_of("adam:lr=0.1", (0.5, -1.0), 3),
    ];
    let mut f = Forecasts::default();
    f.refresh(&surface, runs.iter(), 3, 100);
    assert_eq!(f.len(), 2);
    let before = f.get(1).unwrap().ahead(0)[50];
    // The user doubles the first run's lr: it restarts, its forecast is rebuilt.
    let doubled = runs[0].spec().with_param("lr", "0.02").unwrap();
    runs[0] =
        Run::new(surface.clone(), doubled, Point::new(0.5, -1.0), 3).with_limits(tui_limits());
    f.refresh(&surface, runs.iter(), 3, 100);
    assert!(f.get(0).unwrap().is_for("himmelblau", &runs[0], 3));
    let mut fresh = run_of("gd:lr=0.02", (0.5, -1.0), 3);
    for _ in 0..50 {
        fresh.step();
    }
    assert_eq!(f.get(0).unwrap().ahead(0)[50], *fresh.current());
    assert_eq!(f.get(1).unwrap().ahead(0)[50], before);
    // A new start changes the forecast too; a removed run drops its forecast.
    runs[1].restart(Point::new(-1.0, 1.0));
    assert!(!f.get(1).unwrap().is_for("himmelblau", &runs[1], 3));
    runs.pop();
    f.refresh(&surface, runs.iter(), 3, 100);
    assert_eq!(f.len(), 1);
}
