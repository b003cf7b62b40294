//! Many runs at once in the visualizer: the basin overlay (`B`), the sweep map (`W`) and
//! tuning the race (`T`).
//!
//! The layers are caches brought up to date by [`sync`] after every action (as the field and
//! the instruments are), so `update` stays the only place state changes and a recording or a
//! still frame shows what the screen showed.

use super::app::App;
use super::basin_layer::BasinLayer;
use super::sweep_layer::SweepLayer;
use crate::optim::batch::no_progress;
use crate::optim::batch::tune::{Objective, Setup};
use crate::render::ticks::fmt_num;

/// Steps of every candidate when `T` tunes the race.
pub const TUNE_STEPS: usize = 500;

#[derive(Default)]
pub struct ManyRuns {
    /// Tint the map by the basin each start reaches with the selected optimizer.
    pub basins: bool,
    pub basin_layer: Option<BasinLayer>,
    /// Show the selected optimizer's lr × main-hyperparameter map instead of the surface.
    pub sweep: bool,
    pub sweep_layer: Option<SweepLayer>,
}

/// Brings the layers that are switched on in line with the surface, view and selected run.
pub fn sync(app: &mut App) {
    let Some(racer) = app.racers.get(app.selected) else {
        return;
    };
    let spec = racer.run.spec().clone();
    let start = racer.run.start();
    let name = app.surface.name().to_string();
    if app.many.basins {
        let vp = app.viewport();
        let stale = app
            .many
            .basin_layer
            .as_ref()
            .is_none_or(|l| !l.is_for(&name, &vp, &spec));
        if stale {
            let layer = BasinLayer::compute(&app.surface, &spec, vp, &app.critical, app.seed);
            app.many.basin_layer = Some(layer);
        }
    }
    if app.many.sweep {
        let stale = app
            .many
            .sweep_layer
            .as_ref()
            .is_none_or(|l| !l.is_for(&name, start, &spec));
        if stale {
            match SweepLayer::compute(&app.surface, &spec, start, app.seed) {
                Ok(l) => app.many.sweep_layer = Some(l),
                Err(e) => {
                    app.message = Some(format!("sweep: {e}"));
                    app.many.sweep = false;
                }
            }
        }
    }
}

pub fn toggle_basins(app: &mut App) {
    app.many.basins = !app.many.basins;
    if !app.many.basins {
        app.many.basin_layer = None;
    }
}

pub fn toggle_sweep(app: &mut App) {
    app.many.sweep = !app.many.sweep;
    if app.many.sweep {
        app.message = Some("sweep map: click a setting to use it (W closes)".into());
    } else {
        app.many.sweep_layer = None;
    }
}

/// A lesson's `basins = N`: the overlay of optimizer `which` (selected), or off.
pub fn show_basins(app: &mut App, which: Option<usize>) {
    match which {
        Some(i) if i < app.racers.len() => {
            app.selected = i;
            app.many.basins = true;
        }
        _ => {
            app.many.basins = false;
            app.many.basin_layer = None;
        }
    }
}

/// A click on the sweep map sets the selected optimizer to that cell's lr and main
/// hyperparameter; returns false when the sweep map is not shown or the click is outside it.
pub fn sweep_click(app: &mut App, col: u16, row: u16) -> bool {
    let Some(layer) = app.many.sweep_layer.as_ref().filter(|_| app.many.sweep) else {
        return false;
    };
    let f = app.layout().field;
    let Some((i, j)) = super::widgets::sweep::cell_at(layer, f, col, row) else {
        return false;
    };
    let Some(racer) = app.racers.get(app.selected) else {
        return false;
    };
    match layer.setting(&racer.base, i, j) {
        Ok(spec) => {
            let what = describe(&spec);
            super::update::respec_selected(app, spec, what);
        }
        Err(e) => app.message = Some(e.to_string()),
    }
    true
}

fn describe(spec: &crate::optim::OptimizerSpec) -> String {
    let mut s = format!("lr={}", fmt_num(spec.lr()));
    if let Some((k, v)) = spec.main_hyperparameter() {
        s.push_str(&format!(", {k}={}", fmt_num(v)));
    }
    s
}

/// Tunes every racer's learning rate for the same budget from its own start (lowest final
/// loss after [`TUNE_STEPS`] steps: `losscape tune`'s search), then restarts the race.
pub fn tune_race(app: &mut App) {
    let mut setup = Setup::new(
        app.surface.clone(),
        app.start,
        TUNE_STEPS,
        Objective::Loss,
        1e-6,
        app.seed,
    );
    let (seed, noise) = (app.seed, app.noise);
    let mut done = Vec::new();
    for r in &mut app.racers {
        setup.start = r.run.start();
        let tuned = setup.tune(&r.base, &no_progress).and_then(|t| {
            r.rebuild(setup.surface.clone(), t.spec, seed, noise)
                .map(|()| t.lr)
        });
        match tuned {
            Ok(lr) => done.push(format!("{} lr={}", r.base.name(), fmt_num(lr))),
            Err(e) => {
                app.message = Some(format!("tune: {e}"));
                return;
            }
        }
    }
    app.message = Some(format!(
        "tuned for {TUNE_STEPS} steps: {} (one start on one function is not a benchmark)",
        done.join(", ")
    ));
}
