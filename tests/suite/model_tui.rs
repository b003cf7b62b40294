//! The visualizer on a real network (TestBackend): the map is a plane through the iris
//! network's 105 parameters, runs race in all of them and are drawn by their projection, the
//! inspector shows both losses, the full gradient norm and (M) the Hessian index, P switches to
//! the PCA plane, and the data panel shows the decision boundary.

use crate::common::screen::{render, text};
use losscape::model::{DataSet, Mlp, load, negative_count, spectrum};
use losscape::render::ColorMode;
use losscape::render::glyphs::head;
use losscape::tui::{Action, App, Setup, update};
use std::sync::Arc;

/// The iris network (2-8-8-1 tanh, 105 parameters) on every fifth flower: the same
/// landscape's kind at a fifth of the cost, so a debug build samples the map quickly.
fn iris() -> Arc<Mlp> {
    let full = load(std::path::Path::new("surfaces/models/iris.toml")).expect("iris model");
    let csv = std::fs::read_to_string("surfaces/data/iris.csv").expect("iris data");
    let mut lines = csv.lines();
    let mut text = format!("{}\n", lines.next().unwrap());
    for l in lines.step_by(5) {
        text.push_str(l);
        text.push('\n');
    }
    let mut data =
        DataSet::from_csv(&text, &["petal_length", "petal_width"], "is_virginica").unwrap();
    data.standardize().unwrap();
    assert_eq!(data.rows(), 30);
    Arc::new(Mlp::new(&full.name, full.arch.clone(), data, full.seed))
}

fn app(w: u16, h: u16, specs: &[&str]) -> App {
    let surface = losscape::tui::model::open(iris());
    let mut app = App::new(Setup {
        specs: specs.iter().map(|s| s.parse().expect("spec")).collect(),
        color: ColorMode::NoColor,
        ..Setup::new(surface)
    });
    update(&mut app, Action::Resize(w, h));
    app
}

#[test]
fn runs_are_in_all_parameters_and_drawn_by_their_projection() {
    let mut app = app(160, 48, &["adam:lr=0.01", "gd:lr=0.5"]);
    update(&mut app, Action::Steps(60));
    let net = app.surface.network().expect("a network plane");
    let run = &app.racers[0].run;
    assert_eq!(run.dim(), 105);
    assert_eq!(run.params_history().len(), 61);
    // The drawn point is the projection of the full parameters, and the recorded loss is the
    // network's true loss there (not the plane's).
    let theta = run.params();
    let p = losscape::run::Projection::project(net.plane.as_ref(), theta);
    assert_eq!(run.current().x, p);
    assert_eq!(run.current().loss, net.mlp.loss(theta));
    assert!(run.current().loss < run.trajectory()[0].loss);
    // Off the plane, the plane's value under the projection differs from the true loss.
    let plane_value = losscape::surface::Surface::value(net, p);
    assert!((plane_value - run.current().loss).abs() > 1e-6);
}

#[test]
fn inspector_shows_both_losses_and_the_full_gradient_at_160x48() {
    let mut app = app(160, 48, &["adam:lr=0.01", "gd:lr=0.5"]);
    update(&mut app, Action::Steps(40));
    let screen = text(&render(&app));
    assert!(
        screen.contains("random plane (seed 1) · N = 105"),
        "{screen}"
    );
    assert!(
        screen.contains("true L") && screen.contains("plane L"),
        "{screen}"
    );
    assert!(screen.contains("in all N"), "{screen}");
    // Both runs' true losses, as fmt_val prints them.
    for r in &app.racers {
        let loss = losscape::render::ticks::fmt_val(r.run.current().loss);
        assert!(screen.contains(&loss), "{loss} missing:\n{screen}");
    }
    // A path is drawn: the heads of both runs are on the map.
    let map = app.layout().field;
    let buf = render(&app);
    let on_map = |c: char| {
        (map.y..map.y + map.height)
            .any(|y| (map.x..map.x + map.width).any(|x| buf[(x, y)].symbol() == c.to_string()))
    };
    assert!(on_map(head(0)) && on_map(head(1)), "{screen}");
    // The data panel shows the rows and the decision boundary.
    assert!(screen.contains("petal_length × petal_width"), "{screen}");
    assert!(screen.contains('●') && screen.contains('○'), "{screen}");
}

#[test]
fn spectrum_key_shows_the_index_of_the_exact_hessian() {
    let mut app = app(160, 48, &["adam:lr=0.01"]);
    update(&mut app, Action::ToggleSpectrum);
    let net = app.surface.network().unwrap();
    let theta = net.lift(app.cursor);
    let ev = spectrum(&net.mlp.hessian(&theta));
    let k = negative_count(&ev);
    let screen = text(&render(&app));
    assert!(screen.contains(&format!("index {k} of 105")), "{screen}");
}

#[test]
fn pca_plane_holds_the_paths_and_says_its_variance() {
    let mut app = app(160, 48, &["adam:lr=0.01", "gd:lr=0.5"]);
    update(&mut app, Action::Steps(100));
    let before = app.racers[0].run.current().loss;
    update(&mut app, Action::SwitchPlane);
    let net = app.surface.network().unwrap();
    assert!(
        net.plane.describe().starts_with("PCA plane"),
        "{}",
        net.plane.describe()
    );
    // The runs keep their state; only their drawing moved to the new plane.
    assert_eq!(app.racers[0].run.current().loss, before);
    let p = app.racers[0].run.current().x;
    assert!(app.view.contains(p.x, p.y), "{p:?} outside {:?}", app.view);
    let screen = text(&render(&app));
    assert!(screen.contains("of the variance"), "{screen}");
    update(&mut app, Action::SwitchPlane);
    assert!(
        app.surface
            .network()
            .unwrap()
            .plane
            .describe()
            .starts_with("random")
    );
}

#[test]
fn renders_at_80x24_with_the_map_and_the_inspector() {
    let mut app = app(80, 24, &["adam:lr=0.01"]);
    update(&mut app, Action::Steps(30));
    let screen = text(&render(&app));
    assert!(screen.contains(head(0)), "{screen}");
    update(
        &mut app,
        Action::ShowPanel(losscape::tui::app::Panel::Inspector),
    );
    update(&mut app, Action::ToggleSpectrum);
    let screen = text(&render(&app));
    assert!(screen.contains("true L"), "{screen}");
    assert!(screen.contains("index "), "{screen}");
}

#[test]
fn finished_run_says_what_it_reached_in_n_dimensions() {
    // Newton in 105 dimensions heads for the nearest critical point, whatever its index.
    let mut app = app(160, 48, &["newton"]);
    update(&mut app, Action::Steps(60));
    let r = &app.racers[0];
    assert!(r.run.status().is_finished(), "{:?}", r.run.status());
    let v = app
        .model
        .finished(r.slot, r.run.current().step)
        .expect("a verdict");
    let ev = spectrum(&app.surface.network().unwrap().mlp.hessian(r.run.params()));
    assert_eq!(v.negative, negative_count(&ev));
    let screen = text(&render(&app));
    let said = losscape::tui::widgets::network::reached(&r.run, Some(v));
    assert!(screen.contains(&said), "{said} missing:\n{screen}");
}

#[test]
fn minibatch_noise_reaches_network_runs() {
    let mut app = app(120, 40, &["gd:lr=0.5"]);
    update(&mut app, Action::CycleNoise);
    assert!(app.racers[0].run.spec().to_string().contains("batch=16"));
    update(&mut app, Action::Steps(20));
    let noisy = app.racers[0].run.current().loss;
    let mut exact = self::app(120, 40, &["gd:lr=0.5"]);
    update(&mut exact, Action::Steps(20));
    assert_ne!(noisy, exact.racers[0].run.current().loss);
}

#[test]
fn the_surface_list_offers_the_models_and_loads_one_as_a_plane() {
    use losscape::tui::driver::{MODEL_KEY, perform, surface_choices};
    let choices = surface_choices(std::path::Path::new("surfaces"));
    let iris = choices
        .iter()
        .find(|c| c.name == "iris: virginica vs the rest (network)")
        .expect("iris in the list");
    assert!(iris.key.starts_with(MODEL_KEY) && !iris.broken, "{iris:?}");
    assert!(iris.origin.contains("105 parameters"), "{}", iris.origin);
    let mut app = App::new(Setup {
        color: ColorMode::NoColor,
        ..Setup::new(losscape::surface::resolve("himmelblau").unwrap())
    });
    // Sample the map on a worker, as live: the test checks the runs, not the picture.
    app.model.background = true;
    perform(&mut app, losscape::tui::Effect::LoadSurface(iris.clone()));
    let net = app.surface.network().expect("now a network plane");
    assert_eq!(net.mlp.len(), 105);
    assert_eq!(app.racers[0].run.dim(), 105);
}
