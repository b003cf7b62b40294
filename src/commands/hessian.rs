//! `losscape hessian --model M.toml [--params P.json] [--format json|table]`: the loss, the
//! gradient norm and the full Hessian spectrum of a network at a point of parameter space.

use super::CommandError;
use crate::model::{self, Mlp, negative_count, spectrum};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct HessianArgs {
    /// Model file (surfaces/models/*.toml).
    #[arg(long, value_name = "M.toml")]
    pub model: PathBuf,
    /// Parameters in nn.Linear layout (default: the model's initial parameters, from its seed).
    #[arg(long, value_name = "P.json")]
    pub params: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = HessianFormat::Table)]
    pub format: HessianFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HessianFormat {
    Json,
    Table,
}

#[derive(Debug, serde::Serialize)]
struct Report {
    loss: f64,
    grad_norm: f64,
    /// All N, ascending.
    eigenvalues: Vec<f64>,
    /// How many curve down: the index of the point.
    negative: usize,
}

/// The model file, or a usage error with its caret message.
pub(super) fn load_model(path: &std::path::Path) -> Result<Mlp, CommandError> {
    model::load(path).map_err(|e| CommandError::Usage(strip_error(e.to_string())))
}

/// The parameters of `--params`, or the model's initial ones.
pub(super) fn load_params(
    mlp: &Mlp,
    path: Option<&std::path::Path>,
) -> Result<Vec<f64>, CommandError> {
    match path {
        None => Ok(mlp.initial_params(mlp.seed)),
        Some(p) => model::params::read_params(p, &mlp.arch)
            .map_err(|e| CommandError::Usage(strip_error(e.to_string()))),
    }
}

/// A diagnostic starts with its own "error: "; the binary adds one.
fn strip_error(text: String) -> String {
    text.strip_prefix("error: ")
        .map(str::to_string)
        .unwrap_or(text)
}

pub fn run(args: &HessianArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let mlp = load_model(&args.model)?;
    let theta = load_params(&mlp, args.params.as_deref())?;
    let mut grad = vec![0.0; mlp.len()];
    let loss = mlp.gradient(&theta, &mut grad);
    let eigenvalues = spectrum(&mlp.hessian(&theta));
    let report = Report {
        loss,
        grad_norm: model::directions::norm(&grad),
        negative: negative_count(&eigenvalues),
        eigenvalues,
    };
    match args.format {
        HessianFormat::Json => {
            // Serialised first, so a closed pipe reaches the writer as an io error.
            let text = serde_json::to_string(&report).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        HessianFormat::Table => write_table(out, &mlp, &report)?,
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, mlp: &Mlp, r: &Report) -> std::io::Result<()> {
    let n = r.eigenvalues.len();
    let (lo, hi) = (r.eigenvalues[0], r.eigenvalues[n - 1]);
    let scale = lo.abs().max(hi.abs());
    let flat = r
        .eigenvalues
        .iter()
        .filter(|v| v.abs() <= 1e-6 * scale)
        .count();
    writeln!(
        out,
        "{}: {} on {} rows",
        mlp.name,
        mlp.arch.describe(),
        mlp.data.rows()
    )?;
    writeln!(out, "loss        {:.6e}", r.loss)?;
    writeln!(out, "|∇L|        {:.6e}", r.grad_norm)?;
    writeln!(out, "eigenvalues {n}: min {lo:.6e}, max {hi:.6e}")?;
    writeln!(out, "negative    {} of {n}", r.negative)?;
    writeln!(
        out,
        "near zero   {flat} (|λ| ≤ 1e-6·max|λ|: flat directions)"
    )?;
    writeln!(out, "reading     {}", reading(r, flat))?;
    writeln!(out)?;
    for line in histogram(&r.eigenvalues, 12, 40) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// What the spectrum says about the point, in words.
fn reading(r: &Report, flat: usize) -> String {
    let stationary = r.grad_norm <= 1e-6 * (1.0 + r.loss.abs());
    let place = if stationary {
        "a critical point"
    } else {
        "not a critical point (|∇L| > 0)"
    };
    let curvature = match (r.negative, flat) {
        (0, 0) => "curving up in every direction".to_string(),
        (0, f) => format!("curving up or flat in every direction ({f} flat)"),
        (k, _) => format!("curving down in {k} direction(s): index {k}"),
    };
    let kind = if stationary {
        match r.negative {
            0 => " — a minimum (or flat valley)",
            _ => " — a saddle",
        }
    } else {
        ""
    };
    format!("{place}, {curvature}{kind}")
}

/// The spectrum as `bins` equal-width bins of [min, max], one text line each.
fn histogram(ev: &[f64], bins: usize, width: usize) -> Vec<String> {
    let (lo, hi) = (ev[0], ev[ev.len() - 1]);
    let span = hi - lo;
    let bins = if span > 0.0 { bins } else { 1 };
    let mut counts = vec![0usize; bins];
    for &v in ev {
        let k = if span > 0.0 {
            (((v - lo) / span) * bins as f64) as usize
        } else {
            0
        };
        counts[k.min(bins - 1)] += 1;
    }
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    counts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let a = lo + span * k as f64 / bins as f64;
            let b = lo + span * (k + 1) as f64 / bins as f64;
            let bar = if c == 0 {
                0
            } else {
                (c * width).div_ceil(most)
            };
            let close = if k + 1 == bins { ']' } else { ')' };
            format!(
                "[{a:>11.3e}, {b:>11.3e}{close}  {c:>5}  {}",
                "█".repeat(bar)
            )
        })
        .collect()
}
