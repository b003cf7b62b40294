//! The instruments' lessons: the overlays their beats open, and every number their captions
//! quote, against what `losscape explain` / `losscape run` compute (the same Explainer and
//! runs, driven through the lesson player as `losscape play` drives them).

use losscape::analysis::{Explainer, SliceDirection};
use losscape::commands::explain::{number_text, vector_text};
use losscape::lesson;
use losscape::render::ColorMode;
use losscape::surface::{Point, resolve};
use losscape::tui::lesson_player::step_pending;
use losscape::tui::widgets::anatomy;
use losscape::tui::{Action, App, Setup, update};
use std::path::Path;

fn play(name: &str) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surfaces/lessons")
        .join(name);
    let l = lesson::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut app = App::new(Setup {
        color: ColorMode::NoColor,
        ..Setup::lesson(l)
    });
    update(&mut app, Action::Resize(80, 24));
    app
}

/// The next beat, with its run steps taken at once.
fn next(app: &mut App) -> String {
    update(app, Action::LessonNext);
    step_pending(app, u64::MAX);
    app.sync_field();
    app.caption
        .as_ref()
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

fn has(caption: &str, quoted: &str) {
    assert!(caption.contains(quoted), "{quoted:?} not in {caption:?}");
}

#[test]
fn adam_anatomy_quotes_explains_numbers() {
    let mut app = play("adam_anatomy.toml");
    assert!(app.instruments.anatomy, "the first beat opens the anatomy");
    let s = anatomy::next_step(&app).unwrap().clone();
    assert_eq!(s.step, 1);
    let c = next(&mut app);
    has(&c, &vector_text(&s.gradient));
    let mut gd = Explainer::new(
        resolve("ravine").unwrap(),
        "gd:lr=0.1".parse().unwrap(),
        Point::new(-4.0, 1.0),
        0,
    );
    has(&c, &vector_text(&gd.step().unwrap().step_vector()));
    let c = next(&mut app);
    let s = anatomy::next_step(&app).unwrap().clone();
    assert_eq!(s.step, 1);
    has(&c, &vector_text(s.state.buffer("exp_avg").unwrap()));
    has(&c, &vector_text(s.state.buffer("exp_avg_sq").unwrap()));
    has(&c, &vector_text(&s.step_vector()));
    let scalar = |s: &losscape::analysis::ExplainedStep, k: &str| {
        let v = s.anatomy.scalars.iter().find(|(n, _)| *n == k).unwrap().1;
        format!("{k} = {}", number_text(v))
    };
    let c = next(&mut app);
    let s = anatomy::next_step(&app).unwrap().clone();
    assert_eq!(s.step, 2);
    has(&c, &scalar(&s, "bias_correction1"));
    has(&c, &scalar(&s, "bias_correction2"));
    has(&c, &vector_text(&s.step_vector()));
    let c = next(&mut app);
    let s = anatomy::next_step(&app).unwrap().clone();
    assert_eq!(s.step, 3);
    has(&c, &scalar(&s, "bias_correction1"));
    let c = next(&mut app);
    let eff = s.anatomy.effective_lr.clone().unwrap();
    has(&c, &vector_text(&eff));
    has(&c, &format!("{:.1} times", eff[0] / eff[1]));
    let c = next(&mut app);
    let s = anatomy::next_step(&app).unwrap().clone();
    assert_eq!(s.step, 31);
    let eff = s.anatomy.effective_lr.clone().unwrap();
    has(&c, &vector_text(&eff));
    assert!((eff[0] / eff[1] - 3.0).abs() < 0.2, "about 3 times");
    let c = next(&mut app);
    let head = app.racers[0].run.current();
    assert_eq!(head.step, 100);
    has(&c, &format!("({:.4}, {:.5})", head.x.x, head.x.y));
    has(&c, &format!("f = {:.1e}", head.loss));
}

#[test]
fn edge_of_stability_quotes_the_runs() {
    let mut app = play("edge_of_stability.toml");
    assert!(
        app.instruments.sharpness,
        "the first beat opens the sharpness panel"
    );
    let series = losscape::tui::widgets::sharpness::series(&app, 10);
    let c = next(&mut app);
    for (r, (sharp, edge)) in app.racers.iter().zip(&series) {
        assert_eq!(sharp[0].1, 4.0, "{}", r.label());
        has(&c, &format!("{}", (edge[0].1 * 100.0).round() / 100.0));
    }
    let y = |app: &App, i: usize| app.racers[i].run.current().x.y;
    let c = next(&mut app);
    assert_eq!(app.racers[0].run.current().step, 10);
    has(&c, &format!("{:.3} at step 10", y(&app, 0)));
    has(&c, &format!("{:.2} at step 10", y(&app, 2)));
    has(&c, &format!("f = {:.1}", app.racers[2].run.current().loss));
    let c = next(&mut app);
    assert_eq!(y(&app, 1).abs(), 1.0);
    has(&c, "between −1 and 1");
    let c = next(&mut app);
    assert_eq!(app.racers[0].run.current().step, 20);
    has(&c, &format!("y = {:.4}", y(&app, 0)));
    assert_eq!(y(&app, 1).abs(), 1.0);
    has(&c, &format!("y = {:.1}", y(&app, 2)));
    let f = app.racers[2].run.current().loss;
    has(&c, &format!("f = {}", (f / 10.0).round() * 10.0));
}

#[test]
fn existing_lessons_open_the_instruments() {
    let mut saddle = play("saddle_points.toml");
    for _ in 0..2 {
        next(&mut saddle);
    }
    assert_eq!(saddle.instruments.slice, Some(SliceDirection::EigenMin));
    let v = losscape::tui::widgets::slice::slice_view(&saddle, 21).unwrap();
    assert!(v.slice.curvature < -50.0, "down along v₁ at the saddle");
    // Going back a beat closes what that beat opened.
    update(&mut saddle, Action::LessonBack);
    assert_eq!(saddle.instruments.slice, None);
    let mut momentum = play("why_momentum.toml");
    for _ in 0..2 {
        next(&mut momentum);
    }
    assert!(momentum.instruments.sharpness);
}
