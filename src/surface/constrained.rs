//! A surface with constraints added: f from any surface, g's alongside (used by surface files,
//! whose `constraint` / `inequality` keys attach to an expression surface).

use super::{Constraint, DataSurface, Point, Region, SharedSurface, Surface};
use nalgebra::{Matrix2, Vector2};

/// `inner` subject to `constraints`; everything else is `inner`'s.
pub struct WithConstraints {
    inner: SharedSurface,
    constraints: Vec<Constraint>,
    formula: String,
}

impl WithConstraints {
    pub fn new(inner: SharedSurface, constraints: Vec<Constraint>) -> Self {
        let relations: Vec<String> = constraints.iter().map(|c| c.to_string()).collect();
        let formula = if relations.is_empty() {
            inner.formula().to_string()
        } else {
            format!("{}  subject to  {}", inner.formula(), relations.join(", "))
        };
        Self {
            inner,
            constraints,
            formula,
        }
    }
    pub fn inner(&self) -> &SharedSurface {
        &self.inner
    }
}

impl Surface for WithConstraints {
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
    fn view(&self) -> Region {
        self.inner.view()
    }
    fn start(&self) -> Point {
        self.inner.start()
    }
    fn axis_names(&self) -> (&str, &str) {
        self.inner.axis_names()
    }
    fn note(&self) -> Option<&str> {
        self.inner.note()
    }
    fn singular_points(&self) -> Vec<Point> {
        self.inner.singular_points()
    }
    fn constraints(&self) -> &[Constraint] {
        &self.constraints
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::{Quadratic, builtin};

    #[test]
    fn adds_constraints_and_keeps_everything_else() {
        let bowl = builtin("bowl").unwrap();
        let s = WithConstraints::new(
            bowl.clone(),
            vec![Constraint::equality(
                "x + y − 1",
                Quadratic::line(1.0, 1.0, 1.0),
            )],
        );
        let p = Point::new(0.3, -2.0);
        assert_eq!(s.value(p), bowl.value(p));
        assert_eq!(s.gradient(p), bowl.gradient(p));
        assert_eq!(s.hessian(p), bowl.hessian(p));
        assert_eq!(s.name(), "bowl");
        assert_eq!(s.constraints().len(), 1);
        assert!(
            s.formula().ends_with("subject to  x + y − 1 = 0"),
            "{}",
            s.formula()
        );
    }
}
