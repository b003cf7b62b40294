//! A surface described differently from its defaults: another view, another start, or
//! constraints added (surface files' `view`, `start`, `constraint` and `inequality` keys).
//!
//! This is the one wrapper of the crate; it forwards every [`Surface`] method it does not
//! override, and a test checks that each property survives wrapping (a wrapper that forgot
//! `equal_aspect` once drew a regression file with `start` set as a hair-thin valley).

use super::scalar::{Hyper, Interval};
use super::{Constraint, DataSurface, Point, Region, SharedSurface, Surface};
use nalgebra::{Matrix2, Vector2};

/// `inner` with its view, start or constraints replaced; everything else is `inner`'s.
pub struct Framed {
    inner: SharedSurface,
    view: Option<Region>,
    start: Option<Point>,
    constraints: Option<Vec<Constraint>>,
    formula: String,
}

impl Framed {
    pub fn new(inner: SharedSurface) -> Self {
        Self {
            formula: inner.formula().to_string(),
            inner,
            view: None,
            start: None,
            constraints: None,
        }
    }
    pub fn with_view(mut self, view: Region) -> Self {
        self.view = Some(view);
        self
    }
    pub fn with_start(mut self, start: Point) -> Self {
        self.start = Some(start);
        self
    }
    /// Subject to `constraints`; the formula says so ("f  subject to  g = 0").
    pub fn with_constraints(mut self, constraints: Vec<Constraint>) -> Self {
        let relations: Vec<String> = constraints.iter().map(|c| c.to_string()).collect();
        if !relations.is_empty() {
            self.formula = format!(
                "{}  subject to  {}",
                self.inner.formula(),
                relations.join(", ")
            );
        }
        self.constraints = Some(constraints);
        self
    }
    pub fn inner(&self) -> &SharedSurface {
        &self.inner
    }
}

impl Surface for Framed {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn formula(&self) -> &str {
        &self.formula
    }
    fn value(&self, p: Point) -> f64 {
        self.inner.value(p)
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        self.inner.gradient(p)
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        self.inner.hessian(p)
    }
    fn value_and_gradient(&self, p: Point) -> (f64, Vector2<f64>) {
        self.inner.value_and_gradient(p)
    }
    fn view(&self) -> Region {
        self.view.unwrap_or_else(|| self.inner.view())
    }
    fn start(&self) -> Point {
        self.start.unwrap_or_else(|| self.inner.start())
    }
    fn axis_names(&self) -> (&str, &str) {
        self.inner.axis_names()
    }
    fn equal_aspect(&self) -> bool {
        self.inner.equal_aspect()
    }
    fn note(&self) -> Option<&str> {
        self.inner.note()
    }
    fn enclose(&self, x: Interval, y: Interval) -> Option<Hyper<Interval>> {
        self.inner.enclose(x, y)
    }
    fn enclose_along(
        &self,
        x: Interval,
        y: Interval,
        basis: &crate::surface::scalar::Basis,
    ) -> Option<Hyper<Interval>> {
        self.inner.enclose_along(x, y, basis)
    }
    fn enclose_gradient(
        &self,
        x: Interval,
        y: Interval,
    ) -> Option<crate::surface::scalar::Grad<Interval>> {
        self.inner.enclose_gradient(x, y)
    }
    fn singular_points(&self) -> Vec<Point> {
        self.inner.singular_points()
    }
    fn constraints(&self) -> &[Constraint] {
        match &self.constraints {
            Some(c) => c,
            None => self.inner.constraints(),
        }
    }
    fn data(&self) -> Option<&dyn DataSurface> {
        self.inner.data()
    }
    fn values(&self, points: &[Point], out: &mut [f64]) {
        self.inner.values(points, out)
    }
    fn gradients(&self, points: &[Point], out: &mut [Vector2<f64>]) {
        self.inner.gradients(points, out)
    }
    fn values_and_gradients_apart(&self, at: crate::surface::Apart<'_>) {
        self.inner.values_and_gradients_apart(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::{Quadratic, builtin};
    use std::sync::Arc;

    /// Every property of `inner` that `outer` does not override is the same.
    fn assert_keeps(inner: &dyn Surface, outer: &dyn Surface) {
        let points = [Point::new(0.3, -2.0), Point::new(1.7, 0.4), Point::zeros()];
        for p in points {
            assert_eq!(outer.value(p).to_bits(), inner.value(p).to_bits());
            assert_eq!(outer.gradient(p), inner.gradient(p));
            assert_eq!(outer.hessian(p), inner.hessian(p));
        }
        assert_eq!(outer.name(), inner.name());
        assert_eq!(outer.axis_names(), inner.axis_names());
        assert_eq!(outer.equal_aspect(), inner.equal_aspect());
        assert_eq!(outer.note(), inner.note());
        assert_eq!(outer.singular_points(), inner.singular_points());
        assert_eq!(outer.data().is_some(), inner.data().is_some());
        let (x, y) = (Interval::new(0.1, 0.2), Interval::new(-1.0, 0.5));
        assert_eq!(outer.enclose(x, y), inner.enclose(x, y));
        let (mut a, mut b) = (vec![0.0; 3], vec![0.0; 3]);
        outer.values(&points, &mut a);
        inner.values(&points, &mut b);
        assert_eq!(a, b);
        let (mut ga, mut gb) = (vec![Vector2::zeros(); 3], vec![Vector2::zeros(); 3]);
        outer.gradients(&points, &mut ga);
        inner.gradients(&points, &mut gb);
        assert_eq!(ga, gb);
    }

    #[test]
    fn every_wrapped_property_is_kept() {
        for name in ["linear-regression", "ackley", "himmelblau", "circle-linear"] {
            let inner = builtin(name).unwrap();
            let view = Region::new(-1.0, 2.0, -3.0, 4.0);
            let start = Point::new(0.5, 0.25);
            let framed = Framed::new(inner.clone()).with_view(view).with_start(start);
            assert_keeps(inner.as_ref(), &framed);
            assert_eq!(framed.view(), view);
            assert_eq!(framed.start(), start);
            assert_eq!(framed.formula(), inner.formula());
            assert_eq!(framed.constraints().len(), inner.constraints().len());
        }
    }

    #[test]
    fn adds_constraints_and_keeps_everything_else() {
        let bowl = builtin("bowl").unwrap();
        let s = Framed::new(bowl.clone()).with_constraints(vec![Constraint::equality(
            "x + y − 1",
            Quadratic::line(1.0, 1.0, 1.0),
        )]);
        assert_keeps(bowl.as_ref(), &s);
        assert_eq!((s.view(), s.start()), (bowl.view(), bowl.start()));
        assert_eq!(s.constraints().len(), 1);
        assert!(
            s.formula().ends_with("subject to  x + y − 1 = 0"),
            "{}",
            s.formula()
        );
        let _ = Arc::new(s);
    }
}
