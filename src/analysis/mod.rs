//! Analysis of a surface: critical points, their classification, gradient checks.
