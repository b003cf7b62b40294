//! A 2-D surface seen as an objective of two parameters (x, y) in one group.

use super::Objective;
use crate::surface::{Point, SharedSurface};
use nalgebra::DMatrix;

/// The adapter from [`Surface`](crate::surface::Surface) to [`Objective`].
#[derive(Clone)]
pub struct SurfaceObjective {
    surface: SharedSurface,
}

impl SurfaceObjective {
    pub fn new(surface: SharedSurface) -> Self {
        Self { surface }
    }

    pub fn surface(&self) -> &SharedSurface {
        &self.surface
    }
}

#[inline]
fn point(x: &[f64]) -> Point {
    Point::new(x[0], x[1])
}

impl Objective for SurfaceObjective {
    fn name(&self) -> &str {
        self.surface.name()
    }
    fn dim(&self) -> usize {
        2
    }
    #[inline]
    fn value(&self, x: &[f64]) -> f64 {
        self.surface.value(point(x))
    }
    #[inline]
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        let d = self.surface.gradient(point(x));
        g[0] = d.x;
        g[1] = d.y;
    }
    fn hessian(&self, x: &[f64]) -> DMatrix<f64> {
        let h = self.surface.hessian(point(x));
        DMatrix::from_row_slice(2, 2, &[h.m11, h.m12, h.m21, h.m22])
    }
    fn start(&self) -> Vec<f64> {
        let s = self.surface.start();
        vec![s.x, s.y]
    }
}
