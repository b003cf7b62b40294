//! Closed intervals of reals with outward rounding: every operation's result contains the
//! exact result for every point of its operands, so a box where the interval gradient
//! excludes 0 provably holds no critical point.
//!
//! Undefined points (ln of x ≤ 0, division by 0, ...) follow the expression conventions: the
//! result encloses the function over the points where it is defined, and `partial` records
//! that some points may be undefined. No defined point at all gives the empty interval.
//! This file holds the type, its set operations and + − × ÷; `elementary.rs` the functions.

use super::round::*;
use std::ops::{Add, Div, Mul, Neg, Sub};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
    /// Some points of the operands' boxes may be outside the function's domain.
    pub partial: bool,
}

impl Interval {
    /// No defined point.
    pub const EMPTY: Interval = Interval {
        lo: f64::INFINITY,
        hi: f64::NEG_INFINITY,
        partial: true,
    };
    pub const ENTIRE: Interval = Interval {
        lo: f64::NEG_INFINITY,
        hi: f64::INFINITY,
        partial: false,
    };
    pub const ZERO: Interval = Interval::point(0.0);

    #[inline]
    pub fn new(lo: f64, hi: f64) -> Self {
        Self {
            lo,
            hi,
            partial: false,
        }
    }
    #[inline]
    pub const fn point(v: f64) -> Self {
        Self {
            lo: v,
            hi: v,
            partial: false,
        }
    }
    /// Empty when lo > hi or either bound is NaN.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.lo.partial_cmp(&self.hi).is_none_or(|o| o.is_gt())
    }
    #[inline]
    pub fn contains(self, v: f64) -> bool {
        self.lo <= v && v <= self.hi
    }
    #[inline]
    pub fn is_finite(self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }
    #[inline]
    pub fn width(self) -> f64 {
        if self.is_empty() {
            0.0
        } else {
            self.hi - self.lo
        }
    }
    #[inline]
    pub fn mid(self) -> f64 {
        0.5 * self.lo + 0.5 * self.hi
    }
    /// The largest |v| over the interval.
    #[inline]
    pub fn mag(self) -> f64 {
        self.lo.abs().max(self.hi.abs())
    }
    /// The smallest |v| over the interval.
    #[inline]
    pub fn mig(self) -> f64 {
        if self.lo > 0.0 {
            self.lo
        } else if self.hi < 0.0 {
            -self.hi
        } else {
            0.0
        }
    }
    #[inline]
    pub fn hull(self, o: Self) -> Self {
        if self.is_empty() {
            return o;
        }
        if o.is_empty() {
            return self;
        }
        Self {
            lo: self.lo.min(o.lo),
            hi: self.hi.max(o.hi),
            partial: self.partial || o.partial,
        }
    }
    #[inline]
    pub fn intersect(self, o: Self) -> Self {
        let r = Self {
            lo: self.lo.max(o.lo),
            hi: self.hi.min(o.hi),
            partial: self.partial || o.partial,
        };
        if r.is_empty() { Self::EMPTY } else { r }
    }
    /// `self` with `partial` set if `flag`.
    #[inline]
    pub(super) fn flagged(mut self, flag: bool) -> Self {
        self.partial |= flag;
        self
    }
    /// Restricts to [lo, hi] (a function's domain); outside points make the result partial.
    #[inline]
    pub(super) fn domain(self, lo: f64, hi: f64) -> Self {
        if self.is_empty() || self.hi < lo || self.lo > hi {
            return Self::EMPTY;
        }
        Self {
            lo: self.lo.max(lo),
            hi: self.hi.min(hi),
            partial: self.partial || self.lo < lo || self.hi > hi,
        }
    }
    #[inline]
    pub(super) fn both(a: Self, b: Self) -> Option<bool> {
        if a.is_empty() || b.is_empty() {
            None
        } else {
            Some(a.partial || b.partial)
        }
    }
}

impl Add for Interval {
    type Output = Self;
    #[inline]
    fn add(self, o: Self) -> Self {
        match Self::both(self, o) {
            None => Self::EMPTY,
            Some(p) => Self::new(add_dn(self.lo, o.lo), add_up(self.hi, o.hi)).flagged(p),
        }
    }
}
impl Sub for Interval {
    type Output = Self;
    #[inline]
    fn sub(self, o: Self) -> Self {
        self + (-o)
    }
}
impl Neg for Interval {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        Self {
            lo: -self.hi,
            hi: -self.lo,
            partial: self.partial,
        }
    }
}
impl Mul for Interval {
    type Output = Self;
    /// The hottest function of the critical-point search. For moderate bounds (zero, or
    /// magnitudes in [2^-480, 2^481): nearly always), the smallest and largest of the four
    /// products widened by two ulps at most, without a branch on the signs (which the CPU
    /// mispredicted a third of the time); otherwise by the operands' signs, rounded exactly.
    #[inline]
    fn mul(self, o: Self) -> Self {
        let (a, b, c, d) = (self.lo, self.hi, o.lo, o.hi);
        let moderate = moderate(a) & moderate(b) & moderate(c) & moderate(d);
        if !(moderate && a <= b && c <= d) {
            return self.mul_by_cases(o);
        }
        let (ac, ad, bc, bd) = (a * c, a * d, b * c, b * d);
        let min = |p: f64, q: f64| if p < q { p } else { q };
        let max = |p: f64, q: f64| if p > q { p } else { q };
        Self {
            lo: below(min(min(ac, ad), min(bc, bd))),
            hi: above(max(max(ac, ad), max(bc, bd))),
            partial: self.partial | o.partial,
        }
    }
}

impl Interval {
    /// The product by the operands' signs (Moore's nine cases), each bound rounded exactly,
    /// for the operands `mul` leaves: empty, unbounded, huge or tiny.
    #[inline(never)]
    pub(super) fn mul_by_cases(self, o: Self) -> Self {
        let Some(p) = Self::both(self, o) else {
            return Self::EMPTY;
        };
        let (a, b, c, d) = (self.lo, self.hi, o.lo, o.hi);
        if (a == 0.0 && b == 0.0) || (c == 0.0 && d == 0.0) {
            return Self::ZERO.flagged(p);
        }
        let (lo, hi) = if a >= 0.0 {
            if c >= 0.0 {
                (mul_dn(a, c), mul_up(b, d))
            } else if d <= 0.0 {
                (mul_dn(b, c), mul_up(a, d))
            } else {
                (mul_dn(b, c), mul_up(b, d))
            }
        } else if b <= 0.0 {
            if c >= 0.0 {
                (mul_dn(a, d), mul_up(b, c))
            } else if d <= 0.0 {
                (mul_dn(b, d), mul_up(a, c))
            } else {
                (mul_dn(a, d), mul_up(a, c))
            }
        } else if c >= 0.0 {
            (mul_dn(a, d), mul_up(b, d))
        } else if d <= 0.0 {
            (mul_dn(b, c), mul_up(a, c))
        } else {
            (
                mul_dn(a, d).min(mul_dn(b, c)),
                mul_up(a, c).max(mul_up(b, d)),
            )
        };
        Self::new(lo, hi).flagged(p)
    }
}
impl Div for Interval {
    type Output = Self;
    /// Division; where the divisor may be 0 the quotient is taken over the nonzero divisors
    /// (division by 0 is undefined), which may be a half-line or every real.
    #[inline]
    fn div(self, o: Self) -> Self {
        let Some(p) = Self::both(self, o) else {
            return Self::EMPTY;
        };
        if o == Self::ZERO {
            return Self::EMPTY;
        }
        if o.lo > 0.0 || o.hi < 0.0 {
            let pairs = [
                (self.lo, o.lo),
                (self.lo, o.hi),
                (self.hi, o.lo),
                (self.hi, o.hi),
            ];
            let lo = pairs
                .iter()
                .map(|&(a, b)| div_dn(a, b))
                .fold(f64::INFINITY, f64::min);
            let hi = pairs
                .iter()
                .map(|&(a, b)| div_up(a, b))
                .fold(f64::NEG_INFINITY, f64::max);
            return Self::new(lo, hi).flagged(p);
        }
        if self == Self::ZERO {
            return Self::ZERO.flagged(true);
        }
        let (inf, ninf) = (f64::INFINITY, f64::NEG_INFINITY);
        let r = if o.lo == 0.0 {
            // Divisors in (0, hi].
            if self.lo >= 0.0 {
                Self::new(div_dn(self.lo, o.hi), inf)
            } else if self.hi <= 0.0 {
                Self::new(ninf, div_up(self.hi, o.hi))
            } else {
                Self::ENTIRE
            }
        } else if o.hi == 0.0 {
            // Divisors in [lo, 0).
            if self.lo >= 0.0 {
                Self::new(ninf, div_up(self.lo, o.lo))
            } else if self.hi <= 0.0 {
                Self::new(div_dn(self.hi, o.lo), inf)
            } else {
                Self::ENTIRE
            }
        } else {
            Self::ENTIRE
        };
        r.flagged(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(lo: f64, hi: f64) -> Interval {
        Interval::new(lo, hi)
    }

    #[test]
    fn arithmetic_encloses_and_stays_tight_when_exact() {
        assert_eq!(iv(1.0, 2.0) + iv(3.0, 4.0), iv(4.0, 6.0));
        // Products of moderate bounds are widened by an ulp or two, even exact ones; exact
        // zeros stay exact; huge and tiny bounds take the exactly rounded path.
        let out = |p: Interval, lo: f64, hi: f64| {
            let two_down = |v: f64| v.next_down().next_down();
            let two_up = |v: f64| v.next_up().next_up();
            p.lo < lo && p.lo >= two_down(lo) && p.hi > hi && p.hi <= two_up(hi)
        };
        assert!(out(iv(-1.0, 2.0) * iv(4.0, 8.0), -8.0, 16.0));
        assert!(out(iv(-1.0, 2.0) * iv(3.0, 4.0), -4.0, 8.0));
        assert!(out(iv(-3.0, -2.0) * iv(-5.0, 7.0), -21.0, 15.0));
        assert_eq!(iv(0.0, 0.0) * iv(5.0, 7.0), Interval::ZERO);
        let p = iv(0.0, 2.0) * iv(-3.0, 0.0);
        assert!(p.lo < -6.0 && p.lo >= (-6f64).next_down().next_down() && p.hi == 0.0);
        let big = iv(1e300, 2e300) * iv(1e10, 1e10);
        assert_eq!((big.lo, big.hi), (f64::MAX, f64::INFINITY));
        assert_eq!(iv(1e-200, 2e-200) * iv(4.0, 4.0), iv(4e-200, 8e-200));
        assert_eq!(iv(-1.0, 2.0).sqr(), iv(0.0, 4.0));
        assert_eq!(iv(-2.0, 1.0).powi(3), iv(-8.0, 1.0));
        assert_eq!(iv(-2.0, 1.0).powi(4), iv(0.0, 16.0));
        let third = Interval::point(1.0) / Interval::point(3.0);
        assert!(third.lo < 1.0 / 3.0 && third.hi > 1.0 / 3.0);
        let q = iv(1.0, 2.0) / iv(0.0, 4.0);
        assert_eq!((q.lo, q.hi, q.partial), (0.25, f64::INFINITY, true));
        assert_eq!(iv(1.0, 2.0) / iv(4.0, 4.0), iv(0.25, 0.5));
        assert!((iv(1.0, 2.0) / Interval::ZERO).is_empty());
    }
}
