//! Analysis of a surface: critical points, their classification, gradient checks.

mod anatomy;
mod bordered;
mod boxes;
mod certify;
mod critical;
mod curvature;
mod curve;
mod explain;
mod findings;
mod gradcheck;
mod grid;
mod kkt;
mod krawczyk;
mod lagrange;
mod sampled;
mod search;
mod slice1d;
mod whatif;

pub use anatomy::{Anatomy, StateEntry, StepInputs, StepState, Term, anatomy};
pub use bordered::{
    ConstrainedKind, ConstrainedPoint, ZERO_CURVATURE_TOL, bordered_hessian,
    classify_on_constraint, tangent_curvature,
};
pub use boxes::SearchOptions;
pub use critical::{
    CriticalKind, CriticalPoint, DEFAULT_CURVATURE_SCALE, HessianInfo, ZERO_EIGENVALUE_TOL,
    classify, classify_scaled,
};
pub use curvature::{
    Curvature, CurvatureGrid, FLAT_DET_TOL, boundary_points, curvature_class, hessian_det,
    sharpness,
};
pub use explain::{ExplainedStep, Explainer, Lookahead, snapshot};
pub use findings::{Analysis, Curve, Domain, Finding, Proof};
pub use gradcheck::{ERROR_FLOOR, GradCheck, gradcheck, numeric_derivatives, relative_error};
pub use kkt::{FEASIBILITY_TOL, classify_constrained_end, kkt_residual};
pub use lagrange::{ConstrainedError, constrained_critical_points};
pub use search::{critical_points, search};
pub use slice1d::{
    Line, NearPoint, Slice, SliceDirection, points_near, second_derivative, slice_line,
};
pub use whatif::{DEFAULT_HORIZON, Forecasts, WhatIf};
