//! `losscape basins`: one optimizer from every cell of a grid; which critical point each
//! start ends in.
//!
//! CSV: `x,y,end_x,end_y,loss,status,converged_to,steps,basin`, one row per start, row by row
//! from the bottom of the region, x fastest; `basin` is the index of the critical point reached
//! in `losscape critical`'s order for the same region (empty if none). JSON carries the same
//! with the critical points and the summary; `table` is the summary: each point reached, its
//! share of the starts and the median steps to converge there.

mod csv;

use super::CommandError;
use super::progress::Progress;
use crate::analysis::{CriticalPoint, SearchOptions, search};
use crate::args::{DEFAULT_SEED, parse_opt, parse_region, parse_surface_name};
use crate::optim::OptimizerSpec;
use crate::optim::batch::basin::{self, Label, Share};
use crate::optim::batch::{self, EndStatus, Outcome, Path};
use crate::run::RunLimits;
use crate::surface::{Number, Region, SharedSurface};
use clap::{Args, ValueEnum};
use std::io::{self, Write};

#[derive(Debug, Clone, Args)]
pub struct BasinsArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// Optimizer spec NAME[:key=value,...], e.g. adam:lr=0.05.
    #[arg(long = "opt", value_name = "SPEC", value_parser = parse_opt)]
    pub opt: OptimizerSpec,
    /// Maximum steps per run (a run stops earlier when it converges).
    #[arg(long, default_value_t = 500)]
    pub steps: usize,
    /// Starts: the centres of a W×H grid over the region.
    #[arg(long, value_name = "WxH", default_value = "200x120", value_parser = parse_grid)]
    pub grid: Grid,
    /// Region X0:X1,Y0:Y1 (default: the surface's view), e.g. -3:3,-2:2.
    #[arg(long, value_name = "X0:X1,Y0:Y1", value_parser = parse_region, allow_hyphen_values = true)]
    pub region: Option<Region>,
    /// Output format: csv and json carry every start at full precision, table the summary.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Seed of the random streams (noisy specs): the run from start i uses seed + i.
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

/// A grid size W×H.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub width: usize,
    pub height: usize,
}

/// More starts than this would take gigabytes; nobody needs a finer map in a terminal.
const MAX_STARTS: usize = 20_000_000;

/// Parses `WxH` (e.g. `200x120`).
pub fn parse_grid(s: &str) -> Result<Grid, String> {
    let bad = |why: &str| format!("invalid grid '{s}': {why}; expected WxH, e.g. 200x120");
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| bad("missing 'x'"))?;
    let count = |t: &str| {
        t.trim()
            .parse::<usize>()
            .map_err(|_| bad("W and H must be whole numbers"))
    };
    let (width, height) = (count(w)?, count(h)?);
    if width == 0 || height == 0 {
        return Err(bad("W and H must be at least 1"));
    }
    if width.saturating_mul(height) > MAX_STARTS {
        return Err(bad(&format!("at most {MAX_STARTS} starts")));
    }
    Ok(Grid { width, height })
}

/// Everything a basin map holds.
pub struct BasinMap {
    pub region: Region,
    pub grid: Grid,
    pub critical: Vec<CriticalPoint>,
    pub starts: Vec<crate::surface::Point>,
    pub outcomes: Vec<Outcome>,
    pub labels: Vec<Label>,
    pub path: Path,
}

/// Steps every start of `grid` over `region` (default: the surface's view) for up to
/// `steps` steps and labels where each ended; `progress` hears of finished runs.
pub fn basin_map(
    surface: &SharedSurface,
    spec: &OptimizerSpec,
    region: Option<Region>,
    grid: Grid,
    steps: usize,
    seed: u64,
    progress: batch::Progress,
) -> BasinMap {
    let region = region.unwrap_or_else(|| surface.view());
    let starts = basin::grid_starts(region, grid.width, grid.height);
    let limits = RunLimits {
        max_steps: Some(steps),
        ..RunLimits::default()
    };
    let path = batch::path(spec, surface, limits);
    let outcomes = batch::run_starts(surface, spec, &starts, limits, seed, progress);
    let critical = search(surface.as_ref(), region, &SearchOptions::default()).critical_points();
    let labels = basin::label(surface.as_ref(), &critical, &outcomes, basin::reach(region));
    BasinMap {
        region,
        grid,
        critical,
        starts,
        outcomes,
        labels,
        path,
    }
}

/// The map `losscape basins` prints for `args`, with a progress bar on a terminal.
pub fn compute(surface: &SharedSurface, args: &BasinsArgs) -> BasinMap {
    let total = args.grid.width * args.grid.height;
    let progress = Progress::new(total as u64, "basins");
    let map = basin_map(
        surface,
        &args.opt,
        args.region,
        args.grid,
        args.steps,
        args.seed,
        &|n| progress.advance(n),
    );
    progress.finish();
    map
}

pub fn run(args: &BasinsArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let surface = super::load_surface(&args.surface)?;
    let map = super::with_threads(args.threads, || compute(&surface, args))?;
    match args.format {
        Format::Csv => {
            let threads = args
                .threads
                .map_or_else(rayon::current_num_threads, usize::from);
            csv::write(&map, out, threads)?
        }
        Format::Json => write_json(&map, args, out)?,
        Format::Table => write_table(&map, args, out)?,
    }
    Ok(())
}

fn critical_json(i: usize, c: &CriticalPoint) -> serde_json::Value {
    serde_json::json!({
        "index": i, "x": c.point.x, "y": c.point.y, "value": c.value, "kind": c.kind(),
    })
}

fn write_json(map: &BasinMap, args: &BasinsArgs, out: &mut dyn Write) -> io::Result<()> {
    let runs: Vec<serde_json::Value> = map
        .starts
        .iter()
        .zip(&map.outcomes)
        .zip(&map.labels)
        .map(|((s, o), l)| {
            serde_json::json!({
                "x": s.x, "y": s.y, "end_x": o.end.x, "end_y": o.end.y, "loss": o.loss,
                "status": o.status.name(),
                "converged_to": l.converged_to.map(|k| k.as_str()),
                "steps": o.steps, "basin": l.basin,
            })
        })
        .collect();
    let total = map.outcomes.len() as f64;
    let summary: Vec<serde_json::Value> = summary(map)
        .iter()
        .map(|row| {
            serde_json::json!({
                "basin": row.share.basin, "what": row.what, "runs": row.share.runs,
                "share": row.share.runs as f64 / total, "median_steps": row.share.median_steps,
            })
        })
        .collect();
    let r = map.region;
    let critical: Vec<serde_json::Value> = map
        .critical
        .iter()
        .enumerate()
        .map(|(i, c)| critical_json(i, c))
        .collect();
    let doc = serde_json::json!({
        "surface": args.surface,
        "optimizer": args.opt.to_string(),
        "grid": { "width": map.grid.width, "height": map.grid.height },
        "region": { "x0": r.x0, "x1": r.x1, "y0": r.y0, "y1": r.y1 },
        "steps": args.steps,
        "critical": critical,
        "summary": summary,
        "runs": runs,
    });
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()
}

/// A line of the summary: a critical point reached, or a group of runs that reached none.
struct SummaryRow {
    share: Share,
    /// The point's kind, or `converged elsewhere` / `still running` / `diverged`.
    what: &'static str,
}

/// The points reached in `critical`'s order, then the runs that reached none.
fn summary(map: &BasinMap) -> Vec<SummaryRow> {
    let mut rows: Vec<SummaryRow> = basin::shares(map.critical.len(), &map.outcomes, &map.labels)
        .into_iter()
        .filter_map(|share| {
            let what = map.critical[share.basin?].kind().as_str();
            Some(SummaryRow { share, what })
        })
        .collect();
    for (status, what) in [
        (EndStatus::Converged, "converged elsewhere"),
        (EndStatus::Running, "still running"),
        (EndStatus::Diverged, "diverged"),
    ] {
        let runs = map
            .outcomes
            .iter()
            .zip(&map.labels)
            .filter(|(o, l)| l.basin.is_none() && o.status == status)
            .count();
        if runs > 0 {
            let share = Share {
                basin: None,
                runs,
                median_steps: None,
            };
            rows.push(SummaryRow { share, what });
        }
    }
    rows
}

fn write_table(map: &BasinMap, args: &BasinsArgs, out: &mut dyn Write) -> io::Result<()> {
    let r = map.region;
    let total = map.outcomes.len();
    writeln!(
        out,
        "{} on {}: {}×{} starts over [{}, {}]×[{}, {}], up to {} steps",
        args.opt,
        args.surface,
        map.grid.width,
        map.grid.height,
        Number(r.x0),
        Number(r.x1),
        Number(r.y0),
        Number(r.y1),
        args.steps
    )?;
    let rows: Vec<[String; 7]> = summary(map)
        .iter()
        .map(|row| {
            let s = &row.share;
            let (index, at, f) = match s.basin {
                Some(b) => {
                    let c = &map.critical[b];
                    let at = format!("({:.6}, {:.6})", c.point.x, c.point.y);
                    (b.to_string(), at, format!("{:.6}", c.value))
                }
                None => Default::default(),
            };
            let median = s.median_steps.map_or("—".into(), |m| m.to_string());
            let share = percent(s.runs, total);
            [
                index,
                row.what.into(),
                at,
                f,
                s.runs.to_string(),
                share,
                median,
            ]
        })
        .collect();
    let header = [
        "basin",
        "point",
        "at",
        "f",
        "starts",
        "share",
        "median steps",
    ]
    .map(String::from);
    super::table::write(out, &header, &rows)
}

fn percent(n: usize, total: usize) -> String {
    format!("{:.1}%", 100.0 * n as f64 / total.max(1) as f64)
}
