//! Command-line types (clap derive) and parsing of points.

use crate::surface::Point;
use clap::{Args, Parser, Subcommand};

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
    /// Run optimizers headless and print their trajectories (CSV, JSON or a summary table).
    Run(RunArgs),
}

/// `losscape run --surface S --opt SPEC [--opt SPEC ...] --start X,Y --steps N`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long)]
    pub surface: String,
    /// Optimizer spec NAME[:key=value,...], e.g. adam:lr=0.05,beta2=0.99; repeat to race several.
    #[arg(long = "opt", value_name = "SPEC", required = true)]
    pub opt: Vec<crate::optim::OptimizerSpec>,
    /// Start point X,Y (default: the surface's start), e.g. --start -1.5,2.
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub start: Option<Point>,
    /// Maximum number of steps per optimizer.
    #[arg(long, default_value_t = 100)]
    pub steps: usize,
    /// Seed of the random stream (noise, minibatches); same seed, same output.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::commands::run::OutputFormat::Csv)]
    pub format: crate::commands::run::OutputFormat,
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
