//! `losscape tune`: each optimizer's best learning rate for one start on one surface, within
//! the same budget of steps for all, so a race between them is fair.
//!
//! The search: a coarse log grid over 11 decades (1e-10 … 11, 5/24 of a decade apart, so it
//! holds every point of the 25-point grid over [1e-5, 1]), then two rounds of refinement
//! between the neighbours of the best point. It minimises the final loss, or (`--objective
//! steps`) the steps to bring f within `--tol` of the lowest critical value. Beside each result:
//! how sensitive the optimizer is (the range of lr whose objective is within 10× of its best).

use super::CommandError;
use super::progress::Progress;
use super::tune_search::{self, Objective, Tuned};
use crate::args::{DEFAULT_SEED, parse_opt, parse_point, parse_surface_name};
use crate::optim::OptimizerSpec;
use crate::surface::{Point, format_number as num};
use clap::{Args, ValueEnum};
use std::io::{self, Write};

pub const CAVEAT: &str = "one start on one function is not a benchmark: the best lr and the \
ranking change with the start, the surface and the budget of steps";

#[derive(Debug, Clone, Args)]
pub struct TuneArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// Optimizer spec NAME[:key=value,...]; repeat to tune several (its lr= is replaced).
    #[arg(long = "opt", value_name = "SPEC", required = true, value_parser = parse_opt)]
    pub opt: Vec<OptimizerSpec>,
    /// The budget of steps, the same for every optimizer.
    #[arg(long, default_value_t = 300)]
    pub steps: usize,
    /// Start point X,Y (default: the surface's start).
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub start: Option<Point>,
    /// What to minimise: the final loss, or the steps to bring f within --tol of its minimum.
    #[arg(long, value_enum, default_value_t = Objective::Loss)]
    pub objective: Objective,
    /// For --objective steps: how close to the lowest critical value f must come.
    #[arg(long, default_value_t = 1e-6, value_parser = parse_tol)]
    pub tol: f64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Seed of the random stream (noisy specs), the same for every run.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Worker threads (default: every core, or RAYON_NUM_THREADS); the output is the same.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

fn parse_tol(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!(
            "invalid tolerance '{s}': expected a number above 0, e.g. 1e-6"
        )),
    }
}

pub fn run(args: &TuneArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let surface = super::load_surface(&args.surface)?;
    let start = args.start.unwrap_or_else(|| surface.start());
    let setup = tune_search::Setup::new(
        surface,
        start,
        args.steps,
        args.objective,
        args.tol,
        args.seed,
    );
    let runs = tune_search::RUNS_PER_SPEC * args.opt.len();
    let progress = Progress::new(runs as u64, "tune");
    let tuned = super::with_threads(args.threads, || {
        args.opt
            .iter()
            .map(|spec| setup.tune(spec, &|n| progress.advance(n)))
            .collect::<Result<Vec<Tuned>, _>>()
    })?
    .map_err(|e| CommandError::Usage(format!("tune: {e}")))?;
    progress.finish();
    match args.format {
        Format::Table => write_table(&tuned, &setup, args, out)?,
        Format::Json => write_json(&tuned, &setup, args, out)?,
    }
    Ok(())
}

fn write_json(
    tuned: &[Tuned],
    setup: &tune_search::Setup,
    args: &TuneArgs,
    out: &mut dyn Write,
) -> io::Result<()> {
    let runs: Vec<serde_json::Value> = tuned
        .iter()
        .map(|t| {
            serde_json::json!({
                "spec": t.spec.to_string(),
                "lr": t.lr,
                "loss": t.loss,
                "steps": t.steps,
                "status": t.status.name(),
                "sensitivity": {
                    "lr_min": t.sensitivity.0,
                    "lr_max": t.sensitivity.1,
                    "decades": decades(t.sensitivity),
                },
                "evaluated": t.evaluated,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "surface": args.surface,
        "start": [setup.start.x, setup.start.y],
        "steps": args.steps,
        "objective": match args.objective { Objective::Loss => "loss", Objective::Steps => "steps" },
        "tol": args.tol,
        "target": setup.target(),
        "runs": runs,
        "caveat": CAVEAT,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn decades((lo, hi): (f64, f64)) -> f64 {
    (hi / lo).log10()
}

fn write_table(
    tuned: &[Tuned],
    setup: &tune_search::Setup,
    args: &TuneArgs,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (s, what) = (
        setup.start,
        match args.objective {
            Objective::Loss => format!("the lowest loss after {} steps", args.steps),
            Objective::Steps => format!(
                "the fewest steps (of {}) to f ≤ {} (lowest critical value + {})",
                args.steps,
                num(setup.target()),
                num(args.tol)
            ),
        },
    );
    writeln!(
        out,
        "tuned lr for {what} on {} from ({}, {})",
        args.surface,
        num(s.x),
        num(s.y)
    )?;
    let rows: Vec<[String; 6]> = tuned
        .iter()
        .map(|t| {
            let (lo, hi) = t.sensitivity;
            let steps = match t.steps {
                Some(n) => n.to_string(),
                None => "—".into(),
            };
            [
                t.spec.to_string(),
                format!("{:.3e}", t.lr),
                format!("{:.6e}", t.loss),
                steps,
                t.status.name().into(),
                format!(
                    "{:.2e} … {:.2e} ({:.1} decades)",
                    lo,
                    hi,
                    decades(t.sensitivity)
                ),
            ]
        })
        .collect();
    let within = match args.objective {
        Objective::Loss => "lr within 10× of the best loss",
        Objective::Steps => "lr within 10× of the fewest steps",
    };
    let header = ["spec", "lr", "loss", "steps", "status", within].map(String::from);
    super::table::write(out, &header, &rows)?;
    writeln!(out, "note: {CAVEAT}.")
}
