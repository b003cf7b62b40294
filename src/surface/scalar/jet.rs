//! Arithmetic and every [`Num`] function for both jets, [`Grad`] and [`Hyper`], written once
//! (the `jet!` macro): forward-mode automatic differentiation over any [`Num`]. Over `f64`
//! the jets give exact derivatives; over [`Interval`](super::Interval) enclosures of them over
//! a box.
//!
//! Every function goes through `chain`: for u = (u, ∇u, ∇²u) and f with derivatives f′, f″,
//! f(u) = (f(u), f′(u)∇u, f′(u)∇²u + f″(u)∇u∇uᵀ). Derivatives are evaluated on the function's
//! domain (`clip`), so an interval partly outside it still gets a finite enclosure. Each jet
//! supplies `chain`, `chain_defined`, `map`, `scaled`, `tie` and its product rule (`Mul`).

use super::{Grad, Hyper, Num};
use std::cmp::Ordering;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// Arithmetic and every [`Num`] function for a jet type (`Grad` or `Hyper`), written once.
macro_rules! jet {
    ($jet:ident) => {
        impl<T: Num> $jet<T> {
            /// `chain` for a function whose derivatives are undefined wherever its value is
            /// (each is computed from the value, or from the argument where the value is
            /// undefined: x², √x, eˣ, sin, cos). Over f64 NaN then reaches every derivative by
            /// itself, so the test (a compare and a blend per component in a vector loop)
            /// is made only for number types where undefined does not propagate.
            #[inline(always)]
            fn chain_total(self, f: T, d1: T, d2: T) -> Self {
                if T::UNDEFINED_PROPAGATES {
                    self.chain_defined(f, d1, d2)
                } else {
                    self.chain(f, d1, d2)
                }
            }
        }

        impl<T: Num> Add for $jet<T> {
            type Output = Self;
            fn add(self, o: Self) -> Self {
                self.map(o, |a, b| a + b)
            }
        }
        impl<T: Num> Sub for $jet<T> {
            type Output = Self;
            fn sub(self, o: Self) -> Self {
                self.map(o, |a, b| a - b)
            }
        }
        impl<T: Num> Neg for $jet<T> {
            type Output = Self;
            fn neg(self) -> Self {
                self.chain(-self.v, T::cst(-1.0), T::cst(0.0))
            }
        }
        impl<T: Num> Div for $jet<T> {
            type Output = Self;
            #[allow(clippy::suspicious_arithmetic_impl)]
            fn div(self, o: Self) -> Self {
                let r = T::cst(1.0) / o.v;
                let r2 = r * r;
                self * o.chain(r, -r2, r2 * r * 2.0)
            }
        }
        impl<T: Num> Add<f64> for $jet<T> {
            type Output = Self;
            fn add(mut self, c: f64) -> Self {
                self.v = self.v + c;
                self
            }
        }
        impl<T: Num> Sub<f64> for $jet<T> {
            type Output = Self;
            fn sub(mut self, c: f64) -> Self {
                self.v = self.v - c;
                self
            }
        }
        impl<T: Num> Mul<f64> for $jet<T> {
            type Output = Self;
            fn mul(self, c: f64) -> Self {
                if self.v.undefined() {
                    return self.chain(self.v, T::cst(c), T::cst(0.0));
                }
                self.scaled(c)
            }
        }

        impl<T: Num> Num for $jet<T> {
            fn cst(c: f64) -> Self {
                Self::constant(T::cst(c))
            }
            fn sqr(self) -> Self {
                let v = self.v;
                self.chain_total(v.sqr(), v * 2.0, T::cst(2.0))
            }
            fn powi(self, n: i32) -> Self {
                let (v, nf) = (self.v, f64::from(n));
                match n {
                    0 => self.chain(T::cst(1.0), T::cst(0.0), T::cst(0.0)),
                    1 => self,
                    2 => self.sqr(),
                    _ => self.chain(
                        v.powi(n),
                        v.powi(n - 1) * nf,
                        v.powi(n - 2) * (nf * (nf - 1.0)),
                    ),
                }
            }
            fn powf(self, c: f64) -> Self {
                let v = self.v;
                self.chain(
                    v.powf(c),
                    v.powf(c - 1.0) * c,
                    v.powf(c - 2.0) * (c * (c - 1.0)),
                )
            }
            fn sqrt(self) -> Self {
                let v = self.v.clip(0.0, f64::INFINITY);
                let s = v.sqrt();
                self.chain_total(s, T::cst(0.5) / s, T::cst(-0.25) / (v * s))
            }
            fn exp(self) -> Self {
                let e = self.v.exp();
                self.chain_total(e, e, e)
            }
            fn ln(self) -> Self {
                let v = self.v.clip(0.0, f64::INFINITY);
                let r = T::cst(1.0) / v;
                self.chain(self.v.ln(), r, -(r * r))
            }
            fn log10(self) -> Self {
                let v = self.v.clip(0.0, f64::INFINITY);
                let r = T::cst(1.0) / (v * std::f64::consts::LN_10);
                self.chain(self.v.log10(), r, -(r / v))
            }
            fn sin(self) -> Self {
                let (s, c) = (self.v.sin(), self.v.cos());
                self.chain_total(s, c, -s)
            }
            fn cos(self) -> Self {
                let (s, c) = (self.v.sin(), self.v.cos());
                self.chain_total(c, -s, -c)
            }
            fn tan(self) -> Self {
                let t = self.v.tan();
                let d = t.sqr() + 1.0;
                self.chain(t, d, t * d * 2.0)
            }
            fn asin(self) -> Self {
                let v = self.v.clip(-1.0, 1.0);
                let q = T::cst(1.0) - v.sqr();
                let r = q.sqrt();
                self.chain(self.v.asin(), T::cst(1.0) / r, v / (q * r))
            }
            fn acos(self) -> Self {
                let v = self.v.clip(-1.0, 1.0);
                let q = T::cst(1.0) - v.sqr();
                let r = q.sqrt();
                self.chain(self.v.acos(), T::cst(-1.0) / r, -(v / (q * r)))
            }
            fn atan(self) -> Self {
                let v = self.v;
                let q = v.sqr() + 1.0;
                self.chain(v.atan(), T::cst(1.0) / q, (v * -2.0) / q.sqr())
            }
            fn sinh(self) -> Self {
                let (s, c) = (self.v.sinh(), self.v.cosh());
                self.chain(s, c, s)
            }
            fn cosh(self) -> Self {
                let (s, c) = (self.v.sinh(), self.v.cosh());
                self.chain(c, s, c)
            }
            fn tanh(self) -> Self {
                let t = self.v.tanh();
                let d = T::cst(1.0) - t.sqr();
                self.chain(t, d, t * d * -2.0)
            }
            fn abs(self) -> Self {
                let v = self.v;
                self.chain(v.abs(), v.sign(), v.kink())
            }
            fn sign(self) -> Self {
                Self::constant(self.v.sign())
            }
            fn kink(self) -> Self {
                Self::constant(self.v.kink())
            }
            fn order(self, o: Self) -> Option<Ordering> {
                self.v.order(o.v)
            }
            fn blend(self, o: Self) -> Self {
                self.map(o, T::blend)
            }
            fn blend_curvature(self, o: Self) -> Self {
                self.map(o, T::blend_curvature)
            }
            fn min_value(self, o: Self) -> Self {
                match self.v.order(o.v) {
                    Some(Ordering::Less) => self,
                    Some(_) => o,
                    None => self.tie(o, T::min_value),
                }
            }
            fn max_value(self, o: Self) -> Self {
                match self.v.order(o.v) {
                    Some(Ordering::Greater) => self,
                    Some(_) => o,
                    None => self.tie(o, T::max_value),
                }
            }
            fn clip(self, lo: f64, hi: f64) -> Self {
                let mut r = self;
                r.v = self.v.clip(lo, hi);
                r
            }
            fn undefined(self) -> bool {
                self.v.undefined()
            }
        }
    };
}

jet!(Grad);
jet!(Hyper);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undefined_value_leaves_every_derivative_undefined() {
        type F = fn(Hyper<f64>) -> Hyper<f64>;
        let fs: [(&str, F); 5] = [
            ("sqr", |x| x.sqr()),
            ("sqrt", |x| x.sqrt()),
            ("exp", |x| x.exp()),
            ("sin", |x| x.sin()),
            ("cos", |x| x.cos()),
        ];
        for (name, f) in fs {
            for v in [
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                -1.0,
                -0.0,
                0.0,
                2.0,
                1e300,
            ] {
                let x = Hyper::variable(v, 0) * Hyper::variable(3.0, 1);
                let (h, g) = (f(x), f(Hyper::variable(v, 0)));
                let grad = Grad::variable(v, 0) * Grad::variable(3.0, 1);
                let d = match name {
                    "sqr" => grad.sqr(),
                    "sqrt" => grad.sqrt(),
                    "exp" => grad.exp(),
                    "sin" => grad.sin(),
                    _ => grad.cos(),
                };
                for jet in [&h, &g] {
                    if jet.v.is_nan() {
                        let all = jet.g.iter().chain(&jet.h).all(|c| c.is_nan());
                        assert!(all, "{name}({v}): {jet:?}");
                    }
                }
                if d.v.is_nan() {
                    assert!(d.g.iter().all(|c| c.is_nan()), "{name}({v}): {d:?}");
                }
            }
        }
    }
}
