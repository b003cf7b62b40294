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

use super::registry::{Entry, Key, KeyKind::*, Shape, no_check};
use super::{Optimizer, Oracle, StepError};
use nalgebra::{DMatrix, DVector, Matrix2, SymmetricEigen, Vector2};

pub const ENTRY: Entry = Entry {
    name: "newton",
    shape: Shape::Newton,
    doc: "Newton's method x ← x − lr·(H + λI)⁻¹∇f, or saddle-free with |H| (Dauphin et al. 2014)",
    default_lr: 1.0,
    keys: &[
        Key::new(
            "damping",
            NonNegative(0.0),
            "λ added to the Hessian's diagonal (Levenberg)",
        ),
        Key::new(
            "mode",
            Choice(&["plain", "saddle-free"], 0),
            "plain H, or |H| = Q·|Λ|·Qᵀ",
        ),
    ],
    main: Some("damping"),
    cycles_momentum: false,
    state: &[],
    planar: false,
    check: no_check,
    build: |h, _| {
        let mode = match h.choice("mode") {
            "saddle-free" => NewtonMode::SaddleFree,
            _ => NewtonMode::Plain,
        };
        Box::new(Newton::new(h.f64("damping"), mode))
    },
};

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

    /// The N-D direction: (H + λI)⁻¹g by LU, or (|H| + λI)⁻¹g by a symmetric
    /// eigendecomposition; None where that matrix is singular (relative to its size).
    pub fn direction_nd(&self, h: DMatrix<f64>, g: &[f64]) -> Option<DVector<f64>> {
        let n = g.len();
        let g = DVector::from_column_slice(g);
        let scale = h.amax().max(self.damping.abs());
        let tiny = 1e-12 * scale;
        if !(scale > 0.0 && scale.is_finite()) {
            return None;
        }
        match self.mode {
            NewtonMode::Plain => {
                let a = h + DMatrix::identity(n, n) * self.damping;
                let lu = a.lu();
                let u = lu.u();
                if (0..n).any(|i| u[(i, i)].is_nan() || u[(i, i)].abs() <= tiny) {
                    return None;
                }
                lu.solve(&g)
            }
            NewtonMode::SaddleFree => {
                let sym = (&h + h.transpose()) * 0.5;
                let eig = SymmetricEigen::new(sym);
                let mut d = DVector::zeros(n);
                for i in 0..n {
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

impl Optimizer for Newton {
    fn step(&mut self, x: &mut [f64], lr: f64, oracle: &mut Oracle) -> Result<(), StepError> {
        if x.len() == 2 {
            // The 2×2 path (Cramer's rule), as the plane has always been stepped.
            let p = Vector2::new(x[0], x[1]);
            let g = oracle.gradient_at(p);
            let h = oracle.hessian_at(p);
            let d = self
                .direction(h, g)
                .ok_or(StepError::SingularHessian { x: p.x, y: p.y })?;
            let p = p - lr * d;
            x.copy_from_slice(p.as_slice());
            return Ok(());
        }
        let mut g = vec![0.0; x.len()];
        oracle.gradient(x, &mut g);
        let h = oracle.hessian(x);
        let d = self
            .direction_nd(h, &g)
            .ok_or(StepError::SingularHessianNd)?;
        for (x, d) in x.iter_mut().zip(d.iter()) {
            *x -= lr * d;
        }
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
    fn n_dimensional_directions_match_the_plane() {
        let h = Matrix2::new(2.0, 0.5, 0.5, -4.0);
        let g = Vector2::new(2.0, 4.0);
        let hd = DMatrix::from_row_slice(2, 2, &[2.0, 0.5, 0.5, -4.0]);
        for mode in [NewtonMode::Plain, NewtonMode::SaddleFree] {
            let n = Newton::new(0.3, mode);
            let d2 = n.direction(h, g).unwrap();
            let dn = n.direction_nd(hd.clone(), &[2.0, 4.0]).unwrap();
            assert!((d2.x - dn[0]).abs() < 1e-14 && (d2.y - dn[1]).abs() < 1e-14);
        }
        // Diagonal 3-D: d = g/(h + λ), and the zero Hessian is refused without damping.
        let h3 = DMatrix::from_diagonal(&nalgebra::dvector![1.0, 2.0, 4.0]);
        let d = Newton::new(0.0, NewtonMode::Plain).direction_nd(h3, &[1.0, 1.0, 1.0]);
        assert_eq!(d.unwrap().as_slice(), &[1.0, 0.5, 0.25]);
        let zero =
            Newton::new(0.0, NewtonMode::Plain).direction_nd(DMatrix::zeros(3, 3), &[1.0; 3]);
        assert!(zero.is_none());
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
