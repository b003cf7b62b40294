//! Surface values read from TOML fields (`[x, y]` points, `{ x = [..], y = [..] }` regions,
//! expressions with caret errors into the file). Kept here, not in `toml_doc`, so the TOML
//! reader knows nothing of surfaces.

use super::expr::{ExprError, Expression};
use super::{Point, Region};
use crate::diagnostic::Diagnostic;
use crate::toml_doc::Field;

/// Reading surface values from a TOML field.
pub trait TomlValues {
    /// `[x, y]`.
    fn point(&self) -> Result<Point, Box<Diagnostic>>;
    /// `{ x = [x0, x1], y = [y0, y1] }` with increasing ranges.
    fn region(&self) -> Result<Region, Box<Diagnostic>>;
    /// A string holding an expression in x and y; errors point into the file.
    fn expression(&self) -> Result<Expression, Box<Diagnostic>>;
    /// Maps an error in the expression `text` (this field's string) to the file.
    fn expression_error(&self, text: &str, e: &ExprError) -> Box<Diagnostic>;
}

impl TomlValues for Field<'_, '_> {
    /// `[x, y]`.
    fn point(&self) -> Result<Point, Box<Diagnostic>> {
        let (x, y) = self.pair("an array of two numbers, e.g. [1.5, -0.5]")?;
        Ok(Point::new(x, y))
    }

    /// `{ x = [x0, x1], y = [y0, y1] }` with increasing ranges.
    fn region(&self) -> Result<Region, Box<Diagnostic>> {
        let t = self.table()?;
        t.only_keys(&["x", "y"])?;
        let range = |axis: &str| -> Result<(f64, f64), Box<Diagnostic>> {
            let f = t.require(axis, &format!("{axis} = [-2.0, 2.0]"))?;
            let (a, b) = f.pair("an array of two numbers, e.g. [-2.0, 2.0]")?;
            if !(b - a).is_finite() {
                Err(f.invalid(
                    format!(
                        "the {axis} range [{a:e}, {b:e}] is too wide: its width overflows a \
                         64-bit float"
                    ),
                    "expected a range narrower than about 1.8e308, e.g. [-1e300, 1e300]",
                ))
            } else if a < b {
                Ok((a, b))
            } else {
                Err(f.invalid(
                    format!("the {axis} range must increase, found [{a}, {b}]"),
                    "expected [low, high] with low < high",
                ))
            }
        };
        let (x0, x1) = range("x")?;
        let (y0, y1) = range("y")?;
        Ok(Region::new(x0, x1, y0, y1))
    }

    /// A string holding an expression in x and y; errors point into the file.
    fn expression(&self) -> Result<Expression, Box<Diagnostic>> {
        let text = self.str()?;
        Expression::parse(text).map_err(|e| self.expression_error(text, &e))
    }

    /// Maps an error in the expression `text` (this field's string) to the file.
    fn expression_error(&self, text: &str, e: &ExprError) -> Box<Diagnostic> {
        let (span, exact) = self.inner_span(text, e.span.clone());
        let mut d = e.diagnostic_at(self.doc.origin(), self.doc.text(), span);
        if !exact {
            d.expected = format!(
                "{} (at character {} of the string)",
                d.expected,
                e.span.start + 1
            );
        }
        Box::new(d)
    }
}
