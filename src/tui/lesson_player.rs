//! A lesson played in the visualizer: the script's position, the steps still to animate, and
//! whether the user has left the script to explore.
//!
//! Going forward plays one beat on top of what is on screen (a run beat is animated at the
//! current speed); going back, restarting or returning from exploring rebuilds the screen from
//! [`LessonScript::state`]: the lesson's runs from their starts, replayed to that many steps.
//! Any key that changes the runs, the view or the cursor leaves the script; the lesson keys
//! bring the user back to where they left it.

use super::action::Action;
use super::app::{App, Caption, Panel, SPEEDS};
use super::racer::NoiseMode;
use crate::lesson::{self, Lesson, LessonScript};
use crate::surface::Point;

/// At most this many steps per optimizer per tick while animating a run beat.
const MAX_STEPS_PER_TICK: u64 = 2_000;

/// How a run beat is animated by the clock.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Pace {
    /// At the visualizer's speed (`[` `]`), as the user set it.
    #[default]
    Speed,
    /// In whole frames of `frame` seconds, at `steps_per_second`, unless that would take
    /// longer than `max_seconds`: then faster (a recording keeps long runs short).
    Frames {
        frame: f64,
        steps_per_second: f64,
        max_seconds: f64,
    },
}

impl Pace {
    /// Steps per frame for a run beat of `steps` ([`Pace::Frames`] only).
    fn steps_per_frame(self, steps: u64) -> Option<u64> {
        let Pace::Frames {
            frame,
            steps_per_second,
            max_seconds,
        } = self
        else {
            return None;
        };
        let frames = ((steps as f64 / steps_per_second) / frame)
            .min(max_seconds / frame)
            .ceil()
            .max(1.0);
        Some((steps as f64 / frames).ceil() as u64)
    }
}

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

    /// The steps the clock owes after `dt` seconds: at `steps_per_second` (the visualizer's
    /// speed), or in whole frames.
    fn owed(&mut self, dt: f64, steps_per_second: f64) -> u64 {
        match self.pace {
            Pace::Speed => {
                self.debt += steps_per_second * dt;
                let n = self.debt.floor();
                self.debt -= n;
                (n as u64).min(MAX_STEPS_PER_TICK)
            }
            // The frame count was bounded when the beat started: no cap here.
            Pace::Frames { frame, .. } => {
                self.debt += dt / frame;
                let n = self.debt.floor();
                self.debt -= n;
                (n as u64).saturating_mul(self.per_frame)
            }
        }
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
    let pace = match (pace, lesson.speed) {
        (
            Pace::Frames {
                frame, max_seconds, ..
            },
            Some(v),
        ) => Pace::Frames {
            frame,
            steps_per_second: v,
            max_seconds,
        },
        (pace, _) => pace,
    };
    if let Some(v) = lesson.speed {
        app.speed = nearest_speed(v);
    }
    app.lesson = Some(LessonPlayer::new(lesson, pace));
    restore(app);
    next_beat(app);
}

/// The index of the speed key's setting nearest `v` steps per second (by ratio).
fn nearest_speed(v: f64) -> usize {
    (0..SPEEDS.len())
        .min_by(|&a, &b| {
            let d = |i: usize| (SPEEDS[i] / v).ln().abs();
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(0)
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

/// Plays the next beat on top of the screen: a run beat's steps are queued for the clock
/// (what a previous run beat still owed is done at once first).
pub fn next_beat(app: &mut App) {
    let owed = app.lesson.as_ref().map_or(0, |p| p.pending);
    step_pending(app, owed);
    let Some(player) = app.lesson.as_mut() else {
        return;
    };
    let Some(beat) = player.script.forward().cloned() else {
        app.message = Some("end of the lesson: PgUp goes back, Home restarts, q quits".into());
        return;
    };
    let show = beat.show;
    let entering: Vec<usize> = (0..player.script.lesson().optimizers.len())
        .filter(|&i| player.script.lesson().optimizers[i].enters == player.script.position())
        .collect();
    match beat.action {
        lesson::Action::None | lesson::Action::Pause { .. } => {}
        lesson::Action::Run { steps } => {
            player.pending = steps;
            player.per_frame = player.pace.steps_per_frame(steps).unwrap_or(0);
            player.debt = 0.0;
        }
        lesson::Action::Cursor(p) => app.cursor = p,
        lesson::Action::Highlight(p) => player.highlight = Some(p),
        lesson::Action::Zoom(r) => app.view = r,
        lesson::Action::Basins(b) => crate::tui::many::show_basins(app, b),
    }
    for i in entering {
        enter(app, i);
    }
    if let Some(names) = show {
        apply_show(app, &names);
    }
    sync_caption(app);
}

/// Adds lesson optimizer `i` to the race, from its own start.
fn enter(app: &mut App, i: usize) {
    let Some(opt) = app
        .lesson
        .as_ref()
        .and_then(|p| p.script.lesson().optimizers.get(i).cloned())
    else {
        return;
    };
    let before = app.racers.len();
    app.push_racer(opt.parsed);
    if let Some(r) = app.racers.get_mut(before) {
        r.own_start = Some(opt.start);
        r.run.restart(opt.start);
    }
}

/// Opens what a beat's `show` names: a panel gets the focus (on small screens, the strip
/// under the map), overlays are turned on; what the lesson opened before and no longer
/// names closes.
fn apply_show(app: &mut App, names: &[String]) {
    let panel = names.iter().find_map(|n| match n.as_str() {
        "optimizers" => Some(Panel::Legend),
        "loss" => Some(Panel::Loss),
        "inspector" => Some(Panel::Inspector),
        "data" if app.is_data_surface() => Some(Panel::Data),
        _ => None,
    });
    let had = app.lesson.as_ref().and_then(|p| p.opened_panel);
    match panel {
        Some(p) => app.panel = p,
        None if had.is_some_and(|h| h == app.panel) => app.panel = Panel::None,
        None => {}
    }
    let has = |n: &str| names.iter().any(|m| m == n);
    if let Some(player) = app.lesson.as_mut() {
        player.opened_panel = panel;
        for (name, on) in [
            ("arrows", &mut app.overlays.arrows),
            ("hessian-axes", &mut app.overlays.hessian_axes),
            ("critical", &mut app.overlays.critical),
        ] {
            let was = player.opened_overlays.iter().any(|o| o == name);
            if has(name) {
                *on = true;
            } else if was {
                *on = false;
            }
        }
        let before = std::mem::replace(&mut player.opened_overlays, names.to_vec());
        // The teaching instruments (anatomy, sharpness, slices...) open and close the same way.
        super::instruments::apply_show(app, names, &before);
    }
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
    let pause = matches!(
        player.script.current().map(|b| &b.action),
        Some(lesson::Action::Pause { .. })
    );
    // A recording plays itself: no key to press, nothing paused.
    let state = if player.plays_itself() {
        None
    } else if player.exploring {
        Some("exploring: Enter returns")
    } else if player.script.is_finished() && player.pending == 0 {
        Some("the end")
    } else if pause {
        Some("a pause: look at the map; PgDn to go on")
    } else {
        Some("PgDn next")
    };
    let text = player
        .caption()
        .unwrap_or_else(|| opening_text(&lesson.title));
    let mut title = format!("{} · {}", lesson.title, player.progress());
    if let Some(state) = state {
        title.push_str(&format!(" · {state}"));
    }
    app.caption = Some(Caption { title, text });
}

/// The caption before the first beat.
pub fn opening_text(title: &str) -> String {
    format!("{title}. Press PgDn or Enter to begin.")
}

fn step_all(app: &mut App, n: u64) {
    super::update::step_all(app, usize::try_from(n).unwrap_or(usize::MAX));
}

/// A chapter mark for players: "beat 3/9: the caption's first words…" (None before the first
/// beat or without a lesson).
pub fn marker_label(app: &App) -> Option<String> {
    let player = app.lesson.as_ref()?;
    let beat = player.script.current()?;
    let progress = player.progress();
    Some(match beat.caption.as_deref() {
        Some(c) if c.chars().count() > 48 => {
            let head: String = c.chars().take(47).collect();
            format!("{progress}: {}…", head.trim_end())
        }
        Some(c) => format!("{progress}: {c}"),
        None => progress,
    })
}

/// Rebuilds the screen the script shows at its position: the lesson's surface, optimizers from
/// their starts replayed to the script's steps, its view, cursor and highlight; paused.
pub fn restore(app: &mut App) {
    let Some(player) = app.lesson.as_mut() else {
        return;
    };
    let state = player.script.state();
    let script = player.script.clone();
    let lesson = script.lesson().clone();
    player.pending = 0;
    player.debt = 0.0;
    player.exploring = false;
    player.highlight = state.highlight;
    if app.surface.name() != lesson.surface.name() {
        app.set_surface_in(lesson.surface.clone(), lesson.view);
    }
    app.noise = NoiseMode::Exact;
    app.playing = false;
    app.step_debt = 0.0;
    app.menu = None;
    app.racers.clear();
    for (i, opt) in lesson.optimizers.iter().enumerate() {
        if !script.has_entered(i) {
            continue;
        }
        let before = app.racers.len();
        app.push_racer(opt.parsed.clone());
        if let Some(r) = app.racers.get_mut(before) {
            r.own_start = Some(opt.start);
            r.run.restart(opt.start);
            for _ in 0..script.steps_of(i) {
                if !r.run.step() {
                    break;
                }
            }
        }
    }
    app.selected = app.selected.min(app.racers.len().saturating_sub(1));
    app.start = lesson.optimizers.first().map_or(app.start, |o| o.start);
    // The lesson's opening scene, if it has one (steps taken, seed, overlays, ...): it
    // rebuilds the race as the scene had it.
    let scene = lesson.scene.as_ref();
    if scene.is_some() {
        super::scene::arrange(app, &lesson.optimizers, scene);
        step_all(app, state.steps);
    }
    app.view = state.view;
    app.cursor = state
        .cursor
        .or(scene.and_then(|s| s.cursor))
        .unwrap_or(app.start);
    if lesson.beats.iter().any(|b| b.show.is_some()) {
        apply_show(app, &state.show);
    }
    crate::tui::many::show_basins(app, state.basins);
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
