//! Gradient check: the analytic gradient and Hessian beside central finite differences.
//!
//! This is the ONLY place in the crate that uses finite differences: they check the exact
//! derivatives, they never replace them.

use crate::surface::{Point, Surface};
use nalgebra::{Matrix2, Vector2};

/// Analytic and numerical derivatives at one point, with the relative error of each entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradCheck {
    pub point: Point,
    pub value: f64,
    pub gradient: Vector2<f64>,
    pub numeric_gradient: Vector2<f64>,
    pub gradient_error: Vector2<f64>,
    pub hessian: Matrix2<f64>,
    pub numeric_hessian: Matrix2<f64>,
    pub hessian_error: Matrix2<f64>,
}

impl GradCheck {
    /// The worst relative error over every gradient and Hessian entry.
    pub fn max_error(&self) -> f64 {
        self.gradient_error
            .iter()
            .chain(self.hessian_error.iter())
            .fold(0.0, |m, e| if e.is_nan() { f64::NAN } else { m.max(*e) })
    }
}

/// Entries smaller than this count as zero when forming relative errors, so an exact 0 beside a
/// numerical 1e-11 does not read as a 100% error.
pub const ERROR_FLOOR: f64 = 1e-6;

/// |a − n| / max(|a|, |n|, ERROR_FLOOR): the usual symmetric relative error, floored.
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    (analytic - numeric).abs() / analytic.abs().max(numeric.abs()).max(ERROR_FLOOR)
}

/// Central-difference step for coordinate t: ε^(1/3)·max(|t|, 1), which balances the O(h²)
/// truncation error against the O(ε/h) rounding error of a central difference.
fn step(t: f64) -> f64 {
    f64::EPSILON.cbrt() * t.abs().max(1.0)
}

/// Central differences of the value (for the gradient) and of the analytic gradient (for the
/// Hessian, one order of differentiation fewer and so more accurate than second differences).
pub fn numeric_derivatives(surface: &dyn Surface, p: Point) -> (Vector2<f64>, Matrix2<f64>) {
    let mut grad = Vector2::zeros();
    let mut hess = Matrix2::zeros();
    for i in 0..2 {
        let h = step(p[i]);
        let mut e = Vector2::zeros();
        e[i] = h;
        grad[i] = (surface.value(p + e) - surface.value(p - e)) / (2.0 * h);
        let dg = (surface.gradient(p + e) - surface.gradient(p - e)) / (2.0 * h);
        hess.set_column(i, &dg);
    }
    // The true Hessian is symmetric; average out the differencing noise.
    (grad, (hess + hess.transpose()) * 0.5)
}

/// Compares the surface's analytic derivatives at `p` with central finite differences.
pub fn gradcheck(surface: &dyn Surface, p: Point) -> GradCheck {
    let gradient = surface.gradient(p);
    let hessian = surface.hessian(p);
    let (numeric_gradient, numeric_hessian) = numeric_derivatives(surface, p);
    GradCheck {
        point: p,
        value: surface.value(p),
        gradient,
        numeric_gradient,
        gradient_error: gradient.zip_map(&numeric_gradient, relative_error),
        hessian,
        numeric_hessian,
        hessian_error: hessian.zip_map(&numeric_hessian, relative_error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::builtin;

    #[test]
    fn relative_error_is_symmetric_and_floored() {
        assert_eq!(relative_error(2.0, 1.0), 0.5);
        assert_eq!(relative_error(1.0, 2.0), 0.5);
        // Both below the floor: the error is measured against the floor, 1e-12/1e-6.
        assert!((relative_error(0.0, 1e-12) - 1e-6).abs() < 1e-18);
    }

    #[test]
    fn rosenbrock_derivatives_check_out_at_the_classic_start() {
        let s = builtin("rosenbrock").unwrap();
        let c = gradcheck(s.as_ref(), Point::new(-1.2, 1.0));
        // ∇f(−1.2, 1) = (−2·2.2 − 400·(−1.2)·(1 − 1.44), 200·(−0.44)) = (−215.6, −88)
        assert!((c.gradient - Vector2::new(-215.6, -88.0)).norm() < 1e-9);
        assert!(c.max_error() < 1e-7, "{c:?}");
    }
}
