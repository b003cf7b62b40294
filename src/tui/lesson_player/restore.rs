//! Rebuilding the screen from the script's state (going back, restarting, leaving
//! exploring): the runs from their starts, replayed.

use super::beat::{add_racer, apply_show};
use super::{step_all, sync_caption};
use crate::tui::app::App;
use crate::tui::racer::NoiseMode;

/// Rebuilds the screen the script shows at its position: the lesson's surface, optimizers from
/// their starts replayed to the script's steps, its view, cursor and highlight; paused.
pub fn restore(app: &mut App) {
    let Some(player) = app.lesson.as_mut() else {
        return;
    };
    let state = player.script.state();
    let script = player.script.clone();
    let lesson = script.lesson().clone();
    player.pending = 0;
    player.debt = 0.0;
    player.exploring = false;
    player.highlight = state.highlight;
    if app.surface.name() != lesson.surface.name() {
        app.set_surface_in(lesson.surface.clone(), lesson.view);
    }
    app.noise = NoiseMode::Exact;
    app.playing = false;
    app.step_debt = 0.0;
    app.menu = None;
    app.racers.clear();
    for (i, opt) in lesson.optimizers.iter().enumerate() {
        if !script.has_entered(i) {
            continue;
        }
        if let Some(r) = add_racer(app, opt) {
            for _ in 0..script.steps_of(i) {
                if !r.run.step() {
                    break;
                }
            }
        }
    }
    app.selected = app.selected.min(app.racers.len().saturating_sub(1));
    app.start = lesson.optimizers.first().map_or(app.start, |o| o.start);
    // The lesson's opening scene, if it has one (steps taken, seed, overlays, ...): it
    // rebuilds the race as the scene had it.
    let scene = lesson.scene.as_ref();
    if scene.is_some() {
        crate::tui::scene::arrange(app, &lesson.optimizers, scene);
        step_all(app, state.steps);
    }
    app.view = state.view;
    app.cursor = state
        .cursor
        .or(scene.and_then(|s| s.cursor))
        .unwrap_or(app.start);
    if lesson.beats.iter().any(|b| b.show.is_some()) {
        apply_show(app, &state.show);
    }
    crate::tui::many::show_basins(app, state.basins);
    sync_caption(app);
}
