//! `losscape run`: race optimizers headless on one objective and print their trajectories.
//!
//! A run takes exactly `--steps N` steps (N + 1 rows, steps 0..N), as a training loop does;
//! `--until-converged` stops each run at convergence instead. `--every K` prints every K-th
//! row and the last. Rows stream as the runs step: memory does not grow with N.
//!
//! CSV: `optimizer,step,x,y,loss,grad_norm,lr,values,gradients,hessians,status,converged_to`
//! (an N-D objective, `--dim N`, has `x1..xN` in place of `x,y`), numbers in shortest
//! round-trip form (full precision). `status` is `running` on every row but each run's last,
//! which carries how the run ended (`converged`, `diverged`, `step-limit`) and, converged,
//! what it converged to (`minimum`, `saddle`, `maximum`, `degenerate`). JSON carries the same
//! per run; `table` is a summary. Same seed, same bytes.

mod output;

use super::CommandError;
use crate::args::{DEFAULT_SEED, parse_opt, parse_surface_name};
use crate::objective::{Rosenbrock, SharedObjective};
use crate::optim::OptimizerSpec;
use crate::run::{Run, RunLimits};
use crate::surface::{self, Point};
use clap::Args;
use output::{Format, Sink};
use std::io::Write;
use std::sync::Arc;

/// `losscape run --surface S --opt SPEC [--opt SPEC ...] --start X,Y --steps N`.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Surface name (see `losscape surfaces`); with --dim, an N-dimensional objective.
    #[arg(long, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// Run on the N-dimensional version of the surface (rosenbrock), e.g. --dim 10.
    #[arg(long, value_name = "N")]
    pub dim: Option<usize>,
    /// Optimizer spec NAME[:key=value,...], e.g. adam:lr=0.05,beta2=0.99; repeat to race several.
    #[arg(long = "opt", value_name = "SPEC", required = true, value_parser = parse_opt, long_help = crate::optim::registry::help())]
    pub opt: Vec<OptimizerSpec>,
    /// Start point X,Y (N numbers with --dim; default: the objective's start), e.g. --start -1.5,2.
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_start)]
    pub start: Option<Start>,
    /// Number of steps each optimizer takes (rows 0..N).
    #[arg(long, default_value_t = 100, allow_hyphen_values = true, value_parser = super::values::parse_step_count)]
    pub steps: u64,
    /// Stop each run as soon as it converges (|∇f| and the step below tolerance).
    #[arg(long)]
    pub until_converged: bool,
    /// Print every K-th step (and each run's last).
    #[arg(long, value_name = "K", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub every: u64,
    /// Seed of the random stream (noise, minibatches); same seed, same output.
    #[arg(long, default_value_t = DEFAULT_SEED, allow_hyphen_values = true, value_parser = crate::commands::values::parse_seed)]
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

/// A start point of any dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Start(pub Vec<f64>);

/// Comma-separated finite numbers, e.g. `-1.5,2`.
pub fn parse_start(s: &str) -> Result<Start, String> {
    let bad =
        || format!("invalid point '{s}': expected comma-separated finite numbers, e.g. -1.5,2");
    let coords: Result<Vec<f64>, _> = s.split(',').map(|c| c.trim().parse::<f64>()).collect();
    let coords = coords.map_err(|_| bad())?;
    if coords.len() < 2 || !coords.iter().all(|c| c.is_finite()) {
        return Err(bad());
    }
    Ok(Start(coords))
}

/// What the runs step on: a 2-D surface, or an N-D objective.
enum Target {
    Plane(surface::SharedSurface),
    Space(SharedObjective),
}

fn target(args: &RunArgs) -> Result<Target, CommandError> {
    let usage = |m: String| CommandError::Usage(m);
    let surface = super::load_surface(&args.surface)?;
    let Some(dim) = args.dim else {
        return Ok(Target::Plane(surface));
    };
    if args.surface != "rosenbrock" {
        return Err(usage(format!(
            "--dim is for the N-dimensional rosenbrock, not '{}'",
            args.surface
        )));
    }
    let f = Rosenbrock::new(dim).ok_or_else(|| usage("--dim needs N ≥ 2".into()))?;
    Ok(Target::Space(Arc::new(f)))
}

fn start_of(args: &RunArgs, target: &Target) -> Result<Vec<f64>, CommandError> {
    let (default, dim) = match target {
        Target::Plane(s) => (vec![s.start().x, s.start().y], 2),
        Target::Space(f) => (f.start(), f.dim()),
    };
    match &args.start {
        None => Ok(default),
        Some(Start(x)) if x.len() == dim => {
            if let Target::Plane(s) = target
                && let Some(why) = super::values::start_problem(s.as_ref(), Point::new(x[0], x[1]))
            {
                return Err(CommandError::Usage(why));
            }
            Ok(x.clone())
        }
        Some(Start(x)) => Err(CommandError::Usage(format!(
            "--start has {} numbers; this objective has {dim} parameters",
            x.len()
        ))),
    }
}

fn new_run(args: &RunArgs, target: &Target, spec: &OptimizerSpec, start: &[f64]) -> Run {
    let limits = RunLimits {
        max_steps: Some(usize::try_from(args.steps).unwrap_or(usize::MAX)),
        stop_at_convergence: args.until_converged,
        ..RunLimits::default()
    };
    let run = match target {
        Target::Plane(s) => Run::new(
            s.clone(),
            spec.clone(),
            Point::new(start[0], start[1]),
            args.seed,
        ),
        Target::Space(f) => Run::on_objective(f.clone(), spec.clone(), start.to_vec(), args.seed),
    };
    run.with_limits(limits).with_history(false)
}

pub fn run(args: &RunArgs, out: &mut impl Write) -> Result<(), CommandError> {
    let target = target(args)?;
    let start = start_of(args, &target)?;
    if let Target::Space(f) = &target
        && let Some(spec) = args.opt.iter().find(|s| s.entry().planar)
    {
        return Err(CommandError::Usage(format!(
            "'{}' steps 2-D surfaces only; {} has {} parameters",
            spec.name(),
            f.name(),
            f.dim()
        )));
    }
    let format = match args.format {
        OutputFormat::Csv => Format::Csv,
        OutputFormat::Json => Format::Json,
        OutputFormat::Table => Format::Table,
    };
    let mut out = std::io::BufWriter::new(out);
    let mut sink = Sink::new(format, &mut out, start.len());
    sink.begin(&args.surface, args.dim, args.seed)?;
    for spec in &args.opt {
        let mut run = new_run(args, &target, spec, &start);
        sink.begin_run(&run)?;
        sink.point(&run)?;
        while run.step() {
            if (run.current().step as u64).is_multiple_of(args.every) {
                sink.point(&run)?;
            }
        }
        sink.end_run(&run)?;
    }
    sink.finish()?;
    Ok(())
}
