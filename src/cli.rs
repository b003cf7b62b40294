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
    /// Open the interactive visualizer (the default when no command is given).
    Tui(TuiArgs),
}

/// Options of the visualizer; with none, a built-in race on Himmelblau's function.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TuiArgs {
    /// Surface to show: a built-in name (see `losscape surfaces`).
    #[arg(long, short)]
    pub surface: Option<String>,
    /// Optimizer spec NAME[:key=value,...]; repeat to race several, e.g. --opt adam:lr=0.05.
    #[arg(long = "opt", short = 'o')]
    pub opts: Vec<String>,
    /// Common start point X,Y (default: the surface's own).
    #[arg(long, value_parser = parse_point, allow_hyphen_values = true)]
    pub start: Option<Point>,
    /// Seed for stochastic gradients.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
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
