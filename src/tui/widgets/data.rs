//! Data space, for data surfaces: the scatter of (x, y) rows and each optimizer's current
//! model line moving as it learns, beside the parameter-space map.

use super::{panel_block, styled};
use crate::render::Rgb;
use crate::render::glyphs::trail_color;
use crate::render::ticks::fmt_num;
use crate::tui::app::{App, Panel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::canvas::{Canvas, Line as CLine, Points};
use ratatui::widgets::{Paragraph, Widget};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let block = panel_block(app, Panel::Data);
    let Some(data) = app.surface.data() else {
        Paragraph::new("no data: this surface is a closed-form function")
            .block(block)
            .render(area, buf);
        return;
    };
    let pts = data.points();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pts {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if !(x0 < x1 && y0 < y1) {
        (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
    }
    let (px, py) = ((x1 - x0) * 0.05, (y1 - y0) * 0.1);
    let (x0, x1, y0, y1) = (x0 - px, x1 + px, y0 - py, y1 + py);
    let (xc, yc) = data.columns();
    let title = format!(" Data space: {yc} vs {xc} ");
    let mode = app.color_mode;
    let dots = styled(app, Rgb(200, 200, 200));
    let lines: Vec<(f64, f64, Rgb)> = app
        .racers
        .iter()
        .map(|r| {
            let p = r.run.current().x;
            (
                data.predict(p, x0),
                data.predict(p, x1),
                trail_color(r.slot),
            )
        })
        .collect();
    let canvas = Canvas::default()
        .block(block.title(title))
        .marker(Marker::Braille)
        .x_bounds([x0, x1])
        .y_bounds([y0, y1])
        .paint(move |ctx| {
            ctx.draw(&Points {
                coords: pts,
                color: dots.fg.unwrap_or_default(),
            });
            ctx.layer();
            for &(ya, yb, rgb) in &lines {
                if ya.is_finite() && yb.is_finite() {
                    ctx.draw(&CLine {
                        x1: x0,
                        y1: ya,
                        x2: x1,
                        y2: yb,
                        color: mode.color(rgb),
                    });
                }
            }
            ctx.print(x0, y1, Line::from(format!("{yc} {}", fmt_num(y1))));
        });
    canvas.render(area, buf);
}
