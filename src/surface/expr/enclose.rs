//! The tape evaluated over any [`Num`]: with `Hyper<Interval>` it encloses f, ∇f and ∇²f over a
//! box, for the certified critical-point search. The conventions are those of `math.rs`
//! (undefined points are left out of the enclosure and mark it `partial`; abs/min/max kinks
//! make the Hessian enclosure unbounded where the kink may lie).

use super::functions::Func;
use super::tape::{Ins, Op, Tape, Val};
use crate::surface::scalar::{Hyper, Interval, Num};

impl Tape {
    /// f(x, y) over any [`Num`] type.
    pub fn eval_num<T: Num>(&self, x: T, y: T) -> T {
        match self.registers {
            0..=8 => self.run_num::<T, 8>(x, y),
            9..=32 => self.run_num::<T, 32>(x, y),
            _ => self.run_num::<T, 128>(x, y),
        }
    }

    /// Enclosures of f, ∇f and ∇²f over the box x × y.
    pub fn enclose(&self, x: Interval, y: Interval) -> Hyper<Interval> {
        self.eval_num(Hyper::variable(x, 0), Hyper::variable(y, 1))
    }

    fn run_num<T: Num, const N: usize>(&self, x: T, y: T) -> T {
        if self.registers > N {
            // Unreachable with the parser's depth limit; kept so no input can panic.
            return T::cst(0.0).ln();
        }
        let mut r = [T::cst(0.0); N];
        r[0] = x;
        r[1] = y;
        for i in &self.ins {
            let a = r[usize::from(i.a)];
            let b = r[usize::from(i.b)];
            r[usize::from(i.dst)] = step(i, a, b);
        }
        match self.result {
            Val::Reg(k) => r[usize::from(k)],
            Val::Const(c) => T::cst(c),
        }
    }
}

fn step<T: Num>(i: &Ins, a: T, b: T) -> T {
    match i.op {
        Op::Const => T::cst(i.c),
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b,
        Op::Div => a / b,
        // exp(b·ln a), defined for a > 0 (ln's domain).
        Op::Pow => (b * a.ln()).exp(),
        Op::Min => a.min_value(b),
        Op::Max => a.max_value(b),
        Op::AddC => a + i.c,
        Op::MulC => a * i.c,
        Op::SubFromC => -a + i.c,
        Op::DivC => a / T::cst(i.c),
        Op::DivFromC => T::cst(i.c) / a,
        Op::Neg => -a,
        Op::Square => a.sqr(),
        Op::Powi => a.powi(i.c as i32),
        Op::Powf => a.powf(i.c),
        Op::Call(f) => call(f, a),
    }
}

fn call<T: Num>(f: Func, a: T) -> T {
    match f {
        Func::Sin => a.sin(),
        Func::Cos => a.cos(),
        Func::Tan => a.tan(),
        Func::Asin => a.asin(),
        Func::Acos => a.acos(),
        Func::Atan => a.atan(),
        Func::Sinh => a.sinh(),
        Func::Cosh => a.cosh(),
        Func::Tanh => a.tanh(),
        Func::Exp => a.exp(),
        Func::Ln => a.ln(),
        Func::Log => a.log10(),
        Func::Sqrt => a.sqrt(),
        Func::Abs => a.abs(),
        // Two-argument functions are compiled to their own instructions.
        Func::Min | Func::Max | Func::Pow => T::cst(0.0).ln(),
    }
}

#[cfg(test)]
mod tests {
    use crate::surface::expr::Expression;
    use crate::surface::scalar::Interval;

    /// The enclosure over a box holds the exact derivatives at points of the box.
    #[test]
    fn enclosures_hold_the_point_derivatives() {
        for text in [
            "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
            "sin(x)*exp(y) + sqrt(x^2 + 1) / (2 + cos(y))",
            "x^y + ln(x) * atan(y) - tanh(x*y)",
            "abs(x - y) + max(x, y^2) + x^1.5",
        ] {
            let e = Expression::parse(text).unwrap();
            let (bx, by) = (Interval::new(0.5, 0.75), Interval::new(0.25, 0.5));
            let enc = e.tape().enclose(bx, by);
            for (x, y) in [(0.5, 0.25), (0.6, 0.3), (0.75, 0.5), (0.7, 0.45)] {
                let d = e.second_order(x, y);
                assert!(enc.v.contains(d.v), "{text}: f");
                assert!(
                    enc.g[0].contains(d.g[0]) && enc.g[1].contains(d.g[1]),
                    "{text}"
                );
                for k in 0..3 {
                    assert!(
                        enc.h[k].contains(d.h[k]),
                        "{text}: h{k} {:?} {}",
                        enc.h[k],
                        d.h[k]
                    );
                }
            }
        }
    }

    #[test]
    fn undefined_parts_are_left_out_and_flagged() {
        let e = Expression::parse("ln(-1)").unwrap();
        let enc = e
            .tape()
            .enclose(Interval::new(-1.0, 1.0), Interval::new(-1.0, 1.0));
        assert!(enc.v.is_empty());
        let e = Expression::parse("sqrt(x)").unwrap();
        let enc = e
            .tape()
            .enclose(Interval::new(-1.0, 4.0), Interval::new(0.0, 1.0));
        assert!(enc.v.partial && enc.v.lo == 0.0 && enc.v.hi >= 2.0);
    }
}
