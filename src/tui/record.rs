//! Recording the visualizer: live sessions (`--record` on `tui` and `play`, real clock) and
//! lessons rendered without a terminal (`play --headless`, virtual clock, byte-for-byte
//! reproducible). Both are the one [`Driver`] with a [`Tee`] between the ratatui backend and
//! the terminal, so every frame drawn becomes one asciicast output event and every lesson
//! beat a marker.

use super::app::App;
use super::driver::{Driver, Sink};
use super::{Action, TuiError, live, terminal, ui};
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
        return live::run(app, io::stdout(), None).map(|_| ());
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
        recorder: recorder.clone(),
        size: (w, h),
    };
    live::run(app, out, Some(recorder)).map(|_| ())
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

/// A recording without a terminal: frames go through a [`Tee`] into the recorder, time
/// passes only when told.
pub struct CastSink<W: Write> {
    term: Terminal<CrosstermBackend<Tee<io::Sink, W>>>,
    recorder: SharedRecorder<W>,
    clock: VirtualClock,
}

impl<W: Write> CastSink<W> {
    /// A `width`×`height` recording into `out` in asciicast `version`, its header carrying
    /// `title`.
    pub fn new(
        width: u16,
        height: u16,
        title: String,
        version: CastVersion,
        out: W,
    ) -> io::Result<Self> {
        let clock = VirtualClock::new();
        let header = Header::new(width, height)
            .in_version(version)
            .with_title(title);
        let recorder = shared(Recorder::new(out, &header, clock.clone())?);
        let mut term = Terminal::with_options(
            CrosstermBackend::new(Tee::new(io::sink(), recorder.clone())),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )?;
        queue!(
            term.backend_mut(),
            Clear(ClearType::All),
            MoveTo(0, 0),
            Hide
        )?;
        Ok(Self {
            term,
            recorder,
            clock,
        })
    }

    /// Lets `seconds` of virtual time pass.
    pub fn wait(&self, seconds: f64) {
        self.clock
            .advance(Duration::from_secs_f64(seconds.max(0.0)));
    }

    /// Ends the recording (one last, invisible event keeps the final screen on until now) and
    /// returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        queue!(self.term.backend_mut(), Hide)?;
        self.term.backend_mut().flush()?;
        drop(self.term);
        let recorder = std::sync::Arc::try_unwrap(self.recorder)
            .map_err(|_| io::Error::other("the recording is still in use"))?;
        let recorder = recorder
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(recorder.into_inner())
    }
}

impl<W: Write> Sink for CastSink<W> {
    fn frame(&mut self, app: &App) -> io::Result<()> {
        self.term.draw(|f| ui::draw(app, f)).map(|_| ())
    }

    fn marker(&mut self, label: &str) -> io::Result<()> {
        with_recorder(&self.recorder, |r| r.marker(label))
    }
}

/// The pace of a headless lesson's run beats under `timing`.
pub fn pace(timing: &Timing) -> super::lesson_player::Pace {
    super::lesson_player::Pace::Frames {
        frame: timing.frame,
        steps_per_second: timing.steps_per_second,
        max_seconds: timing.max_run,
    }
}

/// Plays every beat of the lesson in `app` (opened on its first beat with [`pace`]`(timing)`)
/// on a `width`×`height` screen, as a user pressing PgDn after each caption would see it, and
/// writes the asciicast to `out`; the same lesson gives the same bytes.
pub fn record_headless<W: Write>(
    app: App,
    width: u16,
    height: u16,
    timing: Timing,
    version: CastVersion,
    out: W,
) -> io::Result<W> {
    let sink = CastSink::new(width, height, title(&app), version, out)?;
    let mut d = Driver::new(app, sink);
    d.act(Action::Resize(width, height))?;
    while let Some(beat) = current_beat(&d.app) {
        d.draw()?;
        let mut spent = 0.0;
        while d.app.lesson.as_ref().is_some_and(|p| p.pending > 0) {
            d.sink.wait(timing.frame);
            spent += timing.frame;
            d.act(Action::Tick(timing.frame))?;
            d.draw()?;
        }
        match beat.action {
            lesson::Action::Pause { seconds } => d.sink.wait(seconds),
            _ => {
                let hold = timing.hold(beat.caption.as_deref());
                d.sink.wait((hold - spent).max(timing.frame));
            }
        }
        if d.app.lesson.as_ref().is_none_or(|p| p.script.is_finished()) {
            break;
        }
        d.act(Action::LessonNext)?;
    }
    d.sink.wait(timing.end_hold);
    d.into_parts().1.finish()
}

fn current_beat(app: &App) -> Option<lesson::Beat> {
    app.lesson.as_ref()?.script.current().cloned()
}
