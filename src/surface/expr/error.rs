//! Expression errors: what went wrong, where (a byte span in the expression), what was expected.

use crate::diagnostic::Diagnostic;
use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExprErrorKind {
    #[error("the expression is empty")]
    Empty,
    #[error("unexpected character {}", crate::diagnostic::show_char(*.0))]
    UnexpectedChar(char),
    #[error("malformed number '{0}'")]
    BadNumber(String),
    #[error("the number {0} is out of range for a 64-bit float")]
    NumberOutOfRange(String),
    #[error("unknown variable '{0}'")]
    UnknownVariable(String),
    #[error("unknown function '{0}'")]
    UnknownFunction(String),
    #[error("'{0}' is a function and needs parentheses")]
    FunctionWithoutCall(String),
    #[error("'{0}' is not a function")]
    NotAFunction(String),
    #[error("'{name}' takes {expected} argument{}, found {found}", if *.expected == 1 { "" } else { "s" })]
    WrongArity {
        name: String,
        expected: usize,
        found: usize,
    },
    #[error("unclosed '('")]
    UnclosedParen,
    #[error("unmatched ')'")]
    UnmatchedParen,
    #[error("unexpected {0}")]
    UnexpectedToken(String),
    #[error("unexpected end of the expression")]
    UnexpectedEnd,
    #[error("the expression nests too deeply (more than {0} levels)")]
    TooDeep(usize),
    #[error("the expression is too long: {tokens} tokens, at most {max}")]
    TooLong { tokens: usize, max: usize },
}

/// An error in an expression, with the byte span it refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    pub kind: ExprErrorKind,
    /// Byte range in the expression text.
    pub span: Range<usize>,
    /// What was expected there, shown under the caret.
    pub expected: String,
    /// A suggestion, e.g. the closest valid name.
    pub help: Option<String>,
}

impl ExprError {
    pub fn new(kind: ExprErrorKind, span: Range<usize>, expected: impl Into<String>) -> Self {
        Self {
            kind,
            span,
            expected: expected.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// This error as a snippet over the expression text itself (for `--expr`-style input).
    pub fn diagnostic(&self, origin: &str, text: &str) -> Diagnostic {
        self.diagnostic_at(origin, text, self.span.clone())
    }

    /// This error as a snippet over a larger `source` (e.g. a TOML file) where the problem lies
    /// at `span` (already translated from expression offsets into `source` offsets).
    pub fn diagnostic_at(&self, origin: &str, source: &str, span: Range<usize>) -> Diagnostic {
        let mut d = Diagnostic::new(origin, source, span, self.kind.to_string(), &self.expected);
        if let Some(h) = &self.help {
            d = d.with_help(h.clone());
        }
        d
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at offset {}: {}",
            self.kind, self.span.start, self.expected
        )?;
        if let Some(h) = &self.help {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExprError {}
