//! Recursive-descent parser: tokens → syntax tree, every node with its byte span.
//!
//! Grammar (usual precedence; `^` binds tighter than unary minus and is right-associative, so
//! `-x^2` is −(x²) and `2^-x` is 2^(−x)):
//!
//! ```text
//! expr    := term (('+' | '-') term)*
//! term    := unary (('*' | '/') unary)*
//! unary   := ('-' | '+') unary | power
//! power   := primary ('^' unary)?
//! primary := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
//! ```

use super::error::{ExprError, ExprErrorKind as K};
use super::functions::{self, FUNCTIONS, Func, VALUE_NAMES};
use super::lexer::{Tok, Token, lex};
use std::ops::Range;

/// Deepest nesting accepted; keeps recursion (here and when compiling) far from the stack's end.
pub const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Num(f64),
    X,
    Y,
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

/// A syntax-tree node and the byte range of the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub node: Node,
    pub span: Range<usize>,
}

/// Parses a whole expression.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let tokens = lex(src)?;
    if tokens.is_empty() {
        return Err(ExprError::new(
            K::Empty,
            0..src.len(),
            "expected an expression in x and y, e.g. x^2 + 3*y^2",
        ));
    }
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
        end: src.len(),
    };
    let e = p.expr()?;
    match p.peek() {
        None => Ok(e),
        Some(t) if t.tok == Tok::RParen => Err(ExprError::new(
            K::UnmatchedParen,
            t.span.clone(),
            "this ')' has no matching '('",
        )),
        Some(t) => Err(p.missing_operator(t.clone())),
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, tok: &Tok) -> Option<Range<usize>> {
        match self.peek() {
            Some(t) if &t.tok == tok => {
                let span = t.span.clone();
                self.pos += 1;
                Some(span)
            }
            _ => None,
        }
    }

    fn expr(&mut self) -> Result<Expr, ExprError> {
        let mut lhs = self.term()?;
        loop {
            let op = match self.peek().map(|t| &t.tok) {
                Some(Tok::Plus) => BinOp::Add,
                Some(Tok::Minus) => BinOp::Sub,
                _ => return Ok(lhs),
            };
            self.pos += 1;
            let rhs = self.term()?;
            lhs = bin(op, lhs, rhs);
        }
    }

    fn term(&mut self) -> Result<Expr, ExprError> {
        let mut lhs = self.unary()?;
        loop {
            let op = match self.peek().map(|t| &t.tok) {
                Some(Tok::Star) => BinOp::Mul,
                Some(Tok::Slash) => BinOp::Div,
                _ => return Ok(lhs),
            };
            self.pos += 1;
            let rhs = self.unary()?;
            lhs = bin(op, lhs, rhs);
        }
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.peek().map_or(self.end..self.end, |t| t.span.clone());
            return Err(ExprError::new(
                K::TooDeep(MAX_DEPTH),
                span,
                "simplify the expression here",
            ));
        }
        let result = if let Some(span) = self.eat(&Tok::Minus) {
            let inner = self.unary()?;
            let span = span.start..inner.span.end;
            Ok(Expr {
                node: Node::Neg(Box::new(inner)),
                span,
            })
        } else if self.eat(&Tok::Plus).is_some() {
            self.unary()
        } else {
            self.power()
        };
        self.depth -= 1;
        result
    }

    fn power(&mut self) -> Result<Expr, ExprError> {
        let base = self.primary()?;
        if self.eat(&Tok::Caret).is_some() {
            let exponent = self.unary()?;
            return Ok(bin(BinOp::Pow, base, exponent));
        }
        Ok(base)
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let Some(t) = self.peek().cloned() else {
            return Err(ExprError::new(
                K::UnexpectedEnd,
                self.end..self.end,
                "expected a number, x, y, a function call or '('",
            ));
        };
        self.pos += 1;
        match t.tok {
            Tok::Num(v) => Ok(Expr {
                node: Node::Num(v),
                span: t.span,
            }),
            Tok::LParen => {
                let inner = self.expr()?;
                match self.eat(&Tok::RParen) {
                    Some(close) => Ok(Expr {
                        node: inner.node,
                        span: t.span.start..close.end,
                    }),
                    None => Err(self.unclosed(t.span)),
                }
            }
            Tok::Ident(name) => self.name(name, t.span),
            Tok::RParen => Err(ExprError::new(
                K::UnmatchedParen,
                t.span,
                "expected a value before ')'",
            )),
            other => Err(ExprError::new(
                K::UnexpectedToken(other.describe()),
                t.span,
                "expected a number, x, y, a function call or '('",
            )),
        }
    }

    fn name(&mut self, name: String, span: Range<usize>) -> Result<Expr, ExprError> {
        let called = self.peek().is_some_and(|t| t.tok == Tok::LParen);
        if !called {
            let node = match name.as_str() {
                "x" => Node::X,
                "y" => Node::Y,
                "pi" | "π" => Node::Num(std::f64::consts::PI),
                "e" => Node::Num(std::f64::consts::E),
                _ if functions::lookup(&name).is_some() => {
                    return Err(ExprError::new(
                        K::FunctionWithoutCall(name.clone()),
                        span,
                        format!("expected '(' after it, e.g. {name}(x)"),
                    ));
                }
                _ => {
                    let err = ExprError::new(
                        K::UnknownVariable(name.clone()),
                        span,
                        "expected x, y, pi or e",
                    );
                    return Err(
                        match functions::closest(&name, VALUE_NAMES.iter().copied()) {
                            Some(c) => err.with_help(format!("did you mean '{c}'?")),
                            None => err,
                        },
                    );
                }
            };
            return Ok(Expr { node, span });
        }
        let Some((func, arity)) = functions::lookup(&name) else {
            let kind = if VALUE_NAMES.contains(&name.as_str()) {
                K::NotAFunction(name.clone())
            } else {
                K::UnknownFunction(name.clone())
            };
            let err = ExprError::new(kind, span, "expected a function name");
            let help = match functions::closest(&name, FUNCTIONS.iter().map(|f| f.0)) {
                Some(c) => format!(
                    "did you mean '{c}'? functions: {}",
                    functions::function_names()
                ),
                None if VALUE_NAMES.contains(&name.as_str()) => {
                    format!("multiplication needs '*': write {name}*(...)")
                }
                None => format!("functions: {}", functions::function_names()),
            };
            return Err(err.with_help(help));
        };
        let open = self.eat(&Tok::LParen).unwrap_or(span.clone());
        let mut args = Vec::new();
        if let Some(close) = self.eat(&Tok::RParen) {
            return Err(arity_error(&name, arity, 0, span.start..close.end));
        }
        loop {
            args.push(self.expr()?);
            if self.eat(&Tok::Comma).is_some() {
                continue;
            }
            match self.eat(&Tok::RParen) {
                Some(close) => {
                    let whole = span.start..close.end;
                    if args.len() != arity {
                        return Err(arity_error(&name, arity, args.len(), whole));
                    }
                    return Ok(Expr {
                        node: Node::Call(func, args),
                        span: whole,
                    });
                }
                None => return Err(self.unclosed(open)),
            }
        }
    }

    /// At a token where ')' (or an operator) was needed: report the '(' left open.
    fn unclosed(&self, open: Range<usize>) -> ExprError {
        match self.peek() {
            None => ExprError::new(
                K::UnclosedParen,
                open,
                "this '(' is never closed: expected ')' before the end",
            ),
            Some(t) => ExprError::new(
                K::UnexpectedToken(t.tok.describe()),
                t.span.clone(),
                "expected ')' or an operator",
            ),
        }
    }

    fn missing_operator(&self, t: Token) -> ExprError {
        let err = ExprError::new(
            K::UnexpectedToken(t.tok.describe()),
            t.span.clone(),
            "expected an operator (+ - * / ^) before it",
        );
        if matches!(t.tok, Tok::Num(_) | Tok::Ident(_) | Tok::LParen) {
            err.with_help("multiplication needs '*': write 2*x, not 2x")
        } else {
            err
        }
    }
}

fn bin(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    let span = lhs.span.start..rhs.span.end;
    Expr {
        node: Node::Bin(op, Box::new(lhs), Box::new(rhs)),
        span,
    }
}

fn arity_error(name: &str, expected: usize, found: usize, span: Range<usize>) -> ExprError {
    let example = if expected == 1 {
        format!("{name}(x)")
    } else {
        format!("{name}(x, y)")
    };
    ExprError::new(
        K::WrongArity {
            name: name.to_string(),
            expected,
            found,
        },
        span,
        format!("expected {example}"),
    )
}
