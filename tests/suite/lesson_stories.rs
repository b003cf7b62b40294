//! The shipped lessons tell the truth: their optimizers, run by the real `Run`, do what the
//! captions and comments say (numbers computed from PyTorch's update rules, see each lesson).

use losscape::lesson::{self, Action, Lesson};
use losscape::run::{Run, RunStatus};
use losscape::surface::Point;
use std::path::Path;

fn load(name: &str) -> Lesson {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surfaces/lessons")
        .join(name);
    lesson::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn runs(l: &Lesson) -> Vec<Run> {
    l.optimizers
        .iter()
        .map(|o| Run::new(l.surface.clone(), o.parsed.clone(), o.start, 0))
        .collect()
}

fn steps(l: &Lesson) -> u64 {
    l.beats
        .iter()
        .map(|b| match b.action {
            Action::Run { steps } => steps,
            _ => 0,
        })
        .sum()
}

fn advance(runs: &mut [Run], n: u64) {
    for r in runs.iter_mut() {
        for _ in 0..n {
            r.step();
        }
    }
}

fn at(r: &Run) -> Point {
    r.current().x
}

/// First step whose loss is below `tol`.
fn first_below(r: &Run, tol: f64) -> Option<usize> {
    r.trajectory().iter().find(|t| t.loss < tol).map(|t| t.step)
}

#[test]
fn saddle_points_newton_stays_on_the_saddle_the_others_reach_a_minimum() {
    let l = load("saddle_points.toml");
    let mut rs = runs(&l);
    advance(&mut rs, steps(&l));
    let saddle = Point::new(-0.127961, -1.953715);
    let minimum = Point::new(-3.779310, -3.283186);
    assert!(
        (at(&rs[0]) - saddle).norm() < 1e-5,
        "newton at {}",
        at(&rs[0])
    );
    assert!((at(&rs[1]) - minimum).norm() < 1e-5, "gd at {}", at(&rs[1]));
    // Momentum (lr 0.002, 0.9) spirals in: 1.2e-5 away after the lesson's 230 steps.
    assert!(
        (at(&rs[2]) - minimum).norm() < 1e-4,
        "momentum at {}",
        at(&rs[2])
    );
}

#[test]
fn why_momentum_momentum_is_twice_as_fast_as_the_best_gradient_descent() {
    let l = load("why_momentum.toml");
    let mut rs = runs(&l);
    advance(&mut rs, 300);
    // f < 1e-4 first at step 280 (lr 0.1), 60 (lr 0.45) and 31 (momentum 0.4).
    let firsts: Vec<Option<usize>> = rs.iter().map(|r| first_below(r, 1e-4)).collect();
    assert_eq!(firsts, [Some(280), Some(60), Some(31)]);
}

#[test]
fn adaptive_learning_rates_losses_after_1000_and_2000_steps() {
    let l = load("adaptive_learning_rates.toml");
    assert_eq!(steps(&l), 2000);
    let mut rs = runs(&l);
    let loss = |rs: &[Run]| -> Vec<f64> { rs.iter().map(|r| r.current().loss).collect() };
    let close = |a: f64, b: f64| (a - b).abs() <= 0.02 * b;
    advance(&mut rs, 1000);
    let f = loss(&rs);
    // RMSprop jitters across the valley, so its f at step 1000 depends on the gradient's
    // rounding: 0.0610 with the generic (jet) gradient, 0.0396 with the old hand formula.
    assert!(
        close(f[0], 0.0707) && close(f[1], 0.0610) && close(f[2], 0.00229),
        "{f:?}"
    );
    advance(&mut rs, 1000);
    let f = loss(&rs);
    assert!(
        close(f[0], 0.00865) && close(f[1], 0.0241) && close(f[2], 8.54e-9),
        "{f:?}"
    );
}

#[test]
fn learning_rate_one_step_exact_and_divergence() {
    let l = load("learning_rate.toml");
    let mut rs = runs(&l);
    advance(&mut rs, 1);
    // lr = 0.5 = 1/L on x² + y²: x − 0.5·2x = 0 in one step.
    assert_eq!(at(&rs[1]), Point::new(0.0, 0.0));
    advance(&mut rs, 9);
    // lr = 0.02: the distance shrinks by 0.96 per step; 10 steps from |(−1.5, 1.2)| = 1.9209.
    let d = at(&rs[0]).norm();
    assert!((d - 1.9209 * 0.96f64.powi(10)).abs() < 1e-3, "{d}");
    // lr = 1.2: 1.4 times farther each step: on the zoomed map [−60, 60]² after 10 steps.
    assert!(
        at(&rs[3]).amax() < 60.0 && at(&rs[3]).norm() > 50.0,
        "{}",
        at(&rs[3])
    );
    advance(&mut rs, steps(&l) - 10);
    assert!(
        matches!(rs[3].status(), RunStatus::Diverged { .. }),
        "{:?}",
        rs[3].status()
    );
    assert!(!matches!(rs[2].status(), RunStatus::Diverged { .. }));
}

#[test]
fn batch_sizes_full_batch_settles_single_rows_jitter_most() {
    let l = load("batch_sizes.toml");
    let data = l.surface.data().expect("the advertising regression");
    assert_eq!(data.rows(), 200);
    let mut rs = runs(&l);
    advance(&mut rs, steps(&l));
    let fit = Point::new(4.071006, 14.022500);
    // Mean distance to the least-squares fit over the last 30 steps.
    let spread = |r: &Run| {
        let t = r.trajectory();
        t[t.len() - 30..]
            .iter()
            .map(|p| (p.x - fit).norm())
            .sum::<f64>()
            / 30.0
    };
    let (full, one, sixteen) = (spread(&rs[0]), spread(&rs[1]), spread(&rs[2]));
    assert!(full < 1e-4, "full batch {full}");
    // Mini-batches of 16 cut the jitter (by √16 = 4 in a stationary regime; 2.7 here).
    assert!(
        one > 2.0 * sixteen && sixteen > 100.0 * full,
        "{full} {one} {sixteen}"
    );
}

/// Saddle lesson beat 4: Newton's first step overshoots to (0.61, −6.74), f = 1829, and it
/// is on the saddle from step 10; the last beat: saddle-free Newton, entering where Newton
/// stopped, leaves the saddle and is at the minimum by step 20 of its 25.
#[test]
fn saddle_points_captions_quote_newton_and_saddle_free_newton_truly() {
    let l = load("saddle_points.toml");
    let mut rs = runs(&l);
    let newton = &mut rs[0];
    newton.step();
    let p = at(newton);
    assert!(
        (p.x - 0.6068).abs() < 1e-3 && (p.y + 6.7435).abs() < 1e-3,
        "{p}"
    );
    assert!((newton.current().loss - 1829.3).abs() < 0.1);
    for _ in 1..10 {
        newton.step();
    }
    assert!(
        newton.current().grad_norm < 1e-9,
        "on the saddle at step 10"
    );
    let sfn = l
        .optimizers
        .iter()
        .position(|o| o.enters > 0)
        .expect("a late optimizer");
    assert_eq!(
        l.optimizers[sfn].enters,
        l.beats.len(),
        "enters at the last beat"
    );
    assert!(matches!(
        l.beats[l.beats.len() - 1].action,
        Action::Run { steps: 25 }
    ));
    let minimum = Point::new(-3.779310, -3.283186);
    let r = &mut rs[sfn];
    for _ in 0..20 {
        r.step();
    }
    assert!(
        (at(r) - minimum).norm() < 1e-4,
        "saddle-free newton at {}",
        at(r)
    );
    let start = r.trajectory()[0].x;
    let d: Vec<f64> = r.trajectory()[..6]
        .iter()
        .map(|t| (t.x - start).norm())
        .collect();
    assert!(d[5] / d[4] > 1.9 && d[5] / d[4] < 2.1, "doubling: {d:?}");
}

/// Momentum lesson, last beat: at step 50 gd lr=0.45 is at x ≈ −0.08 with y ≈ 3e-5,
/// momentum at x ≈ −0.0008, gd lr=0.1 at x ≈ −3.3 (off the zoomed map).
#[test]
fn why_momentum_last_beat_numbers() {
    let l = load("why_momentum.toml");
    let mut rs = runs(&l);
    advance(&mut rs, steps(&l));
    assert_eq!(steps(&l), 50);
    assert!((at(&rs[0]).x + 3.28).abs() < 0.01, "{}", at(&rs[0]));
    assert!((at(&rs[1]).x + 0.081).abs() < 0.001 && at(&rs[1]).y.abs() < 4e-5);
    assert!((at(&rs[2]).x + 0.00076).abs() < 0.0001, "{}", at(&rs[2]));
    let Action::Zoom(z) = l.beats.last().unwrap().action else {
        panic!("ends on a zoom")
    };
    assert!(
        !z.contains(at(&rs[0]).x, at(&rs[0]).y),
        "lr=0.1 is off the zoomed map"
    );
}
