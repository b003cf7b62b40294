//! `losscape explain`: the anatomy of each step of one optimizer.
//!
//! For each step: the point before it, the gradient as the optimizer saw it, the learning
//! rate, the optimizer's state after the step under torch's names (`exp_avg`,
//! `momentum_buffer`, ...), and the step split into named terms whose vectors add up to it.
//! JSON: `{"steps": [{"step", "x", "gradient", "lr", "state": {...}, "terms": [{"name",
//! "vector"}], ...}]}` with full precision; `table` (the default) is for reading.

use super::CommandError;
use crate::analysis::{ExplainedStep, Explainer, StateEntry};
use crate::args::{DEFAULT_SEED, parse_opt, parse_point, parse_surface_name};
use crate::optim::OptimizerSpec;
use crate::run::RunStatus;
use crate::surface::Point;
use clap::Args;
use serde_json::{Map, Value, json};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// `losscape explain --surface S --opt SPEC [--start X,Y] [--steps N] [--format table|json]`.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long, short, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// One optimizer spec NAME[:key=value,...], e.g. adam:lr=0.1.
    #[arg(long = "opt", short = 'o', value_name = "SPEC", value_parser = parse_opt)]
    pub opt: OptimizerSpec,
    /// Start point X,Y (default: the surface's start), e.g. --start 0.5,-1.
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub start: Option<Point>,
    /// Number of steps to explain.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub steps: u64,
    /// Seed of the random stream (noise, minibatches).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Output format: table for reading, json with full precision.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
    pub format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ExplainFormat {
    #[default]
    Table,
    Json,
}

/// The explained steps, and why the run stopped early (if it did).
pub fn explain(args: &ExplainArgs) -> Result<(Vec<ExplainedStep>, Option<String>), CommandError> {
    let surface = super::load_surface(&args.surface)?;
    let start = args.start.unwrap_or_else(|| surface.start());
    let mut ex = Explainer::new(surface, args.opt.clone(), start, args.seed);
    let mut steps = Vec::new();
    while steps.len() < args.steps as usize {
        match ex.step() {
            Some(s) => steps.push(s),
            None => break,
        }
    }
    let stopped = (steps.len() < args.steps as usize).then(|| match ex.run().status() {
        RunStatus::Diverged { step, reason } => format!("diverged at step {step}: {reason}"),
        s => s.name().to_string(),
    });
    Ok((steps, stopped))
}

pub fn run(args: &ExplainArgs, out: &mut impl Write) -> Result<(), CommandError> {
    let (steps, stopped) = explain(args)?;
    match args.format {
        ExplainFormat::Json => {
            let doc = json!({
                "surface": args.surface,
                "optimizer": args.opt.to_string(),
                "seed": args.seed,
                "steps": steps.iter().map(step_json).collect::<Vec<_>>(),
                "stopped": stopped,
            });
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        ExplainFormat::Table => {
            writeln!(out, "{} on {}", args.opt, args.surface)?;
            for s in &steps {
                write_step(s, out)?;
            }
            if let Some(why) = stopped {
                writeln!(out, "\nstopped after {} steps: {why}", steps.len())?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn entry_json(e: &StateEntry) -> Value {
    match e {
        StateEntry::Scalar(s) => json!(s),
        StateEntry::Buffer(b) => json!(b),
    }
}

/// One step as JSON: the keys, then the step taken and the extras.
pub fn step_json(s: &ExplainedStep) -> Value {
    let state: Map<String, Value> = s
        .state
        .0
        .iter()
        .map(|(k, v)| (k.to_string(), entry_json(v)))
        .collect();
    let terms: Vec<Value> = s
        .anatomy
        .terms
        .iter()
        .map(|t| json!({"name": t.name, "vector": t.vector}))
        .collect();
    let scalars: Map<String, Value> = s
        .anatomy
        .scalars
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let mut v = json!({
        "step": s.step,
        "x": s.x,
        "gradient": s.gradient,
        "lr": s.lr,
        "state": state,
        "terms": terms,
        "step_taken": s.step_vector(),
        "x_after": s.x_after,
        "effective_lr": s.anatomy.effective_lr,
        "scalars": scalars,
    });
    if let (Some(raw), Some(removed)) = (&s.unclipped, s.clip_removed()) {
        v["unclipped_gradient"] = json!(raw);
        v["clip_removed"] = json!(removed);
    }
    v
}

/// A vector for reading: 6 significant digits, e.g. (0.1, −0.0999999).
pub fn vector_text(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|c| number_text(*c)).collect();
    format!("({})", parts.join(", "))
}

/// A number for reading: 6 significant digits, scientific when tiny or huge, no −0.
pub fn number_text(c: f64) -> String {
    let c = c + 0.0;
    let a = c.abs();
    let s = if a != 0.0 && !(1e-4..1e6).contains(&a) {
        format!("{c:.5e}")
    } else {
        let digits = if a == 0.0 {
            0
        } else {
            5 - a.log10().floor() as i32
        };
        let s = format!("{c:.*}", digits.max(0) as usize);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    s.replace('-', "−")
}

fn write_step(s: &ExplainedStep, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "\nstep {}  lr {}", s.step, number_text(s.lr))?;
    let mut rows: Vec<[String; 2]> = vec![
        ["  x".into(), vector_text(&s.x)],
        ["  gradient".into(), vector_text(&s.gradient)],
    ];
    if let (Some(raw), Some(removed)) = (&s.unclipped, s.clip_removed()) {
        rows.push(["  before clipping".into(), vector_text(raw)]);
        rows.push(["  clipping removed".into(), vector_text(&removed)]);
    }
    for (name, e) in &s.state.0 {
        let value = match e {
            StateEntry::Scalar(v) => number_text(*v),
            StateEntry::Buffer(b) => vector_text(b),
        };
        rows.push([format!("  state {name}"), value]);
    }
    for (name, v) in &s.anatomy.scalars {
        rows.push([format!("  {name}"), number_text(*v)]);
    }
    for t in &s.anatomy.terms {
        rows.push([format!("  term {}", t.name), vector_text(&t.vector)]);
    }
    rows.push(["  = step".into(), vector_text(&s.step_vector())]);
    if let Some(eff) = &s.anatomy.effective_lr {
        rows.push(["  effective lr".into(), vector_text(eff)]);
    }
    rows.push(["  x after".into(), vector_text(&s.x_after)]);
    // Padded by display width: m̂ and v̂ carry combining accents that take no column.
    let width = rows.iter().map(|r| r[0].width()).max().unwrap_or(0);
    for [label, value] in rows {
        let pad = " ".repeat(width - label.width() + 2);
        writeln!(out, "{label}{pad}{value}")?;
    }
    Ok(())
}
