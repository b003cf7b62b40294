//! What identifies a run and what its status honestly is, shared by every widget that names
//! runs (legend table, one-line legend, footer).

use crate::analysis::CriticalKind;
use crate::optim::StateValue;
use crate::render::Rgb;
use crate::render::ticks::fmt_num;
use crate::run::RunStatus;
use crate::tui::app::App;
use crate::tui::racer::Racer;

/// Each run's label, extended until the labels on screen differ: the learning rate when only
/// it differs ("gd lr=0.1", "gd lr=0.45"), then the run's number.
pub fn labels(app: &App) -> Vec<String> {
    let mut out: Vec<String> = app.racers.iter().map(Racer::label).collect();
    let dup = |v: &[String], i: usize| v.iter().filter(|l| **l == v[i]).count() > 1;
    let with_lr: Vec<bool> = (0..out.len()).map(|i| dup(&out, i)).collect();
    for (i, r) in app.racers.iter().enumerate() {
        if with_lr[i] {
            out[i] = format!("{} lr={}", out[i], fmt_num(r.base.lr()));
        }
    }
    let still: Vec<bool> = (0..out.len()).map(|i| dup(&out, i)).collect();
    for (i, label) in out.iter_mut().enumerate() {
        if still[i] {
            label.push_str(&format!(" #{}", i + 1));
        }
    }
    out
}

/// How far a run's point is from the feasible set before it counts as outside it (in units
/// of g; the penalty method's 1/μ offset is well below it by the time it converges).
pub const FEASIBLE_TOL: f64 = 1e-3;

/// The worst constraint violation at the run's point (0 without constraints).
pub fn violation(app: &App, r: &Racer) -> f64 {
    let p = r.run.current().x;
    app.surface
        .constraints()
        .iter()
        .map(|c| c.violation(p))
        .fold(0.0, f64::max)
}

/// True when the surface has constraints and the run's point breaks one: its low loss is
/// not an answer to the constrained problem.
pub fn infeasible(app: &App, r: &Racer) -> bool {
    violation(app, r) > FEASIBLE_TOL
}

/// The multiplier estimates λ a constrained method keeps (the augmented Lagrangian's
/// `multipliers`), if it has any yet.
pub fn multipliers(r: &Racer) -> Option<Vec<f64>> {
    r.run
        .optimizer()
        .state()
        .into_iter()
        .find_map(|(name, v)| match (name, v) {
            ("multipliers", StateValue::Buffer(b)) if !b.is_empty() => Some(b.to_vec()),
            _ => None,
        })
}

/// The status in words, long ("saddle@10", "converged@25") or short (at most 10 characters),
/// and its colour: green only for a minimum reached; on a constrained surface a run outside
/// the feasible set reads "infeasible" in red, whatever its loss.
pub fn status(app: &App, r: &Racer, short: bool) -> (String, Rgb) {
    const GREEN: Rgb = Rgb(120, 230, 120);
    const AMBER: Rgb = Rgb(255, 200, 60);
    const RED: Rgb = Rgb(255, 110, 110);
    const PLAIN: Rgb = Rgb(220, 220, 220);
    let (long_text, short_text, color) = match r.run.status() {
        RunStatus::Diverged { step, .. } => {
            (format!("diverged@{step}"), format!("div@{step}"), RED)
        }
        _ if infeasible(app, r) => ("infeasible".into(), "infeasible".into(), RED),
        RunStatus::Running => ("running".into(), "running".into(), PLAIN),
        RunStatus::StepLimit { step } => (format!("stopped@{step}"), format!("stop@{step}"), PLAIN),
        RunStatus::Converged { step } => match r.run.converged_to() {
            Some(CriticalKind::Saddle) => {
                (format!("saddle@{step}"), format!("saddle@{step}"), AMBER)
            }
            Some(CriticalKind::Maximum) => {
                (format!("maximum@{step}"), format!("max@{step}"), AMBER)
            }
            Some(CriticalKind::Degenerate) => {
                (format!("degenerate@{step}"), format!("degen@{step}"), AMBER)
            }
            _ => (format!("converged@{step}"), format!("conv@{step}"), GREEN),
        },
    };
    (if short { short_text } else { long_text }, color)
}
