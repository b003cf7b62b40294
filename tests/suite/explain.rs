//! `losscape explain` against torch.optim: the gradient, lr, state (keys and values) and the
//! point after every step, for every torch optimizer, from numbers torch computed in float64
//! (tools/explain_reference.py → tests/data/explain_torch.json); and the terms add up to the
//! step taken.

use serde_json::Value;
use std::process::Command;

fn explain_json(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .arg("explain")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs the binary");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    match v {
        Value::Number(n) => vec![n.as_f64().unwrap()],
        Value::Array(a) => a.iter().flat_map(numbers).collect(),
        other => panic!("not a number or list: {other}"),
    }
}

fn close(ours: &[f64], torch: &[f64], what: &str) {
    assert_eq!(ours.len(), torch.len(), "{what}: {ours:?} vs {torch:?}");
    for (a, b) in ours.iter().zip(torch) {
        let tol = 1e-11 * b.abs().max(1e-3);
        assert!((a - b).abs() <= tol, "{what}: {ours:?} vs torch {torch:?}");
    }
}

/// torch keys the losscape L-BFGS does not keep: its history lists and bookkeeping.
const LBFGS_HISTORY: &[&str] = &[
    "func_evals",
    "old_dirs",
    "old_stps",
    "ro",
    "prev_loss",
    "al",
];

#[test]
fn every_torch_optimizer_matches_torchs_state_step_by_step() {
    let reference: Value =
        serde_json::from_str(include_str!("../data/explain_torch.json")).expect("reference JSON");
    let cases = reference["cases"].as_array().unwrap();
    assert!(cases.len() >= 19);
    for case in cases {
        let spec = case["spec"].as_str().unwrap();
        let start = numbers(&case["start"]);
        let steps = case["steps"].as_array().unwrap();
        let ours = explain_json(&[
            "--surface",
            case["surface"].as_str().unwrap(),
            "--opt",
            spec,
            &format!("--start={},{}", start[0], start[1]),
            "--steps",
            &steps.len().to_string(),
        ]);
        let ours = ours["steps"].as_array().unwrap();
        assert_eq!(ours.len(), steps.len(), "{spec}");
        for (o, t) in ours.iter().zip(steps) {
            let k = t["step"].as_u64().unwrap();
            let at = |what: &str| format!("{spec} step {k}: {what}");
            assert_eq!(o["step"].as_u64(), Some(k));
            close(&numbers(&o["x"]), &numbers(&t["x"]), &at("x"));
            close(
                &numbers(&o["gradient"]),
                &numbers(&t["gradient"]),
                &at("gradient"),
            );
            close(&numbers(&o["lr"]), &numbers(&t["lr"]), &at("lr"));
            close(
                &numbers(&o["x_after"]),
                &numbers(&t["x_after"]),
                &at("x after"),
            );
            let (os, ts) = (
                o["state"].as_object().unwrap(),
                t["state"].as_object().unwrap(),
            );
            let lbfgs = spec.starts_with("lbfgs");
            for (key, tv) in ts {
                if lbfgs && LBFGS_HISTORY.contains(&key.as_str()) {
                    continue;
                }
                let ov = os
                    .get(key)
                    .unwrap_or_else(|| panic!("{}", at(&format!("no {key}"))));
                close(&numbers(ov), &numbers(tv), &at(key));
            }
            for key in os.keys() {
                assert!(
                    ts.contains_key(key),
                    "{}",
                    at(&format!("{key} is not torch's"))
                );
            }
        }
    }
}

#[test]
fn terms_add_up_to_the_step_for_every_optimizer() {
    let specs = [
        "gd:lr=0.01",
        "sgd:lr=0.005,momentum=0.9,dampening=0.3,weight_decay=0.1",
        "nesterov:lr=0.005,weight_decay=0.1",
        "adagrad:lr=0.5,weight_decay=0.1",
        "rmsprop:lr=0.01,centered=true,momentum=0.5,weight_decay=0.1",
        "adam:lr=0.1,weight_decay=0.1",
        "adamw:lr=0.1,amsgrad=true",
        "nadam:lr=0.1,weight_decay=0.1",
        "radam:lr=0.1",
        "adamax:lr=0.1",
        "adadelta:lr=1,weight_decay=0.1",
        "lamb:lr=0.1,weight_decay=0.1",
        "lion:lr=0.01,weight_decay=0.1",
        "newton",
        "newton:mode=saddle-free,damping=0.1",
        "lbfgs",
        "lbfgs:line_search=strong_wolfe",
        "adam:lr=0.1,clip_norm=1",
        "sgd:lr=0.01,noise=2",
        "projected",
    ];
    for spec in specs {
        let doc = explain_json(&[
            "-s",
            "himmelblau",
            "-o",
            spec,
            "--start",
            "0.5,-1",
            "--steps",
            "8",
        ]);
        for s in doc["steps"].as_array().unwrap() {
            let step = numbers(&s["step_taken"]);
            let mut sum = vec![0.0; step.len()];
            let terms = s["terms"].as_array().unwrap();
            assert!(!terms.is_empty(), "{spec}");
            for t in terms {
                assert!(!t["name"].as_str().unwrap().is_empty());
                for (acc, v) in sum.iter_mut().zip(numbers(&t["vector"])) {
                    *acc += v;
                }
            }
            let scale = step.iter().fold(0.0f64, |m, c| m.max(c.abs())).max(1e-300);
            for (a, b) in sum.iter().zip(&step) {
                assert!(
                    (a - b).abs() <= 1e-12 * scale.max(1.0),
                    "{spec} step {}: terms {sum:?} vs step {step:?}",
                    s["step"]
                );
            }
        }
    }
}

#[test]
fn adam_shows_bias_correction_and_per_coordinate_lr() {
    // First Adam step: m̂ = g and v̂ = g², so every coordinate moves by lr·g/(|g| + ε) ≈ lr.
    let doc = explain_json(&[
        "-s",
        "himmelblau",
        "-o",
        "adam:lr=0.1",
        "--start",
        "0.5,-1",
        "--steps",
        "1",
    ]);
    let s = &doc["steps"][0];
    assert_eq!(s["terms"][0]["name"], "−lr·m̂/(√v̂+ε)");
    close(&numbers(&s["scalars"]["bias_correction1"]), &[0.1], "bc1");
    let g = numbers(&s["gradient"]);
    assert_eq!(g, vec![-34.5, -1.5]);
    let eff = numbers(&s["effective_lr"]);
    close(
        &eff,
        &[0.1 / (34.5 + 1e-8), 0.1 / (1.5 + 1e-8)],
        "effective lr",
    );
    close(
        &numbers(&s["step_taken"]),
        &[0.1 * 34.5 / (34.5 + 1e-8), 0.1 * 1.5 / (1.5 + 1e-8)],
        "step",
    );
}

#[test]
fn clipping_shows_what_it_removed() {
    let doc = explain_json(&[
        "-s",
        "himmelblau",
        "-o",
        "gd:lr=0.01,clip_value=2",
        "--start",
        "0.5,-1",
        "--steps",
        "1",
    ]);
    let s = &doc["steps"][0];
    assert_eq!(numbers(&s["unclipped_gradient"]), vec![-34.5, -1.5]);
    assert_eq!(numbers(&s["gradient"]), vec![-2.0, -1.5]);
    assert_eq!(numbers(&s["clip_removed"]), vec![-32.5, 0.0]);
}

#[test]
fn table_names_the_terms_and_bad_input_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args([
            "explain",
            "-s",
            "ravine",
            "-o",
            "momentum:lr=0.1",
            "--steps",
            "2",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("step 2  lr 0.1"), "{text}");
    assert!(text.contains("term −lr·β·buffer"), "{text}");
    assert!(text.contains("state momentum_buffer"), "{text}");
    let bad = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["explain", "-s", "ravine", "-o", "adam:beta9=1"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let zero = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["explain", "-s", "ravine", "-o", "adam", "--steps", "0"])
        .output()
        .unwrap();
    assert_eq!(zero.status.code(), Some(2));
}
