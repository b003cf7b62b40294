//! Typed reading of a spec's key=value pairs, with errors that say what was expected.

use super::spec::SpecError;

pub(crate) struct Params<'a> {
    spec: String,
    pairs: &'a [(String, String)],
}

impl<'a> Params<'a> {
    pub fn new(spec: String, pairs: &'a [(String, String)]) -> Self {
        Self { spec, pairs }
    }

    pub fn raw(&self, key: &str) -> Option<&'a str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn bad(&self, key: &str, expected: &str) -> SpecError {
        SpecError::BadValue {
            spec: self.spec.clone(),
            key: key.to_string(),
            value: self.raw(key).unwrap_or("").to_string(),
            expected: expected.to_string(),
        }
    }

    fn read<T>(
        &self,
        key: &str,
        expected: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, SpecError> {
        match self.raw(key) {
            None => Ok(None),
            Some(v) => parse(v).map(Some).ok_or_else(|| self.bad(key, expected)),
        }
    }

    fn float(v: &str) -> Option<f64> {
        v.parse::<f64>().ok().filter(|x| x.is_finite())
    }

    /// Any finite number.
    pub fn number(&self, key: &str, default: f64) -> Result<f64, SpecError> {
        Ok(self
            .read(key, "expected a number", Self::float)?
            .unwrap_or(default))
    }

    pub fn opt_non_negative(&self, key: &str) -> Result<Option<f64>, SpecError> {
        self.read(key, "expected a number ≥ 0", |v| {
            Self::float(v).filter(|x| *x >= 0.0)
        })
    }

    pub fn non_negative(&self, key: &str, default: f64) -> Result<f64, SpecError> {
        Ok(self.opt_non_negative(key)?.unwrap_or(default))
    }

    pub fn opt_positive(&self, key: &str) -> Result<Option<f64>, SpecError> {
        self.read(key, "expected a number > 0", |v| {
            Self::float(v).filter(|x| *x > 0.0)
        })
    }

    pub fn positive(&self, key: &str, default: f64) -> Result<f64, SpecError> {
        Ok(self.opt_positive(key)?.unwrap_or(default))
    }

    /// A number in [0, 1) (betas, as torch checks them).
    pub fn unit(&self, key: &str, default: f64) -> Result<f64, SpecError> {
        Ok(self
            .read(key, "expected a number in [0, 1)", |v| {
                Self::float(v).filter(|x| (0.0..1.0).contains(x))
            })?
            .unwrap_or(default))
    }

    /// A number in [0, 1].
    pub fn unit_closed(&self, key: &str, default: f64) -> Result<f64, SpecError> {
        Ok(self
            .read(key, "expected a number in [0, 1]", |v| {
                Self::float(v).filter(|x| (0.0..=1.0).contains(x))
            })?
            .unwrap_or(default))
    }

    pub fn opt_count(&self, key: &str) -> Result<Option<usize>, SpecError> {
        self.read(key, "expected a whole number ≥ 1", |v| {
            v.parse::<usize>().ok().filter(|n| *n >= 1)
        })
    }

    /// A whole number ≥ 1.
    pub fn count(&self, key: &str, default: usize) -> Result<usize, SpecError> {
        Ok(self.opt_count(key)?.unwrap_or(default))
    }

    /// A whole number ≥ 0.
    pub fn whole(&self, key: &str, default: u64) -> Result<u64, SpecError> {
        Ok(self
            .read(key, "expected a whole number ≥ 0", |v| {
                v.parse::<u64>().ok()
            })?
            .unwrap_or(default))
    }

    pub fn boolean(&self, key: &str, default: bool) -> Result<bool, SpecError> {
        Ok(self
            .read(key, "expected true or false", |v| {
                match v.to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" => Some(true),
                    "false" | "0" | "no" => Some(false),
                    _ => None,
                }
            })?
            .unwrap_or(default))
    }

    pub fn choice<T: Copy>(
        &self,
        key: &str,
        options: &[(&str, T)],
        default: T,
    ) -> Result<T, SpecError> {
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let expected = format!("expected one of {}", names.join(", "));
        Ok(self
            .read(key, &expected, |v| {
                options
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(v))
                    .map(|(_, t)| *t)
            })?
            .unwrap_or(default))
    }

    /// One of `names` (case and `-`/`_` do not matter), as the canonical name.
    pub fn name_of(
        &self,
        key: &str,
        names: &[&'static str],
        default: &'static str,
    ) -> Result<&'static str, SpecError> {
        let norm = |s: &str| s.replace('-', "_").to_ascii_lowercase();
        let expected = format!("expected one of {}", names.join(", "));
        Ok(self
            .read(key, &expected, |v| {
                names.iter().copied().find(|n| norm(n) == norm(v))
            })?
            .unwrap_or(default))
    }
}
