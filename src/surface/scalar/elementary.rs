//! The elementary functions over [`Interval`]s: powers, roots, exp and logarithms, the
//! trigonometric and hyperbolic functions, abs, min, max and sign. Each result encloses the
//! function's range over the operand, restricted to the function's domain (points outside it
//! make the result `partial`); library functions are widened by two ulps (`round::lib_dn`).

use super::Interval;
use super::round::*;
use std::f64::consts::{FRAC_PI_2, PI};

impl Interval {
    /// [f(lo), f(hi)] for an increasing library function, widened.
    #[inline]
    fn increasing(self, f: impl Fn(f64) -> f64) -> Self {
        if self.is_empty() {
            return self;
        }
        Self {
            lo: lib_dn(f(self.lo)),
            hi: lib_up(f(self.hi)),
            partial: self.partial,
        }
    }
    #[inline]
    fn clamp(self, lo: f64, hi: f64) -> Self {
        if self.is_empty() {
            return self;
        }
        Self {
            lo: self.lo.max(lo),
            hi: self.hi.min(hi),
            partial: self.partial,
        }
    }
    #[inline]
    pub fn sqr(self) -> Self {
        if self.is_empty() {
            return self;
        }
        let (m, g) = (self.mag(), self.mig());
        if moderate(m) & moderate(g) {
            // Without branches: exact for powers of two, else widened by an ulp or two.
            let (lo, hi) = (g * g, m * m);
            return Self {
                lo: if trivially_exact(g) { lo } else { below(lo) },
                hi: if trivially_exact(m) { hi } else { above(hi) },
                partial: self.partial,
            };
        }
        Self {
            lo: mul_dn(g, g),
            hi: mul_up(m, m),
            partial: self.partial,
        }
    }

    /// xⁿ; a negative n divides 1 by x⁻ⁿ (undefined at 0, as the expressions' powi).
    #[inline]
    pub fn powi(self, n: i32) -> Self {
        if self.is_empty() {
            return self;
        }
        if n == 0 {
            return Self::point(1.0).flagged(self.partial);
        }
        if n < 0 {
            return Self::point(1.0) / self.powi(-n);
        }
        let n = n.unsigned_abs();
        let pow_dn = |v: f64| power(Self::point(v), n).lo;
        let pow_up = |v: f64| power(Self::point(v), n).hi;
        let r = if !n.is_multiple_of(2) {
            Self::new(pow_dn(self.lo), pow_up(self.hi))
        } else {
            Self::new(pow_dn(self.mig()), pow_up(self.mag()))
        };
        r.flagged(self.partial)
    }

    /// xᶜ for a non-integer constant c: defined for x ≥ 0 (x > 0 when c < 0).
    #[inline]
    pub fn powf(self, c: f64) -> Self {
        let d = self.domain(0.0, f64::INFINITY);
        if d.is_empty() {
            return d;
        }
        if c > 0.0 {
            Self::new(lib_dn(d.lo.powf(c)).max(0.0), lib_up(d.hi.powf(c))).flagged(d.partial)
        } else {
            let zero = d.lo == 0.0;
            let hi = if zero {
                f64::INFINITY
            } else {
                lib_up(d.lo.powf(c))
            };
            if d.hi == 0.0 {
                return Self::EMPTY;
            }
            Self::new(lib_dn(d.hi.powf(c)).max(0.0), hi).flagged(d.partial || zero)
        }
    }

    #[inline]
    pub fn sqrt(self) -> Self {
        let d = self.domain(0.0, f64::INFINITY);
        if d.is_empty() {
            return d;
        }
        Self {
            lo: sqrt_dn(d.lo),
            hi: sqrt_up(d.hi),
            partial: d.partial,
        }
    }
    #[inline]
    pub fn exp(self) -> Self {
        self.increasing(f64::exp).clamp(0.0, f64::INFINITY)
    }
    /// Natural log, defined for x > 0.
    #[inline]
    pub fn ln(self) -> Self {
        self.log_with(f64::ln)
    }
    #[inline]
    pub fn log10(self) -> Self {
        self.log_with(f64::log10)
    }
    #[inline]
    fn log_with(self, f: impl Fn(f64) -> f64) -> Self {
        if self.is_empty() || self.hi <= 0.0 {
            return Self::EMPTY;
        }
        let lo = if self.lo <= 0.0 {
            f64::NEG_INFINITY
        } else {
            lib_dn(f(self.lo))
        };
        Self::new(lo, lib_up(f(self.hi))).flagged(self.partial || self.lo <= 0.0)
    }
    #[inline]
    pub fn sin(self) -> Self {
        self.periodic(f64::sin, FRAC_PI_2)
    }
    #[inline]
    pub fn cos(self) -> Self {
        self.periodic(f64::cos, 0.0)
    }
    /// Range of a 2π-periodic function with maxima at `peak` + 2kπ and minima half a period
    /// later (sin, cos), widened; extrema are included when they may lie in the interval.
    #[inline]
    fn periodic(self, f: impl Fn(f64) -> f64, peak: f64) -> Self {
        if self.is_empty() {
            return self;
        }
        let unit = Self::new(-1.0, 1.0).flagged(self.partial);
        if !self.is_finite() || self.hi - self.lo >= 2.0 * PI || self.mag() > 1e15 {
            return unit;
        }
        let (a, b) = (f(self.lo), f(self.hi));
        let mut r = Self::new(lib_dn(a.min(b)), lib_up(a.max(b)));
        if hits(self, peak) {
            r.hi = 1.0;
        }
        if hits(self, peak + PI) {
            r.lo = -1.0;
        }
        r.clamp(-1.0, 1.0).flagged(self.partial)
    }
    /// tan is increasing between its poles at π/2 + kπ; an interval that may hold a pole gives
    /// every real (tan of a double is never infinite, so no point is undefined).
    #[inline]
    pub fn tan(self) -> Self {
        if self.is_empty() {
            return self;
        }
        if !self.is_finite()
            || self.hi - self.lo >= PI
            || self.mag() > 1e15
            || hits_period(self, FRAC_PI_2, PI)
        {
            return Self::ENTIRE.flagged(self.partial);
        }
        self.increasing(f64::tan)
    }
    #[inline]
    pub fn asin(self) -> Self {
        self.domain(-1.0, 1.0)
            .increasing(f64::asin)
            .clamp(-FRAC_PI_2.next_up(), FRAC_PI_2.next_up())
    }
    #[inline]
    pub fn acos(self) -> Self {
        let d = self.domain(-1.0, 1.0);
        if d.is_empty() {
            return d;
        }
        Self::new(lib_dn(d.hi.acos()).max(0.0), lib_up(d.lo.acos())).flagged(d.partial)
    }
    #[inline]
    pub fn atan(self) -> Self {
        self.increasing(f64::atan)
    }
    #[inline]
    pub fn sinh(self) -> Self {
        self.increasing(f64::sinh)
    }
    #[inline]
    pub fn cosh(self) -> Self {
        if self.is_empty() {
            return self;
        }
        Self::new(
            lib_dn(self.mig().cosh()).max(1.0),
            lib_up(self.mag().cosh()),
        )
        .flagged(self.partial)
    }
    #[inline]
    pub fn tanh(self) -> Self {
        self.increasing(f64::tanh).clamp(-1.0, 1.0)
    }
    #[inline]
    pub fn abs(self) -> Self {
        if self.is_empty() {
            return self;
        }
        Self::new(self.mig(), self.mag()).flagged(self.partial)
    }
    #[inline]
    pub fn min(self, o: Self) -> Self {
        match Self::both(self, o) {
            None => Self::EMPTY,
            Some(p) => Self::new(self.lo.min(o.lo), self.hi.min(o.hi)).flagged(p),
        }
    }
    #[inline]
    pub fn max(self, o: Self) -> Self {
        match Self::both(self, o) {
            None => Self::EMPTY,
            Some(p) => Self::new(self.lo.max(o.lo), self.hi.max(o.hi)).flagged(p),
        }
    }
    /// The signs taken over the interval (abs′).
    #[inline]
    pub fn sign(self) -> Self {
        if self.is_empty() {
            return self;
        }
        let s = <f64 as super::Num>::sign;
        Self::new(s(self.lo), s(self.hi)).flagged(self.partial)
    }
}

/// xⁿ (n ≥ 1) by repeated squaring, each step rounded outward.
#[inline]
fn power(x: Interval, n: u32) -> Interval {
    if n == 1 {
        x
    } else if n.is_multiple_of(2) {
        power(x, n / 2).sqr()
    } else {
        // Rounded exactly (x is a point here: the cost does not matter), so 2³ stays 8.
        x.mul_by_cases(power(x, n - 1))
    }
}

/// Whether some point phase + 2kπ may lie in the interval (with slack for the rounding of
/// the division, so an extremum is never missed).
#[inline]
fn hits(x: Interval, phase: f64) -> bool {
    hits_period(x, phase, 2.0 * PI)
}

#[inline]
fn hits_period(x: Interval, phase: f64, period: f64) -> bool {
    let t_lo = (x.lo - phase) / period;
    let t_hi = (x.hi - phase) / period;
    let slack = 1e-9 + 8.0 * f64::EPSILON * t_lo.abs().max(t_hi.abs());
    (t_hi + slack).floor() >= (t_lo - slack).ceil()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(lo: f64, hi: f64) -> Interval {
        Interval::new(lo, hi)
    }

    #[test]
    fn functions_respect_their_domains_and_extrema() {
        let l = iv(-1.0, 1.0).ln();
        assert!(l.partial && l.lo == f64::NEG_INFINITY && l.hi >= 0.0);
        assert!(iv(-2.0, -1.0).ln().is_empty());
        let s = iv(0.0, 3.0).sin();
        assert_eq!(s.hi, 1.0);
        assert!(s.lo <= 0.0 && s.lo > -1e-15);
        let c = iv(3.0, 3.5).cos();
        assert_eq!(c.lo, -1.0);
        assert!(iv(1.0, 2.0).tan().lo == f64::NEG_INFINITY);
        let t = iv(0.0, 1.0).tan();
        assert!(t.lo <= 0.0 && t.hi >= 1.0f64.tan());
        assert!(iv(2.0, 3.0).asin().is_empty());
        let e = iv(0.0, 1.0).exp();
        assert!(e.lo <= 1.0 && e.hi >= std::f64::consts::E);
        assert_eq!(iv(-3.0, 2.0).abs(), iv(0.0, 3.0));
    }
}
