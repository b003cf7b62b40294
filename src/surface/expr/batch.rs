//! Evaluating a tape at many points at once: each instruction runs over a block of points
//! before the next, so the cost of choosing the instruction is paid once per block instead of
//! once per point, and the inner loops are plain arithmetic the compiler vectorizes. This is
//! what brings a field of an expression close to a built-in's (see `benches/expr.rs`).

use super::dual::Scalar;
use super::math;
use super::tape::{Op, Tape, Val, step};
use crate::surface::Point;

/// Points per block: large enough to hide dispatch, small enough for the registers of the
/// block to stay in the L1 cache.
const LANES: usize = 32;
/// Tapes needing more registers are evaluated point by point (only very deep expressions).
const MAX_REGISTERS: usize = 8;

impl Tape {
    /// `out[i]` = f at `points[i]`, for any scalar type; `out` must be as long as `points`
    /// (extra entries on either side are left alone). No allocation.
    pub fn eval_many<T: Scalar>(&self, points: &[Point], out: &mut [T]) {
        if self.registers > MAX_REGISTERS {
            for (o, p) in out.iter_mut().zip(points) {
                *o = self.eval(T::variable(p.x, 0), T::variable(p.y, 1));
            }
            return;
        }
        for (ps, os) in points.chunks(LANES).zip(out.chunks_mut(LANES)) {
            self.block(ps, os);
        }
    }

    #[inline(always)]
    fn block<T: Scalar>(&self, points: &[Point], out: &mut [T]) {
        let n = points.len().min(out.len());
        let mut r = [[T::constant(0.0); LANES]; MAX_REGISTERS];
        for (l, p) in points.iter().take(n).enumerate() {
            r[0][l] = T::variable(p.x, 0);
            r[1][l] = T::variable(p.y, 1);
        }
        for i in &self.ins {
            let a = r[usize::from(i.a)];
            let b = r[usize::from(i.b)];
            let d = &mut r[usize::from(i.dst)];
            let c = i.c;
            macro_rules! lanes {
                (|$a:ident, $b:ident| $e:expr) => {
                    for ((dl, $a), $b) in d.iter_mut().zip(a).zip(b) {
                        *dl = $e;
                    }
                };
            }
            match i.op {
                Op::Add => lanes!(|x, y| x + y),
                Op::Sub => lanes!(|x, y| x - y),
                Op::Mul => lanes!(|x, y| x * y),
                Op::AddC => lanes!(|x, _y| x.add_const(c)),
                Op::MulC => lanes!(|x, _y| x.scale(c)),
                Op::SubFromC => lanes!(|x, _y| (-x).add_const(c)),
                Op::Neg => lanes!(|x, _y| -x),
                Op::Square => lanes!(|x, _y| math::square(x)),
                _ => lanes!(|x, y| step(i, x, y)),
            }
        }
        for (l, o) in out.iter_mut().take(n).enumerate() {
            *o = match self.result {
                Val::Reg(k) => r[usize::from(k)][l],
                Val::Const(c) => T::constant(c),
            };
        }
    }
}
