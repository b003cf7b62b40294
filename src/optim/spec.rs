//! Optimizer specs: `NAME[:key=value,...]`, e.g. `adam:lr=0.05,beta2=0.99`.
//!
//! Keys are torch's argument names (`betas` split into `beta1`, `beta2`), defaults are
//! torch's. Every spec also takes the common keys (clipping, noise, label, schedule, warmup)
//! and the keys of its schedule.

use super::clip::GradientClip;
use super::kind::{Kind, OPTIMIZER_NAMES, default_lr, optimizer_keys};
use super::lbfgs::LineSearch;
use super::newton::NewtonMode;
use super::params::Params;
use super::schedule::{LrSchedule, Schedule};
use super::{GradientNoise, Optimizer};
use std::fmt;
use std::str::FromStr;

/// Keys every spec takes.
pub const COMMON_KEYS: &[&str] = &[
    "clip_norm",
    "clip_value",
    "batch",
    "noise",
    "label",
    "schedule",
    "warmup",
    "start_factor",
];

/// The schedule names `schedule=` accepts.
pub const SCHEDULE_NAMES: &[&str] = &[
    "constant",
    "step",
    "exponential",
    "cosine",
    "cyclic",
    "onecycle",
    "plateau",
];

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SpecError {
    #[error("unknown optimizer '{name}'; valid names: {}", OPTIMIZER_NAMES.join(", "))]
    UnknownName { name: String },
    #[error("optimizer '{name}' has no key '{key}'; valid keys: {valid}")]
    UnknownKey {
        name: String,
        key: String,
        valid: String,
    },
    #[error("'{key}={value}' in '{spec}': {expected}")]
    BadValue {
        spec: String,
        key: String,
        value: String,
        expected: String,
    },
    #[error(
        "malformed optimizer spec '{spec}': {reason}; expected NAME[:key=value,...], e.g. adam:lr=0.05"
    )]
    Malformed { spec: String, reason: String },
}

/// A parsed, validated optimizer spec.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizerSpec {
    name: String,
    params: Vec<(String, String)>,
    lr: f64,
    label: Option<String>,
    kind: Kind,
    clip: GradientClip,
    noise: GradientNoise,
    schedule: LrSchedule,
}

impl OptimizerSpec {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The display label: `label=` if given, else the spec as typed.
    pub fn label(&self) -> String {
        self.label.clone().unwrap_or_else(|| self.to_string())
    }

    /// The base learning rate (before schedules).
    pub fn lr(&self) -> f64 {
        self.lr
    }

    /// The gradient the optimizer sees (batch/noise keys).
    pub fn noise(&self) -> GradientNoise {
        self.noise
    }

    /// Gradient clipping (clip_norm/clip_value keys).
    pub fn clip(&self) -> GradientClip {
        self.clip
    }

    /// The learning-rate schedule (schedule/warmup keys) starting from `lr()`.
    pub fn schedule(&self) -> LrSchedule {
        self.schedule
    }

    /// The optimizer's own hyperparameters.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The key=value pairs as typed (including label).
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The one knob besides lr a user tweaks live: momentum for sgd/momentum/nesterov, beta1
    /// for the Adam family, lamb and lion, alpha for rmsprop, rho for adadelta, lr_decay for
    /// adagrad, damping for newton, history_size for lbfgs; None for gd.
    pub fn main_hyperparameter(&self) -> Option<(&'static str, f64)> {
        self.kind.main_hyperparameter()
    }

    /// Every key this spec accepts (its optimizer's, the common ones, its schedule's).
    pub fn valid_keys(&self) -> Vec<&'static str> {
        valid_keys(&self.name, schedule_name(&self.params))
    }

    /// The same spec with one key set (replacing an earlier value), validated.
    pub fn with_param(&self, key: &str, value: &str) -> Result<Self, SpecError> {
        let mut params: Vec<(String, String)> = self.params.clone();
        match params.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value.to_string(),
            None => params.push((key.to_string(), value.to_string())),
        }
        Self::from_parts(&self.name, params)
    }

    /// A fresh optimizer with this spec's hyperparameters, for `dim` parameters.
    pub fn build(&self, dim: usize) -> Box<dyn Optimizer> {
        self.kind.build(dim)
    }

    fn from_parts(name: &str, params: Vec<(String, String)>) -> Result<Self, SpecError> {
        if !OPTIMIZER_NAMES.contains(&name) {
            return Err(SpecError::UnknownName {
                name: name.to_string(),
            });
        }
        let valid = valid_keys(name, schedule_name(&params));
        for (i, (k, _)) in params.iter().enumerate() {
            if !valid.contains(&k.as_str()) {
                return Err(SpecError::UnknownKey {
                    name: name.to_string(),
                    key: k.clone(),
                    valid: valid.join(", "),
                });
            }
            if params[..i].iter().any(|(earlier, _)| earlier == k) {
                return Err(SpecError::Malformed {
                    spec: display(name, &params),
                    reason: format!("key '{k}' is given twice"),
                });
            }
        }
        let p = Params::new(display(name, &params), &params);
        let lr = p.non_negative("lr", default_lr(name))?;
        let kind = parse_kind(name, &p)?;
        let clip = GradientClip {
            max_norm: p.opt_positive("clip_norm")?,
            max_value: p.opt_positive("clip_value")?,
        };
        let noise = match (p.opt_count("batch")?, p.opt_non_negative("noise")?) {
            (Some(_), Some(_)) => {
                return Err(p.bad(
                    "batch",
                    "batch= (data surfaces) and noise= (closed-form surfaces) exclude each other",
                ));
            }
            (Some(batch), None) => GradientNoise::Minibatch { batch },
            (None, Some(sigma)) if sigma > 0.0 => GradientNoise::Gaussian { sigma },
            _ => GradientNoise::Exact,
        };
        let schedule = super::schedule_spec::parse_schedule(name, lr, &p)?;
        let label = p.raw("label").map(str::to_string);
        Ok(Self {
            name: name.to_string(),
            params,
            lr,
            label,
            kind,
            clip,
            noise,
            schedule,
        })
    }
}

fn schedule_name(params: &[(String, String)]) -> Option<&str> {
    params
        .iter()
        .find(|(k, _)| k == "schedule")
        .map(|(_, v)| v.as_str())
}

fn valid_keys(name: &str, schedule: Option<&str>) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = optimizer_keys(name).to_vec();
    keys.extend_from_slice(COMMON_KEYS);
    for k in super::schedule_spec::schedule_keys(schedule.unwrap_or("constant")) {
        if !keys.contains(k) {
            keys.push(k);
        }
    }
    keys
}

fn display(name: &str, params: &[(String, String)]) -> String {
    let shown: Vec<String> = params
        .iter()
        .filter(|(k, _)| k != "label")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if shown.is_empty() {
        name.to_string()
    } else {
        format!("{name}:{}", shown.join(","))
    }
}

fn parse_kind(name: &str, p: &Params) -> Result<Kind, SpecError> {
    let betas = |b2: f64| -> Result<(f64, f64), SpecError> {
        Ok((p.unit("beta1", 0.9)?, p.unit("beta2", b2)?))
    };
    let eps = |d: f64| p.non_negative("eps", d);
    let wd = |d: f64| p.non_negative("weight_decay", d);
    Ok(match name {
        "gd" => Kind::Gd,
        "sgd" | "momentum" | "nesterov" => {
            let m = p.non_negative("momentum", if name == "sgd" { 0.0 } else { 0.9 })?;
            let dampening = p.number("dampening", 0.0)?;
            let nesterov = p.boolean("nesterov", name == "nesterov")?;
            if nesterov && (m <= 0.0 || dampening != 0.0) {
                return Err(p.bad(
                    "nesterov",
                    "Nesterov momentum requires a momentum > 0 and zero dampening (as in torch)",
                ));
            }
            Kind::Sgd {
                momentum: m,
                dampening,
                nesterov,
                weight_decay: wd(0.0)?,
            }
        }
        "adagrad" => Kind::Adagrad {
            lr_decay: p.non_negative("lr_decay", 0.0)?,
            weight_decay: wd(0.0)?,
            initial_accumulator_value: p.non_negative("initial_accumulator_value", 0.0)?,
            eps: eps(1e-10)?,
        },
        "rmsprop" => Kind::RmsProp {
            alpha: p.non_negative("alpha", 0.99)?,
            eps: eps(1e-8)?,
            weight_decay: wd(0.0)?,
            momentum: p.non_negative("momentum", 0.0)?,
            centered: p.boolean("centered", false)?,
        },
        "adam" | "adamw" => {
            let (beta1, beta2) = betas(0.999)?;
            Kind::Adam {
                beta1,
                beta2,
                eps: eps(1e-8)?,
                weight_decay: wd(if name == "adamw" { 1e-2 } else { 0.0 })?,
                amsgrad: p.boolean("amsgrad", false)?,
                decoupled: name == "adamw",
            }
        }
        "nadam" => {
            let (beta1, beta2) = betas(0.999)?;
            Kind::NAdam {
                beta1,
                beta2,
                eps: eps(1e-8)?,
                weight_decay: wd(0.0)?,
                momentum_decay: p.non_negative("momentum_decay", 4e-3)?,
            }
        }
        "radam" | "adamax" | "lamb" => {
            let (beta1, beta2) = betas(0.999)?;
            let eps = eps(if name == "lamb" { 1e-6 } else { 1e-8 })?;
            let weight_decay = wd(0.0)?;
            match name {
                "radam" => Kind::RAdam {
                    beta1,
                    beta2,
                    eps,
                    weight_decay,
                },
                "adamax" => Kind::Adamax {
                    beta1,
                    beta2,
                    eps,
                    weight_decay,
                },
                _ => Kind::Lamb {
                    beta1,
                    beta2,
                    eps,
                    weight_decay,
                },
            }
        }
        "adadelta" => Kind::Adadelta {
            rho: p.unit_closed("rho", 0.9)?,
            eps: eps(1e-6)?,
            weight_decay: wd(0.0)?,
        },
        "lion" => {
            let (beta1, beta2) = betas(0.99)?;
            Kind::Lion {
                beta1,
                beta2,
                weight_decay: wd(0.0)?,
            }
        }
        "newton" => Kind::Newton {
            damping: p.non_negative("damping", 0.0)?,
            mode: p.choice(
                "mode",
                &[
                    ("plain", NewtonMode::Plain),
                    ("saddle-free", NewtonMode::SaddleFree),
                    ("saddle_free", NewtonMode::SaddleFree),
                ],
                NewtonMode::Plain,
            )?,
        },
        "lbfgs" => Kind::Lbfgs {
            history_size: p.count("history_size", 100)?,
            line_search: p.choice(
                "line_search",
                &[
                    ("none", LineSearch::None),
                    ("strong_wolfe", LineSearch::StrongWolfe),
                ],
                LineSearch::None,
            )?,
        },
        "projected" => Kind::Projected,
        "penalty" => Kind::Penalty {
            mu: p.positive("mu", 1.0)?,
            growth: p.positive("growth", 2.0)?,
            every: p.count("every", 200)?,
            mu_max: p.positive("mu_max", 1e8)?,
            tol: p.non_negative("tol", 1e-4)?,
        },
        "auglag" => Kind::AugLag {
            mu: p.positive("mu", 10.0)?,
            inner: p.count("inner", 20)?,
        },
        _ => {
            return Err(SpecError::UnknownName {
                name: name.to_string(),
            });
        }
    })
}

impl FromStr for OptimizerSpec {
    type Err = SpecError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (name, rest) = s.split_once(':').unwrap_or((s, ""));
        let mut params = Vec::new();
        for part in rest.split(',').filter(|p| !p.trim().is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| SpecError::Malformed {
                spec: s.to_string(),
                reason: format!("'{part}' is not key=value"),
            })?;
            params.push((k.trim().to_string(), v.trim().to_string()));
        }
        Self::from_parts(name.trim(), params)
    }
}

impl fmt::Display for OptimizerSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&display(&self.name, &self.params))
    }
}

impl Schedule {
    /// True for the schedule that watches the loss.
    pub fn watches_loss(&self) -> bool {
        matches!(self, Schedule::Plateau { .. })
    }
}
