//! Numbers that carry their derivatives with respect to (x, y): forward-mode automatic
//! differentiation, exact to rounding (no finite differences).
//!
//! - `f64`: the value only (the fast path for drawing the map);
//! - [`Dual1`]: value and gradient;
//! - [`Dual2`]: value, gradient and Hessian (a second-order, two-variable hyper-dual number).
//!
//! Every function is applied through [`Scalar::chain`], given f, f′ and f″ at the value:
//! for u = (u, ∇u, ∇²u), f(u) = (f(u), f′(u)∇u, f′(u)∇²u + f″(u)∇u∇uᵀ).
//! The derivative closures are only called by the types that need them.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// What the evaluator needs of a number type.
pub trait Scalar:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    fn constant(c: f64) -> Self;
    /// The variable x (∇ = (1, 0)) or y (∇ = (0, 1)) at `v`.
    fn variable(v: f64, index: usize) -> Self;
    /// The value part.
    fn re(self) -> f64;
    /// f(self), given f, f′ and f″ as functions of the value.
    fn chain(
        self,
        f: impl Fn(f64) -> f64,
        d1: impl Fn(f64) -> f64,
        d2: impl Fn(f64) -> f64,
    ) -> Self;
    fn scale(self, c: f64) -> Self;
    fn add_const(self, c: f64) -> Self;
}

impl Scalar for f64 {
    #[inline(always)]
    fn constant(c: f64) -> Self {
        c
    }
    #[inline(always)]
    fn variable(v: f64, _: usize) -> Self {
        v
    }
    #[inline(always)]
    fn re(self) -> f64 {
        self
    }
    #[inline(always)]
    fn chain(self, f: impl Fn(f64) -> f64, _: impl Fn(f64) -> f64, _: impl Fn(f64) -> f64) -> Self {
        f(self)
    }
    #[inline(always)]
    fn scale(self, c: f64) -> Self {
        self * c
    }
    #[inline(always)]
    fn add_const(self, c: f64) -> Self {
        self + c
    }
}

/// Value and gradient with respect to (x, y).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dual1 {
    pub v: f64,
    pub g: [f64; 2],
}

impl Scalar for Dual1 {
    #[inline(always)]
    fn constant(c: f64) -> Self {
        Self { v: c, g: [0.0; 2] }
    }
    #[inline(always)]
    fn variable(v: f64, index: usize) -> Self {
        let mut g = [0.0; 2];
        g[index] = 1.0;
        Self { v, g }
    }
    #[inline(always)]
    fn re(self) -> f64 {
        self.v
    }
    #[inline(always)]
    fn chain(
        self,
        f: impl Fn(f64) -> f64,
        d1: impl Fn(f64) -> f64,
        _: impl Fn(f64) -> f64,
    ) -> Self {
        let v = f(self.v);
        if v.is_nan() {
            // Undefined here: no derivatives either (ln(x) at x < 0 has no slope).
            return Self::constant(f64::NAN).scale(f64::NAN);
        }
        let k = d1(self.v);
        Self {
            v,
            g: [k * self.g[0], k * self.g[1]],
        }
    }
    #[inline(always)]
    fn scale(self, c: f64) -> Self {
        Self {
            v: self.v * c,
            g: [self.g[0] * c, self.g[1] * c],
        }
    }
    #[inline(always)]
    fn add_const(self, c: f64) -> Self {
        Self {
            v: self.v + c,
            g: self.g,
        }
    }
}

impl Add for Dual1 {
    type Output = Self;
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Self {
            v: self.v + o.v,
            g: [self.g[0] + o.g[0], self.g[1] + o.g[1]],
        }
    }
}
impl Sub for Dual1 {
    type Output = Self;
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Self {
            v: self.v - o.v,
            g: [self.g[0] - o.g[0], self.g[1] - o.g[1]],
        }
    }
}
impl Mul for Dual1 {
    type Output = Self;
    #[inline(always)]
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
impl Div for Dual1 {
    type Output = Self;
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        // (u/w)′ = (u′ − (u/w)·w′)/w
        let q = self.v / o.v;
        Self {
            v: q,
            g: [
                (self.g[0] - q * o.g[0]) / o.v,
                (self.g[1] - q * o.g[1]) / o.v,
            ],
        }
    }
}
impl Neg for Dual1 {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Self {
            v: -self.v,
            g: [-self.g[0], -self.g[1]],
        }
    }
}

/// Value, gradient and Hessian with respect to (x, y); `h` holds (∂xx, ∂xy, ∂yy).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dual2 {
    pub v: f64,
    pub g: [f64; 2],
    pub h: [f64; 3],
}

impl Scalar for Dual2 {
    #[inline(always)]
    fn constant(c: f64) -> Self {
        Self {
            v: c,
            g: [0.0; 2],
            h: [0.0; 3],
        }
    }
    #[inline(always)]
    fn variable(v: f64, index: usize) -> Self {
        let mut g = [0.0; 2];
        g[index] = 1.0;
        Self { v, g, h: [0.0; 3] }
    }
    #[inline(always)]
    fn re(self) -> f64 {
        self.v
    }
    #[inline(always)]
    fn chain(
        self,
        f: impl Fn(f64) -> f64,
        d1: impl Fn(f64) -> f64,
        d2: impl Fn(f64) -> f64,
    ) -> Self {
        let v = f(self.v);
        if v.is_nan() {
            return Self::constant(f64::NAN).scale(f64::NAN);
        }
        let (k1, k2) = (d1(self.v), d2(self.v));
        let [gx, gy] = self.g;
        // When f″ is 0 (abs, min/max branches) skip the product so 0·∞ cannot make a NaN.
        let outer = |a: f64, b: f64| if k2 == 0.0 { 0.0 } else { k2 * a * b };
        Self {
            v,
            g: [k1 * gx, k1 * gy],
            h: [
                k1 * self.h[0] + outer(gx, gx),
                k1 * self.h[1] + outer(gx, gy),
                k1 * self.h[2] + outer(gy, gy),
            ],
        }
    }
    #[inline(always)]
    fn scale(self, c: f64) -> Self {
        Self {
            v: self.v * c,
            g: [self.g[0] * c, self.g[1] * c],
            h: [self.h[0] * c, self.h[1] * c, self.h[2] * c],
        }
    }
    #[inline(always)]
    fn add_const(self, c: f64) -> Self {
        Self {
            v: self.v + c,
            ..self
        }
    }
}

impl Add for Dual2 {
    type Output = Self;
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Self {
            v: self.v + o.v,
            g: [self.g[0] + o.g[0], self.g[1] + o.g[1]],
            h: [self.h[0] + o.h[0], self.h[1] + o.h[1], self.h[2] + o.h[2]],
        }
    }
}
impl Sub for Dual2 {
    type Output = Self;
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self + (-o)
    }
}
impl Mul for Dual2 {
    type Output = Self;
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        // ∇²(uw) = u∇²w + w∇²u + ∇u∇wᵀ + ∇w∇uᵀ
        let (a, b) = (self, o);
        Self {
            v: a.v * b.v,
            g: [a.g[0] * b.v + a.v * b.g[0], a.g[1] * b.v + a.v * b.g[1]],
            h: [
                a.v * b.h[0] + b.v * a.h[0] + 2.0 * a.g[0] * b.g[0],
                a.v * b.h[1] + b.v * a.h[1] + a.g[0] * b.g[1] + a.g[1] * b.g[0],
                a.v * b.h[2] + b.v * a.h[2] + 2.0 * a.g[1] * b.g[1],
            ],
        }
    }
}
impl Div for Dual2 {
    type Output = Self;
    /// u/w = u · (1/w), with 1/w through the chain rule.
    #[allow(clippy::suspicious_arithmetic_impl)]
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        let inv = o.chain(|w| 1.0 / w, |w| -1.0 / (w * w), |w| 2.0 / (w * w * w));
        self * inv
    }
}
impl Neg for Dual2 {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Self {
            v: -self.v,
            g: [-self.g[0], -self.g[1]],
            h: [-self.h[0], -self.h[1], -self.h[2]],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_rule_second_order() {
        // f = x²y at (3, 2): f = 18, ∇f = (2xy, x²) = (12, 9), ∇²f = [[2y, 2x], [2x, 0]].
        let x = Dual2::variable(3.0, 0);
        let y = Dual2::variable(2.0, 1);
        let f = x * x * y;
        assert_eq!(f.v, 18.0);
        assert_eq!(f.g, [12.0, 9.0]);
        assert_eq!(f.h, [4.0, 6.0, 0.0]);
    }

    #[test]
    fn quotient_second_order() {
        // f = x/y at (1, 2): ∇f = (1/y, −x/y²) = (0.5, −0.25),
        // ∇²f = [[0, −1/y²], [−1/y², 2x/y³]] = [[0, −0.25], [−0.25, 0.25]].
        let f = Dual2::variable(1.0, 0) / Dual2::variable(2.0, 1);
        assert_eq!(f.v, 0.5);
        assert_eq!(f.g, [0.5, -0.25]);
        assert_eq!(f.h, [0.0, -0.25, 0.25]);
        let f1 = Dual1::variable(1.0, 0) / Dual1::variable(2.0, 1);
        assert_eq!(f1.g, [0.5, -0.25]);
    }
}
