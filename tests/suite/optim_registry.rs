//! The optimizer registry, walked: every entry parses its own defaults, documents every key
//! and its state, builds, and has a first step derived by hand below.

use crate::common;
use common::{assert_close, bowl, points};
use losscape::optim::{OptimizerSpec, REGISTRY, StateValue};
use losscape::surface::builtin;

const TOL: f64 = 1e-12;

/// (spec, surface, start, x₁) for every registry name. On the bowl f = x² + y² from (1, −2),
/// g₀ = (2, −4); on line-bowl (x² + y², x + y − 1 = 0) from (1.5, 1), g₀ = (3, 2), g(x) = 1.5.
type Xy = (f64, f64);

const FIRST_STEPS: &[(&str, &str, Xy, Xy)] = &[
    // x₁ = x₀ − 0.1·g₀.
    ("gd:lr=0.1", "bowl", (1.0, -2.0), (0.8, -1.6)),
    ("sgd:lr=0.1", "bowl", (1.0, -2.0), (0.8, -1.6)),
    // The momentum buffer starts as g₀: the first step is plain SGD's.
    ("momentum:lr=0.1", "bowl", (1.0, -2.0), (0.8, -1.6)),
    // Nesterov: g₀ + 0.9·g₀ = 1.9·g₀; x₁ = x₀ − 0.19·g₀.
    ("nesterov:lr=0.1", "bowl", (1.0, -2.0), (0.62, -1.24)),
    // sum = g₀²; x₁ = x₀ − 0.1·g₀/(|g₀| + 1e-10).
    (
        "adagrad:lr=0.1",
        "bowl",
        (1.0, -2.0),
        (0.900000000005, -1.9000000000025),
    ),
    // v = 0.01·g₀², √v = 0.1·|g₀|; x₁ = x₀ − 0.01·g₀/(0.1·|g₀| + 1e-8).
    (
        "rmsprop",
        "bowl",
        (1.0, -2.0),
        (0.9000000049999998, -1.9000000025),
    ),
    // Bias-corrected m̂ = g₀, √v̂ = |g₀|: x₁ = x₀ − 0.1·g₀/(|g₀| + 1e-8).
    (
        "adam:lr=0.1",
        "bowl",
        (1.0, -2.0),
        (0.9000000005, -1.90000000025),
    ),
    // AdamW first decays x₀ by 1 − 0.1·0.01 = 0.999 to (0.999, −1.998), then Adam's step.
    (
        "adamw:lr=0.1",
        "bowl",
        (1.0, -2.0),
        (0.8990000005, -1.89800000025),
    ),
    // μ₁ = 0.45007347, μ₂ = 0.45014693: x₁ = x₀ − 0.1·ĝ − 0.1·μ₂/(1 − μ₁μ₂)·0.1·ĝ, ĝ = g₀/|g₀|.
    (
        "nadam:lr=0.1",
        "bowl",
        (1.0, -2.0),
        (0.8943548226926871, -1.894354822428574),
    ),
    // ρ₁ = 1 ≤ 5: x₁ = x₀ − 0.1·m̂ = x₀ − 0.1·g₀.
    ("radam:lr=0.1", "bowl", (1.0, -2.0), (0.8, -1.6)),
    // u = |g₀| + 1e-8, m/(1 − β₁) = g₀: x₁ = x₀ − 0.1·g₀/u.
    (
        "adamax:lr=0.1",
        "bowl",
        (1.0, -2.0),
        (0.9000000005, -1.90000000025),
    ),
    // Δ = √1e-6/√(0.1·g₀² + 1e-6)·g₀ ≈ 0.0031623·(1, −1).
    (
        "adadelta",
        "bowl",
        (1.0, -2.0),
        (0.9968377262926713, -1.996837723328043),
    ),
    // r ≈ (1, −1), trust √5/√2: x₁ = x₀ − 0.1·1.5811388·(1, −1).
    (
        "lamb:lr=0.1",
        "bowl",
        (1.0, -2.0),
        (0.8418861367558103, -1.8418860972273543),
    ),
    // sign(0.1·g₀) = (1, −1): x₁ = x₀ − 0.1·(1, −1).
    ("lion:lr=0.1", "bowl", (1.0, -2.0), (0.9, -1.9)),
    // H = 2I: x₁ = x₀ − g₀/2 = 0.
    ("newton", "bowl", (1.0, -2.0), (0.0, 0.0)),
    // t = min(1, 1/‖g₀‖₁) = 1/6: x₁ = x₀ − g₀/6.
    ("lbfgs", "bowl", (1.0, -2.0), (2.0 / 3.0, -4.0 / 3.0)),
    // z = x₀ − 0.1·g₀ = (1.2, 0.8), g(z) = 1: minus ½(1, 1) onto x + y = 1.
    ("projected", "line-bowl", (1.5, 1.0), (0.7, 0.3)),
    // μ = 1: ∇F = g₀ + 1.5·(1, 1) = (4.5, 3.5); cap 1/2 > lr: x₁ = x₀ − 0.1·∇F.
    ("penalty", "line-bowl", (1.5, 1.0), (1.05, 0.65)),
    // μ = 10, λ = 0: c = 15, ∇ = (18, 17); cap 1/(10·2) = 0.05 < lr: x₁ = x₀ − 0.05·∇.
    ("auglag", "line-bowl", (1.5, 1.0), (0.6, 0.15)),
];

#[test]
fn every_entry_has_a_hand_derived_first_step() {
    for entry in REGISTRY {
        let found = FIRST_STEPS
            .iter()
            .filter(|(spec, ..)| spec.split(':').next() == Some(entry.name));
        assert_eq!(found.count(), 1, "{} needs one first step", entry.name);
    }
    for (spec, surface, start, want) in FIRST_STEPS {
        let s = builtin(surface).unwrap();
        let got = points(s, spec, *start, 1)[0];
        assert_close(got, *want, TOL);
    }
    // And the bowl's second step of plain gd, for good measure: 0.8·x₁.
    assert_close(
        points(bowl(), "gd:lr=0.1", (1.0, -2.0), 2)[1],
        (0.64, -1.28),
        TOL,
    );
}

#[test]
fn every_entry_parses_its_own_defaults_and_documents_its_keys() {
    for entry in REGISTRY {
        let spec: OptimizerSpec = entry.name.parse().expect(entry.name);
        assert_eq!(spec.lr(), entry.default_lr, "{}", entry.name);
        assert_eq!(spec.hyper(), &entry.defaults(), "{}", entry.name);
        assert!(!entry.doc.is_empty(), "{}", entry.name);
        for key in entry.keys {
            assert!(
                !key.doc.is_empty(),
                "{}.{} has no doc",
                entry.name,
                key.name
            );
            assert!(spec.valid_keys().contains(&key.name));
            // Each default, typed back in, parses to the same spec.
            let typed = match key.kind.default().as_f64() {
                Some(v) if matches!(key.kind, losscape::optim::KeyKind::Flag(_)) => {
                    (v == 1.0).to_string()
                }
                Some(v) => format!("{v}"),
                None => match key.kind.default() {
                    losscape::optim::Value::Choice(c) => c.to_string(),
                    _ => unreachable!(),
                },
            };
            let again = spec.with_param(key.name, &typed).expect(key.name);
            assert_eq!(again.hyper(), spec.hyper(), "{}.{}", entry.name, key.name);
        }
        if let Some(main) = entry.main {
            assert!(entry.key(main).is_some(), "{}: main {main}", entry.name);
            assert_eq!(spec.main_hyperparameter().map(|m| m.0), Some(main));
        }
    }
}

#[test]
fn state_is_named_as_torch_names_it() {
    for entry in REGISTRY {
        let surface = if entry.planar { "line-bowl" } else { "bowl" };
        let spec: OptimizerSpec = entry.name.parse().unwrap();
        let mut run = losscape::run::Run::new(
            builtin(surface).unwrap(),
            spec,
            losscape::surface::Point::new(1.5, 1.0),
            0,
        );
        run.step();
        for (name, _) in run.optimizer().state() {
            assert!(entry.state.contains(&name), "{}: {name}", entry.name);
        }
    }
    // Adam after one step on the bowl from (1, −2): m = 0.1·g₀, v = 0.001·g₀², step 1.
    let spec: OptimizerSpec = "adam:lr=0.1".parse().unwrap();
    let mut run =
        losscape::run::Run::new(bowl(), spec, losscape::surface::Point::new(1.0, -2.0), 0);
    run.step();
    let state = run.optimizer().state();
    assert_eq!(state[0], ("step", StateValue::Scalar(1.0)));
    let StateValue::Buffer(m) = state[1].1 else {
        panic!("{state:?}")
    };
    assert_eq!(state[1].0, "exp_avg");
    assert!(
        (m[0] - 0.2).abs() < 1e-15 && (m[1] + 0.4).abs() < 1e-15,
        "{m:?}"
    );
    assert_eq!(state[2].0, "exp_avg_sq");
    assert_eq!(state.len(), 3, "no max_exp_avg_sq without amsgrad");
}

/// The step anatomy splits every unconstrained method into its own terms (a `shape` other
/// than `Whole`); only the constrained methods are shown whole.
#[test]
fn every_unconstrained_entry_has_a_shape_for_the_step_anatomy() {
    for entry in REGISTRY {
        let whole = entry.shape == losscape::optim::Shape::Whole;
        assert_eq!(whole, entry.planar, "{}: {:?}", entry.name, entry.shape);
    }
}
