//! The optimizer families a spec can name, their keys, torch's defaults, and how each builds.

use super::adam::Adam;
use super::adam_family::{Adamax, NAdam, RAdam};
use super::adaptive::{Adadelta, Adagrad, RmsProp};
use super::auglag::AugmentedLagrangian;
use super::elementwise::boxed;
use super::lamb::Lamb;
use super::lbfgs::{Lbfgs, LineSearch};
use super::lion::Lion;
use super::newton::{Newton, NewtonMode};
use super::penalty::Penalty;
use super::projected::Projected;
use super::sgd::{GradientDescent, Sgd};
use super::{Optimizer, Planar};

/// The optimizer names a spec may start with.
pub const OPTIMIZER_NAMES: &[&str] = &[
    "gd",
    "sgd",
    "momentum",
    "nesterov",
    "adagrad",
    "rmsprop",
    "adam",
    "adamw",
    "nadam",
    "radam",
    "adamax",
    "adadelta",
    "lamb",
    "lion",
    "newton",
    "lbfgs",
    // Constrained methods (they honour the surface's constraints; plain gd without any).
    "projected",
    "penalty",
    "auglag",
];

/// The keys specific to one optimizer name (every spec also takes the common keys).
pub fn optimizer_keys(name: &str) -> &'static [&'static str] {
    match name {
        "gd" => &["lr"],
        "sgd" | "momentum" | "nesterov" => {
            &["lr", "momentum", "dampening", "nesterov", "weight_decay"]
        }
        "adagrad" => &[
            "lr",
            "lr_decay",
            "weight_decay",
            "initial_accumulator_value",
            "eps",
        ],
        "rmsprop" => &["lr", "alpha", "eps", "weight_decay", "momentum", "centered"],
        "adam" | "adamw" => &["lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad"],
        "nadam" => &[
            "lr",
            "beta1",
            "beta2",
            "eps",
            "weight_decay",
            "momentum_decay",
        ],
        "radam" | "adamax" | "lamb" => &["lr", "beta1", "beta2", "eps", "weight_decay"],
        "adadelta" => &["lr", "rho", "eps", "weight_decay"],
        "lion" => &["lr", "beta1", "beta2", "weight_decay"],
        "newton" => &["lr", "damping", "mode"],
        "lbfgs" => &["lr", "history_size", "line_search"],
        "projected" => &["lr"],
        "penalty" => &["lr", "mu", "growth", "every", "mu_max", "tol"],
        "auglag" => &["lr", "mu", "inner"],
        _ => &[],
    }
}

/// torch's default learning rate for each name.
pub fn default_lr(name: &str) -> f64 {
    match name {
        "adagrad" | "rmsprop" => 1e-2,
        "nadam" | "adamax" => 2e-3,
        "adadelta" | "newton" | "lbfgs" => 1.0,
        "lion" => 1e-4,
        // Not torch optimizers: a step that converges on the constrained built-ins.
        "projected" | "penalty" | "auglag" => 0.1,
        _ => 1e-3,
    }
}

/// One optimizer's hyperparameters (everything but lr, which the run supplies each step).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Gd,
    Sgd {
        momentum: f64,
        dampening: f64,
        nesterov: bool,
        weight_decay: f64,
    },
    Adagrad {
        lr_decay: f64,
        weight_decay: f64,
        initial_accumulator_value: f64,
        eps: f64,
    },
    RmsProp {
        alpha: f64,
        eps: f64,
        weight_decay: f64,
        momentum: f64,
        centered: bool,
    },
    Adam {
        beta1: f64,
        beta2: f64,
        eps: f64,
        weight_decay: f64,
        amsgrad: bool,
        decoupled: bool,
    },
    NAdam {
        beta1: f64,
        beta2: f64,
        eps: f64,
        weight_decay: f64,
        momentum_decay: f64,
    },
    RAdam {
        beta1: f64,
        beta2: f64,
        eps: f64,
        weight_decay: f64,
    },
    Adamax {
        beta1: f64,
        beta2: f64,
        eps: f64,
        weight_decay: f64,
    },
    Adadelta {
        rho: f64,
        eps: f64,
        weight_decay: f64,
    },
    Lamb {
        beta1: f64,
        beta2: f64,
        eps: f64,
        weight_decay: f64,
    },
    Lion {
        beta1: f64,
        beta2: f64,
        weight_decay: f64,
    },
    Newton {
        damping: f64,
        mode: NewtonMode,
    },
    Lbfgs {
        history_size: usize,
        line_search: LineSearch,
    },
    /// Projected gradient descent.
    Projected,
    /// Quadratic penalty: μ starts at `mu`, × `growth` when |∇F_μ| ≤ tol·|∇f| or after
    /// `every` steps, up to `mu_max`.
    Penalty {
        mu: f64,
        growth: f64,
        every: usize,
        mu_max: f64,
        tol: f64,
    },
    /// Augmented Lagrangian: fixed μ, multipliers updated every `inner` steps.
    AugLag {
        mu: f64,
        inner: usize,
    },
}

impl Kind {
    pub fn build(&self, dim: usize) -> Box<dyn Optimizer> {
        match *self {
            Kind::Gd => boxed(GradientDescent, dim),
            Kind::Sgd {
                momentum,
                dampening,
                nesterov,
                weight_decay,
            } => boxed(Sgd::new(momentum, dampening, nesterov, weight_decay), dim),
            Kind::Adagrad {
                lr_decay,
                weight_decay,
                initial_accumulator_value,
                eps,
            } => Box::new(Planar(Adagrad::new(
                lr_decay,
                weight_decay,
                initial_accumulator_value,
                eps,
            ))),
            Kind::RmsProp {
                alpha,
                eps,
                weight_decay,
                momentum,
                centered,
            } => Box::new(Planar(RmsProp::new(
                alpha,
                eps,
                weight_decay,
                momentum,
                centered,
            ))),
            Kind::Adam {
                beta1,
                beta2,
                eps,
                weight_decay,
                amsgrad,
                decoupled,
            } => boxed(
                if decoupled {
                    Adam::adamw(beta1, beta2, eps, weight_decay, amsgrad)
                } else {
                    Adam::new(beta1, beta2, eps, weight_decay, amsgrad)
                },
                dim,
            ),
            Kind::NAdam {
                beta1,
                beta2,
                eps,
                weight_decay,
                momentum_decay,
            } => Box::new(Planar(NAdam::new(
                beta1,
                beta2,
                eps,
                weight_decay,
                momentum_decay,
            ))),
            Kind::RAdam {
                beta1,
                beta2,
                eps,
                weight_decay,
            } => Box::new(Planar(RAdam::new(beta1, beta2, eps, weight_decay))),
            Kind::Adamax {
                beta1,
                beta2,
                eps,
                weight_decay,
            } => Box::new(Planar(Adamax::new(beta1, beta2, eps, weight_decay))),
            Kind::Adadelta {
                rho,
                eps,
                weight_decay,
            } => Box::new(Planar(Adadelta::new(rho, eps, weight_decay))),
            Kind::Lamb {
                beta1,
                beta2,
                eps,
                weight_decay,
            } => Box::new(Planar(Lamb::new(beta1, beta2, eps, weight_decay))),
            Kind::Lion {
                beta1,
                beta2,
                weight_decay,
            } => Box::new(Planar(Lion::new(beta1, beta2, weight_decay))),
            Kind::Newton { damping, mode } => Box::new(Planar(Newton::new(damping, mode))),
            Kind::Lbfgs {
                history_size,
                line_search,
            } => Box::new(Planar(Lbfgs::new(history_size, line_search))),
            Kind::Projected => Box::new(Planar(Projected)),
            Kind::Penalty {
                mu,
                growth,
                every,
                mu_max,
                tol,
            } => Box::new(Planar(Penalty::new(mu, growth, every, mu_max, tol))),
            Kind::AugLag { mu, inner } => Box::new(Planar(AugmentedLagrangian::new(mu, inner))),
        }
    }

    /// The one knob besides lr worth tweaking live.
    pub fn main_hyperparameter(&self) -> Option<(&'static str, f64)> {
        match *self {
            Kind::Gd => None,
            Kind::Sgd { momentum, .. } => Some(("momentum", momentum)),
            Kind::Adagrad { lr_decay, .. } => Some(("lr_decay", lr_decay)),
            Kind::RmsProp { alpha, .. } => Some(("alpha", alpha)),
            Kind::Adam { beta1, .. }
            | Kind::NAdam { beta1, .. }
            | Kind::RAdam { beta1, .. }
            | Kind::Adamax { beta1, .. }
            | Kind::Lamb { beta1, .. }
            | Kind::Lion { beta1, .. } => Some(("beta1", beta1)),
            Kind::Adadelta { rho, .. } => Some(("rho", rho)),
            Kind::Newton { damping, .. } => Some(("damping", damping)),
            Kind::Lbfgs { history_size, .. } => Some(("history_size", history_size as f64)),
            Kind::Projected => None,
            Kind::Penalty { mu, .. } | Kind::AugLag { mu, .. } => Some(("mu", mu)),
        }
    }
}
