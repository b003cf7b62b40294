//! Playing one beat on top of what is on screen: its action, the optimizers entering the race
//! at it, and what its `show` opens.

use super::{step_pending, sync_caption};
use crate::lesson::{self, LessonOptimizer};
use crate::tui::app::{App, Panel};
use crate::tui::racer::Racer;

/// Plays the next beat on top of the screen: a run beat's steps are queued for the clock
/// (what a previous run beat still owed is done at once first).
pub fn next_beat(app: &mut App) {
    let owed = app.lesson.as_ref().map_or(0, |p| p.pending);
    step_pending(app, owed);
    let Some(player) = app.lesson.as_mut() else {
        return;
    };
    let Some(beat) = player.script.forward().cloned() else {
        app.message = Some("end of the lesson: PgUp goes back, Home restarts, q quits".into());
        return;
    };
    let show = beat.show;
    let entering: Vec<usize> = (0..player.script.lesson().optimizers.len())
        .filter(|&i| player.script.lesson().optimizers[i].enters == player.script.position())
        .collect();
    match beat.action {
        lesson::Action::None | lesson::Action::Pause { .. } => {}
        lesson::Action::Run { steps } => {
            player.pending = steps;
            player.per_frame = player.pace.steps_per_frame(steps).unwrap_or(0);
            player.debt = 0.0;
        }
        lesson::Action::Cursor(p) => app.cursor = p,
        lesson::Action::Highlight(p) => player.highlight = Some(p),
        lesson::Action::Zoom(r) => app.view = r,
        lesson::Action::Basins(b) => crate::tui::many::show_basins(app, b),
    }
    for i in entering {
        enter(app, i);
    }
    if let Some(names) = show {
        apply_show(app, &names);
    }
    sync_caption(app);
}

/// Adds lesson optimizer `i` to the race, from its own start.
fn enter(app: &mut App, i: usize) {
    let Some(opt) = app
        .lesson
        .as_ref()
        .and_then(|p| p.script.lesson().optimizers.get(i).cloned())
    else {
        return;
    };
    add_racer(app, &opt);
}

/// Opens what a beat's `show` names: a panel gets the focus (on small screens, the strip
/// under the map), overlays are turned on; what the lesson opened before and no longer
/// names closes.
pub(super) fn apply_show(app: &mut App, names: &[String]) {
    let panel = names.iter().find_map(|n| match n.as_str() {
        "optimizers" => Some(Panel::Legend),
        "loss" => Some(Panel::Loss),
        "inspector" => Some(Panel::Inspector),
        "data" if app.is_data_surface() => Some(Panel::Data),
        _ => None,
    });
    let had = app.lesson.as_ref().and_then(|p| p.opened_panel);
    match panel {
        Some(p) => app.panel = p,
        None if had.is_some_and(|h| h == app.panel) => app.panel = Panel::None,
        None => {}
    }
    let has = |n: &str| names.iter().any(|m| m == n);
    if let Some(player) = app.lesson.as_mut() {
        player.opened_panel = panel;
        for (name, on) in [
            ("arrows", &mut app.overlays.arrows),
            ("hessian-axes", &mut app.overlays.hessian_axes),
            ("critical", &mut app.overlays.critical),
        ] {
            let was = player.opened_overlays.iter().any(|o| o == name);
            if has(name) {
                *on = true;
            } else if was {
                *on = false;
            }
        }
        let before = std::mem::replace(&mut player.opened_overlays, names.to_vec());
        // The teaching instruments (anatomy, sharpness, slices...) open and close the same way.
        crate::tui::instruments::apply_show(app, names, &before);
    }
}

/// Adds a lesson optimizer to the race, restarted from its own start (the new racer, or
/// `None` if the app did not add one).
pub(super) fn add_racer<'a>(app: &'a mut App, opt: &LessonOptimizer) -> Option<&'a mut Racer> {
    let before = app.racers.len();
    app.push_racer(opt.parsed.clone());
    let r = app.racers.get_mut(before)?;
    r.own_start = Some(opt.start);
    r.run.restart(opt.start);
    Some(r)
}
