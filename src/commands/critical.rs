//! `losscape critical --surface NAME [--region X0:X1,Y0:Y1] [--format table|json|csv]`: the
//! command, its warnings and the table report; the JSON and CSV records are in
//! `critical_rows.rs`.

use super::CommandError;
use super::critical_rows::{PointRow, entries, write_csv};
use crate::analysis::{
    Analysis, CriticalKind, Curve, Domain, Finding, Proof, SearchOptions, search,
};
use crate::args::{parse_region, parse_surface_name};
use crate::surface::{Region, Surface, format_number as num};
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

pub fn run(args: &CriticalArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let surface = super::load_surface(&args.surface)?;
    let region = args.region.unwrap_or_else(|| surface.view());
    if !surface.constraints().is_empty() {
        return super::critical_constrained::run(surface.as_ref(), region, args.format, out);
    }
    let analysis = search(surface.as_ref(), region, &SearchOptions::default());
    if std::env::var_os("LOSSCAPE_DEBUG_BOXES").is_some() {
        eprintln!("boxes examined: {}", analysis.boxes);
    }
    warn_about(&analysis, surface.as_ref());
    match args.format {
        Format::Json => write_json(out, &entries(&analysis))?,
        Format::Csv => write_csv(out, surface.as_ref(), &analysis)?,
        Format::Table => write_report(out, surface.as_ref(), &analysis)?,
    }
    Ok(())
}

/// What the search could not do, on stderr, so JSON and CSV on stdout stay clean.
fn warn_about(analysis: &Analysis, surface: &dyn Surface) {
    let (a, b) = surface.axis_names();
    if !analysis.unresolved.is_empty() {
        let parts: Vec<String> = analysis
            .unresolved
            .iter()
            .take(4)
            .map(|r| super::surfaces::view_text(*r, a, b))
            .collect();
        let more = analysis.unresolved.len().saturating_sub(4);
        eprintln!(
            "warning: the search could not decide {} part(s) of the region: {}{}; critical \
             points may be missing there: search a smaller --region",
            analysis.unresolved.len(),
            parts.join("; "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
        );
    }
    if analysis.sampled {
        eprintln!(
            "note: {} has no interval evaluation, so no point is certified (found by sampling)",
            surface.name()
        );
    }
}

fn write_report(out: &mut dyn Write, surface: &dyn Surface, an: &Analysis) -> std::io::Result<()> {
    let (a, b) = surface.axis_names();
    let view = super::surfaces::view_text(an.region, a, b);
    let name = surface.name();
    if an.domain == Domain::Undefined {
        return writeln!(out, "{name}: f is undefined everywhere in {view}");
    }
    if let Some(v) = an.constant {
        return writeln!(
            out,
            "{name}: f is constant in the region ({view}): every point is critical (f = {})",
            num(v)
        );
    }
    writeln!(
        out,
        "{name}: {} critical point(s) in {view} ({})",
        an.points.len(),
        tally(an),
    )?;
    if let Domain::PartlyUndefined { fraction, bounds } = an.domain {
        writeln!(
            out,
            "note: f is undefined on {:.0}% of the region, all within {}",
            100.0 * fraction,
            super::surfaces::view_text(bounds, a, b)
        )?;
    }
    if let Some(note) = surface.note() {
        writeln!(out, "note: {note}")?;
    }
    if !an.points.is_empty() {
        writeln!(out)?;
        write_table(out, &an.points, (a, b))?;
    }
    for c in &an.curves {
        writeln!(out)?;
        write_curve(out, c, (a, b))?;
    }
    Ok(())
}

/// "1 maximum; 1 curve of minima (a closed curve, length 6.283)" style counts.
fn tally(an: &Analysis) -> String {
    let count = |kind| {
        an.points
            .iter()
            .filter(|p| p.critical.kind() == kind)
            .count()
    };
    let points = counts_text([
        (count(CriticalKind::Minimum), "minimum", "minima"),
        (count(CriticalKind::Maximum), "maximum", "maxima"),
        (count(CriticalKind::Saddle), "saddle", "saddles"),
        (count(CriticalKind::Degenerate), "degenerate", "degenerate"),
    ]);
    let mut parts = Vec::new();
    if !an.points.is_empty() || an.curves.is_empty() {
        parts.push(points);
    }
    parts.extend(an.curves.iter().map(|c| {
        format!(
            "1 curve of {} ({} curve, length {})",
            plural(c.kind),
            if c.closed { "a closed" } else { "an open" },
            short(c.length)
        )
    }));
    parts.join("; ")
}

fn plural(kind: CriticalKind) -> &'static str {
    match kind {
        CriticalKind::Minimum => "minima",
        CriticalKind::Maximum => "maxima",
        CriticalKind::Saddle => "saddles",
        CriticalKind::Degenerate => "degenerate points",
    }
}

/// Four significant digits, e.g. 6.283.
fn short(v: f64) -> String {
    num(format!("{v:.4e}").parse().unwrap_or(v))
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

fn write_table(out: &mut dyn Write, rows: &[Finding], (a, b): (&str, &str)) -> std::io::Result<()> {
    let header = [a, b, "f", "|∇f|", "λ1", "λ2", "KIND", "COND", "KNOWN"].map(String::from);
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|f| {
            let r = PointRow::new(f);
            [
                format!("{:.6}", r.x),
                format!("{:.6}", r.y),
                format!("{:.6}", r.value),
                format!("{:.1e}", r.gradient_norm),
                format!("{:.6e}", r.eigenvalues[0]),
                format!("{:.6e}", r.eigenvalues[1]),
                r.kind.as_str().to_string(),
                r.condition_number
                    .map(|c| format!("{c:.4}"))
                    .unwrap_or_else(|| "-".into()),
                match f.proof {
                    Proof::Certified { radius } => format!("certified ±{radius:.0e}"),
                    Proof::Found => "found".to_string(),
                },
            ]
        })
        .collect();
    super::table::write(out, &header, &cells)
}

fn write_curve(out: &mut dyn Write, c: &Curve, (a, b): (&str, &str)) -> std::io::Result<()> {
    let first = c.points[0];
    writeln!(
        out,
        "curve of {}: {}, length {}, f = {:.6}, {} samples from ({a}, {b}) = ({:.6}, {:.6})",
        plural(c.kind),
        if c.closed {
            "closed"
        } else {
            "open (it leaves the region)"
        },
        short(c.length),
        c.value,
        c.points.len(),
        first.x,
        first.y
    )
}
