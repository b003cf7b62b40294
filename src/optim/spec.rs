//! Optimizer specs: `NAME[:key=value,...]`, e.g. `adam:lr=0.05,beta2=0.99`.

use super::{GradientDescent, GradientNoise, Optimizer};
use std::fmt;
use std::str::FromStr;

/// The optimizer names a spec may start with.
pub const OPTIMIZER_NAMES: &[&str] = &["gd"];

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
        GradientNoise::Exact
    }

    /// The same spec with one key set (replacing an earlier value), validated.
    pub fn with_param(&self, key: &str, value: &str) -> Result<Self, SpecError> {
        let mut params: Vec<(String, String)> = self
            .params
            .iter()
            .filter(|(k, _)| k != key)
            .cloned()
            .collect();
        params.push((key.to_string(), value.to_string()));
        Self::from_parts(&self.name, params)
    }

    /// A fresh optimizer with this spec's hyperparameters.
    pub fn build(&self) -> Box<dyn Optimizer> {
        Box::new(GradientDescent)
    }

    fn from_parts(name: &str, params: Vec<(String, String)>) -> Result<Self, SpecError> {
        if !OPTIMIZER_NAMES.contains(&name) {
            return Err(SpecError::UnknownName {
                name: name.to_string(),
            });
        }
        let mut lr = 0.01;
        let mut label = None;
        for (k, v) in &params {
            match k.as_str() {
                "lr" => {
                    lr = v.parse().map_err(|_| SpecError::BadValue {
                        spec: name.to_string(),
                        key: k.clone(),
                        value: v.clone(),
                        expected: "expected a number".into(),
                    })?
                }
                "label" => label = Some(v.clone()),
                _ => {
                    return Err(SpecError::UnknownKey {
                        name: name.to_string(),
                        key: k.clone(),
                        valid: "lr, label".into(),
                    });
                }
            }
        }
        Ok(Self {
            name: name.to_string(),
            params,
            lr,
            label,
        })
    }
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
        write!(f, "{}", self.name)?;
        let shown: Vec<String> = self
            .params
            .iter()
            .filter(|(k, _)| k != "label")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !shown.is_empty() {
            write!(f, ":{}", shown.join(","))?;
        }
        Ok(())
    }
}
