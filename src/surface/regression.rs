//! Linear regression as a loss surface: J(w, b) = (1/N)·Σ (w·xᵢ + b − yᵢ)² over a data set.
//!
//! The mean squared error of the line y = w·x + b. Its gradient is (2/N)·Σ rᵢ·(xᵢ, 1) with
//! rᵢ = w·xᵢ + b − yᵢ, its Hessian the constant (2/N)·[[Σx², Σx], [Σx, N]], and its one
//! critical point the least-squares fit. With raw inputs of large mean (TV budgets ~150) the
//! Hessian is badly conditioned (≈ 10⁵ for the advertising data): a long thin valley where
//! gradient descent crawls. Standardizing x (zero mean, unit variance) makes it 2·I, a round
//! bowl (condition number 1).
//!
//! J is a quadratic in (w, b): its sums are taken once, so J = J* + ½dᵀHd (d = (w, b) − the
//! fit), ∇J = H·d and ∇²J = H cost O(1) at any data size; only minibatch gradients read rows.
//! Source: James, Witten, Hastie & Tibshirani, *An Introduction to Statistical Learning*,
//! §3.1 (the advertising data, sales against TV).

use super::scalar::{Hyper, Interval};
use super::{DataSurface, Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

/// Why a data set could not be loaded; line numbers are 1-based lines of the CSV text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    #[error("CSV line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("CSV has no column '{column}'; its columns are: {available}")]
    MissingColumn { column: String, available: String },
    #[error("CSV line {line}, column '{column}': '{value}' is not a finite number")]
    BadNumber {
        line: u64,
        column: String,
        value: String,
    },
    #[error("CSV has {rows} data row(s); a line fit needs at least 2")]
    TooFewRows { rows: usize },
    #[error("column '{column}' is constant ({value}): the fit is not unique")]
    ConstantInput { column: String, value: f64 },
}

/// The mean-squared-error surface of a one-feature linear fit.
#[derive(Debug, Clone)]
pub struct LinearRegression {
    name: String,
    formula: String,
    note: String,
    columns: (String, String),
    /// (x, y) as used by the model, i.e. after standardization.
    points: Vec<(f64, f64)>,
    /// (mean, std) of the raw x when standardized.
    scaling: Option<(f64, f64)>,
    /// The constant Hessian (2/N)[[Σx², Σx], [Σx, N]].
    hessian: Matrix2<f64>,
    minimum: Point,
    /// J at the minimum (the mean squared residual of the fit).
    min_value: f64,
    view: Region,
}

impl LinearRegression {
    /// Reads columns `x_col` and `y_col` of a CSV with a header row.
    pub fn from_csv(
        name: &str,
        csv_text: &str,
        x_col: &str,
        y_col: &str,
        standardize: bool,
    ) -> Result<Self, DataError> {
        // The same reader as model and logistic-regression files: one set of CSV messages.
        let set = crate::model::DataSet::from_csv(csv_text, &[x_col], y_col)?;
        let points = (0..set.rows())
            .map(|r| (set.input(r)[0], set.target(r)))
            .collect();
        Self::from_points(name, points, (x_col, y_col), standardize)
    }

    /// Builds the surface from (x, y) rows.
    pub fn from_points(
        name: &str,
        mut points: Vec<(f64, f64)>,
        columns: (&str, &str),
        standardize: bool,
    ) -> Result<Self, DataError> {
        let n = points.len();
        if n < 2 {
            return Err(DataError::TooFewRows { rows: n });
        }
        let nf = n as f64;
        let mean = points.iter().map(|p| p.0).sum::<f64>() / nf;
        // Population standard deviation, so the standardized Hessian is exactly 2·I.
        let std = (points.iter().map(|p| (p.0 - mean).powi(2)).sum::<f64>() / nf).sqrt();
        if std <= 1e-12 * mean.abs().max(1.0) {
            return Err(DataError::ConstantInput {
                column: columns.0.to_string(),
                value: points[0].0,
            });
        }
        let scaling = standardize.then_some((mean, std));
        if let Some((m, s)) = scaling {
            for p in &mut points {
                p.0 = (p.0 - m) / s;
            }
        }
        let sum_x: f64 = points.iter().map(|p| p.0).sum();
        let sum_xx: f64 = points.iter().map(|p| p.0 * p.0).sum();
        let sum_y: f64 = points.iter().map(|p| p.1).sum();
        // Closed-form least squares (normal equations), in centered form for accuracy:
        // w = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², b = ȳ − w·x̄.
        let (xm, ym) = (sum_x / nf, sum_y / nf);
        let sxx: f64 = points.iter().map(|p| (p.0 - xm).powi(2)).sum();
        let sxy: f64 = points.iter().map(|p| (p.0 - xm) * (p.1 - ym)).sum();
        let w = sxy / sxx;
        let minimum = Point::new(w, ym - w * xm);
        let hessian = Matrix2::new(sum_xx, sum_x, sum_x, nf) * (2.0 / nf);
        let min_value = points
            .iter()
            .map(|&(x, y)| (minimum.x * x + minimum.y - y).powi(2))
            .sum::<f64>()
            / nf;
        let x_name = if standardize {
            format!("std({})", columns.0)
        } else {
            columns.0.to_string()
        };
        let formula = format!("(1/{n})·Σ (w·{x_name} + b − {})²", columns.1);
        let mut surface = Self {
            name: name.to_string(),
            formula,
            note: String::new(),
            columns: (columns.0.to_string(), columns.1.to_string()),
            points,
            scaling,
            hessian,
            minimum,
            min_value,
            view: Region::new(0.0, 1.0, 0.0, 1.0),
        };
        surface.view = surface.fit_view();
        let eig = nalgebra::SymmetricEigen::new(hessian).eigenvalues;
        let cond = eig.max() / eig.min();
        surface.note = if standardize {
            format!(
                "x standardized (mean {mean:.4}, std {std:.4}): Hessian condition number \
                 {cond:.3}, a round bowl"
            )
        } else {
            format!(
                "raw x: Hessian condition number {cond:.3e}, a long thin valley; \
                 standardizing x makes it 1"
            )
        };
        Ok(surface)
    }

    /// The least-squares solution (w, b): the surface's only critical point.
    pub fn least_squares(&self) -> Point {
        self.minimum
    }

    /// (mean, std) of the raw input when it was standardized.
    pub fn scaling(&self) -> Option<(f64, f64)> {
        self.scaling
    }

    /// The bounding box of the level set through the start (0, 0), with a margin: it shows
    /// the start, the minimum and the shape of the valley between them. For the quadratic
    /// J = J* + ½dᵀHd the level set ½dᵀHd = ΔJ has half-widths √(2ΔJ·(H⁻¹)ᵢᵢ).
    fn fit_view(&self) -> Region {
        let m = self.minimum;
        let h = self.hessian(m);
        let dj = (self.value(self.start()) - self.value(m)).max(1e-12);
        let inv = h.try_inverse().unwrap_or_else(Matrix2::identity);
        let half_w = 1.25 * (2.0 * dj * inv[(0, 0)]).abs().sqrt();
        let half_b = 1.25 * (2.0 * dj * inv[(1, 1)]).abs().sqrt();
        let (x0, x1) = round_out(m.x - half_w, m.x + half_w);
        let (y0, y1) = round_out(m.y - half_b, m.y + half_b);
        Region::new(x0, x1, y0, y1)
    }

    fn residual_gradient(&self, p: Point, rows: impl Iterator<Item = (f64, f64)>) -> Vector2<f64> {
        let (mut g, mut n) = (Vector2::zeros(), 0usize);
        for (x, y) in rows {
            let r = p.x * x + p.y - y;
            g += Vector2::new(r * x, r);
            n += 1;
        }
        if n == 0 {
            return Vector2::zeros();
        }
        g * (2.0 / n as f64)
    }
}

/// Widens [lo, hi] to multiples of a round unit (two significant digits of its half-width), so
/// the view reads as `w ∈ [-0.17, 0.27]` rather than sixteen digits.
pub(super) fn round_out(lo: f64, hi: f64) -> (f64, f64) {
    let half = 0.5 * (hi - lo);
    if !(half > 0.0 && half.is_finite()) {
        return (lo, hi);
    }
    let unit = 10f64.powf(half.log10().floor() - 1.0);
    ((lo / unit).floor() * unit, (hi / unit).ceil() * unit)
}

impl Surface for LinearRegression {
    fn name(&self) -> &str {
        &self.name
    }
    fn formula(&self) -> &str {
        &self.formula
    }
    fn value(&self, p: Point) -> f64 {
        let d = p - self.minimum;
        self.min_value + 0.5 * d.dot(&(self.hessian * d))
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.hessian * (p - self.minimum)
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        self.hessian
    }
    fn enclose(&self, x: Interval, y: Interval) -> Option<Hyper<Interval>> {
        let h = self.hessian.map(Interval::point);
        let (dx, dy) = (x - self.minimum.x, y - self.minimum.y);
        let quad = h[(0, 0)] * dx.sqr()
            + h[(0, 1)] * (dx * dy) * Interval::point(2.0)
            + h[(1, 1)] * dy.sqr();
        Some(Hyper {
            v: Interval::point(self.min_value) + quad * Interval::point(0.5),
            g: [
                h[(0, 0)] * dx + h[(0, 1)] * dy,
                h[(0, 1)] * dx + h[(1, 1)] * dy,
            ],
            h: [h[(0, 0)], h[(0, 1)], h[(1, 1)]],
        })
    }
    fn view(&self) -> Region {
        self.view
    }
    /// Zero initialization, as a training script would start.
    fn start(&self) -> Point {
        Point::zeros()
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

impl DataSurface for LinearRegression {
    fn rows(&self) -> usize {
        self.points.len()
    }
    /// Mean over the given rows; indices out of range are ignored, and no rows give 0.
    fn gradient_on(&self, p: Point, rows: &[usize]) -> Vector2<f64> {
        self.residual_gradient(p, rows.iter().filter_map(|&i| self.points.get(i).copied()))
    }
    fn points(&self) -> &[(f64, f64)] {
        &self.points
    }
    fn predict(&self, p: Point, x: f64) -> f64 {
        p.x * x + p.y
    }
    fn columns(&self) -> (&str, &str) {
        (&self.columns.0, &self.columns.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let missing = LinearRegression::from_csv("t", "a,b\n1,2\n", "TV", "b", false);
        assert!(
            matches!(missing, Err(DataError::MissingColumn { ref column, .. }) if column == "TV")
        );
        let bad = LinearRegression::from_csv("t", "x,y\n1,2\n3,oops\n4,5\n", "x", "y", false);
        assert_eq!(
            bad.unwrap_err(),
            DataError::BadNumber {
                line: 3,
                column: "y".into(),
                value: "oops".into()
            }
        );
        let few = LinearRegression::from_csv("t", "x,y\n1,2\n", "x", "y", false);
        assert_eq!(few.unwrap_err(), DataError::TooFewRows { rows: 1 });
        let flat = LinearRegression::from_csv("t", "x,y\n1,2\n1,3\n", "x", "y", false);
        assert!(matches!(flat, Err(DataError::ConstantInput { .. })));
        let ragged = LinearRegression::from_csv("t", "x,y\n1,2\n3\n", "x", "y", false);
        assert!(
            matches!(ragged, Err(DataError::Csv { line: 3, .. })),
            "{ragged:?}"
        );
    }

    #[test]
    fn exact_line_is_recovered() {
        // y = 2x + 1 exactly: J = 0 at (2, 1), and the Hessian is (2/3)[[Σx², Σx], [Σx, 3]]
        // with x = 0, 1, 2: Σx = 3, Σx² = 5.
        let s = LinearRegression::from_csv("t", "x,y\n0,1\n1,3\n2,5\n", "x", "y", false).unwrap();
        assert!((s.least_squares() - Point::new(2.0, 1.0)).norm() < 1e-12);
        assert!(s.value(Point::new(2.0, 1.0)).abs() < 1e-24);
        let h = s.hessian(Point::zeros()) * 1.5;
        assert!((h - Matrix2::new(5.0, 3.0, 3.0, 3.0)).norm() < 1e-12);
        // Minibatch of row 2 only at (0, 0): r = −5, gradient 2·(−5)·(2, 1) = (−20, −10).
        assert_eq!(
            s.gradient_on(Point::zeros(), &[2]),
            Vector2::new(-20.0, -10.0)
        );
    }
}
