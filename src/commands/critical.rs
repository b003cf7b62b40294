//! `losscape critical --surface NAME [--region X0:X1,Y0:Y1] [--format table|json|csv]`.

use super::CommandError;
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

/// One entry of the JSON array: a point, a curve, or a region the search has something to
/// say about (unresolved, undefined, constant).
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
enum Entry {
    Point(PointRow),
    Curve(CurveRow),
    Region(RegionRow),
}

#[derive(Debug, serde::Serialize)]
struct PointRow {
    shape: &'static str,
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
    /// "certified" (a proof of exactly one zero within `certified_radius`) or "found".
    known: &'static str,
    certified_radius: Option<f64>,
}

#[derive(Debug, serde::Serialize)]
struct CurveRow {
    shape: &'static str,
    kind: CriticalKind,
    value: f64,
    closed: bool,
    length: f64,
    points: Vec<[f64; 2]>,
}

#[derive(Debug, serde::Serialize)]
struct RegionRow {
    shape: &'static str,
    /// "unresolved", "undefined" or "constant".
    status: &'static str,
    x: [f64; 2],
    y: [f64; 2],
    /// Share of the region's samples where f is undefined ("undefined" only).
    #[serde(skip_serializing_if = "Option::is_none")]
    fraction: Option<f64>,
    /// f ("constant" only).
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
}

impl PointRow {
    fn new(f: &Finding) -> Self {
        let c = &f.critical;
        let v = c.hessian.eigenvectors;
        Self {
            shape: "point",
            x: c.point.x,
            y: c.point.y,
            value: c.value,
            gradient_norm: f.gradient_norm,
            eigenvalues: c.hessian.eigenvalues,
            eigenvectors: [[v[0].x, v[0].y], [v[1].x, v[1].y]],
            kind: c.kind(),
            condition_number: c.hessian.condition_number,
            known: f.proof.as_str(),
            certified_radius: match f.proof {
                Proof::Certified { radius } => Some(radius),
                Proof::Found => None,
            },
        }
    }
}

fn region_row(status: &'static str, r: Region) -> RegionRow {
    RegionRow {
        shape: "region",
        status,
        x: [r.x0, r.x1],
        y: [r.y0, r.y1],
        fraction: None,
        value: None,
    }
}

fn entries(a: &Analysis) -> Vec<Entry> {
    let mut out: Vec<Entry> = a
        .points
        .iter()
        .map(|f| Entry::Point(PointRow::new(f)))
        .collect();
    out.extend(a.curves.iter().map(|c| {
        Entry::Curve(CurveRow {
            shape: "curve",
            kind: c.kind,
            value: c.value,
            closed: c.closed,
            length: c.length,
            points: c.points.iter().map(|p| [p.x, p.y]).collect(),
        })
    }));
    if let Some(v) = a.constant {
        out.push(Entry::Region(RegionRow {
            value: Some(v),
            ..region_row("constant", a.region)
        }));
    }
    match a.domain {
        Domain::Defined => {}
        Domain::Undefined => out.push(Entry::Region(RegionRow {
            fraction: Some(1.0),
            ..region_row("undefined", a.region)
        })),
        Domain::PartlyUndefined { fraction, bounds } => out.push(Entry::Region(RegionRow {
            fraction: Some(fraction),
            ..region_row("undefined", bounds)
        })),
    }
    out.extend(
        a.unresolved
            .iter()
            .map(|r| Entry::Region(region_row("unresolved", *r))),
    );
    out
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
    let (a, b) = surface.axis_names();
    // On stderr, so JSON and CSV on stdout stay clean.
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
    match args.format {
        Format::Json => write_json(out, &entries(&analysis))?,
        Format::Csv => write_csv(out, surface.as_ref(), &analysis)?,
        Format::Table => write_report(out, surface.as_ref(), &analysis)?,
    }
    Ok(())
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

/// One row per point, then one per curve sample (`shape` = curve, `curve` its index).
fn write_csv(out: &mut dyn Write, surface: &dyn Surface, an: &Analysis) -> std::io::Result<()> {
    writeln!(
        out,
        "x,y,value,gradient_norm,eigenvalue_min,eigenvalue_max,\
         eigenvector_min_x,eigenvector_min_y,eigenvector_max_x,eigenvector_max_y,kind,\
         condition_number,known,certified_radius,shape,curve"
    )?;
    for f in &an.points {
        let r = PointRow::new(f);
        let cond = r.condition_number.map(num).unwrap_or_default();
        let radius = r.certified_radius.map(num).unwrap_or_default();
        let [[v0x, v0y], [v1x, v1y]] = r.eigenvectors;
        let cells = [
            r.x,
            r.y,
            r.value,
            r.gradient_norm,
            r.eigenvalues[0],
            r.eigenvalues[1],
        ];
        let cells: Vec<String> = cells
            .into_iter()
            .chain([v0x, v0y, v1x, v1y])
            .map(num)
            .collect();
        writeln!(
            out,
            "{},{},{cond},{},{radius},point,",
            cells.join(","),
            r.kind.as_str(),
            r.known
        )?;
    }
    for (k, c) in an.curves.iter().enumerate() {
        for p in &c.points {
            let g = surface.gradient(*p).norm();
            writeln!(
                out,
                "{},{},{},{},,,,,,,{},,found,,curve,{k}",
                num(p.x),
                num(p.y),
                num(surface.value(*p)),
                num(g),
                c.kind.as_str()
            )?;
        }
    }
    Ok(())
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
