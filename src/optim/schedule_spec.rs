//! Reading `schedule=...` and its torch-named keys from a spec: one table entry per schedule.

use super::params::Params;
use super::registry::{Entry, REGISTRY};
use super::schedule::{
    Anneal, CyclicMode, LrSchedule, MomentumCycle, Schedule, ThresholdMode, Warmup,
};
use super::spec::SpecError;

/// One schedule `schedule=` names: its keys (torch's argument names) and its parser.
struct ScheduleEntry {
    name: &'static str,
    keys: &'static [&'static str],
    parse: fn(&Ctx) -> Result<Schedule, SpecError>,
}

/// What a schedule's parser reads: the optimizer, its base lr, the spec's pairs.
struct Ctx<'a, 'p> {
    entry: &'a Entry,
    lr: f64,
    p: &'a Params<'p>,
}

const CYCLE_MOMENTUM: [&str; 3] = ["cycle_momentum", "base_momentum", "max_momentum"];

const SCHEDULES: &[ScheduleEntry] = &[
    ScheduleEntry {
        name: "constant",
        keys: &[],
        parse: |_| Ok(Schedule::Constant),
    },
    ScheduleEntry {
        name: "step",
        keys: &["step_size", "gamma"],
        parse: |c| {
            Ok(Schedule::Step {
                step_size: c.required_count("step_size")?,
                gamma: c.p.non_negative("gamma", 0.1)?,
            })
        },
    },
    ScheduleEntry {
        name: "exponential",
        keys: &["gamma"],
        parse: |c| {
            let gamma = c.p.opt_non_negative("gamma")?;
            Ok(Schedule::Exponential {
                gamma: gamma.ok_or_else(|| c.required("gamma"))?,
            })
        },
    },
    ScheduleEntry {
        name: "cosine",
        keys: &["t_max", "eta_min"],
        parse: |c| {
            Ok(Schedule::Cosine {
                t_max: c.required_count("t_max")?,
                eta_min: c.p.non_negative("eta_min", 0.0)?,
            })
        },
    },
    ScheduleEntry {
        name: "cyclic",
        keys: &[
            "base_lr",
            "max_lr",
            "step_size_up",
            "step_size_down",
            "mode",
            "gamma",
            CYCLE_MOMENTUM[0],
            CYCLE_MOMENTUM[1],
            CYCLE_MOMENTUM[2],
        ],
        parse: cyclic,
    },
    ScheduleEntry {
        name: "onecycle",
        keys: &[
            "max_lr",
            "total_steps",
            "pct_start",
            "anneal_strategy",
            "div_factor",
            "final_div_factor",
            "three_phase",
            CYCLE_MOMENTUM[0],
            CYCLE_MOMENTUM[1],
            CYCLE_MOMENTUM[2],
        ],
        parse: onecycle,
    },
    ScheduleEntry {
        name: "plateau",
        keys: &[
            "factor",
            "patience",
            "threshold",
            "threshold_mode",
            "cooldown",
            "min_lr",
        ],
        parse: plateau,
    },
];

/// The schedule names `schedule=` accepts (`none` is `constant`).
pub fn schedule_names() -> impl Iterator<Item = &'static str> {
    SCHEDULES.iter().map(|s| s.name)
}

fn find(name: &str) -> Option<&'static ScheduleEntry> {
    let name = if name == "none" { "constant" } else { name };
    SCHEDULES.iter().find(|s| s.name == name)
}

/// The keys of one schedule (torch's argument names).
pub fn schedule_keys(schedule: &str) -> &'static [&'static str] {
    find(schedule).map_or(&[], |s| s.keys)
}

impl Ctx<'_, '_> {
    fn kind(&self) -> &str {
        self.p.raw("schedule").unwrap_or("constant")
    }

    fn required(&self, key: &str) -> SpecError {
        let why = format!(
            "schedule={} needs {key}=... (torch has no default for it)",
            self.kind()
        );
        self.p.bad("schedule", &why)
    }

    fn required_count(&self, key: &str) -> Result<u64, SpecError> {
        let n = self.p.opt_count(key)?;
        n.map(|n| n as u64).ok_or_else(|| self.required(key))
    }
}

fn cyclic(c: &Ctx) -> Result<Schedule, SpecError> {
    let p = c.p;
    let up = p.count("step_size_up", 2000)? as f64;
    let down = p.opt_count("step_size_down")?.map_or(up, |n| n as f64);
    // An optimizer's own `mode` key (newton's) wins; the cycle is then triangular.
    let mode = if c.entry.key("mode").is_some() {
        CyclicMode::Triangular
    } else {
        let modes = [
            ("triangular", CyclicMode::Triangular),
            ("triangular2", CyclicMode::Triangular2),
            ("exp_range", CyclicMode::ExpRange),
        ];
        p.choice("mode", &modes, CyclicMode::Triangular)?
    };
    let max_lr = p.opt_non_negative("max_lr")?;
    Ok(Schedule::Cyclic {
        base_lr: p.non_negative("base_lr", c.lr)?,
        max_lr: max_lr.ok_or_else(|| c.required("max_lr"))?,
        step_size_up: up,
        step_size_down: down,
        mode,
        gamma: p.non_negative("gamma", 1.0)?,
    })
}

fn onecycle(c: &Ctx) -> Result<Schedule, SpecError> {
    let p = c.p;
    let anneals = [("cos", Anneal::Cos), ("linear", Anneal::Linear)];
    Ok(Schedule::OneCycle {
        max_lr: p.non_negative("max_lr", c.lr)?,
        total_steps: c.required_count("total_steps")?,
        pct_start: p.unit_closed("pct_start", 0.3)?,
        anneal: p.choice("anneal_strategy", &anneals, Anneal::Cos)?,
        div_factor: p.positive("div_factor", 25.0)?,
        final_div_factor: p.positive("final_div_factor", 1e4)?,
        three_phase: p.boolean("three_phase", false)?,
    })
}

fn plateau(c: &Ctx) -> Result<Schedule, SpecError> {
    let p = c.p;
    let factor = p.non_negative("factor", 0.1)?;
    if factor >= 1.0 {
        return Err(p.bad("factor", "expected a number < 1 (as torch requires)"));
    }
    let modes = [("rel", ThresholdMode::Rel), ("abs", ThresholdMode::Abs)];
    Ok(Schedule::Plateau {
        factor,
        patience: p.whole("patience", 10)?,
        threshold: p.non_negative("threshold", 1e-4)?,
        threshold_mode: p.choice("threshold_mode", &modes, ThresholdMode::Rel)?,
        cooldown: p.whole("cooldown", 0)?,
        min_lr: p.non_negative("min_lr", 0.0)?,
    })
}

fn warmup(p: &Params) -> Result<Option<Warmup>, SpecError> {
    let Some(n) = p.opt_count("warmup")? else {
        return Ok(None);
    };
    let s = p.non_negative("start_factor", 1.0 / 3.0)?;
    if s == 0.0 || s > 1.0 {
        return Err(p.bad("start_factor", "expected a number in (0, 1]"));
    }
    Ok(Some(Warmup {
        start_factor: s,
        total_iters: n as u64,
    }))
}

fn momentum_cycle(c: &Ctx, kind: &str) -> Result<Option<MomentumCycle>, SpecError> {
    let p = c.p;
    if !matches!(kind, "cyclic" | "onecycle") || !p.boolean("cycle_momentum", false)? {
        return Ok(None);
    }
    if !c.entry.cycles_momentum {
        let able: Vec<&str> = REGISTRY
            .iter()
            .filter(|e| e.cycles_momentum)
            .map(|e| e.name)
            .collect();
        let why = format!(
            "'{}' has no momentum or beta1 to cycle; optimizers that do: {}",
            c.entry.name,
            able.join(", ")
        );
        return Err(p.bad("cycle_momentum", &why));
    }
    let (base, max) = if kind == "cyclic" {
        (0.8, 0.9)
    } else {
        (0.85, 0.95)
    };
    Ok(Some(MomentumCycle {
        base: p.non_negative("base_momentum", base)?,
        max: p.non_negative("max_momentum", max)?,
    }))
}

pub(crate) fn parse_schedule(entry: &Entry, lr: f64, p: &Params) -> Result<LrSchedule, SpecError> {
    let c = Ctx { entry, lr, p };
    let kind = c.kind();
    let Some(s) = find(kind) else {
        let names: Vec<&str> = schedule_names().collect();
        let why = format!("expected one of {}", names.join(", "));
        return Err(p.bad("schedule", &why));
    };
    Ok(LrSchedule {
        base_lr: lr,
        schedule: (s.parse)(&c)?,
        warmup: warmup(p)?,
        momentum: momentum_cycle(&c, s.name)?,
    })
}
