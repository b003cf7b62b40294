//! [`Grad`], the first-order jet: a value and its gradient with respect to (x, y). Its
//! arithmetic and functions are written once for both jets in `jet.rs`; here is what is
//! first-order only: the chain rule's gradient part, the product rule and ties.

use super::Num;
use std::ops::Mul;

/// Value and gradient with respect to (x, y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grad<T> {
    pub v: T,
    pub g: [T; 2],
}

impl<T: Num> Grad<T> {
    /// Every component times the constant c.
    pub(super) fn scaled(self, c: f64) -> Self {
        Self {
            v: self.v * c,
            g: [self.g[0] * c, self.g[1] * c],
        }
    }
    pub fn constant(c: T) -> Self {
        let z = T::cst(0.0);
        Self { v: c, g: [z, z] }
    }
    /// The variable x (`index` 0) or y (1) at `v`.
    pub fn variable(v: T, index: usize) -> Self {
        let mut g = [T::cst(0.0); 2];
        g[index] = T::cst(1.0);
        Self { v, g }
    }
    pub(super) fn chain(self, f: T, d1: T, d2: T) -> Self {
        if f.undefined() {
            return Self { v: f, g: [f, f] };
        }
        self.chain_defined(f, d1, d2)
    }
    pub(super) fn chain_defined(self, f: T, d1: T, _d2: T) -> Self {
        Self {
            v: f,
            g: [d1 * self.g[0], d1 * self.g[1]],
        }
    }
    pub(super) fn map(self, o: Self, f: impl Fn(T, T) -> T) -> Self {
        Self {
            v: f(self.v, o.v),
            g: [f(self.g[0], o.g[0]), f(self.g[1], o.g[1])],
        }
    }
    /// min/max where the operands may tie: the gradients blended.
    pub(super) fn tie(self, o: Self, value: impl Fn(T, T) -> T) -> Self {
        Self {
            v: value(self.v, o.v),
            g: [self.g[0].blend(o.g[0]), self.g[1].blend(o.g[1])],
        }
    }
}

impl<T: Num> Mul for Grad<T> {
    type Output = Self;
    fn mul(self, o: Self) -> Self {
        Self {
            v: self.v * o.v,
            g: [
                self.g[0] * o.v + self.v * o.g[0],
                self.g[1] * o.v + self.v * o.g[1],
            ],
        }
    }
}
