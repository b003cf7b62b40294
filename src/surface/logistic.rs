//! Logistic regression on one feature as a loss surface: J(w, b) = (1/N)·Σ log(1 + e^zᵢ) − yᵢ·zᵢ
//! with zᵢ = w·xᵢ + b and 0/1 labels yᵢ (torch's `BCEWithLogitsLoss`).
//!
//! J is the mean negative log-likelihood of the model P(y = 1 | x) = σ(w·x + b), so its minimum
//! is the maximum-likelihood fit: minimising cross-entropy is maximum likelihood. ∇J =
//! (1/N)·Σ (σ(zᵢ) − yᵢ)·(xᵢ, 1) and ∇²J = (1/N)·Σ σ(zᵢ)(1 − σ(zᵢ))·[[xᵢ², xᵢ], [xᵢ, 1]]: convex,
//! so Newton's method (iteratively reweighted least squares) finds the one minimum in a few
//! steps — unless the classes are separable, when J keeps falling as |w| → ∞ and there is none.

use super::file::data_error;
use super::regression::round_out;
use super::{DataError, DataSurface, Point, Region, Surface};
use crate::model::DataSet;
use crate::model::scalar::{sigmoid, softplus};
use crate::toml_doc::Table;
use nalgebra::{Matrix2, Vector2};
use std::path::Path;

/// The cross-entropy surface of a one-feature logistic fit.
#[derive(Debug, Clone)]
pub struct LogisticRegression {
    name: String,
    formula: String,
    note: String,
    columns: (String, String),
    points: Vec<(f64, f64)>,
    scaling: Option<(f64, f64)>,
    fit: Option<Point>,
    view: Region,
    start: Point,
}

impl LogisticRegression {
    /// From (x, y) rows with y ∈ {0, 1} (checked by the caller); `standardize` scales x to
    /// mean 0, population std 1.
    pub fn from_points(
        name: &str,
        mut points: Vec<(f64, f64)>,
        columns: (&str, &str),
        standardize: bool,
    ) -> Result<Self, DataError> {
        let n = points.len() as f64;
        let mean = points.iter().map(|p| p.0).sum::<f64>() / n;
        let std = (points.iter().map(|p| (p.0 - mean).powi(2)).sum::<f64>() / n).sqrt();
        if std <= 1e-12 * mean.abs().max(1.0) {
            return Err(DataError::ConstantInput {
                column: columns.0.to_string(),
                value: points[0].0,
            });
        }
        let scaling = standardize.then_some((mean, std));
        if let Some((m, s)) = scaling {
            points.iter_mut().for_each(|p| p.0 = (p.0 - m) / s);
        }
        let x_name = if standardize {
            format!("std({})", columns.0)
        } else {
            columns.0.to_string()
        };
        let mut s = Self {
            name: name.to_string(),
            formula: format!(
                "(1/{}) Σ log(1 + e^z) − {}·z, z = w·{x_name} + b",
                points.len(),
                columns.1
            ),
            note: String::new(),
            columns: (columns.0.to_string(), columns.1.to_string()),
            points,
            scaling,
            fit: None,
            view: Region::new(-1.0, 1.0, -1.0, 1.0),
            start: Point::zeros(),
        };
        s.fit = s.newton_fit();
        s.view = s.fit_view();
        s.note = match s.fit {
            Some(p) => format!(
                "maximum-likelihood fit (Newton/IRLS): w = {:.6}, b = {:.6}, mean log-loss {:.6}",
                p.x,
                p.y,
                s.value(p)
            ),
            None => {
                "the classes are separable: the loss keeps falling as |w| grows, no finite minimum"
                    .to_string()
            }
        };
        Ok(s)
    }

    /// The maximum-likelihood (w, b), or None when the classes are separable.
    pub fn maximum_likelihood(&self) -> Option<Point> {
        self.fit
    }

    /// (mean, std) of the raw input when standardized.
    pub fn scaling(&self) -> Option<(f64, f64)> {
        self.scaling
    }

    /// The file's `view` and `start`, when given (the default view then holds the start).
    pub fn with_frame(mut self, view: Option<Region>, start: Option<Point>) -> Self {
        if let Some(s) = start {
            self.start = s;
            self.view = self.fit_view();
        }
        self.view = view.unwrap_or(self.view);
        self
    }

    /// Newton's method from (0, 0), halving steps that do not lower J; converged when the
    /// Newton decrement is at round-off. Separable data has no minimum: w runs off.
    fn newton_fit(&self) -> Option<Point> {
        if self.separable() {
            return None;
        }
        let mut p = Point::zeros();
        let mut f = self.value(p);
        for _ in 0..100 {
            let g = self.gradient(p);
            let step = self.hessian(p).try_inverse()? * g;
            if g.dot(&step).abs() < 1e-30 || g.norm() < 1e-15 {
                return Some(p);
            }
            let mut t = 1.0;
            while t > 1e-12 {
                let q = p - t * step;
                let fq = self.value(q);
                if fq <= f {
                    (p, f) = (q, fq);
                    break;
                }
                t *= 0.5;
            }
            if t <= 1e-12 || p.norm() > 1e8 {
                return (self.gradient(p).norm() < 1e-12).then_some(p);
            }
        }
        (self.gradient(p).norm() < 1e-10).then_some(p)
    }

    /// Whether a threshold on x splits the labels (ties included: quasi-complete separation,
    /// Albert & Anderson 1984), or there is one label only: then no finite (w, b) maximises
    /// the likelihood.
    fn separable(&self) -> bool {
        let range = |label: f64| {
            self.points
                .iter()
                .filter(|p| p.1 == label)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                    (lo.min(p.0), hi.max(p.0))
                })
        };
        let ((lo0, hi0), (lo1, hi1)) = (range(0.0), range(1.0));
        lo0 > hi0 || lo1 > hi1 || hi0 <= lo1 || hi1 <= lo0
    }

    /// A box holding the start and the fit with a margin (or a fixed box if there is none).
    fn fit_view(&self) -> Region {
        let m = self.fit.unwrap_or(Point::new(4.0, -4.0));
        let (s, w) = (self.start, (m - self.start).abs());
        let pad = |d: f64| 0.5 * d + 0.5;
        let (x0, x1) = (s.x.min(m.x) - pad(w.x), s.x.max(m.x) + pad(w.x));
        let (y0, y1) = (s.y.min(m.y) - pad(w.y), s.y.max(m.y) + pad(w.y));
        let ((x0, x1), (y0, y1)) = (round_out(x0, x1), round_out(y0, y1));
        Region::new(x0, x1, y0, y1)
    }

    fn mean_over(&self, p: Point, rows: impl Iterator<Item = (f64, f64)>) -> Vector2<f64> {
        let (mut g, mut n) = (Vector2::zeros(), 0usize);
        for (x, y) in rows {
            let r = sigmoid(p.x * x + p.y) - y;
            g += Vector2::new(r * x, r);
            n += 1;
        }
        if n == 0 { g } else { g / n as f64 }
    }
}

impl Surface for LogisticRegression {
    fn name(&self) -> &str {
        &self.name
    }
    fn formula(&self) -> &str {
        &self.formula
    }
    fn value(&self, p: Point) -> f64 {
        let total: f64 = self
            .points
            .iter()
            .map(|&(x, y)| {
                let z = p.x * x + p.y;
                softplus(z) - y * z
            })
            .sum();
        total / self.points.len() as f64
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.mean_over(p, self.points.iter().copied())
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        let mut h = Matrix2::zeros();
        for &(x, _) in &self.points {
            let s = sigmoid(p.x * x + p.y);
            h += s * (1.0 - s) * Matrix2::new(x * x, x, x, 1.0);
        }
        h / self.points.len() as f64
    }
    fn view(&self) -> Region {
        self.view
    }
    fn start(&self) -> Point {
        self.start
    }
    fn equal_aspect(&self) -> bool {
        false
    }
    fn axis_names(&self) -> (&str, &str) {
        ("w", "b")
    }
    fn note(&self) -> Option<&str> {
        Some(&self.note)
    }
    fn data(&self) -> Option<&dyn DataSurface> {
        Some(self)
    }
}

impl DataSurface for LogisticRegression {
    fn rows(&self) -> usize {
        self.points.len()
    }
    fn gradient_on(&self, p: Point, rows: &[usize]) -> Vector2<f64> {
        self.mean_over(p, rows.iter().filter_map(|&i| self.points.get(i).copied()))
    }
    fn points(&self) -> &[(f64, f64)] {
        &self.points
    }
    /// The fitted probability σ(w·x + b): the data panel draws the sigmoid.
    fn predict(&self, p: Point, x: f64) -> f64 {
        sigmoid(p.x * x + p.y)
    }
    fn columns(&self) -> (&str, &str) {
        (&self.columns.0, &self.columns.1)
    }
}

/// A `kind = "logistic-regression"` surface file: `data`, `columns = [input, 0/1 label]`,
/// optional `standardize`, `view`, `start` (keys as for linear regression).
pub(super) fn from_file(
    root: &Table,
    name: &str,
    (view, start): (Option<Region>, Option<Point>),
    base_dir: &Path,
) -> Result<LogisticRegression, Box<crate::diagnostic::Diagnostic>> {
    root.only_keys(super::file::REGRESSION_KEYS)?;
    let data = root.require("data", "data = \"data/iris.csv\"")?;
    let columns = root.require("columns", "columns = [\"petal_width\", \"is_virginica\"]")?;
    let cols = columns.array("an array of two column names: [input, 0/1 label]")?;
    let [xc, yc] = cols.as_slice() else {
        return Err(columns.invalid(
            format!("'columns' needs exactly 2 names, found {}", cols.len()),
            "expected [input column, 0/1 label column]",
        ));
    };
    let standardize = root
        .get("standardize")
        .map(|f| f.bool())
        .transpose()?
        .unwrap_or(false);
    let csv_path = base_dir.join(data.str()?);
    let csv_text = std::fs::read_to_string(&csv_path).map_err(|e| {
        data.invalid(
            format!("cannot read data file {}: {e}", csv_path.display()),
            "expected a CSV file with a header row, path relative to this file",
        )
    })?;
    let origin = csv_path.display().to_string();
    let at_csv = |e| data_error(&data, &[xc, yc], &origin, &csv_text, e);
    let set = DataSet::from_csv(&csv_text, &[xc.str()?], yc.str()?).map_err(at_csv)?;
    if let Some(r) = set.first_non_binary() {
        return Err(Box::new(crate::diagnostic::Diagnostic::new(
            &origin,
            &csv_text,
            super::file::cell_span(&csv_text, set.lines[r], yc.str()?, ""),
            format!("label '{}' is {} on this row", yc.str()?, set.target(r)),
            "expected 0 or 1 (logistic regression fits a 0/1 label)",
        )));
    }
    let points = (0..set.rows())
        .map(|r| (set.input(r)[0], set.target(r)))
        .collect();
    let s = LogisticRegression::from_points(name, points, (xc.str()?, yc.str()?), standardize)
        .map_err(at_csv)?;
    Ok(s.with_frame(view, start))
}
