//! Loss surfaces: f(x, y) with exact gradient and Hessian.
//!
//! Built-ins are written once as generic formulas and differentiated exactly by forward-mode
//! automatic differentiation (`scalar`); never finite differences here (those live only in
//! `analysis::gradcheck`, to check these).

mod builtin;
mod catalog;
mod constraint;
pub mod expr;
mod fields;
pub mod file;
mod framed;
pub mod grid;
mod logistic;
mod number;
mod region;
mod regression;
pub mod scalar;

pub use builtin::{ADVERTISING_CSV, BUILTIN_NAMES, builtin};
pub use catalog::{CatalogEntry, catalog};
pub use constraint::{Constraint, ConstraintKind, Quadratic, ScalarField, SurfaceField};
pub use expr::{Expression, ExpressionSurface};
pub use fields::TomlValues;
pub use file::{SurfaceFile, SurfaceFileError};
pub use framed::Framed;
pub use grid::{GridError, GridSurface};
pub use logistic::LogisticRegression;
pub use number::{Number, format_number};
pub use region::{Region, RegionError};
pub use regression::{DataError, LinearRegression};

use nalgebra::{Matrix2, Vector2};
use scalar::{Basis, Grad, Hyper, Interval};
use std::sync::Arc;

/// A point in parameter space (x, y) — or (w, b) for regression surfaces.
pub type Point = Vector2<f64>;

/// A differentiable function of two parameters, with what the viewer needs to show it.
pub trait Surface: Send + Sync {
    /// The name used on the command line (`rosenbrock`) or the file's `name`.
    fn name(&self) -> &str;
    /// The formula in plain text, for listings and the title bar.
    fn formula(&self) -> &str;
    fn value(&self, p: Point) -> f64;
    /// Exact gradient (analytic or automatic differentiation).
    fn gradient(&self, p: Point) -> Vector2<f64>;
    /// Exact Hessian (analytic or automatic differentiation).
    fn hessian(&self, p: Point) -> Matrix2<f64>;
    /// f and ∇f at once, bit for bit `(value(p), gradient(p))`: one pass for a generic
    /// formula, whose gradient's dual numbers carry the value (a run needs both every step).
    fn value_and_gradient(&self, p: Point) -> (f64, Vector2<f64>) {
        (self.value(p), self.gradient(p))
    }
    /// ∇f at (x, y), with f(x, y) into `value`: `value_and_gradient` for a run's step, whose
    /// point and gradient then cross the call in registers. A `Point` or a returned triple goes
    /// through memory, and loading both words of the pair at once waits for the narrower
    /// stores that wrote them (a store-forwarding stall, on the chain from step to step).
    fn gradient_and_value_xy(&self, x: f64, y: f64, value: &mut f64) -> (f64, f64) {
        let (f, g) = self.value_and_gradient(Point::new(x, y));
        *value = f;
        (g.x, g.y)
    }
    /// The default box to show, chosen so the surface's features are visible.
    fn view(&self) -> Region;
    /// The default starting point for optimizers.
    fn start(&self) -> Point;
    /// Axis names: ("x", "y") for test functions, ("w", "b") for regression.
    fn axis_names(&self) -> (&str, &str) {
        ("x", "y")
    }
    /// Whether x and y share a unit, so the map should keep true geometry (a circle looks
    /// round). Regression parameters (a slope and an intercept) do not: their map fills the
    /// view box instead, or the valley would be a hair-thin line.
    fn equal_aspect(&self) -> bool {
        true
    }
    /// A caveat worth showing to a user, e.g. where the surface is not differentiable.
    fn note(&self) -> Option<&str> {
        None
    }
    /// Enclosures of f, ∇f and ∇²f over the box `x × y` (interval arithmetic with outward
    /// rounding), for the certified critical-point search. `None` when the surface has no
    /// interval evaluation; the search then samples and says its points are only `found`.
    fn enclose(&self, x: Interval, y: Interval) -> Option<Hyper<Interval>> {
        let _ = (x, y);
        None
    }
    /// `enclose` with the derivatives taken along `basis` (gradient Pᵀ∇f, Hessian Pᵀ∇²f P).
    /// Surfaces with a formula evaluate it along the basis, which is much tighter where the
    /// Hessian is far from diagonal in x, y (a narrow valley at an angle); the default
    /// re-expresses `enclose`.
    fn enclose_along(&self, x: Interval, y: Interval, basis: &Basis) -> Option<Hyper<Interval>> {
        self.enclose(x, y).map(|e| e.in_basis(basis))
    }
    /// Enclosures of f and ∇f only (at a point, for the Krawczyk test): the same as
    /// `enclose` without the Hessian, which surfaces with a generic formula skip (a third of
    /// the cost).
    fn enclose_gradient(&self, x: Interval, y: Interval) -> Option<Grad<Interval>> {
        self.enclose(x, y).map(|e| Grad { v: e.v, g: e.g })
    }
    /// Points where the surface is not differentiable (`gradient` returns a subgradient there);
    /// the critical-point search checks them as candidates, since Newton cannot land on a kink.
    fn singular_points(&self) -> Vec<Point> {
        Vec::new()
    }
    /// Constraints the optimization must honour (g = 0 or g ≤ 0); none by default. Multipliers
    /// follow the convention ∇f = λ∇g (see [`Constraint`]).
    fn constraints(&self) -> &[Constraint] {
        &[]
    }
    /// Data-backed surfaces expose their rows, for minibatch gradients and data-space plots.
    fn data(&self) -> Option<&dyn DataSurface> {
        None
    }
    /// A network's loss on a plane through its parameter space (runs on it are N-D).
    fn network(&self) -> Option<&crate::model::plane::PlaneSurface> {
        None
    }
    /// f at many points (`out` as long as `points`): for sampling a whole field. Expression
    /// surfaces override it with a block evaluation several times faster than point by point.
    /// The default loop is compiled for the CPU's widest vectors (batches of runs use it).
    fn values(&self, points: &[Point], out: &mut [f64]) {
        let f = |p| self.value(p);
        crate::simd::run(crate::simd::MapPoints { points, out, f });
    }
    /// ∇f at many points (`out` as long as `points`), vectorised as `values`.
    fn gradients(&self, points: &[Point], out: &mut [Vector2<f64>]) {
        let f = |p| self.gradient(p);
        crate::simd::run(crate::simd::MapPoints { points, out, f });
    }
    /// f and ∇f at many points with their coordinates stored apart (a batch's blocks: every
    /// loop over them is a plain vector loop); `f`, `gx`, `gy` as long as `x` and `y`. By
    /// default through `values` and `gradients` (keeping their overrides); a generic formula
    /// does it in one vectorised dual pass.
    fn values_and_gradients_apart(&self, at: Apart<'_>) {
        const CHUNK: usize = 64;
        let mut points = [Point::zeros(); CHUNK];
        let mut g = [Vector2::zeros(); CHUNK];
        for start in (0..at.x.len()).step_by(CHUNK) {
            let chunk = start..(start + CHUNK).min(at.x.len());
            let n = chunk.len();
            let (x, y) = (&at.x[chunk.clone()], &at.y[chunk.clone()]);
            for (p, (&x, &y)) in points.iter_mut().zip(x.iter().zip(y)) {
                *p = Point::new(x, y);
            }
            self.values(&points[..n], &mut at.f[chunk.clone()]);
            self.gradients(&points[..n], &mut g[..n]);
            let (gx, gy) = (&mut at.gx[chunk.clone()], &mut at.gy[chunk]);
            for (g, (gx, gy)) in g.iter().zip(gx.iter_mut().zip(gy)) {
                (*gx, *gy) = (g.x, g.y);
            }
        }
    }
}

/// Points with their coordinates in two slices, and where f and ∇f at them go.
pub struct Apart<'a> {
    pub x: &'a [f64],
    pub y: &'a [f64],
    pub f: &'a mut [f64],
    pub gx: &'a mut [f64],
    pub gy: &'a mut [f64],
}

/// A surface that is a mean of per-row losses over a data set: f = (1/N) Σ ℓᵢ.
pub trait DataSurface: Send + Sync {
    /// Number of rows N.
    fn rows(&self) -> usize;
    /// Gradient of the mean loss over the given rows only (the minibatch gradient).
    fn gradient_on(&self, p: Point, rows: &[usize]) -> Vector2<f64>;
    /// The (x, y) data as used by the model (after standardization, if any).
    fn points(&self) -> &[(f64, f64)];
    /// Model prediction for input `x` at parameters `p` (for drawing the fitted line).
    fn predict(&self, p: Point, x: f64) -> f64;
    /// Names of the input and target columns, e.g. ("TV", "sales").
    fn columns(&self) -> (&str, &str);
}

/// Surfaces are shared between the runs, the renderer and the analysis.
pub type SharedSurface = Arc<dyn Surface>;

/// Error for a surface name that is neither a built-in nor a readable file.
#[derive(Debug, thiserror::Error)]
pub enum SurfaceError {
    #[error("unknown surface '{name}'; valid names: {}", BUILTIN_NAMES.join(", "))]
    Unknown { name: String },
    /// A `.toml` surface file that could not be loaded (the message shows where and why).
    #[error(transparent)]
    File(#[from] Box<SurfaceFileError>),
}

/// Resolves a surface by built-in name, or loads it from a path ending in `.toml`.
pub fn resolve(name: &str) -> Result<SharedSurface, SurfaceError> {
    if name.ends_with(".toml") {
        return file::load(std::path::Path::new(name))
            .map(|f| f.surface)
            .map_err(|e| SurfaceError::File(Box::new(e)));
    }
    builtin(name).ok_or_else(|| SurfaceError::Unknown {
        name: name.to_string(),
    })
}
