//! The subcommands: each takes its own argument type (clap derive, defined beside it), writes
//! to stdout or a terminal, and returns a [`CommandError`] that `main` turns into an exit code.

pub mod critical;
mod critical_constrained;
mod error;
pub mod explain;
pub mod gradcheck;
pub mod hessian;
pub mod play;
pub mod render;
pub mod run;
pub mod slice;
pub mod surfaces;
mod table;
pub mod tui;

pub use error::CommandError;

use crate::surface::SharedSurface;

/// Loads a `--surface` value (a built-in name or a surface file): the one place every command
/// turns the name into a surface, so a bad one reads the same everywhere (usage error, exit 2).
pub fn load_surface(name: &str) -> Result<SharedSurface, CommandError> {
    crate::surface::resolve(name).map_err(|e| CommandError::Usage(e.to_string()))
}
