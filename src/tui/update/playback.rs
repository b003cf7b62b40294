//! The clock and the run controls: play, pause, step, reset, speed.

use crate::tui::action::Action;
use crate::tui::app::{App, SPEEDS};

/// At most this many steps per run per tick, so a slow surface cannot freeze the screen.
const MAX_STEPS_PER_TICK: usize = 2_000;

pub fn apply(app: &mut App, action: Action) {
    match action {
        Action::Tick(dt) => tick(app, dt),
        Action::TogglePlay => {
            app.playing = !app.playing;
            app.step_debt = 0.0;
        }
        Action::Step => pause_and_step(app, 1),
        Action::Steps(n) => pause_and_step(app, n),
        Action::Reset => {
            for r in &mut app.racers {
                let start = r.own_start.unwrap_or(app.start);
                r.run.restart(start);
            }
            app.step_debt = 0.0;
        }
        Action::Faster => app.speed = (app.speed + 1).min(SPEEDS.len() - 1),
        Action::Slower => app.speed = app.speed.saturating_sub(1),
        _ => {}
    }
}

fn tick(app: &mut App, dt: f64) {
    if !(app.playing && dt.is_finite() && dt > 0.0) {
        return;
    }
    app.step_debt += app.steps_per_second() * dt;
    let n = app.step_debt.floor();
    app.step_debt -= n;
    step_all(app, (n as usize).min(MAX_STEPS_PER_TICK));
}

fn pause_and_step(app: &mut App, n: usize) {
    app.playing = false;
    step_all(app, n);
}

/// Advances every run by up to `n` steps (a run that stops stays stopped).
pub fn step_all(app: &mut App, n: usize) {
    for r in &mut app.racers {
        for _ in 0..n {
            if !r.run.step() {
                break;
            }
        }
    }
}
