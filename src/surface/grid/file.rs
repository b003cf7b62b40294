//! Loading a `kind = "grid"` surface file's data: CSV rows, an NPY array or an NPZ archive.

use super::npy::{Array, parse_npy, parse_npz};
use super::{GRID_KEYS, GridError, GridSurface};
use crate::diagnostic::Diagnostic;
use crate::surface::file::{cell_span, line_span};
use crate::surface::{Point, Region};
use crate::toml_doc::{Doc, Field, Table};
use std::path::Path;

type Result<T> = std::result::Result<T, Box<Diagnostic>>;

/// Reads the grid a surface file names; errors point into the TOML or the CSV.
pub(crate) fn from_file(
    _doc: &Doc,
    root: &Table,
    name: &str,
    (view, start): (Option<Region>, Option<Point>),
    base_dir: &Path,
) -> Result<GridSurface> {
    root.only_keys(GRID_KEYS)?;
    let data = root.require("data", "data = \"data/landscape.csv\"")?;
    let path = base_dir.join(data.str()?);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = std::fs::read(&path).map_err(|e| {
        data.invalid(
            format!("cannot read data file {}: {e}", path.display()),
            "expected a .csv, .npy or .npz file, path relative to this file",
        )
    })?;
    let columns = column_names(
        root,
        if ext == "npz" {
            ["xcoordinates", "ycoordinates", "train_loss"]
        } else {
            ["x", "y", "loss"]
        },
    )?;
    let grid = match ext.as_str() {
        "csv" => from_csv(&data, &path, &bytes, &columns, name)?,
        "npy" => {
            let a = parse_npy(&bytes).map_err(|e| {
                data.invalid(e.to_string(), "expected an array saved by numpy.save")
            })?;
            from_npy(root, &data, a, name)?
        }
        "npz" => {
            let wanted: Vec<&str> = columns.iter().map(String::as_str).collect();
            let arrays = parse_npz(&bytes, &wanted).map_err(|e| {
                data.invalid(
                    e.to_string(),
                    "expected an archive saved by numpy.savez with x, y and loss arrays",
                )
            })?;
            from_npz(&data, arrays, name)?
        }
        _ => {
            return Err(data.invalid(
                format!("unknown data file type '.{ext}'"),
                "expected a .csv, .npy or .npz file",
            ));
        }
    };
    Ok(grid.with_frame(view, start))
}

/// `columns = [x, y, loss]` names, or the defaults.
fn column_names(root: &Table, default: [&str; 3]) -> Result<Vec<String>> {
    let Some(f) = root.get("columns") else {
        return Ok(default.map(str::to_string).to_vec());
    };
    let items = f.array("an array of three names: [x, y, loss]")?;
    if items.len() != 3 {
        return Err(f.invalid(
            format!("'columns' needs 3 names, found {}", items.len()),
            "expected [x, y, loss]",
        ));
    }
    items.iter().map(|i| i.str().map(str::to_string)).collect()
}

fn grid_error(data: &Field, e: GridError) -> Box<Diagnostic> {
    data.invalid(
        format!("these values are not a grid: {e}"),
        "expected one value at every (x, y) of a regular grid",
    )
}

fn from_csv(
    data: &Field,
    path: &Path,
    bytes: &[u8],
    columns: &[String],
    name: &str,
) -> Result<GridSurface> {
    let origin = path.display().to_string();
    let text = String::from_utf8_lossy(bytes);
    let set = crate::model::DataSet::from_csv(&text, &[&columns[0], &columns[1]], &columns[2])
        .map_err(|e| {
            use crate::surface::DataError;
            match &e {
                DataError::BadNumber {
                    line,
                    column,
                    value,
                } => Box::new(Diagnostic::new(
                    &origin,
                    &text,
                    cell_span(&text, *line, column, value),
                    format!("unreadable CSV row: {e}"),
                    format!("expected a number in column '{column}'"),
                )),
                DataError::Csv { line, .. } => Box::new(Diagnostic::new(
                    &origin,
                    &text,
                    line_span(&text, *line),
                    format!("unreadable CSV row: {e}"),
                    "expected comma-separated values, as many as the header has",
                )),
                _ => data.invalid(
                    e.to_string(),
                    &format!("expected a CSV with columns {}", columns.join(", ")),
                ),
            }
        })?;
    let rows: Vec<(f64, f64, f64)> = (0..set.rows())
        .map(|r| (set.input(r)[0], set.input(r)[1], set.target(r)))
        .collect();
    GridSurface::from_rows(name, &rows).map_err(|e| match e {
        GridError::Duplicate { index, .. } => Box::new(Diagnostic::new(
            &origin,
            &text,
            line_span(&text, set.lines[index]),
            e.to_string(),
            "expected each (x, y) once",
        )),
        e => grid_error(data, e),
    })
}

fn from_npy(root: &Table, data: &Field, a: Array, name: &str) -> Result<GridSurface> {
    match a.shape.as_slice() {
        [_, 3] => {
            let rows: Vec<(f64, f64, f64)> = a.data.chunks_exact(3).map(|r| (r[0], r[1], r[2])).collect();
            GridSurface::from_rows(name, &rows).map_err(|e| grid_error(data, e))
        }
        &[ny, nx] => {
            let range = |key: &str| -> Result<(f64, f64)> {
                let f = root.require(key, &format!("{key} = [-1.0, 1.0]  # the grid's {key} range"))?;
                f.pair("[low, high], e.g. [-1.0, 1.0]")
            };
            let (xr, yr) = (range("x")?, range("y")?);
            GridSurface::new(name, linspace(xr, nx), linspace(yr, ny), &a.data).map_err(|e| grid_error(data, e))
        }
        s => Err(data.invalid(
            format!("the array has shape {s:?}"),
            "expected M rows of (x, y, loss), shape [M, 3], or a 2-D loss array [len(y), len(x)] with x and y ranges",
        )),
    }
}

fn linspace((lo, hi): (f64, f64), n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| lo + (hi - lo) * i as f64 / (n.max(2) - 1) as f64)
        .collect()
}

/// loss-landscape's layout: 1-D x and y coordinates and a [len(y)][len(x)] loss array (or its
/// transpose, when the shape says so unambiguously).
fn from_npz(data: &Field, arrays: Vec<Array>, name: &str) -> Result<GridSurface> {
    let [x, y, loss]: [Array; 3] = arrays
        .try_into()
        .map_err(|_| data.invalid("expected 3 arrays", ""))?;
    let (nx, ny) = (x.data.len(), y.data.len());
    let z = match loss.shape.as_slice() {
        &[r, c] if (r, c) == (ny, nx) => loss.data,
        &[r, c] if (r, c) == (nx, ny) => (0..nx * ny)
            .map(|k| loss.data[(k % nx) * ny + k / nx])
            .collect(),
        s => {
            return Err(data.invalid(
                format!(
                    "the loss array has shape {s:?}, but there are {nx} x and {ny} y coordinates"
                ),
                &format!("expected shape [{ny}, {nx}]"),
            ));
        }
    };
    let increasing = |t: &[f64]| t.windows(2).all(|w| w[1] > w[0]);
    if !increasing(&x.data) || !increasing(&y.data) {
        return Err(data.invalid(
            "the coordinates are not increasing",
            "expected increasing xcoordinates and ycoordinates",
        ));
    }
    GridSurface::new(name, x.data, y.data, &z).map_err(|e| grid_error(data, e))
}
