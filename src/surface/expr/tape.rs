//! An expression compiled to a flat register program ("tape"), evaluated without allocation.
//!
//! Registers 0 and 1 hold x and y; each instruction writes one register from one or two
//! others and an immediate constant. Constant subexpressions are folded at compile time and
//! constants fused into instructions (`x^2` → `Square`, `a*3` → `MulC`, `a - 11` → `AddC`), so
//! Himmelblau's function is 9 instructions. Registers are reused (a left operand's register
//! receives the result), so a program needs about as many registers as the expression is deep:
//! evaluation runs in a fixed-size array on the stack.

use super::dual::Scalar;
use super::functions::Func;
use super::math;
use super::parser::{BinOp, Expr, Node};
use super::ssa::Ssa;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Op {
    Const,
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Min,
    Max,
    /// a + c
    AddC,
    /// a · c
    MulC,
    /// c − a
    SubFromC,
    /// a / c
    DivC,
    /// c / a
    DivFromC,
    Neg,
    Square,
    /// a^n, n = c as an integer
    Powi,
    /// a^c
    Powf,
    Call(Func),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ins {
    pub(super) op: Op,
    pub(super) dst: u16,
    pub(super) a: u16,
    pub(super) b: u16,
    pub(super) c: f64,
}

/// Where a compiled subexpression's value is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Val {
    Reg(u16),
    Const(f64),
}

/// A compiled expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Tape {
    pub(super) ins: Vec<Ins>,
    pub(super) result: Val,
    pub(super) registers: usize,
    /// The same program in single-assignment form, for evaluating blocks of points.
    pub(super) ssa: Ssa,
}

impl Tape {
    pub fn compile(e: &Expr) -> Tape {
        let mut c = Compiler {
            ins: Vec::new(),
            registers: 2,
        };
        let result = c.node(e, 2);
        let ssa = Ssa::from_tape(&c.ins, result, c.registers);
        Tape {
            ins: c.ins,
            result,
            registers: c.registers,
            ssa,
        }
    }

    /// Number of instructions.
    pub fn len(&self) -> usize {
        self.ins.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ins.is_empty()
    }

    /// Number of passes a block evaluation makes (instructions after fusing follow-ups).
    pub fn block_len(&self) -> usize {
        self.ssa.ins.len()
    }

    /// f at (x, y), as any scalar type (f64, `Dual1`, `Dual2`).
    #[inline]
    pub fn eval<T: Scalar>(&self, x: T, y: T) -> T {
        // The fused single-assignment program makes fewer passes; it fits 8 slots for short
        // expressions such as Himmelblau's.
        if self.ssa.slots() <= 8 {
            return self.ssa.eval::<T, 8>(x, y);
        }
        match self.registers {
            0..=8 => self.run::<T, 8>(x, y),
            9..=32 => self.run::<T, 32>(x, y),
            _ => self.run::<T, 128>(x, y),
        }
    }

    #[inline(always)]
    fn run<T: Scalar, const N: usize>(&self, x: T, y: T) -> T {
        if self.registers > N {
            // Unreachable with the parser's depth limit; kept so no input can panic.
            return T::constant(f64::NAN);
        }
        let mut r = [T::constant(0.0); N];
        r[0] = x;
        r[1] = y;
        for i in &self.ins {
            let a = r[usize::from(i.a)];
            let b = r[usize::from(i.b)];
            r[usize::from(i.dst)] = step(i, a, b);
        }
        match self.result {
            Val::Reg(k) => r[usize::from(k)],
            Val::Const(c) => T::constant(c),
        }
    }
}

#[inline(always)]
pub(super) fn step<T: Scalar>(i: &Ins, a: T, b: T) -> T {
    match i.op {
        Op::Const => T::constant(i.c),
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b,
        Op::Div => math::div(a, b),
        Op::Pow => math::pow(a, b),
        Op::Min => math::min(a, b),
        Op::Max => math::max(a, b),
        Op::AddC => a.add_const(i.c),
        Op::MulC => a.scale(i.c),
        Op::SubFromC => (-a).add_const(i.c),
        Op::DivC => math::div(a, T::constant(i.c)),
        Op::DivFromC => math::div(T::constant(i.c), a),
        Op::Neg => -a,
        Op::Square => math::square(a),
        Op::Powi => math::powi(a, i.c as i32),
        Op::Powf => math::powf(a, i.c),
        Op::Call(f) => math::call(f, a),
    }
}

struct Compiler {
    ins: Vec<Ins>,
    registers: usize,
}

impl Compiler {
    fn emit(&mut self, op: Op, dst: u16, a: u16, b: u16, c: f64) -> Val {
        self.registers = self.registers.max(usize::from(dst) + 1);
        self.ins.push(Ins { op, dst, a, b, c });
        Val::Reg(dst)
    }

    /// A register holding `v` (a constant is loaded into `dst`).
    fn reg(&mut self, v: Val, dst: u16) -> u16 {
        match v {
            Val::Reg(r) => r,
            Val::Const(c) => {
                self.emit(Op::Const, dst, 0, 0, c);
                dst
            }
        }
    }

    /// Compiles `e` so its value ends up in `dst` (or in x's/y's register, or a constant),
    /// using only registers `dst` and above as scratch.
    fn node(&mut self, e: &Expr, dst: u16) -> Val {
        match &e.node {
            Node::Num(v) => Val::Const(*v),
            Node::X => Val::Reg(0),
            Node::Y => Val::Reg(1),
            Node::Neg(inner) => match self.node(inner, dst) {
                Val::Const(c) => Val::Const(-c),
                Val::Reg(r) => self.emit(Op::Neg, dst, r, 0, 0.0),
            },
            Node::Bin(op, l, r) => {
                let op = match op {
                    BinOp::Add => Op::Add,
                    BinOp::Sub => Op::Sub,
                    BinOp::Mul => Op::Mul,
                    BinOp::Div => Op::Div,
                    BinOp::Pow => Op::Pow,
                };
                self.binary(op, l, r, dst)
            }
            Node::Call(f, args) => match (f, args.as_slice()) {
                (Func::Min, [l, r]) => self.binary(Op::Min, l, r, dst),
                (Func::Max, [l, r]) => self.binary(Op::Max, l, r, dst),
                (Func::Pow, [l, r]) => self.binary(Op::Pow, l, r, dst),
                (f, [a]) => match self.node(a, dst) {
                    Val::Const(c) => Val::Const(math::call(*f, c)),
                    Val::Reg(r) => self.emit(Op::Call(*f), dst, r, 0, 0.0),
                },
                // The parser checks arity.
                _ => Val::Const(f64::NAN),
            },
        }
    }

    fn binary(&mut self, op: Op, l: &Expr, r: &Expr, dst: u16) -> Val {
        let lv = self.node(l, dst);
        let rdst = if lv == Val::Reg(dst) { dst + 1 } else { dst };
        let rv = self.node(r, rdst);
        match (lv, rv) {
            (Val::Const(a), Val::Const(b)) => Val::Const(fold(op, a, b)),
            (Val::Reg(a), Val::Const(c)) => match op {
                Op::Add => self.emit(Op::AddC, dst, a, 0, c),
                Op::Sub => self.emit(Op::AddC, dst, a, 0, -c),
                Op::Mul => self.emit(Op::MulC, dst, a, 0, c),
                Op::Div => self.emit(Op::DivC, dst, a, 0, c),
                Op::Pow if c == 2.0 => self.emit(Op::Square, dst, a, 0, 0.0),
                Op::Pow if c.fract() == 0.0 && c.abs() <= 1024.0 => {
                    self.emit(Op::Powi, dst, a, 0, c)
                }
                Op::Pow => self.emit(Op::Powf, dst, a, 0, c),
                _ => {
                    let b = self.reg(rv, rdst);
                    self.emit(op, dst, a, b, 0.0)
                }
            },
            (Val::Const(c), Val::Reg(b)) => match op {
                Op::Add => self.emit(Op::AddC, dst, b, 0, c),
                Op::Mul => self.emit(Op::MulC, dst, b, 0, c),
                Op::Sub => self.emit(Op::SubFromC, dst, b, 0, c),
                Op::Div => self.emit(Op::DivFromC, dst, b, 0, c),
                _ => {
                    // Load the constant above b's register so b is not overwritten.
                    let cdst = if b >= dst { b + 1 } else { dst };
                    let a = self.reg(lv, cdst);
                    self.emit(op, dst, a, b, 0.0)
                }
            },
            (Val::Reg(a), Val::Reg(b)) => self.emit(op, dst, a, b, 0.0),
        }
    }
}

/// A binary operation on two constants, with the same conventions as at run time.
fn fold(op: Op, a: f64, b: f64) -> f64 {
    if op == Op::Pow {
        // A constant exponent: (−1)^2 is 1, as in the `Powi` instruction.
        return if b.fract() == 0.0 && b.abs() <= 1024.0 {
            math::powi(a, b as i32)
        } else {
            math::powf(a, b)
        };
    }
    let i = Ins {
        op,
        dst: 0,
        a: 0,
        b: 0,
        c: 0.0,
    };
    step(&i, a, b)
}
