//! The Ackley function f(x, y) = −20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20.
//!
//! Domain: usually [−32.768, 32.768]²; the default view [−5, 5]² shows the egg-crate of local
//! minima near the integer points around the global minimum f(0, 0) = 0.
//! The first term is a cone: f is NOT differentiable at the origin (the cone's gradient has
//! length ≈ 2.83 arbitrarily close to it). There `gradient` returns the subgradient 0 (the
//! origin is the minimum, so 0 is in the subdifferential) and `hessian` returns the Hessian of
//! the smooth cosine term alone, 2π²e·I, instead of the cone's infinite curvature.
//! Source: Ackley (1987); Surjanovic & Bingham, Virtual Library of Simulation Experiments.

use super::{enclosure_of, gradient_of, hessian_of};
use crate::surface::scalar::{Basis, Grad, Hyper, Interval, Num};
use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};
use std::f64::consts::{E, PI};

#[derive(Debug, Clone, Copy, Default)]
pub struct Ackley;

const C: f64 = 2.0 * PI;

/// Whether the cone term is differentiable at p: not at the origin (nor at subnormal radii,
/// whose cone curvature 1/s overflows).
fn on_cone_tip(p: Point) -> bool {
    p.x.hypot(p.y) < f64::MIN_POSITIVE
}

impl Ackley {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        let s = ((x.sqr() + y.sqr()) * 0.5).sqrt();
        (s * -0.2).exp() * -20.0 + Self::bumps(x, y) + (E + 20.0)
    }
    /// The smooth cosine term −exp(½(cos 2πx + cos 2πy)).
    fn bumps<T: Num>(x: T, y: T) -> T {
        -(((x * C).cos() + (y * C).cos()) * 0.5).exp()
    }
}

impl Surface for Ackley {
    fn name(&self) -> &str {
        "ackley"
    }
    fn formula(&self) -> &str {
        "−20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20"
    }
    fn value(&self, p: Point) -> f64 {
        Self::f(p.x, p.y)
    }
    /// At the cone's tip: the subgradient 0 of the cone plus the cosine term's gradient.
    fn gradient(&self, p: Point) -> Vector2<f64> {
        if on_cone_tip(p) {
            gradient_of(Self::bumps, p)
        } else {
            gradient_of(Self::f, p)
        }
    }
    /// At the cone's tip: the cosine term's Hessian only.
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        if on_cone_tip(p) {
            hessian_of(Self::bumps, p)
        } else {
            hessian_of(Self::f, p)
        }
    }
    fn enclose(&self, x: Interval, y: Interval) -> Option<Hyper<Interval>> {
        Some(enclosure_of(Self::f, x, y))
    }
    fn enclose_along(&self, x: Interval, y: Interval, basis: &Basis) -> Option<Hyper<Interval>> {
        Some(Self::f(
            Hyper::along(x, 0, basis),
            Hyper::along(y, 1, basis),
        ))
    }
    fn enclose_gradient(&self, x: Interval, y: Interval) -> Option<Grad<Interval>> {
        Some(Self::f(Grad::variable(x, 0), Grad::variable(y, 1)))
    }
    fn view(&self) -> Region {
        Region::new(-5.0, 5.0, -5.0, 5.0)
    }
    fn start(&self) -> Point {
        Point::new(3.3, -2.6)
    }
    fn note(&self) -> Option<&str> {
        Some(
            "not differentiable at the origin (a cone point): there the gradient is the \
             subgradient 0 and the Hessian is that of the smooth cosine term only",
        )
    }
    fn singular_points(&self) -> Vec<Point> {
        vec![Point::zeros()]
    }
}
