//! What identifies a run and what its status honestly is, shared by every widget that names
//! runs (legend table, one-line legend, footer).

use crate::analysis::{CriticalKind, classify};
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

/// What a converged run arrived at, from the Hessian at its end point (until runs report
/// it themselves).
pub fn converged_to(app: &App, r: &Racer) -> Option<CriticalKind> {
    match r.run.status() {
        RunStatus::Converged { .. } => {
            let h = app.surface.hessian(r.run.current().x);
            h.iter().all(|v| v.is_finite()).then(|| classify(h).kind)
        }
        _ => None,
    }
}

/// The status in words, long ("saddle@10", "converged@25") or short (at most 10 characters),
/// and its colour: green only for a minimum reached.
pub fn status(app: &App, r: &Racer, short: bool) -> (String, Rgb) {
    const GREEN: Rgb = Rgb(120, 230, 120);
    const AMBER: Rgb = Rgb(255, 200, 60);
    const RED: Rgb = Rgb(255, 110, 110);
    const PLAIN: Rgb = Rgb(220, 220, 220);
    let (long_text, short_text, color) = match r.run.status() {
        RunStatus::Running => ("running".into(), "running".into(), PLAIN),
        RunStatus::StepLimit { step } => (format!("stopped@{step}"), format!("stop@{step}"), PLAIN),
        RunStatus::Diverged { step, .. } => {
            (format!("diverged@{step}"), format!("div@{step}"), RED)
        }
        RunStatus::Converged { step } => match converged_to(app, r) {
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
