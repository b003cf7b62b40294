//! `losscape basins`: labels agree with independent runs, the CSV/table contract, and the
//! same bytes whatever the number of threads.

use losscape::analysis::critical_points;
use losscape::commands::basins::{self, BasinsArgs, Format, Grid};
use losscape::optim::batch::basin::{grid_starts, reach};
use losscape::run::{Run, RunLimits, RunStatus};
use losscape::surface::resolve;
use std::process::{Command, Output};

fn args(opt: &str, grid: (usize, usize), steps: usize) -> BasinsArgs {
    BasinsArgs {
        surface: "himmelblau".into(),
        opt: opt.parse().unwrap(),
        steps,
        grid: Grid {
            width: grid.0,
            height: grid.1,
        },
        region: None,
        format: Format::Csv,
        seed: 0,
        threads: None,
    }
}

/// Every start of the map, run on its own with `Run`, ends where the map says, and the
/// nearest critical point to that end is the map's basin.
fn labels_agree_with_runs(opt: &str, grid: (usize, usize), steps: usize) -> usize {
    let surface = resolve("himmelblau").unwrap();
    let a = args(opt, grid, steps);
    let map = basins::compute(&surface, &a);
    let view = surface.view();
    let critical = critical_points(surface.as_ref(), view);
    assert_eq!(
        map.critical, critical,
        "the map lists `critical`'s points, in its order"
    );
    let starts = grid_starts(view, grid.0, grid.1);
    assert_eq!(map.starts, starts);
    let limits = RunLimits {
        max_steps: Some(steps),
        ..RunLimits::default()
    };
    let mut labelled = 0;
    for (k, start) in starts.iter().enumerate() {
        let mut run =
            Run::new(surface.clone(), a.opt.clone(), *start, k as u64).with_limits(limits);
        while run.step() {}
        let end = run.current().x;
        let (o, l) = (&map.outcomes[k], &map.labels[k]);
        assert_eq!(o.end, end, "{opt} from {start:?}");
        assert_eq!(
            Some(o.steps),
            run.status().end_step(),
            "{opt} from {start:?}"
        );
        let diverged = matches!(run.status(), RunStatus::Diverged { .. });
        let nearest = (0..critical.len())
            .min_by(|&i, &j| {
                let d = |c: usize| (critical[c].point - end).norm();
                d(i).total_cmp(&d(j))
            })
            .filter(|&i| !diverged && (critical[i].point - end).norm() <= reach(view));
        assert_eq!(l.basin, nearest, "{opt} from {start:?} ended at {end:?}");
        assert_eq!(l.converged_to, run.converged_to(), "{opt} from {start:?}");
        labelled += usize::from(nearest.is_some());
    }
    labelled
}

#[test]
fn adam_basin_labels_agree_with_independent_runs() {
    let labelled = labels_agree_with_runs("adam:lr=0.05", (24, 16), 600);
    assert!(
        labelled > 300,
        "most of 384 starts reach a minimum: {labelled}"
    );
}

#[test]
fn newton_basin_labels_agree_with_independent_runs() {
    // Newton takes the per-run path; it also finds the saddles and the maximum.
    let surface = resolve("himmelblau").unwrap();
    let map = basins::compute(&surface, &args("newton", (16, 10), 50));
    let kinds: std::collections::HashSet<_> = map
        .labels
        .iter()
        .filter_map(|l| l.basin.map(|b| map.critical[b].kind()))
        .collect();
    assert_eq!(kinds.len(), 3, "minima, saddles and the maximum: {kinds:?}");
    labels_agree_with_runs("newton", (16, 10), 50);
}

fn losscape(args: &[&str], threads: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_losscape"));
    cmd.args(args);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n);
    }
    cmd.output().expect("the binary runs")
}

const BASINS: &[&str] = &[
    "basins",
    "--surface",
    "himmelblau",
    "--opt",
    "adam:lr=0.05",
    "--grid",
    "40x24",
    "--steps",
    "400",
];

#[test]
fn csv_rows_carry_start_end_status_and_basin() {
    let out = losscape(BASINS, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "no progress bar off a terminal");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("x,y,end_x,end_y,loss,status,converged_to,steps,basin")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 40 * 24);
    // The first start is the bottom-left cell's centre.
    assert_eq!((rows[0][0], rows[0][1]), ("-4.875", "-4.791666666666667"));
    for r in &rows {
        assert!(
            ["converged", "running", "diverged"].contains(&r[5]),
            "{r:?}"
        );
        if r[5] == "converged" {
            assert_eq!(r[6], "minimum", "{r:?}");
            // Himmelblau's minima are critical points 0..=3 (minima come first).
            assert!(["0", "1", "2", "3"].contains(&r[8]), "{r:?}");
        } else {
            assert_eq!(r[6], "", "{r:?}");
        }
    }
}

#[test]
fn table_lists_each_minimum_with_its_share_and_median_steps() {
    let mut a = BASINS.to_vec();
    a.extend(["--format", "table"]);
    let out = losscape(&a, None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("basin  point"), "{text}");
    for at in [
        "(3.000000, 2.000000)",
        "(-2.805118, 3.131313)",
        "(-3.779310, -3.283186)",
        "(3.584428, -1.848127)",
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(at))
            .unwrap_or_else(|| panic!("{at}: {text}"));
        assert!(line.contains("minimum") && line.contains('%'), "{line}");
    }
    let shares: f64 = text
        .lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.ends_with('%')))
        .map(|w| w.trim_end_matches('%').parse::<f64>().unwrap())
        .sum();
    assert!((shares - 100.0).abs() < 0.5, "{shares}: {text}");
}

#[test]
fn same_bytes_with_one_and_two_threads() {
    for format in ["csv", "json"] {
        let mut a = BASINS.to_vec();
        a.extend(["--format", format]);
        let one = losscape(&a, Some("1")).stdout;
        let two = losscape(&a, Some("2")).stdout;
        assert!(!one.is_empty());
        assert!(one == two, "{format}: RAYON_NUM_THREADS=1 and 2 differ");
        a.extend(["--threads", "1"]);
        assert!(
            losscape(&a, Some("2")).stdout == one,
            "{format}: --threads 1 differs"
        );
    }
    // The per-run path (noisy gradients: each start its own seeded stream) too.
    let noisy = [
        "basins",
        "--surface",
        "himmelblau",
        "--opt",
        "adam:lr=0.05,noise=1",
        "--grid",
        "12x8",
        "--steps",
        "100",
        "--seed",
        "3",
    ];
    assert!(losscape(&noisy, Some("1")).stdout == losscape(&noisy, Some("2")).stdout);
}

#[test]
fn bad_grids_and_specs_are_usage_errors() {
    for (flag, value, says) in [
        ("--grid", "200", "expected WxH"),
        ("--grid", "0x5", "at least 1"),
        ("--opt", "adam:lr=fast", "lr=fast"),
    ] {
        let mut a = BASINS.to_vec();
        let i = a.iter().position(|x| *x == flag).unwrap();
        a[i + 1] = value;
        let out = losscape(&a, None);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{flag} {value}: {err}");
    }
}
