//! Forward-mode automatic differentiation over any [`Num`]: [`Grad`] carries the gradient,
//! [`Hyper`] the gradient and the Hessian (a two-variable hyper-dual number). Over `f64` they
//! give exact derivatives; over [`Interval`](super::Interval) enclosures of them over a box.
//!
//! Every function goes through `chain`: for u = (u, ∇u, ∇²u) and f with derivatives f′, f″,
//! f(u) = (f(u), f′(u)∇u, f′(u)∇²u + f″(u)∇u∇uᵀ). Derivatives are evaluated on the function's
//! domain (`clip`), so an interval partly outside it still gets a finite enclosure.

use super::Num;
use std::cmp::Ordering;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// Value and gradient with respect to (x, y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grad<T> {
    pub v: T,
    pub g: [T; 2],
}

/// Value, gradient and Hessian with respect to (x, y); `h` holds (∂xx, ∂xy, ∂yy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper<T> {
    pub v: T,
    pub g: [T; 2],
    pub h: [T; 3],
}

impl<T: Num> Grad<T> {
    /// Every component times the constant c.
    fn scaled(self, c: f64) -> Self {
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
    fn chain(self, f: T, d1: T, d2: T) -> Self {
        if f.undefined() {
            return Self { v: f, g: [f, f] };
        }
        self.chain_defined(f, d1, d2)
    }
    fn chain_defined(self, f: T, d1: T, _d2: T) -> Self {
        Self {
            v: f,
            g: [d1 * self.g[0], d1 * self.g[1]],
        }
    }
    fn map(self, o: Self, f: impl Fn(T, T) -> T) -> Self {
        Self {
            v: f(self.v, o.v),
            g: [f(self.g[0], o.g[0]), f(self.g[1], o.g[1])],
        }
    }
}

impl<T: Num> Hyper<T> {
    /// Every component times the constant c (a linear map: no chain rule needed).
    fn scaled(self, c: f64) -> Self {
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
    fn chain(self, f: T, d1: T, d2: T) -> Self {
        if f.undefined() {
            return Self {
                v: f,
                g: [f, f],
                h: [f, f, f],
            };
        }
        self.chain_defined(f, d1, d2)
    }
    fn chain_defined(self, f: T, d1: T, d2: T) -> Self {
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
    fn map(self, o: Self, f: impl Fn(T, T) -> T) -> Self {
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

impl<T: Num> Grad<T> {
    fn tie(self, o: Self, value: impl Fn(T, T) -> T) -> Self {
        Self {
            v: value(self.v, o.v),
            g: [self.g[0].blend(o.g[0]), self.g[1].blend(o.g[1])],
        }
    }
}

impl<T: Num> Hyper<T> {
    /// min/max where the operands may tie: derivatives blended, curvature unbounded for
    /// intervals (a kink).
    fn tie(self, o: Self, value: impl Fn(T, T) -> T) -> Self {
        let mut r = self.map_h(o, T::blend, T::blend_curvature);
        r.v = value(self.v, o.v);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::scalar::Interval;

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
