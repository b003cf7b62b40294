//! Learning-rate schedules: the lr sequence of each, for epochs e = 0, 1, 2, ... (the lr of
//! the optimizer's step e + 1), vs torch.optim.lr_scheduler's closed forms for the same
//! arguments (formulas in the comments).

use crate::common;
use common::{bowl, run};
use losscape::optim::OptimizerSpec;
use std::f64::consts::PI;

fn lrs(spec: &str, n: usize) -> Vec<f64> {
    let spec: OptimizerSpec = spec.parse().expect("valid spec");
    let mut s = spec.schedule().start();
    (0..n)
        .map(|_| {
            let lr = s.lr();
            s.step(1.0);
            lr
        })
        .collect()
}

#[track_caller]
fn assert_seq(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-12 * w.abs().max(1.0),
            "e={i}: {g} vs {w}\n{got:?}"
        );
    }
}

#[test]
fn step_lr() {
    // StepLR(step_size=3, gamma=0.5): lr·0.5^⌊e/3⌋.
    let got = lrs("gd:lr=1,schedule=step,step_size=3,gamma=0.5", 8);
    assert_seq(&got, &[1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25]);
    // gamma defaults to 0.1 as in torch.
    let got = lrs("gd:lr=1,schedule=step,step_size=1", 3);
    assert_seq(&got, &[1.0, 0.1, 0.01]);
}

#[test]
fn exponential_lr() {
    // ExponentialLR(gamma=0.9): lr·0.9^e.
    let got = lrs("adam:lr=0.5,schedule=exponential,gamma=0.9", 4);
    assert_seq(&got, &[0.5, 0.45, 0.405, 0.3645]);
}

#[test]
fn cosine_annealing_lr() {
    // CosineAnnealingLR(T_max=4, eta_min=0.1) from 1: 0.1 + 0.9·(1 + cos(πe/4))/2:
    // e=1: 0.1 + 0.9·0.8535534 = 0.8681981; e=2: 0.55; e=3: 0.2318019; e=4: 0.1; and torch's
    // recursive form climbs back after T_max: e=5 equals e=3, e=6 equals e=2.
    let got = lrs("sgd:lr=1,schedule=cosine,t_max=4,eta_min=0.1", 7);
    let c = |e: f64| 0.1 + 0.9 * (1.0 + (PI * e / 4.0).cos()) / 2.0;
    assert_seq(&got, &[1.0, c(1.0), 0.55, c(3.0), 0.1, c(3.0), 0.55]);
    assert!((c(1.0) - 0.868198051533946).abs() < 1e-12);
}

#[test]
fn cyclic_lr() {
    // CyclicLR(base_lr=0.1, max_lr=1, step_size_up=2): cycle = ⌊1 + e/4⌋, x = 1 + e/4 − cycle,
    // scale = x/0.5 if x ≤ 0.5 else (x − 1)/(0.5 − 1): e=0..4 → 0.1, 0.55, 1, 0.55, 0.1.
    let got = lrs(
        "sgd:lr=0.3,schedule=cyclic,base_lr=0.1,max_lr=1,step_size_up=2",
        9,
    );
    assert_seq(&got, &[0.1, 0.55, 1.0, 0.55, 0.1, 0.55, 1.0, 0.55, 0.1]);
    // triangular2 halves the amplitude each cycle: e=6 peaks at 0.1 + 0.9/2 = 0.55.
    let got = lrs(
        "sgd:schedule=cyclic,base_lr=0.1,max_lr=1,step_size_up=2,mode=triangular2",
        7,
    );
    assert_seq(&got, &[0.1, 0.55, 1.0, 0.55, 0.1, 0.325, 0.55]);
    // exp_range scales by γ^e: e=2 → 0.1 + 0.9·0.81 = 0.829; e=1 → 0.1 + 0.45·0.9 = 0.505.
    let got = lrs(
        "sgd:schedule=cyclic,base_lr=0.1,max_lr=1,step_size_up=2,mode=exp_range,gamma=0.9",
        3,
    );
    assert_seq(&got, &[0.1, 0.505, 0.829]);
    // Asymmetric: up 1, down 3 → ratio 0.25; e=2: x = 0.5 → (0.5 − 1)/(0.25 − 1) = 2/3.
    let got = lrs(
        "sgd:schedule=cyclic,base_lr=0,max_lr=1,step_size_up=1,step_size_down=3",
        5,
    );
    assert_seq(&got, &[0.0, 1.0, 2.0 / 3.0, 1.0 / 3.0, 0.0]);
}

#[test]
fn one_cycle_lr() {
    // OneCycleLR(max_lr=1, total_steps=10): initial = 1/25 = 0.04, min = 0.04/1e4 = 4e-6.
    // Phase 1 ends at step 0.3·10 − 1 = 2, phase 2 at 9; cos anneal
    // end + (start − end)/2·(1 + cos(π·pct)).
    // e=0: 0.04; e=1 (pct ½): 1 + (0.04 − 1)/2 = 0.52; e=2: 1;
    // e=3 (pct 1/7): 4e-6 + (1 − 4e-6)/2·(1 + cos(π/7)); e=9: 4e-6;
    // e=10 (torch's last legal step, pct 8/7): 4e-6 + (1 − 4e-6)/2·(1 + cos(8π/7)).
    let got = lrs("sgd:schedule=onecycle,max_lr=1,total_steps=10", 12);
    let down = |pct: f64| 4e-6 + (1.0 - 4e-6) / 2.0 * (1.0 + (PI * pct).cos());
    let want: Vec<f64> = (0..12)
        .map(|e| match e {
            0 => 0.04,
            1 => 0.52,
            2 => 1.0,
            3..=10 => down((e as f64 - 2.0) / 7.0),
            _ => 4e-6, // past total_steps: held at the final lr
        })
        .collect();
    assert_seq(&got, &want);
    assert!((got[3] - 0.950484632).abs() < 1e-9);
    // Linear anneal, three phases (ends at 2, 0.3·2·10 − 2 = 4, 9):
    // e=1: 0.04 + 0.96/2 = 0.52; e=3: 1 − 0.96/2 = 0.52; e=4: 0.04; e=9: 4e-6.
    let got = lrs(
        "sgd:schedule=onecycle,max_lr=1,total_steps=10,anneal_strategy=linear,three_phase=true",
        10,
    );
    assert_seq(&got[..5], &[0.04, 0.52, 1.0, 0.52, 0.04]);
    assert!((got[9] - 4e-6).abs() < 1e-15);
}

#[test]
fn reduce_lr_on_plateau() {
    // ReduceLROnPlateau(factor=0.5, patience=2), mode min, threshold 1e-4 rel: a loss is
    // better if < best·(1 − 1e-4). Losses 5,5,5,5,4,4,4,4: bad-epoch counts 0,1,2,3→cut,
    // 0,1,2,3→cut. The lr after each step: 1,1,1,0.5, 0.5,0.5,0.5,0.25.
    let spec: OptimizerSpec = "gd:lr=1,schedule=plateau,factor=0.5,patience=2"
        .parse()
        .unwrap();
    let mut s = spec.schedule().start();
    let mut got = Vec::new();
    for loss in [5.0, 5.0, 5.0, 5.0, 4.0, 4.0, 4.0, 4.0] {
        s.step(loss);
        got.push(s.lr());
    }
    assert_seq(&got, &[1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25]);
    // 4.9996 is not better than 5 (5·(1 − 1e-4) = 4.9995); min_lr floors the cuts; cooldown
    // 1 zeroes the bad count on the step after a cut.
    let spec: OptimizerSpec =
        "gd:lr=1,schedule=plateau,factor=0.1,patience=0,min_lr=0.05,cooldown=1"
            .parse()
            .unwrap();
    let mut s = spec.schedule().start();
    let mut got = Vec::new();
    for loss in [5.0, 4.9996, 4.9996, 4.9996] {
        s.step(loss);
        got.push(s.lr());
    }
    // 5: best. 4.9996: bad 1 > 0 → 0.1, cooldown 1. next: bad 1, in cooldown → 0. next: bad 1
    // → max(0.01, 0.05) = 0.05.
    assert_seq(&got, &[1.0, 0.1, 0.1, 0.05]);
}

#[test]
fn linear_warmup_multiplies_any_schedule() {
    // LinearLR(start_factor=1/3, total_iters=4): 1/3 + (2/3)·min(e, 4)/4 = 1/3, 1/2, 2/3, 5/6, 1.
    let got = lrs("adam:lr=1,warmup=4", 6);
    assert_seq(&got, &[1.0 / 3.0, 0.5, 2.0 / 3.0, 5.0 / 6.0, 1.0, 1.0]);
    // Times StepLR(step_size=2, gamma=0.5) = 1, 1, 0.5, 0.5, 0.25.
    let got = lrs("adam:lr=1,warmup=4,schedule=step,step_size=2,gamma=0.5", 5);
    assert_seq(&got, &[1.0 / 3.0, 0.5, 1.0 / 3.0, 5.0 / 12.0, 0.25]);
    // start_factor is torch's argument name.
    let got = lrs("adam:lr=1,warmup=2,start_factor=0.5", 3);
    assert_seq(&got, &[0.5, 0.75, 1.0]);
}

#[test]
fn run_records_the_lr_of_each_step() {
    // Row 0 (the start) shows lr(e=0); row k shows the lr its step used, lr(e = k − 1).
    let r = run(
        bowl(),
        "gd:lr=0.1,schedule=exponential,gamma=0.5",
        (1.0, -2.0),
        3,
    );
    let lr: Vec<f64> = r.trajectory().iter().map(|p| p.lr).collect();
    assert_seq(&lr, &[0.1, 0.1, 0.05, 0.025]);
    // x₁ = (1, −2)·(1 − 0.2) = (0.8, −1.6); x₂ = x₁·(1 − 2·0.05) = (0.72, −1.44).
    assert_eq!(r.trajectory()[2].x.x, 0.72);
}

#[test]
fn cycled_momentum_is_opt_in() {
    // CyclicLR(cycle_momentum=True, base_momentum=0.8, max_momentum=0.9), step_size_up=2:
    // momentum = 0.9 − 0.1·scale_factor: e=0..4 → 0.9, 0.85, 0.8, 0.85, 0.9.
    let spec: OptimizerSpec =
        "sgd:schedule=cyclic,base_lr=0.1,max_lr=1,step_size_up=2,cycle_momentum=true"
            .parse()
            .unwrap();
    let m: Vec<f64> = (0..5)
        .map(|e| spec.schedule().momentum_at(e).unwrap())
        .collect();
    assert_seq(&m, &[0.9, 0.85, 0.8, 0.85, 0.9]);
    // Off by default: no momentum is set.
    let spec: OptimizerSpec = "sgd:schedule=cyclic,base_lr=0.1,max_lr=1".parse().unwrap();
    assert_eq!(spec.schedule().momentum_at(0), None);
    // OneCycleLR(total_steps=10, cycle_momentum=True): 0.95 → 0.85 over phase 1 (cos), back
    // to 0.95 at e=9: e=1 (pct ½) → 0.85 + 0.1/2·(1 + cos(π/2)) = 0.9.
    let spec: OptimizerSpec = "adam:schedule=onecycle,max_lr=1,total_steps=10,cycle_momentum=true"
        .parse()
        .unwrap();
    let s = spec.schedule();
    let m: Vec<f64> = [0, 1, 2, 9]
        .iter()
        .map(|&e| s.momentum_at(e).unwrap())
        .collect();
    assert_seq(&m, &[0.95, 0.9, 0.85, 0.95]);
    // Only optimizers with a momentum or β₁ accept it (torch raises for the others).
    let e = "adagrad:schedule=cyclic,max_lr=1,cycle_momentum=true"
        .parse::<OptimizerSpec>()
        .unwrap_err()
        .to_string();
    assert!(e.contains("no momentum"), "{e}");
}

#[test]
fn a_run_applies_the_cycled_momentum() {
    // lr constant 0.1 (base_lr = max_lr), momentum 0.9 then 0.85 (step_size_up 2).
    // Step 1: b = g₀ = (2, −4); x₁ = (0.8, −1.6).
    // Step 2: b = 0.85·(2, −4) + (1.6, −3.2) = (3.3, −6.6); x₂ = (0.47, −0.94).
    let r = run(
        bowl(),
        "sgd:schedule=cyclic,base_lr=0.1,max_lr=0.1,step_size_up=2,cycle_momentum=true",
        (1.0, -2.0),
        2,
    );
    let p = r.trajectory()[2].x;
    assert!(
        (p.x - 0.47).abs() < 1e-15 && (p.y + 0.94).abs() < 1e-15,
        "{p}"
    );
}
