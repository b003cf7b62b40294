//! A surface given by a user's expression f(x, y).

use super::Expression;
use crate::surface::scalar::{Hyper, Interval};
use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

/// The box shown when a surface file gives no `view`.
pub const DEFAULT_VIEW: Region = Region {
    x0: -3.0,
    x1: 3.0,
    y0: -3.0,
    y1: 3.0,
};

/// f(x, y) from an expression, with exact gradient and Hessian by automatic differentiation.
#[derive(Debug, Clone)]
pub struct ExpressionSurface {
    name: String,
    expression: Expression,
    view: Region,
    start: Point,
    note: Option<String>,
}

impl ExpressionSurface {
    /// A surface named `name`, shown on [`DEFAULT_VIEW`], starting at [`default_start`].
    pub fn new(name: impl Into<String>, expression: Expression) -> Self {
        let kinked = ["abs", "min", "max"]
            .iter()
            .any(|f| expression.text().contains(&format!("{f}(")));
        let note = kinked.then(|| {
            "abs/min/max have kinks: there abs′(0) = 0 and min/max take the mean of both \
             sides' derivatives (as PyTorch)"
                .to_string()
        });
        Self {
            name: name.into(),
            expression,
            view: DEFAULT_VIEW,
            start: default_start(DEFAULT_VIEW),
            note,
        }
    }

    /// Shows `view`; the start moves with it unless set by [`Self::with_start`] afterwards.
    pub fn with_view(mut self, view: Region) -> Self {
        self.view = view;
        self.start = default_start(view);
        self
    }

    pub fn with_start(mut self, start: Point) -> Self {
        self.start = start;
        self
    }

    pub fn expression(&self) -> &Expression {
        &self.expression
    }
}

/// The default start: three quarters of the way from the view's bottom-left corner to its
/// top-right one — off-centre, because the centre is often the very minimum to be found.
pub fn default_start(view: Region) -> Point {
    Point::new(
        view.x0 + 0.75 * view.width(),
        view.y0 + 0.75 * view.height(),
    )
}

impl Surface for ExpressionSurface {
    fn name(&self) -> &str {
        &self.name
    }
    fn formula(&self) -> &str {
        self.expression.text()
    }
    fn value(&self, p: Point) -> f64 {
        self.expression.value(p.x, p.y)
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.expression.gradient(p.x, p.y)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        self.expression.hessian(p.x, p.y)
    }
    fn view(&self) -> Region {
        self.view
    }
    fn start(&self) -> Point {
        self.start
    }
    fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    fn enclose(&self, x: Interval, y: Interval) -> Option<Hyper<Interval>> {
        Some(self.expression.tape().enclose(x, y))
    }
    fn enclose_along(
        &self,
        x: Interval,
        y: Interval,
        basis: &crate::surface::scalar::Basis,
    ) -> Option<Hyper<Interval>> {
        let t = self.expression.tape();
        Some(t.eval_num(Hyper::along(x, 0, basis), Hyper::along(y, 1, basis)))
    }
    fn enclose_gradient(
        &self,
        x: Interval,
        y: Interval,
    ) -> Option<crate::surface::scalar::Grad<Interval>> {
        use crate::surface::scalar::Grad;
        let t = self.expression.tape();
        Some(t.eval_num(Grad::variable(x, 0), Grad::variable(y, 1)))
    }
    fn values(&self, points: &[Point], out: &mut [f64]) {
        self.expression.values(points, out);
    }
    fn gradients(&self, points: &[Point], out: &mut [Vector2<f64>]) {
        self.expression.gradients(points, out);
    }
}
