//! Command-line types (clap derive) and parsing of points.

use crate::surface::Point;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "losscape",
    version,
    about = "Loss landscapes and the optimizers that walk them, in your terminal"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every surface with its formula, view and start.
    Surfaces,
}

/// Parses `X,Y` (e.g. `-1.5,2`) into a point.
pub fn parse_point(s: &str) -> Result<Point, String> {
    let bad = || format!("invalid point '{s}': expected X,Y with two finite numbers, e.g. -1.5,2");
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    let x: f64 = a.trim().parse().map_err(|_| bad())?;
    let y: f64 = b.trim().parse().map_err(|_| bad())?;
    if !(x.is_finite() && y.is_finite()) {
        return Err(bad());
    }
    Ok(Point::new(x, y))
}
