//! Terminal setup and teardown: raw mode, alternate screen, mouse; restored on quit, error,
//! panic (hook) and on every catchable signal that ends a program (TERM, HUP, INT, QUIT), which
//! then exits with the shell's status for it, 128 + n. Ctrl-C arrives as a key in raw mode and
//! quits like `q`; a `kill -INT` from outside is a signal.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, IsTerminal, Write};

/// The terminal the visualizer draws on; `W` is stdout, or a writer that also records it.
pub type Tui<W> = Terminal<CrosstermBackend<W>>;

/// True when stdout and stdin are both a terminal (drawing elsewhere would be garbage).
pub fn is_interactive() -> bool {
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

/// Enters raw mode and the alternate screen, and installs a panic hook that restores the
/// terminal before the panic message is printed. Everything is drawn through `out` (stdout, or
/// a tee that records it, see `record::Tee`); the terminal size comes from the tty.
pub fn init<W: Write>(mut out: W) -> io::Result<Tui<W>> {
    install_panic_hook();
    install_signal_handler()?;
    enable_raw_mode()?;
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(out))
}

/// Leaves raw mode and the alternate screen; safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// The restore, written straight to the terminal: the drawing thread may hold stdout's lock
/// for as long as the program runs, and waiting for it would never end.
fn restore_from_signal() {
    let _ = disable_raw_mode();
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = execute!(tty, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The signals that end a program by default and can be caught.
const ENDING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// A thread that waits for an ending signal, restores the terminal and exits with 128 + n
/// (once per process: later calls find it running).
fn install_signal_handler() -> io::Result<()> {
    static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
    let _ = INSTALLED.set(());
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore_from_signal();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
