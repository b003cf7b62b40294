//! Optimizer specs: `NAME[:key=value,...]`, e.g. `adam:lr=0.05,beta2=0.99`.
//!
//! Keys are torch's argument names (`betas` split into `beta1`, `beta2`), defaults are
//! torch's. Every spec also takes the common keys (clipping, noise, label, schedule, warmup)
//! and the keys of its schedule.

use super::clip::GradientClip;
use super::params::Params;
use super::registry::{self, Entry, Hyper, KeyKind, Layout, Value};
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

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SpecError {
    #[error("unknown optimizer '{name}'; valid names: {}", registry::names().collect::<Vec<_>>().join(", "))]
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
    entry: &'static Entry,
    params: Vec<(String, String)>,
    lr: f64,
    label: Option<String>,
    hyper: Hyper,
    clip: GradientClip,
    noise: GradientNoise,
    schedule: LrSchedule,
}

impl OptimizerSpec {
    pub fn name(&self) -> &'static str {
        self.entry.name
    }

    /// The registry entry of this spec's optimizer.
    pub fn entry(&self) -> &'static Entry {
        self.entry
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

    /// The optimizer's own hyperparameters (every key of its entry, defaults filled in).
    pub fn hyper(&self) -> &Hyper {
        &self.hyper
    }

    /// One hyperparameter's value (lr is [`lr`](Self::lr)).
    pub fn value(&self, key: &str) -> Option<Value> {
        self.hyper.get(key)
    }

    /// The key=value pairs as typed (including label).
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The one knob besides lr a user tweaks live (the entry's `main`), and its value.
    pub fn main_hyperparameter(&self) -> Option<(&'static str, f64)> {
        let key = self.entry.main?;
        Some((key, self.hyper.get(key)?.as_f64()?))
    }

    /// Every key this spec accepts (its optimizer's, the common ones, its schedule's).
    pub fn valid_keys(&self) -> Vec<&'static str> {
        valid_keys(self.entry, schedule_name(&self.params))
    }

    /// The same spec with one key set (replacing an earlier value), validated.
    pub fn with_param(&self, key: &str, value: &str) -> Result<Self, SpecError> {
        let mut params: Vec<(String, String)> = self.params.clone();
        match params.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value.to_string(),
            None => params.push((key.to_string(), value.to_string())),
        }
        Self::from_parts(self.entry.name, params)
    }

    /// A fresh optimizer with this spec's hyperparameters, for `dim` parameters in one group.
    pub fn build(&self, dim: usize) -> Box<dyn Optimizer> {
        self.build_for(&Layout::flat(dim))
    }

    /// A fresh optimizer for a parameter buffer split into groups (a network's layers).
    pub fn build_for(&self, layout: &Layout) -> Box<dyn Optimizer> {
        (self.entry.build)(&self.hyper, layout)
    }

    fn from_parts(name: &str, params: Vec<(String, String)>) -> Result<Self, SpecError> {
        let entry = registry::find(name).ok_or_else(|| SpecError::UnknownName {
            name: name.to_string(),
        })?;
        let valid = valid_keys(entry, schedule_name(&params));
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
        let lr = p.non_negative("lr", entry.default_lr)?;
        let hyper = parse_hyper(entry, &p)?;
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
        let schedule = super::schedule_spec::parse_schedule(entry, lr, &p)?;
        let label = p.raw("label").map(str::to_string);
        Ok(Self {
            entry,
            params,
            lr,
            label,
            hyper,
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

fn valid_keys(entry: &Entry, schedule: Option<&str>) -> Vec<&'static str> {
    let mut keys = vec!["lr"];
    keys.extend(entry.keys.iter().map(|k| k.name));
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

/// Every key of `entry`, read and checked as its kind says, defaults filled in.
fn parse_hyper(entry: &Entry, p: &Params) -> Result<Hyper, SpecError> {
    let mut values = Vec::with_capacity(entry.keys.len());
    for key in entry.keys {
        let n = key.name;
        let v = match key.kind {
            KeyKind::Number(d) => Value::Number(p.number(n, d)?),
            KeyKind::NonNegative(d) => Value::Number(p.non_negative(n, d)?),
            KeyKind::Positive(d) => Value::Number(p.positive(n, d)?),
            KeyKind::Unit(d) => Value::Number(p.unit(n, d)?),
            KeyKind::UnitClosed(d) => Value::Number(p.unit_closed(n, d)?),
            KeyKind::Count(d) => Value::Count(p.count(n, d)?),
            KeyKind::Flag(d) => Value::Flag(p.boolean(n, d)?),
            KeyKind::Choice(names, d) => Value::Choice(p.name_of(n, names, names[d])?),
        };
        values.push((n, v));
    }
    let hyper = Hyper::new(values);
    (entry.check)(&hyper).map_err(|(key, why)| p.bad(key, why))?;
    Ok(hyper)
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
        f.write_str(&display(self.entry.name, &self.params))
    }
}

impl Schedule {
    /// True for the schedule that watches the loss.
    pub fn watches_loss(&self) -> bool {
        matches!(self, Schedule::Plateau { .. })
    }
}
