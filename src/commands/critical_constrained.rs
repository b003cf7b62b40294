//! `losscape critical` on a surface with a constraint: Lagrange points with their multiplier λ
//! (convention ∇f = λ∇g) and their constrained kind.

use super::CommandError;
use super::critical::{Format, counts_text, write_json};
use crate::analysis::{ConstrainedKind, ConstrainedPoint, constrained_critical_points};
use crate::surface::{Region, Surface, format_number as num};
use std::io::Write;

/// One constrained critical point as written in JSON.
#[derive(Debug, serde::Serialize)]
struct Row {
    x: f64,
    y: f64,
    value: f64,
    /// The multiplier in ∇f = λ∇g (0 at interior points of an inequality).
    lambda: f64,
    /// g at the point (≈ 0 when active).
    constraint: f64,
    /// |∇f − λ∇g|.
    residual: f64,
    /// On the constraint curve (always, for an equality).
    active: bool,
    /// det of the bordered Hessian, at active points.
    bordered_determinant: Option<f64>,
    kind: ConstrainedKind,
}

pub fn run(
    surface: &dyn Surface,
    region: Region,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let points = constrained_critical_points(surface, region)
        .map_err(|e| CommandError::Usage(e.to_string()))?;
    let constraint = &surface.constraints()[0];
    let rows: Vec<Row> = points
        .iter()
        .map(|c| Row {
            x: c.point.x,
            y: c.point.y,
            value: c.value,
            lambda: c.lambda,
            constraint: constraint.value(c.point),
            residual: (surface.gradient(c.point) - constraint.gradient(c.point) * c.lambda).norm(),
            active: c.active,
            bordered_determinant: c.bordered_determinant,
            kind: c.kind,
        })
        .collect();
    match format {
        Format::Json => write_json(out, &rows)?,
        Format::Csv => write_csv(out, &rows)?,
        Format::Table => {
            let (a, b) = surface.axis_names();
            writeln!(
                out,
                "{}: {} constrained critical point(s) in {} ({})",
                surface.name(),
                rows.len(),
                super::surfaces::view_text(region, a, b),
                tally(&points),
            )?;
            writeln!(
                out,
                "subject to {}; multipliers by ∇f = λ∇g",
                surface
                    .constraints()
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
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

/// "1 constrained minimum, 2 saddles" style counts, in kind order.
fn tally(points: &[ConstrainedPoint]) -> String {
    let count = |kind| points.iter().filter(|p| p.kind == kind).count();
    counts_text([
        (
            count(ConstrainedKind::Minimum),
            "constrained minimum",
            "constrained minima",
        ),
        (
            count(ConstrainedKind::Maximum),
            "constrained maximum",
            "constrained maxima",
        ),
        (count(ConstrainedKind::Saddle), "saddle", "saddles"),
        (
            count(ConstrainedKind::Inconclusive),
            "inconclusive",
            "inconclusive",
        ),
    ])
}

fn write_csv(out: &mut dyn Write, rows: &[Row]) -> std::io::Result<()> {
    writeln!(
        out,
        "x,y,value,lambda,constraint,residual,active,bordered_determinant,kind"
    )?;
    for r in rows {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            num(r.x),
            num(r.y),
            num(r.value),
            num(r.lambda),
            num(r.constraint),
            num(r.residual),
            r.active,
            r.bordered_determinant.map(num).unwrap_or_default(),
            r.kind.as_str()
        )?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, rows: &[Row], (a, b): (&str, &str)) -> std::io::Result<()> {
    let header = [a, b, "f", "λ", "g", "det H_B", "KIND"].map(String::from);
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                format!("{:.6}", r.x),
                format!("{:.6}", r.y),
                format!("{:.6}", r.value),
                format!("{:.6}", r.lambda),
                if r.active {
                    "0 (on)".to_string()
                } else {
                    format!("{:.4} (in)", r.constraint)
                },
                r.bordered_determinant
                    .map(|d| format!("{d:.6e}"))
                    .unwrap_or_else(|| "-".into()),
                r.kind.as_str().to_string(),
            ]
        })
        .collect();
    super::table::write(out, &header, &cells)
}
