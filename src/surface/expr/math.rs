//! The operations of an expression, written once for every [`Scalar`] (value, gradient,
//! Hessian), with the conventions at kinks and where a function is undefined.
//!
//! Undefined points give NaN ("undefined" on the map; an optimizer stepping there stops):
//! division by zero, ln/log of x ≤ 0, sqrt of x < 0, asin/acos outside [−1, 1], a negative
//! base to a non-integer power, 0 to a negative power, and a base ≤ 0 to a variable power
//! (`x^y` is exp(y·ln x)).
//!
//! Kinks — these follow PyTorch's autograd, so a learner sees the same numbers:
//! - abs′(0) = 0 (the subgradient sign(0) = 0) and abs″ = 0 everywhere;
//! - min(a, b) and max(a, b) take the derivatives of the operand they select; where a = b
//!   they take the mean of both operands' derivatives (torch.minimum/maximum split the
//!   gradient evenly at a tie).

use super::dual::Scalar;
use super::functions::Func;

/// Undefined: the value and every derivative are NaN.
#[inline(always)]
fn nan<T: Scalar>() -> T {
    T::constant(f64::NAN).scale(f64::NAN)
}

#[inline(always)]
pub fn div<T: Scalar>(a: T, b: T) -> T {
    if b.re() == 0.0 { nan() } else { a / b }
}

/// a·a, the commonest power, without the general power's cost.
#[inline(always)]
pub fn square<T: Scalar>(a: T) -> T {
    a * a
}

/// aⁿ for an integer n.
#[inline(always)]
pub fn powi<T: Scalar>(a: T, n: i32) -> T {
    if n < 0 && a.re() == 0.0 {
        return nan();
    }
    let nf = f64::from(n);
    a.chain(
        |v| v.powi(n),
        |v| if n == 0 { 0.0 } else { nf * v.powi(n - 1) },
        |v| {
            if n == 0 || n == 1 {
                0.0
            } else {
                nf * (nf - 1.0) * v.powi(n - 2)
            }
        },
    )
}

/// aᶜ for a constant, non-integer c.
#[inline(always)]
pub fn powf<T: Scalar>(a: T, c: f64) -> T {
    let v = a.re();
    if v < 0.0 || (v == 0.0 && c < 0.0) {
        return nan();
    }
    a.chain(
        |v| v.powf(c),
        |v| c * v.powf(c - 1.0),
        |v| c * (c - 1.0) * v.powf(c - 2.0),
    )
}

/// aᵇ with a variable exponent: exp(b·ln a), defined for a > 0.
#[inline(always)]
pub fn pow<T: Scalar>(a: T, b: T) -> T {
    let base = a.re();
    if base.is_nan() || base <= 0.0 {
        return nan();
    }
    let ln_a = a.chain(f64::ln, |v| 1.0 / v, |v| -1.0 / (v * v));
    (b * ln_a).chain(f64::exp, f64::exp, f64::exp)
}

pub fn min<T: Scalar>(a: T, b: T) -> T {
    select(a, b, a.re() < b.re())
}

pub fn max<T: Scalar>(a: T, b: T) -> T {
    select(a, b, a.re() > b.re())
}

/// `a` if `take_a`, `b` if b is strictly on the other side, the mean at a tie.
#[inline(always)]
fn select<T: Scalar>(a: T, b: T, take_a: bool) -> T {
    let (va, vb) = (a.re(), b.re());
    if va.is_nan() || vb.is_nan() {
        nan()
    } else if take_a {
        a
    } else if va == vb {
        (a + b).scale(0.5)
    } else {
        b
    }
}

/// A function of one argument.
#[inline(always)]
pub fn call<T: Scalar>(f: Func, a: T) -> T {
    match f {
        Func::Sin => a.chain(f64::sin, f64::cos, |v| -v.sin()),
        Func::Cos => a.chain(f64::cos, |v| -v.sin(), |v| -v.cos()),
        Func::Tan => a.chain(
            f64::tan,
            |v| 1.0 + v.tan().powi(2),
            |v| {
                let t = v.tan();
                2.0 * t * (1.0 + t * t)
            },
        ),
        Func::Asin => a.chain(
            f64::asin,
            |v| 1.0 / (1.0 - v * v).sqrt(),
            |v| v / (1.0 - v * v).powf(1.5),
        ),
        Func::Acos => a.chain(
            f64::acos,
            |v| -1.0 / (1.0 - v * v).sqrt(),
            |v| -v / (1.0 - v * v).powf(1.5),
        ),
        Func::Atan => a.chain(
            f64::atan,
            |v| 1.0 / (1.0 + v * v),
            |v| -2.0 * v / (1.0 + v * v).powi(2),
        ),
        Func::Sinh => a.chain(f64::sinh, f64::cosh, f64::sinh),
        Func::Cosh => a.chain(f64::cosh, f64::sinh, f64::cosh),
        Func::Tanh => a.chain(
            f64::tanh,
            |v| 1.0 - v.tanh().powi(2),
            |v| {
                let t = v.tanh();
                -2.0 * t * (1.0 - t * t)
            },
        ),
        Func::Exp => a.chain(f64::exp, f64::exp, f64::exp),
        Func::Ln => a.chain(
            |v| if v > 0.0 { v.ln() } else { f64::NAN },
            |v| 1.0 / v,
            |v| -1.0 / (v * v),
        ),
        Func::Log => a.chain(
            |v| if v > 0.0 { v.log10() } else { f64::NAN },
            |v| 1.0 / (v * std::f64::consts::LN_10),
            |v| -1.0 / (v * v * std::f64::consts::LN_10),
        ),
        Func::Sqrt => a.chain(
            |v| if v >= 0.0 { v.sqrt() } else { f64::NAN },
            |v| 0.5 / v.sqrt(),
            |v| -0.25 / (v * v.sqrt()),
        ),
        Func::Abs => a.chain(f64::abs, <f64 as crate::surface::scalar::Num>::sign, |_| {
            0.0
        }),
        // Two-argument functions are compiled to their own instructions.
        Func::Min | Func::Max | Func::Pow => nan(),
    }
}
