//! The numbers backpropagation runs on: `f64` for the loss and gradient, and [`Dual`] for the
//! Hessian (forward-over-reverse: the same backward pass, carrying K tangents).
//!
//! Seeding K parameters with unit tangents and running backprop on duals gives, in the
//! tangents of the gradient, K columns of the Hessian exactly (each column is the directional
//! derivative of ∇L along one parameter). No finite differences anywhere.

use std::ops::{Add, AddAssign, Mul, Sub};

/// What backprop needs of a number.
pub trait Scalar:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + AddAssign
    + Mul<f64, Output = Self>
{
    fn constant(v: f64) -> Self;
    /// The real (value) part.
    fn re(self) -> f64;
    fn tanh(self) -> Self;
    fn sigmoid(self) -> Self;
}

/// The logistic function, without overflow for large |x|.
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// log(1 + eˣ), without overflow for large x and without losing digits for very negative x.
#[inline]
pub fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

impl Scalar for f64 {
    #[inline]
    fn constant(v: f64) -> Self {
        v
    }
    #[inline]
    fn re(self) -> f64 {
        self
    }
    #[inline]
    fn tanh(self) -> Self {
        f64::tanh(self)
    }
    #[inline]
    fn sigmoid(self) -> Self {
        sigmoid(self)
    }
}

/// A value with K tangents: x + Σ εₖ·eps[k], εₖεⱼ = 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dual<const K: usize> {
    pub re: f64,
    pub eps: [f64; K],
}

impl<const K: usize> Dual<K> {
    /// `re` with tangent k set to 1 (`None`: no tangent).
    pub fn seeded(re: f64, k: Option<usize>) -> Self {
        let mut eps = [0.0; K];
        if let Some(k) = k {
            eps[k] = 1.0;
        }
        Self { re, eps }
    }

    /// f(x) with f'(x) = `slope`: the chain rule on every tangent.
    #[inline]
    fn chain(self, value: f64, slope: f64) -> Self {
        Self {
            re: value,
            eps: self.eps.map(|e| e * slope),
        }
    }
}

impl<const K: usize> Add for Dual<K> {
    type Output = Self;
    #[inline]
    fn add(mut self, o: Self) -> Self {
        self.re += o.re;
        for (a, b) in self.eps.iter_mut().zip(o.eps) {
            *a += b;
        }
        self
    }
}

impl<const K: usize> AddAssign for Dual<K> {
    #[inline]
    fn add_assign(&mut self, o: Self) {
        *self = *self + o;
    }
}

impl<const K: usize> Sub for Dual<K> {
    type Output = Self;
    #[inline]
    fn sub(mut self, o: Self) -> Self {
        self.re -= o.re;
        for (a, b) in self.eps.iter_mut().zip(o.eps) {
            *a -= b;
        }
        self
    }
}

impl<const K: usize> Mul for Dual<K> {
    type Output = Self;
    #[inline]
    fn mul(self, o: Self) -> Self {
        let mut eps = [0.0; K];
        for (k, e) in eps.iter_mut().enumerate() {
            *e = self.re * o.eps[k] + self.eps[k] * o.re;
        }
        Self {
            re: self.re * o.re,
            eps,
        }
    }
}

impl<const K: usize> Mul<f64> for Dual<K> {
    type Output = Self;
    #[inline]
    fn mul(self, c: f64) -> Self {
        self.chain(self.re * c, c)
    }
}

impl<const K: usize> Scalar for Dual<K> {
    #[inline]
    fn constant(v: f64) -> Self {
        Self {
            re: v,
            eps: [0.0; K],
        }
    }
    #[inline]
    fn re(self) -> f64 {
        self.re
    }
    #[inline]
    fn tanh(self) -> Self {
        let t = self.re.tanh();
        self.chain(t, 1.0 - t * t)
    }
    #[inline]
    fn sigmoid(self) -> Self {
        let s = sigmoid(self.re);
        self.chain(s, s * (1.0 - s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dual_arithmetic_carries_derivatives() {
        // f(x, y) = tanh(x·y) + σ(x) − y at (0.3, −0.7): ∂f/∂x = y·(1 − t²) + σ(1 − σ).
        let x = Dual::<2>::seeded(0.3, Some(0));
        let y = Dual::<2>::seeded(-0.7, Some(1));
        let f = (x * y).tanh() + x.sigmoid() - y;
        let t = (0.3f64 * -0.7).tanh();
        let s = sigmoid(0.3);
        assert!((f.re - (t + s + 0.7)).abs() < 1e-15);
        assert!((f.eps[0] - (-0.7 * (1.0 - t * t) + s * (1.0 - s))).abs() < 1e-15);
        assert!((f.eps[1] - (0.3 * (1.0 - t * t) - 1.0)).abs() < 1e-15);
    }

    #[test]
    fn softplus_and_sigmoid_are_stable() {
        assert_eq!(softplus(1000.0), 1000.0);
        assert!((softplus(-800.0)).abs() < 1e-300);
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-16);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
    }
}
