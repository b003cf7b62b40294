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

/// Classifies a symmetric Hessian (placeholder until the analysis lands).
pub fn classify(_h: Matrix2<f64>) -> HessianInfo {
    unimplemented!("analysis::classify")
}

/// Every critical point of `surface` inside `region`, without duplicates.
pub fn critical_points(_surface: &dyn Surface, _region: Region) -> Vec<CriticalPoint> {
    Vec::new()
}
