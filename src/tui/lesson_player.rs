//! A lesson played in the visualizer: the script's position, the steps still to animate, and
//! whether the user has left the script to explore.
//!
//! Going forward plays one beat on top of what is on screen (a run beat is animated at the
//! current speed); going back, restarting or returning from exploring rebuilds the screen from
//! [`LessonScript::state`]: the lesson's runs from their starts, replayed to that many steps.
//! Any key that changes the runs, the view or the cursor leaves the script; the lesson keys
//! bring the user back to where they left it.

use super::TuiError;
use super::action::Action;
use super::app::{App, Caption, TuiOptions};
use super::racer::NoiseMode;
use crate::analysis::critical_points;
use crate::lesson::{self, Lesson, LessonScript};
use crate::render::ColorMode;
use crate::surface::Point;

/// At most this many steps per optimizer per tick while animating a run beat.
const MAX_STEPS_PER_TICK: u64 = 2_000;

pub struct LessonPlayer {
    pub script: LessonScript,
    /// Steps of the current run beat not yet animated.
    pub pending: u64,
    /// Fractional steps owed by the clock while animating.
    pub debt: f64,
    /// True once the user changed something the script controls.
    pub exploring: bool,
    /// The point the script asked to highlight (a critical point is marked near it).
    pub highlight: Option<Point>,
}

impl LessonPlayer {
    pub fn new(lesson: Lesson) -> Self {
        Self {
            script: LessonScript::new(lesson),
            pending: 0,
            debt: 0.0,
            exploring: false,
            highlight: None,
        }
    }

    /// The caption on screen: the latest one up to the current beat.
    pub fn caption(&self) -> Option<String> {
        self.script.state().caption
    }

    /// "beat 3/9" (0 before the first beat).
    pub fn progress(&self) -> String {
        format!("beat {}/{}", self.script.position(), self.script.len())
    }
}

/// A visualizer showing the lesson's first beat, paused.
pub fn app_for_lesson(
    lesson: Lesson,
    seed: u64,
    color: Option<ColorMode>,
) -> Result<App, TuiError> {
    let mut app = App::new(TuiOptions {
        specs: lesson.optimizers.iter().map(|o| o.spec.clone()).collect(),
        seed,
        color,
        ..TuiOptions::default()
    })?;
    app.set_surface(lesson.surface.clone());
    app.critical = critical_points(lesson.surface.as_ref(), lesson.view);
    app.lesson = Some(LessonPlayer::new(lesson));
    restore(&mut app);
    next_beat(&mut app);
    app.sync_field();
    Ok(app)
}

/// Handles `action` when a lesson is playing; true when nothing else should happen.
/// Other actions that change what the script controls mark the player as exploring.
pub fn intercept(app: &mut App, action: Action) -> bool {
    if app.lesson.is_none() {
        return false;
    }
    let handled = handle(app, action);
    sync_caption(app);
    handled
}

fn handle(app: &mut App, action: Action) -> bool {
    let steps_per_second = app.steps_per_second();
    let Some(player) = app.lesson.as_mut() else {
        return false;
    };
    match action {
        Action::LessonNext => {
            if player.exploring {
                restore(app);
            } else {
                next_beat(app);
            }
            true
        }
        Action::LessonBack => {
            if !player.exploring {
                player.script.back();
            }
            restore(app);
            true
        }
        Action::LessonRestart => {
            player.script.jump(0);
            restore(app);
            true
        }
        Action::Tick(dt) if player.pending > 0 && !player.exploring && !app.playing => {
            if dt.is_finite() && dt > 0.0 {
                player.debt += steps_per_second * dt;
                let n = player.debt.floor();
                player.debt -= n;
                step_pending(app, (n as u64).min(MAX_STEPS_PER_TICK));
            }
            true
        }
        a if leaves_script(a) => {
            player.exploring = true;
            player.pending = 0;
            false
        }
        _ => false,
    }
}

/// Actions that only look (help, panels, selection, speed, resize) keep the user in the script.
fn leaves_script(a: Action) -> bool {
    !matches!(
        a,
        Action::Quit
            | Action::Tick(_)
            | Action::Faster
            | Action::Slower
            | Action::ToggleArrows
            | Action::ToggleHessianAxes
            | Action::ToggleLabels
            | Action::ToggleContours
            | Action::ToggleCritical
            | Action::CycleScale
            | Action::NextPanel
            | Action::ToggleHelp
            | Action::Select(_)
            | Action::NextOptimizer
            | Action::OpenSurfaces
            | Action::OpenAddOptimizer
            | Action::MenuUp
            | Action::MenuDown
            | Action::CloseMenu
            | Action::Resize(..)
    )
}

/// Plays the next beat on top of the screen: a run beat's steps are queued for the clock
/// (what a previous run beat still owed is done at once first).
pub fn next_beat(app: &mut App) {
    let owed = app.lesson.as_ref().map_or(0, |p| p.pending);
    step_pending(app, owed);
    let Some(player) = app.lesson.as_mut() else {
        return;
    };
    let Some(beat) = player.script.forward() else {
        app.message = Some("end of the lesson: PgUp goes back, Home restarts, q quits".into());
        return;
    };
    match beat.action {
        lesson::Action::None | lesson::Action::Pause { .. } => {}
        lesson::Action::Run { steps } => {
            player.pending = steps;
            player.debt = 0.0;
        }
        lesson::Action::Cursor(p) => app.cursor = p,
        lesson::Action::Highlight(p) => player.highlight = Some(p),
        lesson::Action::Zoom(r) => app.view = r,
    }
    sync_caption(app);
}

/// Advances every run by up to `n` of the pending steps; returns how many were taken.
pub fn step_pending(app: &mut App, n: u64) -> u64 {
    let Some(player) = app.lesson.as_mut() else {
        return 0;
    };
    let n = n.min(player.pending);
    player.pending -= n;
    step_all(app, n);
    sync_caption(app);
    n
}

/// Puts the lesson's caption under the map: the latest caption, and on the frame the title,
/// the beat, and what the lesson keys do now.
pub fn sync_caption(app: &mut App) {
    let Some(player) = &app.lesson else {
        app.caption = None;
        return;
    };
    let lesson = player.script.lesson();
    let state = if player.exploring {
        "exploring: Enter returns"
    } else if player.script.is_finished() && player.pending == 0 {
        "the end"
    } else {
        "PgDn next"
    };
    let text = player
        .caption()
        .unwrap_or_else(|| format!("{}. Press PgDn or Enter to begin.", lesson.title));
    app.caption = Some(Caption {
        title: format!("{} · {} · {state}", lesson.title, player.progress()),
        text,
    });
}

fn step_all(app: &mut App, n: u64) {
    for r in &mut app.racers {
        for _ in 0..n {
            if !r.run.step() {
                break;
            }
        }
    }
}

/// Rebuilds the screen the script shows at its position: the lesson's surface, optimizers from
/// their starts replayed to the script's steps, its view, cursor and highlight; paused.
pub fn restore(app: &mut App) {
    let Some(player) = app.lesson.as_mut() else {
        return;
    };
    let state = player.script.state();
    let lesson = player.script.lesson().clone();
    player.pending = 0;
    player.debt = 0.0;
    player.exploring = false;
    player.highlight = state.highlight;
    if app.surface.name() != lesson.surface.name() {
        app.set_surface(lesson.surface.clone());
        app.critical = critical_points(lesson.surface.as_ref(), lesson.view);
    }
    app.noise = NoiseMode::Exact;
    app.playing = false;
    app.step_debt = 0.0;
    app.menu = None;
    app.racers.clear();
    for opt in &lesson.optimizers {
        let before = app.racers.len();
        app.push_racer(opt.parsed.clone());
        if let Some(r) = app.racers.get_mut(before) {
            r.own_start = Some(opt.start);
            r.run.restart(opt.start);
        }
    }
    app.selected = app.selected.min(app.racers.len().saturating_sub(1));
    app.start = lesson.optimizers.first().map_or(app.start, |o| o.start);
    step_all(app, state.steps);
    app.view = state.view;
    app.cursor = state.cursor.unwrap_or(app.start);
    sync_caption(app);
}

/// The critical point the script highlights: the one nearest the highlight's point, or the
/// point itself when none was found near it (within a tenth of the view).
pub fn highlighted(app: &App) -> Option<Point> {
    let p = app.lesson.as_ref()?.highlight?;
    let near = app
        .critical
        .iter()
        .map(|c| c.point)
        .min_by(|a, b| (a - p).norm().total_cmp(&(b - p).norm()))
        .filter(|c| (c - p).norm() <= 0.1 * app.view.width().max(app.view.height()));
    Some(near.unwrap_or(p))
}
