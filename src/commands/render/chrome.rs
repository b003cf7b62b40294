//! The title and bottom lines of a still frame. The visualizer's own say "paused, 20 steps/s"
//! and list keys, which mean nothing on a slide; these say what the frame shows instead.

use crate::render::Rgb;
use crate::render::ticks::fmt_num;
use crate::tui::App;
use crate::tui::app::Panel;
use crate::tui::layout::Layout;
use crate::tui::widgets::{legend, styled, title};
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Replaces the visualizer's title and footer rows in `buf` with the still frame's.
pub fn draw(app: &App, l: &Layout, buf: &mut Buffer) {
    for rect in [l.title, l.footer] {
        for (x, y) in rect.positions().map(|p| (p.x, p.y)) {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
            }
        }
    }
    title(app, l.title.width).render(l.title, buf);
    footer(app, l).render(l.footer, buf);
}

/// Surface and formula, the step reached, the colour scale and gradient mode; the modes and
/// then the formula give way when the width is short.
pub fn title(app: &App, width: u16) -> Line<'static> {
    let step = vec![
        Span::styled("  │ ", title::dim(app)),
        Span::raw(format!("step {}", title::steps(app))),
    ];
    title::fitted(app, width, step)
}

/// With the legend panel: the glyph legend (the panel's border has no room for all of it)
/// and the start. Without it (narrow frames, `--map-only`): the optimizers and glyphs.
pub fn footer(app: &App, l: &Layout) -> Line<'static> {
    let dim = styled(app, Rgb(200, 200, 210));
    if l.panels.iter().any(|(p, _)| *p == Panel::Legend) {
        let start = format!(
            "│ start ({}, {})",
            fmt_num(app.start.x),
            fmt_num(app.start.y)
        );
        return Line::from(vec![
            Span::styled(legend::GLYPH_LEGEND, dim),
            Span::styled(start, dim),
        ]);
    }
    let mut line = legend::compact_line(app);
    line.spans.insert(0, Span::raw(" "));
    let glyphs = legend::compact_glyphs(app);
    if line.width() + glyphs.width() + 2 <= usize::from(l.footer.width) {
        line.spans.push(Span::styled("│ ", dim));
        line.spans.push(glyphs);
    }
    line
}
