//! Minimize f(x, y) = x + y on the unit circle g(x, y) = x² + y² − 1 = 0.
//!
//! The textbook Lagrange example. With the convention ∇f = λ∇g (L = f − λg): (1, 1) = λ(2x, 2y)
//! gives x = y = 1/(2λ), and x² + y² = 1 gives λ = ±√2/2. The constrained minimum is
//! (−√2/2, −√2/2) with f = −√2 and λ = −√2/2; the constrained maximum is (√2/2, √2/2) with
//! f = √2 and λ = √2/2. f itself has no critical point (∇f = (1, 1) everywhere).
//! Source: any calculus text, e.g. Stewart, Calculus, §14.8 "Lagrange Multipliers".

use crate::surface::scalar::Num;
use crate::surface::{Constraint, Point, Quadratic, Region, Surface};

#[derive(Debug, Clone)]
pub struct CircleLinear {
    constraints: [Constraint; 1],
}

impl Default for CircleLinear {
    fn default() -> Self {
        Self {
            constraints: [Constraint::equality("x² + y² − 1", Quadratic::circle(1.0))],
        }
    }
}

impl CircleLinear {
    /// f(x, y) over any number type.
    pub fn f<T: Num>(x: T, y: T) -> T {
        x + y
    }
}

impl Surface for CircleLinear {
    fn name(&self) -> &str {
        "circle-linear"
    }
    fn formula(&self) -> &str {
        "x + y  subject to  x² + y² − 1 = 0"
    }
    generic_formula!();
    fn view(&self) -> Region {
        Region::new(-1.6, 1.6, -1.6, 1.6)
    }
    fn start(&self) -> Point {
        Point::new(1.2, 0.4)
    }
    fn note(&self) -> Option<&str> {
        Some("constrained minimum (−√2/2, −√2/2) with ∇f = λ∇g, λ = −√2/2")
    }
    fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }
}
