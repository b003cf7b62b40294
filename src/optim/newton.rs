//! Newton's method and its two repairs.
//!
//! ```text
//! plain:        x ← x − lr·(H + λI)⁻¹ ∇f
//! saddle-free:  x ← x − lr·(|H| + λI)⁻¹ ∇f,   |H| = Q·|Λ|·Qᵀ for H = Q·Λ·Qᵀ
//! ```
//! Defaults: lr 1, damping λ = 0, mode plain. Plain Newton jumps to the critical point of the
//! local quadratic model, which may be a saddle or a maximum: it is attracted to saddles.
//! The saddle-free variant (Dauphin et al. 2014, "Identifying and attacking the saddle point
//! problem in high-dimensional non-convex optimization") flips the negative-curvature
//! directions so every step descends. Damping λ > 0 (Levenberg) shortens steps where the
//! curvature is small.

use super::{Oracle, PlanarOptimizer, StepError};
use crate::surface::Point;
use nalgebra::{Matrix2, SymmetricEigen, Vector2};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NewtonMode {
    #[default]
    Plain,
    SaddleFree,
}

#[derive(Debug, Clone)]
pub struct Newton {
    pub damping: f64,
    pub mode: NewtonMode,
}

impl Newton {
    pub fn new(damping: f64, mode: NewtonMode) -> Self {
        Self { damping, mode }
    }

    /// The Newton direction (H + λI)⁻¹g or (|H| + λI)⁻¹g, or None where that matrix is
    /// singular (relative to its size).
    pub fn direction(&self, h: Matrix2<f64>, g: Vector2<f64>) -> Option<Vector2<f64>> {
        let scale = h.abs().max().max(self.damping.abs());
        let tiny = 1e-12 * scale;
        match self.mode {
            NewtonMode::Plain => {
                let a = h + Matrix2::identity() * self.damping;
                let det = a.m11 * a.m22 - a.m12 * a.m21;
                if !det.is_finite() || scale == 0.0 || det.abs() <= tiny * scale {
                    return None;
                }
                // Cramer's rule for the 2x2 system a·d = g.
                Some(Vector2::new(
                    (a.m22 * g.x - a.m12 * g.y) / det,
                    (a.m11 * g.y - a.m21 * g.x) / det,
                ))
            }
            NewtonMode::SaddleFree => {
                let sym = (h + h.transpose()) * 0.5;
                let eig = SymmetricEigen::new(sym);
                let mut d = Vector2::zeros();
                for i in 0..2 {
                    let lambda = eig.eigenvalues[i].abs() + self.damping;
                    if !(lambda.is_finite() && lambda > tiny) {
                        return None;
                    }
                    let q = eig.eigenvectors.column(i);
                    d += q * (q.dot(&g) / lambda);
                }
                Some(d)
            }
        }
    }
}

impl PlanarOptimizer for Newton {
    fn step(&mut self, x: &mut Point, lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        let g = oracle.gradient_at(*x);
        let h = oracle.hessian_at(*x);
        let d = self
            .direction(h, g)
            .ok_or(StepError::SingularHessian { x: x.x, y: x.y })?;
        *x -= lr * d;
        Ok(())
    }

    fn reset(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saddle_free_flips_negative_curvature() {
        // H = diag(2, −4), g = (2, 4): plain d = (1, −1) climbs in y; |H| = diag(2, 4) gives
        // d = (1, 1), a descent direction (g·d = 6 > 0).
        let h = Matrix2::new(2.0, 0.0, 0.0, -4.0);
        let g = Vector2::new(2.0, 4.0);
        let plain = Newton::new(0.0, NewtonMode::Plain).direction(h, g).unwrap();
        assert_eq!(plain, Vector2::new(1.0, -1.0));
        let sf = Newton::new(0.0, NewtonMode::SaddleFree)
            .direction(h, g)
            .unwrap();
        assert!((sf - Vector2::new(1.0, 1.0)).norm() < 1e-15);
        // Damping 2: (|H| + 2I)⁻¹g = (2/4, 4/6).
        let damped = Newton::new(2.0, NewtonMode::SaddleFree)
            .direction(h, g)
            .unwrap();
        assert!((damped - Vector2::new(0.5, 4.0 / 6.0)).norm() < 1e-15);
    }

    #[test]
    fn singular_hessians_are_refused() {
        let g = Vector2::new(1.0, 1.0);
        let n = Newton::new(0.0, NewtonMode::Plain);
        assert!(n.direction(Matrix2::zeros(), g).is_none());
        assert!(n.direction(Matrix2::new(1.0, 1.0, 1.0, 1.0), g).is_none());
        assert!(
            Newton::new(0.0, NewtonMode::SaddleFree)
                .direction(Matrix2::new(1.0, 0.0, 0.0, 0.0), g)
                .is_none()
        );
        // Damping makes the zero Hessian invertible: d = g/λ.
        let d = Newton::new(0.5, NewtonMode::Plain).direction(Matrix2::zeros(), g);
        assert_eq!(d, Some(Vector2::new(2.0, 2.0)));
    }
}
