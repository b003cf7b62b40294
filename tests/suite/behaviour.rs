//! Behaviour that teaches: what each method does on the surfaces made to show it.

use crate::common;
use common::{assert_close, bowl, himmelblau, ravine, rosenbrock, run};
use losscape::run::RunStatus;

#[test]
fn momentum_beats_gd_along_the_ravine() {
    // f = 0.1x² + 2y² from (−4.5, 1), lr 0.1 for both. GD shrinks x by 1 − 0.1·0.2 = 0.98 a
    // step along the flat floor. Heavy-ball momentum 0.9: z² − (1 + μ − lr·λ)z + μ = 0 has
    // complex roots of modulus √0.9 ≈ 0.949 for both λ = 0.2 and λ = 4, so it contracts
    // faster along the floor.
    let gd = run(ravine(), "gd:lr=0.1", (-4.5, 1.0), 60);
    let mom = run(ravine(), "momentum:lr=0.1", (-4.5, 1.0), 60);
    let (lg, lm) = (gd.current().loss, mom.current().loss);
    // GD: x₆₀ = −4.5·0.98⁶⁰ = −1.3388, y₆₀ = 0.6⁶⁰ ≈ 5e-14; loss = 0.1·x₆₀² = 0.17924.
    let x60 = 4.5 * 0.98f64.powi(60);
    assert!((lg - 0.1 * x60 * x60).abs() < 1e-12, "{lg}");
    assert!(lm < lg / 10.0, "momentum {lm} vs gd {lg}");
    // And it converges in fewer steps.
    let gd = run(ravine(), "gd:lr=0.1", (-4.5, 1.0), 5000);
    let mom = run(ravine(), "momentum:lr=0.1", (-4.5, 1.0), 5000);
    let steps = |r: &losscape::run::Run| match r.status() {
        RunStatus::Converged { step } => *step,
        s => panic!("did not converge: {s:?}"),
    };
    assert!(
        steps(&mom) < steps(&gd),
        "{} vs {}",
        steps(&mom),
        steps(&gd)
    );
}

#[test]
fn newton_converges_in_one_step_on_the_bowl() {
    let r = run(bowl(), "newton", (-1.5, 1.2), 10);
    let t = r.trajectory();
    assert_close((t[1].x.x, t[1].x.y), (0.0, 0.0), 0.0);
    // Step 2 does not move: converged there.
    assert_eq!(r.status(), &RunStatus::Converged { step: 2 });
    assert_eq!(t[2].evals.hessians, 2);
}

#[test]
fn plain_newton_finds_the_saddle_saddle_free_newton_a_minimum() {
    // Himmelblau from (−0.3, −1.5): the nearest critical point of the local quadratic model
    // is the saddle near (−0.128, −1.954) (f ≈ 178.34); Newton converges to it.
    let plain = run(himmelblau(), "newton", (-0.3, -1.5), 100);
    assert!(matches!(plain.status(), RunStatus::Converged { .. }));
    let p = plain.current();
    assert_close((p.x.x, p.x.y), (-0.127961, -1.953715), 1e-6);
    assert!((p.loss - 178.3372).abs() < 1e-3, "{}", p.loss);
    // Saddle-free Newton descends along |H| and reaches the minimum (3.584428, −1.848126).
    let sf = run(himmelblau(), "newton:mode=saddle-free", (-0.3, -1.5), 100);
    assert!(matches!(sf.status(), RunStatus::Converged { .. }));
    let q = sf.current();
    assert_close((q.x.x, q.x.y), (3.584428, -1.848126), 1e-6);
    assert!(q.loss < 1e-12);
}

#[test]
fn newton_stops_cleanly_on_a_singular_hessian() {
    // The monkey saddle x³ − 3xy² has H = 0 at the origin: no Newton step exists.
    let surface = losscape::surface::resolve("monkey-saddle").unwrap();
    let r = run(surface, "newton", (0.0, 0.0), 10);
    match r.status() {
        RunStatus::Diverged { step, reason } => {
            assert_eq!(*step, 1);
            assert!(reason.to_string().contains("singular"), "{reason}");
        }
        s => panic!("{s:?}"),
    }
    assert_eq!(r.trajectory().len(), 1);
}

#[test]
fn adam_reaches_rosenbrocks_minimum() {
    let r = run(rosenbrock(), "adam:lr=0.02", (-1.2, 1.0), 6000);
    let p = r.current();
    assert_close((p.x.x, p.x.y), (1.0, 1.0), 1e-3);
}

#[test]
fn lbfgs_reaches_rosenbrocks_minimum() {
    // Without line search (torch's default) and with strong Wolfe; torch's LBFGS stops moving
    // once g·d > −1e-9, which with strong Wolfe happens within 4e-5 of (1, 1) here.
    let r = run(rosenbrock(), "lbfgs", (-1.2, 1.0), 300);
    let p = r.current();
    assert_close((p.x.x, p.x.y), (1.0, 1.0), 1e-5);
    let r = run(
        rosenbrock(),
        "lbfgs:line_search=strong_wolfe",
        (-1.2, 1.0),
        100,
    );
    let p = r.current();
    assert_close((p.x.x, p.x.y), (1.0, 1.0), 1e-4);
    assert!(p.loss < 1e-9);
}

#[test]
fn lbfgs_matches_torchs_algorithm_call_by_call() {
    // Reference values from torch's LBFGS.step(closure) (max_iter=1, lr=1) as published in
    // torch/optim/lbfgs.py, evaluated in double precision on Himmelblau from (−0.3, −1.5).
    // Without line search the second call overshoots to (−31.66, −6.68) — torch does so too:
    // the first curvature pair is taken from a tiny first step.
    let r = run(himmelblau(), "lbfgs", (-0.3, -1.5), 3);
    let t = r.trajectory();
    assert_close(
        (t[1].x.x, t[1].x.y),
        (-0.7665109034267914, -2.0334890965732084),
        1e-12,
    );
    assert_close(
        (t[2].x.x, t[2].x.y),
        (-31.663470825544117, -6.679506455344085),
        1e-9,
    );
    assert_close(
        (t[3].x.x, t[3].x.y),
        (-0.7743713759032147, -2.0359607012193868),
        1e-9,
    );
    assert_eq!(t[3].evals.values, 3);
    // Strong Wolfe: evaluations include the line search's (4 after the first call).
    let r = run(
        himmelblau(),
        "lbfgs:line_search=strong_wolfe",
        (-0.3, -1.5),
        7,
    );
    let t = r.trajectory();
    let want = [
        (-2.179104908857236, -3.6488929258217127, 4),
        (-2.33164441804231, -3.8117100482514497, 7),
        (-3.7350863720551306, -3.490170878757409, 10),
        (-3.828865793495722, -3.306947389345571, 12),
        (-3.780842203116795, -3.277352459674193, 15),
        (-3.7794066637464643, -3.282857618869386, 17),
        (-3.7793107079505277, -3.2831870671251715, 19),
    ];
    for (k, (x, y, evals)) in want.iter().enumerate() {
        let p = &t[k + 1];
        assert_close((p.x.x, p.x.y), (*x, *y), 1e-9);
        assert_eq!(p.evals.values, *evals, "step {}", k + 1);
        assert_eq!(p.evals.gradients, *evals, "step {}", k + 1);
    }
}

#[test]
fn clipping_in_a_run() {
    // clip_norm = 1: g₀ = (2, −4), ‖g₀‖ = √20; coef = 1/(√20 + 1e-6);
    // x₁ = (1, −2) − 0.1·coef·(2, −4).
    let r = run(bowl(), "gd:lr=0.1,clip_norm=1", (1.0, -2.0), 1);
    let coef = 1.0 / (20f64.sqrt() + 1e-6);
    let p = r.current().x;
    assert_close((p.x, p.y), (1.0 - 0.2 * coef, -2.0 + 0.4 * coef), 1e-15);
    // clip_value = 1: g = (1, −1); x₁ = (0.9, −1.9).
    let r = run(bowl(), "gd:lr=0.1,clip_value=1", (1.0, -2.0), 1);
    let p = r.current().x;
    assert_close((p.x, p.y), (0.9, -1.9), 1e-15);
}

#[test]
fn noise_depends_only_on_the_seed() {
    let a = run(bowl(), "sgd:lr=0.1,noise=0.5", (1.0, -2.0), 20);
    let b = run(bowl(), "sgd:lr=0.1,noise=0.5", (1.0, -2.0), 20);
    assert_eq!(a.trajectory(), b.trajectory());
    let exact = run(bowl(), "sgd:lr=0.1", (1.0, -2.0), 20);
    assert_ne!(a.current().x, exact.current().x);
}

#[test]
fn divergence_stops_before_the_first_non_finite_point() {
    // GD with lr 1.5 on the bowl: x ← (1 − 3)x = −2x, |x| doubles; it passes the 1e6 bound.
    let r = run(bowl(), "gd:lr=1.5", (1.0, -2.0), 1000);
    let RunStatus::Diverged { step, .. } = r.status() else {
        panic!("{:?}", r.status())
    };
    // |y_k| = 2·2^k ≤ 1e6 up to k = 18; step 19 leaves.
    assert_eq!(*step, 19);
    assert_eq!(r.trajectory().len(), 19);
    assert!(
        r.trajectory()
            .iter()
            .all(|p| p.loss.is_finite() && p.x.iter().all(|c| c.is_finite()))
    );
}
