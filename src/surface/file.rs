//! Surface files: a surface described in TOML, loaded with errors that point into the file.
//!
//! An expression:
//!
//! ```toml
//! name = "double well"
//! expression = "x^4 + y^4 - 4*x*y"
//! view = { x = [-2.0, 2.0], y = [-2.0, 2.0] }   # optional (default [-3, 3]²)
//! start = [1.5, -0.5]                           # optional
//! description = "two minima and a saddle"       # optional, shown in the surface list
//! constraint = "x^2 + y^2 - 1"                  # optional: subject to g(x, y) = 0
//! inequality = "x + y - 1"                      # optional: subject to g(x, y) <= 0
//! ```
//!
//! A linear regression (mean squared error of y = w·x + b over a CSV's two columns):
//!
//! ```toml
//! name = "sales vs TV spending"
//! kind = "linear-regression"
//! data = "data/advertising.csv"                  # relative to this file
//! columns = ["TV", "sales"]
//! standardize = false                           # optional
//! ```
//!
//! Keys are checked against the lists below, so a typo is an error with a suggestion rather
//! than silently ignored; a new key (e.g. `constraint`) is added to its list and read in
//! [`parse_str`] with [`Field::expression`] for caret errors into the file.

use super::expr::ExpressionSurface;
use super::{
    Constraint, ConstraintKind, DataError, Framed, LinearRegression, Point, Region, SharedSurface,
    TomlValues,
};
use crate::diagnostic::Diagnostic;
use crate::toml_doc::{Doc, Field, Table};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Keys of an expression surface file.
pub const EXPRESSION_KEYS: &[&str] = &[
    "name",
    "kind",
    "expression",
    "view",
    "start",
    "description",
    "constraint",
    "inequality",
];
/// Keys of a linear-regression surface file.
pub const REGRESSION_KEYS: &[&str] = &[
    "name",
    "kind",
    "data",
    "columns",
    "standardize",
    "view",
    "start",
    "description",
];
/// Values of `kind`.
pub const KINDS: &[&str] = &[
    "expression",
    "linear-regression",
    "logistic-regression",
    "grid",
];

#[derive(Debug, thiserror::Error)]
pub enum SurfaceFileError {
    #[error("cannot read surface file {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A mistake in the file (or its CSV), rendered as a snippet with a caret.
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
}

impl From<Box<Diagnostic>> for SurfaceFileError {
    fn from(d: Box<Diagnostic>) -> Self {
        SurfaceFileError::Invalid(d)
    }
}

/// A loaded surface file.
#[derive(Clone)]
pub struct SurfaceFile {
    pub surface: SharedSurface,
    pub description: Option<String>,
}

/// Reads and loads a surface file; a relative `data` path is taken from the file's directory.
pub fn load(path: &Path) -> Result<SurfaceFile, SurfaceFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| SurfaceFileError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse_str(&path.display().to_string(), &text, base)
}

/// Loads a surface file's text; `origin` names it in messages, `base_dir` resolves `data`.
pub fn parse_str(
    origin: &str,
    text: &str,
    base_dir: &Path,
) -> Result<SurfaceFile, SurfaceFileError> {
    let doc = Doc::parse(origin, text)?;
    let root = doc.root();
    let kind = surface_kind(&root)?;
    let name = root
        .require("name", "name = \"my surface\"")?
        .str()?
        .to_string();
    let description = root
        .get("description")
        .map(|f| f.str())
        .transpose()?
        .map(str::to_string);
    let view = root.get("view").map(|f| f.region()).transpose()?;
    let start = root.get("start").map(|f| f.point()).transpose()?;
    let surface: SharedSurface = match kind {
        "expression" => expression_surface(&root, name, (view, start))?,
        "logistic-regression" => Arc::new(super::logistic::from_file(
            &root,
            &name,
            (view, start),
            base_dir,
        )?),
        "grid" => Arc::new(super::grid::from_file(
            &doc,
            &root,
            &name,
            (view, start),
            base_dir,
        )?),
        _ => regression_surface(&root, &name, (view, start), base_dir)?,
    };
    Ok(SurfaceFile {
        surface,
        description,
    })
}

/// The file's `kind` (one of `KINDS`; "expression" when absent).
fn surface_kind<'d>(root: &Table<'d, '_>) -> Result<&'d str, SurfaceFileError> {
    let Some(f) = root.get("kind") else {
        return Ok("expression");
    };
    let k = f.str()?;
    if !KINDS.contains(&k) {
        return Err(f
            .invalid(
                format!("unknown surface kind '{k}'"),
                &format!("expected one of: {}", KINDS.join(", ")),
            )
            .into());
    }
    Ok(k)
}

/// `kind = "expression"`: f(x, y) from `expression`, with its view, start and constraints.
fn expression_surface(
    root: &Table,
    name: String,
    (view, start): (Option<Region>, Option<Point>),
) -> Result<SharedSurface, SurfaceFileError> {
    root.only_keys(EXPRESSION_KEYS)?;
    let expression = root
        .require("expression", "expression = \"x^2 + 3*y^2\"")?
        .expression()?;
    let mut s = ExpressionSurface::new(name, expression);
    if let Some(v) = view {
        s = s.with_view(v);
    }
    if let Some(p) = start {
        s = s.with_start(p);
    }
    let constraints = constraints(root)?;
    Ok(if constraints.is_empty() {
        Arc::new(s)
    } else {
        Arc::new(Framed::new(Arc::new(s)).with_constraints(constraints))
    })
}

/// `kind = "linear-regression"` (or another regression kind): J(w, b) over the file's data,
/// framed when the file sets a view or a start.
fn regression_surface(
    root: &Table,
    name: &str,
    (view, start): (Option<Region>, Option<Point>),
    base_dir: &Path,
) -> Result<SharedSurface, SurfaceFileError> {
    root.only_keys(REGRESSION_KEYS)?;
    let r: SharedSurface = Arc::new(regression(root, name, base_dir)?);
    if view.is_none() && start.is_none() {
        return Ok(r);
    }
    let mut framed = Framed::new(r);
    if let Some(v) = view {
        framed = framed.with_view(v);
    }
    if let Some(p) = start {
        framed = framed.with_start(p);
    }
    Ok(Arc::new(framed))
}

/// The `constraint` (g = 0) and `inequality` (g ≤ 0) keys, parsed as expressions in x and y
/// with the same caret errors as `expression`.
fn constraints(root: &Table) -> Result<Vec<Constraint>, SurfaceFileError> {
    let mut out = Vec::new();
    for (key, kind) in [
        ("constraint", ConstraintKind::Equality),
        ("inequality", ConstraintKind::Inequality),
    ] {
        if let Some(f) = root.get(key) {
            let g = f.expression()?;
            out.push(Constraint::new(kind, g.text().to_string(), Arc::new(g)));
        }
    }
    Ok(out)
}

fn regression(
    root: &Table,
    name: &str,
    base_dir: &Path,
) -> Result<LinearRegression, SurfaceFileError> {
    let data = root.require("data", "data = \"data/advertising.csv\"")?;
    let columns = root.require("columns", "columns = [\"TV\", \"sales\"]")?;
    let cols = columns.array("an array of two column names, e.g. [\"TV\", \"sales\"]")?;
    let [xc, yc] = cols.as_slice() else {
        return Err(columns
            .invalid(
                format!("'columns' needs exactly 2 names, found {}", cols.len()),
                "expected [input column, target column], e.g. [\"TV\", \"sales\"]",
            )
            .into());
    };
    let (x_col, y_col) = (xc.str()?, yc.str()?);
    let standardize = root
        .get("standardize")
        .map(|f| f.bool())
        .transpose()?
        .unwrap_or(false);
    let csv_path: PathBuf = base_dir.join(data.str()?);
    let csv_text = std::fs::read_to_string(&csv_path).map_err(|e| {
        data.invalid(
            format!("cannot read data file {}: {e}", csv_path.display()),
            "expected a CSV file with a header row, path relative to this file",
        )
    })?;
    let r =
        LinearRegression::from_csv(name, &csv_text, x_col, y_col, standardize).map_err(|e| {
            let csv_origin = csv_path.display().to_string();
            SurfaceFileError::from(data_error(&data, &[xc, yc], &csv_origin, &csv_text, e))
        })?;
    // Values near 1e300 square beyond a float: the loss, its view and every step would be
    // ∞ or NaN. Said here, where the data is named.
    use super::Surface as _;
    let v = r.view();
    let finite = [v.x0, v.x1, v.y0, v.y1, r.value(r.start())]
        .iter()
        .all(|c| c.is_finite());
    if !finite {
        return Err(data
            .invalid(
                format!(
                    "the data in {} is too large: its squares overflow a 64-bit float",
                    csv_path.display()
                ),
                "expected values below about 1e150 (rescale the columns, e.g. to thousands)",
            )
            .into());
    }
    Ok(r)
}

/// Where a data error belongs: bad rows in the CSV itself, a missing column at the key that
/// names it (one of `columns`), the rest at the `data` key. Surface and model files share it.
pub(crate) fn data_error(
    data: &Field,
    columns: &[&Field],
    csv_origin: &str,
    csv_text: &str,
    e: DataError,
) -> Box<Diagnostic> {
    let message = e.to_string();
    match &e {
        DataError::Csv { line, .. } => Box::new(Diagnostic::new(
            csv_origin,
            csv_text,
            line_span(csv_text, *line),
            format!("unreadable CSV row: {message}"),
            "expected comma-separated values, as many as the header has",
        )),
        DataError::BadNumber {
            line,
            column,
            value,
        } => {
            let span = cell_span(csv_text, *line, column, value);
            Box::new(Diagnostic::new(
                csv_origin,
                csv_text,
                span,
                format!("unreadable CSV row: {message}"),
                format!("expected a number in column '{column}'"),
            ))
        }
        DataError::MissingColumn { available, .. } if available.trim().is_empty() => data.invalid(
            format!("the data file {csv_origin} is empty: it has no header row"),
            "expected a CSV file whose first row names the columns, then one row per point",
        ),
        DataError::MissingColumn { column, available } => {
            let f = columns
                .iter()
                .copied()
                .find(|f| f.str().ok() == Some(column.as_str()))
                .unwrap_or(data);
            let mut d = f.invalid(
                format!("the data file has no column '{column}'"),
                &format!("expected one of its columns: {available}"),
            );
            if let Some(c) = super::expr::closest_name(column, available.split(", ")) {
                d.help = Some(format!("did you mean '{c}'?"));
            }
            d
        }
        DataError::TooFewRows { .. } | DataError::ConstantInput { .. } => data.invalid(
            message,
            "expected a data set with at least 2 rows and a varying input",
        ),
    }
}

/// Byte range of 1-based `line` of `text`.
pub(crate) fn line_span(text: &str, line: u64) -> Range<usize> {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 + 1 == line {
            return start..start + l.trim_end_matches(['\n', '\r']).len();
        }
        start += l.len();
    }
    text.len()..text.len()
}

/// Byte range of the cell of `column` on `line` (by the header's column order), or the line.
pub(crate) fn cell_span(text: &str, line: u64, column: &str, value: &str) -> Range<usize> {
    let whole = line_span(text, line);
    let header = text.lines().next().unwrap_or("");
    let Some(index) = header.split(',').position(|h| h.trim() == column) else {
        return whole;
    };
    let mut pos = whole.start;
    for (i, cell) in text[whole.clone()].split(',').enumerate() {
        if i == index {
            let lead = cell.len() - cell.trim_start().len();
            let len = if value.is_empty() {
                cell.len()
            } else {
                value.len()
            };
            return pos + lead..pos + lead + len;
        }
        pos += cell.len() + 1;
    }
    whole.end..whole.end
}
