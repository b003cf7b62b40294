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

/// A snippet line longer than this many columns is shown as a window around the caret.
const MAX_SNIPPET: usize = 100;
/// Columns kept before the caret in a windowed snippet.
const BEFORE_CARET: usize = 40;

/// True for characters that would not show, or would act, on a terminal: controls (escape
/// codes, NUL), zero-width and direction marks, the BOM, and spaces other than ' '.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c,
            '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A character for a message: `'x'`, or `U+200B` when it would not show.
pub fn show_char(c: char) -> String {
    if is_invisible(c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

/// `s` with every invisible character written as `<U+XXXX>`, so a name or a line with an
/// escape code or a zero-width space prints as what it is and cannot drive the terminal.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(is_invisible) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("<U+{:04X}>", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The line as shown (invisible characters spelled out, wide characters two columns), with
/// the caret's column and width in that text; a long line is cut to a window around the
/// caret, marked with '…' where cut.
fn snippet(line: &str, column: usize, caret_len: usize) -> (String, usize, usize) {
    use unicode_width::UnicodeWidthChar;
    let mut shown = Vec::new(); // (text, columns)
    for c in line.chars() {
        if is_invisible(c) {
            let t = format!("<U+{:04X}>", u32::from(c));
            let w = t.len();
            shown.push((t, w));
        } else {
            shown.push((c.to_string(), c.width().unwrap_or(1)));
        }
    }
    let cols = |items: &[(String, usize)]| items.iter().map(|i| i.1).sum::<usize>();
    let at = (column - 1).min(shown.len());
    let caret_end = (at + caret_len).min(shown.len());
    let caret_col = cols(&shown[..at]);
    let caret_w = cols(&shown[at..caret_end]).max(1);
    if cols(&shown) <= MAX_SNIPPET {
        let text: String = shown.into_iter().map(|i| i.0).collect();
        return (text, caret_col, caret_w);
    }
    // Window: up to BEFORE_CARET columns before the caret, MAX_SNIPPET columns in all.
    let (mut first, mut before) = (at, 0);
    while first > 0 && before + shown[first - 1].1 <= BEFORE_CARET {
        first -= 1;
        before += shown[first].1;
    }
    let mut text = String::from(if first > 0 { "…" } else { "" });
    let caret_at = usize::from(first > 0) + before;
    let (mut last, mut width) = (first, 0);
    while last < shown.len() && width + shown[last].1 <= MAX_SNIPPET {
        text.push_str(&shown[last].0);
        width += shown[last].1;
        last += 1;
    }
    if last < shown.len() {
        text.push('…');
    }
    let caret_w = caret_w.min(width.saturating_sub(before).max(1));
    (text, caret_at, caret_w)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = self.line.to_string();
        let pad = " ".repeat(num.len());
        let (text, caret_col, caret_w) = snippet(&self.line_text, self.column, self.caret_len);
        writeln!(f, "error: {}", sanitize(&self.message))?;
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            sanitize(&self.origin),
            self.line,
            self.column
        )?;
        writeln!(f, "{pad} |")?;
        writeln!(f, "{num} | {text}")?;
        write!(
            f,
            "{pad} | {}{}",
            " ".repeat(caret_col),
            "^".repeat(caret_w)
        )?;
        if !self.expected.is_empty() {
            write!(f, " {}", sanitize(&self.expected))?;
        }
        if let Some(h) = &self.help {
            write!(f, "\n{pad} = help: {}", sanitize(h))?;
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

    #[test]
    fn invisible_characters_are_spelled_out_and_the_caret_follows() {
        assert_eq!(show_char('\u{200B}'), "U+200B");
        assert_eq!(show_char('x'), "'x'");
        assert_eq!(sanitize("a\u{1b}[2Jb\u{FEFF}"), "a<U+001B>[2Jb<U+FEFF>");
        // "x +<ZWSP> y": the caret under the spelled-out character, all of it.
        let src = "x +\u{200B} y";
        let d = Diagnostic::new("<expression>", src, 3..6, "unexpected character U+200B", "");
        let text = d.to_string();
        assert!(text.contains("1 | x +<U+200B> y"), "{text}");
        assert!(text.contains("  |    ^^^^^^^^"), "{text}");
        assert!(!text.contains('\u{200B}'));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_caret() {
        let src = format!("{}BAD{}", "a + ".repeat(5_000), " + b".repeat(5_000));
        let at = 20_000;
        let d = Diagnostic::new("f.toml", &src, at..at + 3, "bad", "here");
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[3].starts_with("1 | …") && lines[3].ends_with('…'),
            "{text}"
        );
        assert!(lines[3].chars().count() < 110, "{}", lines[3].len());
        // The caret is under "BAD".
        let snippet_col = lines[3].chars().position(|c| c == 'B').unwrap();
        let caret_col = lines[4].chars().position(|c| c == '^').unwrap();
        assert_eq!(snippet_col, caret_col, "{text}");
        assert!(lines[4].contains("^^^ here"), "{text}");
    }
}
