//! Critical points (∇f = 0) and their classification by the Hessian's eigenvalues.

use crate::surface::{Point, Region, Surface};
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

/// Relative size below which an eigenvalue counts as zero (scaled to the Hessian's magnitude,
/// with an absolute floor so a Hessian of all-tiny entries reads as zero, not as a sign).
const ZERO_EIGENVALUE_TOL: f64 = 1e-6;

/// Classifies a (symmetrized) Hessian by its eigenvalues.
pub fn classify(h: Matrix2<f64>) -> HessianInfo {
    let sym = (h + h.transpose()) * 0.5;
    let eig = nalgebra::SymmetricEigen::new(sym);
    let (i0, i1) = if eig.eigenvalues[0] <= eig.eigenvalues[1] {
        (0, 1)
    } else {
        (1, 0)
    };
    let eigenvalues = [eig.eigenvalues[i0], eig.eigenvalues[i1]];
    let eigenvectors = [
        eig.eigenvectors.column(i0).into_owned(),
        eig.eigenvectors.column(i1).into_owned(),
    ];
    let scale = eigenvalues[0].abs().max(eigenvalues[1].abs());
    let tol = ZERO_EIGENVALUE_TOL * scale.max(1.0);
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

/// Every critical point of `surface` inside `region`, without duplicates.
// Interface only: the seeded Newton search on ∇f = 0 is being written (issue 2).
pub fn critical_points(_surface: &dyn Surface, _region: Region) -> Vec<CriticalPoint> {
    Vec::new()
}
