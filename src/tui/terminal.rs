//! Terminal setup and teardown: raw mode, alternate screen, mouse; restored on quit, error
//! and panic (hook). Ctrl-C arrives as a key in raw mode and quits like `q`.

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

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
