//! The headless commands `surfaces`, `critical` and `gradcheck`, run as the real binary.

use losscape::surface::BUILTIN_NAMES;
use serde_json::Value;
use std::process::{Command, Output};

fn losscape(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .output()
        .expect("run losscape")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A usage error: exit code 2, a message on stderr, nothing on stdout, no panic.
fn assert_usage_error(o: &Output, expected: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(expected), "stderr lacks '{expected}': {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn surfaces_lists_every_builtin_with_view_and_start() {
    let o = losscape(&["surfaces"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for name in BUILTIN_NAMES {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{name} "))),
            "{name} missing"
        );
    }
    assert!(text.contains("(1 − x)² + 100·(y − x²)²"));
    assert!(text.contains("x ∈ [-2, 2], y ∈ [-1, 3]") && text.contains("(-1.2, 1)"));
    assert!(text.contains("w ∈ [") && text.contains("b ∈ ["));
}

#[test]
fn critical_json_is_an_array_with_the_documented_keys() {
    let o = losscape(&["critical", "--surface", "himmelblau", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let pts = v.as_array().expect("an array");
    assert_eq!(pts.len(), 9);
    let kinds: Vec<&str> = pts.iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "minimum").count(), 4);
    assert_eq!(kinds.iter().filter(|k| **k == "maximum").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "saddle").count(), 4);
    for p in pts {
        for key in [
            "x",
            "y",
            "value",
            "eigenvalues",
            "eigenvectors",
            "kind",
            "condition_number",
        ] {
            assert!(p.get(key).is_some(), "missing {key} in {p}");
        }
        let ev: Vec<f64> = p["eigenvalues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_f64().unwrap())
            .collect();
        assert!(ev[0] <= ev[1], "eigenvalues not ascending: {ev:?}");
        assert_eq!(p["condition_number"].is_null(), p["kind"] != "minimum");
    }
    // Full precision: the maximum's value is 181.61652..., not a rounded 181.617.
    let max = pts.iter().find(|p| p["kind"] == "maximum").unwrap();
    let f = max["value"].as_f64().unwrap();
    assert!((f - 181.617).abs() < 1e-3 && f != 181.617);
}

#[test]
fn critical_csv_has_a_header_and_one_row_per_point() {
    let o = losscape(&[
        "critical",
        "--surface",
        "goldstein-price",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..3], ["x", "y", "value"]);
    assert!(header.contains(&"kind") && header.contains(&"condition_number"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 9);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    // Sorted minima first, the global minimum f(0, −1) = 3 leading.
    let f: f64 = rows[0][2].parse().unwrap();
    assert!((f - 3.0).abs() < 1e-9, "{f}");
}

#[test]
fn critical_region_accepts_negative_bounds_both_ways() {
    for args in [
        &[
            "critical",
            "--surface",
            "six-hump-camel",
            "--region",
            "-3:3,-2:2",
            "--format",
            "json",
        ][..],
        &[
            "critical",
            "--surface",
            "six-hump-camel",
            "--region=-3:3,-2:2",
            "--format",
            "json",
        ][..],
    ] {
        let o = losscape(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 15, "{args:?}");
    }
}

#[test]
fn critical_table_reports_the_degenerate_monkey_saddle() {
    let o = losscape(&["critical", "--surface", "monkey-saddle"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("1 critical point(s)") && text.contains("degenerate"),
        "{text}"
    );
}

#[test]
fn gradcheck_accepts_negative_points_both_ways() {
    let a = losscape(&[
        "gradcheck",
        "--surface",
        "rosenbrock",
        "--at",
        "-1.5,2",
        "--json",
    ]);
    let b = losscape(&[
        "gradcheck",
        "--surface",
        "rosenbrock",
        "--at=-1.5,2",
        "--json",
    ]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
    let v: Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(v["x"], -1.5);
    // f(−1.5, 2) = 2.5² + 100·(2 − 2.25)² = 6.25 + 6.25 = 12.5.
    assert!((v["value"].as_f64().unwrap() - 12.5).abs() < 1e-12);
    assert_eq!(v["entries"].as_array().unwrap().len(), 5);
    assert!(v["max_relative_error"].as_f64().unwrap() < 1e-6);
    let table = losscape(&["gradcheck", "--surface", "rosenbrock", "--at", "-1.5,2"]);
    assert!(stdout(&table).contains("∂²f/∂x∂y") && stdout(&table).contains("REL ERROR"));
}

#[test]
fn bad_input_is_a_usage_error() {
    let o = losscape(&["critical", "--surface", "rosenbruck"]);
    assert_usage_error(&o, "unknown surface 'rosenbruck'");
    assert!(stderr(&o).contains("himmelblau") && stderr(&o).contains("linear-regression"));
    assert_usage_error(
        &losscape(&["gradcheck", "--surface", "bowl", "--at", "1;2"]),
        "expected X,Y",
    );
    assert_usage_error(
        &losscape(&["gradcheck", "--surface", "bowl", "--at", "nan,1"]),
        "expected X,Y",
    );
    assert_usage_error(
        &losscape(&["critical", "--surface", "bowl", "--region", "2:1,0:1"]),
        "expected X0:X1,Y0:Y1",
    );
    assert_usage_error(
        &losscape(&["critical", "--surface", "bowl", "--format", "xml"]),
        "xml",
    );
    assert_usage_error(&losscape(&["gradcheck", "--surface", "bowl"]), "--at");
}
