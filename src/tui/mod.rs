//! The interactive terminal shell: state (`App`), actions, drawing, the event loop.
//!
//! `App` holds everything a frame needs; `update(&mut App, Action)` is the only way it
//! changes; `ui::draw(&App, &mut Frame)` shows it. Only [`run`] does IO: a background thread
//! turns crossterm events and a clock into messages, the loop maps them to actions.

pub mod action;
pub mod app;
pub mod event;
pub mod hyper;
pub mod layout;
pub mod lesson_player;
pub mod racer;
pub mod reading;
pub mod record;
pub mod terminal;
pub mod ui;
pub mod update;
pub mod widgets;

pub use action::Action;
pub use app::{App, TuiOptions};
pub use update::update;

use crossterm::event::Event;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Frames per second while playing.
const FPS: f64 = 30.0;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    // Usage errors (bad surface or optimizer spec) come from `Surface` and `Spec`.
    #[error(
        "the visualizer needs an interactive terminal, but stdout (or stdin) is not one.\n\
         For scripts and pipes use the headless commands, e.g.\n  \
         losscape run --surface himmelblau --opt adam:lr=0.1\n  \
         losscape critical --surface himmelblau"
    )]
    NotATerminal,
    #[error(transparent)]
    Surface(#[from] crate::surface::SurfaceError),
    #[error(transparent)]
    Spec(#[from] crate::optim::SpecError),
    #[error("cannot create the recording {}: {source}; check that its folder exists and is writable", path.display())]
    Recording {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

impl TuiError {
    /// 2 for usage errors (what the user typed), 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            TuiError::Surface(_) | TuiError::Spec(_) => 2,
            TuiError::NotATerminal | TuiError::Recording { .. } | TuiError::Io(_) => 1,
        }
    }
}

/// Opens the visualizer and runs until the user quits.
pub fn run(opts: TuiOptions) -> Result<(), TuiError> {
    // Bad options are reported first, so a pipe still learns about them.
    let app = App::new(opts)?;
    run_app(app, std::io::stdout()).map(|_| ())
}

/// Runs a prepared app (e.g. with a lesson caption) drawing through `out` — stdout, or a
/// writer that also records what is drawn — and returns it when the user quits.
pub fn run_app<W: std::io::Write>(mut app: App, out: W) -> Result<App, TuiError> {
    if !terminal::is_interactive() {
        return Err(TuiError::NotATerminal);
    }
    let mut term = terminal::init(out)?;
    let result = event_loop(&mut term, &mut app);
    terminal::restore();
    result.map(|()| app)
}

enum Message {
    Input(Event),
    Tick,
    Failed(std::io::Error),
}

fn event_loop<W: std::io::Write>(
    term: &mut terminal::Tui<W>,
    app: &mut App,
) -> Result<(), TuiError> {
    let size = term.size()?;
    update(app, Action::Resize(size.width, size.height));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || input_thread(tx));
    let mut last = Instant::now();
    term.draw(|f| ui::draw(app, f))?;
    while !app.quit {
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
                Message::Input(Event::Key(k)) => event::key_action(app.mode(), k),
                Message::Input(Event::Mouse(m)) if app.mode() == event::Mode::Map => {
                    event::mouse_action(m)
                }
                Message::Input(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
                Message::Input(_) => None,
                Message::Failed(e) => return Err(e.into()),
            };
            if let Some(a) = action {
                update(app, a);
            }
        }
        // A resize can land between two events: draw at the size the terminal has now.
        let size = term.size()?;
        if (size.width, size.height) != app.size {
            update(app, Action::Resize(size.width, size.height));
        }
        term.draw(|f| ui::draw(app, f))?;
    }
    Ok(())
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
