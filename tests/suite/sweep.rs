//! `losscape sweep`: agreement with the heavy-ball theory, and the real binary's output.

use losscape::commands::basins::Grid;
use losscape::commands::sweep::{self, Format, Sweep, SweepArgs, parse_axis};
use losscape::optim::batch::EndStatus;
use std::process::{Command, Output};

fn args(grid: (usize, usize), steps: usize) -> SweepArgs {
    SweepArgs {
        surface: "ravine".into(),
        opt: "sgd:momentum=0".parse().unwrap(),
        x: parse_axis("lr=0.01:1.5").unwrap(),
        y: parse_axis("momentum=0:0.95").unwrap(),
        grid: Grid {
            width: grid.0,
            height: grid.1,
        },
        steps,
        start: None,
        format: Format::Csv,
        seed: 0,
        threads: None,
    }
}

/// The spectral radius of the heavy-ball iteration e ← (1 + β − αλ)e − β·e_prev on one
/// curvature λ: the larger |root| of z² − (1 + β − αλ)z + β.
fn spectral_radius(lr: f64, beta: f64, lambda: f64) -> f64 {
    let b = 1.0 + beta - lr * lambda;
    let disc = b * b - 4.0 * beta;
    if disc < 0.0 {
        beta.sqrt()
    } else {
        ((b.abs() + disc.sqrt()) / 2.0).max((b.abs() - disc.sqrt()).abs() / 2.0)
    }
}

#[test]
fn sgd_momentum_converges_exactly_where_heavy_ball_theory_says() {
    // ravine: f = 0.1·x² + 2·y², curvatures 0.2 and 4; from its start (−9, 2).
    let curvatures = [0.2, 4.0];
    let steps = 3000;
    let sweep: Sweep = sweep::compute(&args((30, 20), steps)).unwrap();
    let (mut must_converge, mut must_diverge) = (0, 0);
    for (lr, beta, o) in sweep::cells(&sweep) {
        let stable = curvatures.iter().all(|l| lr * l < 2.0 * (1.0 + beta));
        let rho = curvatures
            .iter()
            .map(|&l| spectral_radius(lr, beta, l))
            .fold(0.0, f64::max);
        // The theorem: spectral radius below 1 exactly where lr·λ < 2(1 + β) for every λ.
        assert_eq!(rho < 1.0, stable, "lr {lr}, β {beta}: ρ = {rho}");
        match o.status {
            EndStatus::Converged => assert!(stable, "lr {lr}, β {beta} converged but ρ = {rho}"),
            EndStatus::Diverged => assert!(!stable, "lr {lr}, β {beta} diverged but ρ = {rho}"),
            EndStatus::Running => {}
        }
        // Decisively inside or outside: within 3000 steps the error shrinks by 0.99³⁰⁰⁰ ≈ 1e-13
        // or grows by 1.01³⁰⁰⁰ ≈ 1e13, past the ±1e6 bound.
        if rho <= 0.99 {
            must_converge += 1;
            assert_eq!(
                o.status,
                EndStatus::Converged,
                "lr {lr}, β {beta}: ρ = {rho}"
            );
        } else if rho >= 1.01 {
            must_diverge += 1;
            assert_eq!(
                o.status,
                EndStatus::Diverged,
                "lr {lr}, β {beta}: ρ = {rho}"
            );
        }
    }
    assert!(
        must_converge > 150 && must_diverge > 150,
        "{must_converge} / {must_diverge}"
    );
    // Row by row, the boundary sits at lr = 2(1 + β)/4: converged below, diverged above.
    let w = sweep.xs.len();
    for (j, &beta) in sweep.ys.iter().enumerate() {
        let row = &sweep.outcomes[j * w..(j + 1) * w];
        let edge = 2.0 * (1.0 + beta) / 4.0;
        let last_converged = row.iter().rposition(|o| o.status == EndStatus::Converged);
        let first_diverged = row.iter().position(|o| o.status == EndStatus::Diverged);
        let (Some(c), Some(d)) = (last_converged, first_diverged) else {
            panic!("β {beta}: both outcomes occur in [0.01, 1.5]")
        };
        assert!(
            sweep.xs[c] < edge && edge < sweep.xs[d],
            "β {beta}: {} | {edge} | {}",
            sweep.xs[c],
            sweep.xs[d]
        );
    }
}

#[test]
fn axes_are_evenly_or_log_spaced_with_both_ends() {
    let lin = parse_axis("momentum=0:0.9").unwrap().values(4);
    assert_eq!(lin, [0.0, 0.3, 0.6, 0.9]);
    let log = parse_axis("lr=1e-4:1:log").unwrap().values(5);
    let want = [1e-4, 1e-3, 1e-2, 1e-1, 1.0];
    for (a, b) in log.iter().zip(want) {
        assert!((a / b - 1.0).abs() < 1e-12, "{log:?}");
    }
    assert_eq!(log[4], 1.0);
    for bad in ["lr", "lr=1", "lr=0:1:log", "lr=a:1", "=0:1", "lr=0:1:cubic"] {
        assert!(parse_axis(bad).is_err(), "{bad}");
    }
}

fn losscape(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .output()
        .expect("the binary runs")
}

const SWEEP: &[&str] = &[
    "sweep",
    "--surface",
    "ravine",
    "--opt",
    "sgd:momentum=0",
    "--x",
    "lr=0.01:1.5",
    "--y",
    "momentum=0:0.95",
    "--grid",
    "6x4",
    "--steps",
    "300",
];

#[test]
fn csv_has_both_keys_by_name_then_loss_status_steps() {
    let out = losscape(SWEEP);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "no progress bar off a terminal");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "lr,momentum,loss,status,steps,end_x,end_y");
    assert_eq!(lines.len(), 1 + 24);
    assert!(lines[1].starts_with("0.01,0,"), "{}", lines[1]);
    assert!(lines[24].starts_with("1.5,0.95,"), "{}", lines[24]);
    // lr = 0.01 without momentum creeps: still running after 300 steps; lr = 1.5 diverges.
    assert!(lines[1].contains(",running,300,"), "{}", lines[1]);
    assert!(lines[6].contains(",diverged,"), "{}", lines[6]);
}

#[test]
fn table_draws_the_map_and_names_the_best_cell() {
    let mut args = SWEEP.to_vec();
    args.extend(["--format", "table"]);
    let out = losscape(&args);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("momentum (rows) × lr (columns)"), "{text}");
    assert!(text.contains("×"), "diverged cells: {text}");
    assert!(text.contains("best: lr="), "{text}");
}

#[test]
fn bad_keys_and_axes_are_usage_errors() {
    let mut args = SWEEP.to_vec();
    args[8] = "beta9=0:1";
    let out = losscape(&args);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no key 'beta9'") && err.contains("momentum"),
        "{err}"
    );
    args[8] = "lr=0.01:1.5";
    args[10] = "bogus";
    let out = losscape(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected WxH"));
}
