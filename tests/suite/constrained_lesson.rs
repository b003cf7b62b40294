//! The Lagrange-multiplier lesson's story is true: the numbers in its captions, and where
//! each method is at each beat.

use losscape::lesson::{self, Action};
use losscape::run::{Run, RunLimits};
use losscape::surface::Point;
use std::path::Path;

const R: f64 = std::f64::consts::FRAC_1_SQRT_2;

#[test]
fn lagrange_lesson_numbers_hold() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("surfaces/lessons/lagrange_multipliers.toml");
    let l = lesson::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let s = l.surface.clone();
    let g = &s.constraints()[0];
    // Beat 2: at (1, 0), ∇f = (1, 1) and ∇g = (2, 0) are not parallel.
    let (gf, gg) = (
        s.gradient(Point::new(1.0, 0.0)),
        g.gradient(Point::new(1.0, 0.0)),
    );
    assert_eq!((gf.x, gf.y, gg.x, gg.y), (1.0, 1.0, 2.0, 0.0));
    // Beat 3: at the minimum ∇g = (−√2, −√2) and ∇f = λ∇g with λ = −√2/2.
    let m = Point::new(-R, -R);
    assert!((g.gradient(m) - nalgebra::Vector2::new(-2.0 * R, -2.0 * R)).norm() < 1e-15);
    assert!((s.gradient(m) - g.gradient(m) * -R).norm() < 1e-15);

    let runs: Vec<Action> = l.beats.iter().map(|b| b.action.clone()).collect();
    let steps: Vec<u64> = runs
        .iter()
        .filter_map(|a| match a {
            Action::Run { steps } => Some(*steps),
            _ => None,
        })
        .collect();
    assert_eq!(steps, [10, 40, 300]);
    let total = 350;
    let path_of = |k: usize| {
        let o = &l.optimizers[k];
        let limits = RunLimits {
            max_steps: Some(total),
            ..RunLimits::default()
        };
        let mut run = Run::new(s.clone(), o.spec.parse().unwrap(), o.start, 0).with_limits(limits);
        while run.step() {}
        run.trajectory().iter().map(|t| t.x).collect::<Vec<Point>>()
    };
    let radius = |p: Point| p.norm();
    // Projected, penalty, auglag end at (−0.7071, −0.7071) to 4 digits; gd walks off.
    for k in 0..3 {
        let end = *path_of(k).last().unwrap();
        assert!((end - m).norm() < 5e-5, "{}: {end:?}", l.optimizers[k].spec);
    }
    let gd = path_of(3);
    assert!(gd.last().unwrap().x < -10.0);
    // The penalty cuts inside after 10 steps, is outside after 50, and ends a hair outside.
    let penalty = path_of(1);
    assert!(radius(penalty[10]) < 1.0 && radius(penalty[50]) > 1.0);
    let end = *penalty.last().unwrap();
    assert!(
        radius(end) > 1.0 && radius(end) - 1.0 < 1e-6,
        "{}",
        radius(end)
    );
    // Projected iterates are on the circle after every step.
    assert!(
        path_of(0)[1..]
            .iter()
            .all(|p| (radius(*p) - 1.0).abs() < 1e-14)
    );
}
