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
//!
//! Sums and products are read in a loop, not by recursion, and a chain longer than
//! [`LONG_CHAIN`] terms (a generated file's 60,000-term sum) is grouped pairwise, so no tree is
//! deeper than about log₂ of its length and nothing that walks it (compiling, dropping) can run
//! out of stack. Pairwise summation's round-off is no worse than left to right.

use super::error::{ExprError, ExprErrorKind as K};
use super::functions::{self, FUNCTIONS, Func, VALUE_NAMES};
use super::lexer::{Tok, Token, lex};
use std::ops::Range;

/// Deepest nesting accepted; keeps recursion (here and when compiling) far from the stack's end.
pub const MAX_DEPTH: usize = 100;

/// Most tokens (numbers, names, operators, parentheses) an expression may have: its compiled
/// program addresses at most 65 536 values, and a longer formula is better generated as data.
pub const MAX_TOKENS: usize = 50_000;

/// Sums and products with more terms than this are grouped pairwise; shorter ones are read
/// left to right, exactly as written.
pub const LONG_CHAIN: usize = 64;

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
    if let Some(first_over) = tokens.get(MAX_TOKENS) {
        return Err(ExprError::new(
            K::TooLong {
                tokens: tokens.len(),
                max: MAX_TOKENS,
            },
            first_over.span.clone(),
            format!("the expression must end within {MAX_TOKENS} tokens, before here"),
        )
        .with_help("shorten it: a sum of up to about 10 000 terms fits"));
    }
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
        let first = self.term()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek().map(|t| &t.tok) {
                Some(Tok::Plus) => BinOp::Add,
                Some(Tok::Minus) => BinOp::Sub,
                _ => return Ok(chain(first, rest, BinOp::Add)),
            };
            self.pos += 1;
            rest.push((op, self.term()?));
        }
    }

    fn term(&mut self) -> Result<Expr, ExprError> {
        let first = self.unary()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek().map(|t| &t.tok) {
                Some(Tok::Star) => BinOp::Mul,
                Some(Tok::Slash) => BinOp::Div,
                _ => return Ok(chain(first, rest, BinOp::Mul)),
            };
            self.pos += 1;
            rest.push((op, self.unary()?));
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

/// `first op₁ t₁ op₂ t₂ …` where every op is `plus` or its inverse (`Add`/`Sub`, `Mul`/`Div`):
/// left to right when short, pairwise when long.
fn chain(first: Expr, rest: Vec<(BinOp, Expr)>, plus: BinOp) -> Expr {
    if rest.len() <= LONG_CHAIN {
        return rest
            .into_iter()
            .fold(first, |lhs, (op, rhs)| bin(op, lhs, rhs));
    }
    let mut items = Vec::with_capacity(rest.len() + 1);
    items.push((plus, first));
    items.extend(rest);
    pairwise(items, plus)
}

/// The chain `items` (the first op is `plus`) as a balanced tree: `a − b − c − d` is
/// `(a − b) − (c + d)`, `a / b * c` is `a / (b / c)`; recursion depth log₂ of the length.
fn pairwise(mut items: Vec<(BinOp, Expr)>, plus: BinOp) -> Expr {
    if items.len() <= 1 {
        // Never empty: `chain` passes more than LONG_CHAIN items and halves stay non-empty.
        return items.pop().map_or(
            Expr {
                node: Node::Num(f64::NAN),
                span: 0..0,
            },
            |(_, e)| e,
        );
    }
    let right = items.split_off(items.len() / 2);
    let op = right.first().map_or(plus, |(op, _)| *op);
    // Taking the right half out after `op` flips the sense of its terms when `op` inverts.
    let right = right
        .into_iter()
        .map(|(o, e)| (if op == plus { o } else { inverse(o) }, e))
        .collect();
    bin(op, pairwise(items, plus), pairwise(right, plus))
}

fn inverse(op: BinOp) -> BinOp {
    match op {
        BinOp::Add => BinOp::Sub,
        BinOp::Sub => BinOp::Add,
        BinOp::Mul => BinOp::Div,
        BinOp::Div => BinOp::Mul,
        BinOp::Pow => BinOp::Pow,
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
