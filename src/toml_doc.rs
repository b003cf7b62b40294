//! Reading TOML documents with a span for every key and value, so each mistake in a surface
//! file or lesson becomes a [`Diagnostic`] with a caret under it.
//!
//! serde's derive would report a missing key or a wrong type at the enclosing table at best;
//! walking `toml::de::DeTable` by hand lets every message say exactly where and what.

use crate::diagnostic::{Diagnostic, is_invisible, show_char};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A parsed TOML document and where it came from.
pub struct Doc<'a> {
    origin: String,
    text: &'a str,
    root: Spanned<DeTable<'a>>,
}

impl<'a> Doc<'a> {
    /// Parses `text`; `origin` (a path) names the document in messages.
    pub fn parse(origin: &str, text: &'a str) -> Result<Self, Box<Diagnostic>> {
        match DeTable::parse(text) {
            Ok(root) => Ok(Self {
                origin: origin.to_string(),
                text,
                root,
            }),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                Err(Box::new(Diagnostic::new(
                    origin,
                    text,
                    span,
                    "invalid TOML",
                    e.message().trim(),
                )))
            }
        }
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn root(&self) -> Table<'_, 'a> {
        Table {
            doc: self,
            table: self.root.get_ref(),
            span: self.root.span(),
        }
    }

    /// A diagnostic at `span` of this document.
    pub fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        expected: &str,
    ) -> Box<Diagnostic> {
        Box::new(Diagnostic::new(
            &self.origin,
            self.text,
            span,
            message,
            expected,
        ))
    }
}

/// A table of a document (the root, an inline table or an array-of-tables entry).
#[derive(Clone)]
pub struct Table<'d, 'a> {
    doc: &'d Doc<'a>,
    table: &'d DeTable<'a>,
    span: Range<usize>,
}

/// A value and the span of its key.
#[derive(Clone, Copy)]
pub struct Field<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub key: &'d str,
    pub key_span: (usize, usize),
    pub value: &'d Spanned<DeValue<'a>>,
}

impl<'d, 'a> Table<'d, 'a> {
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    pub fn get(&self, key: &str) -> Option<Field<'d, 'a>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(k, v)| Field {
                doc: self.doc,
                key: k.get_ref().as_ref(),
                key_span: (k.span().start, k.span().end),
                value: v,
            })
    }

    /// The key, or an error at the table saying it is missing and what it should hold.
    pub fn require(&self, key: &str, example: &str) -> Result<Field<'d, 'a>, Box<Diagnostic>> {
        self.get(key).ok_or_else(|| {
            // Point at the table's first key (for the root: the first line that has one).
            let at = self
                .table
                .iter()
                .map(|(k, _)| k.span())
                .min_by_key(|s| s.start)
                .unwrap_or(self.span.start..self.span.start);
            self.doc.error(
                at,
                format!("missing key '{key}'"),
                &format!("expected this table to have `{example}`"),
            )
        })
    }

    /// Errors on the first key not in `allowed`, suggesting the closest allowed one.
    pub fn only_keys(&self, allowed: &[&str]) -> Result<(), Box<Diagnostic>> {
        for (k, _) in self.table.iter() {
            let name = k.get_ref().as_ref();
            if !allowed.contains(&name) {
                let mut d = self.doc.error(
                    k.span(),
                    format!("unknown key '{name}'"),
                    &format!("expected one of: {}", allowed.join(", ")),
                );
                if let Some(c) = crate::surface::expr::closest_name(name, allowed.iter().copied()) {
                    d.help = Some(format!("did you mean '{c}'?"));
                }
                return Err(d);
            }
        }
        Ok(())
    }

    pub fn fields(&self) -> impl Iterator<Item = Field<'d, 'a>> + '_ {
        self.table.iter().map(|(k, v)| Field {
            doc: self.doc,
            key: k.get_ref().as_ref(),
            key_span: (k.span().start, k.span().end),
            value: v,
        })
    }
}

/// How a TOML value's type reads in a message.
fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'d, 'a> Field<'d, 'a> {
    pub fn span(&self) -> Range<usize> {
        self.value.span()
    }

    pub fn key_span(&self) -> Range<usize> {
        self.key_span.0..self.key_span.1
    }

    /// A "wrong type" error at this value.
    pub fn wrong_type(&self, expected: &str) -> Box<Diagnostic> {
        self.doc.error(
            self.span(),
            format!(
                "wrong type for '{}': found {}",
                self.key,
                type_name(self.value.get_ref())
            ),
            &format!("expected {expected}"),
        )
    }

    /// An error at this value.
    pub fn invalid(&self, message: impl Into<String>, expected: &str) -> Box<Diagnostic> {
        self.doc.error(self.span(), message, expected)
    }

    /// A string without invisible characters (escape codes, NUL, zero-width spaces, a BOM):
    /// names and captions go to the screen as they are, and an expression with a zero-width
    /// space would read as correct. Line breaks and tabs are fine.
    pub fn str(&self) -> Result<&'d str, Box<Diagnostic>> {
        let DeValue::String(s) = self.value.get_ref() else {
            return Err(self.wrong_type("a string in quotes"));
        };
        let s: &'d str = s.as_ref();
        let hidden = s
            .char_indices()
            .find(|&(_, c)| is_invisible(c) && !matches!(c, '\n' | '\r' | '\t'));
        match hidden {
            None => Ok(s),
            Some((i, c)) => Err(self.string_error(
                s,
                i..i + c.len_utf8(),
                format!(
                    "'{}' contains {}, an invisible character",
                    self.key,
                    show_char(c)
                ),
                "remove it: this text is shown as it is",
            )),
        }
    }

    pub fn bool(&self) -> Result<bool, Box<Diagnostic>> {
        match self.value.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            _ => Err(self.wrong_type("true or false")),
        }
    }

    /// A finite number (integer or float).
    pub fn number(&self) -> Result<f64, Box<Diagnostic>> {
        self.finite("a finite number, e.g. 1.5")
    }

    /// This value as a finite number: a string or table is the wrong type, but `nan`, `inf`
    /// and a literal too large for a float (1e400) are numbers, and are named as such.
    fn finite(&self, expected: &str) -> Result<f64, Box<Diagnostic>> {
        let Some(v) = number(self.value.get_ref()) else {
            return Err(self.wrong_type(expected));
        };
        if v.is_finite() {
            return Ok(v);
        }
        let text = match self.value.get_ref() {
            DeValue::Float(f) => f.as_str().to_string(),
            _ => v.to_string(),
        };
        let special = text.trim_start_matches(['+', '-']);
        let message = if special == "nan" || special == "inf" {
            format!("'{}' must be a finite number, found {text}", self.key)
        } else {
            format!("the number {text} is out of range for a 64-bit float")
        };
        Err(self.invalid(message, &format!("expected {expected}")))
    }

    /// A non-negative integer.
    pub fn count(&self) -> Result<u64, Box<Diagnostic>> {
        match self.value.get_ref() {
            DeValue::Integer(i) => u64::from_str_radix(i.as_str(), i.radix()).map_err(|_| {
                let text = i.as_str();
                let message = if text.starts_with('-') {
                    format!("'{}' cannot be negative, found {text}", self.key)
                } else {
                    format!("'{}' = {text} is too large", self.key)
                };
                self.invalid(message, "expected a whole number ≥ 0, e.g. 50")
            }),
            _ => Err(self.wrong_type("a whole number ≥ 0, e.g. 50")),
        }
    }

    pub fn table(&self) -> Result<Table<'d, 'a>, Box<Diagnostic>> {
        match self.value.get_ref() {
            DeValue::Table(t) => Ok(Table {
                doc: self.doc,
                table: t,
                span: self.span(),
            }),
            _ => Err(self.wrong_type("a table, e.g. { x = [-2.0, 2.0], y = [-1.0, 3.0] }")),
        }
    }

    /// The array's items as fields that share this key (for messages).
    pub fn array(&self, expected: &str) -> Result<Vec<Field<'d, 'a>>, Box<Diagnostic>> {
        match self.value.get_ref() {
            DeValue::Array(items) => Ok(items
                .iter()
                .map(|v| Field {
                    doc: self.doc,
                    key: self.key,
                    key_span: self.key_span,
                    value: v,
                })
                .collect()),
            _ => Err(self.wrong_type(expected)),
        }
    }

    /// `[a, b]` with two finite numbers.
    pub fn pair(&self, expected: &str) -> Result<(f64, f64), Box<Diagnostic>> {
        let items = self.array(expected)?;
        match items.as_slice() {
            [a, b] => Ok((a.finite(expected)?, b.finite(expected)?)),
            _ => Err(self.invalid(
                format!(
                    "'{}' needs exactly 2 numbers, found {}",
                    self.key,
                    items.len()
                ),
                &format!("expected {expected}"),
            )),
        }
    }

    /// An error about part `range` (byte offsets) of this field's string value `text`.
    pub fn string_error(
        &self,
        text: &str,
        range: Range<usize>,
        message: impl Into<String>,
        expected: &str,
    ) -> Box<Diagnostic> {
        let (span, exact) = self.inner_span(text, range.clone());
        let mut d = Diagnostic::new(&self.doc.origin, self.doc.text, span, message, expected);
        if !exact {
            d.expected = format!(
                "{} (at character {} of the string)",
                d.expected,
                range.start + 1
            );
        }
        Box::new(d)
    }

    /// Where bytes `range` of the string value `text` are in the file. The string usually
    /// appears verbatim between its quotes; if it has escapes, the whole value's span is
    /// returned with `false`.
    pub fn inner_span(&self, text: &str, range: Range<usize>) -> (Range<usize>, bool) {
        let span = self.span();
        let raw = self.doc.text.get(span.clone()).unwrap_or("");
        let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3
        } else {
            1
        };
        let mut inner_start = span.start + quote;
        let after_quote = self.doc.text.get(inner_start..).unwrap_or("");
        if quote == 3 {
            inner_start += if after_quote.starts_with("\r\n") {
                2
            } else {
                usize::from(after_quote.starts_with('\n'))
            };
        }
        let verbatim = self.doc.text.get(inner_start..inner_start + text.len()) == Some(text);
        if verbatim {
            (inner_start + range.start..inner_start + range.end, true)
        } else {
            (span, false)
        }
    }
}

fn number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        _ => None,
    }
}
