//! Constraints on a surface: g(x, y) = 0 (equality) or g(x, y) ≤ 0 (inequality), with exact
//! value, gradient and Hessian of g.
//!
//! Sign convention for Lagrange multipliers, used throughout losscape: at a constrained
//! critical point, **∇f = λ∇g** (the Lagrangian is L = f − λg). For an inequality g ≤ 0, ∇g
//! points out of the feasible set, so at a constrained minimum on the boundary ∇f points in,
//! and the KKT sign condition reads λ ≤ 0 (at a constrained maximum, λ ≥ 0).

use super::{Point, SharedSurface};
use nalgebra::{Matrix2, Vector2};
use std::fmt;
use std::sync::Arc;

/// Whether the constraint holds with equality or as an upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConstraintKind {
    /// g(x, y) = 0: the feasible set is a curve.
    Equality,
    /// g(x, y) ≤ 0: the feasible set is a region.
    Inequality,
}

impl ConstraintKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConstraintKind::Equality => "equality",
            ConstraintKind::Inequality => "inequality",
        }
    }
    /// The relation in text: "= 0" or "≤ 0".
    pub fn relation(self) -> &'static str {
        match self {
            ConstraintKind::Equality => "= 0",
            ConstraintKind::Inequality => "≤ 0",
        }
    }
}

/// A twice-differentiable scalar function of (x, y): the g of a constraint.
pub trait ScalarField: Send + Sync {
    fn value(&self, p: Point) -> f64;
    /// Exact gradient.
    fn gradient(&self, p: Point) -> Vector2<f64>;
    /// Exact Hessian.
    fn hessian(&self, p: Point) -> Matrix2<f64>;
}

/// g(p) = ½·pᵀAp + bᵀp + c with A symmetric: circles, discs, ellipses, lines, half-planes.
/// ∇g = Ap + b, ∇²g = A.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quadratic {
    pub a: Matrix2<f64>,
    pub b: Vector2<f64>,
    pub c: f64,
}

impl Quadratic {
    /// x² + y² − r²: zero on the circle of radius r about the origin, negative inside. Takes
    /// r² (not r), so x² + y² − 2 is exact.
    pub fn circle(r_squared: f64) -> Self {
        Self {
            a: Matrix2::identity() * 2.0,
            b: Vector2::zeros(),
            c: -r_squared,
        }
    }
    /// a·x + b·y − c: zero on the line a·x + b·y = c.
    pub fn line(a: f64, b: f64, c: f64) -> Self {
        Self {
            a: Matrix2::zeros(),
            b: Vector2::new(a, b),
            c: -c,
        }
    }
}

impl ScalarField for Quadratic {
    fn value(&self, p: Point) -> f64 {
        0.5 * p.dot(&(self.a * p)) + self.b.dot(&p) + self.c
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.a * p + self.b
    }
    fn hessian(&self, _p: Point) -> Matrix2<f64> {
        self.a
    }
}

/// Any surface's f used as a constraint function g (e.g. an expression surface).
pub struct SurfaceField(pub SharedSurface);

impl ScalarField for SurfaceField {
    fn value(&self, p: Point) -> f64 {
        self.0.value(p)
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.0.gradient(p)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        self.0.hessian(p)
    }
}

/// An expression in x and y (from a surface file's `constraint` / `inequality` key), with
/// its exact derivatives.
impl ScalarField for super::Expression {
    fn value(&self, p: Point) -> f64 {
        super::Expression::value(self, p.x, p.y)
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        super::Expression::gradient(self, p.x, p.y)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        super::Expression::hessian(self, p.x, p.y)
    }
}

/// One constraint on a surface: g(x, y) = 0 or g(x, y) ≤ 0.
#[derive(Clone)]
pub struct Constraint {
    kind: ConstraintKind,
    formula: String,
    g: Arc<dyn ScalarField>,
}

impl Constraint {
    /// `formula` is g in plain text, without the relation (e.g. "x² + y² − 1").
    pub fn new(kind: ConstraintKind, formula: impl Into<String>, g: Arc<dyn ScalarField>) -> Self {
        Self {
            kind,
            formula: formula.into(),
            g,
        }
    }
    pub fn equality(formula: impl Into<String>, g: impl ScalarField + 'static) -> Self {
        Self::new(ConstraintKind::Equality, formula, Arc::new(g))
    }
    pub fn inequality(formula: impl Into<String>, g: impl ScalarField + 'static) -> Self {
        Self::new(ConstraintKind::Inequality, formula, Arc::new(g))
    }
    pub fn kind(&self) -> ConstraintKind {
        self.kind
    }
    /// g in plain text, without the relation.
    pub fn formula(&self) -> &str {
        &self.formula
    }
    pub fn value(&self, p: Point) -> f64 {
        self.g.value(p)
    }
    pub fn gradient(&self, p: Point) -> Vector2<f64> {
        self.g.gradient(p)
    }
    pub fn hessian(&self, p: Point) -> Matrix2<f64> {
        self.g.hessian(p)
    }
    /// How far p is from satisfying the constraint, in units of g: |g| for an equality,
    /// max(g, 0) for an inequality.
    pub fn violation(&self, p: Point) -> f64 {
        let g = self.value(p);
        match self.kind {
            ConstraintKind::Equality => g.abs(),
            ConstraintKind::Inequality => g.max(0.0),
        }
    }
    /// Whether p satisfies the constraint up to `tol` (in units of g).
    pub fn is_feasible(&self, p: Point, tol: f64) -> bool {
        self.violation(p) <= tol
    }
}

impl fmt::Display for Constraint {
    /// "x² + y² − 1 = 0" or "x² + y² − 2 ≤ 0".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.formula, self.kind.relation())
    }
}

impl fmt::Debug for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Constraint({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_and_line_have_exact_derivatives() {
        let c = Constraint::equality("x² + y² − 1", Quadratic::circle(1.0));
        let p = Point::new(0.6, -2.0);
        // 0.36 + 4 − 1 = 3.36; ∇ = (1.2, −4); ∇² = 2I.
        assert!((c.value(p) - 3.36).abs() < 1e-12);
        assert_eq!(c.gradient(p), Vector2::new(1.2, -4.0));
        assert_eq!(c.hessian(p), Matrix2::identity() * 2.0);
        assert_eq!(c.to_string(), "x² + y² − 1 = 0");
        let l = Constraint::inequality("x + y − 1", Quadratic::line(1.0, 1.0, 1.0));
        // 0.6 − 2 − 1 = −2.4: feasible for the inequality, violated by 2.4 as an equality.
        assert!((l.value(p) + 2.4).abs() < 1e-12);
        assert_eq!(l.violation(p), 0.0);
        assert!(l.is_feasible(p, 0.0));
        assert_eq!(l.gradient(p), Vector2::new(1.0, 1.0));
        assert_eq!(l.hessian(p), Matrix2::zeros());
        assert!((c.violation(Point::new(0.0, 0.0)) - 1.0).abs() < 1e-15);
    }
}
