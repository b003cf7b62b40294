//! Number types a formula can be evaluated over, so each built-in is written once as a
//! generic function and evaluated as
//! - `f64`: the value;
//! - [`Grad<f64>`]: value and exact gradient (forward-mode automatic differentiation);
//! - [`Hyper<f64>`]: value, gradient and Hessian;
//! - [`Hyper<Interval>`]: enclosures of all three over a box (interval arithmetic with outward
//!   rounding), which the certified critical-point search needs.

mod basis;
mod elementary;
mod grad;
mod hyper;
mod interval;
mod jet;
mod round;

pub use basis::Basis;
pub use grad::Grad;
pub use hyper::Hyper;
pub use interval::Interval;

use std::cmp::Ordering;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// What a generic formula needs of its number type.
pub trait Num:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Add<f64, Output = Self>
    + Sub<f64, Output = Self>
    + Mul<f64, Output = Self>
{
    fn cst(c: f64) -> Self;
    fn sqr(self) -> Self {
        self * self
    }
    fn powi(self, n: i32) -> Self;
    /// xᶜ for a non-integer constant c (x ≥ 0).
    fn powf(self, c: f64) -> Self;
    fn sqrt(self) -> Self;
    fn exp(self) -> Self;
    fn ln(self) -> Self;
    fn log10(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn abs(self) -> Self;
    /// abs′: the sign (0 at 0, as PyTorch); an interval holds every sign it spans.
    fn sign(self) -> Self;
    /// abs″ as far as a Hessian enclosure is concerned: 0 for a point, every real for an
    /// interval that holds the kink at 0 (the gradient jumps there).
    fn kink(self) -> Self;
    /// `Some` order when certain, `None` when the two may be equal somewhere (a tie).
    fn order(self, o: Self) -> Option<Ordering>;
    /// At a possible tie of min/max: the mean of both derivatives (a point, as PyTorch) or
    /// their hull (an interval).
    fn blend(self, o: Self) -> Self;
    /// The second derivative at a possible tie: the mean for a point, every real for an
    /// interval (the gradient may jump inside it).
    fn blend_curvature(self, o: Self) -> Self;
    fn min_value(self, o: Self) -> Self;
    fn max_value(self, o: Self) -> Self;
    /// The same number restricted to [lo, hi] (a function's domain, for its derivatives);
    /// a point is left as it is.
    fn clip(self, lo: f64, hi: f64) -> Self;
    /// No defined value: NaN, or the empty interval.
    fn undefined(self) -> bool;
    /// Whether arithmetic on an undefined number is always undefined (NaN in, NaN out).
    const UNDEFINED_PROPAGATES: bool = false;
}

impl Num for f64 {
    fn cst(c: f64) -> Self {
        c
    }
    fn powi(self, n: i32) -> Self {
        f64::powi(self, n)
    }
    fn powf(self, c: f64) -> Self {
        f64::powf(self, c)
    }
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    fn exp(self) -> Self {
        f64::exp(self)
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn log10(self) -> Self {
        f64::log10(self)
    }
    fn sin(self) -> Self {
        f64::sin(self)
    }
    fn cos(self) -> Self {
        f64::cos(self)
    }
    fn tan(self) -> Self {
        f64::tan(self)
    }
    fn asin(self) -> Self {
        f64::asin(self)
    }
    fn acos(self) -> Self {
        f64::acos(self)
    }
    fn atan(self) -> Self {
        f64::atan(self)
    }
    fn sinh(self) -> Self {
        f64::sinh(self)
    }
    fn cosh(self) -> Self {
        f64::cosh(self)
    }
    fn tanh(self) -> Self {
        f64::tanh(self)
    }
    fn abs(self) -> Self {
        f64::abs(self)
    }
    fn sign(self) -> Self {
        if self > 0.0 {
            1.0
        } else if self < 0.0 {
            -1.0
        } else {
            0.0
        }
    }
    fn kink(self) -> Self {
        0.0
    }
    fn order(self, o: Self) -> Option<Ordering> {
        match self.partial_cmp(&o) {
            Some(Ordering::Equal) | None => None,
            ord => ord,
        }
    }
    fn blend(self, o: Self) -> Self {
        0.5 * (self + o)
    }
    fn blend_curvature(self, o: Self) -> Self {
        0.5 * (self + o)
    }
    fn min_value(self, o: Self) -> Self {
        f64::min(self, o)
    }
    fn max_value(self, o: Self) -> Self {
        f64::max(self, o)
    }
    fn clip(self, _lo: f64, _hi: f64) -> Self {
        self
    }
    fn undefined(self) -> bool {
        self.is_nan()
    }
    const UNDEFINED_PROPAGATES: bool = true;
}

impl Num for Interval {
    #[inline]
    fn cst(c: f64) -> Self {
        Interval::point(c)
    }
    #[inline]
    fn sqr(self) -> Self {
        Interval::sqr(self)
    }
    #[inline]
    fn powi(self, n: i32) -> Self {
        Interval::powi(self, n)
    }
    #[inline]
    fn powf(self, c: f64) -> Self {
        Interval::powf(self, c)
    }
    #[inline]
    fn sqrt(self) -> Self {
        Interval::sqrt(self)
    }
    #[inline]
    fn exp(self) -> Self {
        Interval::exp(self)
    }
    #[inline]
    fn ln(self) -> Self {
        Interval::ln(self)
    }
    #[inline]
    fn log10(self) -> Self {
        Interval::log10(self)
    }
    #[inline]
    fn sin(self) -> Self {
        Interval::sin(self)
    }
    #[inline]
    fn cos(self) -> Self {
        Interval::cos(self)
    }
    #[inline]
    fn tan(self) -> Self {
        Interval::tan(self)
    }
    #[inline]
    fn asin(self) -> Self {
        Interval::asin(self)
    }
    #[inline]
    fn acos(self) -> Self {
        Interval::acos(self)
    }
    #[inline]
    fn atan(self) -> Self {
        Interval::atan(self)
    }
    #[inline]
    fn sinh(self) -> Self {
        Interval::sinh(self)
    }
    #[inline]
    fn cosh(self) -> Self {
        Interval::cosh(self)
    }
    #[inline]
    fn tanh(self) -> Self {
        Interval::tanh(self)
    }
    #[inline]
    fn abs(self) -> Self {
        Interval::abs(self)
    }
    #[inline]
    fn sign(self) -> Self {
        Interval::sign(self)
    }
    #[inline]
    fn kink(self) -> Self {
        if self.lo > 0.0 || self.hi < 0.0 || self.is_empty() {
            Interval::ZERO
        } else {
            Interval::ENTIRE
        }
    }
    #[inline]
    fn order(self, o: Self) -> Option<Ordering> {
        if self.hi < o.lo {
            Some(Ordering::Less)
        } else if self.lo > o.hi {
            Some(Ordering::Greater)
        } else {
            None
        }
    }
    #[inline]
    fn blend(self, o: Self) -> Self {
        self.hull(o)
    }
    #[inline]
    fn blend_curvature(self, o: Self) -> Self {
        let _ = o;
        Interval::ENTIRE
    }
    #[inline]
    fn min_value(self, o: Self) -> Self {
        Interval::min(self, o)
    }
    #[inline]
    fn max_value(self, o: Self) -> Self {
        Interval::max(self, o)
    }
    #[inline]
    fn clip(self, lo: f64, hi: f64) -> Self {
        self.domain(lo, hi)
    }
    #[inline]
    fn undefined(self) -> bool {
        self.is_empty()
    }
}

impl Add<f64> for Interval {
    type Output = Self;
    #[inline]
    fn add(self, c: f64) -> Self {
        self + Interval::point(c)
    }
}
impl Sub<f64> for Interval {
    type Output = Self;
    #[inline]
    fn sub(self, c: f64) -> Self {
        self + Interval::point(-c)
    }
}
impl Mul<f64> for Interval {
    type Output = Self;
    /// By a constant: two products, no case analysis (formulas are full of 2x, 3y); exact by
    /// a power of two, else widened without a branch (`round::below`) when the bounds are
    /// moderate, else rounded exactly.
    #[inline(always)]
    fn mul(self, c: f64) -> Self {
        let moderate = round::moderate(self.lo) & round::moderate(self.hi) & round::moderate(c);
        if !(moderate && self.lo <= self.hi) {
            return self.mul_by_constant_exactly(c);
        }
        let (lo, hi) = if c >= 0.0 {
            (self.lo * c, self.hi * c)
        } else {
            (self.hi * c, self.lo * c)
        };
        let exact = round::trivially_exact(c);
        Interval {
            lo: if exact { lo } else { round::below(lo) },
            hi: if exact { hi } else { round::above(hi) },
            partial: self.partial,
        }
    }
}

impl Interval {
    /// `self · c` with each bound rounded exactly (`Mul<f64>` for huge, tiny or empty bounds).
    #[inline(never)]
    fn mul_by_constant_exactly(self, c: f64) -> Self {
        if self.is_empty() || c.is_nan() {
            return self * Interval::point(c);
        }
        let (lo, hi) = if c >= 0.0 {
            (self.lo, self.hi)
        } else {
            (self.hi, self.lo)
        };
        Interval {
            lo: round::mul_dn(lo, c),
            hi: round::mul_up(hi, c),
            partial: self.partial,
        }
    }
}
