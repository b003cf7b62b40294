//! Adam and its relatives: Adam/AdamW, NAdam, RAdam, Adamax and LAMB.

use super::{Anatomy, StepInputs, Vec64, map2, scaled, term};

/// Adam and AdamW: the bias-corrected direction, and AdamW's decoupled decay.
pub(super) fn adam(s: &StepInputs, t: f64, decoupled: bool) -> Anatomy {
    let (lr, h) = (s.lr, |key: &str| s.hyper_f64(key));
    let (beta1, beta2, eps) = (h("beta1"), h("beta2"), h("eps"));
    let (bc1, bc2) = (1.0 - beta1.powf(t), 1.0 - beta2.powf(t));
    let v = if h("amsgrad") == 1.0 {
        "max_exp_avg_sq"
    } else {
        "exp_avg_sq"
    };
    let v = s.after_buffer(v);
    let m = s.after_buffer("exp_avg");
    let eff: Vec64 = v
        .iter()
        .map(|v| lr / (v.sqrt() / bc2.powf(0.5) + eps))
        .collect();
    let mut terms = vec![term("−lr·m̂/(√v̂+ε)", map2(&m, &eff, |m, e| -m / bc1 * e))];
    let wd = h("weight_decay");
    if decoupled && wd != 0.0 {
        terms.push(term("−lr·λ·x (decoupled decay)", scaled(s.x, -lr * wd)));
    }
    Anatomy {
        terms,
        effective_lr: Some(eff),
        scalars: vec![("bias_correction1", bc1), ("bias_correction2", bc2)],
    }
}

/// NAdam: the fresh gradient's and the momentum's parts, each with its own μ.
pub(super) fn nadam(s: &StepInputs, t: f64) -> Anatomy {
    let (lr, h) = (s.lr, |key: &str| s.hyper_f64(key));
    let (beta1, beta2, eps, psi) = (h("beta1"), h("beta2"), h("eps"), h("momentum_decay"));
    let wd = h("weight_decay");
    let mu = beta1 * (1.0 - 0.5 * 0.96f64.powf(t * psi));
    let mu_next = beta1 * (1.0 - 0.5 * 0.96f64.powf((t + 1.0) * psi));
    let prod = s.after.scalar("mu_product").unwrap_or(mu);
    let bc2 = 1.0 - beta2.powf(t);
    let v = s.after_buffer("exp_avg_sq");
    let m = s.after_buffer("exp_avg");
    let d: Vec64 = v.iter().map(|v| (v / bc2).sqrt() + eps).collect();
    let gw: Vec64 = map2(
        s.gradient,
        s.x,
        |g, x| if wd != 0.0 { g + wd * x } else { g },
    );
    let cg = -lr * (1.0 - mu) / (1.0 - prod);
    let cm = (-lr * mu_next) / (1.0 - prod * mu_next);
    Anatomy {
        terms: vec![
            term(
                "−lr·(1−μₜ)/(1−Π)·g/(√v̂+ε)",
                map2(&gw, &d, |g, d| cg * g / d),
            ),
            term(
                "−lr·μₜ₊₁/(1−Πμₜ₊₁)·m/(√v̂+ε)",
                map2(&m, &d, |m, d| cm * m / d),
            ),
        ],
        effective_lr: Some(d.iter().map(|d| lr / d).collect()),
        scalars: vec![("mu", mu), ("mu_next", mu_next), ("bias_correction2", bc2)],
    }
}

/// Adamax: the bias-corrected momentum over the infinity-norm estimate.
pub(super) fn adamax(s: &StepInputs, t: f64) -> Anatomy {
    let lr = s.lr;
    let bc1 = 1.0 - s.hyper_f64("beta1").powf(t);
    let m = s.after_buffer("exp_avg");
    let u = s.after_buffer("exp_inf");
    let eff: Vec64 = u.iter().map(|u| lr / u).collect();
    Anatomy {
        terms: vec![term("−lr·m̂/u", map2(&m, &u, |m, u| -(lr / bc1) * m / u))],
        effective_lr: Some(eff),
        scalars: vec![("bias_correction1", bc1)],
    }
}

/// RAdam: the rectified adaptive step once ρₜ > 5, plain momentum SGD on m̂ before.
pub(super) fn radam(s: &StepInputs, t: f64, beta1: f64, beta2: f64, eps: f64) -> Anatomy {
    let n = s.x.len();
    let m = s.after.buffer_or_zeros("exp_avg", n);
    let v = s.after.buffer_or_zeros("exp_avg_sq", n);
    let (bc1, bc2) = (1.0 - beta1.powf(t), 1.0 - beta2.powf(t));
    let rho_inf = 2.0 / (1.0 - beta2) - 1.0;
    let rho_t = rho_inf - 2.0 * t * beta2.powf(t) / bc2;
    let m_hat = scaled(&m, 1.0 / bc1);
    if rho_t > 5.0 {
        let rect = ((rho_t - 4.0) * (rho_t - 2.0) * rho_inf
            / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t))
            .powf(0.5);
        let eff: Vec64 = v
            .iter()
            .map(|v| s.lr * bc2.powf(0.5) / (v.sqrt() + eps))
            .collect();
        Anatomy {
            terms: vec![term(
                "−lr·r·m̂/(√v̂+ε)",
                map2(&m_hat, &eff, |m, e| -(m * e) * rect),
            )],
            effective_lr: Some(eff.iter().map(|e| e * rect).collect()),
            scalars: vec![("rho_t", rho_t), ("rectification", rect)],
        }
    } else {
        Anatomy {
            terms: vec![term("−lr·m̂ (ρₜ ≤ 5: not rectified)", scaled(&m_hat, -s.lr))],
            effective_lr: None,
            scalars: vec![("rho_t", rho_t)],
        }
    }
}

/// LAMB: the Adam direction plus weight decay, both scaled by the trust ratio |x|/|r|.
pub(super) fn lamb(s: &StepInputs, t: f64, beta1: f64, beta2: f64, eps: f64, wd: f64) -> Anatomy {
    let n = s.x.len();
    let m = s.after.buffer_or_zeros("exp_avg", n);
    let v = s.after.buffer_or_zeros("exp_avg_sq", n);
    let (bc1, bc2) = (1.0 - beta1.powf(t), 1.0 - beta2.powf(t));
    let adam = map2(&m, &v, |m, v| (m / bc1) / ((v / bc2).sqrt() + eps));
    let r = map2(&adam, s.x, |a, x| a + wd * x);
    let norm = |a: &[f64]| a.iter().map(|c| c * c).sum::<f64>().sqrt();
    let (xn, rn) = (norm(s.x), norm(&r));
    let trust = if xn == 0.0 || rn == 0.0 { 1.0 } else { xn / rn };
    let k = s.lr * trust;
    let mut terms = vec![term("−lr·trust·m̂/(√v̂+ε)", scaled(&adam, -k))];
    if wd != 0.0 {
        terms.push(term("−lr·trust·λ·x", scaled(s.x, -k * wd)));
    }
    Anatomy {
        terms,
        effective_lr: None,
        scalars: vec![("trust_ratio", trust)],
    }
}
