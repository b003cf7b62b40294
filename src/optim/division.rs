//! Division by a number many quotients share (Adam's √(1 − β₂ᵗ), the same for every
//! parameter of a step) as a multiplication by its reciprocal and one FMA correction: the
//! same bits as `a / b`, with one trip less through the divider.
//!
//! Why: a batch's Adam loop is bound by the divider (per four lanes √v takes ~7.7 cycles and
//! each division ~3.8 on Zen 3, and the loop has one √ and two divisions).
//!
//! Why it is exact — Markstein's theorem (1990; proved in ACL2 by Russinoff): if y is within a
//! relative 2⁻⁵³ of 1/b and q within one ulp of a/b, then r = a − b·q is a double (one FMA
//! computes it exactly) and RN(q + r·y) = RN(a/b). y = RN(1/b) is within 2⁻⁵³·(1 − 2⁻⁵³)
//! relatively, and q = RN(a·y) within one ulp. The theorem needs no underflow or overflow on
//! the way; the bounds on a and b below keep every value, the remainder included, normal.

/// b's bounds for [`quotient`]: 2⁻³⁹⁸ ≤ b ≤ 2³⁹⁸.
const B_MIN: f64 = f64::from_bits((1023 - 398) << 52);
const B_MAX: f64 = f64::from_bits((1023 + 398) << 52);

/// 1/b for [`quotient`] when b is within its bounds; otherwise None (divide).
#[inline]
pub fn reciprocal(b: f64) -> Option<f64> {
    (B_MIN..=B_MAX).contains(&b).then(|| 1.0 / b)
}

/// a / b, the same bits as the division, for y = [`reciprocal`]`(b)` and a square root a:
/// +0, +∞, NaN or in [2⁻⁵³⁷, 2⁵¹²] (√−0 = −0 is the one square root it does not take).
/// Written for code compiled with FMA; elsewhere `mul_add` is a library call, exact but slow.
#[inline(always)]
pub fn quotient(a: f64, b: f64, y: f64) -> f64 {
    let q = a * y;
    let corrected = (-q).mul_add(b, a).mul_add(y, q);
    // ∞·y is already the quotient, and ∞ − ∞ would make the correction NaN.
    if a < f64::INFINITY { corrected } else { q }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn check(a: f64, b: f64) {
        let y = reciprocal(b).expect("b within the bounds");
        let (got, want) = (quotient(a, b, y), a / b);
        assert!(
            got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
            "{a:e} / {b:e}: {got:e}, want {want:e}"
        );
    }

    /// A square root of a double with random bits (every exponent as likely).
    fn random_root(rng: &mut ChaCha8Rng) -> f64 {
        f64::from_bits(rng.random_range(0..f64::INFINITY.to_bits())).sqrt()
    }

    #[test]
    fn bounds_are_the_powers_of_two_of_the_proof() {
        assert_eq!(B_MIN, 2f64.powi(-398));
        assert_eq!(B_MAX, 2f64.powi(398));
        assert_eq!(reciprocal(B_MIN.next_down()), None);
        assert_eq!(reciprocal(B_MAX.next_up()), None);
        assert_eq!(reciprocal(0.0), None);
        assert_eq!(reciprocal(f64::NAN), None);
        assert_eq!(reciprocal(4.0), Some(0.25));
    }

    #[test]
    fn roots_over_adams_bias_corrections_divide_exactly() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let betas = [0.999, 0.99, 0.9, 0.95, 0.9999, 0.5, 1e-3];
        for _ in 0..300_000 {
            let beta = betas[rng.random_range(0..betas.len())];
            let t = rng.random_range(1..5000);
            // torch: (1 − β₂ᵗ) ** 0.5.
            let b = (1.0 - f64::powf(beta, f64::from(t))).powf(0.5);
            check(random_root(&mut rng), b);
        }
    }

    #[test]
    fn roots_over_any_divisor_within_the_bounds_divide_exactly() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let (lo, hi) = (B_MIN.to_bits(), B_MAX.to_bits());
        for _ in 0..300_000 {
            let b = f64::from_bits(rng.random_range(lo..=hi));
            check(random_root(&mut rng), b);
            // Quotients near 1, where a and b share most of their digits.
            let m = f64::from_bits(rng.random_range(1f64.to_bits()..2f64.to_bits()));
            check(m, 1.0 + (m - 1.0) * 0.999_999);
        }
    }

    #[test]
    fn edge_roots_divide_as_the_division_does() {
        let edges = [
            0.0,
            f64::INFINITY,
            f64::NAN,
            2f64.powi(-537),
            f64::from_bits(1).sqrt(),
            f64::MIN_POSITIVE.sqrt(),
            f64::MAX.sqrt(),
        ];
        for b in [1.0, 0.031_622_776_601_683_79, B_MIN, B_MAX, 0.999_999_999] {
            for a in edges {
                check(a, b);
            }
        }
    }
}
