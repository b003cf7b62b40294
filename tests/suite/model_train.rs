//! Training a network: full-batch Adam against torch.optim.Adam in float64 (200 steps from the
//! same parameters; tests/data/model_torch_adam.json from tools/model_reference.py), the
//! exported initial parameters, minibatches, and the commands end to end.

use losscape::model::params::read_params;
use losscape::model::train::train;
use losscape::model::{Mlp, load};
use losscape::optim::OptimizerSpec;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

fn model(name: &str) -> Arc<Mlp> {
    Arc::new(load(&Path::new("surfaces/models").join(name)).unwrap())
}

fn test_point(n: usize) -> Vec<f64> {
    (0..n).map(|j| 0.5 * ((j + 1) as f64).sin()).collect()
}

fn torch_adam(file: &str) -> (f64, Vec<f64>) {
    let text = std::fs::read_to_string("tests/data/model_torch_adam.json").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let params = v[file]["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    (v[file]["loss"].as_f64().unwrap(), params)
}

#[test]
fn full_batch_adam_matches_torch_after_200_steps() {
    for file in ["iris.toml", "advertising.toml"] {
        let m = model(file);
        let spec: OptimizerSpec = "adam:lr=0.01".parse().unwrap();
        let t = train(m.clone(), &spec, test_point(m.len()), 200, None, 0);
        assert_eq!(t.diverged, None);
        assert_eq!(t.rows.len(), 201);
        let (loss, params) = torch_adam(file);
        let worst = t
            .params()
            .iter()
            .zip(&params)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(
            worst < 1e-8,
            "{file}: largest parameter difference from torch {worst:e}"
        );
        assert!(
            (t.rows[200].loss - loss).abs() < 1e-8 * loss.max(1.0),
            "{file}: {} vs {loss}",
            t.rows[200].loss
        );
    }
}

#[test]
fn minibatches_are_seeded_and_differ_from_full_batch() {
    let m = model("iris.toml");
    let spec: OptimizerSpec = "sgd:lr=0.1".parse().unwrap();
    let start = m.initial_params(0);
    let a = train(m.clone(), &spec, start.clone(), 30, Some(16), 7);
    let b = train(m.clone(), &spec, start.clone(), 30, Some(16), 7);
    let c = train(m.clone(), &spec, start.clone(), 30, Some(16), 8);
    let full = train(m.clone(), &spec, start, 30, None, 7);
    assert_eq!(a.params(), b.params());
    assert_ne!(a.params(), c.params());
    assert_ne!(a.params(), full.params());
    // Rows report the true full-batch loss, so SGD's noise shows but the trend is down.
    assert!(a.rows[30].loss < a.rows[0].loss);
}

fn losscape(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn steps_0_exports_the_initial_parameters_and_params_in_reads_them() {
    let dir = std::env::temp_dir().join(format!("losscape-model-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p0 = dir.join("p0.json");
    let out = losscape(&[
        "train",
        "--model",
        "surfaces/models/iris.toml",
        "--steps",
        "0",
        "--params-out",
        p0.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = model("iris.toml");
    assert_eq!(read_params(&p0, &m.arch).unwrap(), m.initial_params(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().next(), Some("step,loss,grad_norm,lr"));
    assert_eq!(csv.lines().count(), 2);
    // Two steps from the exported point, then the hessian and slice commands at the result.
    let p2 = dir.join("p2.json");
    let out = losscape(&[
        "train",
        "--model",
        "surfaces/models/iris.toml",
        "--steps",
        "2",
        "--params-in",
        p0.to_str().unwrap(),
        "--params-out",
        p2.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert_eq!(rows[2]["step"], 2);
    let out = losscape(&[
        "hessian",
        "--model",
        "surfaces/models/iris.toml",
        "--params",
        p2.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ev = h["eigenvalues"].as_array().unwrap();
    assert_eq!(ev.len(), 105);
    assert!(ev.windows(2).all(|w| w[0].as_f64() <= w[1].as_f64()));
    assert_eq!(h["loss"], rows[2]["loss"]);
    let out = losscape(&[
        "slice",
        "--model",
        "surfaces/models/iris.toml",
        "--params",
        p2.to_str().unwrap(),
        "--grid",
        "3x2",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "a,b,loss");
    assert_eq!(lines.len(), 7);
    // The centre of a 3-wide row at b = −1 is a = 0.
    assert!(lines[2].starts_with("0,-1,"), "{}", lines[2]);
}

#[test]
fn bad_parameter_files_are_usage_errors_with_a_place() {
    let dir = std::env::temp_dir().join(format!("losscape-model-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("bad.json");
    std::fs::write(
        &p,
        "{\"layers\": [\n  {\"weight\": [[1, 2]], \"bias\": [1]}\n]}",
    )
    .unwrap();
    let out = losscape(&[
        "hessian",
        "--model",
        "surfaces/models/iris.toml",
        "--params",
        p.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("1 layer(s), but the model (2-8-8-1 tanh, bce (105 parameters)) has 3"),
        "{err}"
    );
    std::fs::write(
        &p,
        "{\"layers\": [\n  {\"weight\": [[1, 2]], \"bias\": [1,]}\n]}",
    )
    .unwrap();
    let out = losscape(&[
        "slice",
        "--model",
        "surfaces/models/iris.toml",
        "--params",
        p.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.json:2:35") && err.contains("trailing comma"),
        "{err}"
    );
}

/// A run reads a network's loss from the pass that computes its gradient (one forward and
/// one backward pass per step): that loss must be `value`'s, bit for bit.
#[test]
fn the_loss_beside_the_gradient_is_the_loss_bit_for_bit() {
    use losscape::objective::Objective;
    for file in ["iris.toml", "moons.toml"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("surfaces/models")
            .join(file);
        let mlp = losscape::model::file::load(&path).expect("model loads");
        let objective = losscape::model::objective::NetworkObjective::new(std::sync::Arc::new(mlp));
        let mut x = objective.start();
        let mut g = vec![0.0; x.len()];
        for k in 0..5 {
            let f = objective.value_and_gradient(&x, &mut g);
            assert_eq!(
                f.to_bits(),
                objective.value(&x).to_bits(),
                "{file}, point {k}"
            );
            for (xi, gi) in x.iter_mut().zip(&g) {
                *xi -= 0.3 * gi;
            }
        }
    }
}
