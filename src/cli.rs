//! Command-line types (clap derive) and parsing of points.

use crate::surface::{Point, Region};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "losscape",
    version,
    about = "Loss landscapes and the optimizers that walk them, in your terminal",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no command, `losscape [--surface S] [--opt SPEC]...` is `losscape tui ...`.
    #[command(flatten)]
    pub tui: TuiArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every surface (built-ins, then the files of ./surfaces/) with formula, view, start.
    Surfaces,
    /// List the critical points of a surface, classified by the Hessian.
    Critical(crate::commands::critical::CriticalArgs),
    /// Compare a surface's analytic gradient and Hessian with central finite differences.
    Gradcheck(crate::commands::gradcheck::GradcheckArgs),
    /// Run optimizers headless and print their trajectories (CSV, JSON or a summary table).
    Run(crate::commands::run::RunArgs),
    /// Print one still frame of the visualizer (map, trajectories, legend) as text.
    Render(crate::commands::render::RenderArgs),
    /// Open the interactive visualizer (the default when no command is given).
    Tui(TuiArgs),
    /// Play a lesson (surfaces/lessons/*.toml) in the visualizer, or record it headless.
    Play(crate::commands::play::PlayArgs),
}

/// Options of the visualizer; with none, a built-in race on Himmelblau's function.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TuiArgs {
    /// Surface to show: a built-in name (see `losscape surfaces`).
    #[arg(long, short, value_parser = parse_surface)]
    pub surface: Option<String>,
    /// Optimizer spec NAME[:key=value,...]; repeat to race several, e.g. --opt adam:lr=0.05.
    #[arg(long = "opt", short = 'o')]
    pub opts: Vec<String>,
    /// Common start point X,Y (default: the surface's own).
    #[arg(long, value_parser = parse_point, allow_hyphen_values = true)]
    pub start: Option<Point>,
    /// Seed for stochastic gradients.
    #[arg(long, default_value_t = 0, allow_hyphen_values = true, value_parser = crate::commands::values::parse_seed)]
    pub seed: u64,
    /// Record the session as an asciicast v2 file (plays with `asciinema play FILE.cast`).
    #[arg(long, value_name = "FILE.cast")]
    pub record: Option<std::path::PathBuf>,
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

/// Checks that `s` names a surface (built-in, or whatever `surface::resolve` accepts) and
/// returns it; the error lists the valid names.
pub fn parse_surface(s: &str) -> Result<String, String> {
    crate::surface::resolve(s)
        .map(|_| s.to_string())
        .map_err(|e| {
            // clap prints its own "error: invalid value ... :" before this; a file diagnostic
            // starts with "error: " too, and one is enough.
            let text = e.to_string();
            text.strip_prefix("error: ")
                .map(str::to_string)
                .unwrap_or(text)
        })
}

/// Parses `X0:X1,Y0:Y1` (e.g. `-3:3,-2:2`) into a region.
pub fn parse_region(s: &str) -> Result<Region, String> {
    s.parse::<Region>().map_err(|e| e.to_string())
}
