//! Analysis of a surface: critical points, their classification, gradient checks.

mod critical;

pub use critical::{CriticalKind, CriticalPoint, HessianInfo, classify, critical_points};
