//! The visualizer drawn on ratatui's TestBackend, and the screen read back as text.

use losscape::tui::{App, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// One frame of `app` at its own size.
pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(app, f)).expect("draw");
    term.backend().buffer().clone()
}

/// The screen's symbols, one line per row.
pub fn text(buf: &Buffer) -> String {
    let a = buf.area;
    let mut s = String::new();
    for y in 0..a.height {
        for x in 0..a.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}
