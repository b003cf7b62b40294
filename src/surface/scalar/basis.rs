//! The directions a jet's derivatives are taken along.

use super::Interval;

/// The two directions u, v a jet's derivatives are taken along (the columns of a matrix P,
/// x = x₀ + P·(u, v)): its gradient is then Pᵀ∇f and its Hessian Pᵀ∇²f P. Seeding the
/// directions through the formula lets terms that vanish along a direction vanish exactly,
/// which interval arithmetic on the axis derivatives cannot do (the widths never cancel).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Basis {
    pub u: [f64; 2],
    pub v: [f64; 2],
}

impl Basis {
    pub const AXES: Basis = Basis {
        u: [1.0, 0.0],
        v: [0.0, 1.0],
    };
    /// (∂x/∂u, ∂x/∂v) for x (`index` 0) or y (1).
    pub fn seeds(&self, index: usize) -> [f64; 2] {
        [self.u[index], self.v[index]]
    }

    /// P⁻¹ enclosed (rows first); `None` when P may be singular.
    pub fn inverse(&self) -> Option<[[Interval; 2]; 2]> {
        if *self == Basis::AXES {
            let (o, z) = (Interval::point(1.0), Interval::ZERO);
            return Some([[o, z], [z, o]]);
        }
        let e = Interval::point;
        let (u, v) = (self.u, self.v);
        let det = e(u[0]) * e(v[1]) - e(v[0]) * e(u[1]);
        if det.contains(0.0) || !det.is_finite() {
            return None;
        }
        Some([
            [e(v[1]) / det, -e(v[0]) / det],
            [-e(u[1]) / det, e(u[0]) / det],
        ])
    }

    /// The coordinates along u, v of the offsets (dx, dy): P⁻¹·(dx, dy), enclosed (every real
    /// when P may be singular).
    pub fn coordinates(&self, dx: Interval, dy: Interval) -> [Interval; 2] {
        match self.inverse() {
            Some(q) => q.map(|row| row[0] * dx + row[1] * dy),
            None => [Interval::ENTIRE; 2],
        }
    }
}
