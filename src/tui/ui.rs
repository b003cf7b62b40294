//! Draws one frame from `&App`: layout, then each region's widget.

use super::app::{App, Panel};
use super::widgets::{
    anatomy, basins, caption, data, data_panel, footer, highlight, inspector, legend, loss, map,
    network, popup, sharpness, slice, sweep, title,
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
///
/// The layout follows `app.size`. If the buffer has another size (the terminal was resized
/// and the app has not heard of it yet), the frame is drawn at the app's size and clipped,
/// never written out of bounds.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (w, h) = app.size;
    if (area.x, area.y, area.width, area.height) != (0, 0, w, h) {
        let mut full = Buffer::empty(Rect::new(0, 0, w, h));
        render_at_size(app, full.area, &mut full);
        let clip = area.intersection(full.area);
        for y in clip.top()..clip.bottom() {
            for x in clip.left()..clip.right() {
                if let (Some(dst), Some(src)) = (buf.cell_mut((x, y)), full.cell((x, y))) {
                    *dst = src.clone();
                }
            }
        }
        return;
    }
    render_at_size(app, area, buf);
}

fn render_at_size(app: &App, area: Rect, buf: &mut Buffer) {
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
    basins::draw(app, &l, buf);
    sweep::draw(app, &l, buf);
    slice::draw_on_map(app, l.field, buf);
    anatomy::draw(app, l.field, buf);
    highlight::draw(app, &l, buf);
    for (panel, rect) in &l.panels {
        match panel {
            Panel::Legend => legend::draw(app, *rect, buf),
            Panel::Loss if app.instruments.slice.is_some() => slice::draw(app, *rect, buf),
            Panel::Loss if app.instruments.sharpness => sharpness::draw(app, *rect, buf),
            Panel::Loss => loss::draw(app, *rect, buf),
            Panel::Inspector => match app.surface.network() {
                Some(net) => network::draw(app, net, *rect, buf),
                None => inspector::draw(app, *rect, buf),
            },
            Panel::Data => match app.surface.network() {
                Some(net) => data_panel::draw(app, net, *rect, buf),
                None => data::draw(app, *rect, buf),
            },
            Panel::None | Panel::MapOnly => {}
        }
    }
    if let Some(rect) = l.caption {
        caption::draw(app, rect, buf);
    }
    footer::draw(app, &l, buf);
    if let Some(menu) = &app.menu {
        popup::draw_menu(app, menu, area, buf);
    }
    if app.help {
        popup::draw_help(app, area, buf);
    }
}
