//! The anatomy of a step: the update an optimizer made, split into named terms whose vectors
//! add up to the step it took.
//!
//! Computed from what torch would let a user print — the hyperparameters, the learning rate,
//! the point and gradient before the step and `optimizer.state[p]` before and after — with
//! torch's formulas written out term by term, so the decomposition is checked, not assumed:
//! the terms must sum to x_after − x_before to round-off (tests/suite/explain.rs, 1e-12).

use crate::optim::Hyper;

/// One state entry, as torch's `Optimizer.state[p]` holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum StateEntry {
    Scalar(f64),
    Buffer(Vec<f64>),
}

/// An optimizer's state by torch's names, in torch's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepState(pub Vec<(&'static str, StateEntry)>);

impl StepState {
    pub fn buffer(&self, name: &str) -> Option<&[f64]> {
        self.0.iter().find_map(|(n, e)| match e {
            StateEntry::Buffer(b) if *n == name => Some(b.as_slice()),
            _ => None,
        })
    }

    /// Buffer `name`, or `n` zeros where the optimizer has none yet (torch's lazy state).
    pub fn buffer_or_zeros(&self, name: &str, n: usize) -> Vec<f64> {
        self.buffer(name)
            .map_or_else(|| vec![0.0; n], <[f64]>::to_vec)
    }

    pub fn scalar(&self, name: &str) -> Option<f64> {
        self.0.iter().find_map(|(n, e)| match e {
            StateEntry::Scalar(s) if *n == name => Some(*s),
            _ => None,
        })
    }
}

/// One named part of a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub name: String,
    pub vector: Vec<f64>,
}

/// A step split into terms, with the per-coordinate learning rate of adaptive methods.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Anatomy {
    pub terms: Vec<Term>,
    /// For adaptive methods: the factor each coordinate's (bias-corrected) direction is
    /// multiplied by, e.g. lr/(√v̂ + ε) for Adam.
    pub effective_lr: Option<Vec<f64>>,
    /// Per-step scalars worth seeing (bias corrections, the trust ratio, ...), by name.
    pub scalars: Vec<(&'static str, f64)>,
}

/// Everything one step's decomposition reads.
#[derive(Debug, Clone, Copy)]
pub struct StepInputs<'a> {
    /// The optimizer's registry name (`adam`, `nesterov`, ...).
    pub name: &'a str,
    pub hyper: &'a Hyper,
    /// The step's number, from 1 (torch's `step` where it keeps one).
    pub number: usize,
    pub lr: f64,
    pub x: &'a [f64],
    /// The gradient as the optimizer saw it (noise, minibatch and clipping included).
    pub gradient: &'a [f64],
    pub before: &'a StepState,
    pub after: &'a StepState,
    /// x after the step minus x before: the step taken (for methods not decomposed further).
    pub step: &'a [f64],
    /// The Hessian at x, row-major (Newton), when the method used one.
    pub hessian: Option<&'a [f64]>,
}

type Vec64 = Vec<f64>;

fn map2(a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64) -> Vec64 {
    a.iter().zip(b).map(|(&u, &v)| f(u, v)).collect()
}

fn scaled(a: &[f64], s: f64) -> Vec64 {
    a.iter().map(|u| u * s).collect()
}

fn term(name: &str, vector: Vec64) -> Term {
    Term {
        name: name.to_string(),
        vector,
    }
}

/// Splits one step into named terms. Methods with no closed-form split (constrained methods)
/// get one term: the step itself.
pub fn anatomy(s: &StepInputs) -> Anatomy {
    let n = s.x.len();
    let buf = |st: &StepState, name: &str| st.buffer_or_zeros(name, n);
    let t = s.after.scalar("step").unwrap_or(s.number as f64);
    let (lr, g, x) = (s.lr, s.gradient, s.x);
    let h = |key: &str| s.hyper.get(key).and_then(|v| v.as_f64()).unwrap_or(0.0);
    let wd = h("weight_decay");
    match s.name {
        "gd" => plain(vec![term("−lr·g", scaled(g, -lr))]),
        "sgd" | "momentum" | "nesterov" => {
            let (momentum, dampening) = (h("momentum"), h("dampening"));
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
                let b = buf(s.after, "momentum_buffer");
                terms.push(term(
                    "−lr·β·buffer (look-ahead)",
                    scaled(&b, -lr * momentum),
                ));
            } else if let (false, Some(b)) = (first, old) {
                terms.push(term("−lr·β·buffer", scaled(b, -lr * momentum)));
            }
            plain(terms)
        }
        "adagrad" => {
            let clr = lr / (1.0 + (t - 1.0) * h("lr_decay"));
            let sum = buf(s.after, "sum");
            let eps = h("eps");
            let eff: Vec64 = sum.iter().map(|v| clr / (v.sqrt() + eps)).collect();
            adaptive(g, x, wd, &eff, "−lr·g/(√sum+ε)", "−lr·λ·x/(√sum+ε)").with_scalar("clr", clr)
        }
        "rmsprop" => {
            let (eps, momentum) = (h("eps"), h("momentum"));
            let sq = buf(s.after, "square_avg");
            let avg = match s.after.buffer("grad_avg") {
                Some(ga) if h("centered") == 1.0 => map2(&sq, ga, |v, m| (v - m * m).sqrt() + eps),
                _ => sq.iter().map(|v| v.sqrt() + eps).collect(),
            };
            let eff: Vec64 = avg.iter().map(|a| lr / a).collect();
            let mut a = adaptive(g, x, wd, &eff, "−lr·g/(√v+ε)", "−lr·λ·x/(√v+ε)");
            if momentum > 0.0 {
                let old = buf(s.before, "momentum_buffer");
                a.terms
                    .push(term("−lr·β·buffer", scaled(&old, -lr * momentum)));
            }
            a
        }
        "adam" | "adamw" => {
            let (beta1, beta2, eps) = (h("beta1"), h("beta2"), h("eps"));
            let (bc1, bc2) = (1.0 - beta1.powf(t), 1.0 - beta2.powf(t));
            let v = if h("amsgrad") == 1.0 {
                "max_exp_avg_sq"
            } else {
                "exp_avg_sq"
            };
            let v = buf(s.after, v);
            let m = buf(s.after, "exp_avg");
            let eff: Vec64 = v
                .iter()
                .map(|v| lr / (v.sqrt() / bc2.powf(0.5) + eps))
                .collect();
            let mut terms = vec![term("−lr·m̂/(√v̂+ε)", map2(&m, &eff, |m, e| -m / bc1 * e))];
            if s.name == "adamw" && wd != 0.0 {
                terms.push(term("−lr·λ·x (decoupled decay)", scaled(x, -lr * wd)));
            }
            Anatomy {
                terms,
                effective_lr: Some(eff),
                scalars: vec![("bias_correction1", bc1), ("bias_correction2", bc2)],
            }
        }
        "nadam" => {
            let (beta1, beta2, eps, psi) = (h("beta1"), h("beta2"), h("eps"), h("momentum_decay"));
            let mu = beta1 * (1.0 - 0.5 * 0.96f64.powf(t * psi));
            let mu_next = beta1 * (1.0 - 0.5 * 0.96f64.powf((t + 1.0) * psi));
            let prod = s.after.scalar("mu_product").unwrap_or(mu);
            let bc2 = 1.0 - beta2.powf(t);
            let v = buf(s.after, "exp_avg_sq");
            let m = buf(s.after, "exp_avg");
            let d: Vec64 = v.iter().map(|v| (v / bc2).sqrt() + eps).collect();
            let gw: Vec64 = map2(g, x, |g, x| if wd != 0.0 { g + wd * x } else { g });
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
        "radam" => radam(s, t, h("beta1"), h("beta2"), h("eps")),
        "adamax" => {
            let bc1 = 1.0 - h("beta1").powf(t);
            let m = buf(s.after, "exp_avg");
            let u = buf(s.after, "exp_inf");
            let eff: Vec64 = u.iter().map(|u| lr / u).collect();
            Anatomy {
                terms: vec![term("−lr·m̂/u", map2(&m, &u, |m, u| -(lr / bc1) * m / u))],
                effective_lr: Some(eff),
                scalars: vec![("bias_correction1", bc1)],
            }
        }
        "adadelta" => {
            let eps = h("eps");
            let sq = buf(s.after, "square_avg");
            let acc = buf(s.before, "acc_delta");
            let eff = map2(&acc, &sq, |a, v| lr * (a + eps).sqrt() / (v + eps).sqrt());
            adaptive(
                g,
                x,
                wd,
                &eff,
                "−lr·√(Δ+ε)/√(v+ε)·g",
                "−lr·√(Δ+ε)/√(v+ε)·λ·x",
            )
        }
        "lamb" => lamb(s, t, h("beta1"), h("beta2"), h("eps"), wd),
        "lion" => {
            let beta1 = h("beta1");
            let m = buf(s.before, "exp_avg");
            let c = map2(&m, g, |m, g| m * beta1 + g * (1.0 - beta1));
            let sign = |c: f64| {
                if c > 0.0 {
                    1.0
                } else if c < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            };
            let update = c.iter().map(|&c| -lr * sign(c)).collect();
            let mut terms = vec![term("−lr·sign(β₁m+(1−β₁)g)", update)];
            if wd != 0.0 {
                terms.push(term("−lr·λ·x (decoupled decay)", scaled(x, -lr * wd)));
            }
            plain(terms)
        }
        "newton" => {
            let mode = s.hyper.get("mode");
            let saddle_free = mode == Some(crate::optim::Value::Choice("saddle-free"));
            newton(s, h("damping"), saddle_free)
        }
        "lbfgs" => lbfgs(s),
        _ => plain(vec![term("the step (not split further)", s.step.to_vec())]),
    }
}

fn plain(terms: Vec<Term>) -> Anatomy {
    Anatomy {
        terms,
        ..Anatomy::default()
    }
}

impl Anatomy {
    fn with_scalar(mut self, name: &'static str, v: f64) -> Self {
        self.scalars.push((name, v));
        self
    }
}

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

/// RAdam: the rectified adaptive step once ρₜ > 5, plain momentum SGD on m̂ before.
fn radam(s: &StepInputs, t: f64, beta1: f64, beta2: f64, eps: f64) -> Anatomy {
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
fn lamb(s: &StepInputs, t: f64, beta1: f64, beta2: f64, eps: f64, wd: f64) -> Anatomy {
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

/// Newton: −lr·(H + λI)⁻¹g, or with |H| for the saddle-free variant (2-D only; otherwise
/// the step as taken).
fn newton(s: &StepInputs, damping: f64, saddle_free: bool) -> Anatomy {
    let name = match (saddle_free, damping != 0.0) {
        (true, true) => "−lr·(|H|+λI)⁻¹g (saddle-free)",
        (true, false) => "−lr·|H|⁻¹g (saddle-free)",
        (false, true) => "−lr·(H+λI)⁻¹g",
        (false, false) => "−lr·H⁻¹g",
    };
    let solved = s.hessian.filter(|h| h.len() == 4).and_then(|h| {
        let mut m = nalgebra::Matrix2::new(h[0], h[1], h[2], h[3]);
        m = (m + m.transpose()) * 0.5;
        if saddle_free {
            let e = nalgebra::SymmetricEigen::new(m);
            m = e.eigenvectors
                * nalgebra::Matrix2::from_diagonal(&e.eigenvalues.abs())
                * e.eigenvectors.transpose();
        }
        m += nalgebra::Matrix2::identity() * damping;
        m.lu()
            .solve(&nalgebra::Vector2::new(s.gradient[0], s.gradient[1]))
    });
    let vector = match solved {
        Some(d) => vec![-s.lr * d.x, -s.lr * d.y],
        None => s.step.to_vec(),
    };
    plain(vec![term(name, vector)])
}

/// L-BFGS: the step t·d split into scaled gradient descent −t·γ·g (γ = torch's H_diag) and
/// what the curvature memory adds, t·(d + γ·g).
fn lbfgs(s: &StepInputs) -> Anatomy {
    let (Some(d), Some(t)) = (s.after.buffer("d"), s.after.scalar("t")) else {
        return plain(vec![term("t·d", s.step.to_vec())]);
    };
    let gamma = s.after.scalar("H_diag").unwrap_or(1.0);
    let moved = s.step.iter().any(|c| *c != 0.0);
    if !moved {
        return plain(vec![term("t·d (stopped: no step)", s.step.to_vec())]);
    }
    let sd = scaled(s.gradient, -t * gamma);
    let memory = map2(d, s.gradient, |d, g| t * (d + gamma * g));
    Anatomy {
        terms: vec![term("−t·γ·g", sd), term("t·(d+γ·g) (memory)", memory)],
        effective_lr: None,
        scalars: vec![("t", t), ("H_diag", gamma)],
    }
}
