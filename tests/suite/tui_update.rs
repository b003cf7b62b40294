//! `update(&mut App, Action)`: one test (at least) per action, asserting the resulting state.

use losscape::render::ColorMode;
use losscape::surface::{Point, builtin};
use losscape::tui::app::{Menu, Panel, SPEEDS};
use losscape::tui::update::map_point;
use losscape::tui::{Action, App, Effect, Setup, driver, update};

fn app_with(specs: &[&str]) -> App {
    let mut app = App::new(Setup {
        specs: specs
            .iter()
            .map(|s| s.parse().expect("valid spec"))
            .collect(),
        seed: 7,
        color: ColorMode::NoColor,
        ..Setup::new(builtin("himmelblau").unwrap())
    });
    update(&mut app, Action::Resize(120, 40));
    app
}

fn app() -> App {
    app_with(&["gd:lr=0.01", "gd:lr=0.002"])
}

fn steps(app: &App) -> Vec<usize> {
    app.racers.iter().map(|r| r.run.current().step).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn quit_sets_the_flag() {
    let mut a = app();
    update(&mut a, Action::Quit);
    assert!(a.quit);
}

#[test]
fn tick_steps_at_the_chosen_speed_and_carries_fractions() {
    let mut a = app();
    assert!(a.playing);
    assert_eq!(a.steps_per_second(), 20.0);
    update(&mut a, Action::Tick(1.0));
    assert_eq!(steps(&a), vec![20, 20]);
    // 20/s × 0.025 s = half a step: nothing yet, then the second half completes one.
    update(&mut a, Action::Tick(0.025));
    assert_eq!(steps(&a), vec![20, 20]);
    update(&mut a, Action::Tick(0.025));
    assert_eq!(steps(&a), vec![21, 21]);
}

#[test]
fn ticks_do_not_resample_the_field() {
    let mut a = app();
    let builds = a.field_builds;
    for _ in 0..10 {
        update(&mut a, Action::Tick(0.05));
    }
    assert_eq!(a.field_builds, builds);
    update(&mut a, Action::ZoomIn);
    assert_eq!(a.field_builds, builds + 1);
}

#[test]
fn toggle_play_pauses_the_clock() {
    let mut a = app();
    update(&mut a, Action::TogglePlay);
    assert!(!a.playing);
    update(&mut a, Action::Tick(1.0));
    assert_eq!(steps(&a), vec![0, 0]);
    update(&mut a, Action::TogglePlay);
    assert!(a.playing);
}

#[test]
fn step_pauses_and_takes_one_gradient_step() {
    let mut a = app();
    update(&mut a, Action::Step);
    assert!(!a.playing);
    assert_eq!(steps(&a), vec![1, 1]);
    // From (-0.3, -1.5): ∇f = (4x·a + 2b, 2a + 4y·b) with a = x² + y − 11 = -12.41,
    // b = x + y² − 7 = -5.05: ∇f = (14.892 − 10.1, −24.82 + 30.3) = (4.792, 5.48).
    // gd lr = 0.01: x₁ = (-0.3 − 0.04792, -1.5 − 0.0548).
    let x1 = a.racers[0].run.current().x;
    assert!(close(x1.x, -0.34792) && close(x1.y, -1.5548), "{x1:?}");
}

#[test]
fn reset_returns_every_run_to_its_start() {
    let mut a = app();
    update(&mut a, Action::Tick(1.0));
    update(&mut a, Action::Reset);
    assert_eq!(steps(&a), vec![0, 0]);
    assert_eq!(a.racers[0].run.current().x, Point::new(-0.3, -1.5));
}

#[test]
fn faster_and_slower_walk_the_speed_table_and_stop_at_its_ends() {
    let mut a = app();
    update(&mut a, Action::Faster);
    assert_eq!(a.steps_per_second(), 50.0);
    for _ in 0..20 {
        update(&mut a, Action::Faster);
    }
    assert_eq!(a.steps_per_second(), SPEEDS[SPEEDS.len() - 1]);
    for _ in 0..20 {
        update(&mut a, Action::Slower);
    }
    assert_eq!(a.steps_per_second(), 1.0);
}

#[test]
fn cursor_moves_by_whole_cells_with_true_aspect() {
    let mut a = app();
    let vp = a.viewport();
    let c0 = a.cursor;
    update(&mut a, Action::MoveCursor(1, 0));
    assert!(close(a.cursor.x - c0.x, vp.dx) && close(a.cursor.y, c0.y));
    update(&mut a, Action::MoveCursor(0, 1));
    // One row down is twice a column's width, downwards.
    assert!(close(c0.y - a.cursor.y, 2.0 * vp.dx));
    // The cursor never leaves the view.
    for _ in 0..500 {
        update(&mut a, Action::MoveCursor(-1, -1));
    }
    let reg = a.viewport().region();
    assert!(reg.contains(a.cursor.x, a.cursor.y));
}

#[test]
fn pan_shifts_the_view_by_a_tenth() {
    let mut a = app();
    let v0 = a.view;
    update(&mut a, Action::Pan(1, 0));
    assert!(close(a.view.x0 - v0.x0, 0.1 * v0.width()));
    update(&mut a, Action::Pan(0, -1));
    assert!(close(v0.y0 - a.view.y0, 0.1 * v0.height()));
}

#[test]
fn zoom_in_and_out_about_the_cursor() {
    let mut a = app();
    let v0 = a.view;
    update(&mut a, Action::ZoomIn);
    assert!(close(a.view.width(), v0.width() / 1.25));
    update(&mut a, Action::ZoomOut);
    assert!(close(a.view.x0, v0.x0) && close(a.view.y1, v0.y1));
}

#[test]
fn wheel_zoom_keeps_the_point_under_the_mouse() {
    let mut a = app();
    let f = a.layout().field;
    let (col, row) = (f.x + 10, f.y + 5);
    let before = map_point(&a, col, row).expect("on the map");
    update(
        &mut a,
        Action::ZoomAt {
            col,
            row,
            zoom_in: true,
        },
    );
    let after = map_point(&a, col, row).expect("still on the map");
    let dx = a.viewport().dx;
    assert!((before - after).norm() < dx, "{before:?} {after:?}");
    assert!(a.view.width() < 10.0);
}

#[test]
fn reset_view_restores_the_surface_default() {
    let mut a = app();
    update(&mut a, Action::ZoomIn);
    update(&mut a, Action::Pan(1, 1));
    update(&mut a, Action::ResetView);
    assert_eq!(a.view, builtin("himmelblau").unwrap().view());
}

#[test]
fn click_on_the_map_restarts_all_runs_there() {
    let mut a = app();
    update(&mut a, Action::Tick(1.0));
    let f = a.layout().field;
    let p = map_point(&a, f.x + 3, f.y + 4).unwrap();
    update(
        &mut a,
        Action::Click {
            col: f.x + 3,
            row: f.y + 4,
        },
    );
    assert_eq!(a.start, p);
    assert_eq!(a.cursor, p);
    for r in &a.racers {
        assert_eq!(r.run.trajectory().len(), 1);
        assert_eq!(r.run.start(), p);
    }
    // A click on the title bar is not on the map: nothing changes.
    update(&mut a, Action::Click { col: 0, row: 0 });
    assert_eq!(a.start, p);
}

#[test]
fn press_and_release_without_moving_is_a_click() {
    let mut a = app();
    let f = a.layout().field;
    let (col, row) = (f.x + 6, f.y + 3);
    let p = map_point(&a, col, row).unwrap();
    update(&mut a, Action::MouseDown { col, row });
    assert_eq!(a.start, Point::new(-0.3, -1.5), "nothing yet on press");
    update(&mut a, Action::MouseUp { col, row });
    assert_eq!(a.start, p);
}

#[test]
fn dragging_pans_the_map_and_sets_no_start() {
    let mut a = app();
    let v0 = a.view;
    let dx = a.viewport().dx;
    let f = a.layout().field;
    let (col, row) = (f.x + 20, f.y + 10);
    update(&mut a, Action::MouseDown { col, row });
    update(
        &mut a,
        Action::MouseDrag {
            col: col + 4,
            row: row + 2,
        },
    );
    update(
        &mut a,
        Action::MouseUp {
            col: col + 4,
            row: row + 2,
        },
    );
    // 4 columns right and 2 rows down: the view moves 4·dx left and 2·(2dx) up.
    assert!(close(a.view.x0, v0.x0 - 4.0 * dx));
    assert!(close(a.view.y0, v0.y0 + 4.0 * dx));
    assert_eq!(a.start, Point::new(-0.3, -1.5));
}

#[test]
fn click_on_a_legend_row_selects_that_optimizer() {
    let mut a = app();
    let (_, legend) = a
        .layout()
        .panels
        .into_iter()
        .find(|(p, _)| *p == Panel::Legend)
        .expect("legend beside the map at 120x40");
    // Row 0 is the border, row 1 the header, row 2 the first optimizer.
    update(
        &mut a,
        Action::Click {
            col: legend.x + 5,
            row: legend.y + 3,
        },
    );
    assert_eq!(a.selected, 1);
    assert_eq!(a.start, Point::new(-0.3, -1.5), "not a map click");
}

#[test]
fn start_at_cursor_moves_every_start() {
    let mut a = app();
    update(&mut a, Action::MoveCursor(5, 0));
    update(&mut a, Action::StartAtCursor);
    assert_eq!(a.start, a.cursor);
    assert!(a.racers.iter().all(|r| r.run.start() == a.cursor));
}

#[test]
fn start_selected_at_cursor_moves_only_that_run() {
    let mut a = app();
    update(&mut a, Action::Select(1));
    update(&mut a, Action::MoveCursor(5, 0));
    update(&mut a, Action::StartSelectedAtCursor);
    assert_eq!(a.racers[1].own_start, Some(a.cursor));
    assert_eq!(a.racers[1].run.start(), a.cursor);
    assert_eq!(a.racers[0].run.start(), Point::new(-0.3, -1.5));
    // Reset keeps each run's own start.
    update(&mut a, Action::Reset);
    assert_eq!(a.racers[1].run.start(), a.cursor);
}

#[test]
fn overlay_toggles_flip() {
    let mut a = app();
    let o = a.overlays;
    update(&mut a, Action::ToggleArrows);
    update(&mut a, Action::ToggleHessianAxes);
    update(&mut a, Action::ToggleLabels);
    update(&mut a, Action::ToggleContours);
    update(&mut a, Action::ToggleCritical);
    assert_eq!(a.overlays.critical, !o.critical);
    assert_eq!(a.overlays.arrows, !o.arrows);
    assert_eq!(a.overlays.hessian_axes, !o.hessian_axes);
    assert_eq!(a.overlays.labels, !o.labels);
    assert_eq!(a.overlays.contours, !o.contours);
}

#[test]
fn cycle_scale_changes_the_field_scale() {
    let mut a = app();
    update(&mut a, Action::CycleScale); // auto → linear
    assert!(!a.field.as_ref().unwrap().scale.log);
    update(&mut a, Action::CycleScale); // linear → log
    assert!(a.field.as_ref().unwrap().scale.log);
    update(&mut a, Action::CycleScale); // back to auto
    assert_eq!(a.scale_mode, losscape::render::ScaleMode::Auto);
}

#[test]
fn next_panel_cycles_and_skips_data_on_closed_form_surfaces() {
    let mut a = app();
    let mut seen = vec![a.panel];
    for _ in 0..5 {
        update(&mut a, Action::NextPanel);
        seen.push(a.panel);
    }
    assert_eq!(
        seen,
        vec![
            Panel::None,
            Panel::Legend,
            Panel::Loss,
            Panel::Inspector,
            Panel::MapOnly,
            Panel::None
        ]
    );
}

#[test]
fn help_toggles_and_changes_the_key_mode() {
    let mut a = app();
    update(&mut a, Action::ToggleHelp);
    assert!(a.help);
    assert_eq!(a.mode(), losscape::tui::event::Mode::Help);
    update(&mut a, Action::ToggleHelp);
    assert!(!a.help);
}

#[test]
fn select_and_next_optimizer() {
    let mut a = app();
    update(&mut a, Action::Select(1));
    assert_eq!(a.selected, 1);
    update(&mut a, Action::Select(9));
    assert_eq!(a.selected, 1);
    update(&mut a, Action::NextOptimizer);
    assert_eq!(a.selected, 0);
}

#[test]
fn learning_rate_keys_double_and_halve_the_selected_run_only() {
    let mut a = app();
    update(&mut a, Action::Tick(1.0));
    update(&mut a, Action::LrUp);
    assert!(close(a.racers[0].base.lr(), 0.02));
    assert_eq!(a.racers[0].run.trajectory().len(), 1, "restarted");
    assert_eq!(a.racers[1].run.current().step, 20, "untouched");
    update(&mut a, Action::LrDown);
    update(&mut a, Action::LrDown);
    assert!(close(a.racers[0].base.lr(), 0.005));
}

#[test]
fn open_surfaces_then_choose_one() {
    let mut a = app();
    update(&mut a, Action::OpenSurfaces);
    let here = a
        .surfaces
        .iter()
        .position(|c| c.name == "himmelblau")
        .unwrap();
    assert_eq!(a.menu, Some(Menu::Surfaces { index: here }));
    let bowl = a.surfaces.iter().position(|c| c.name == "bowl").unwrap();
    while a.menu != Some(Menu::Surfaces { index: bowl }) {
        update(&mut a, Action::MenuDown);
    }
    driver::apply(&mut a, Action::MenuConfirm);
    assert_eq!(a.menu, None);
    assert_eq!(a.surface.name(), "bowl");
    let s = builtin("bowl").unwrap();
    assert_eq!(a.view, s.view());
    assert_eq!(a.racers.len(), 2);
    assert!(a.racers.iter().all(|r| r.run.start() == s.start()));
    // The bowl's only critical point: the minimum at the origin.
    assert_eq!(a.critical.len(), 1);
    assert!(a.critical[0].point.norm() < 1e-6);
}

#[test]
fn menu_up_wraps_and_close_menu_cancels() {
    let mut a = app();
    update(&mut a, Action::OpenAddOptimizer);
    assert_eq!(a.menu, Some(Menu::AddOptimizer { index: 0 }));
    update(&mut a, Action::MenuUp);
    let n = losscape::optim::REGISTRY.len();
    assert_eq!(a.menu, Some(Menu::AddOptimizer { index: n - 1 }));
    update(&mut a, Action::CloseMenu);
    assert_eq!(a.menu, None);
    assert_eq!(a.racers.len(), 2);
}

#[test]
fn add_optimizer_from_the_list() {
    let mut a = app();
    update(&mut a, Action::OpenAddOptimizer);
    update(&mut a, Action::MenuConfirm);
    assert_eq!(a.racers.len(), 3);
    assert_eq!(a.selected, 2);
    assert_eq!(a.racers[2].base.name(), "gd");
    // It takes the first free colour slot (0 and 1 are taken).
    assert_eq!(a.racers[2].slot, 2);
}

#[test]
fn remove_optimizer_keeps_the_last_one() {
    let mut a = app();
    update(&mut a, Action::Select(1));
    update(&mut a, Action::RemoveOptimizer);
    assert_eq!(a.racers.len(), 1);
    assert_eq!(a.selected, 0);
    update(&mut a, Action::RemoveOptimizer);
    assert_eq!(a.racers.len(), 1);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("last optimizer")
    );
}

#[test]
fn resize_refits_the_field_to_the_map() {
    let mut a = app();
    update(&mut a, Action::Resize(200, 60));
    let f = a.layout().field;
    let vp = a.field.as_ref().unwrap().viewport();
    assert_eq!((vp.cols, vp.rows), (f.width, f.height));
    update(&mut a, Action::Resize(80, 24));
    assert!(!a.layout().wide);
    assert_eq!(
        a.field.as_ref().unwrap().viewport().cols,
        a.layout().field.width
    );
}

#[test]
fn hyper_keys_move_the_selected_main_hyperparameter() {
    let mut a = app_with(&["momentum:lr=0.01", "gd:lr=0.01"]);
    update(&mut a, Action::Tick(1.0));
    assert_eq!(
        a.racers[0].base.main_hyperparameter(),
        Some(("momentum", 0.9))
    );
    update(&mut a, Action::HyperUp);
    // The gap to 1 halves: 0.9 → 0.95; the run restarts.
    assert_eq!(
        a.racers[0].base.main_hyperparameter(),
        Some(("momentum", 0.95))
    );
    assert_eq!(a.racers[0].run.trajectory().len(), 1);
    assert_eq!(a.racers[1].run.current().step, 20);
    assert_eq!(a.racers[0].label(), "momentum m=0.95");
    update(&mut a, Action::HyperDown);
    update(&mut a, Action::HyperDown);
    assert_eq!(
        a.racers[0].base.main_hyperparameter(),
        Some(("momentum", 0.8))
    );
    // Plain gradient descent has none: a message, nothing changes.
    update(&mut a, Action::Select(1));
    update(&mut a, Action::HyperUp);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("no main hyperparameter")
    );
    assert_eq!(a.racers[1].run.current().step, 20);
}

#[test]
fn cycle_noise_on_a_closed_form_surface_adds_gaussian_noise() {
    use losscape::optim::GradientNoise;
    let mut a = app();
    let noise = |a: &App| {
        a.racers
            .iter()
            .map(|r| r.run.spec().noise())
            .collect::<Vec<_>>()
    };
    update(&mut a, Action::CycleNoise);
    assert_eq!(noise(&a), vec![GradientNoise::Gaussian { sigma: 1.0 }; 2]);
    update(&mut a, Action::CycleNoise);
    assert_eq!(noise(&a), vec![GradientNoise::Gaussian { sigma: 5.0 }; 2]);
    // The user's spec stays clean: noise is applied on top of it.
    assert_eq!(a.racers[0].base.noise(), GradientNoise::Exact);
    update(&mut a, Action::CycleNoise);
    assert_eq!(noise(&a), vec![GradientNoise::Exact; 2]);
}

#[test]
fn cycle_noise_on_a_data_surface_switches_to_minibatches() {
    use losscape::optim::GradientNoise;
    let mut a = App::new(Setup {
        specs: vec!["gd:lr=1e-5".parse().unwrap()],
        seed: 1,
        color: ColorMode::NoColor,
        ..Setup::new(builtin("linear-regression").unwrap())
    });
    update(&mut a, Action::CycleNoise);
    assert_eq!(
        a.racers[0].run.spec().noise(),
        GradientNoise::Minibatch { batch: 16 }
    );
    update(&mut a, Action::CycleNoise);
    assert_eq!(
        a.racers[0].run.spec().noise(),
        GradientNoise::Minibatch { batch: 1 }
    );
    update(&mut a, Action::CycleNoise);
    assert_eq!(a.racers[0].run.spec().noise(), GradientNoise::Exact);
}

#[test]
fn surface_list_offers_the_files_of_a_directory() {
    let dir = std::env::temp_dir().join(format!("losscape-tui-surfaces-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a_well.toml"),
        "name = \"double well\"\nexpression = \"x^4 + y^4 - 4*x*y\"\n\
         view = { x = [-2.0, 2.0], y = [-2.0, 2.0] }\nstart = [1.5, -0.5]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b_broken.toml"),
        "name = \"oops\"\nexpression = \"x +\"\n",
    )
    .unwrap();
    let mut a = App::new(Setup {
        specs: vec!["gd:lr=0.01".parse().unwrap()],
        color: ColorMode::NoColor,
        surfaces: driver::surface_choices(&dir),
        ..Setup::new(builtin("bowl").unwrap())
    });
    let n = a.surfaces.len();
    assert_eq!(a.surfaces[n - 2].name, "double well");
    assert!(!a.surfaces[n - 2].broken);
    assert!(a.surfaces[n - 1].broken);
    // Choose the file: its surface, its start, and its critical points (two minima at
    // (1, 1) and (-1, -1), the saddle at the origin: ∇f = (4x³ − 4y, 4y³ − 4x)).
    update(&mut a, Action::OpenSurfaces);
    while a.menu != Some(Menu::Surfaces { index: n - 2 }) {
        update(&mut a, Action::MenuDown);
    }
    // `update` reads no file: it asks for the chosen one, and the driver loads it.
    let effects = update(&mut a, Action::MenuConfirm);
    assert_eq!(a.surface.name(), "bowl", "nothing loaded yet");
    assert_eq!(effects, [Effect::LoadSurface(a.surfaces[n - 2].clone())]);
    for e in effects {
        assert!(driver::perform(&mut a, e).is_empty());
    }
    assert_eq!(a.surface.name(), "double well");
    assert_eq!(a.racers[0].run.start(), Point::new(1.5, -0.5));
    // The driver then searches the new view (on a worker thread when live).
    losscape::tui::critical::search_now(&mut a);
    assert_eq!(a.critical.len(), 3);
    // The broken file: the surface stays, the message says which file and why.
    update(&mut a, Action::OpenSurfaces);
    update(&mut a, Action::MenuDown);
    driver::apply(&mut a, Action::MenuConfirm);
    assert_eq!(a.surface.name(), "double well");
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.contains("b_broken.toml"), "{msg}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A slope and an intercept share no unit: the regression map fills its view box exactly
/// (true aspect would squeeze the valley into a line), while test functions keep true aspect.
#[test]
fn regression_map_fills_its_view_and_test_functions_keep_true_aspect() {
    let open = |surface: &str| {
        App::new(Setup {
            specs: vec!["gd:lr=1e-5".parse().unwrap()],
            seed: 1,
            color: ColorMode::NoColor,
            ..Setup::new(builtin(surface).unwrap())
        })
    };
    let mut a = open("linear-regression");
    update(&mut a, Action::Resize(160, 48));
    let (shown, asked) = (a.viewport().region(), a.view);
    for (s, q) in [
        (shown.x0, asked.x0),
        (shown.x1, asked.x1),
        (shown.y0, asked.y0),
        (shown.y1, asked.y1),
    ] {
        assert!(
            (s - q).abs() <= 1e-9 * q.abs().max(1.0),
            "{shown:?} vs {asked:?}"
        );
    }
    let mut h = open("himmelblau");
    update(&mut h, Action::Resize(160, 48));
    let v = h.viewport();
    assert!((v.dy / v.dx - losscape::render::CELL_ASPECT).abs() < 1e-12);
}

/// Each surface opens on a race that shows it: learning rates under the stability limit
/// 2/λmax of the raw regression (λmax = 57912.68 ⇒ 1/λmax = 1.73e-5 ⇒ lr 1e-5), the
/// constraint-honouring methods on a constrained surface. Switching surfaces carries an
/// unedited race along, and keeps an edited one.
#[test]
fn default_race_follows_the_surface_until_edited() {
    use losscape::surface::builtin;
    use losscape::tui::app::default_specs_for;
    let names = |specs: Vec<losscape::optim::OptimizerSpec>| -> Vec<String> {
        specs.iter().map(|s| s.to_string()).collect()
    };
    let regression = builtin("linear-regression").unwrap();
    assert_eq!(
        names(default_specs_for(regression.as_ref())),
        [
            "gd:lr=0.00001",
            "momentum:lr=0.00001",
            "adam:lr=0.1",
            "newton"
        ]
    );
    let circle = builtin("circle-linear").unwrap();
    assert_eq!(
        names(default_specs_for(circle.as_ref())),
        [
            "gd:lr=0.1",
            "projected:lr=0.1",
            "penalty:lr=0.1",
            "auglag:lr=0.1"
        ]
    );

    let mut a = app_with(&[]);
    a.set_surface(regression.clone());
    assert_eq!(a.racers[0].base.to_string(), "gd:lr=0.00001");
    let mut edited = app_with(&["adam:lr=0.05"]);
    edited.set_surface(regression);
    assert_eq!(edited.racers.len(), 1);
    assert_eq!(edited.racers[0].base.to_string(), "adam:lr=0.05");
}
