//! Many runs in the visualizer on ratatui's TestBackend: the basin overlay (`B`), the sweep
//! map (`W`, clicking a setting) and tuning the race (`T`).

use crate::common;

use common::screen::{render, text};
use losscape::optim::batch::EndStatus;
use losscape::render::ColorMode;
use losscape::run::{Run, RunLimits, RunStatus};
use losscape::tui::basin_layer::OVERLAY_STEPS;
use losscape::tui::widgets::basins::HATCH;
use losscape::tui::{Action, App, Setup, update};

fn app(surface: &str, specs: &[&str], color: ColorMode, (w, h): (u16, u16)) -> App {
    let specs = specs.iter().map(|s| s.parse().unwrap()).collect();
    let mut app = App::new(Setup {
        specs,
        color,
        ..Setup::new(losscape::surface::resolve(surface).unwrap())
    });
    update(&mut app, Action::Resize(w, h));
    app
}

#[test]
fn basin_overlay_labels_agree_with_single_runs_and_follow_the_lr() {
    let mut a = app(
        "himmelblau",
        &["adam:lr=0.05"],
        ColorMode::TrueColor,
        (80, 24),
    );
    let before = render(&a);
    update(&mut a, Action::ToggleBasins);
    let after = render(&a);
    let layer = a
        .many
        .basin_layer
        .as_ref()
        .expect("computed when switched on");
    assert_eq!(
        layer.stride, 1,
        "adam takes the batch path: one run per cell"
    );
    let vp = layer.viewport;
    // Every 7th cell, an independent run from its centre ends in the same basin.
    let limits = RunLimits {
        max_steps: Some(OVERLAY_STEPS),
        ..RunLimits::default()
    };
    let reach = losscape::optim::batch::basin::reach(vp.region());
    let mut checked = 0;
    for (k, cell) in layer.cells.iter().enumerate().step_by(7) {
        let (c, r) = (
            (k % usize::from(vp.cols)) as u16,
            (k / usize::from(vp.cols)) as u16,
        );
        let mut run = Run::new(
            a.surface.clone(),
            layer.spec.clone(),
            vp.cell_center(c, r),
            0,
        )
        .with_limits(limits);
        while run.step() {}
        let end = run.current().x;
        let basin = a
            .critical
            .iter()
            .position(|cp| (cp.point - end).norm() <= reach)
            .filter(|_| !matches!(run.status(), RunStatus::Diverged { .. }));
        assert_eq!(cell.basin, basin, "cell ({c}, {r})");
        checked += 1;
    }
    assert!(checked > 100);
    // Himmelblau's four minima each get a share and their own colour.
    let reached: Vec<usize> = (0..layer.shares.len())
        .filter(|&i| layer.shares[i] > 0.05)
        .collect();
    assert_eq!(reached.len(), 4, "{:?}", layer.shares);
    let screen = text(&after);
    assert!(screen.contains("basins of adam:lr=0.05"), "{screen}");
    let tinted = (0..24u16)
        .flat_map(|y| (0..80u16).map(move |x| (x, y)))
        .filter(|&p| before[p].bg != after[p].bg)
        .count();
    assert!(tinted > 500, "only {tinted} cells tinted");
    // A new lr recomputes the overlay for the new spec.
    update(&mut a, Action::LrUp);
    let layer = a.many.basin_layer.as_ref().unwrap();
    assert_eq!(layer.spec.lr(), 0.1);
    update(&mut a, Action::ToggleBasins);
    assert!(a.many.basin_layer.is_none());
    assert_eq!(text(&render(&a)), text(&before));
}

#[test]
fn basin_overlay_hatches_where_runs_diverge_and_runs_newton_coarser() {
    // Plain GD with a large step diverges from the steep outer parts of himmelblau.
    let mut a = app("himmelblau", &["gd:lr=0.03"], ColorMode::NoColor, (80, 24));
    update(&mut a, Action::ToggleBasins);
    let layer = a.many.basin_layer.as_ref().unwrap();
    let diverged = layer
        .cells
        .iter()
        .filter(|c| c.status == EndStatus::Diverged)
        .count();
    assert!(diverged > 0 && diverged < layer.cells.len(), "{diverged}");
    let screen = text(&render(&a));
    assert!(screen.contains(HATCH), "{screen}");
    assert!(screen.contains("diverged"), "{screen}");
    // Newton is not element-wise: a coarser grid within the slow path's budget.
    let mut n = app("himmelblau", &["newton"], ColorMode::NoColor, (200, 60));
    update(&mut n, Action::ToggleBasins);
    let layer = n.many.basin_layer.as_ref().unwrap();
    assert!(layer.stride > 1);
    let converged = layer
        .cells
        .iter()
        .filter(|c| c.status == EndStatus::Converged)
        .count();
    assert!(converged > layer.cells.len() / 2);
}

#[test]
fn sweep_map_click_sets_lr_and_momentum_and_marks_it() {
    let mut a = app(
        "ravine",
        &["sgd:lr=0.01,momentum=0.5"],
        ColorMode::TrueColor,
        (100, 30),
    );
    update(&mut a, Action::ToggleSweep);
    let layer = a.many.sweep_layer.clone().expect("computed");
    assert_eq!(layer.y.as_ref().unwrap().key, "momentum");
    let statuses: Vec<EndStatus> = layer.outcomes.iter().map(|o| o.status).collect();
    assert!(statuses.contains(&EndStatus::Diverged), "large lr diverges");
    assert!(!statuses.iter().all(|s| *s == EndStatus::Diverged));
    let screen = text(&render(&a));
    assert!(screen.contains("sweep of sgd"), "{screen}");
    // The mark and the legend's.
    assert_eq!(screen.matches('◆').count(), 2, "{screen}");
    // Click the cell of setting (10, 15) and check the racer took its values.
    let f = a.layout().field;
    let g = losscape::tui::widgets::sweep::grid_rect(f).unwrap();
    let (col, row) = (0..g.width)
        .flat_map(|x| (0..g.height).map(move |y| (g.x + x, g.y + y)))
        .find(|&(c, r)| losscape::tui::widgets::sweep::cell_at(&layer, f, c, r) == Some((10, 15)))
        .unwrap();
    update(&mut a, Action::Click { col, row });
    let spec = &a.racers[0].base;
    let want_lr = layer.x.value(10);
    let want_m = layer.y.as_ref().unwrap().value(15);
    assert!((spec.lr() - want_lr).abs() <= 1e-12 * want_lr, "{spec}");
    assert_eq!(spec.main_hyperparameter(), Some(("momentum", want_m)));
    // Same map (only the swept keys changed), the mark moved to the clicked cell.
    assert_eq!(
        a.many.sweep_layer.as_ref().unwrap().outcomes,
        layer.outcomes
    );
    assert_eq!(layer.current(spec), (10, 15));
    let screen = text(&render(&a));
    assert_eq!(screen.matches('◆').count(), 2, "{screen}");
    assert_eq!(a.racers[0].run.current().step, 0, "the run restarted");
}

#[test]
fn tune_key_gives_each_racer_an_lr_at_least_as_good_as_the_grid() {
    let mut a = app(
        "rosenbrock",
        &["sgd:lr=0.0001", "adam:lr=0.0001"],
        ColorMode::NoColor,
        (80, 24),
    );
    update(&mut a, Action::TuneRace);
    let msg = a.message.clone().unwrap();
    assert!(msg.contains("not a benchmark"), "{msg}");
    let loss_after = |spec: &losscape::optim::OptimizerSpec| {
        let limits = RunLimits {
            max_steps: Some(losscape::tui::many::TUNE_STEPS),
            ..RunLimits::default()
        };
        let start = a.surface.start();
        let mut run = Run::new(a.surface.clone(), spec.clone(), start, 0).with_limits(limits);
        while run.step() {}
        run.current().loss
    };
    for r in &a.racers {
        assert_ne!(r.base.lr(), 0.0001, "{}", r.base);
        let tuned = loss_after(&r.base);
        for k in 0..25 {
            let lr = 10f64.powf(-5.0 + 5.0 * f64::from(k) / 24.0);
            let grid = r.base.with_param("lr", &lr.to_string()).unwrap();
            let l = loss_after(&grid);
            assert!(
                tuned <= l || !l.is_finite(),
                "{}: {tuned} vs lr {lr}: {l}",
                r.base
            );
        }
    }
}

#[test]
fn basins_lesson_shows_adam_then_newton_and_its_story_holds() {
    use losscape::analysis::CriticalKind;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surfaces/lessons/basins_of_attraction.toml");
    let lesson = losscape::lesson::load(&path).unwrap();
    let mut a = App::new(Setup {
        color: ColorMode::TrueColor,
        ..Setup::lesson(lesson)
    });
    update(&mut a, Action::Resize(100, 30));
    let mut shown = Vec::new();
    // The lesson opens on its first beat; four more.
    for _ in 0..4 {
        update(&mut a, Action::LessonNext);
        let layer = a.many.basin_layer.as_ref().filter(|_| a.many.basins);
        shown.push(layer.map(|l| l.spec.name().to_string()));
        if let Some(l) = layer {
            let grey: f64 = (0..l.critical.len())
                .filter(|&i| l.critical[i].kind() != CriticalKind::Minimum)
                .map(|i| l.shares[i])
                .sum();
            // Adam only goes downhill; Newton also lands on saddles and the maximum.
            match l.spec.name() {
                "adam" => assert!(grey < 0.01, "adam: {grey}"),
                _ => assert!(grey > 0.01, "newton: {grey}"),
            }
        }
    }
    let names: Vec<Option<&str>> = shown.iter().map(|s| s.as_deref()).collect();
    assert_eq!(names, [Some("adam"), Some("newton"), Some("newton"), None]);
    // After the run beat (300 steps, played to the end): Newton sits on the saddle, Adam at
    // a minimum, as the caption says.
    for _ in 0..600 {
        update(&mut a, Action::Tick(1.0 / 30.0));
    }
    let kind_at = |p: losscape::surface::Point| {
        a.critical
            .iter()
            .find(|c| (c.point - p).norm() < 1e-3)
            .map(|c| c.kind())
    };
    let adam = a.racers[0].run.current().x;
    let newton = a.racers[1].run.current().x;
    assert_eq!(kind_at(adam), Some(CriticalKind::Minimum), "{adam:?}");
    assert_eq!(kind_at(newton), Some(CriticalKind::Saddle), "{newton:?}");
    assert!((newton.x + 0.128).abs() < 0.01 && (newton.y + 1.954).abs() < 0.01);
}

#[test]
fn the_basin_legend_never_cuts_a_point() {
    // At 100x30 the four minima's entries do not all fit on the map's last row: the ones
    // that do are whole, and "…" says more follow.
    for size in [(80, 24), (100, 30), (200, 60)] {
        let mut a = app("himmelblau", &["gd:lr=0.01"], ColorMode::NoColor, size);
        update(&mut a, Action::ToggleBasins);
        let screen = text(&render(&a));
        let row = screen
            .lines()
            .find(|l| l.contains("basins of"))
            .unwrap_or_else(|| panic!("{size:?}: no legend\n{screen}"));
        let legend = &row[row.find("basins of").unwrap()..];
        assert_eq!(
            legend.matches('(').count(),
            legend.matches(')').count(),
            "{size:?}: {legend}"
        );
        assert!(legend.contains("(3, 2)"), "{size:?}: {legend}");
    }
}
