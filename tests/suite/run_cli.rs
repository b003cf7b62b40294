//! `losscape run` end to end: the real binary, its stdout, its exit codes.

use std::process::{Command, Output};

fn losscape(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = losscape(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn csv_header_and_rows() {
    let out = stdout(&[
        "run",
        "--surface",
        "bowl",
        "--opt",
        "gd:lr=0.1",
        "--start",
        "1,-2",
        "--steps",
        "2",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "optimizer,step,x,y,loss,grad_norm,sharpness,lr,values,gradients,hessians,status,converged_to"
    );
    // Step 0 is the start; x₁ = (0.8, −1.6), f = 3.2, |∇f| = 2·√3.2; full precision.
    assert_eq!(
        lines[1],
        "gd:lr=0.1,0,1,-2,5,4.47213595499958,2,0.1,0,0,0,running,"
    );
    assert!(
        lines[2].starts_with("gd:lr=0.1,1,0.8,-1.6,3.2"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("gd:lr=0.1,2,0.64,-1.28,"),
        "{}",
        lines[3]
    );
    assert!(lines[3].ends_with(",step-limit,"));
    assert_eq!(lines.len(), 4);
}

#[test]
fn several_optimizers_and_labels_with_commas_are_quoted() {
    let out = stdout(&[
        "run",
        "--surface",
        "himmelblau",
        "--opt",
        "adam:lr=0.05,beta2=0.99",
        "--opt",
        "newton:label=Newton",
        "--steps",
        "3",
    ]);
    assert!(out.contains("\n\"adam:lr=0.05,beta2=0.99\",0,-0.3,-1.5,"));
    assert!(out.contains("\nNewton,3,"));
}

#[test]
fn same_seed_same_bytes() {
    let args = [
        "run",
        "--surface",
        "bowl",
        "--opt",
        "sgd:lr=0.1,noise=1",
        "--opt",
        "adam:noise=0.3",
        "--steps",
        "50",
        "--seed",
        "9",
    ];
    assert_eq!(losscape(&args).stdout, losscape(&args).stdout);
    let mut other = args;
    other[9] = "10";
    assert_ne!(losscape(&args).stdout, losscape(&other).stdout);
}

#[test]
fn divergence_ends_cleanly_without_non_finite_rows() {
    let out = losscape(&[
        "run",
        "--surface",
        "bowl",
        "--opt",
        "gd:lr=1.5",
        "--opt",
        "gd:lr=0.1",
        "--steps",
        "1000",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lower = text.to_lowercase();
    assert!(!lower.contains("nan") && !lower.contains("inf"), "{text}");
    let diverged: Vec<&str> = text.lines().filter(|l| l.ends_with(",diverged,")).collect();
    assert_eq!(diverged.len(), 1);
    assert!(diverged[0].starts_with("gd:lr=1.5,"));
    // The other run goes on to its own end.
    assert!(
        text.lines()
            .any(|l| l.starts_with("gd:lr=0.1,") && l.ends_with(",converged,minimum"))
    );
}

#[test]
fn negative_start_both_spellings() {
    let a = stdout(&[
        "run",
        "--surface",
        "bowl",
        "--opt",
        "gd",
        "--start",
        "-1.5,2",
        "--steps",
        "1",
    ]);
    let b = stdout(&[
        "run",
        "--surface",
        "bowl",
        "--opt",
        "gd",
        "--start=-1.5,2",
        "--steps",
        "1",
    ]);
    assert_eq!(a, b);
    assert!(a.contains("\ngd,0,-1.5,2,6.25,"));
}

#[test]
fn default_start_is_the_surfaces() {
    // himmelblau's start is (−0.3, −1.5).
    let out = stdout(&[
        "run",
        "--surface",
        "himmelblau",
        "--opt",
        "gd",
        "--steps",
        "0",
    ]);
    assert!(out.contains("\ngd,0,-0.3,-1.5,"), "{out}");
}

#[test]
fn json_and_table() {
    let out = stdout(&[
        "run",
        "--surface",
        "bowl",
        "--opt",
        "newton",
        "--start",
        "1,-2",
        "--steps",
        "5",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &v["runs"][0];
    assert_eq!(run["optimizer"], "newton");
    assert_eq!(run["status"], "converged");
    assert_eq!(run["end_step"], 2);
    assert_eq!(run["trajectory"][1]["x"], 0.0);
    assert_eq!(run["trajectory"][0]["loss"], 5.0);
    let out = stdout(&[
        "run",
        "--surface",
        "bowl",
        "--opt",
        "newton",
        "--opt",
        "gd:lr=2",
        "--steps",
        "50",
        "--format",
        "table",
    ]);
    assert!(out.contains("converged at 2"), "{out}");
    assert!(out.contains("diverged"), "{out}");
}

#[test]
fn usage_errors_exit_2_and_list_what_is_valid() {
    let out = losscape(&["run", "--surface", "bowl", "--opt", "adamm"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("valid names: gd, sgd"), "{err}");
    let out = losscape(&["run", "--surface", "bowl", "--opt", "adam:bogus=1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("valid keys: lr, beta1"));
    let out = losscape(&["run", "--surface", "nowhere", "--opt", "adam"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("valid names"));
    let out = losscape(&["run", "--surface", "bowl", "--opt", "adam", "--start", "1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn minibatches_depend_only_on_the_seed() {
    let args = |seed: &'static str| {
        [
            "run",
            "--surface",
            "linear-regression-standardized",
            "--opt",
            "sgd:lr=0.1,batch=8",
            "--opt",
            "gd:lr=0.1",
            "--steps",
            "20",
            "--seed",
            seed,
        ]
    };
    let a = stdout(&args("3"));
    assert_eq!(a, stdout(&args("3")));
    assert_ne!(a, stdout(&args("4")));
    // The full-batch run does not depend on the seed.
    let full = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("gd:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(full(&a), full(&stdout(&args("4"))));
    // Minibatch steps differ from full-batch ones from the first step on.
    let mut rows = csv::Reader::from_reader(a.as_bytes());
    let step1: Vec<(String, String, String)> = rows
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[1] == "1")
        .map(|r| (r[0].to_string(), r[2].to_string(), r[3].to_string()))
        .collect();
    assert_eq!(step1.len(), 2);
    assert_eq!(step1[0].0, "sgd:lr=0.1,batch=8");
    assert_ne!((&step1[0].1, &step1[0].2), (&step1[1].1, &step1[1].2));
}

/// The CSV rows of one `run` invocation.
fn rows(args: &[&str]) -> Vec<csv::StringRecord> {
    let out = stdout(args);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    r.records().map(|r| r.unwrap()).collect()
}

#[test]
fn steps_n_takes_exactly_n_steps_and_until_converged_stops_early() {
    // gd on the bowl converges long before 3000 steps; a training loop still takes them all.
    let base = [
        "run",
        "--surface",
        "bowl",
        "--opt",
        "gd:lr=0.1",
        "--steps",
        "3000",
    ];
    let all = rows(&base);
    assert_eq!(all.len(), 3001);
    assert_eq!(&all[3000][1], "3000");
    assert_eq!(&all[3000][11], "converged");
    assert_eq!(&all[3000][12], "minimum");
    let mut early = base.to_vec();
    early.push("--until-converged");
    let early = rows(&early);
    assert!(early.len() < 200, "{}", early.len());
    let last = early.last().unwrap();
    assert_eq!((&last[11], &last[12]), ("converged", "minimum"));
    // Both say the same step in the table: where the convergence test began to hold.
    let mut table = base.to_vec();
    table.extend(["--format", "table"]);
    let at = format!("converged at {} — a minimum", &last[1]);
    assert!(stdout(&table).contains(&at), "{}", stdout(&table));
}

#[test]
fn every_k_prints_every_kth_row_and_the_last() {
    let r = rows(&[
        "run",
        "--surface",
        "bowl",
        "--opt",
        "gd:lr=0.1",
        "--steps",
        "25",
        "--every",
        "10",
    ]);
    let steps: Vec<&str> = r.iter().map(|r| &r[1]).collect();
    assert_eq!(steps, ["0", "10", "20", "25"]);
    assert_eq!(&r[2][11], "running");
    assert_eq!(&r[3][11], "step-limit");
    let out = losscape(&["run", "--surface", "bowl", "--opt", "gd", "--every", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn newton_from_himmelblaus_start_converges_to_a_saddle() {
    // Plain Newton is attracted to the saddle near (−0.128, −1.954) (see behaviour.rs).
    let args = [
        "run",
        "--surface",
        "himmelblau",
        "--opt",
        "newton",
        "--start=-0.3,-1.5",
        "--steps",
        "12",
    ];
    let r = rows(&args);
    let last = r.last().unwrap();
    assert_eq!((&last[11], &last[12]), ("converged", "saddle"));
    let mut table = args.to_vec();
    table.extend(["--format", "table"]);
    assert!(stdout(&table).contains("converged at 10 — a saddle"));
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["runs"][0]["converged_to"], "saddle");
    assert_eq!(v["runs"][0]["end_step"], 10);
    assert_eq!(v["runs"][0]["trajectory"].as_array().unwrap().len(), 13);
}

#[test]
fn constrained_runs_say_what_they_converged_to_on_the_constraint() {
    // Projected gd on line-bowl stops at (½, ½), the minimum of x² + y² on x + y = 1 (the
    // bordered Hessian's verdict); auglag too; on circle-linear projected gd goes to the
    // minimum (−√½, −√½), and the table says so.
    let table = stdout(&[
        "run",
        "--surface",
        "line-bowl",
        "--opt",
        "projected",
        "--opt",
        "auglag",
        "--steps",
        "3000",
        "--until-converged",
        "--format",
        "table",
    ]);
    assert_eq!(table.matches("— a minimum").count(), 2, "{table}");
    let json = stdout(&[
        "run",
        "--surface",
        "circle-linear",
        "--opt",
        "projected:lr=0.1",
        "--steps",
        "3000",
        "--until-converged",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["runs"][0]["converged_to"], "minimum", "{json}");
}

#[test]
fn divergence_reasons_say_what_happened() {
    // Adam with eps = 0 at a zero gradient divides 0 by 0.
    let table = |args: &[&str]| {
        let mut a = vec!["run", "--surface", "bowl", "--format", "table"];
        a.extend_from_slice(args);
        stdout(&a)
    };
    let nan = table(&["--opt", "adam:eps=0", "--start", "0,0"]);
    assert!(
        nan.contains("diverged at 1: the step produced NaN"),
        "{nan}"
    );
    assert!(!nan.contains("lr"), "{nan}");
    let far = table(&["--opt", "gd", "--start", "2e6,0"]);
    assert!(
        far.contains("diverged at 0: the start is outside ±1e6"),
        "{far}"
    );
    let blowup = table(&["--opt", "gd:lr=1.5", "--steps", "1000"]);
    assert!(blowup.contains("try a smaller lr"), "{blowup}");
}

#[test]
fn n_dimensional_rosenbrock() {
    // f = Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² from (−1.2, 1, −1.2), columns x1..x3:
    // i=0: 100·(1 − 1.44)² + 2.2² = 19.36 + 4.84; i=1: 100·(−1.2 − 1)² + 0 = 484.
    let r = rows(&[
        "run",
        "--surface",
        "rosenbrock",
        "--dim",
        "3",
        "--opt",
        "gd:lr=0.0001",
        "--steps",
        "1",
    ]);
    let x0: Vec<&str> = (2..5).map(|i| &r[0][i]).collect();
    assert_eq!(x0, ["-1.2", "1", "-1.2"]);
    assert!((r[0][5].parse::<f64>().unwrap() - (19.36 + 4.84 + 484.0)).abs() < 1e-12);
    // ∇f = (−400·(−1.2)·(1 − 1.44) − 2·2.2, 200·(1 − 1.44) − 400·1·(−1.2 − 1), 200·(−2.2))
    //    = (−211.2 − 4.4, −88 + 880, −440) = (−215.6, 792, −440); x₁ = x₀ − 1e-4·∇f.
    let x1: Vec<f64> = (2..5).map(|i| r[1][i].parse().unwrap()).collect();
    let want = [-1.2 + 0.02156, 1.0 - 0.0792, -1.2 + 0.044];
    for (a, b) in x1.iter().zip(want) {
        assert!((a - b).abs() < 1e-12, "{x1:?}");
    }
    // Newton converges to the global minimum (1, 1, 1) within a few dozen steps.
    let n = rows(&[
        "run",
        "--surface",
        "rosenbrock",
        "--dim",
        "3",
        "--opt",
        "newton",
        "--start",
        "0.5,0.5,0.5",
        "--steps",
        "50",
        "--until-converged",
    ]);
    let last = n.last().unwrap();
    assert_eq!((&last[12], &last[13]), ("converged", "minimum"), "{last:?}");
    // Wrong sizes and 2-D-only methods are usage errors.
    for bad in [
        &[
            "run",
            "--surface",
            "rosenbrock",
            "--dim",
            "3",
            "--opt",
            "gd",
            "--start",
            "1,2",
        ][..],
        &["run", "--surface", "bowl", "--dim", "3", "--opt", "gd"],
        &[
            "run",
            "--surface",
            "rosenbrock",
            "--dim",
            "3",
            "--opt",
            "projected",
        ],
    ] {
        assert_eq!(losscape(bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn rows_stream_so_ten_billion_steps_start_at_once() {
    // Nothing is allocated per step: the first rows arrive at once, and closing the pipe
    // (as `| head` does) ends the run cleanly.
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args([
            "run",
            "--surface",
            "bowl",
            "--opt",
            "adam",
            "--steps",
            "10000000000",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let header = lines.next().unwrap().unwrap();
    assert!(header.starts_with("optimizer,step,"));
    for want in 0..3 {
        let row = lines.next().unwrap().unwrap();
        assert!(row.starts_with(&format!("adam,{want},")), "{row}");
    }
    drop(lines);
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}
