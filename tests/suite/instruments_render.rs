//! The teaching instruments on ratatui's TestBackend at 80x24 and 160x48: the curvature map,
//! the forecast ahead of the head, and the loss panel's sharpness mode.

use crate::common;

use common::screen::{render, text};
use losscape::analysis::Curvature;
use losscape::render::ColorMode;
use losscape::render::curvature::{FORECAST, class_glyph};
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
