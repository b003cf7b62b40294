//! The anatomy of a step: the update an optimizer made, split into named terms whose vectors
//! add up to the step it took.
//!
//! Computed from what torch would let a user print — the hyperparameters, the learning rate,
//! the point and gradient before the step and `optimizer.state[p]` before and after — with
//! torch's formulas written out term by term, so the decomposition is checked, not assumed:
//! the terms must sum to x_after − x_before to round-off (tests/suite/explain.rs, 1e-12).
//!
//! One function per optimizer family: [`momentum`] (gd, SGD, Lion), [`adaptive`] (Adagrad,
//! RMSprop, Adadelta), [`adam`] (Adam and its relatives) and [`second_order`] (Newton, L-BFGS).

use crate::optim::Hyper;
use crate::optim::Shape;

mod adam;
mod adaptive;
mod momentum;
mod second_order;

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

impl StepInputs<'_> {
    /// Hyperparameter `key` as a number; 0 where the optimizer has none.
    fn hyper_f64(&self, key: &str) -> f64 {
        self.hyper.get(key).and_then(|v| v.as_f64()).unwrap_or(0.0)
    }

    /// torch's step count after this step, where the optimizer keeps one.
    fn torch_step(&self) -> f64 {
        self.after.scalar("step").unwrap_or(self.number as f64)
    }

    /// State buffer `name` after the step (zeros where torch has not created it).
    fn after_buffer(&self, name: &str) -> Vec<f64> {
        self.after.buffer_or_zeros(name, self.x.len())
    }

    /// State buffer `name` before the step (zeros where torch has not created it).
    fn before_buffer(&self, name: &str) -> Vec<f64> {
        self.before.buffer_or_zeros(name, self.x.len())
    }
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
    let t = s.torch_step();
    let h = |key: &str| s.hyper_f64(key);
    let shape = crate::optim::registry::find(s.name).map_or(Shape::Whole, |e| e.shape);
    match shape {
        Shape::Gd => plain(vec![term("−lr·g", scaled(s.gradient, -s.lr))]),
        Shape::Sgd => momentum::sgd(s),
        Shape::Adagrad => adaptive::adagrad(s, t),
        Shape::RmsProp => adaptive::rmsprop(s),
        Shape::Adam | Shape::AdamW => adam::adam(s, t, shape == Shape::AdamW),
        Shape::NAdam => adam::nadam(s, t),
        Shape::RAdam => adam::radam(s, t, h("beta1"), h("beta2"), h("eps")),
        Shape::Adamax => adam::adamax(s, t),
        Shape::Adadelta => adaptive::adadelta(s),
        Shape::Lamb => adam::lamb(s, t, h("beta1"), h("beta2"), h("eps"), h("weight_decay")),
        Shape::Lion => momentum::lion(s),
        Shape::Newton => {
            let mode = s.hyper.get("mode");
            let saddle_free = mode == Some(crate::optim::Value::Choice("saddle-free"));
            second_order::newton(s, h("damping"), saddle_free)
        }
        Shape::Lbfgs => second_order::lbfgs(s),
        Shape::Whole => plain(vec![term("the step (not split further)", s.step.to_vec())]),
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
