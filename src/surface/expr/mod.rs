//! User expressions f(x, y): parsed once with spans (for caret errors), compiled to a flat
//! register program, and evaluated over `f64` (value), [`Dual1`] (gradient) and [`Dual2`]
//! (Hessian) — exact derivatives by forward-mode automatic differentiation, never finite
//! differences.
//!
//! Why our own parser rather than `exmex` or `num-dual`: error messages must point at the
//! offending character (exmex's parse errors carry no position), `abs`, `min` and `max` need a
//! documented derivative at their kinks (exmex cannot differentiate abs), and evaluation must
//! not allocate. num-dual's hyper-dual numbers would give the same derivatives but are generic
//! over n variables; a 2-variable second-order dual is a small struct here ([`Dual2`]), keeps the
//! Hessian in 3 numbers and lets the value-only path (drawing the map) run on plain `f64`.
//!
//! Conventions (as PyTorch's autograd): abs′(0) = 0; `min`/`max` at a tie take the mean of
//! both operands' derivatives. Undefined points — division by zero, ln/log of x ≤ 0, sqrt of
//! x < 0, asin/acos outside [−1, 1], a negative base to a non-integer power, 0 to a negative
//! power, a base ≤ 0 to a variable power — give NaN for the value and every derivative.

mod batch;
mod dual;
mod enclose;
mod error;
mod functions;
mod lexer;
mod math;
mod parser;
mod ssa;
mod surface;
mod tape;

pub use dual::{Dual1, Dual2, Scalar};
pub use error::{ExprError, ExprErrorKind};
pub use functions::{FUNCTIONS, Func, closest as closest_name};
pub use parser::{BinOp, Expr, MAX_DEPTH, MAX_TOKENS, Node};
pub use surface::{DEFAULT_VIEW, ExpressionSurface, default_start};
pub use tape::Tape;

use nalgebra::{Matrix2, Vector2};
use std::fmt;
use std::str::FromStr;

/// A parsed and compiled expression in x and y.
#[derive(Debug, Clone, PartialEq)]
pub struct Expression {
    text: String,
    tape: Tape,
}

impl Expression {
    /// Parses and compiles `text`; errors carry the byte span of the problem in `text`.
    pub fn parse(text: &str) -> Result<Self, ExprError> {
        let ast = parser::parse(text)?;
        Ok(Self {
            text: text.to_string(),
            tape: Tape::compile(&ast),
        })
    }

    /// The expression as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The compiled program.
    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    /// f(x, y); NaN where the expression is undefined.
    #[inline]
    pub fn value(&self, x: f64, y: f64) -> f64 {
        self.tape.eval(x, y)
    }

    /// ∇f(x, y).
    #[inline]
    pub fn gradient(&self, x: f64, y: f64) -> Vector2<f64> {
        let d: Dual1 = self.tape.eval(Dual1::variable(x, 0), Dual1::variable(y, 1));
        Vector2::new(d.g[0], d.g[1])
    }

    /// ∇²f(x, y).
    #[inline]
    pub fn hessian(&self, x: f64, y: f64) -> Matrix2<f64> {
        let d = self.second_order(x, y);
        Matrix2::new(d.h[0], d.h[1], d.h[1], d.h[2])
    }

    /// Value, gradient and Hessian in one pass.
    #[inline]
    pub fn second_order(&self, x: f64, y: f64) -> Dual2 {
        self.tape.eval(Dual2::variable(x, 0), Dual2::variable(y, 1))
    }
}

impl Expression {
    /// f at every point into `out` (as long as `points`); no allocation.
    pub fn values(&self, points: &[crate::surface::Point], out: &mut [f64]) {
        self.tape.values_many(points, out);
    }

    /// ∇f at every point into `out` (as long as `points`); no allocation.
    pub fn gradients(&self, points: &[crate::surface::Point], out: &mut [Vector2<f64>]) {
        self.tape.gradients_many(points, out);
    }
}

impl FromStr for Expression {
    type Err = ExprError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
