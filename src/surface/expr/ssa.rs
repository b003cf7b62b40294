//! The tape in single-assignment form for block evaluation, with one-use follow-up operations
//! fused into the instruction before them.
//!
//! Instruction k writes slot k + 2 (slots 0 and 1 are x and y) and reads only lower slots.
//! A block evaluation is limited by moving whole blocks of values through the cache, so
//! `t = a + b; u = t - 11; v = u²` costs three passes where one would do: when an instruction's
//! result feeds only the next instruction and that one is `+ c`, `· c`, negation, a square or
//! `(· + c)²` — the shape of every least-squares term — it is applied in the same pass.

use super::dual::Scalar;
use super::tape::{Ins, Op, Val, step};

/// An operation applied to an instruction's result in the same pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Post {
    None,
    AddC(f64),
    MulC(f64),
    Neg,
    Square,
    /// (t + c)²
    AddCSquare(f64),
}

impl Post {
    /// The post-operation on any scalar, exactly as the unfused instructions compute it.
    #[inline(always)]
    pub(super) fn apply<T: Scalar>(self, t: T) -> T {
        match self {
            Post::None => t,
            Post::AddC(c) => t.add_const(c),
            Post::MulC(c) => t.scale(c),
            Post::Neg => -t,
            Post::Square => t * t,
            Post::AddCSquare(c) => {
                let u = t.add_const(c);
                u * u
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct SsaIns {
    pub(super) ins: Ins,
    pub(super) post: Post,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ssa {
    pub(super) ins: Vec<SsaIns>,
    pub(super) result: Val,
}

/// Whether `op` reads its `b` operand.
fn reads_b(op: Op) -> bool {
    matches!(
        op,
        Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow | Op::Min | Op::Max
    )
}

impl Ssa {
    /// Renames registers to single-assignment slots, then fuses follow-up operations.
    pub(super) fn from_tape(ins: &[Ins], result: Val, registers: usize) -> Ssa {
        // Registers 0 and 1 (x, y) start in slots 0 and 1; the others are written before read.
        let mut slot_of: Vec<u16> = (0..=u16::MAX).take(registers.max(2)).collect();
        let mut renamed = Vec::with_capacity(ins.len());
        for (k, i) in ins.iter().enumerate() {
            let fresh = u16::try_from(k + 2).unwrap_or(u16::MAX);
            let get = |r: u16| slot_of.get(usize::from(r)).copied().unwrap_or(0);
            renamed.push(Ins {
                dst: fresh,
                a: get(i.a),
                b: get(i.b),
                ..*i
            });
            if let Some(s) = slot_of.get_mut(usize::from(i.dst)) {
                *s = fresh;
            }
        }
        let result = match result {
            Val::Reg(r) => Val::Reg(slot_of.get(usize::from(r)).copied().unwrap_or(0)),
            c => c,
        };
        fuse(&renamed, result)
    }

    pub(super) fn slots(&self) -> usize {
        self.ins.len() + 2
    }

    /// f at one point, in an array of `N` slots (`N` ≥ `slots()`, else NaN).
    #[inline(always)]
    pub(super) fn eval<T: Scalar, const N: usize>(&self, x: T, y: T) -> T {
        if self.slots() > N {
            return T::constant(f64::NAN);
        }
        let mut r = [T::constant(0.0); N];
        r[0] = x;
        r[1] = y;
        for (k, si) in self.ins.iter().enumerate() {
            let i = &si.ins;
            let v = step(i, r[usize::from(i.a) % N], r[usize::from(i.b) % N]);
            r[(k + 2) % N] = si.post.apply(v);
        }
        match self.result {
            Val::Reg(k) => r[usize::from(k) % N],
            Val::Const(c) => T::constant(c),
        }
    }
}

fn fuse(ins: &[Ins], result: Val) -> Ssa {
    let n = ins.len();
    let mut uses = vec![0usize; n + 2];
    for i in ins {
        if i.op != Op::Const {
            uses[usize::from(i.a).min(n + 1)] += 1;
        }
        if reads_b(i.op) {
            uses[usize::from(i.b).min(n + 1)] += 1;
        }
    }
    if let Val::Reg(r) = result {
        uses[usize::from(r).min(n + 1)] += 1;
    }
    // Instruction j (slot j + 2) feeds only instruction j + 1, as its `a`.
    let feeds_next = |j: usize| j + 1 < n && uses[j + 2] == 1 && usize::from(ins[j + 1].a) == j + 2;
    let mut map: Vec<u16> = (0..=u16::MAX).take(n + 2).collect();
    let mut out = Vec::with_capacity(n);
    let mut k = 0;
    while k < n {
        let mut i = ins[k];
        i.a = map[usize::from(i.a).min(n + 1)];
        i.b = map[usize::from(i.b).min(n + 1)];
        let (post, absorbed) = if feeds_next(k) {
            let next = ins[k + 1];
            match next.op {
                Op::AddC if feeds_next(k + 1) && ins[k + 2].op == Op::Square => {
                    (Post::AddCSquare(next.c), 2)
                }
                Op::AddC => (Post::AddC(next.c), 1),
                Op::MulC => (Post::MulC(next.c), 1),
                Op::Neg => (Post::Neg, 1),
                Op::Square => (Post::Square, 1),
                _ => (Post::None, 0),
            }
        } else {
            (Post::None, 0)
        };
        let slot = u16::try_from(out.len() + 2).unwrap_or(u16::MAX);
        i.dst = slot;
        for m in &mut map[k + 2..=k + 2 + absorbed] {
            *m = slot;
        }
        out.push(SsaIns { ins: i, post });
        k += 1 + absorbed;
    }
    let result = match result {
        Val::Reg(r) => Val::Reg(map[usize::from(r).min(n + 1)]),
        c => c,
    };
    Ssa { ins: out, result }
}
