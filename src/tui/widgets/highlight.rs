//! The lesson's highlight: brackets either side of the critical point a beat points at.

use super::styled;
use crate::render::Rgb;
use crate::tui::app::App;
use crate::tui::layout::Layout;
use crate::tui::lesson_player::highlighted;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

pub fn draw(app: &App, l: &Layout, buf: &mut Buffer) {
    let Some(p) = highlighted(app) else {
        return;
    };
    let Some((c, r)) = app.viewport().to_cell(p) else {
        return;
    };
    let f = l.field;
    let style = styled(app, Rgb(255, 240, 80)).add_modifier(Modifier::BOLD);
    let (x, y) = (f.x + c, f.y + r);
    // A bracket gives way to a mark beside the point (a head that arrived there).
    if x > f.x && !is_mark(buf[(x - 1, y)].symbol()) {
        buf[(x - 1, y)].set_symbol("[").set_style(style);
    }
    if x + 1 < f.x + f.width && !is_mark(buf[(x + 1, y)].symbol()) {
        buf[(x + 1, y)].set_symbol("]").set_style(style);
    }
}

/// A head, critical point or start glyph: neither blank, braille (trails, contours) nor the
/// ASCII of a contour label.
fn is_mark(symbol: &str) -> bool {
    symbol
        .chars()
        .next()
        .is_some_and(|ch| !ch.is_ascii() && !('\u{2800}'..='\u{28FF}').contains(&ch))
}
