//! What the critical-point search reports: points (each with how it is known), curves of
//! critical points, the parts of the region it could not decide, and where f is undefined.

use super::critical::{CriticalKind, CriticalPoint};
use crate::surface::{Point, Region};

/// How a reported critical point is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Proof {
    /// An interval Newton (Krawczyk) test proved exactly one zero of ∇f in a box of this
    /// half-width (the larger of its two half-widths, in the region's units) around `point`.
    Certified { radius: f64 },
    /// Newton's method converged here, but no proof of uniqueness exists: the Hessian is
    /// singular (e.g. the monkey saddle's origin) or f is not differentiable (a kink).
    Found,
}

impl Proof {
    pub fn as_str(self) -> &'static str {
        match self {
            Proof::Certified { .. } => "certified",
            Proof::Found => "found",
        }
    }
}

/// An isolated critical point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finding {
    pub critical: CriticalPoint,
    /// |∇f| at the point (Euclidean, in f's units per unit of x and y).
    pub gradient_norm: f64,
    pub proof: Proof,
}

/// A connected curve of critical points (a ring or a line of minima, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// What f does across the curve: a valley floor is `Minimum`, a ridge `Maximum`;
    /// `Degenerate` when f is flat across it too, or the sign changes along it.
    pub kind: CriticalKind,
    /// f on the curve (constant along a connected set of critical points).
    pub value: f64,
    /// Samples along the curve, in order, each within 1e-8 (relative to the region) of it.
    pub points: Vec<Point>,
    /// The curve closes on itself (a ring) rather than leaving the region.
    pub closed: bool,
    /// Arc length inside the region.
    pub length: f64,
}

/// Where f is defined in the region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Domain {
    Defined,
    /// f is undefined at some sampled points: `fraction` of them, all inside `bounds`.
    PartlyUndefined {
        fraction: f64,
        bounds: Region,
    },
    /// f is undefined everywhere in the region.
    Undefined,
}

/// Everything the search found in a region.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub region: Region,
    /// Isolated critical points, sorted by kind (minima, saddles, maxima, degenerate), then
    /// value, x, y.
    pub points: Vec<Finding>,
    pub curves: Vec<Curve>,
    /// Boxes the search could not decide within its budget (or where f is not
    /// differentiable and Newton found no critical point): critical points may hide there.
    pub unresolved: Vec<Region>,
    pub domain: Domain,
    /// `Some(f)` when f is constant in the region: every point is critical.
    pub constant: Option<f64>,
    /// Boxes the branch and bound examined (its cost).
    pub boxes: usize,
    /// True when the surface has no interval evaluation, so nothing could be certified and
    /// points were found by sampling only.
    pub sampled: bool,
}

impl Analysis {
    /// The isolated points alone (what the map draws as glyphs).
    pub fn critical_points(&self) -> Vec<CriticalPoint> {
        self.points.iter().map(|f| f.critical).collect()
    }

    /// True when every part of the region was decided.
    pub fn complete(&self) -> bool {
        self.unresolved.is_empty()
    }
}
