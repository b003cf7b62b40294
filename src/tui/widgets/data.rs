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
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(data) = app.surface.data() else {
        Paragraph::new("no data: this surface is a closed-form function")
            .block(panel_block(app, Panel::Data))
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
    let (px, py) = ((x1 - x0) * 0.03, (y1 - y0) * 0.1);
    let (x0, x1, y0, y1) = (x0 - px, x1 + px, y0 - py, y1 + py);
    let (xc, yc) = data.columns();
    // Each model line y = ŷ(x) over the data's x range (straight for linear models).
    let lines: Vec<(Vec<(f64, f64)>, Rgb)> = app
        .racers
        .iter()
        .map(|r| {
            let p = r.run.current().x;
            let n = 24;
            let line = (0..=n)
                .map(|k| {
                    let x = x0 + (x1 - x0) * f64::from(k) / f64::from(n);
                    (x, data.predict(p, x))
                })
                .filter(|q| q.1.is_finite() && q.1 >= y0 && q.1 <= y1)
                .collect();
            (line, trail_color(r.slot))
        })
        .collect();
    let mut datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Scatter)
            .style(styled(app, Rgb(210, 210, 210)))
            .data(pts),
    ];
    for (line, rgb) in &lines {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(styled(app, *rgb))
                .data(line),
        );
    }
    let axis = styled(app, Rgb(150, 150, 160));
    Chart::new(datasets)
        .block(panel_block(app, Panel::Data))
        .x_axis(
            Axis::default()
                .title(xc.to_string())
                .style(axis)
                .bounds([x0, x1])
                .labels([fmt_num(x0), fmt_num(x1)]),
        )
        .y_axis(
            Axis::default()
                .title(yc.to_string())
                .style(axis)
                .bounds([y0, y1])
                .labels([fmt_num(y0), fmt_num(y1)]),
        )
        .render(area, buf);
}
