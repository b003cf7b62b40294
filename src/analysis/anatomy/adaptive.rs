//! Per-coordinate learning rates without momentum of their own: Adagrad, RMSprop, Adadelta.

use super::{Anatomy, StepInputs, Vec64, map2, scaled, term};

/// A step −eff∘(g + λ·x), split into its gradient and (coupled) weight-decay parts.
fn adaptive(g: &[f64], x: &[f64], wd: f64, eff: &[f64], gname: &str, wname: &str) -> Anatomy {
    let mut terms = vec![term(gname, map2(g, eff, |g, e| -e * g))];
    if wd != 0.0 {
        terms.push(term(wname, map2(x, eff, |x, e| -e * wd * x)));
    }
    Anatomy {
        terms,
        effective_lr: Some(eff.to_vec()),
        scalars: vec![],
    }
}

/// Adagrad: lr decayed by step, over the root of the summed squared gradients.
pub(super) fn adagrad(s: &StepInputs, t: f64) -> Anatomy {
    let clr = s.lr / (1.0 + (t - 1.0) * s.hyper_f64("lr_decay"));
    let sum = s.after_buffer("sum");
    let eps = s.hyper_f64("eps");
    let eff: Vec64 = sum.iter().map(|v| clr / (v.sqrt() + eps)).collect();
    let wd = s.hyper_f64("weight_decay");
    adaptive(
        s.gradient,
        s.x,
        wd,
        &eff,
        "−lr·g/(√sum+ε)",
        "−lr·λ·x/(√sum+ε)",
    )
    .with_scalar("clr", clr)
}

/// RMSprop, optionally centered, with its momentum buffer's part.
pub(super) fn rmsprop(s: &StepInputs) -> Anatomy {
    let lr = s.lr;
    let (eps, momentum) = (s.hyper_f64("eps"), s.hyper_f64("momentum"));
    let sq = s.after_buffer("square_avg");
    let avg = match s.after.buffer("grad_avg") {
        Some(ga) if s.hyper_f64("centered") == 1.0 => {
            map2(&sq, ga, |v, m| (v - m * m).sqrt() + eps)
        }
        _ => sq.iter().map(|v| v.sqrt() + eps).collect(),
    };
    let eff: Vec64 = avg.iter().map(|a| lr / a).collect();
    let wd = s.hyper_f64("weight_decay");
    let mut a = adaptive(s.gradient, s.x, wd, &eff, "−lr·g/(√v+ε)", "−lr·λ·x/(√v+ε)");
    if momentum > 0.0 {
        let old = s.before_buffer("momentum_buffer");
        a.terms
            .push(term("−lr·β·buffer", scaled(&old, -lr * momentum)));
    }
    a
}

/// Adadelta: the ratio of the accumulated update and gradient magnitudes.
pub(super) fn adadelta(s: &StepInputs) -> Anatomy {
    let (lr, eps) = (s.lr, s.hyper_f64("eps"));
    let sq = s.after_buffer("square_avg");
    let acc = s.before_buffer("acc_delta");
    let eff = map2(&acc, &sq, |a, v| lr * (a + eps).sqrt() / (v + eps).sqrt());
    adaptive(
        s.gradient,
        s.x,
        s.hyper_f64("weight_decay"),
        &eff,
        "−lr·√(Δ+ε)/√(v+ε)·g",
        "−lr·√(Δ+ε)/√(v+ε)·λ·x",
    )
}
