//! `losscape sweep`: one optimizer over a grid of two of its hyperparameters, every run from
//! the same start.
//!
//! CSV: `KEY_X,KEY_Y,loss,status,steps,end_x,end_y` (the two keys by name), one row per cell,
//! y outer, x inner, in the order of the values; `loss` is f where the run ended (for a
//! diverged run, the last point before it left). JSON has the same cells with the axes and the
//! best cell; `table` draws the map: how fast each setting converged, where it diverged.

use super::CommandError;
use super::progress::Progress;
use crate::args::{DEFAULT_SEED, parse_opt, parse_point, parse_surface_name};
use crate::optim::OptimizerSpec;
use crate::optim::batch::{self, EndStatus, Job, Outcome};
use crate::run::RunLimits;
use crate::surface::{Point, format_number as num};
use clap::{Args, ValueEnum};
use std::io::{self, Write};

#[derive(Debug, Clone, Args)]
pub struct SweepArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// The optimizer spec the axes modify, e.g. sgd:momentum=0.
    #[arg(long = "opt", value_name = "SPEC", value_parser = parse_opt)]
    pub opt: OptimizerSpec,
    /// The horizontal axis KEY=FROM:TO[:log], e.g. lr=0.01:1.5 or lr=1e-4:1:log.
    #[arg(long, value_name = "KEY=FROM:TO[:log]", value_parser = parse_axis, allow_hyphen_values = true)]
    pub x: Axis,
    /// The vertical axis, e.g. momentum=0:0.95.
    #[arg(long, value_name = "KEY=FROM:TO[:log]", value_parser = parse_axis, allow_hyphen_values = true)]
    pub y: Axis,
    /// Values per axis: W along x, H along y (both ends included).
    #[arg(long, value_name = "WxH", default_value = "60x40", value_parser = super::basins::parse_grid)]
    pub grid: super::basins::Grid,
    /// Maximum steps per run (a run stops earlier when it converges).
    #[arg(long, default_value_t = 300)]
    pub steps: usize,
    /// Start point X,Y (default: the surface's start).
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub start: Option<Point>,
    /// Output format: csv and json carry every cell at full precision, table draws the map.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Seed of the random stream (noisy specs), the same for every cell.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Worker threads (default: every core, or RAYON_NUM_THREADS); the output is the same.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Table,
}

/// One swept hyperparameter: `key` from `from` to `to`, evenly or log spaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub key: String,
    pub from: f64,
    pub to: f64,
    pub log: bool,
}

impl Axis {
    /// `n` values from `from` to `to`, both included (just `from` when n = 1).
    pub fn values(&self, n: usize) -> Vec<f64> {
        let at = |k: usize| {
            if n == 1 {
                return self.from;
            }
            let s = k as f64 / (n - 1) as f64;
            if k == n - 1 {
                self.to
            } else if self.log {
                (self.from.ln() + s * (self.to.ln() - self.from.ln())).exp()
            } else {
                self.from + s * (self.to - self.from)
            }
        };
        (0..n).map(at).collect()
    }
}

/// Parses `KEY=FROM:TO[:log]`.
pub fn parse_axis(s: &str) -> Result<Axis, String> {
    let bad = |why: &str| {
        format!(
            "invalid axis '{s}': {why}; expected KEY=FROM:TO[:log], e.g. lr=0.01:1.5 or lr=1e-4:1:log"
        )
    };
    let (key, range) = s.split_once('=').ok_or_else(|| bad("missing '='"))?;
    let key = key.trim();
    if key.is_empty() {
        return Err(bad("no key before '='"));
    }
    let mut parts = range.split(':');
    let mut number = |what: &str| -> Result<f64, String> {
        let t = parts
            .next()
            .ok_or_else(|| bad(&format!("missing {what}")))?;
        match t.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(bad(&format!("{what} '{t}' is not a finite number"))),
        }
    };
    let (from, to) = (number("FROM")?, number("TO")?);
    let log = match parts.next().map(str::trim) {
        None | Some("lin") => false,
        Some("log") => true,
        Some(other) => return Err(bad(&format!("unknown spacing '{other}' (lin or log)"))),
    };
    if parts.next().is_some() {
        return Err(bad("too many ':'"));
    }
    if log && !(from > 0.0 && to > 0.0) {
        return Err(bad("log spacing needs FROM and TO above 0"));
    }
    Ok(Axis {
        key: key.to_string(),
        from,
        to,
        log,
    })
}

/// A finished sweep: `outcomes[j * xs.len() + i]` is the run at (xs[i], ys[j]).
pub struct Sweep {
    pub start: Point,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    pub outcomes: Vec<Outcome>,
}

/// The spec of one cell: `base` with both keys set.
pub fn cell_spec(
    base: &OptimizerSpec,
    x: (&str, f64),
    y: (&str, f64),
) -> Result<OptimizerSpec, CommandError> {
    base.with_param(x.0, &x.1.to_string())
        .and_then(|s| s.with_param(y.0, &y.1.to_string()))
        .map_err(|e| CommandError::Usage(format!("sweep: {e}")))
}

/// Runs every cell (parallel, one `Run` each).
pub fn compute(args: &SweepArgs) -> Result<Sweep, CommandError> {
    if args.x.key == args.y.key {
        return Err(CommandError::Usage(format!(
            "sweep: --x and --y both set '{}'; sweep two different keys",
            args.x.key
        )));
    }
    let surface = super::load_surface(&args.surface)?;
    let start = args.start.unwrap_or_else(|| surface.start());
    let xs = args.x.values(args.grid.width);
    let ys = args.y.values(args.grid.height);
    let mut jobs = Vec::with_capacity(xs.len() * ys.len());
    for &y in &ys {
        for &x in &xs {
            let spec = cell_spec(&args.opt, (&args.x.key, x), (&args.y.key, y))?;
            jobs.push(Job {
                spec,
                start,
                seed: args.seed,
            });
        }
    }
    let limits = RunLimits {
        max_steps: Some(args.steps),
        ..RunLimits::default()
    };
    let progress = Progress::new(jobs.len() as u64, "sweep");
    let outcomes = super::with_threads(args.threads, || {
        batch::run_each(&surface, &jobs, limits, &|n| progress.advance(n))
    })?;
    progress.finish();
    Ok(Sweep {
        start,
        xs,
        ys,
        outcomes,
    })
}

pub fn run(args: &SweepArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let sweep = compute(args)?;
    match args.format {
        Format::Csv => write_csv(&sweep, args, out)?,
        Format::Json => write_json(&sweep, args, out)?,
        Format::Table => super::sweep_map::write(&sweep, args, out)?,
    }
    Ok(())
}

/// The cells in output order: (x value, y value, outcome).
pub fn cells(sweep: &Sweep) -> impl Iterator<Item = (f64, f64, &Outcome)> {
    let w = sweep.xs.len();
    sweep
        .outcomes
        .iter()
        .enumerate()
        .map(move |(k, o)| (sweep.xs[k % w], sweep.ys[k / w], o))
}

/// The best cell: the lowest loss among runs that did not diverge, then the fewest steps.
pub fn best(sweep: &Sweep) -> Option<(f64, f64, &Outcome)> {
    cells(sweep)
        .filter(|(_, _, o)| o.status != EndStatus::Diverged)
        .min_by(|a, b| {
            a.2.loss
                .total_cmp(&b.2.loss)
                .then(a.2.steps.cmp(&b.2.steps))
        })
}

fn write_csv(sweep: &Sweep, args: &SweepArgs, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(io::BufWriter::new(out));
    let header = ["loss", "status", "steps", "end_x", "end_y"];
    w.write_record(
        [args.x.key.as_str(), args.y.key.as_str()]
            .iter()
            .chain(&header),
    )?;
    for (x, y, o) in cells(sweep) {
        w.write_record([
            &num(x),
            &num(y),
            &num(o.loss),
            o.status.name(),
            &o.steps.to_string(),
            &num(o.end.x),
            &num(o.end.y),
        ])?;
    }
    w.flush()
}

fn cell_json(args: &SweepArgs, x: f64, y: f64, o: &Outcome) -> serde_json::Value {
    let mut cell = serde_json::Map::new();
    cell.insert(args.x.key.clone(), x.into());
    cell.insert(args.y.key.clone(), y.into());
    cell.insert("loss".into(), o.loss.into());
    cell.insert("status".into(), o.status.name().into());
    cell.insert("steps".into(), o.steps.into());
    cell.insert("end_x".into(), o.end.x.into());
    cell.insert("end_y".into(), o.end.y.into());
    serde_json::Value::Object(cell)
}

fn write_json(sweep: &Sweep, args: &SweepArgs, out: &mut dyn Write) -> io::Result<()> {
    let axis = |a: &Axis, values: &[f64]| serde_json::json!({ "key": a.key, "log": a.log, "values": values });
    let doc = serde_json::json!({
        "surface": args.surface,
        "optimizer": args.opt.to_string(),
        "start": [sweep.start.x, sweep.start.y],
        "steps": args.steps,
        "x": axis(&args.x, &sweep.xs),
        "y": axis(&args.y, &sweep.ys),
        "best": best(sweep).map(|(x, y, o)| cell_json(args, x, y, o)),
        "cells": cells(sweep).map(|(x, y, o)| cell_json(args, x, y, o)).collect::<Vec<_>>(),
    });
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()
}
