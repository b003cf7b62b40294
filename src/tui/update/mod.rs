//! `update(&mut App, Action) -> Vec<Effect>`: every state change in one place, pure (no IO,
//! no clock), unit-tested. What needs the outside world (reading a surface file) comes back as
//! an [`Effect`] for the driver to perform; its outcome re-enters through
//! [`surface_loaded`]. One small file per family of actions.

mod menu;
mod playback;
mod race;
mod view;

pub use menu::surface_loaded;
pub(crate) use playback::step_all;
pub(crate) use race::respec_selected;
pub use view::map_point;

use super::action::{Action, Effect};
use super::app::App;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // A resize is no answer to anything: the line it would clear stays (e.g. the first one).
    if !matches!(action, Action::Tick(_) | Action::Resize(..)) {
        app.message = None;
    }
    if super::lesson_player::intercept(app, action) {
        app.sync_field();
        return Vec::new();
    }
    let effects = dispatch(app, action);
    app.sync_field();
    effects
}

/// Hands the action to its family.
fn dispatch(app: &mut App, action: Action) -> Vec<Effect> {
    use Action::*;
    match action {
        Quit => app.quit = true,
        Tick(_) | TogglePlay | Step | Steps(_) | Reset | Faster | Slower => {
            playback::apply(app, action)
        }
        MoveCursor(..)
        | Pan(..)
        | ZoomIn
        | ZoomOut
        | ZoomAt { .. }
        | ResetView
        | Click { .. }
        | MouseDown { .. }
        | MouseDrag { .. }
        | MouseUp { .. } => view::apply(app, action),
        StartAtCursor
        | StartSelectedAtCursor
        | Select(_)
        | NextOptimizer
        | LrUp
        | LrDown
        | HyperUp
        | HyperDown
        | CycleNoise
        | RemoveOptimizer => race::apply(app, action),
        ToggleArrows | ToggleHessianAxes | ToggleLabels | ToggleContours | ToggleCritical
        | ToggleCurvature | ToggleForecast | ToggleSharpness | ToggleAnatomy | CycleSlice
        | CycleScale | NextPanel | ShowPanel(_) | ToggleHelp => view::show(app, action),
        OpenSurfaces | OpenAddOptimizer | MenuUp | MenuDown | CloseMenu => menu::apply(app, action),
        MenuConfirm => return menu::confirm(app),
        ToggleBasins => crate::tui::many::toggle_basins(app),
        ToggleSweep => crate::tui::many::toggle_sweep(app),
        TuneRace => crate::tui::many::tune_race(app),
        SaveScene => return super::scene::save(app),
        Resize(w, h) => app.size = (w, h),
        // Without a lesson these keys do nothing (with one, `intercept` took them).
        LessonNext | LessonBack | LessonRestart => {}
        SwitchPlane => super::model::switch_plane(app),
        ToggleSpectrum => super::model::toggle_spectrum(app),
    }
    Vec::new()
}
