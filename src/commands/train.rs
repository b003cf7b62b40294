//! `losscape train --model M.toml --opt adam:lr=0.01 --steps 500 [--seed 0] [--batch 16]
//! [--params-in P.json] [--params-out P.json] [--format csv|json|table]`: train a network and
//! print one row per step (`step`, `loss`, `grad_norm`, `lr`; step 0 is the start).

use super::CommandError;
use super::hessian::{load_model, load_params};
use super::slice::PlaneSpec;
use crate::model::params::write_params;
use crate::model::train::{Training, spec_batch, train};
use crate::model::{Mlp, pca_plane, project};
use crate::optim::OptimizerSpec;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// How to train: shared by `train` and `slice --plane pca`.
#[derive(Debug, Clone, Args)]
pub struct TrainingArgs {
    /// Optimizer spec NAME[:key=value,...] (any optimizer and schedule of `losscape run --help`).
    #[arg(long = "opt", value_name = "SPEC", default_value = "adam:lr=0.01", value_parser = parse_opt)]
    pub opt: OptimizerSpec,
    /// Number of steps (rows 0..N).
    #[arg(long, default_value_t = 500)]
    pub steps: usize,
    /// Minibatch size (rows reshuffled each epoch, seeded); default: the full batch.
    #[arg(long, value_name = "B")]
    pub batch: Option<usize>,
}

fn parse_opt(s: &str) -> Result<OptimizerSpec, String> {
    s.parse::<OptimizerSpec>().map_err(|e| e.to_string())
}

#[derive(Debug, Clone, Args)]
pub struct TrainArgs {
    /// Model file (surfaces/models/*.toml).
    #[arg(long, value_name = "M.toml")]
    pub model: PathBuf,
    #[command(flatten)]
    pub training: TrainingArgs,
    /// Seed of the minibatches (the initial parameters come from the model file's seed).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Start from these parameters (nn.Linear layout) instead of the model's initial ones.
    #[arg(long, value_name = "P.json")]
    pub params_in: Option<PathBuf>,
    /// Write the final parameters (with --steps 0: the initial ones).
    #[arg(long, value_name = "P.json")]
    pub params_out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TrainFormat::Csv)]
    pub format: TrainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrainFormat {
    Csv,
    Json,
    Table,
}

/// Trains as `args` say from `start`.
fn run_training(
    mlp: &Arc<Mlp>,
    start: Vec<f64>,
    args: &TrainingArgs,
    seed: u64,
) -> Result<Training, CommandError> {
    if args.batch == Some(0) {
        return Err(CommandError::Usage("--batch must be at least 1".into()));
    }
    let batch = args.batch.or_else(|| spec_batch(&args.opt));
    Ok(train(
        mlp.clone(),
        &args.opt,
        start,
        args.steps,
        batch,
        seed,
    ))
}

pub fn run(args: &TrainArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let mlp = Arc::new(load_model(&args.model)?);
    let start = load_params(&mlp, args.params_in.as_deref())?;
    let t = run_training(&mlp, start, &args.training, args.seed)?;
    if let Some(path) = &args.params_out {
        write_params(path, &mlp.arch, t.params())
            .map_err(|e| CommandError::Failed(format!("cannot write {}: {e}", path.display())))?;
    }
    match args.format {
        TrainFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            for row in &t.rows {
                w.serialize(row).map_err(std::io::Error::from)?;
            }
            w.flush()?;
        }
        TrainFormat::Json => {
            let text = serde_json::to_string(&t.rows).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        TrainFormat::Table => write_table(out, &mlp, &args.training, &t)?,
    }
    if let Some(why) = &t.diverged {
        return Err(CommandError::Failed(format!("training diverged at {why}")));
    }
    Ok(())
}

fn write_table(
    out: &mut dyn Write,
    mlp: &Mlp,
    args: &TrainingArgs,
    t: &Training,
) -> std::io::Result<()> {
    let batch = args
        .batch
        .map_or("full batch".to_string(), |b| format!("batch {b}"));
    writeln!(
        out,
        "{}: {}, {} on {} rows, {batch}",
        mlp.name,
        mlp.arch.describe(),
        args.opt.label(),
        mlp.data.rows()
    )?;
    writeln!(out)?;
    let every = (t.rows.len() / 10).max(1);
    let last = t.rows.len() - 1;
    let rows: Vec<[String; 4]> = t
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == last)
        .map(|(_, r)| {
            [
                r.step.to_string(),
                format!("{:.6e}", r.loss),
                format!("{:.3e}", r.grad_norm),
                format!("{:.3e}", r.lr),
            ]
        })
        .collect();
    let header = ["step", "loss", "grad_norm", "lr"].map(String::from);
    super::table::write(out, &header, &rows)
}

/// `slice --plane pca`: trains from `start`, and returns the PCA plane of the trajectory
/// around its end point, with the path's plane coordinates.
pub(super) fn pca_plane_of_training(
    mlp: &Mlp,
    start: Vec<f64>,
    args: &TrainingArgs,
    seed: u64,
) -> Result<PlaneSpec, CommandError> {
    let mlp = Arc::new(mlp.clone());
    let t = run_training(&mlp, start, args, seed)?;
    if let Some(why) = &t.diverged {
        return Err(CommandError::Failed(format!(
            "training for the PCA plane diverged at {why}"
        )));
    }
    let plane = pca_plane(&t.trajectory)
        .map_err(|e| CommandError::Usage(format!("{e} (use --steps 2 or more)")))?;
    let center = t.params().to_vec();
    let [d1, d2] = &plane.directions;
    let path = t
        .trajectory
        .iter()
        .map(|p| project(&center, [d1, d2], p))
        .collect();
    Ok(PlaneSpec {
        center,
        directions: plane.directions,
        explained: Some(plane.explained),
        path,
    })
}
