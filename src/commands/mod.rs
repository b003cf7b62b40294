//! Headless subcommands: each writes to stdout and returns an error for the binary to report.

pub mod critical;
mod critical_constrained;
mod error;
pub mod gradcheck;
pub mod play;
pub mod render;
pub mod run;
pub mod surfaces;
mod table;
pub mod values;

pub use error::CommandError;
