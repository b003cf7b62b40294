//! Grid surfaces: loss values computed elsewhere (a ResNet's landscape from a GPU cluster, a
//! slice written by `losscape slice`) on a regular grid, interpolated by a C² bicubic spline
//! whose exact derivatives let critical points, optimizers and every overlay work on it.
//!
//! ```toml
//! name = "resnet56 (loss-landscape)"
//! kind = "grid"
//! data = "data/resnet56.npz"      # CSV with x, y, loss columns (any row order), .npy or .npz
//! columns = ["x", "y", "loss"]    # optional: CSV column names, or NPZ array names
//! ```
//!
//! An NPZ holds loss-landscape's arrays `xcoordinates`, `ycoordinates` and `train_loss`
//! (shape [len(y)][len(x)], as matplotlib's `contour(x, y, Z)` reads it); an NPY holds either
//! M rows of (x, y, loss) or nothing but a 2-D loss array (then `x` and `y` ranges are needed).
//! Outside the grid the surface is undefined (NaN), as a domain outside a formula's.

mod file;
pub mod npy;
pub mod spline;

pub(crate) use file::from_file;

use super::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};
use spline::BicubicSpline;

/// Keys of a grid surface file.
pub const GRID_KEYS: &[&str] = &[
    "name",
    "kind",
    "data",
    "columns",
    "x",
    "y",
    "view",
    "start",
    "description",
];

/// Why values do not form a grid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GridError {
    #[error("a grid needs at least 4 distinct {axis} values, found {found}")]
    TooFew { axis: char, found: usize },
    #[error("no value at ({x}, {y}): the rows must cover every (x, y) of the grid")]
    Missing { x: f64, y: f64 },
    #[error("two values at ({x}, {y})")]
    Duplicate { x: f64, y: f64, index: usize },
    #[error("value {index} is not finite: ({x}, {y}, {value})")]
    NotFinite {
        x: f64,
        y: f64,
        value: f64,
        index: usize,
    },
}

/// A surface interpolated through grid values.
#[derive(Debug, Clone)]
pub struct GridSurface {
    name: String,
    formula: String,
    spline: BicubicSpline,
    view: Region,
    start: Point,
}

impl GridSurface {
    /// From values on `xs` × `ys` (both increasing), `z[j·nx + i]` at (xs[i], ys[j]).
    pub fn new(name: &str, xs: Vec<f64>, ys: Vec<f64>, z: &[f64]) -> Result<Self, GridError> {
        for (axis, t) in [('x', &xs), ('y', &ys)] {
            if t.len() < 4 {
                return Err(GridError::TooFew {
                    axis,
                    found: t.len(),
                });
            }
        }
        if let Some(index) = z.iter().position(|v| !v.is_finite()) {
            let nx = xs.len();
            return Err(GridError::NotFinite {
                x: xs[index % nx],
                y: ys[index / nx],
                value: z[index],
                index,
            });
        }
        let view = Region::new(xs[0], xs[xs.len() - 1], ys[0], ys[ys.len() - 1]);
        let formula = format!("bicubic spline through {}×{} values", xs.len(), ys.len());
        // Start where a trained model's landscape is interesting: away from the centre (often
        // the trained minimum), a quarter in from the top-left corner.
        let start = Point::new(
            view.x0 + 0.25 * view.width(),
            view.y0 + 0.75 * view.height(),
        );
        Ok(Self {
            name: name.to_string(),
            formula,
            spline: BicubicSpline::new(xs, ys, z),
            view,
            start,
        })
    }

    /// From (x, y, value) rows in any order; x and y values are matched exactly, up to a
    /// round-off of 1e-9 of the axis' extent (as printed decimals differ in the last digit).
    pub fn from_rows(name: &str, rows: &[(f64, f64, f64)]) -> Result<Self, GridError> {
        let xs = axis(rows.iter().map(|r| r.0));
        let ys = axis(rows.iter().map(|r| r.1));
        let mut z = vec![f64::NAN; xs.len() * ys.len()];
        let mut seen = vec![false; z.len()];
        for (index, &(x, y, v)) in rows.iter().enumerate() {
            if !v.is_finite() {
                return Err(GridError::NotFinite {
                    x,
                    y,
                    value: v,
                    index,
                });
            }
            let k = nearest(&ys, y) * xs.len() + nearest(&xs, x);
            if std::mem::replace(&mut seen[k], true) {
                return Err(GridError::Duplicate { x, y, index });
            }
            z[k] = v;
        }
        if let Some(k) = seen.iter().position(|s| !s) {
            return Err(GridError::Missing {
                x: xs[k % xs.len()],
                y: ys[k / xs.len()],
            });
        }
        Self::new(name, xs, ys, &z)
    }

    pub fn with_frame(mut self, view: Option<Region>, start: Option<Point>) -> Self {
        self.view = view.unwrap_or(self.view);
        self.start = start.unwrap_or(self.start);
        self
    }

    /// The grid's x and y values.
    pub fn axes(&self) -> (&[f64], &[f64]) {
        (self.spline.xs(), self.spline.ys())
    }
}

/// The distinct values, ascending, merging those within round-off of each other.
fn axis(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let tol = 1e-9 * (v.last().copied().unwrap_or(0.0) - v.first().copied().unwrap_or(0.0));
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        if out.last().is_none_or(|&l| x - l > tol) {
            out.push(x);
        }
    }
    out
}

fn nearest(t: &[f64], x: f64) -> usize {
    let i = t.partition_point(|&v| v < x);
    if i == 0 {
        0
    } else if i == t.len() || (x - t[i - 1]) <= (t[i] - x) {
        i - 1
    } else {
        i
    }
}

const NAN2: Vector2<f64> = Vector2::new(f64::NAN, f64::NAN);

impl Surface for GridSurface {
    fn name(&self) -> &str {
        &self.name
    }
    fn formula(&self) -> &str {
        &self.formula
    }
    fn value(&self, p: Point) -> f64 {
        self.spline.eval(p.x, p.y).map_or(f64::NAN, |e| e.0)
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.spline.eval(p.x, p.y).map_or(NAN2, |e| e.1)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        self.spline
            .eval(p.x, p.y)
            .map_or(Matrix2::from_element(f64::NAN), |e| e.2)
    }
    fn view(&self) -> Region {
        self.view
    }
    fn start(&self) -> Point {
        self.start
    }
    fn note(&self) -> Option<&str> {
        Some("interpolated (C² bicubic spline) between grid values; undefined outside the grid")
    }
}
