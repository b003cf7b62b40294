//! Parsing optimizer specs: names, keys, torch's defaults, and errors that list what is valid.

use losscape::optim::{GradientNoise, OptimizerSpec, REGISTRY, SpecError, Value};

fn parse(s: &str) -> Result<OptimizerSpec, SpecError> {
    s.parse()
}

#[test]
fn every_name_parses_with_torchs_default_lr() {
    let want = [
        ("gd", 1e-3),
        ("sgd", 1e-3),
        ("momentum", 1e-3),
        ("nesterov", 1e-3),
        ("adagrad", 1e-2),
        ("rmsprop", 1e-2),
        ("adam", 1e-3),
        ("adamw", 1e-3),
        ("nadam", 2e-3),
        ("radam", 1e-3),
        ("adamax", 2e-3),
        ("adadelta", 1.0),
        ("lamb", 1e-3),
        ("lion", 1e-4),
        ("newton", 1.0),
        ("lbfgs", 1.0),
        ("projected", 0.1),
        ("penalty", 0.1),
        ("auglag", 0.1),
    ];
    assert_eq!(want.len(), REGISTRY.len());
    for (name, lr) in want {
        let s = parse(name).unwrap();
        assert_eq!(s.name(), name);
        assert_eq!(s.lr(), lr, "{name}");
        assert_eq!(s.to_string(), name);
    }
}

#[test]
fn keys_and_defaults() {
    let s = parse("adam:lr=0.05,beta2=0.99").unwrap();
    assert_eq!(s.lr(), 0.05);
    let values: Vec<_> = s.hyper().iter().collect();
    assert_eq!(
        values,
        [
            ("beta1", Value::Number(0.9)),
            ("beta2", Value::Number(0.99)),
            ("eps", Value::Number(1e-8)),
            ("weight_decay", Value::Number(0.0)),
            ("amsgrad", Value::Flag(false)),
        ]
    );
    assert_eq!(s.label(), "adam:lr=0.05,beta2=0.99");
    // AdamW's weight decay defaults to 1e-2; nesterov is sgd with momentum 0.9 and Nesterov.
    let adamw = parse("adamw").unwrap();
    assert_eq!(adamw.value("weight_decay"), Some(Value::Number(1e-2)));
    let nesterov = parse("nesterov").unwrap();
    let values: Vec<_> = nesterov.hyper().iter().collect();
    assert_eq!(
        values,
        [
            ("momentum", Value::Number(0.9)),
            ("dampening", Value::Number(0.0)),
            ("nesterov", Value::Flag(true)),
            ("weight_decay", Value::Number(0.0)),
        ]
    );
    let sgd = parse("sgd:lr=0.001,momentum=0.9,nesterov=true").unwrap();
    assert_eq!(sgd.hyper(), nesterov.hyper());
    assert_eq!(
        parse("lamb").unwrap().value("eps"),
        Some(Value::Number(1e-6))
    );
    assert_eq!(
        parse("lion").unwrap().value("beta2"),
        Some(Value::Number(0.99))
    );
    // Choices are canonical whichever spelling was typed.
    let n = parse("newton:mode=saddle_free").unwrap();
    assert_eq!(n.value("mode"), Some(Value::Choice("saddle-free")));
}

#[test]
fn common_keys() {
    let s = parse("gd:lr=0.1,noise=0.5,label=noisy,clip_norm=2").unwrap();
    assert_eq!(s.noise(), GradientNoise::Gaussian { sigma: 0.5 });
    assert_eq!(s.label(), "noisy");
    assert_eq!(s.clip().max_norm, Some(2.0));
    assert_eq!(s.to_string(), "gd:lr=0.1,noise=0.5,clip_norm=2");
    assert_eq!(
        parse("sgd:batch=16").unwrap().noise(),
        GradientNoise::Minibatch { batch: 16 }
    );
    assert!(parse("sgd:batch=16,noise=1").is_err());
}

#[test]
fn main_hyperparameter_and_with_param() {
    assert_eq!(
        parse("momentum").unwrap().main_hyperparameter(),
        Some(("momentum", 0.9))
    );
    assert_eq!(
        parse("adam").unwrap().main_hyperparameter(),
        Some(("beta1", 0.9))
    );
    assert_eq!(
        parse("rmsprop").unwrap().main_hyperparameter(),
        Some(("alpha", 0.99))
    );
    assert_eq!(
        parse("newton:damping=0.1").unwrap().main_hyperparameter(),
        Some(("damping", 0.1))
    );
    assert_eq!(
        parse("lbfgs").unwrap().main_hyperparameter(),
        Some(("history_size", 100.0))
    );
    assert_eq!(parse("gd").unwrap().main_hyperparameter(), None);
    let s = parse("adam:lr=0.05")
        .unwrap()
        .with_param("lr", "0.1")
        .unwrap();
    assert_eq!(s.to_string(), "adam:lr=0.1");
    let s = s.with_param("beta1", "0.8").unwrap();
    assert_eq!(s.main_hyperparameter(), Some(("beta1", 0.8)));
    assert!(s.with_param("beta1", "1.5").is_err());
}

#[test]
fn unknown_name_lists_the_names() {
    let e = parse("adamm:lr=1").unwrap_err();
    assert!(matches!(e, SpecError::UnknownName { .. }));
    let msg = e.to_string();
    for entry in REGISTRY {
        assert!(msg.contains(entry.name), "{msg}");
    }
}

#[test]
fn unknown_key_lists_the_valid_keys() {
    let msg = parse("adam:momentum=0.9").unwrap_err().to_string();
    assert!(msg.contains("'momentum'"), "{msg}");
    for key in [
        "lr",
        "beta1",
        "beta2",
        "eps",
        "weight_decay",
        "amsgrad",
        "clip_norm",
        "schedule",
    ] {
        assert!(msg.contains(key), "{msg}");
    }
    // A schedule's keys are valid only with that schedule.
    let msg = parse("sgd:t_max=10").unwrap_err().to_string();
    assert!(msg.contains("no key 't_max'"), "{msg}");
    assert!(parse("sgd:schedule=cosine,t_max=10").is_ok());
    let msg = parse("sgd:schedule=step,t_max=10").unwrap_err().to_string();
    assert!(msg.contains("step_size") && msg.contains("gamma"), "{msg}");
}

#[test]
fn wrong_types_say_what_was_expected() {
    let cases = [
        ("adam:lr=fast", "number"),
        ("adam:amsgrad=maybe", "true or false"),
        ("adam:beta1=1", "[0, 1)"),
        ("lbfgs:history_size=2.5", "whole number"),
        ("lbfgs:line_search=wolfe", "none, strong_wolfe"),
        ("newton:mode=fancy", "plain, saddle-free"),
        (
            "sgd:schedule=linear",
            "step, exponential, cosine, cyclic, onecycle, plateau",
        ),
        ("sgd:schedule=cosine", "needs t_max"),
        ("sgd:schedule=onecycle", "needs total_steps"),
        ("sgd:nesterov=true", "momentum > 0"),
        ("adam:lr", "not key=value"),
        ("adam:lr=1,lr=2", "twice"),
    ];
    for (spec, expected) in cases {
        let msg = parse(spec).unwrap_err().to_string();
        assert!(msg.contains(expected), "{spec}: {msg}");
    }
}
