//! [`Hyper`], the second-order jet (a two-variable hyper-dual number): a value, its gradient
//! and its Hessian with respect to (x, y). Its arithmetic and functions are written once for
//! both jets in `jet.rs`; here is what is second-order only: the chain rule's Hessian part,
//! the product rule for ∇² and ties at a kink.

use super::Num;
use std::ops::Mul;

/// Value, gradient and Hessian with respect to (x, y); `h` holds (∂xx, ∂xy, ∂yy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper<T> {
    pub v: T,
    pub g: [T; 2],
    pub h: [T; 3],
}

impl<T: Num> Hyper<T> {
    /// Every component times the constant c (a linear map: no chain rule needed).
    pub(super) fn scaled(self, c: f64) -> Self {
        Self {
            v: self.v * c,
            g: [self.g[0] * c, self.g[1] * c],
            h: [self.h[0] * c, self.h[1] * c, self.h[2] * c],
        }
    }
    pub fn constant(c: T) -> Self {
        let z = T::cst(0.0);
        Self {
            v: c,
            g: [z, z],
            h: [z, z, z],
        }
    }
    pub fn variable(v: T, index: usize) -> Self {
        let mut g = [T::cst(0.0); 2];
        g[index] = T::cst(1.0);
        Self {
            v,
            g,
            h: [T::cst(0.0); 3],
        }
    }
    pub(super) fn chain(self, f: T, d1: T, d2: T) -> Self {
        if f.undefined() {
            return Self {
                v: f,
                g: [f, f],
                h: [f, f, f],
            };
        }
        self.chain_defined(f, d1, d2)
    }
    pub(super) fn chain_defined(self, f: T, d1: T, d2: T) -> Self {
        let [gx, gy] = self.g;
        // gx² rather than gx·gx: an interval gx around 0 squares to [0, ·], not [−·, ·].
        Self {
            v: f,
            g: [d1 * gx, d1 * gy],
            h: [
                d1 * self.h[0] + d2 * gx.sqr(),
                d1 * self.h[1] + d2 * (gx * gy),
                d1 * self.h[2] + d2 * gy.sqr(),
            ],
        }
    }
    pub(super) fn map(self, o: Self, f: impl Fn(T, T) -> T) -> Self {
        Self {
            v: f(self.v, o.v),
            g: [f(self.g[0], o.g[0]), f(self.g[1], o.g[1])],
            h: [
                f(self.h[0], o.h[0]),
                f(self.h[1], o.h[1]),
                f(self.h[2], o.h[2]),
            ],
        }
    }
    fn map_h(self, o: Self, f: impl Fn(T, T) -> T, fh: impl Fn(T, T) -> T) -> Self {
        Self {
            v: f(self.v, o.v),
            g: [f(self.g[0], o.g[0]), f(self.g[1], o.g[1])],
            h: [
                fh(self.h[0], o.h[0]),
                fh(self.h[1], o.h[1]),
                fh(self.h[2], o.h[2]),
            ],
        }
    }
    /// min/max where the operands may tie: derivatives blended, curvature unbounded for
    /// intervals (a kink).
    pub(super) fn tie(self, o: Self, value: impl Fn(T, T) -> T) -> Self {
        let mut r = self.map_h(o, T::blend, T::blend_curvature);
        r.v = value(self.v, o.v);
        r
    }
}

impl<T: Num> Mul for Hyper<T> {
    type Output = Self;
    fn mul(self, o: Self) -> Self {
        // ∇²(uw) = u∇²w + w∇²u + ∇u∇wᵀ + ∇w∇uᵀ
        let (a, b) = (self, o);
        Self {
            v: a.v * b.v,
            g: [a.g[0] * b.v + a.v * b.g[0], a.g[1] * b.v + a.v * b.g[1]],
            h: [
                a.v * b.h[0] + b.v * a.h[0] + (a.g[0] * b.g[0]) * 2.0,
                a.v * b.h[1] + b.v * a.h[1] + a.g[0] * b.g[1] + a.g[1] * b.g[0],
                a.v * b.h[2] + b.v * a.h[2] + (a.g[1] * b.g[1]) * 2.0,
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::scalar::{Grad, Interval};

    #[test]
    fn second_order_product_and_quotient() {
        // f = x²y at (3, 2): ∇f = (12, 9), ∇²f = [[4, 6], [6, 0]].
        let (x, y) = (Hyper::variable(3.0, 0), Hyper::variable(2.0, 1));
        let f = x * x * y;
        assert_eq!((f.v, f.g, f.h), (18.0, [12.0, 9.0], [4.0, 6.0, 0.0]));
        // x/y at (1, 2): ∇ = (0.5, −0.25), ∇² = [[0, −0.25], [−0.25, 0.25]].
        let q = Hyper::variable(1.0, 0) / Hyper::variable(2.0, 1);
        assert_eq!((q.g, q.h), ([0.5, -0.25], [0.0, -0.25, 0.25]));
        let g = Grad::variable(1.0, 0) / Grad::variable(2.0, 1);
        assert_eq!(g.g, [0.5, -0.25]);
    }

    #[test]
    fn interval_jets_enclose_the_point_jets() {
        let f = |x: Hyper<f64>, y: Hyper<f64>| (x.sin() * y).exp() + x.sqr() * y;
        let fi = |x: Hyper<Interval>, y: Hyper<Interval>| (x.sin() * y).exp() + x.sqr() * y;
        let bx = Interval::new(0.5, 0.7);
        let by = Interval::new(-1.0, -0.8);
        let e = fi(Hyper::variable(bx, 0), Hyper::variable(by, 1));
        for (px, py) in [(0.5, -1.0), (0.6, -0.9), (0.7, -0.8)] {
            let p = f(Hyper::variable(px, 0), Hyper::variable(py, 1));
            assert!(e.v.contains(p.v));
            for k in 0..2 {
                assert!(e.g[k].contains(p.g[k]));
            }
            for k in 0..3 {
                assert!(e.h[k].contains(p.h[k]));
            }
        }
    }
}
