//! Draws one frame from `&App`: layout, then each region's widget.

use super::app::{App, Panel};
use super::widgets::{
    caption, data, footer, highlight, inspector, legend, loss, map, popup, title,
};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Below this size the map cannot say anything useful.
pub const MIN_SIZE: (u16, u16) = (30, 8);

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draws into any buffer (the benchmark and tests use this without a terminal).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        Paragraph::new(format!(
            "losscape needs at least {}x{} cells (now {}x{}); q quits",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        ))
        .wrap(Wrap { trim: true })
        .render(area, buf);
        return;
    }
    let l = app.layout();
    title::draw(app, l.title, buf);
    map::draw(app, &l, buf);
    highlight::draw(app, &l, buf);
    for (panel, rect) in &l.panels {
        match panel {
            Panel::Legend => legend::draw(app, *rect, buf),
            Panel::Loss => loss::draw(app, *rect, buf),
            Panel::Inspector => inspector::draw(app, *rect, buf),
            Panel::Data => data::draw(app, *rect, buf),
            Panel::None | Panel::MapOnly => {}
        }
    }
    caption::draw(app, l.caption, buf);
    footer::draw(app, &l, buf);
    if let Some(menu) = &app.menu {
        popup::draw_menu(app, menu, area, buf);
    }
    if app.help {
        popup::draw_help(app, area, buf);
    }
}
