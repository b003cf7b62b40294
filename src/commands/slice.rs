//! `losscape slice --model M.toml [--params P.json] [--plane random|pca] [--seed 1]
//! [--grid 41x41] [--range=-1:1] [--directions-out D.json] [--format csv]`: the loss of a
//! network on a plane θ + a·d₁ + b·d₂ through parameter space.

use super::CommandError;
use super::hessian::{load_model, load_params};
use crate::model::params::{DirectionsJson, ParamsJson, write_json};
use crate::model::slice::{PlaneGrid, slice};
use crate::model::{Mlp, random_directions};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct SliceArgs {
    /// Model file (surfaces/models/*.toml).
    #[arg(long, value_name = "M.toml")]
    pub model: PathBuf,
    /// The plane's centre θ, in nn.Linear layout (default: the model's initial parameters).
    #[arg(long, value_name = "P.json")]
    pub params: Option<PathBuf>,
    /// random: two Gaussian directions, filter-normalised (Li et al. 2018); pca: the top two
    /// principal directions of a training run from --params, centred on its end point.
    #[arg(long, value_enum, default_value_t = Plane::Random)]
    pub plane: Plane,
    /// Seed of the random directions (and of minibatches for --plane pca).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Samples along a and b, NAxNB.
    #[arg(long, value_name = "NAxNB", default_value = "41x41", value_parser = parse_grid)]
    pub grid: (usize, usize),
    /// Range of a and b, LO:HI (default -1:1; for pca, the trajectory's extent with a margin).
    #[arg(long, value_name = "LO:HI", value_parser = parse_range, allow_hyphen_values = true)]
    pub range: Option<(f64, f64)>,
    /// Also write the two directions as JSON in nn.Linear layout.
    #[arg(long, value_name = "D.json")]
    pub directions_out: Option<PathBuf>,
    /// For --plane pca: how to train from --params (the trajectory the plane is fitted to).
    #[command(flatten)]
    pub training: super::train::TrainingArgs,
    #[arg(long, value_enum, default_value_t = SliceFormat::Csv)]
    pub format: SliceFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Plane {
    Random,
    Pca,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SliceFormat {
    Csv,
}

/// `41x41` → (41, 41); each from 2 to 1001.
pub fn parse_grid(s: &str) -> Result<(usize, usize), String> {
    let bad = || {
        format!("invalid grid '{s}': expected NAxNB with whole numbers from 2 to 1001, e.g. 41x41")
    };
    let (a, b) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let n = |t: &str| {
        t.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (2..=1001).contains(n))
            .ok_or_else(bad)
    };
    Ok((n(a)?, n(b)?))
}

/// `-1:1` → (−1, 1), increasing and finite.
pub fn parse_range(s: &str) -> Result<(f64, f64), String> {
    let bad =
        || format!("invalid range '{s}': expected LO:HI with finite numbers, LO < HI, e.g. -1:1");
    let (a, b) = s.split_once(':').ok_or_else(bad)?;
    let lo: f64 = a.trim().parse().map_err(|_| bad())?;
    let hi: f64 = b.trim().parse().map_err(|_| bad())?;
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(bad());
    }
    Ok((lo, hi))
}

/// A plane through parameter space: its centre, directions, and the PCA shares if any.
pub struct PlaneSpec {
    pub center: Vec<f64>,
    pub directions: [Vec<f64>; 2],
    pub explained: Option<[f64; 2]>,
    /// The plane coordinates of the training path (PCA plane).
    pub path: Vec<(f64, f64)>,
}

pub fn run(args: &SliceArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let mlp = load_model(&args.model)?;
    let theta = load_params(&mlp, args.params.as_deref())?;
    let plane = match args.plane {
        Plane::Random => PlaneSpec {
            directions: random_directions(&mlp.arch, &theta, args.seed),
            center: theta,
            explained: None,
            path: Vec::new(),
        },
        Plane::Pca => super::train::pca_plane_of_training(&mlp, theta, &args.training, args.seed)?,
    };
    let range = args.range.unwrap_or_else(|| default_range(&plane.path));
    let grid = PlaneGrid::square(args.grid.0, args.grid.1, range);
    let losses = slice(
        &mlp,
        &plane.center,
        [&plane.directions[0], &plane.directions[1]],
        &grid,
    );
    if let Some(path) = &args.directions_out {
        write_directions(path, &mlp, &plane)?;
    }
    if let Some([e1, e2]) = plane.explained {
        // stderr, so the CSV on stdout stays clean.
        eprintln!(
            "PCA plane of {} points: d1 explains {:.2}% of the variance, d2 {:.2}% (together {:.2}%)",
            plane.path.len(),
            100.0 * e1,
            100.0 * e2,
            100.0 * (e1 + e2)
        );
    }
    write_csv(out, &grid, &losses)
}

/// [−1, 1] for a random plane; for a PCA plane the square that holds the path, with a margin.
fn default_range(path: &[(f64, f64)]) -> (f64, f64) {
    let reach = path
        .iter()
        .fold(0.0f64, |m, &(a, b)| m.max(a.abs()).max(b.abs()));
    if reach > 0.0 {
        (-1.2 * reach, 1.2 * reach)
    } else {
        (-1.0, 1.0)
    }
}

fn write_directions(
    path: &std::path::Path,
    mlp: &Mlp,
    plane: &PlaneSpec,
) -> Result<(), CommandError> {
    let json = DirectionsJson {
        directions: plane
            .directions
            .iter()
            .map(|d| ParamsJson::from_flat(&mlp.arch, d))
            .collect(),
        explained_variance: plane.explained,
    };
    write_json(path, &json)
        .map_err(|e| CommandError::Usage(format!("cannot write {}: {e}", path.display())))
}

fn write_csv(out: &mut dyn Write, grid: &PlaneGrid, losses: &[f64]) -> Result<(), CommandError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["a", "b", "loss"])
        .map_err(std::io::Error::from)?;
    let na = grid.a.len();
    for (k, loss) in losses.iter().enumerate() {
        let (a, b) = (grid.a[k % na], grid.b[k / na]);
        w.write_record([a.to_string(), b.to_string(), loss.to_string()])
            .map_err(std::io::Error::from)?;
    }
    w.flush()?;
    Ok(())
}
