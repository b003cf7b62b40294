//! `losscape gradcheck --surface NAME --at X,Y`: analytic derivatives beside central finite
//! differences, with the relative error of each entry.

use super::CommandError;
use crate::analysis::{ERROR_FLOOR, GradCheck, gradcheck};
use crate::args::{parse_point, parse_surface_name};
use crate::surface::{Point, format_number as num};
use clap::Args;
use std::io::Write;

#[derive(Debug, Clone, Args)]
pub struct GradcheckArgs {
    /// Surface name (see `losscape surfaces`).
    #[arg(long, value_name = "NAME", value_parser = parse_surface_name)]
    pub surface: String,
    /// The point, X,Y (negative numbers are fine: --at -1.5,2 or --at=-1.5,2).
    #[arg(long, value_name = "X,Y", value_parser = parse_point, allow_hyphen_values = true)]
    pub at: Point,
    /// Write JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, serde::Serialize)]
struct Entry {
    name: String,
    analytic: f64,
    numeric: f64,
    relative_error: f64,
}

fn entries(c: &GradCheck, (a, b): (&str, &str)) -> Vec<Entry> {
    let axes = [a, b];
    let mut out = Vec::new();
    for (i, axis) in axes.iter().enumerate() {
        out.push(Entry {
            name: format!("∂f/∂{axis}"),
            analytic: c.gradient[i],
            numeric: c.numeric_gradient[i],
            relative_error: c.gradient_error[i],
        });
    }
    for i in 0..2 {
        for j in i..2 {
            out.push(Entry {
                name: format!("∂²f/∂{}∂{}", axes[i], axes[j]),
                analytic: c.hessian[(i, j)],
                numeric: c.numeric_hessian[(i, j)],
                relative_error: c.hessian_error[(i, j)],
            });
        }
    }
    out
}

/// Why the derivatives cannot be checked at `at`, if they cannot: f or an analytic entry is
/// not finite there (1e308² overflows), so every difference and error would be NaN.
fn unchecked_reason(c: &GradCheck, at: Point) -> Option<String> {
    let analytic = c.gradient.iter().chain(c.hessian.iter());
    let finite = c.value.is_finite() && analytic.clone().all(|v| v.is_finite());
    if finite && !c.max_error().is_nan() {
        return None;
    }
    let what = if c.value.is_nan() {
        "f is undefined".to_string()
    } else if !c.value.is_finite() {
        format!("f overflows (f = {})", num(c.value))
    } else {
        "f's derivatives overflow".to_string()
    };
    Some(format!(
        "cannot check derivatives at ({}, {}): {what} there, so finite differences are \
         meaningless; pick a point where f and its derivatives are finite",
        num(at.x),
        num(at.y)
    ))
}

pub fn run(args: &GradcheckArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let surface = super::load_surface(&args.surface)?;
    let check = gradcheck(surface.as_ref(), args.at);
    unchecked_reason(&check, args.at).map_or(Ok(()), |why| Err(CommandError::Usage(why)))?;
    let rows = entries(&check, surface.axis_names());
    if args.json {
        let doc = serde_json::json!({
            "surface": surface.name(),
            "x": args.at.x,
            "y": args.at.y,
            "value": check.value,
            "entries": rows,
            "max_relative_error": check.max_error(),
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} at ({}, {}): f = {}",
        surface.name(),
        num(args.at.x),
        num(args.at.y),
        num(check.value)
    )?;
    if let Some(note) = surface.note() {
        writeln!(out, "note: {note}")?;
    }
    writeln!(out)?;
    let header = ["ENTRY", "ANALYTIC", "CENTRAL DIFF", "REL ERROR"].map(String::from);
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|e| {
            [
                e.name.clone(),
                format!("{:.10e}", e.analytic),
                format!("{:.10e}", e.numeric),
                format!("{:.2e}", e.relative_error),
            ]
        })
        .collect();
    super::table::write(out, &header, &cells)?;
    writeln!(
        out,
        "\nmax relative error {:.2e} (|a − n| / max(|a|, |n|, {ERROR_FLOOR:e}))",
        check.max_error()
    )?;
    Ok(())
}
