//! The teaching instruments on ratatui's TestBackend at 80x24 and 160x48: the curvature map,
//! the forecast ahead of the head, the loss panel's sharpness mode, the anatomy of the next
//! step and the 1-D slice.

use crate::common;

use common::screen::{render, text};
use losscape::analysis::Curvature;
use losscape::analysis::{ExplainedStep, Explainer, SliceDirection};
use losscape::commands::explain::{number_text, vector_text};
use losscape::render::ColorMode;
use losscape::render::curvature::{FORECAST, class_glyph};
use losscape::surface::Point;
use losscape::tui::widgets::{anatomy, slice};
use losscape::tui::{Action, App, Setup, update};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn app(specs: &[&str], color: ColorMode, (w, h): (u16, u16)) -> App {
    let specs = specs.iter().map(|s| s.parse().unwrap()).collect();
    let mut app = App::new(Setup {
        specs,
        color,
        ..Setup::new(losscape::surface::resolve("himmelblau").unwrap())
    });
    update(&mut app, Action::Resize(w, h));
    app
}

fn count(screen: &str, ch: char) -> usize {
    screen.chars().filter(|c| *c == ch).count()
}

#[test]
fn curvature_map_shows_all_three_classes_on_himmelblau() {
    for size in SIZES {
        for color in [ColorMode::TrueColor, ColorMode::NoColor] {
            let mut a = app(&["gd:lr=0.01"], color, size);
            let before = render(&a);
            update(&mut a, Action::ToggleCurvature);
            let after = render(&a);
            let screen = text(&after);
            for class in [Curvature::Convex, Curvature::Saddle, Curvature::Concave] {
                let g = class_glyph(class).unwrap();
                assert!(
                    count(&screen, g) >= 1,
                    "{size:?} {color:?}: no {g}\n{screen}"
                );
                assert_eq!(count(&text(&before), g), 0, "{g} before the overlay");
            }
            if color == ColorMode::TrueColor {
                let changed = (0..size.1)
                    .flat_map(|y| (0..size.0).map(move |x| (x, y)))
                    .filter(|&p| before[p].bg != after[p].bg)
                    .count();
                assert!(changed > 100, "{size:?}: only {changed} cells tinted");
            }
            update(&mut a, Action::ToggleCurvature);
            assert_eq!(text(&render(&a)), text(&before), "{size:?}: off again");
        }
    }
}

#[test]
fn forecast_is_drawn_faint_ahead_of_the_head() {
    for size in SIZES {
        let mut a = app(&["gd:lr=0.01"], ColorMode::NoColor, size);
        // The chrome may use · as a separator: count the forecast's dots above that.
        let chrome = count(&text(&render(&a)), FORECAST);
        update(&mut a, Action::ToggleForecast);
        let screen = text(&render(&a));
        let dots = count(&screen, FORECAST) - chrome;
        assert!(dots >= 5, "{size:?}: {dots} forecast dots\n{screen}");
        // The forecast reaches the run's future: after stepping, fewer dots remain ahead.
        for _ in 0..40 {
            update(&mut a, Action::Step);
        }
        let later = count(&text(&render(&a)), FORECAST) - chrome;
        assert!(later < dots, "{size:?}: {later} vs {dots}");
        // Doubling lr rebuilds it for the new run.
        update(&mut a, Action::LrUp);
        let w = a.instruments.forecasts.get(0).unwrap();
        assert!(w.is_for("himmelblau", &a.racers[0].run, a.seed));
    }
}

#[test]
fn sharpness_mode_replaces_the_loss_curves() {
    let mut a = app(&["gd:lr=0.01", "gd:lr=0.02"], ColorMode::NoColor, (160, 48));
    for _ in 0..30 {
        update(&mut a, Action::Step);
    }
    let loss = text(&render(&a));
    assert!(loss.contains("loss"), "{loss}");
    update(&mut a, Action::ToggleSharpness);
    let screen = text(&render(&a));
    assert!(screen.contains("sharpness"), "{screen}");
    assert!(screen.contains("2/lr"), "{screen}");
    // At 80x24 the panel shows on its own after tab; it must render there too.
    let mut small = app(&["gd:lr=0.01"], ColorMode::NoColor, (80, 24));
    update(&mut small, Action::ToggleSharpness);
    update(
        &mut small,
        Action::ShowPanel(losscape::tui::app::Panel::Loss),
    );
    let screen = text(&render(&small));
    assert!(screen.contains("sharpness"), "{screen}");
}

#[test]
fn instrument_keys_are_e_a_and_i() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use losscape::tui::event::{Mode, key_action};
    let key = |c| {
        key_action(
            Mode::Map,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
        )
    };
    assert_eq!(key('E'), Some(Action::ToggleSharpness));
    assert_eq!(key('A'), Some(Action::ToggleAnatomy));
    assert_eq!(key('I'), Some(Action::CycleSlice));
    // `S` belongs to scenes now; `K` still pans.
    assert_ne!(key('S'), Some(Action::ToggleSharpness));
    assert_eq!(key('K'), Some(Action::Pan(0, 1)));
}

fn on(surface: &str, specs: &[&str], start: Point, size: (u16, u16), color: ColorMode) -> App {
    let specs = specs.iter().map(|s| s.parse().unwrap()).collect();
    let mut app = App::new(Setup {
        specs,
        color,
        start: Some(start),
        ..Setup::new(losscape::surface::resolve(surface).unwrap())
    });
    update(&mut app, Action::Resize(size.0, size.1));
    app
}

/// The explained steps `losscape explain` prints for this run (same Explainer, same seed).
fn explained(surface: &str, spec: &str, start: Point, steps: usize) -> Vec<ExplainedStep> {
    let s = losscape::surface::resolve(surface).unwrap();
    let mut e = Explainer::new(s, spec.parse().unwrap(), start, 0);
    (0..steps).map_while(|_| e.step()).collect()
}

#[test]
fn anatomy_draws_the_next_step_at_the_head_with_explains_numbers() {
    let start = Point::new(-4.0, 1.0);
    let steps = explained("ravine", "adam:lr=0.1", start, 3);
    for size in SIZES {
        let mut a = on(
            "ravine",
            &["adam:lr=0.1"],
            start,
            size,
            ColorMode::TrueColor,
        );
        update(&mut a, Action::ToggleAnatomy);
        assert!(!a.playing, "the anatomy pauses, so n walks it");
        for want in &steps {
            let got = anatomy::next_step(&a).expect("a next step");
            assert_eq!(got, want, "{size:?}: step {}", want.step);
            let buf = render(&a);
            let screen = text(&buf);
            // The arrow's tip is drawn where the geometry puts it, from the run's own head.
            let vp = *a.field.as_ref().unwrap().viewport();
            let g = anatomy::geometry(got, &vp).unwrap();
            let head = vp.to_cell(a.racers[0].run.current().x).unwrap();
            assert_eq!((g.head.0 as u16, g.head.1 as u16), head);
            let f = a.layout().field;
            let tip = buf[(f.x + g.step.0 as u16, f.y + g.step.1 as u16)].symbol();
            assert!("→↗↑↖←↙↓↘".contains(tip), "{size:?}: tip {tip:?}\n{screen}");
            // The head itself stays visible under the overlay.
            assert_eq!(buf[(f.x + head.0, f.y + head.1)].symbol(), "●");
            // A sub-cell step is scaled up, and the key says by how much.
            assert!(g.scale > 1.0, "{size:?}: scale {}", g.scale);
            assert!(
                screen.contains(&format!("arrows {}", anatomy::scale_label(g.scale))),
                "{size:?}\n{screen}"
            );
            assert!(screen.contains("−lr·m̂/(√v̂+ε)"), "{size:?}\n{screen}");
            assert!(screen.contains(&format!(
                "eff. lr {}",
                vector_text(got.anatomy.effective_lr.as_ref().unwrap())
            )));
            // The inspector lists explain's numbers: terms, state by torch's names, eff. lr.
            let lines: String = anatomy::inspector_lines(&a)
                .iter()
                .map(|l| l.to_string() + "\n")
                .collect();
            for t in &want.anatomy.terms {
                assert!(
                    lines.contains(&format!("{} {}", t.name, vector_text(&t.vector))),
                    "{lines}"
                );
            }
            for key in ["exp_avg", "exp_avg_sq"] {
                let v = vector_text(want.state.buffer(key).unwrap());
                assert!(lines.contains(&format!("{key} {v}")), "{lines}");
            }
            let bc1 = 1.0 - 0.9f64.powi(want.step as i32);
            assert!(
                lines.contains(&format!("bias_correction1 {}", number_text(bc1))),
                "{lines}"
            );
            update(&mut a, Action::Step);
        }
    }
}

#[test]
fn adams_first_step_is_lr_in_every_coordinate() {
    // Bias correction at work: m̂/√v̂ = g/|g| at step 1, so the step is lr·sign(−g) whatever
    // the gradient's size, even though ∂f/∂y is 5× ∂f/∂x here.
    let a = {
        let mut a = on(
            "ravine",
            &["adam:lr=0.1"],
            Point::new(-4.0, 1.0),
            (80, 24),
            ColorMode::NoColor,
        );
        update(&mut a, Action::ToggleAnatomy);
        a
    };
    let s = anatomy::next_step(&a).unwrap();
    assert_eq!(s.gradient, vec![-0.8, 4.0]);
    for (got, g) in s.step_vector().iter().zip(&s.gradient) {
        // −lr·g/(|g| + ε) with torch's ε = 1e-8: 0.1 in size to 1e-8.
        let want = -0.1 * g / (g.abs() + 1e-8);
        assert!((got - want).abs() < 1e-15, "{got} vs {want}");
        assert!((got.abs() - 0.1).abs() < 2e-9, "{got}");
    }
}

#[test]
fn anatomy_terms_sum_to_the_step_for_the_selected_run() {
    let start = Point::new(1.0, 1.0);
    for spec in [
        "sgd:lr=0.01,momentum=0.9",
        "sgd:lr=0.01,momentum=0.9,nesterov=true",
        "adamw:lr=0.05,weight_decay=0.1",
        "rmsprop:lr=0.01,momentum=0.5",
        "lbfgs",
    ] {
        let mut a = on("himmelblau", &[spec], start, (160, 48), ColorMode::NoColor);
        update(&mut a, Action::ToggleAnatomy);
        for _ in 0..4 {
            let s = anatomy::next_step(&a)
                .unwrap_or_else(|| panic!("{spec}"))
                .clone();
            assert!(!s.anatomy.terms.is_empty(), "{spec}");
            for (t, d) in s.terms_sum().iter().zip(s.step_vector()) {
                assert!(
                    (t - d).abs() <= 1e-12 * d.abs().max(1.0),
                    "{spec}: {t} vs {d}"
                );
            }
            let before = a.racers[0].run.current().step;
            update(&mut a, Action::Step);
            // The step explained is the step the run then took.
            let now = a.racers[0].run.current();
            assert_eq!(now.step, before + 1);
            assert_eq!(now.x, Point::new(s.x_after[0], s.x_after[1]), "{spec}");
        }
        // Changing lr rebuilds the lookahead for the new run.
        update(&mut a, Action::LrUp);
        let s = anatomy::next_step(&a).unwrap();
        assert_eq!(s.step, 1, "{spec}");
    }
}

#[test]
fn slice_panel_shows_down_and_up_at_a_saddle() {
    for size in SIZES {
        let mut a = on(
            "saddle",
            &["gd:lr=0.01"],
            Point::new(0.5, 0.3),
            size,
            ColorMode::NoColor,
        );
        a.cursor = Point::new(0.0, 0.0);
        update(&mut a, Action::CycleSlice);
        assert_eq!(a.instruments.slice, Some(SliceDirection::LastStep));
        let screen = text(&render(&a));
        assert!(screen.contains("not moved yet"), "{size:?}\n{screen}");
        update(&mut a, Action::CycleSlice);
        let screen = text(&render(&a));
        assert!(screen.contains("f'' = -2 ∩ down"), "{size:?}\n{screen}");
        // The line is drawn on the map: v₁ of x² − y² is vertical.
        assert!(count(&screen, '┆') >= 3, "{size:?}\n{screen}");
        let v = slice::slice_view(&a, 41).unwrap();
        assert_eq!(v.slice.curvature, -2.0);
        for (t, f) in v.slice.ts.iter().zip(&v.slice.values) {
            let p = v.slice.line.at(*t);
            assert_eq!(*f, p.x * p.x - p.y * p.y, "t {t}");
        }
        update(&mut a, Action::CycleSlice);
        let screen = text(&render(&a));
        assert!(screen.contains("f'' = 2 ∪ up"), "{size:?}\n{screen}");
        assert!(count(&screen, '┄') >= 3, "{size:?}\n{screen}");
        update(&mut a, Action::CycleSlice);
        assert_eq!(a.instruments.slice, None);
        assert!(!text(&render(&a)).contains("f''"));
    }
}

#[test]
fn slice_along_the_last_step_shows_the_runs_points_on_it() {
    // Gradient descent on the ravine from (4, 0) walks along y = 0: every point lies on the
    // line along its last step through the cursor at the minimum.
    let mut a = on(
        "ravine",
        &["gd:lr=0.1"],
        Point::new(4.0, 0.0),
        (160, 48),
        ColorMode::NoColor,
    );
    for _ in 0..10 {
        update(&mut a, Action::Step);
    }
    a.cursor = Point::new(0.0, 0.0);
    update(&mut a, Action::CycleSlice);
    let v = slice::slice_view(&a, 81).unwrap();
    assert!((v.slice.line.direction.x.abs() - 1.0).abs() < 1e-12);
    assert_eq!(v.near.len(), 11, "the start and ten steps");
    for p in &v.near {
        let x = a.racers[0].run.trajectory()[p.step].x;
        let want = 0.1 * x.x * x.x;
        assert!(
            (p.value - want).abs() <= 1e-15 * want.max(1.0),
            "{} vs {want}",
            p.value
        );
        assert!((p.t.abs() - x.x.abs()).abs() < 1e-12);
    }
    // φ'' along x is ∂²f/∂x² = 0.2.
    assert!((v.slice.curvature - 0.2).abs() < 1e-12);
    let screen = text(&render(&a));
    assert!(screen.contains("• 11 run points"), "{screen}");
    assert!(screen.contains("f'' = 0.2 ∪ up"), "{screen}");
}

#[test]
fn sharpness_series_are_lambda_max_and_two_over_lr() {
    let mut a = on(
        "ravine",
        &["gd:lr=0.4"],
        Point::new(3.0, 1.0),
        (80, 24),
        ColorMode::NoColor,
    );
    update(&mut a, Action::ToggleSharpness);
    // On a narrow screen the panel comes up by itself.
    assert_eq!(a.panel, losscape::tui::app::Panel::Loss);
    for _ in 0..5 {
        update(&mut a, Action::Step);
    }
    let series = losscape::tui::widgets::sharpness::series(&a, 100);
    let (sharp, edge) = &series[0];
    assert!(sharp.iter().all(|p| (p.1 - 4.0).abs() < 1e-12), "{sharp:?}");
    assert!(edge.iter().all(|p| (p.1 - 5.0).abs() < 1e-12), "{edge:?}");
    let screen = text(&render(&a));
    assert!(screen.contains("2/lr"), "{screen}");
}
