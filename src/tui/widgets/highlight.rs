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
    if x > f.x {
        buf[(x - 1, y)].set_symbol("[").set_style(style);
    }
    if x + 1 < f.x + f.width {
        buf[(x + 1, y)].set_symbol("]").set_style(style);
    }
}
