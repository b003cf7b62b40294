//! losscape: loss landscapes and the optimizers that walk them, in a terminal.
//!
//! Layers, in the order data flows (see DESIGN.md):
//! - [`surface`]: loss surfaces with exact value, gradient and Hessian (numeric core);
//! - [`optim`] and [`run`]: optimizers stepping one iteration at a time on an [`optim::Oracle`];
//! - [`analysis`]: critical points, Hessian classification, gradient checks;
//! - [`render`]: a view of a surface turned into terminal cells (no terminal IO);
//! - [`tui`]: the interactive shell and the one driver of live screens, recordings and still
//!   frames; [`cli`], [`commands`] and [`args`]: the command line.

pub mod analysis;
pub mod args;
pub mod asciicast;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod lesson;
pub mod model;
pub mod objective;
pub mod optim;
pub mod record;
pub mod render;
pub mod run;
pub mod scene;
pub mod simd;
pub mod surface;
pub mod toml_doc;
pub mod tui;
