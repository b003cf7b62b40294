//! The Goldstein–Price function f(x, y) = A(x, y)·B(x, y) with
//! A = 1 + (x + y + 1)²·(19 − 14x + 3x² − 14y + 6xy + 3y²) and
//! B = 30 + (2x − 3y)²·(18 − 32x + 12x² + 48y − 36xy + 27y²).
//!
//! Domain: usually [−2, 2]². Global minimum f(0, −1) = 3; local minima near (−0.6, −0.4)
//! (f = 30), (1.8, 0.2) (f = 84) and (1.2, 0.8) (f = 840); nine critical points in [−2, 2]².
//! Values span five orders of magnitude, so a logarithmic colour scale is needed to see it.
//! Source: Goldstein & Price (1971); Surjanovic & Bingham, Virtual Library of Simulation
//! Experiments ("Goldstein-Price Function").

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct GoldsteinPrice;

/// A factor of the form c + u²·P with u linear and P quadratic: its value, gradient and
/// Hessian by the product rule.
struct Factor {
    value: f64,
    grad: Vector2<f64>,
    hess: Matrix2<f64>,
}

/// c + u²·P where u = uᵀ(x, y) + u0 (gradient `du`), P has gradient `dp` and Hessian `hp`.
fn factor(c: f64, u: f64, du: Vector2<f64>, p: f64, dp: Vector2<f64>, hp: Matrix2<f64>) -> Factor {
    // ∇(u²P) = 2uP∇u + u²∇P
    // ∇²(u²P) = 2P∇u∇uᵀ + 2u(∇u∇Pᵀ + ∇P∇uᵀ) + u²∇²P   (∇²u = 0)
    let cross = du * dp.transpose();
    Factor {
        value: c + u * u * p,
        grad: 2.0 * u * p * du + u * u * dp,
        hess: 2.0 * p * du * du.transpose() + 2.0 * u * (cross + cross.transpose()) + u * u * hp,
    }
}

fn factor_a(x: f64, y: f64) -> Factor {
    let u = x + y + 1.0;
    let p = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y;
    // ∂P/∂x = ∂P/∂y = −14 + 6x + 6y
    let d = -14.0 + 6.0 * x + 6.0 * y;
    factor(
        1.0,
        u,
        Vector2::new(1.0, 1.0),
        p,
        Vector2::new(d, d),
        Matrix2::new(6.0, 6.0, 6.0, 6.0),
    )
}

fn factor_b(x: f64, y: f64) -> Factor {
    let v = 2.0 * x - 3.0 * y;
    let q = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y;
    // ∂Q/∂x = −32 + 24x − 36y, ∂Q/∂y = 48 − 36x + 54y
    factor(
        30.0,
        v,
        Vector2::new(2.0, -3.0),
        q,
        Vector2::new(-32.0 + 24.0 * x - 36.0 * y, 48.0 - 36.0 * x + 54.0 * y),
        Matrix2::new(24.0, -36.0, -36.0, 54.0),
    )
}

impl Surface for GoldsteinPrice {
    fn name(&self) -> &str {
        "goldstein-price"
    }
    fn formula(&self) -> &str {
        "[1 + (x+y+1)²(19−14x+3x²−14y+6xy+3y²)]·[30 + (2x−3y)²(18−32x+12x²+48y−36xy+27y²)]"
    }
    fn value(&self, p: Point) -> f64 {
        factor_a(p.x, p.y).value * factor_b(p.x, p.y).value
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        let (a, b) = (factor_a(p.x, p.y), factor_b(p.x, p.y));
        b.value * a.grad + a.value * b.grad
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        let (a, b) = (factor_a(p.x, p.y), factor_b(p.x, p.y));
        let cross = a.grad * b.grad.transpose();
        b.value * a.hess + a.value * b.hess + cross + cross.transpose()
    }
    fn view(&self) -> Region {
        Region::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self) -> Point {
        Point::new(-1.5, 1.5)
    }
}
