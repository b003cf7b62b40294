//! Momentum methods: SGD with (Nesterov) momentum and dampening, and Lion's signed momentum.

use super::{Anatomy, StepInputs, plain, scaled, term};
use crate::surface::scalar::Num;

/// SGD, momentum and Nesterov: the fresh gradient, coupled weight decay and the buffer's part.
pub(super) fn sgd(s: &StepInputs) -> Anatomy {
    let (lr, g, x) = (s.lr, s.gradient, s.x);
    let (momentum, dampening) = (s.hyper_f64("momentum"), s.hyper_f64("dampening"));
    let wd = s.hyper_f64("weight_decay");
    let nesterov = s.hyper.get("nesterov").and_then(|v| v.as_f64()) == Some(1.0);
    let mut terms = vec![];
    let old = s.before.buffer("momentum_buffer");
    // torch's buffer starts as a copy of the first gradient (no dampening).
    let first = momentum == 0.0 || old.is_none() || s.number == 1;
    // The fresh gradient's share of the step: all of it, or (1 − τ) into the buffer.
    let share = if first || nesterov {
        1.0
    } else {
        1.0 - dampening
    };
    let gname = if share == 1.0 {
        "−lr·g"
    } else {
        "−lr·(1−τ)·g"
    };
    terms.push(term(gname, scaled(g, -lr * share)));
    if wd != 0.0 {
        let name = if share == 1.0 {
            "−lr·λ·x"
        } else {
            "−lr·(1−τ)·λ·x"
        };
        terms.push(term(name, scaled(x, -lr * share * wd)));
    }
    if momentum != 0.0 && nesterov {
        let b = s.after_buffer("momentum_buffer");
        terms.push(term(
            "−lr·β·buffer (look-ahead)",
            scaled(&b, -lr * momentum),
        ));
    } else if let (false, Some(b)) = (first, old) {
        terms.push(term("−lr·β·buffer", scaled(b, -lr * momentum)));
    }
    plain(terms)
}

/// Lion: −lr·sign of the interpolated momentum, plus decoupled weight decay.
pub(super) fn lion(s: &StepInputs) -> Anatomy {
    let (lr, g, x) = (s.lr, s.gradient, s.x);
    let (beta1, wd) = (s.hyper_f64("beta1"), s.hyper_f64("weight_decay"));
    let m = s.before_buffer("exp_avg");
    let c = super::map2(&m, g, |m, g| m * beta1 + g * (1.0 - beta1));
    let update = c.iter().map(|&c| -lr * Num::sign(c)).collect();
    let mut terms = vec![term("−lr·sign(β₁m+(1−β₁)g)", update)];
    if wd != 0.0 {
        terms.push(term("−lr·λ·x (decoupled decay)", scaled(x, -lr * wd)));
    }
    plain(terms)
}
