//! The optimizer registry: one [`Entry`] per name, each declared once in its optimizer's
//! file. Spec parsing, `--help` and error listings, the TUI's menus and `{` `}` keys, the
//! benchmarks and the tests read it. Adding an optimizer is one file and one line here.

use super::{Optimizer, adadelta, adagrad, adam, adamax, auglag, lamb, lbfgs, lion, nadam};
use super::{newton, penalty, projected, radam, rmsprop, sgd};
use std::fmt;
use std::ops::Range;

/// Every optimizer, in the order menus and listings show them.
pub const REGISTRY: &[&Entry] = &[
    &sgd::GD,
    &sgd::SGD,
    &sgd::MOMENTUM,
    &sgd::NESTEROV,
    &adagrad::ENTRY,
    &rmsprop::ENTRY,
    &adam::ADAM,
    &adam::ADAMW,
    &nadam::ENTRY,
    &radam::ENTRY,
    &adamax::ENTRY,
    &adadelta::ENTRY,
    &lamb::ENTRY,
    &lion::ENTRY,
    &newton::ENTRY,
    &lbfgs::ENTRY,
    // Constrained methods (they honour the surface's constraints; plain gd without any).
    &projected::ENTRY,
    &penalty::ENTRY,
    &auglag::ENTRY,
];

/// The entry of `name`, if there is one.
pub fn find(name: &str) -> Option<&'static Entry> {
    REGISTRY.iter().copied().find(|e| e.name == name)
}

/// Every optimizer name, in registry order.
pub fn names() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|e| e.name)
}

/// Every optimizer with its doc line and keys (defaults), for `--help`.
pub fn help() -> String {
    let mut out = String::from(
        "Optimizer spec NAME[:key=value,...], e.g. adam:lr=0.05,beta2=0.99; repeat to race \
         several. Names and their keys (defaults):\n",
    );
    for e in REGISTRY {
        let keys: Vec<String> = std::iter::once(format!("lr {}", e.default_lr))
            .chain(
                e.keys
                    .iter()
                    .map(|k| format!("{} {}", k.name, k.kind.default())),
            )
            .collect();
        out.push_str(&format!(
            "  {:<9} {}\n            {}\n",
            e.name,
            e.doc,
            keys.join(", ")
        ));
    }
    out.push_str(
        "Every spec also takes clip_norm, clip_value, batch, noise, label, schedule, warmup.",
    );
    out
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(v) => f.write_str(&crate::surface::format_number(*v)),
            Value::Count(n) => write!(f, "{n}"),
            Value::Flag(b) => write!(f, "{b}"),
            Value::Choice(c) => f.write_str(c),
        }
    }
}

/// What values a key takes, and its default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyKind {
    /// Any finite number.
    Number(f64),
    NonNegative(f64),
    Positive(f64),
    /// A number in [0, 1) (betas, as torch checks them).
    Unit(f64),
    /// A number in [0, 1].
    UnitClosed(f64),
    /// A whole number ≥ 1.
    Count(usize),
    Flag(bool),
    /// One of the names (`-` and `_` are the same), the default by index.
    Choice(&'static [&'static str], usize),
}

/// One hyperparameter: torch's name, what it takes, and a one-line doc.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub kind: KeyKind,
    pub doc: &'static str,
    /// How the TUI's `{` `}` keys change it.
    pub nudge: Nudge,
}

/// How one key press changes a hyperparameter in the TUI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    /// A decay factor (β, ρ, momentum): the gap to 1 halves or doubles.
    Decay,
    /// A count: doubles or halves, stays ≥ 1.
    Count,
    /// Any other number: doubles or halves.
    Scale,
}

impl Key {
    /// A key; [0, 1) and [0, 1] keys are decay factors, counts are counts.
    pub const fn new(name: &'static str, kind: KeyKind, doc: &'static str) -> Self {
        let nudge = match kind {
            KeyKind::Unit(_) | KeyKind::UnitClosed(_) => Nudge::Decay,
            KeyKind::Count(_) => Nudge::Count,
            _ => Nudge::Scale,
        };
        Self {
            name,
            kind,
            doc,
            nudge,
        }
    }

    /// Marks a key whose range is wider than [0, 1] (torch accepts momentum 1.5) but which
    /// is used as a decay factor.
    pub const fn decay(self) -> Self {
        Self {
            nudge: Nudge::Decay,
            ..self
        }
    }
}

/// A parsed hyperparameter value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    Count(usize),
    Flag(bool),
    Choice(&'static str),
}

impl Value {
    /// The value as a number (a flag is 0 or 1; a choice has none).
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Value::Number(v) => Some(v),
            Value::Count(n) => Some(n as f64),
            Value::Flag(b) => Some(f64::from(u8::from(b))),
            Value::Choice(_) => None,
        }
    }
}

/// One optimizer's parsed hyperparameters (every key of its entry, defaults filled in).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hyper {
    values: Vec<(&'static str, Value)>,
}

impl Hyper {
    pub fn new(values: Vec<(&'static str, Value)>) -> Self {
        Self { values }
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        self.values.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Value)> + '_ {
        self.values.iter().copied()
    }

    // The typed readers below are called by an entry's `build` with its own declared keys;
    // the registry test builds every entry, so a misspelt key fails there, not for a user.

    pub fn f64(&self, key: &str) -> f64 {
        match self.get(key) {
            Some(v) => v.as_f64().unwrap_or(f64::NAN),
            None => panic!("optimizer key '{key}' is not declared"),
        }
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some(Value::Flag(true)))
    }

    pub fn count(&self, key: &str) -> usize {
        match self.get(key) {
            Some(Value::Count(n)) => n,
            _ => panic!("optimizer key '{key}' is not a declared count"),
        }
    }

    pub fn choice(&self, key: &str) -> &'static str {
        match self.get(key) {
            Some(Value::Choice(c)) => c,
            _ => panic!("optimizer key '{key}' is not a declared choice"),
        }
    }
}

/// The shape of the parameter buffer an optimizer steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub dim: usize,
    /// Disjoint ranges covering 0..dim (a network's layers; one for a surface).
    pub groups: Vec<Range<usize>>,
}

impl Layout {
    /// One group of `dim` parameters.
    pub fn flat(dim: usize) -> Self {
        Self {
            dim,
            groups: std::iter::once(0..dim).collect(),
        }
    }
}

/// Everything about one optimizer name, declared once in its file.
pub struct Entry {
    pub name: &'static str,
    /// How a step of it splits into named terms (the step anatomy reads this, so an
    /// optimizer's name is written only in its own file).
    pub shape: Shape,
    /// One line: what it is (and its source).
    pub doc: &'static str,
    /// torch's default learning rate (a converging step for the non-torch methods).
    pub default_lr: f64,
    /// Its keys besides `lr`, in the order listings show them.
    pub keys: &'static [Key],
    /// The knob besides lr the TUI's `{` `}` change.
    pub main: Option<&'static str>,
    /// Whether cyclic schedules with `cycle_momentum=true` move its momentum or β₁.
    pub cycles_momentum: bool,
    /// torch's names of its state (`Optimizer.state[p]` keys).
    pub state: &'static [&'static str],
    /// Only for 2-D surfaces (the constrained methods).
    pub planar: bool,
    /// Checks across keys (e.g. Nesterov needs momentum): the key at fault and why.
    pub check: fn(&Hyper) -> Result<(), (&'static str, &'static str)>,
    /// A fresh optimizer for a parameter buffer of this layout.
    pub build: fn(&Hyper, &Layout) -> Box<dyn Optimizer>,
}

/// The update's form, for the step anatomy: which terms a step is the sum of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// −lr·g.
    Gd,
    /// SGD with momentum, dampening, Nesterov and weight decay.
    Sgd,
    Adagrad,
    RmsProp,
    Adam,
    /// Adam with decoupled weight decay.
    AdamW,
    NAdam,
    RAdam,
    Adamax,
    Adadelta,
    Lamb,
    Lion,
    Newton,
    Lbfgs,
    /// No closed-form split (the constrained methods): one term, the step itself.
    Whole,
}

/// No checks across keys.
pub fn no_check(_: &Hyper) -> Result<(), (&'static str, &'static str)> {
    Ok(())
}

impl Entry {
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The hyperparameters with every default.
    pub fn defaults(&self) -> Hyper {
        Hyper::new(
            self.keys
                .iter()
                .map(|k| (k.name, k.kind.default()))
                .collect(),
        )
    }
}

impl KeyKind {
    pub fn default(self) -> Value {
        match self {
            KeyKind::Number(v)
            | KeyKind::NonNegative(v)
            | KeyKind::Positive(v)
            | KeyKind::Unit(v)
            | KeyKind::UnitClosed(v) => Value::Number(v),
            KeyKind::Count(n) => Value::Count(n),
            KeyKind::Flag(b) => Value::Flag(b),
            KeyKind::Choice(names, i) => Value::Choice(names[i]),
        }
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Entry({})", self.name)
    }
}
