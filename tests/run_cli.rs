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
        "optimizer,step,x,y,loss,grad_norm,sharpness,lr,values,gradients,hessians,status"
    );
    // Step 0 is the start; x₁ = (0.8, −1.6), f = 3.2, |∇f| = 2·√3.2; full precision.
    assert_eq!(
        lines[1],
        "gd:lr=0.1,0,1,-2,5,4.47213595499958,2,0.1,0,0,0,running"
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
    assert!(lines[3].ends_with(",step-limit"));
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
    let diverged: Vec<&str> = text.lines().filter(|l| l.ends_with(",diverged")).collect();
    assert_eq!(diverged.len(), 1);
    assert!(diverged[0].starts_with("gd:lr=1.5,"));
    // The other run goes on to its own end.
    assert!(
        text.lines()
            .any(|l| l.starts_with("gd:lr=0.1,") && l.ends_with(",converged"))
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
