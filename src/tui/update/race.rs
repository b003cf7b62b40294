//! The race: where runs start, which optimizer is selected, its learning rate and main
//! hyperparameter, gradient noise, removing one.

use crate::optim::OptimizerSpec;
use crate::render::ticks::fmt_num;
use crate::surface::Point;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::hyper::{main_hyperparameter, nudge, nudge_kind};

pub fn apply(app: &mut App, action: Action) {
    match action {
        Action::StartAtCursor => restart_all_from(app, app.cursor),
        Action::StartSelectedAtCursor => {
            let cursor = app.cursor;
            if let Some(r) = app.racers.get_mut(app.selected) {
                r.own_start = Some(cursor);
                r.run.restart(cursor);
                app.message = Some(format!("{} starts at its own point", r.label()));
            }
        }
        Action::Select(i) if i < app.racers.len() => app.selected = i,
        Action::NextOptimizer if !app.racers.is_empty() => {
            app.selected = (app.selected + 1) % app.racers.len();
        }
        Action::LrUp => scale_lr(app, 2.0),
        Action::LrDown => scale_lr(app, 0.5),
        Action::HyperUp => change_hyper(app, true),
        Action::HyperDown => change_hyper(app, false),
        Action::CycleNoise => cycle_noise(app),
        Action::RemoveOptimizer => remove_selected(app),
        _ => {}
    }
}

/// Every run restarts from `p`, the new common start.
pub fn restart_all_from(app: &mut App, p: Point) {
    app.start = p;
    for r in &mut app.racers {
        r.own_start = None;
        r.run.restart(p);
    }
    app.message = Some(format!("start ({}, {})", fmt_num(p.x), fmt_num(p.y)));
}

fn remove_selected(app: &mut App) {
    if app.racers.len() > 1 && app.selected < app.racers.len() {
        let gone = app.racers.remove(app.selected);
        app.message = Some(format!("removed {}", gone.label()));
        app.selected = app.selected.min(app.racers.len() - 1);
    } else {
        app.message = Some("the last optimizer stays (add another first: a)".into());
    }
}

/// Rebuilds the selected racer from `spec`, restarting its run; reports what happened.
pub(crate) fn respec_selected(app: &mut App, spec: OptimizerSpec, what: String) {
    let surface = app.surface.clone();
    let (seed, noise) = (app.seed, app.noise);
    if let Some(r) = app.racers.get_mut(app.selected) {
        match r.rebuild(surface, spec, seed, noise) {
            Ok(()) => app.message = Some(format!("{}: {what}, restarted", r.label())),
            Err(e) => app.message = Some(e.to_string()),
        }
    }
}

fn scale_lr(app: &mut App, factor: f64) {
    let Some(r) = app.racers.get(app.selected) else {
        return;
    };
    let lr = r.base.lr() * factor;
    if !(1e-8..=1e4).contains(&lr) {
        app.message = Some(format!(
            "learning rate stays within 1e-8 to 1e4 (now {})",
            r.base.lr()
        ));
        return;
    }
    match r.base.with_param("lr", &format!("{lr}")) {
        Ok(spec) => respec_selected(app, spec, format!("lr={}", fmt_num(lr))),
        Err(e) => app.message = Some(e.to_string()),
    }
}

fn change_hyper(app: &mut App, up: bool) {
    let Some(r) = app.racers.get(app.selected) else {
        return;
    };
    let Some((key, value)) = main_hyperparameter(&r.base) else {
        app.message = Some(format!(
            "{} has no main hyperparameter to change",
            r.base.name()
        ));
        return;
    };
    let new = nudge(nudge_kind(&r.base, key), value, up);
    match r.base.with_param(key, &format!("{new}")) {
        Ok(spec) => respec_selected(app, spec, format!("{key}={}", fmt_num(new))),
        Err(e) => app.message = Some(e.to_string()),
    }
}

fn cycle_noise(app: &mut App) {
    let next = app.noise.next();
    let data = app.is_data_surface();
    let surface = app.surface.clone();
    // Check every racer accepts it before changing any.
    for r in &app.racers {
        if let Err(e) = crate::tui::racer::effective_spec(&r.base, next, data) {
            app.message = Some(format!("cannot switch to {}: {e}", next.describe(data)));
            return;
        }
    }
    app.noise = next;
    for r in &mut app.racers {
        let base = r.base.clone();
        if let Err(e) = r.rebuild(surface.clone(), base, app.seed, next) {
            app.message = Some(e.to_string());
            return;
        }
    }
    app.message = Some(format!("gradients: {}", next.describe(data)));
}
