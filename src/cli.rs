//! The command line: the subcommands and, with none, the visualizer's options. Each argument
//! type lives with its command (`commands::*`); value parsers shared by several are in `args`.

use crate::commands;
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
    pub tui: commands::tui::TuiArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every surface (built-ins, then the files of ./surfaces/) with formula, view, start.
    Surfaces,
    /// List the critical points of a surface, classified by the Hessian.
    Critical(commands::critical::CriticalArgs),
    /// Compare a surface's analytic gradient and Hessian with central finite differences.
    Gradcheck(commands::gradcheck::GradcheckArgs),
    /// Run optimizers headless and print their trajectories (CSV, JSON or a summary table).
    Run(commands::run::RunArgs),
    /// The anatomy of each step of one optimizer: gradient, torch's state, named terms.
    Explain(commands::explain::ExplainArgs),
    /// Print one still frame of the visualizer (map, trajectories, legend) as text.
    Render(commands::render::RenderArgs),
    /// Open the interactive visualizer (the default when no command is given).
    Tui(commands::tui::TuiArgs),
    /// Train a network (surfaces/models/*.toml) with any optimizer; one row per step.
    Train(commands::train::TrainArgs),
    /// The exact Hessian spectrum of a network (surfaces/models/*.toml) at given parameters.
    Hessian(commands::hessian::HessianArgs),
    /// The loss of a network on a plane through its parameter space (CSV a, b, loss).
    Slice(commands::slice::SliceArgs),
    /// One optimizer from every cell of a grid: which critical point each start ends in.
    Basins(commands::basins::BasinsArgs),
    /// One optimizer over a grid of two of its hyperparameters, all from one start.
    Sweep(commands::sweep::SweepArgs),
    /// Each optimizer's best learning rate for one start and one budget of steps (a fair race).
    Tune(commands::tune::TuneArgs),
    /// Play a lesson (surfaces/lessons/*.toml) in the visualizer, or record it headless.
    Play(commands::play::PlayArgs),
    /// Turn a recording (asciicast v2 or v3) into an animated GIF.
    Gif(commands::gif::GifArgs),
}
