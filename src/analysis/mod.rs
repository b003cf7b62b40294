//! Analysis of a surface: critical points, their classification, gradient checks.

mod critical;
mod gradcheck;
mod grid;
mod search;

pub use critical::{
    CriticalKind, CriticalPoint, DEFAULT_CURVATURE_SCALE, HessianInfo, ZERO_EIGENVALUE_TOL,
    classify, classify_scaled,
};
pub use gradcheck::{ERROR_FLOOR, GradCheck, gradcheck, numeric_derivatives, relative_error};
pub use search::{SearchOptions, SearchReport, critical_points, critical_points_with, search};
