//! Directed rounding for interval endpoints: each result is the exact result rounded down
//! (`*_dn`) or up (`*_up`), using error-free transformations (two-sum, fma) so an exact
//! operation such as 1 − 1 keeps a point interval instead of widening by an ulp.

/// Smallest magnitude at which the fma / two-sum error terms are still exact: below it
/// (subnormal results) the error term itself can round, so the result is widened blindly.
const TINY: f64 = f64::MIN_POSITIVE * 9007199254740992.0; // 2^-1022 · 2^53

#[inline]
fn down(s: f64, err: f64) -> f64 {
    if err < 0.0 { s.next_down() } else { s }
}

#[inline]
fn up(s: f64, err: f64) -> f64 {
    if err > 0.0 { s.next_up() } else { s }
}

/// A result that overflowed or is NaN: the widest bound on the safe side.
#[inline]
fn special_dn(s: f64, finite_inputs: bool) -> f64 {
    if s.is_nan() {
        f64::NEG_INFINITY
    } else if s == f64::INFINITY && finite_inputs {
        f64::MAX
    } else {
        s
    }
}

#[inline]
fn special_up(s: f64, finite_inputs: bool) -> f64 {
    if s.is_nan() {
        f64::INFINITY
    } else if s == f64::NEG_INFINITY && finite_inputs {
        f64::MIN
    } else {
        s
    }
}

#[inline]
fn two_sum_err(a: f64, b: f64, s: f64) -> f64 {
    let bb = s - a;
    (a - (s - bb)) + (b - bb)
}

#[inline(always)]
pub fn add_dn(a: f64, b: f64) -> f64 {
    let s = a + b;
    if !s.is_finite() {
        return special_dn(s, a.is_finite() && b.is_finite());
    }
    down(s, two_sum_err(a, b, s))
}

#[inline(always)]
pub fn add_up(a: f64, b: f64) -> f64 {
    let s = a + b;
    if !s.is_finite() {
        return special_up(s, a.is_finite() && b.is_finite());
    }
    up(s, two_sum_err(a, b, s))
}

/// Whether a·b (or a/b) is exact without computing its error: one operand is ±1 or a power
/// of two. (An fma-based error term would be exact in every case, but without hardware fma it
/// is a slow library call, and this runs a billion times.)
#[inline]
pub fn trivially_exact(b: f64) -> bool {
    let bits = b.abs().to_bits();
    bits & ((1u64 << 52) - 1) == 0 && b.is_normal()
}

/// a·b rounded down, with 0·∞ = 0 (the product of the sets {0} and an unbounded one is {0}).
#[inline(always)]
pub fn mul_dn(a: f64, b: f64) -> f64 {
    if a == 0.0 || b == 0.0 {
        return 0.0;
    }
    let p = a * b;
    if !p.is_finite() {
        return special_dn(p, a.is_finite() && b.is_finite());
    }
    if (trivially_exact(a) || trivially_exact(b)) && p.abs() >= TINY {
        p
    } else {
        p.next_down()
    }
}

#[inline(always)]
pub fn mul_up(a: f64, b: f64) -> f64 {
    if a == 0.0 || b == 0.0 {
        return 0.0;
    }
    let p = a * b;
    if !p.is_finite() {
        return special_up(p, a.is_finite() && b.is_finite());
    }
    if (trivially_exact(a) || trivially_exact(b)) && p.abs() >= TINY {
        p
    } else {
        p.next_up()
    }
}

/// Zero, or a magnitude in [2^-480, 2^481): the product of two such numbers is an exact 0
/// (a factor is 0) or a normal number of magnitude in [2^-960, 2^962), far from overflow and
/// from the subnormals, where [`below`] and [`above`] bound it without a branch.
#[inline(always)]
pub fn moderate(v: f64) -> bool {
    let exponent = (v.to_bits() >> 52) & 0x7ff;
    exponent.wrapping_sub(1023 - 480) <= 960 || v == 0.0
}

/// A lower bound of the exact value that `v` (a product or sum of [`moderate`] numbers,
/// rounded to nearest) approximates: v − |v|·2⁻⁵², at most two ulps below v. Why it holds: with
/// 2^e ≤ |v|, δ = |v|·2⁻⁵² ≥ 2^(e−52) is exact (|v| ≥ 2^-960) and at least the spacing of
/// the floats just below v, so v − δ ≤ pred(v), and rounding, being monotone, keeps
/// fl(v − δ) ≤ pred(v) ≤ the exact value (within half a spacing of v). An exact 0 stays 0.
#[inline(always)]
pub fn below(v: f64) -> f64 {
    v - v.abs() * f64::EPSILON
}

/// An upper bound, as [`below`]: v + |v|·2⁻⁵² ≥ succ(v).
#[inline(always)]
pub fn above(v: f64) -> f64 {
    v + v.abs() * f64::EPSILON
}

/// a/b rounded down, for b ≠ 0 (callers handle zero divisors).
#[inline]
pub fn div_dn(a: f64, b: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    let q = a / b;
    if !q.is_finite() || !a.is_finite() || !b.is_finite() {
        return special_dn(q, a.is_finite() && b.is_finite());
    }
    if trivially_exact(b) && q.abs() >= TINY {
        q
    } else {
        q.next_down()
    }
}

#[inline]
pub fn div_up(a: f64, b: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    let q = a / b;
    if !q.is_finite() || !a.is_finite() || !b.is_finite() {
        return special_up(q, a.is_finite() && b.is_finite());
    }
    if trivially_exact(b) && q.abs() >= TINY {
        q
    } else {
        q.next_up()
    }
}

/// √a rounded down (√ is correctly rounded, so one ulp brackets it).
#[inline]
pub fn sqrt_dn(a: f64) -> f64 {
    let s = a.sqrt();
    if s > 0.0 && s.is_finite() {
        s.next_down()
    } else {
        s
    }
}

#[inline]
pub fn sqrt_up(a: f64) -> f64 {
    let s = a.sqrt();
    if s.is_finite() { s.next_up() } else { s }
}

/// A library function's result (not correctly rounded; glibc/musl are within 1 ulp for these)
/// widened by two ulps on the safe side.
#[inline]
pub fn lib_dn(v: f64) -> f64 {
    if v.is_nan() {
        f64::NEG_INFINITY
    } else {
        v.next_down().next_down()
    }
}

#[inline]
pub fn lib_up(v: f64) -> f64 {
    if v.is_nan() {
        f64::INFINITY
    } else {
        v.next_up().next_up()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_results_stay_exact_and_inexact_ones_bracket() {
        assert_eq!(add_dn(1.0, -1.0), 0.0);
        assert_eq!(add_up(1.0, -1.0), 0.0);
        assert_eq!(mul_dn(3.0, 4.0), 12.0);
        let (lo, hi) = (add_dn(0.1, 0.2), add_up(0.1, 0.2));
        assert!(lo < hi && hi == lo.next_up());
        let (lo, hi) = (div_dn(1.0, 3.0), div_up(1.0, 3.0));
        assert!(lo < 1.0 / 3.0 && hi > 1.0 / 3.0);
        assert_eq!(div_dn(1.0, 4.0), 0.25);
        assert_eq!(mul_dn(0.0, f64::INFINITY), 0.0);
        assert_eq!(add_up(f64::MAX, f64::MAX), f64::INFINITY);
        assert_eq!(add_dn(f64::MAX, f64::MAX), f64::MAX);
        let (lo, hi) = (sqrt_dn(2.0), sqrt_up(2.0));
        assert!(lo < 2f64.sqrt() && hi > 2f64.sqrt());
    }

    /// `below` / `above` bracket products of moderate numbers by one or two ulps, checked
    /// exactly against the fma error term, and leave exact zeros alone.
    #[test]
    fn branch_free_bounds_bracket_moderate_products() {
        assert!(moderate(0.0) && moderate(-0.0) && moderate(1e100) && moderate(-3e-140));
        assert!(!moderate(1e200) && !moderate(1e-200) && !moderate(f64::INFINITY));
        assert!(!moderate(f64::NAN) && !moderate(f64::MIN_POSITIVE));
        assert_eq!((below(0.0), above(0.0)), (0.0, 0.0));
        let mut x = 0.7364f64;
        for k in 0..2000 {
            // A deterministic spread of mantissas and exponents across the moderate range.
            x = (x * 3.9 * (1.0 - x)).clamp(1e-9, 1.0 - 1e-9);
            let (a, b) = (
                x * 2f64.powi(k % 900 - 450),
                -(1.0 - x) * 2f64.powi(450 - k % 900),
            );
            let p = a * b;
            let err = a.mul_add(b, -p); // a·b = p + err exactly
            let (lo, hi) = (below(p), above(p));
            assert!(lo < p && p < hi, "{a} · {b}");
            assert!(lo <= p.next_down() && lo >= p.next_down().next_down().next_down());
            assert!(hi >= p.next_up() && hi <= p.next_up().next_up().next_up());
            // lo ≤ p + err ≤ hi: err is within half an ulp of p, so compare p − lo with it.
            assert!(p - lo >= err.abs() && hi - p >= err.abs(), "{a} · {b}");
        }
    }
}
