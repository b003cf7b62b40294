//! Tokens of an expression, each with its byte span in the source text.

use super::error::{ExprError, ExprErrorKind};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Num(f64),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    /// `^`, or `**` as Python writes it.
    Caret,
    LParen,
    RParen,
    Comma,
}

impl Tok {
    /// How the token reads in a message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Num(v) => format!("number {v}"),
            Tok::Ident(s) => format!("'{s}'"),
            Tok::Plus => "'+'".into(),
            Tok::Minus => "'-'".into(),
            Tok::Star => "'*'".into(),
            Tok::Slash => "'/'".into(),
            Tok::Caret => "'^'".into(),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::Comma => "','".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
}

/// Splits `src` into tokens. Numbers: `12`, `1.5`, `.5`, `2e-3`, `1.5E+4`.
pub fn lex(src: &str) -> Result<Vec<Token>, ExprError> {
    let mut out = Vec::new();
    let mut it = src.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        if c.is_whitespace() {
            it.next();
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let end = number_end(src, i);
            let value = number(src, i, end)?;
            while it.peek().is_some_and(|&(j, _)| j < end) {
                it.next();
            }
            out.push(Token {
                tok: Tok::Num(value),
                span: i..end,
            });
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut end = i;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() || d == '_' {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                tok: Tok::Ident(src[i..end].to_string()),
                span: i..end,
            });
            continue;
        }
        it.next();
        let single = |tok| Token {
            tok,
            span: i..i + c.len_utf8(),
        };
        let token = match c {
            '+' => single(Tok::Plus),
            '-' | '−' => single(Tok::Minus),
            '/' => single(Tok::Slash),
            '^' => single(Tok::Caret),
            '(' => single(Tok::LParen),
            ')' => single(Tok::RParen),
            ',' => single(Tok::Comma),
            '*' | '×' | '·' => {
                if c == '*' && it.peek().is_some_and(|&(_, d)| d == '*') {
                    it.next();
                    Token {
                        tok: Tok::Caret,
                        span: i..i + 2,
                    }
                } else {
                    single(Tok::Star)
                }
            }
            _ => {
                return Err(ExprError::new(
                    ExprErrorKind::UnexpectedChar(c),
                    i..i + c.len_utf8(),
                    "expected a number, x, y, a function, an operator (+ - * / ^) or a parenthesis",
                ));
            }
        };
        out.push(token);
    }
    Ok(out)
}

/// The number `src[start..end]`, or why it is not one: a second decimal point ("1.2.3"), a
/// lone dot, or a value beyond what a 64-bit float holds (1e400 is not ∞, 1e-400 is not 0).
fn number(src: &str, start: usize, end: usize) -> Result<f64, ExprError> {
    let b = src.as_bytes();
    if b.get(end) == Some(&b'.') {
        let mut bad_end = end;
        while bad_end < b.len() && (b[bad_end].is_ascii_digit() || b[bad_end] == b'.') {
            bad_end += 1;
        }
        return Err(ExprError::new(
            ExprErrorKind::BadNumber(src[start..bad_end].to_string()),
            start..bad_end,
            "a number has at most one decimal point, e.g. 1.25",
        ));
    }
    let text = &src[start..end];
    let bad = |kind, expected: &str| Err(ExprError::new(kind, start..end, expected));
    match text.parse::<f64>() {
        Err(_) => bad(
            ExprErrorKind::BadNumber(text.to_string()),
            "expected a number such as 2, 0.5, .5 or 1e-3",
        ),
        Ok(v) if v.is_infinite() => bad(
            ExprErrorKind::NumberOutOfRange(text.to_string()),
            "expected a magnitude below about 1.8e308, the largest 64-bit float",
        ),
        Ok(v) if v == 0.0 && !mantissa_is_zero(text) => bad(
            ExprErrorKind::NumberOutOfRange(text.to_string()),
            "expected a magnitude above about 5e-324, the smallest 64-bit float (or write 0)",
        ),
        Ok(v) => Ok(v),
    }
}

/// True when the digits before any exponent are all zero ("0.00e5").
fn mantissa_is_zero(text: &str) -> bool {
    text.split(['e', 'E'])
        .next()
        .is_none_or(|m| m.bytes().all(|d| d == b'0' || d == b'.'))
}

/// End of the number starting at `start`: digits, an optional fraction, an optional exponent
/// (only taken when digits follow the `e`, so `2e` is the number 2 then the name `e`).
fn number_end(src: &str, start: usize) -> usize {
    let b = src.as_bytes();
    let mut i = start;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_with_exponents() {
        assert_eq!(toks("1.5e-3"), vec![Tok::Num(1.5e-3)]);
        assert_eq!(toks(".5E+2"), vec![Tok::Num(50.0)]);
        // `2e` is 2 followed by the constant e (the parser then asks for an operator).
        assert_eq!(toks("2e"), vec![Tok::Num(2.0), Tok::Ident("e".into())]);
    }

    #[test]
    fn double_star_is_power() {
        assert_eq!(
            toks("x**2"),
            vec![Tok::Ident("x".into()), Tok::Caret, Tok::Num(2.0)]
        );
    }

    #[test]
    fn spans_are_byte_ranges() {
        let t = lex("  sin(x)").unwrap();
        assert_eq!(t[0].span, 2..5);
        assert_eq!(t[1].span, 5..6);
    }

    #[test]
    fn lone_dot_is_a_bad_number() {
        let e = lex("x + .").unwrap_err();
        assert_eq!(e.span, 4..5);
    }

    #[test]
    fn a_second_decimal_point_is_a_bad_number_not_a_missing_operator() {
        let e = lex("1.2.3 + x").unwrap_err();
        assert_eq!(e.kind, ExprErrorKind::BadNumber("1.2.3".into()));
        assert_eq!(e.span, 0..5);
        assert!(e.expected.contains("one decimal point"), "{}", e.expected);
    }

    #[test]
    fn numbers_beyond_a_float_are_refused_not_turned_into_inf_or_zero() {
        let e = lex("x * 1e400").unwrap_err();
        assert_eq!(e.kind, ExprErrorKind::NumberOutOfRange("1e400".into()));
        assert_eq!(e.span, 4..9);
        let e = lex("2.5e-400").unwrap_err();
        assert_eq!(e.kind, ExprErrorKind::NumberOutOfRange("2.5e-400".into()));
        // Zero written small is still zero; the largest float is fine.
        assert_eq!(toks("0.0e-999"), vec![Tok::Num(0.0)]);
        assert_eq!(toks("1.7e308"), vec![Tok::Num(1.7e308)]);
    }
}
