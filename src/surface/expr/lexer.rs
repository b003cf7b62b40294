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
            Tok::Num(_) => "a number".into(),
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
            let text = &src[i..end];
            let value: f64 = text.parse().map_err(|_| {
                ExprError::new(
                    ExprErrorKind::BadNumber(text.to_string()),
                    i..end,
                    "expected a number such as 2, 0.5, .5 or 1e-3",
                )
            })?;
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
}
