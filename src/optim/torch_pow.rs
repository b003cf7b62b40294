//! `beta ** step` and `x ** 0.5` exactly as torch computes them, mostly without calling `pow`.
//!
//! torch's Adam family computes bias corrections in Python floats (`1 - beta1 ** step`,
//! `bias_correction2 ** 0.5`), that is with C `pow`. A `pow` costs about 20 ns, a third of a
//! 2-D Adam step, and `sqrt` is not a substitute: it differs from `pow(x, 0.5)` by one ulp for
//! about one x in a thousand (LLVM even rewrites a literal `powf(0.5)` into `sqrt`).
//!
//! glibc's and musl's `pow` (both ARM's optimized-routines code) are within 0.54 ulp of the
//! exact result, so where the exact value lies within 0.45 ulp of a double, that double is the
//! only one `pow` can return. That bound is ARM's 0.511 ulp for the final `exp` plus the `log`'s
//! relative error 1.5·2⁻⁶⁸ magnified by |y·ln x| (0.54 at its largest, 1024·ln 2); the bias
//! corrections have |y·ln x| ≤ 64, where the bound is 0.515 ulp and 0.47 is safe. We know the
//! exact value far better than that — `beta^t` as a double-double product, `√x` from its exact
//! residual — so we return that double, and call `pow` only near a rounding midpoint (about one
//! call in sixteen). With any other C library we always call `pow`.

/// Whether the C library's `pow` is known to be within 0.54 ulp (see the module note).
const POW_BOUND_KNOWN: bool = cfg!(all(
    target_os = "linux",
    any(target_env = "gnu", target_env = "musl")
));

/// How far (in ulps of the nearer neighbour) the exact value may lie from a double for `pow`
/// to be certain to return that double: 1 − 0.54, less a margin.
const SAFE_ULPS: f64 = 0.45;

/// The same where |y·ln x| ≤ 64 (see the module note): 1 − 0.515, less a margin.
const SAFE_ULPS_NEAR: f64 = 0.47;

/// base^t at or above this (0 < base < 1) has |t·ln base| ≤ 64 (e⁻⁶⁴ ≈ 1.6e-28).
const NEAR_POWER: f64 = 1e-27;

/// x in this range has |0.5·ln x| ≤ 64 (e^±128 ≈ 2.6e-56, 3.9e55).
const NEAR_ROOT: (f64, f64) = (1e-55, 1e55);

/// Below this a double-double's low part loses bits (subnormal): use `pow`.
const TINY: f64 = 1e-280;

/// 2⁻⁶⁰: a base^t below it leaves 1 − base^t at 1.0 whatever `pow` rounds it to.
const NEGLIGIBLE: f64 = 1.0 / (1u64 << 60) as f64;

/// Steps beyond which the double-double's accumulated error (≈ t·2⁻¹⁰⁵) is not negligible.
const MAX_STEP: u64 = 1 << 40;

/// C `pow(x, y)`, never rewritten by the compiler.
#[inline(never)]
pub fn pow(x: f64, y: f64) -> f64 {
    x.powf(std::hint::black_box(y))
}

/// Python's `x ** 0.5` (C `pow(x, 0.5)`), bit for bit.
#[inline]
pub fn sqrt(x: f64) -> f64 {
    if x == 1.0 {
        // Every bias correction once β^t is negligible.
        return 1.0;
    }
    let s = x.sqrt();
    if POW_BOUND_KNOWN && x.is_normal() && x > 0.0 {
        // x − s² exactly; √x = s + r / 2s to far below an ulp. The test |r / 2s| ≤ safe·gap
        // is made as |r| ≤ 2·safe·gap·s (a product's rounding moves the margin by 1e-16 of
        // it): no division, which would queue with the step's own.
        let (p, e) = two_square(s);
        let r = (x - p) - e;
        let near = x >= NEAR_ROOT.0 && x <= NEAR_ROOT.1;
        let safe = if near { SAFE_ULPS_NEAR } else { SAFE_ULPS };
        if r.abs() <= 2.0 * safe * gap(s) * s {
            return s;
        }
    }
    pow(x, 0.5)
}

/// `base ** t` for a step count t, as C `pow` returns it; cheapest when t goes up by one per call.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Powers {
    base: f64,
    /// base split in 26-bit halves (see [`split`]), for [`Powers::times_base`].
    base_hi: f64,
    base_lo: f64,
    t: u64,
    /// base^t = hi + lo (a double-double, |lo| ≤ ulp(hi)/2).
    hi: f64,
    lo: f64,
}

impl Powers {
    /// `base ** t` (t as a float, as torch's step is).
    #[inline(always)]
    pub fn at(&mut self, base: f64, t: u64) -> f64 {
        if self.track(base, t)
            && let Some(p) = self.certain()
        {
            return p;
        }
        pow(base, t as f64)
    }

    /// `1 - base ** t`, a bias correction: 1.0 without a `pow` once base^t is far below 2⁻⁵⁴
    /// (1 − p rounds to 1 for any such p).
    #[inline(always)]
    pub fn one_minus(&mut self, base: f64, t: u64) -> f64 {
        if t == self.t.wrapping_add(1) && base == self.base && self.hi < NEGLIGIBLE {
            // base^t only shrinks from here: no products, no checks (most steps of a long
            // run). hi = 0 marks it untracked, so `at` would ask `pow`.
            (self.t, self.hi, self.lo) = (t, 0.0, 0.0);
            return 1.0;
        }
        if self.track(base, t) {
            if self.hi < NEGLIGIBLE {
                return 1.0;
            }
            if let Some(p) = self.certain() {
                return 1.0 - p;
            }
            if let Some(q) = self.one_minus_either() {
                return q;
            }
        }
        1.0 - pow(base, t as f64)
    }

    /// Moves the double-double to base^t (one product per step when t counts up); false
    /// where there is no fast path (another C library, a base outside (0, 1), a huge t).
    #[inline(always)]
    fn track(&mut self, base: f64, t: u64) -> bool {
        // The common case first: the next step with the same base, which `power` checked.
        if t == self.t.wrapping_add(1) && base == self.base && self.hi > TINY && t <= MAX_STEP {
            (self.hi, self.lo) = self.times_base();
            self.t = t;
            return true;
        }
        self.track_otherwise(base, t)
    }

    /// `track` for a first call, a restart, a jump, a new base or a base^t below TINY.
    #[inline(never)]
    fn track_otherwise(&mut self, base: f64, t: u64) -> bool {
        if !(POW_BOUND_KNOWN && base > 0.0 && base < 1.0 && t <= MAX_STEP) {
            return false;
        }
        if base == self.base && t == self.t + 1 {
            // Below TINY, hi only bounds base^t from above (and subnormal products are slow).
            if self.hi > TINY {
                (self.hi, self.lo) = self.times_base();
            }
            self.t = t;
        } else if base != self.base || t != self.t {
            *self = Self::power(base, t);
        }
        true
    }

    /// (hi + lo)·base as a normalised double-double ([`mul`] by (base, 0) with base's split
    /// kept: the same hi, lo up to the sign of a zero).
    #[inline(always)]
    fn times_base(&self) -> (f64, f64) {
        let p = self.hi * self.base;
        let (ah, al) = split(self.hi);
        let (bh, bl) = (self.base_hi, self.base_lo);
        let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
        let e = e + self.lo * self.base;
        let hi = p + e;
        (hi, e - (hi - p))
    }

    /// 1 − base^t where `pow` may return either double next to base^t but 1 − p rounds the
    /// same for both (most p below ½, whose ulp is below 1 − p's): no `pow` needed.
    #[cold]
    fn one_minus_either(&self) -> Option<f64> {
        if self.hi <= TINY || self.lo == 0.0 {
            return None;
        }
        // The only other double within 0.54 ulp of hi + lo is hi's neighbour towards lo.
        let bits = self.hi.to_bits();
        let other = f64::from_bits(if self.lo > 0.0 { bits + 1 } else { bits - 1 });
        (1.0 - self.hi == 1.0 - other).then_some(1.0 - self.hi)
    }

    /// base^t, when the double-double proves what `pow` returns.
    #[inline(always)]
    fn certain(&self) -> Option<f64> {
        let safe = if self.hi >= NEAR_POWER {
            SAFE_ULPS_NEAR
        } else {
            SAFE_ULPS
        };
        (self.hi > TINY && self.lo.abs() <= safe * gap(self.hi)).then_some(self.hi)
    }

    /// base^t by binary powering (for a first call, a restart or a jump).
    fn power(base: f64, t: u64) -> Self {
        let (mut hi, mut lo) = (1.0, 0.0);
        let (mut b_hi, mut b_lo) = (base, 0.0);
        let mut n = t;
        while n > 0 {
            if n & 1 == 1 {
                (hi, lo) = mul(hi, lo, b_hi, b_lo);
            }
            (b_hi, b_lo) = mul(b_hi, b_lo, b_hi, b_lo);
            n >>= 1;
        }
        let (base_hi, base_lo) = split(base);
        Self {
            base,
            base_hi,
            base_lo,
            t,
            hi,
            lo,
        }
    }
}

/// The gap from a positive normal double to its nearer neighbour: its ulp, or half of it at
/// a power of two (the neighbour below is nearer).
#[inline(always)]
fn gap(d: f64) -> f64 {
    let bits = d.to_bits();
    let ulp = f64::from_bits((bits & EXPONENT).saturating_sub(52 << 52));
    if bits & MANTISSA == 0 { 0.5 * ulp } else { ulp }
}

const EXPONENT: u64 = 0x7ff0_0000_0000_0000;
const MANTISSA: u64 = 0x000f_ffff_ffff_ffff;

/// (a_hi + a_lo)·(b_hi + b_lo) as a normalised double-double.
#[inline(always)]
fn mul(a_hi: f64, a_lo: f64, b_hi: f64, b_lo: f64) -> (f64, f64) {
    let (p, e) = two_prod(a_hi, b_hi);
    let e = e + (a_hi * b_lo + a_lo * b_hi);
    let hi = p + e;
    (hi, e - (hi - p))
}

/// a·b = p + e exactly (Dekker's product: plain IEEE operations, so it costs the same in
/// code built with or without FMA; `mul_add` would be a library call in the latter).
#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// a² = p + e exactly: [`two_prod`] (a, a) with one split, the same operations on the same
/// values (h·l = l·h).
#[inline(always)]
fn two_square(a: f64) -> (f64, f64) {
    let p = a * a;
    let (h, l) = split(a);
    let hl = h * l;
    (p, ((h * h - p) + hl + hl) + l * l)
}

/// a = hi + lo with 26-bit halves (Veltkamp's split).
#[inline(always)]
fn split(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a;
    let hi = c - (c - a);
    (hi, a - hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASES: [f64; 8] = [0.9, 0.99, 0.999, 0.9999, 0.95, 0.5, 0.7, 0.123_456_789];

    #[test]
    fn powers_step_by_step_are_pow_bit_for_bit() {
        for base in BASES {
            let mut p = Powers::default();
            for t in 1..=60_000u64 {
                assert_eq!(
                    p.at(base, t).to_bits(),
                    pow(base, t as f64).to_bits(),
                    "{base}^{t}"
                );
            }
        }
    }

    #[test]
    fn powers_after_jumps_and_a_new_base_are_pow_bit_for_bit() {
        let mut p = Powers::default();
        let mut t = 1u64;
        for i in 0..3000u64 {
            // Forward jumps, restarts (t back to 1) and base changes (cyclic momentum).
            t = if i % 97 == 0 {
                1
            } else {
                t + 1 + (i * 7919) % 1000
            };
            let base = BASES[(i % 11 % 8) as usize];
            assert_eq!(
                p.at(base, t).to_bits(),
                pow(base, t as f64).to_bits(),
                "{base}^{t}"
            );
        }
        assert_eq!(p.at(0.9, 0), 1.0);
        for base in BASES {
            // Both sides of ½ (1 − p exact above it; either neighbour of p often rounds
            // the same below it), and past 2⁻⁶⁰ where 1 − p is 1.
            let mut q = Powers::default();
            for t in 1..=60_000u64 {
                let torch = 1.0 - pow(base, t as f64);
                assert_eq!(
                    q.one_minus(base, t).to_bits(),
                    torch.to_bits(),
                    "1 - {base}^{t}"
                );
            }
        }
        assert_eq!(p.at(1.5, 3), 3.375);
        // `at` after `one_minus` stopped tracking a negligible base^t asks pow.
        let mut r = Powers::default();
        for t in 1..=200u64 {
            assert_eq!(
                r.one_minus(0.5, t).to_bits(),
                (1.0 - pow(0.5, t as f64)).to_bits()
            );
        }
        assert_eq!(r.at(0.5, 201).to_bits(), pow(0.5, 201.0).to_bits());
        assert_eq!(r.one_minus(0.5, 202), 1.0);
    }

    /// One xorshift64 step: random doubles with no dependency on a crate.
    fn next(s: &mut u64) {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
    }

    #[test]
    fn sqrt_is_pow_one_half_bit_for_bit() {
        let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut differs_from_sqrt = 0;
        for _ in 0..400_000 {
            next(&mut s);
            let x = f64::from_bits((1003 + (s >> 59) % 24) << 52 | (s & ((1 << 52) - 1)));
            assert_eq!(sqrt(x).to_bits(), pow(x, 0.5).to_bits(), "{x:e}");
            differs_from_sqrt += usize::from(pow(x, 0.5) != x.sqrt());
        }
        // The reason this module exists: plain sqrt is not torch's `** 0.5`.
        assert!(differs_from_sqrt > 0);
        // Far from 1 too, across both margins (|0.5·ln x| = 64 near 2.6e-56 and 3.9e55).
        for _ in 0..200_000 {
            next(&mut s);
            let x = f64::from_bits((823 + (s >> 55) % 400) << 52 | (s & ((1 << 52) - 1)));
            assert_eq!(sqrt(x).to_bits(), pow(x, 0.5).to_bits(), "{x:e}");
        }
        for x in [0.0, -0.0, 1.0, 4.0, f64::INFINITY, -1.0, 1e-310] {
            assert_eq!(sqrt(x).to_bits(), pow(x, 0.5).to_bits(), "{x:e}");
        }
    }
}
