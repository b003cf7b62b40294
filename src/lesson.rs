//! Lessons: a scripted tour of a surface for a class or a recording.
//!
//! A lesson names a surface and a view, the optimizers to race (each with a start) and a
//! sequence of beats; each beat shows a caption and/or does one thing: run N steps, pause,
//! move the cursor, highlight a critical point, or zoom. The format (see `surfaces/lessons/`):
//!
//! ```toml
//! title = "Saddle points versus minima"
//! surface = "himmelblau"            # a built-in, or a surface file relative to this lesson
//! view = { x = [-2.0, 1.5], y = [-3.5, 0.0] }   # optional: the surface's own view
//!
//! [[optimizer]]
//! spec = "newton"                   # NAME[:key=value,...], as on the command line
//! start = [-0.3, -1.5]              # optional: the surface's start
//! enters = 8                        # optional: joins the race at beat 8 (not on screen before)
//!
//! [[beat]]
//! caption = "Newton jumps to where the gradient vanishes..."
//! run = 10                          # or: pause = 2.0 / cursor = [x, y] /
//!                                   #     highlight = [x, y] / zoom = { x = [..], y = [..] } /
//!                                   #     basins = 2 (optimizer 2's basin overlay; 0: off)
//! show = ["inspector"]              # optional: panels/overlays this beat opens (they stay
//!                                   # until a later `show`; `show = []` closes them)
//! readout = ["f"]                   # optional: live numbers of every run in the caption bar
//!                                   # (f, lambda, g, at), kept until a later `readout`
//! ```
//!
//! A lesson may also set `speed = 200` (steps per second of its run beats).
//!
//! [`LessonScript`] is the pure state the TUI drives: a position in the beat list that moves
//! forward and back, and [`LessonScript::state`], everything the screen should show at that
//! position — so going back is "reset the runs, replay `state().steps` steps".

mod beat;
mod parse;
mod spec;
mod surface;

pub use beat::{BEAT_KEYS, READOUT_NAMES, SHOW_NAMES};
pub use parse::{LESSON_KEYS, LessonError, OPTIMIZER_KEYS, load, parse_str};

use crate::optim::OptimizerSpec;
use crate::surface::{Point, Region, SharedSurface};

/// A loaded, validated lesson.
#[derive(Clone)]
pub struct Lesson {
    pub title: String,
    /// The surface as written in the file (a built-in name or a path).
    pub surface_name: String,
    pub surface: SharedSurface,
    /// The view at the start (before any zoom beat).
    pub view: Region,
    pub optimizers: Vec<LessonOptimizer>,
    pub beats: Vec<Beat>,
    /// Steps per second of the run beats (`speed = 200`), when the lesson sets it.
    pub speed: Option<f64>,
    /// The screen before the first beat: steps already taken, overlays, cursor, seed...
    pub scene: Option<crate::scene::Scene>,
}

/// One optimizer of the race.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonOptimizer {
    /// `NAME[:key=value,...]` as written in the lesson.
    pub spec: String,
    /// The same, parsed and validated.
    pub parsed: OptimizerSpec,
    pub start: Point,
    /// The beat (1-based) at which it joins the race; 0: from the start.
    pub enters: usize,
}

/// One step of the script: an optional caption and at most one action.
#[derive(Debug, Clone, PartialEq)]
pub struct Beat {
    pub caption: Option<String>,
    pub action: Action,
    /// Panels and overlays to open from this beat on (`show = [...]`), if it says.
    pub show: Option<Vec<String>>,
    /// Live numbers for the caption bar from this beat on (`readout = [...]`), if it says.
    pub readout: Option<Vec<String>>,
    /// 1-based line of the beat in the lesson file (for messages and a "beat 3/12" display).
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Only show the caption.
    None,
    /// Advance every optimizer by this many steps (animated by the TUI).
    Run { steps: u64 },
    /// Wait before the next beat when playing on its own (headless or auto-advance).
    Pause { seconds: f64 },
    /// Move the map cursor (the cursor panel shows f, ∇f and the Hessian there).
    Cursor(Point),
    /// Mark the critical point nearest this point.
    Highlight(Point),
    /// Show this region.
    Zoom(Region),
    /// Show the basin overlay of this optimizer (0-based), or none.
    Basins(Option<usize>),
}

/// What the screen shows after some beats have played.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonState {
    /// The latest caption so far (captions stay until replaced).
    pub caption: Option<String>,
    /// Total steps every optimizer has run.
    pub steps: u64,
    pub view: Region,
    pub cursor: Option<Point>,
    pub highlight: Option<Point>,
    /// What the latest `show` opened (empty: nothing asked for).
    pub show: Vec<String>,
    /// What the latest `readout` asked for (empty: none).
    pub readout: Vec<String>,
    /// The optimizer whose basins are shown.
    pub basins: Option<usize>,
}

/// A lesson and a position in it: the number of beats played, from 0 to `len()`.
#[derive(Clone)]
pub struct LessonScript {
    lesson: Lesson,
    position: usize,
}

impl LessonScript {
    pub fn new(lesson: Lesson) -> Self {
        Self {
            lesson,
            position: 0,
        }
    }

    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn len(&self) -> usize {
        self.lesson.beats.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lesson.beats.is_empty()
    }

    pub fn is_finished(&self) -> bool {
        self.position >= self.len()
    }

    /// Plays the next beat and returns it (for the TUI to animate), or `None` at the end.
    pub fn forward(&mut self) -> Option<&Beat> {
        let beat = self.lesson.beats.get(self.position)?;
        self.position += 1;
        Some(beat)
    }

    /// Un-plays the last beat; false at the beginning.
    pub fn back(&mut self) -> bool {
        if self.position == 0 {
            return false;
        }
        self.position -= 1;
        true
    }

    /// Moves to `position` (clamped to the script).
    pub fn jump(&mut self, position: usize) {
        self.position = position.min(self.len());
    }

    /// The beat played last, if any.
    pub fn current(&self) -> Option<&Beat> {
        self.position
            .checked_sub(1)
            .and_then(|i| self.lesson.beats.get(i))
    }

    /// True when optimizer `i` is in the race after the beats played so far.
    pub fn has_entered(&self, i: usize) -> bool {
        self.lesson
            .optimizers
            .get(i)
            .is_some_and(|o| o.enters <= self.position)
    }

    /// Steps optimizer `i` has run after the beats played so far (from the beat it entered).
    pub fn steps_of(&self, i: usize) -> u64 {
        let Some(o) = self.lesson.optimizers.get(i) else {
            return 0;
        };
        let from = o.enters.saturating_sub(1).min(self.position);
        self.lesson.beats[from..self.position]
            .iter()
            .map(|b| match b.action {
                Action::Run { steps } => steps,
                _ => 0,
            })
            .fold(0u64, u64::saturating_add)
    }

    /// Everything on screen after the beats played so far.
    pub fn state(&self) -> LessonState {
        let mut s = LessonState {
            caption: None,
            steps: 0,
            view: self.lesson.view,
            cursor: None,
            highlight: None,
            show: Vec::new(),
            readout: Vec::new(),
            basins: None,
        };
        for beat in &self.lesson.beats[..self.position] {
            if let Some(c) = &beat.caption {
                s.caption = Some(c.clone());
            }
            if let Some(v) = &beat.show {
                s.show = v.clone();
            }
            if let Some(v) = &beat.readout {
                s.readout = v.clone();
            }
            match beat.action {
                Action::None | Action::Pause { .. } => {}
                Action::Run { steps } => s.steps = s.steps.saturating_add(steps),
                Action::Cursor(p) => s.cursor = Some(p),
                Action::Highlight(p) => s.highlight = Some(p),
                Action::Zoom(r) => s.view = r,
                Action::Basins(b) => s.basins = b,
            }
        }
        s
    }
}
