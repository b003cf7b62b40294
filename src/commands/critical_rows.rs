//! The machine-readable records of `losscape critical`: the JSON entries (a point, a curve or
//! a region) and the CSV rows. The table report reads its cells from [`PointRow`] too, so
//! every format shows the same numbers.

use crate::analysis::{Analysis, CriticalKind, Domain, Finding, Proof};
use crate::surface::{Region, Surface, format_number as num};
use std::io::Write;

/// One entry of the JSON array: a point, a curve, or a region the search has something to
/// say about (unresolved, undefined, constant).
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub(super) enum Entry {
    Point(PointRow),
    Curve(CurveRow),
    Region(RegionRow),
}

#[derive(Debug, serde::Serialize)]
pub(super) struct PointRow {
    shape: &'static str,
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) value: f64,
    pub(super) gradient_norm: f64,
    /// Ascending.
    pub(super) eigenvalues: [f64; 2],
    /// Unit vectors matching `eigenvalues`, each [x, y].
    eigenvectors: [[f64; 2]; 2],
    pub(super) kind: CriticalKind,
    /// λmax/λmin, for minima only.
    pub(super) condition_number: Option<f64>,
    /// "certified" (a proof of exactly one zero within `certified_radius`) or "found".
    known: &'static str,
    certified_radius: Option<f64>,
}

#[derive(Debug, serde::Serialize)]
pub(super) struct CurveRow {
    shape: &'static str,
    kind: CriticalKind,
    value: f64,
    closed: bool,
    length: f64,
    points: Vec<[f64; 2]>,
}

#[derive(Debug, serde::Serialize)]
pub(super) struct RegionRow {
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
    pub(super) fn new(f: &Finding) -> Self {
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

pub(super) fn entries(a: &Analysis) -> Vec<Entry> {
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

/// One row per point, then one per curve sample (`shape` = curve, `curve` its index).
pub(super) fn write_csv(
    out: &mut dyn Write,
    surface: &dyn Surface,
    an: &Analysis,
) -> std::io::Result<()> {
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
