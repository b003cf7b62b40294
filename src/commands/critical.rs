//! `losscape critical --surface NAME [--region X0:X1,Y0:Y1] [--format table|json|csv]`.

use super::CommandError;
use crate::analysis::{CriticalKind, CriticalPoint, SearchOptions, search};
use crate::args::{parse_region, parse_surface_name};
use crate::surface::{Region, format_number as num};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Debug, Clone, Args)]
pub struct CriticalArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// Region to search, X0:X1,Y0:Y1 (default: the surface's view), e.g. -3:3,-2:2.
    #[arg(long, value_name = "X0:X1,Y0:Y1", value_parser = parse_region, allow_hyphen_values = true)]
    pub region: Option<Region>,
    /// Output format; CSV and JSON carry full precision.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// One critical point as written in JSON.
#[derive(Debug, serde::Serialize)]
struct Row {
    x: f64,
    y: f64,
    value: f64,
    gradient_norm: f64,
    /// Ascending.
    eigenvalues: [f64; 2],
    /// Unit vectors matching `eigenvalues`, each [x, y].
    eigenvectors: [[f64; 2]; 2],
    kind: CriticalKind,
    /// λmax/λmin, for minima only.
    condition_number: Option<f64>,
}

impl Row {
    fn new(c: &CriticalPoint, gradient_norm: f64) -> Self {
        let v = c.hessian.eigenvectors;
        Self {
            x: c.point.x,
            y: c.point.y,
            value: c.value,
            gradient_norm,
            eigenvalues: c.hessian.eigenvalues,
            eigenvectors: [[v[0].x, v[0].y], [v[1].x, v[1].y]],
            kind: c.kind(),
            condition_number: c.hessian.condition_number,
        }
    }
}

pub fn run(args: &CriticalArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let surface = super::load_surface(&args.surface)?;
    let region = args.region.unwrap_or_else(|| surface.view());
    if !surface.constraints().is_empty() {
        return super::critical_constrained::run(surface.as_ref(), region, args.format, out);
    }
    let report = search(surface.as_ref(), region, &SearchOptions::default());
    if report.saturated {
        // On stderr, so JSON and CSV on stdout stay clean.
        eprintln!(
            "warning: critical points in {region} are denser than the search grid \
             ({n}×{n}) resolves; some are likely missing: use a smaller --region",
            n = report.grid
        );
    }
    let points = report.points;
    let rows: Vec<Row> = points
        .iter()
        .map(|c| Row::new(c, surface.gradient(c.point).norm()))
        .collect();
    match args.format {
        Format::Json => write_json(out, &rows)?,
        Format::Csv => write_csv(out, &rows)?,
        Format::Table => {
            let (a, b) = surface.axis_names();
            writeln!(
                out,
                "{}: {} critical point(s) in {} ({})",
                surface.name(),
                rows.len(),
                super::surfaces::view_text(region, a, b),
                tally(&points),
            )?;
            if let Some(note) = surface.note() {
                writeln!(out, "note: {note}")?;
            }
            writeln!(out)?;
            write_table(out, &rows, (a, b))?;
        }
    }
    Ok(())
}

/// "4 minima, 1 maximum, 4 saddles" style counts, in kind order.
fn tally(points: &[CriticalPoint]) -> String {
    let count = |kind| points.iter().filter(|p| p.kind() == kind).count();
    counts_text([
        (count(CriticalKind::Minimum), "minimum", "minima"),
        (count(CriticalKind::Maximum), "maximum", "maxima"),
        (count(CriticalKind::Saddle), "saddle", "saddles"),
        (count(CriticalKind::Degenerate), "degenerate", "degenerate"),
    ])
}

/// "n word" for each nonzero count (singular when n is 1, plural otherwise), joined by ", ";
/// "none" when every count is zero.
pub(super) fn counts_text<'a>(
    counts: impl IntoIterator<Item = (usize, &'a str, &'a str)>,
) -> String {
    let parts: Vec<String> = counts
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// The rows as pretty JSON and a final newline.
pub(super) fn write_json<T: serde::Serialize>(
    out: &mut dyn Write,
    rows: &[T],
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows).map_err(std::io::Error::from)?;
    writeln!(out)
}

fn write_csv(out: &mut dyn Write, rows: &[Row]) -> std::io::Result<()> {
    writeln!(
        out,
        "x,y,value,gradient_norm,eigenvalue_min,eigenvalue_max,\
         eigenvector_min_x,eigenvector_min_y,eigenvector_max_x,eigenvector_max_y,kind,condition_number"
    )?;
    for r in rows {
        let cond = r
            .condition_number
            .map(|c| c.to_string())
            .unwrap_or_default();
        let [[v0x, v0y], [v1x, v1y]] = r.eigenvectors;
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{}",
            num(r.x),
            num(r.y),
            num(r.value),
            num(r.gradient_norm),
            num(r.eigenvalues[0]),
            num(r.eigenvalues[1]),
            num(v0x),
            num(v0y),
            num(v1x),
            num(v1y),
            r.kind.as_str(),
            cond
        )?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, rows: &[Row], (a, b): (&str, &str)) -> std::io::Result<()> {
    let header = [a, b, "f", "λ1", "λ2", "KIND", "COND"].map(String::from);
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                format!("{:.6}", r.x),
                format!("{:.6}", r.y),
                format!("{:.6}", r.value),
                format!("{:.6e}", r.eigenvalues[0]),
                format!("{:.6e}", r.eigenvalues[1]),
                r.kind.as_str().to_string(),
                r.condition_number
                    .map(|c| format!("{c:.4}"))
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    super::table::write(out, &header, &cells)
}
