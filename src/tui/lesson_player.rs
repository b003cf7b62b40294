//! A lesson played in the visualizer: the script's position, the steps still to animate, and
//! whether the user has left the script to explore.
//!
//! Going forward plays one beat on top of what is on screen (a run beat is animated at the
//! current speed); going back, restarting or returning from exploring rebuilds the screen from
//! [`LessonScript::state`]: the lesson's runs from their starts, replayed to that many steps.
//! Any key that changes the runs, the view or the cursor leaves the script; the lesson keys
//! bring the user back to where they left it.
//!
//! The clock of a run beat is in `pace`, playing a beat in `beat`, rebuilding the screen in
//! `restore`, the caption bar and chapter marks in `caption`.

mod beat;
mod caption;
mod pace;
mod restore;

pub use beat::next_beat;
pub use caption::{marker_label, opening_text, sync_caption};
pub use pace::Pace;
pub use restore::restore;

use super::action::Action;
use super::app::{App, Panel};
use crate::lesson::{Lesson, LessonScript};
use crate::surface::Point;

pub struct LessonPlayer {
    pub script: LessonScript,
    pub pace: Pace,
    /// Steps of the current run beat not yet animated.
    pub pending: u64,
    /// Steps per frame of the current run beat under [`Pace::Frames`].
    pub per_frame: u64,
    /// Steps (or, under [`Pace::Frames`], frames) owed by the clock while animating.
    pub debt: f64,
    /// True once the user changed something the script controls.
    pub exploring: bool,
    /// The point the script asked to highlight (a critical point is marked near it).
    pub highlight: Option<Point>,
    /// The panel the script's `show` opened (closed again when a later beat no longer names
    /// it), and the overlays it turned on.
    pub opened_panel: Option<Panel>,
    pub opened_overlays: Vec<String>,
}

impl LessonPlayer {
    pub fn new(lesson: Lesson, pace: Pace) -> Self {
        Self {
            script: LessonScript::new(lesson),
            pace,
            pending: 0,
            per_frame: 0,
            debt: 0.0,
            exploring: false,
            highlight: None,
            opened_panel: None,
            opened_overlays: Vec::new(),
        }
    }

    /// The caption on screen: the latest one up to the current beat.
    pub fn caption(&self) -> Option<String> {
        self.script.state().caption
    }

    /// True when the lesson plays itself (a headless recording): no key hints on screen.
    pub fn plays_itself(&self) -> bool {
        matches!(self.pace, Pace::Frames { .. })
    }

    /// True while a run beat is being animated by the clock.
    pub fn animating(&self) -> bool {
        self.pending > 0 && !self.exploring
    }

    /// "beat 3/9" (0 before the first beat).
    pub fn progress(&self) -> String {
        format!("beat {}/{}", self.script.position(), self.script.len())
    }
}

/// Starts `lesson` in `app` (built from [`Setup::lesson`](super::Setup::lesson)): its first
/// beat on screen, paused.
pub fn open(app: &mut App, lesson: Lesson, pace: Pace) {
    let pace = pace.at_lesson_speed(lesson.speed);
    if let Some(v) = lesson.speed {
        app.speed = pace::nearest_speed(v);
    }
    app.lesson = Some(LessonPlayer::new(lesson, pace));
    restore(app);
    next_beat(app);
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
        // From exploring too: the beat before the one left (the README's promise).
        Action::LessonBack => {
            player.script.back();
            restore(app);
            true
        }
        // The opening beat, as `play` shows it.
        Action::LessonRestart => {
            player.script.jump(0);
            restore(app);
            next_beat(app);
            true
        }
        Action::Tick(dt) if player.pending > 0 && !player.exploring && !app.playing => {
            if dt.is_finite() && dt > 0.0 {
                let n = player.owed(dt, steps_per_second);
                step_pending(app, n);
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
            | Action::ToggleCurvature
            | Action::ToggleForecast
            | Action::ToggleSharpness
            | Action::ToggleAnatomy
            | Action::CycleSlice
            | Action::CycleScale
            | Action::NextPanel
            | Action::ShowPanel(_)
            | Action::ToggleHelp
            | Action::Select(_)
            | Action::NextOptimizer
            | Action::OpenSurfaces
            | Action::OpenAddOptimizer
            | Action::MenuUp
            | Action::MenuDown
            | Action::CloseMenu
            | Action::Resize(..)
            | Action::SaveScene
    )
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

fn step_all(app: &mut App, n: u64) {
    super::update::step_all(app, usize::try_from(n).unwrap_or(usize::MAX));
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
