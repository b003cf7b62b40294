//! Reading `schedule=...` and its torch-named keys from a spec.

use super::params::Params;
use super::schedule::{
    Anneal, CyclicMode, LrSchedule, MomentumCycle, Schedule, ThresholdMode, Warmup,
};
use super::spec::{SCHEDULE_NAMES, SpecError};

/// The optimizers torch lets cycle_momentum drive (they have `momentum` or `betas`).
const CYCLES_MOMENTUM: &[&str] = &[
    "sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw", "nadam", "radam", "adamax", "lamb",
    "lion",
];

/// The keys of one schedule (torch's argument names).
pub fn schedule_keys(schedule: &str) -> &'static [&'static str] {
    match schedule {
        "step" => &["step_size", "gamma"],
        "exponential" => &["gamma"],
        "cosine" => &["t_max", "eta_min"],
        "cyclic" => &[
            "base_lr",
            "max_lr",
            "step_size_up",
            "step_size_down",
            "mode",
            "gamma",
            "cycle_momentum",
            "base_momentum",
            "max_momentum",
        ],
        "onecycle" => &[
            "max_lr",
            "total_steps",
            "pct_start",
            "anneal_strategy",
            "div_factor",
            "final_div_factor",
            "three_phase",
            "cycle_momentum",
            "base_momentum",
            "max_momentum",
        ],
        "plateau" => &[
            "factor",
            "patience",
            "threshold",
            "threshold_mode",
            "cooldown",
            "min_lr",
        ],
        _ => &[],
    }
}

pub(crate) fn parse_schedule(name: &str, lr: f64, p: &Params) -> Result<LrSchedule, SpecError> {
    let kind = p.raw("schedule").unwrap_or("constant");
    let required = |key: &str| -> SpecError {
        p.bad(
            "schedule",
            &format!("schedule={kind} needs {key}=... (torch has no default for it)"),
        )
    };
    let schedule = match kind {
        "constant" | "none" => Schedule::Constant,
        "step" => Schedule::Step {
            step_size: match p.opt_count("step_size")? {
                Some(n) => n as u64,
                None => return Err(required("step_size")),
            },
            gamma: p.non_negative("gamma", 0.1)?,
        },
        "exponential" => Schedule::Exponential {
            gamma: match p.opt_non_negative("gamma")? {
                Some(g) => g,
                None => return Err(required("gamma")),
            },
        },
        "cosine" => Schedule::Cosine {
            t_max: match p.opt_count("t_max")? {
                Some(n) => n as u64,
                None => return Err(required("t_max")),
            },
            eta_min: p.non_negative("eta_min", 0.0)?,
        },
        "cyclic" => {
            let up = p.count("step_size_up", 2000)? as f64;
            let down = match p.opt_count("step_size_down")? {
                Some(n) => n as f64,
                None => up,
            };
            // Newton's own `mode` key wins for newton; the cycle is then triangular.
            let mode = if name == "newton" {
                CyclicMode::Triangular
            } else {
                p.choice(
                    "mode",
                    &[
                        ("triangular", CyclicMode::Triangular),
                        ("triangular2", CyclicMode::Triangular2),
                        ("exp_range", CyclicMode::ExpRange),
                    ],
                    CyclicMode::Triangular,
                )?
            };
            Schedule::Cyclic {
                base_lr: p.non_negative("base_lr", lr)?,
                max_lr: match p.opt_non_negative("max_lr")? {
                    Some(m) => m,
                    None => return Err(required("max_lr")),
                },
                step_size_up: up,
                step_size_down: down,
                mode,
                gamma: p.non_negative("gamma", 1.0)?,
            }
        }
        "onecycle" => {
            let pct_start = p.unit_closed("pct_start", 0.3)?;
            Schedule::OneCycle {
                max_lr: p.non_negative("max_lr", lr)?,
                total_steps: match p.opt_count("total_steps")? {
                    Some(n) => n as u64,
                    None => return Err(required("total_steps")),
                },
                pct_start,
                anneal: p.choice(
                    "anneal_strategy",
                    &[("cos", Anneal::Cos), ("linear", Anneal::Linear)],
                    Anneal::Cos,
                )?,
                div_factor: p.positive("div_factor", 25.0)?,
                final_div_factor: p.positive("final_div_factor", 1e4)?,
                three_phase: p.boolean("three_phase", false)?,
            }
        }
        "plateau" => Schedule::Plateau {
            factor: {
                let f = p.non_negative("factor", 0.1)?;
                if f >= 1.0 {
                    return Err(p.bad("factor", "expected a number < 1 (as torch requires)"));
                }
                f
            },
            patience: p.whole("patience", 10)?,
            threshold: p.non_negative("threshold", 1e-4)?,
            threshold_mode: p.choice(
                "threshold_mode",
                &[("rel", ThresholdMode::Rel), ("abs", ThresholdMode::Abs)],
                ThresholdMode::Rel,
            )?,
            cooldown: p.whole("cooldown", 0)?,
            min_lr: p.non_negative("min_lr", 0.0)?,
        },
        _ => {
            return Err(p.bad(
                "schedule",
                &format!("expected one of {}", SCHEDULE_NAMES.join(", ")),
            ));
        }
    };
    let warmup = match p.opt_count("warmup")? {
        Some(n) => Some(Warmup {
            start_factor: {
                let s = p.non_negative("start_factor", 1.0 / 3.0)?;
                if s == 0.0 || s > 1.0 {
                    return Err(p.bad("start_factor", "expected a number in (0, 1]"));
                }
                s
            },
            total_iters: n as u64,
        }),
        None => None,
    };
    let momentum = match kind {
        "cyclic" | "onecycle" if p.boolean("cycle_momentum", false)? => {
            if !CYCLES_MOMENTUM.contains(&name) {
                return Err(p.bad(
                    "cycle_momentum",
                    &format!(
                        "'{name}' has no momentum or beta1 to cycle; optimizers that do: {}",
                        CYCLES_MOMENTUM.join(", ")
                    ),
                ));
            }
            let (base, max) = if kind == "cyclic" {
                (0.8, 0.9)
            } else {
                (0.85, 0.95)
            };
            Some(MomentumCycle {
                base: p.non_negative("base_momentum", base)?,
                max: p.non_negative("max_momentum", max)?,
            })
        }
        _ => None,
    };
    Ok(LrSchedule {
        base_lr: lr,
        schedule,
        warmup,
        momentum,
    })
}
