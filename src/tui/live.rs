//! The live clock: a background thread turns crossterm events and a 30 fps tick into
//! messages; the loop maps them to actions for the [`Driver`] and draws once per batch.

use super::driver::{Driver, Sink};
use super::{Action, App, TuiError, event, terminal, ui};
use crate::record::{SharedRecorder, with_recorder};
use crossterm::event::Event;
use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Frames per second while playing.
const FPS: f64 = 30.0;

/// The terminal as a sink; with a recorder, lesson beats become markers in the recording.
pub struct TerminalSink<W: Write> {
    term: terminal::Tui<W>,
    recorder: Option<SharedRecorder<File>>,
}

impl<W: Write> Sink for TerminalSink<W> {
    fn frame(&mut self, app: &App) -> io::Result<()> {
        self.term.draw(|f| ui::draw(app, f)).map(|_| ())
    }

    fn marker(&mut self, label: &str) -> io::Result<()> {
        match &self.recorder {
            Some(r) => with_recorder(r, |r| r.marker(label)),
            None => Ok(()),
        }
    }
}

/// Runs `app` on the terminal, drawing through `out` (stdout, or a writer that also records
/// it into `recorder`) until the user quits; the terminal is restored however it ends.
pub fn run<W: Write>(
    app: App,
    out: W,
    recorder: Option<SharedRecorder<File>>,
) -> Result<App, TuiError> {
    if !terminal::is_interactive() {
        return Err(TuiError::NotATerminal);
    }
    let term = terminal::init(out)?;
    let mut driver = Driver::with_worker(app, TerminalSink { term, recorder });
    let result = event_loop(&mut driver);
    terminal::restore();
    result.map(|()| driver.into_parts().0)
}

enum Message {
    Input(Event),
    Tick,
    Failed(io::Error),
}

fn event_loop<W: Write>(d: &mut Driver<TerminalSink<W>>) -> Result<(), TuiError> {
    let size = d.sink.term.size()?;
    d.act(Action::Resize(size.width, size.height))?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || input_thread(tx));
    let mut last = Instant::now();
    d.draw()?;
    while !d.app.quit {
        let Ok(first) = rx.recv() else { break };
        // Handle everything that queued up, then draw once.
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            let action = match msg {
                Message::Tick => {
                    let now = Instant::now();
                    let dt = now.duration_since(last).as_secs_f64();
                    last = now;
                    Some(Action::Tick(dt))
                }
                Message::Input(ev) => input_action(&d.app, ev),
                Message::Failed(e) => return Err(e.into()),
            };
            if let Some(a) = action {
                d.act(a)?;
            }
        }
        // A resize can land between two events: draw at the size the terminal has now.
        let size = d.sink.term.size()?;
        if (size.width, size.height) != d.app.size {
            d.act(Action::Resize(size.width, size.height))?;
        }
        d.draw()?;
    }
    Ok(())
}

/// The action for a terminal event in the app's current mode, if any.
fn input_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) => event::key_action(app.mode(), k),
        Event::Mouse(m) if app.mode() == event::Mode::Map => event::mouse_action(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// Polls crossterm for input and sends a tick every frame; ends when the app is gone.
fn input_thread(tx: mpsc::Sender<Message>) {
    let frame = Duration::from_secs_f64(1.0 / FPS);
    let mut next_tick = Instant::now() + frame;
    loop {
        let timeout = next_tick.saturating_duration_since(Instant::now());
        let msg = match crossterm::event::poll(timeout) {
            Ok(true) => match crossterm::event::read() {
                Ok(ev) => Some(Message::Input(ev)),
                Err(e) => Some(Message::Failed(e)),
            },
            Ok(false) => None,
            Err(e) => Some(Message::Failed(e)),
        };
        if let Some(m) = msg
            && tx.send(m).is_err()
        {
            return;
        }
        if Instant::now() >= next_tick {
            next_tick += frame;
            if next_tick < Instant::now() {
                next_tick = Instant::now() + frame;
            }
            if tx.send(Message::Tick).is_err() {
                return;
            }
        }
    }
}
