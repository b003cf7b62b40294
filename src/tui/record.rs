//! Recording the visualizer: live sessions (`--record` on `tui` and `play`, real clock) and
//! lessons rendered without a terminal (`play --headless`, virtual clock, byte-for-byte
//! reproducible). Both put a [`Tee`] between the ratatui backend and the terminal, so every
//! frame drawn becomes one asciicast output event.

use super::app::App;
use super::lesson_player::{next_beat, step_pending};
use super::{TuiError, terminal, ui, update};
use crate::lesson;
use crate::record::{
    CastVersion, Header, RealClock, Recorder, SharedRecorder, Tee, VirtualClock, shared,
    with_recorder,
};
use crossterm::{cursor::Hide, cursor::MoveTo, queue, terminal::Clear, terminal::ClearType};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::fs::File;
use std::io::{self, Stdout, Write};
use std::path::Path;
use std::time::Duration;

/// Runs the visualizer on `app`, recording to `path` when given: the header has the
/// terminal's size, the Unix time and TERM/SHELL; times come from the wall clock.
pub fn run(app: App, path: Option<&Path>, version: CastVersion) -> Result<(), TuiError> {
    let Some(path) = path else {
        return super::run_app(app, io::stdout()).map(|_| ());
    };
    if !terminal::is_interactive() {
        return Err(TuiError::NotATerminal);
    }
    let (w, h) = crossterm::terminal::size()?;
    let header = Header::new(w, h)
        .in_version(version)
        .with_title(title(&app))
        .live();
    let file = File::create(path).map_err(|source| TuiError::Recording {
        path: path.to_path_buf(),
        source,
    })?;
    let recorder = shared(Recorder::new(file, &header, RealClock::start())?);
    let out = LiveWriter {
        tee: Tee::new(io::stdout(), recorder.clone()),
        recorder,
        size: (w, h),
    };
    super::run_app(app, out).map(|_| ())
}

/// Stdout, recorded: each flush (one frame) is an output event, preceded by a resize event
/// when the terminal has changed size since the last frame.
struct LiveWriter {
    tee: Tee<Stdout, File>,
    recorder: SharedRecorder<File>,
    size: (u16, u16),
}

impl Write for LiveWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tee.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Ok(size) = crossterm::terminal::size()
            && size != self.size
        {
            self.size = size;
            with_recorder(&self.recorder, |r| r.resize(size.0, size.1))?;
        }
        self.tee.flush()
    }
}

fn title(app: &App) -> String {
    match &app.lesson {
        Some(p) => format!("losscape: {}", p.script.lesson().title),
        None => format!("losscape: {}", app.surface.name()),
    }
}

/// Virtual time of a headless lesson.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Time between two frames of an animated run.
    pub frame: f64,
    /// Steps per second a run beat is animated at...
    pub steps_per_second: f64,
    /// ...unless that would take longer than this: then faster.
    pub max_run: f64,
    /// A caption stays at least this long...
    pub min_hold: f64,
    /// ...plus this long per character...
    pub per_char: f64,
    /// ...and at most this long.
    pub max_hold: f64,
    /// The last screen stays this long.
    pub end_hold: f64,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            frame: 0.1,
            steps_per_second: 40.0,
            max_run: 4.0,
            min_hold: 2.0,
            per_char: 0.04,
            max_hold: 8.0,
            end_hold: 3.0,
        }
    }
}

impl Timing {
    /// How long a beat's caption stays on screen (0 for a beat without one).
    fn hold(&self, caption: Option<&str>) -> f64 {
        caption.map_or(0.0, |c| {
            (self.min_hold + self.per_char * c.chars().count() as f64).min(self.max_hold)
        })
    }
}

/// A chapter mark for players: "beat 3/9: the caption's first words…".
fn marker_label(app: &App, caption: Option<&str>) -> String {
    let progress = app
        .lesson
        .as_ref()
        .map(|p| p.progress())
        .unwrap_or_default();
    match caption {
        Some(c) if c.chars().count() > 48 => {
            let head: String = c.chars().take(47).collect();
            format!("{progress}: {}…", head.trim_end())
        }
        Some(c) => format!("{progress}: {c}"),
        None => progress,
    }
}

/// Plays every beat of the lesson in `app` (already at its first beat) on a `width`×`height`
/// screen and writes the asciicast to `out`; the same lesson gives the same bytes.
pub fn record_headless<W: Write>(
    app: &mut App,
    width: u16,
    height: u16,
    timing: Timing,
    version: CastVersion,
    out: W,
) -> io::Result<W> {
    let clock = VirtualClock::new();
    let title = title(app);
    let header = Header::new(width, height)
        .in_version(version)
        .with_title(title);
    let recorder = shared(Recorder::new(out, &header, clock.clone())?);
    let area = Rect::new(0, 0, width, height);
    let mut term = Terminal::with_options(
        CrosstermBackend::new(Tee::new(io::sink(), recorder.clone())),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    queue!(
        term.backend_mut(),
        Clear(ClearType::All),
        MoveTo(0, 0),
        Hide
    )?;
    update(app, crate::tui::Action::Resize(width, height));
    let wait = |s: f64| clock.advance(Duration::from_secs_f64(s.max(0.0)));
    let mut first = true;
    loop {
        if !first {
            next_beat(app);
        }
        first = false;
        let Some(beat) = app
            .lesson
            .as_ref()
            .and_then(|p| p.script.current().cloned())
        else {
            break;
        };
        app.sync_field();
        let label = marker_label(app, beat.caption.as_deref());
        with_recorder(&recorder, |r| r.marker(&label))?;
        term.draw(|f| ui::draw(app, f))?;
        let hold = timing.hold(beat.caption.as_deref());
        let mut spent = 0.0;
        if let lesson::Action::Run { steps } = beat.action {
            let frames = ((steps as f64 / timing.steps_per_second) / timing.frame)
                .min(timing.max_run / timing.frame)
                .ceil()
                .max(1.0);
            let per_frame = (steps as f64 / frames).ceil() as u64;
            while app.lesson.as_ref().is_some_and(|p| p.pending > 0) {
                wait(timing.frame);
                spent += timing.frame;
                step_pending(app, per_frame);
                term.draw(|f| ui::draw(app, f))?;
            }
        }
        if let lesson::Action::Pause { seconds } = beat.action {
            wait(seconds);
        } else {
            wait((hold - spent).max(timing.frame));
        }
        if app.lesson.as_ref().is_none_or(|p| p.script.is_finished()) {
            break;
        }
    }
    wait(timing.end_hold);
    // One last (invisible) event, so players keep the final screen for `end_hold`.
    queue!(term.backend_mut(), Hide)?;
    term.backend_mut().flush()?;
    drop(term);
    let recorder = std::sync::Arc::try_unwrap(recorder)
        .map_err(|_| io::Error::other("the recording is still in use"))?;
    let recorder = recorder
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Ok(recorder.into_inner())
}
