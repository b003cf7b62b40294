//! The two lists: surfaces (choosing one asks the driver to load it) and optimizers to add.

use crate::optim::{OptimizerSpec, REGISTRY};
use crate::surface::SharedSurface;
use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, Menu, SurfaceChoice, default_specs};

pub fn apply(app: &mut App, action: Action) {
    match action {
        Action::OpenSurfaces => {
            let index = app
                .surfaces
                .iter()
                .position(|c| c.name == app.surface.name())
                .unwrap_or(0);
            app.menu = Some(Menu::Surfaces { index });
        }
        Action::OpenAddOptimizer => app.menu = Some(Menu::AddOptimizer { index: 0 }),
        Action::MenuUp | Action::MenuDown => move_in_menu(app, action == Action::MenuDown),
        Action::CloseMenu => app.menu = None,
        _ => {}
    }
}

fn move_in_menu(app: &mut App, down: bool) {
    let len = match app.menu {
        Some(Menu::Surfaces { .. }) => app.surfaces.len(),
        Some(Menu::AddOptimizer { .. }) => REGISTRY.len(),
        None => 0,
    };
    if let Some(Menu::Surfaces { index } | Menu::AddOptimizer { index }) = &mut app.menu
        && len > 0
    {
        *index = if down {
            (*index + 1) % len
        } else {
            (*index + len - 1) % len
        };
    }
}

/// Enter in a list: a surface is loaded by the driver (a file may have changed since the list
/// was made), an optimizer joins the race at once.
pub fn confirm(app: &mut App) -> Vec<Effect> {
    match app.menu.take() {
        Some(Menu::Surfaces { index }) => match app.surfaces.get(index) {
            Some(choice) => vec![Effect::LoadSurface(choice.clone())],
            None => Vec::new(),
        },
        Some(Menu::AddOptimizer { index }) => {
            add_optimizer(app, index);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// The outcome of [`Effect::LoadSurface`]: the surface on screen, or why the file does not
/// load (on one line) with the surface unchanged.
pub fn surface_loaded(
    app: &mut App,
    choice: &SurfaceChoice,
    loaded: Result<SharedSurface, String>,
) -> Vec<Effect> {
    app.message = Some(match loaded {
        Ok(s) => {
            app.set_surface(s);
            format!("surface: {} ({})", choice.name, choice.origin)
        }
        // A broken file says where and why, on one line.
        Err(e) => e.replace('\n', " "),
    });
    app.sync_field();
    Vec::new()
}

fn add_optimizer(app: &mut App, index: usize) {
    let Some(name) = REGISTRY.get(index).map(|e| e.name) else {
        return;
    };
    // Prefer the tuned default for this name, if it is in the default race.
    let spec = default_specs()
        .into_iter()
        .find(|s| s.name() == name)
        .map(Ok)
        .unwrap_or_else(|| name.parse::<OptimizerSpec>());
    match spec {
        Ok(spec) => {
            let before = app.racers.len();
            app.push_racer(spec);
            if app.racers.len() > before {
                app.selected = before;
                app.message = Some(format!("added {}", app.racers[before].label()));
            }
        }
        Err(e) => app.message = Some(e.to_string()),
    }
}
