//! Evaluating a tape at many points at once: each instruction runs over a block of points
//! before the next, so choosing the instruction costs once per block instead of once per
//! point, and the inner loops are plain arithmetic the compiler vectorizes. This is what brings
//! a field of an expression close to a built-in's (see `benches/expr.rs`).
//!
//! The block form uses single assignment: instruction k writes slot k + 2 (slots 0 and 1 are
//! x and y) and reads only lower slots, so each step borrows its operands and its destination
//! disjointly — no copies, no aliasing to stop vectorization. Gradients are kept as three
//! separate planes (value, ∂x, ∂y) for the same reason.

use super::dual::{Dual1, Scalar};
use super::ssa::{Post, SsaIns};
use super::tape::{Op, Tape, Val, step};
use crate::surface::Point;
use nalgebra::Vector2;

/// Points per block: enough to hide dispatch, few enough for a block's slots to stay in cache.
const LANES: usize = 64;
/// Longest single-assignment program evaluated by blocks; longer ones go point by point.
const MAX_SLOTS: usize = 48;

/// One slot per row, one point per column.
type Plane = [[f64; LANES]; MAX_SLOTS];

/// One thread's value and derivative planes, kept from call to call: a field or a batch calls
/// in with 64 points at a time, and zeroing fresh planes for each call (up to 3 × 48 × 64
/// doubles) cost more than evaluating the points (a third of an expression basins run). Stale
/// slots are harmless: every slot an instruction reads was written earlier in the same block
/// (single assignment), or is x, y (written per block) or their unit derivatives (set per call).
struct Planes {
    v: Plane,
    gx: Plane,
    gy: Plane,
}

thread_local! {
    static PLANES: std::cell::RefCell<Box<Planes>> = std::cell::RefCell::new(Box::new(Planes {
        v: [[0.0; LANES]; MAX_SLOTS],
        gx: [[0.0; LANES]; MAX_SLOTS],
        gy: [[0.0; LANES]; MAX_SLOTS],
    }));
}

/// Slots `a` and `b` (read) and `d` (written) of a plane, with a, b < d. A malformed
/// program (impossible from `from_tape`) reads slot 0 rather than panicking.
#[inline(always)]
fn operands(
    p: &mut Plane,
    d: usize,
    a: u16,
    b: u16,
) -> (&[f64; LANES], &[f64; LANES], &mut [f64; LANES]) {
    let (lo, hi) = p.split_at_mut(d);
    let pick = |lo: &[[f64; LANES]], s: u16| usize::from(s).min(lo.len().saturating_sub(1));
    let (ia, ib) = (pick(lo, a), pick(lo, b));
    (&lo[ia], &lo[ib], &mut hi[0])
}

impl Tape {
    /// `out[i]` = f(`points[i]`); `out` as long as `points`. No allocation.
    pub fn values_many(&self, points: &[Point], out: &mut [f64]) {
        match self.ssa.slots() {
            0..=MAX_SLOTS => PLANES.with_borrow_mut(|p| self.values_blocks(points, out, &mut p.v)),
            _ => {
                for (o, p) in out.iter_mut().zip(points) {
                    *o = self.eval(p.x, p.y);
                }
            }
        }
    }

    /// `out[i]` = ∇f(`points[i]`); `out` as long as `points`. No allocation.
    pub fn gradients_many(&self, points: &[Point], out: &mut [Vector2<f64>]) {
        match self.ssa.slots() {
            0..=MAX_SLOTS => PLANES.with_borrow_mut(|p| {
                let Planes { v, gx, gy } = &mut **p;
                self.gradient_blocks(points, out, [v, gx, gy]);
            }),
            _ => {
                for (o, p) in out.iter_mut().zip(points) {
                    let d: Dual1 = self.eval(Dual1::variable(p.x, 0), Dual1::variable(p.y, 1));
                    *o = Vector2::new(d.g[0], d.g[1]);
                }
            }
        }
    }

    /// `values_many` for a program of at most `MAX_SLOTS` slots.
    fn values_blocks(&self, points: &[Point], out: &mut [f64], v: &mut Plane) {
        for (ps, os) in points.chunks(LANES).zip(out.chunks_mut(LANES)) {
            for (l, p) in ps.iter().enumerate() {
                v[0][l] = p.x;
                v[1][l] = p.y;
            }
            for (k, si) in self.ssa.ins.iter().enumerate() {
                let i = &si.ins;
                let (a, b, d) = operands(v, k + 2, i.a, i.b);
                let c = i.c;
                // One loop per (instruction, post-operation) pair, so each stays branch-free.
                macro_rules! lanes {
                    (|$x:ident, $y:ident| $e:expr) => {
                        match si.post {
                            Post::None => each!(|$x, $y| $e),
                            Post::AddC(k) => each!(|$x, $y| $e + k),
                            Post::MulC(k) => each!(|$x, $y| $e * k),
                            Post::Neg => each!(|$x, $y| -($e)),
                            Post::Square => each!(|$x, $y| {
                                let t = $e;
                                t * t
                            }),
                            Post::AddCSquare(k) => each!(|$x, $y| {
                                let t = $e + k;
                                t * t
                            }),
                        }
                    };
                }
                macro_rules! each {
                    (|$x:ident, $y:ident| $e:expr) => {
                        for ((dl, &$x), &$y) in d.iter_mut().zip(a).zip(b) {
                            *dl = $e;
                        }
                    };
                }
                match i.op {
                    Op::Add => lanes!(|x, y| x + y),
                    Op::Sub => lanes!(|x, y| x - y),
                    Op::Mul => lanes!(|x, y| x * y),
                    Op::AddC => lanes!(|x, _y| x + c),
                    Op::MulC => lanes!(|x, _y| x * c),
                    Op::SubFromC => lanes!(|x, _y| c - x),
                    Op::Neg => lanes!(|x, _y| -x),
                    Op::Square => lanes!(|x, _y| x * x),
                    _ => each!(|x, y| si.post.apply(step(i, x, y))),
                }
            }
            for (l, o) in os.iter_mut().enumerate() {
                *o = match self.ssa.result {
                    Val::Reg(r) => v[usize::from(r)][l],
                    Val::Const(c) => c,
                };
            }
        }
    }

    /// `gradients_many` for a program of at most `MAX_SLOTS` slots.
    fn gradient_blocks(
        &self,
        points: &[Point],
        out: &mut [Vector2<f64>],
        [v, gx, gy]: [&mut Plane; 3],
    ) {
        // Value, ∂/∂x and ∂/∂y planes; x and y's own derivatives.
        (gx[0], gx[1]) = ([1.0; LANES], [0.0; LANES]);
        (gy[0], gy[1]) = ([0.0; LANES], [1.0; LANES]);
        for (ps, os) in points.chunks(LANES).zip(out.chunks_mut(LANES)) {
            for (l, p) in ps.iter().enumerate() {
                v[0][l] = p.x;
                v[1][l] = p.y;
            }
            for (k, si) in self.ssa.ins.iter().enumerate() {
                gradient_step(si, k + 2, v, gx, gy);
            }
            for (l, o) in os.iter_mut().enumerate() {
                *o = match self.ssa.result {
                    Val::Reg(r) => {
                        let r = usize::from(r);
                        if v[r][l].is_nan() {
                            // Undefined here: no gradient either.
                            Vector2::new(f64::NAN, f64::NAN)
                        } else {
                            Vector2::new(gx[r][l], gy[r][l])
                        }
                    }
                    Val::Const(_) => Vector2::zeros(),
                };
            }
        }
    }
}

/// Instruction `si` over a block, by its lane rules: slot `dest` of the value plane and of both
/// gradient planes (the operands are lower slots).
fn gradient_step(si: &SsaIns, dest: usize, v: &mut Plane, gx: &mut Plane, gy: &mut Plane) {
    let i = &si.ins;
    let (va, vb, vd) = operands(v, dest, i.a, i.b);
    let (xa, xb, xd) = operands(gx, dest, i.a, i.b);
    let (ya, yb, yd) = operands(gy, dest, i.a, i.b);
    let c = i.c;
    // The value rule and the derivative rule (the same for ∂x and ∂y) per lane, then
    // the post-operation by the chain rule; one loop per (instruction, post) pair.
    macro_rules! rule {
        (|$p:ident, $q:ident| $val:expr, |$da:ident, $db:ident| $der:expr) => {
            match si.post {
                Post::None => each!(|$p, $q| $val, |$da, $db| $der, |t, d| (t, d)),
                Post::AddC(k) => each!(|$p, $q| $val, |$da, $db| $der, |t, d| (t + k, d)),
                Post::MulC(k) => each!(|$p, $q| $val, |$da, $db| $der, |t, d| (t * k, d * k)),
                Post::Neg => each!(|$p, $q| $val, |$da, $db| $der, |t, d| (-t, -d)),
                Post::Square => each!(|$p, $q| $val, |$da, $db| $der, |t, d| (t * t, 2.0 * t * d)),
                Post::AddCSquare(k) => each!(|$p, $q| $val, |$da, $db| $der, |t, d| {
                    let u = t + k;
                    (u * u, 2.0 * u * d)
                }),
            }
        };
    }
    macro_rules! each {
        (|$p:ident, $q:ident| $val:expr, |$da:ident, $db:ident| $der:expr,
         |$t:ident, $d:ident| $post:expr) => {{
            for l in 0..LANES {
                let ($p, $q) = (va[l], vb[l]);
                let $t = $val;
                let ($da, $db) = (xa[l], xb[l]);
                let $d = $der;
                let (tv, dx) = $post;
                let ($da, $db) = (ya[l], yb[l]);
                let $d = $der;
                let (_, dy) = $post;
                (vd[l], xd[l], yd[l]) = (tv, dx, dy);
            }
        }};
    }
    match i.op {
        Op::Add => rule!(|p, q| p + q, |da, db| da + db),
        Op::Sub => rule!(|p, q| p - q, |da, db| da - db),
        Op::Mul => rule!(|p, q| p * q, |da, db| da * q + p * db),
        Op::AddC => rule!(|p, _q| p + c, |da, _db| da),
        Op::MulC => rule!(|p, _q| p * c, |da, _db| da * c),
        Op::SubFromC => rule!(|p, _q| c - p, |da, _db| -da),
        Op::Neg => rule!(|p, _q| -p, |da, _db| -da),
        Op::Square => rule!(|p, _q| p * p, |da, _db| 2.0 * p * da),
        _ => dual_lanes(si, [va, xa, ya], [vb, xb, yb], [vd, xd, yd]),
    }
}

/// An instruction without a lane rule (a quotient, a power, a function): each lane through
/// the point evaluator's `Dual1` step. Operands and destination as (value, ∂x, ∂y).
fn dual_lanes(
    si: &SsaIns,
    a: [&[f64; LANES]; 3],
    b: [&[f64; LANES]; 3],
    [vd, xd, yd]: [&mut [f64; LANES]; 3],
) {
    for l in 0..LANES {
        let a = Dual1 {
            v: a[0][l],
            g: [a[1][l], a[2][l]],
        };
        let b = Dual1 {
            v: b[0][l],
            g: [b[1][l], b[2][l]],
        };
        let r = si.post.apply(step(&si.ins, a, b));
        (vd[l], xd[l], yd[l]) = (r.v, r.g[0], r.g[1]);
    }
}
