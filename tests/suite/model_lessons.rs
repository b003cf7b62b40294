//! The network lessons tell the truth: the numbers their captions quote are what training and
//! the exact Hessian give, and the lesson opens on the iris network's plane.

use losscape::model::train::train;
use losscape::model::{load, negative_count, spectrum};
use std::path::Path;
use std::sync::Arc;

fn caption_text(name: &str) -> String {
    let l = losscape::lesson::load(&Path::new("surfaces/lessons").join(name)).expect("lesson");
    l.beats
        .iter()
        .filter_map(|b| b.caption.clone())
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\n', " ")
}

fn says(text: &str, what: &str) {
    assert!(
        text.contains(what),
        "the lesson should say {what:?}:\n{text}"
    );
}

#[test]
fn deep_learning_lesson_numbers_are_what_training_and_the_hessian_give() {
    let lesson = losscape::lesson::load(Path::new("surfaces/lessons/deep_learning_nonconvex.toml"))
        .expect("lesson");
    let net = lesson.surface.network().expect("a network plane");
    assert_eq!(net.mlp.len(), 105);
    let text = caption_text("deep_learning_nonconvex.toml");
    let mlp = Arc::new(load(Path::new("surfaces/models/iris.toml")).unwrap());
    let start = mlp.initial_params(mlp.seed);
    says(&text, &format!("{:.4}", mlp.loss(&start)));
    let gd = train(
        mlp.clone(),
        &"gd:lr=0.5".parse().unwrap(),
        start.clone(),
        500,
        None,
        0,
    );
    let adam = train(
        mlp.clone(),
        &"adam:lr=0.01".parse().unwrap(),
        start,
        500,
        None,
        0,
    );
    says(&text, &format!("GD's loss is {:.4}", gd.rows[200].loss));
    says(&text, &format!("Adam's {:.4}", adam.rows[200].loss));
    says(&text, &format!("GD reaches {:.4}", gd.rows[500].loss));
    says(&text, &format!("Adam {:.4}", adam.rows[500].loss));
    // The saddle: GD's point after 200 steps curves down in 36 of 105 directions.
    let at = &gd.trajectory[200];
    let ev = spectrum(&mlp.hessian(at));
    assert_eq!(negative_count(&ev), 36);
    says(&text, "36 negative eigenvalues of 105");
    says(&text, &format!("lowest {:.4}", ev[0]).replace('-', "−"));
    let adam_ev = spectrum(&mlp.hessian(&adam.trajectory[200]));
    says(
        &text,
        &format!("Adam's point has {}", negative_count(&adam_ev)),
    );
    // Seed 1 reaches another minimum with a similar loss.
    let other = Arc::new(load(Path::new("surfaces/models/iris_seed1.toml")).unwrap());
    let s1 = train(
        other.clone(),
        &"adam:lr=0.01".parse().unwrap(),
        other.initial_params(other.seed),
        500,
        None,
        0,
    );
    says(&text, &format!("end at {:.4}", s1.rows[500].loss));
    let d: f64 = s1
        .params()
        .iter()
        .zip(adam.params())
        .map(|(a, b)| (a - b) * (a - b))
        .sum::<f64>()
        .sqrt();
    says(&text, &format!("{d:.1} apart"));
}

#[test]
fn likelihood_lesson_quotes_the_maximum_likelihood_fit() {
    let text = caption_text("cross_entropy_likelihood.toml");
    let s = losscape::surface::resolve("surfaces/iris_logistic.toml").unwrap();
    let fit = losscape::analysis::critical_points(s.as_ref(), s.view());
    assert_eq!(fit.len(), 1);
    let p = fit[0].point;
    says(
        &text,
        &format!("w = {:.3}, b = {:.3}", p.x, p.y).replace('-', "−"),
    );
    says(&text, &format!("J = {:.4}", s.value(p)));
    says(
        &text,
        &format!("{:.1}·10⁻⁸", (-150.0 * s.value(p)).exp() * 1e8),
    );
}
