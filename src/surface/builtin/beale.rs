//! Beale's function f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².
//!
//! Domain: usually [−4.5, 4.5]². Global minimum f(3, 0.5) = 0 at the end of a narrow curved
//! valley; a saddle at (0, 1) with f = 14.203125 and Hessian [[0, 27.75], [27.75, 0]]; the
//! function rises steeply (to ~10⁵) towards the corners.
//! Source: E. M. L. Beale (1958); Surjanovic & Bingham, Virtual Library of Simulation
//! Experiments ("Beale Function").

use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};

#[derive(Debug, Clone, Copy, Default)]
pub struct Beale;

/// The constants cᵢ of the residuals rᵢ = cᵢ − x + x·yⁱ, i = 1, 2, 3.
const C: [f64; 3] = [1.5, 2.25, 2.625];

/// Residual rᵢ, its gradient and Hessian (f = Σ rᵢ², so ∇f = 2Σ rᵢ∇rᵢ and
/// ∇²f = 2Σ (∇rᵢ∇rᵢᵀ + rᵢ∇²rᵢ)).
fn residual(i: usize, p: Point) -> (f64, Vector2<f64>, Matrix2<f64>) {
    let k = (i + 1) as i32; // power of y
    let (x, y) = (p.x, p.y);
    let yk = y.powi(k);
    let yk1 = y.powi(k - 1); // y^(k−1)
    let r = C[i] - x + x * yk;
    // ∂r/∂x = yᵏ − 1, ∂r/∂y = k·x·yᵏ⁻¹
    let g = Vector2::new(yk - 1.0, f64::from(k) * x * yk1);
    // ∂²r/∂x² = 0, ∂²r/∂x∂y = k·yᵏ⁻¹, ∂²r/∂y² = k(k−1)·x·yᵏ⁻²
    let ryy = if k >= 2 {
        f64::from(k * (k - 1)) * x * y.powi(k - 2)
    } else {
        0.0
    };
    let rxy = f64::from(k) * yk1;
    (r, g, Matrix2::new(0.0, rxy, rxy, ryy))
}

impl Surface for Beale {
    fn name(&self) -> &str {
        "beale"
    }
    fn formula(&self) -> &str {
        "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    }
    fn value(&self, p: Point) -> f64 {
        (0..3).map(|i| residual(i, p).0.powi(2)).sum()
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        (0..3).fold(Vector2::zeros(), |acc, i| {
            let (r, g, _) = residual(i, p);
            acc + 2.0 * r * g
        })
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        (0..3).fold(Matrix2::zeros(), |acc, i| {
            let (r, g, h) = residual(i, p);
            acc + 2.0 * (g * g.transpose() + r * h)
        })
    }
    fn view(&self) -> Region {
        Region::new(-4.5, 4.5, -4.5, 4.5)
    }
    fn start(&self) -> Point {
        Point::new(-1.0, 1.5)
    }
}
