//! The interactive terminal shell: state (`App`), actions, drawing, and one driver.
//!
//! `App` holds everything a frame needs and is built from a [`Setup`] without IO;
//! `update(&mut App, Action)` is the only way it changes and returns [`Effect`]s instead of
//! doing IO; `ui::draw(&App, &mut Frame)` shows it. The [`driver`] alone performs effects and
//! draws into a sink: the terminal ([`live`]), a recording ([`record`]) or a still frame.

pub mod action;
pub mod app;
pub mod basin_layer;
pub mod critical;
mod default_race;
pub mod driver;
pub mod event;
pub mod hyper;
pub mod instruments;
pub mod layout;
pub mod lesson_player;
pub mod live;
pub mod many;
pub mod model;
pub mod racer;
pub mod reading;
pub mod record;
pub mod scene;
pub mod sweep_layer;
pub mod terminal;
pub mod ui;
pub mod update;
pub mod widgets;

pub use action::{Action, Effect};
pub use app::{App, Setup};
pub use update::update;

/// What can go wrong once the visualizer runs (bad options are the command's usage errors,
/// reported before the terminal is touched).
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(
        "the visualizer needs an interactive terminal, but stdout (or stdin) is not one.\n\
         For scripts and pipes use the headless commands, e.g.\n  \
         losscape run --surface himmelblau --opt adam:lr=0.1\n  \
         losscape critical --surface himmelblau"
    )]
    NotATerminal,
    #[error("cannot create the recording {}: {source}; check that its folder exists and is writable", path.display())]
    Recording {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

impl TuiError {
    /// Every one is a runtime failure: exit code 1.
    pub fn exit_code(&self) -> i32 {
        1
    }
}
