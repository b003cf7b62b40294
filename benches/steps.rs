//! Headless optimizer steps per second on rosenbrock from its start (−1.2, 1), for every
//! optimizer in the registry (at its defaults) and a few variants.
//!
//! `optimizer_step`: `Optimizer::step` alone on an `Oracle` (the arithmetic plus one virtual
//! call to the surface); `run_step`: `Run::step`, which also evaluates the true loss and
//! gradient, advances the schedule, tests convergence and records the point (history on, as
//! the TUI keeps it; reserved up front). Runs never stop at convergence here (as `losscape
//! run` without --until-converged), so every call is a step. Each sample is 1000 steps from
//! a fresh state, so divan's items/s is steps per second.
//!
//! The constrained methods (projected, penalty, auglag) run on rosenbrock-disc, the same
//! function with a constraint, at lr 0.001 (at their default 0.1 they leave the plane within
//! a few steps); every `run_step` row checks that its run takes all 1000 steps.
//!
//! `adam_chain_floor`: the same Adam rule (torch's arithmetic: `Rule::scalars` and
//! `Rule::update`) on rosenbrock's gradient written out, with nothing around it — no oracle,
//! record, schedule or checks. One chain's steps depend on each other (gradient → moments →
//! √v → two divisions → x), so this is what any one chain can reach on the machine.
//!
//! `adam_chain_surface_call` and `adam_chain_both_calls` add a run's two virtual calls to that
//! floor one at a time, so `run_step adam` minus `adam_chain_both_calls` is the bookkeeping.
//!
//! Run with `cargo bench --bench steps` (`-- run_step adam` for one figure).

use divan::counter::ItemsCount;
use losscape::optim::elementwise::Rule;
use losscape::optim::{Adam, OptimizerSpec, Oracle, REGISTRY};
use losscape::run::{Run, RunLimits};
use losscape::surface::{SharedSurface, resolve};

const STEPS: usize = 1000;

/// Variants besides each registry entry's defaults.
const VARIANTS: &[&str] = &[
    "adam:clip_norm=1",
    "adam:schedule=cosine,t_max=1000",
    "newton:mode=saddle-free",
    "lbfgs:history_size=10",
    "lbfgs:line_search=strong_wolfe,history_size=10",
];

fn specs() -> Vec<&'static str> {
    REGISTRY
        .iter()
        .map(|e| match e.planar {
            true => &*format!("{}:lr=0.001", e.name).leak(),
            false => e.name,
        })
        .chain(VARIANTS.iter().copied())
        .collect()
}

/// rosenbrock, or rosenbrock-disc for the methods made for constraints.
fn surface_for(spec: &OptimizerSpec) -> SharedSurface {
    let planar = REGISTRY.iter().any(|e| e.planar && e.name == spec.name());
    let name = if planar {
        "rosenbrock-disc"
    } else {
        "rosenbrock"
    };
    resolve(name).expect("built in")
}

fn main() {
    divan::main();
}

#[divan::bench(args = specs(), sample_count = 50)]
fn optimizer_step(bencher: divan::Bencher, spec: &str) {
    let spec: OptimizerSpec = spec.parse().expect("valid spec");
    let surface = surface_for(&spec);
    let start = [surface.start().x, surface.start().y];
    let lr = spec.lr();
    bencher
        .counter(ItemsCount::new(STEPS))
        .with_inputs(|| {
            let oracle = Oracle::new(surface.clone(), spec.noise(), 0).with_clip(spec.clip());
            (spec.build(2), oracle, start)
        })
        .bench_local_values(|(mut opt, mut oracle, mut x)| {
            for _ in 0..STEPS {
                let _ = opt.step(&mut x, lr, &mut oracle);
            }
            divan::black_box(x)
        });
}

#[divan::bench(args = specs(), sample_count = 50)]
fn run_step(bencher: divan::Bencher, spec: &str) {
    let spec: OptimizerSpec = spec.parse().expect("valid spec");
    let surface = surface_for(&spec);
    let start = surface.start();
    bencher
        .counter(ItemsCount::new(STEPS))
        .with_inputs(|| {
            let limits = RunLimits {
                stop_at_convergence: false,
                ..RunLimits::default()
            };
            let mut run = Run::new(surface.clone(), spec.clone(), start, 0).with_limits(limits);
            // Reserve the trajectory up front so the timing is of steps, not of growth.
            for _ in 0..STEPS {
                run.step();
            }
            // The timed run is this one again: a row must time steps, not ended runs.
            let steps = run.trajectory().len() - 1;
            assert_eq!(steps, STEPS, "{spec}: the run ended after {steps} steps");
            run.restart(start);
            run
        })
        .bench_local_values(|mut run| {
            for _ in 0..STEPS {
                run.step();
            }
            run
        });
}

#[divan::bench(sample_count = 50)]
fn adam_chain_floor(bencher: divan::Bencher) {
    bencher.counter(ItemsCount::new(STEPS)).bench_local(|| {
        adam_chain(|a, b| {
            [
                2.0 * (a - 1.0) - 400.0 * a * (b - a * a),
                200.0 * (b - a * a),
            ]
        })
    });
}

/// `adam_chain_floor` with the gradient from the surface (one virtual call, as a run makes).
#[divan::bench(sample_count = 50)]
fn adam_chain_surface_call(bencher: divan::Bencher) {
    let s = resolve("rosenbrock").expect("built in");
    bencher.counter(ItemsCount::new(STEPS)).bench_local(|| {
        adam_chain(|a, b| {
            let mut loss = 0.0;
            let (gx, gy) = s.gradient_and_value_xy(a, b, &mut loss);
            divan::black_box(loss);
            [gx, gy]
        })
    });
}

/// STEPS of torch's Adam rule from rosenbrock's start, on the gradient `grad` gives.
#[inline(always)]
fn adam_chain(grad: impl Fn(f64, f64) -> [f64; 2]) -> [f64; 2] {
    let mut rule = Adam::new(0.9, 0.999, 1e-8, 0.0, false);
    let mut x = [-1.2, 1.0];
    let (mut m, mut v, mut v_max) = ([0.0; 2], [0.0; 2], [0.0; 2]);
    for t in 1..=STEPS as u64 {
        let mut g = grad(x[0], x[1]);
        let k = rule.scalars(1e-3, t);
        rule.update(&k, &mut x, &mut g, [&mut m, &mut v, &mut v_max]);
    }
    x
}

/// The two virtual calls of a 2-D run's step and nothing else: `Optimizer::step_on_gradient`
/// and the surface's gradient (what `run_step` adds beyond this is the run's bookkeeping:
/// record, schedule, divergence and convergence tests).
#[divan::bench(sample_count = 50)]
fn adam_chain_both_calls(bencher: divan::Bencher) {
    let s = resolve("rosenbrock").expect("built in");
    let spec: OptimizerSpec = "adam".parse().expect("valid");
    bencher
        .counter(ItemsCount::new(STEPS))
        .with_inputs(|| spec.build(2))
        .bench_local_values(|mut opt| {
            let mut x = (-1.2, 1.0);
            let mut loss = 0.0;
            let mut g = s.gradient_and_value_xy(x.0, x.1, &mut loss);
            for _ in 1..=STEPS as u64 {
                x = opt.step_on_gradient(x, g, 1e-3);
                g = s.gradient_and_value_xy(x.0, x.1, &mut loss);
            }
            (x, loss)
        });
}
