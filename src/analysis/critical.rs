//! Critical points (∇f = 0) and their classification by the Hessian's eigenvalues.

use crate::surface::Point;
use nalgebra::{Matrix2, Vector2};

/// What the second-derivative test says about a critical point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CriticalKind {
    Minimum,
    Maximum,
    Saddle,
    /// A (near-)zero eigenvalue: the second-derivative test is inconclusive.
    Degenerate,
}

impl CriticalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CriticalKind::Minimum => "minimum",
            CriticalKind::Maximum => "maximum",
            CriticalKind::Saddle => "saddle",
            CriticalKind::Degenerate => "degenerate",
        }
    }
}

/// The Hessian's eigen-decomposition at a point, and what its signs mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HessianInfo {
    /// Ascending.
    pub eigenvalues: [f64; 2],
    /// Unit eigenvectors, matching `eigenvalues`.
    pub eigenvectors: [Vector2<f64>; 2],
    /// The kind a critical point here would have.
    pub kind: CriticalKind,
    /// λmax/λmin for a positive-definite Hessian.
    pub condition_number: Option<f64>,
}

/// A point where the gradient vanishes, with its classification.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriticalPoint {
    pub point: Point,
    pub value: f64,
    pub hessian: HessianInfo,
}

impl CriticalPoint {
    pub fn kind(&self) -> CriticalKind {
        self.hessian.kind
    }
}

/// Relative size below which an eigenvalue counts as zero, measured against the larger of the
/// Hessian's own magnitude and a curvature scale for the surface (see [`classify_scaled`]).
pub const ZERO_EIGENVALUE_TOL: f64 = 1e-6;

/// The curvature scale `classify` assumes when it knows nothing about the surface: small, so a
/// gently curved surface (e.g. 1e-8·(x² + y²)) still has a minimum, while a Hessian whose
/// entries are round-off (e.g. the monkey saddle a hair off its origin) reads as zero.
pub const DEFAULT_CURVATURE_SCALE: f64 = 1e-10;

/// Classifies a (symmetrized) Hessian by its eigenvalues, with no knowledge of the surface.
pub fn classify(h: Matrix2<f64>) -> HessianInfo {
    classify_scaled(h, DEFAULT_CURVATURE_SCALE)
}

/// Classifies a (symmetrized) Hessian by its eigenvalues. An eigenvalue counts as zero when
/// |λ| ≤ ZERO_EIGENVALUE_TOL·max(|λ|max, `curvature_scale`), where `curvature_scale` is a
/// typical Hessian magnitude of the surface in the region being analysed: a point where the
/// Hessian nearly vanishes compared with the rest of the surface is degenerate, even if its two
/// tiny eigenvalues have clear signs.
pub fn classify_scaled(h: Matrix2<f64>, curvature_scale: f64) -> HessianInfo {
    let sym = (h + h.transpose()) * 0.5;
    let eig = nalgebra::SymmetricEigen::new(sym);
    let (i0, i1) = if eig.eigenvalues[0] <= eig.eigenvalues[1] {
        (0, 1)
    } else {
        (1, 0)
    };
    // `+ 0.0` turns −0 into 0, so a zero Hessian does not print as "−0".
    let eigenvalues = [eig.eigenvalues[i0] + 0.0, eig.eigenvalues[i1] + 0.0];
    // An eigenvector's sign is arbitrary: fix it (first nonzero component positive) so the
    // output is deterministic.
    let canonical = |v: Vector2<f64>| {
        if v.x < 0.0 || (v.x == 0.0 && v.y < 0.0) {
            -v
        } else {
            v
        }
    };
    let eigenvectors = [
        canonical(eig.eigenvectors.column(i0).into_owned()),
        canonical(eig.eigenvectors.column(i1).into_owned()),
    ];
    let scale = eigenvalues[0].abs().max(eigenvalues[1].abs());
    let floor = if curvature_scale.is_finite() {
        curvature_scale.abs()
    } else {
        0.0
    };
    let tol = ZERO_EIGENVALUE_TOL * scale.max(floor);
    let kind = if eigenvalues.iter().any(|l| l.abs() <= tol || !l.is_finite()) {
        CriticalKind::Degenerate
    } else if eigenvalues[0] > 0.0 {
        CriticalKind::Minimum
    } else if eigenvalues[1] < 0.0 {
        CriticalKind::Maximum
    } else {
        CriticalKind::Saddle
    };
    let condition_number = (kind == CriticalKind::Minimum).then(|| eigenvalues[1] / eigenvalues[0]);
    HessianInfo {
        eigenvalues,
        eigenvectors,
        kind,
        condition_number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_of_eigenvalues_give_the_kind() {
        // [[802, −400], [−400, 200]] (Rosenbrock at (1, 1)): trace 1002, det 400, so
        // λ = 501 ∓ √(501² − 400) = 0.39936..., 1001.6006...; condition ≈ 2508.
        let info = classify(Matrix2::new(802.0, -400.0, -400.0, 200.0));
        assert_eq!(info.kind, CriticalKind::Minimum);
        let expected_min = 501.0 - (501.0f64 * 501.0 - 400.0).sqrt();
        assert!((info.eigenvalues[0] - expected_min).abs() < 1e-9);
        assert!((info.condition_number.unwrap() - 2508.0).abs() < 1.0);
        assert_eq!(
            classify(Matrix2::new(2.0, 0.0, 0.0, -2.0)).kind,
            CriticalKind::Saddle
        );
        assert_eq!(classify(-Matrix2::identity()).kind, CriticalKind::Maximum);
        assert_eq!(classify(Matrix2::zeros()).kind, CriticalKind::Degenerate);
        // One zero eigenvalue: x² has Hessian diag(2, 0).
        assert_eq!(
            classify(Matrix2::new(2.0, 0.0, 0.0, 0.0)).kind,
            CriticalKind::Degenerate
        );
    }

    #[test]
    fn tolerance_is_relative_to_the_surface_scale() {
        let gentle = Matrix2::identity() * 2e-8;
        assert_eq!(classify(gentle).kind, CriticalKind::Minimum);
        // The same Hessian on a surface whose curvature is ~10 elsewhere is round-off.
        assert_eq!(classify_scaled(gentle, 10.0).kind, CriticalKind::Degenerate);
        let eigenvectors = classify(Matrix2::new(0.52, -0.48, -0.48, 0.52)).eigenvectors;
        // Matyas: the flat direction (eigenvalue 0.04) is (1, 1)/√2.
        assert!((eigenvectors[0][0].abs() - 0.5f64.sqrt()).abs() < 1e-12);
        assert!((eigenvectors[0][0] - eigenvectors[0][1]).abs() < 1e-12);
    }
}
