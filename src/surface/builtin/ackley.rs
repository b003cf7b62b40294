//! The Ackley function f(x, y) = −20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20.
//!
//! Domain: usually [−32.768, 32.768]²; the default view [−5, 5]² shows the egg-crate of local
//! minima near the integer points around the global minimum f(0, 0) = 0.
//! The first term is a cone: f is NOT differentiable at the origin (the cone's gradient has
//! length ≈ 2.83 arbitrarily close to it). There `gradient` returns the subgradient 0 (the
//! origin is the minimum, so 0 is in the subdifferential) and `hessian` returns the Hessian of
//! the smooth cosine term alone, 2π²e·I, instead of the cone's infinite curvature.
//! Source: Ackley (1987); Surjanovic & Bingham, Virtual Library of Simulation Experiments.

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};
use std::f64::consts::{E, PI};

#[derive(Debug, Clone, Copy, Default)]
pub struct Ackley;

const C: f64 = 2.0 * PI;

/// s = √(½(x² + y²)) = r/√2, or `None` at the origin (and for subnormal radii, whose cone
/// curvature 1/s overflows), where the cone is not differentiable.
fn cone_radius(p: Point) -> Option<(f64, Vector2<f64>)> {
    let r = p.x.hypot(p.y);
    (r >= f64::MIN_POSITIVE).then(|| (r / std::f64::consts::SQRT_2, p / r))
}

/// E = exp(½(cos cx + cos cy)); the cosine term is −E.
fn bumps(p: Point) -> f64 {
    (0.5 * ((C * p.x).cos() + (C * p.y).cos())).exp()
}

impl Surface for Ackley {
    fn name(&self) -> &str {
        "ackley"
    }
    fn formula(&self) -> &str {
        "−20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20"
    }
    fn value(&self, p: Point) -> f64 {
        let s = (0.5 * (p.x * p.x + p.y * p.y)).sqrt();
        -20.0 * (-0.2 * s).exp() - bumps(p) + E + 20.0
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        // Cosine term: ∂(−E)/∂x = ½c·sin(cx)·E.
        let e = bumps(p);
        let smooth = 0.5 * C * e * Vector2::new((C * p.x).sin(), (C * p.y).sin());
        // Cone: ∂/∂x[−20 exp(−0.2s)] = 20·0.2·exp(−0.2s)·∂s/∂x, ∂s/∂x = x/(2s) = u_x/√2.
        match cone_radius(p) {
            Some((s, u)) => smooth + 4.0 * (-0.2 * s).exp() / std::f64::consts::SQRT_2 * u,
            None => smooth, // the subgradient 0 of the cone at its tip
        }
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        // Cosine term: ∂²(−E)/∂x² = ½c²E(cos cx − ½sin² cx), ∂²(−E)/∂x∂y = −¼c²E·sin cx·sin cy.
        let e = bumps(p);
        let (sx, cx) = (C * p.x).sin_cos();
        let (sy, cy) = (C * p.y).sin_cos();
        let hxy = -0.25 * C * C * e * sx * sy;
        let smooth = Matrix2::new(
            0.5 * C * C * e * (cx - 0.5 * sx * sx),
            hxy,
            hxy,
            0.5 * C * C * e * (cy - 0.5 * sy * sy),
        );
        // Cone: with k(s) = 2·exp(−0.2s)/s its gradient is k·(x, y), so its Hessian is
        // k·I + k'(s)·s·uuᵀ = (2·exp(−0.2s)/s)·(I − (1 + 0.2s)·uuᵀ), u = (x, y)/r.
        match cone_radius(p) {
            Some((s, u)) => {
                let k = 2.0 * (-0.2 * s).exp() / s;
                smooth + k * (Matrix2::identity() - (1.0 + 0.2 * s) * u * u.transpose())
            }
            None => smooth,
        }
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
