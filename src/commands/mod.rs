//! The subcommands: each takes its own argument type (clap derive, defined beside it), writes
//! to stdout or a terminal, and returns a [`CommandError`] that `main` turns into an exit code.

pub mod basins;
pub mod critical;
mod critical_constrained;
mod critical_rows;
mod error;
pub mod explain;
pub mod gif;
pub mod gradcheck;
pub mod hessian;
pub mod play;
mod progress;
pub mod render;
pub mod run;
pub mod slice;
pub mod surfaces;
pub mod sweep;
mod sweep_map;
mod table;
mod threads;
pub mod train;
pub mod tui;
pub mod tune;
/// The search behind `tune` lives in the core (the TUI's `T` uses it too).
pub use crate::optim::batch::tune as tune_search;
pub mod values;

pub use error::CommandError;
use threads::with_threads;

use crate::surface::SharedSurface;

/// Loads a `--surface` value (a built-in name or a surface file): the one place every command
/// turns the name into a surface, so a bad one reads the same everywhere (usage error, exit 2).
pub fn load_surface(name: &str) -> Result<SharedSurface, CommandError> {
    crate::surface::resolve(name).map_err(|e| CommandError::Usage(e.to_string()))
}
