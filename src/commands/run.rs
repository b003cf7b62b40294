//! `losscape run`: race optimizers headless on one surface and print their trajectories.
//!
//! CSV: `optimizer,step,x,y,loss,grad_norm,sharpness,lr,values,gradients,hessians,status`,
//! one row per step per optimizer, step 0 the start, numbers in shortest round-trip form (full
//! precision); `sharpness` is the Hessian's largest eigenvalue at the point. `status` is `running` on every row but each run's last, which carries how the
//! run ended (`converged`, `diverged`, `step-limit`). JSON carries the same per run; `table`
//! is a summary. Same seed, same bytes.

use super::CommandError;
use crate::args::{DEFAULT_SEED, parse_opt, parse_point, parse_surface_name};
use crate::optim::OptimizerSpec;
use crate::run::{Run, RunLimits, RunStatus, TrajectoryPoint};
use crate::surface::{Point, Surface, format_number as num};
use clap::Args;
use std::io::{self, Write};

/// `losscape run --surface S --opt SPEC [--opt SPEC ...] --start X,Y --steps N`.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// Optimizer spec NAME[:key=value,...], e.g. adam:lr=0.05,beta2=0.99; repeat to race several.
    #[arg(long = "opt", value_name = "SPEC", required = true, value_parser = parse_opt)]
    pub opt: Vec<OptimizerSpec>,
    /// Start point X,Y (default: the surface's start), e.g. --start -1.5,2.
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub start: Option<Point>,
    /// Maximum number of steps per optimizer.
    #[arg(long, default_value_t = 100)]
    pub steps: usize,
    /// Seed of the random stream (noise, minibatches); same seed, same output.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Output format: csv and json carry full precision, table is a summary per optimizer.
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    pub format: OutputFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    #[default]
    Csv,
    Json,
    Table,
}

/// Runs every spec from the same start with the same seed, each for at most `steps` steps.
pub fn simulate(args: &RunArgs) -> Result<Vec<Run>, CommandError> {
    let surface = super::load_surface(&args.surface)?;
    let start = args.start.unwrap_or_else(|| surface.start());
    let limits = RunLimits {
        max_steps: Some(args.steps),
        ..RunLimits::default()
    };
    let runs = args
        .opt
        .iter()
        .map(|spec: &OptimizerSpec| {
            let mut run =
                Run::new(surface.clone(), spec.clone(), start, args.seed).with_limits(limits);
            while run.step() {}
            run
        })
        .collect();
    Ok(runs)
}

pub fn run(args: &RunArgs, out: &mut impl Write) -> Result<(), CommandError> {
    let runs = simulate(args)?;
    let surface = super::load_surface(&args.surface)?;
    match args.format {
        OutputFormat::Csv => write_csv(&runs, surface.as_ref(), out)?,
        OutputFormat::Json => write_json(&runs, (&args.surface, surface.as_ref()), args.seed, out)?,
        OutputFormat::Table => write_table(&runs, out)?,
    }
    out.flush()?;
    Ok(())
}

/// How the run ended, and at which step (None while running).
fn end(status: &RunStatus) -> Option<usize> {
    match status {
        RunStatus::Running => None,
        RunStatus::Converged { step }
        | RunStatus::Diverged { step, .. }
        | RunStatus::StepLimit { step } => Some(*step),
    }
}

fn row_status(run: &Run, i: usize) -> &'static str {
    if i + 1 == run.trajectory().len() {
        run.status().name()
    } else {
        "running"
    }
}

/// The sharpness λmax(∇²f) at a trajectory point (NaN where the Hessian is undefined).
fn sharpness_at(surface: &dyn Surface, p: &TrajectoryPoint) -> f64 {
    crate::analysis::sharpness(surface.hessian(p.x))
}

pub fn write_csv(runs: &[Run], surface: &dyn Surface, out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header = [
        "optimizer",
        "step",
        "x",
        "y",
        "loss",
        "grad_norm",
        "sharpness",
        "lr",
        "values",
        "gradients",
        "hessians",
        "status",
    ];
    w.write_record(header)?;
    for run in runs {
        let label = run.label();
        for (i, p) in run.trajectory().iter().enumerate() {
            w.write_record([
                label.clone(),
                p.step.to_string(),
                num(p.x.x),
                num(p.x.y),
                num(p.loss),
                num(p.grad_norm),
                num(sharpness_at(surface, p)),
                num(p.lr),
                p.evals.values.to_string(),
                p.evals.gradients.to_string(),
                p.evals.hessians.to_string(),
                row_status(run, i).to_string(),
            ])?;
        }
    }
    w.flush()
}

fn point_json(p: &TrajectoryPoint, surface: &dyn Surface) -> serde_json::Value {
    serde_json::json!({
        "step": p.step,
        "x": p.x.x,
        "y": p.x.y,
        "loss": p.loss,
        "grad_norm": p.grad_norm,
        "sharpness": sharpness_at(surface, p),
        "lr": p.lr,
        "values": p.evals.values,
        "gradients": p.evals.gradients,
        "hessians": p.evals.hessians,
    })
}

pub fn write_json(
    runs: &[Run],
    (name, surface): (&str, &dyn Surface),
    seed: u64,
    out: &mut impl Write,
) -> io::Result<()> {
    let runs: Vec<serde_json::Value> = runs
        .iter()
        .map(|run| {
            let reason = match run.status() {
                RunStatus::Diverged { reason, .. } => Some(reason.to_string()),
                _ => None,
            };
            serde_json::json!({
                "optimizer": run.label(),
                "spec": run.spec().to_string(),
                "status": run.status().name(),
                "end_step": end(run.status()),
                "reason": reason,
                "trajectory": run
                    .trajectory()
                    .iter()
                    .map(|p| point_json(p, surface))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = serde_json::json!({ "surface": name, "seed": seed, "runs": runs });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

pub fn write_table(runs: &[Run], out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<[String; 9]> = runs
        .iter()
        .map(|run| {
            let p = run.current();
            let status = match run.status() {
                RunStatus::Diverged { step, reason } => format!("diverged at {step}: {reason}"),
                RunStatus::Converged { step } => format!("converged at {step}"),
                s => s.name().to_string(),
            };
            [
                run.label(),
                format!("{:.6}", p.x.x),
                format!("{:.6}", p.x.y),
                format!("{:.6e}", p.loss),
                p.step.to_string(),
                p.evals.values.to_string(),
                p.evals.gradients.to_string(),
                p.evals.hessians.to_string(),
                status,
            ]
        })
        .collect();
    let header = [
        "optimizer",
        "x",
        "y",
        "loss",
        "steps",
        "f evals",
        "∇f evals",
        "∇²f evals",
        "status",
    ];
    super::table::write(out, &header.map(String::from), &rows)
}
