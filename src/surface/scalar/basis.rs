//! The directions a jet's derivatives are taken along.

use super::{Hyper, Interval, Num};

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

impl<T: Num> Hyper<T> {
    /// The variable x (`index` 0) or y (1) at `v`, differentiated along `basis`.
    pub fn along(v: T, index: usize, basis: &Basis) -> Self {
        let [du, dv] = basis.seeds(index);
        Self {
            v,
            g: [T::cst(du), T::cst(dv)],
            h: [T::cst(0.0); 3],
        }
    }
    /// An axis-aligned jet re-expressed along `basis` (Pᵀ∇f, Pᵀ∇²f P), each product rounded
    /// by `T`: valid, but looser than evaluating the formula [`along`](Self::along) the basis.
    pub fn in_basis(self, basis: &Basis) -> Self {
        let [hxx, hxy, hyy] = self.h;
        let dot = |g: [T; 2], d: [f64; 2]| g[0] * d[0] + g[1] * d[1];
        let hu = [
            hxx * basis.u[0] + hxy * basis.u[1],
            hxy * basis.u[0] + hyy * basis.u[1],
        ];
        let hv = [
            hxx * basis.v[0] + hxy * basis.v[1],
            hxy * basis.v[0] + hyy * basis.v[1],
        ];
        Self {
            v: self.v,
            g: [dot(self.g, basis.u), dot(self.g, basis.v)],
            h: [dot(hu, basis.u), dot(hu, basis.v), dot(hv, basis.v)],
        }
    }
}
