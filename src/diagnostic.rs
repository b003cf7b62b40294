//! Error snippets in the style of rustc: file, line and column, the offending line, a caret
//! under the problem and what was expected there.
//!
//! ```text
//! error: unknown function 'sqr'
//!  --> surfaces/bowl.toml:2:15
//!   |
//! 2 | expression = "sqr(x) + y"
//!   |               ^^^ expected a function name
//!   = help: did you mean 'sqrt'?
//! ```
//!
//! Written here rather than pulled in (ariadne, codespan) because one plain-text layout is all
//! we need, and it must stay free of colors so it reads the same in a pipe and in tests.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the text came from: a file path, or e.g. `<expression>`.
    pub origin: String,
    /// 1-based line and column (in characters) of the span's start.
    pub line: usize,
    pub column: usize,
    /// The whole line the span starts on.
    pub line_text: String,
    /// Width of the caret run, in characters (at least 1).
    pub caret_len: usize,
    pub message: String,
    pub expected: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic for `span` (byte offsets) in `source`. Spans past the end point just after
    /// the last character; spans across lines are cut at the end of their first line.
    pub fn new(
        origin: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let caret_len = source[start..end.min(line_end)].chars().count().max(1);
        Self {
            origin: origin.to_string(),
            line,
            column,
            line_text: line_text.replace('\t', " "),
            caret_len,
            message: message.into(),
            expected: expected.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = self.line.to_string();
        let pad = " ".repeat(num.len());
        writeln!(f, "error: {}", self.message)?;
        writeln!(f, "{pad}--> {}:{}:{}", self.origin, self.line, self.column)?;
        writeln!(f, "{pad} |")?;
        writeln!(f, "{num} | {}", self.line_text)?;
        write!(
            f,
            "{pad} | {}{}",
            " ".repeat(self.column - 1),
            "^".repeat(self.caret_len)
        )?;
        if !self.expected.is_empty() {
            write!(f, " {}", self.expected)?;
        }
        if let Some(h) = &self.help {
            write!(f, "\n{pad} = help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_line_and_column() {
        let src = "name = \"a\"\nexpression = \"sqr(x)\"\n";
        // "sqr" starts at byte 11 + 14 = 25 (line 2, column 15).
        let d = Diagnostic::new("f.toml", src, 25..28, "unknown function 'sqr'", "expected")
            .with_help("did you mean 'sqrt'?");
        assert_eq!((d.line, d.column, d.caret_len), (2, 15, 3));
        let text = d.to_string();
        assert_eq!(
            text,
            "error: unknown function 'sqr'\n --> f.toml:2:15\n  |\n2 | expression = \"sqr(x)\"\n  |               ^^^ expected\n  = help: did you mean 'sqrt'?"
        );
    }

    #[test]
    fn span_past_the_end_points_after_the_last_character() {
        let d = Diagnostic::new("<expression>", "(x + 1", 6..6, "unclosed '('", "");
        assert_eq!((d.line, d.column, d.caret_len), (1, 7, 1));
    }
}
