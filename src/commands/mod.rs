//! Headless subcommands: each writes to stdout and returns an error for the binary to report.

pub mod basins;
pub mod critical;
mod critical_constrained;
mod error;
pub mod gradcheck;
pub mod play;
mod progress;
pub mod render;
pub mod run;
pub mod surfaces;
pub mod sweep;
mod sweep_map;
mod table;
mod threads;
pub mod tune;
pub mod tune_search;

pub use error::CommandError;
use threads::with_threads;
