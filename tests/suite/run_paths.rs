//! A 2-D run of an element-wise rule takes `Run::step`'s planar fast path (the rule on the
//! gradient the run computed with the value, in registers); the same spec on the same
//! surface as an N-parameter objective takes the general path through the oracle. Both must
//! be the same run bit for bit: every point, loss, |∇f|, lr, count and the ending.

use losscape::objective::{SharedObjective, SurfaceObjective};
use losscape::optim::{OptimizerSpec, REGISTRY};
use losscape::run::{Run, RunLimits};
use losscape::surface::{Point, resolve};
use std::sync::Arc;

const VARIANTS: &[&str] = &[
    "adam:amsgrad=true,weight_decay=0.01",
    "adamw:lr=0.01",
    "adam:lr=0.01,schedule=onecycle,max_lr=0.05,total_steps=400",
    "sgd:lr=0.001,momentum=0.9,nesterov=true,schedule=cyclic,base_lr=0.0005,max_lr=0.002,step_size_up=50",
    "rmsprop:lr=0.001,centered=true,momentum=0.5,schedule=plateau,patience=3",
    "adam:lr=0.02,schedule=cosine,t_max=300,warmup=20",
    "nadam:lr=0.005,schedule=step,step_size=40,gamma=0.5",
    "adagrad:lr=0.05,lr_decay=0.01",
    "adam:clip_norm=1",
    "sgd:lr=0.001,momentum=0.9,clip_value=0.5",
    "radam:lr=0.01,clip_norm=2,clip_value=1",
    "nadam:lr=0.01,schedule=onecycle,max_lr=0.05,total_steps=400,cycle_momentum=true",
];

fn same_run(surface: &str, spec: &str, start: Point, limits: RunLimits) {
    let s = resolve(surface).expect("built in");
    let spec: OptimizerSpec = spec.parse().expect("valid spec");
    let objective: SharedObjective = Arc::new(SurfaceObjective::new(s.clone()));
    let mut fast = Run::new(s, spec.clone(), start, 7).with_limits(limits);
    let mut general =
        Run::on_objective(objective, spec.clone(), vec![start.x, start.y], 7).with_limits(limits);
    while fast.step() | general.step() {}
    let (a, b) = (fast.trajectory(), general.trajectory());
    assert_eq!(a.len(), b.len(), "{spec} on {surface}: lengths");
    for (p, q) in a.iter().zip(b) {
        let bits = |t: &losscape::run::TrajectoryPoint| {
            [t.x.x, t.x.y, t.loss, t.grad_norm, t.lr].map(f64::to_bits)
        };
        assert_eq!(bits(p), bits(q), "{spec} on {surface} at step {}", p.step);
        assert_eq!(p.evals, q.evals, "{spec} on {surface} at step {}", p.step);
    }
    assert_eq!(fast.status(), general.status(), "{spec} on {surface}");
    assert_eq!(fast.converged_to(), general.converged_to(), "{spec}");
}

#[test]
fn the_planar_fast_path_is_the_general_run_bit_for_bit() {
    let specs: Vec<String> = REGISTRY
        .iter()
        .map(|e| e.name.to_string())
        .filter(|n| {
            n.parse::<OptimizerSpec>()
                .is_ok_and(|s| s.build(2).steps_on_gradient())
        })
        .chain(VARIANTS.iter().map(|v| v.to_string()))
        .collect();
    // Every element-wise rule takes the fast path: the test is of something.
    for name in [
        "sgd", "adam", "rmsprop", "adagrad", "adadelta", "lion", "adamax",
    ] {
        assert!(
            specs.iter().any(|s| s == name),
            "{name} steps on the gradient"
        );
    }
    let long = RunLimits {
        max_steps: Some(400),
        stop_at_convergence: false,
        ..RunLimits::default()
    };
    let until = RunLimits {
        max_steps: Some(3000),
        ..RunLimits::default()
    };
    for spec in &specs {
        same_run("rosenbrock", spec, Point::new(-1.2, 1.0), long);
        same_run("himmelblau", spec, Point::new(-0.3, -1.5), until);
    }
    // A divergence ends both the same way (the offending point is not recorded).
    same_run("rosenbrock", "gd:lr=0.01", Point::new(-1.2, 1.0), long);
}
