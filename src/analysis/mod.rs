//! Analysis of a surface: critical points, their classification, gradient checks.

mod critical;
mod gradcheck;

pub use critical::{CriticalKind, CriticalPoint, HessianInfo, classify, critical_points};
pub use gradcheck::{ERROR_FLOOR, GradCheck, gradcheck, numeric_derivatives, relative_error};
