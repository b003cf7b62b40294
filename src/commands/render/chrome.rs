//! The title and bottom lines of a still frame. The visualizer's own say "paused, 20 steps/s"
//! and list keys, which mean nothing on a slide; these say what the frame shows instead.

use crate::render::Rgb;
use crate::render::ticks::fmt_num;
use crate::tui::App;
use crate::tui::app::Panel;
use crate::tui::layout::Layout;
use crate::tui::widgets::{legend, styled};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
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
    let accent = styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD);
    let name = styled(app, Rgb(120, 220, 255)).add_modifier(Modifier::BOLD);
    let dim = styled(app, Rgb(160, 160, 170));
    let steps = app
        .racers
        .iter()
        .map(|r| r.run.current().step)
        .max()
        .unwrap_or(0);
    let scale = match app.field.as_ref() {
        Some(f) if f.scale.log => "log colour",
        _ => "linear colour",
    };
    let head = vec![
        Span::styled(" losscape ", accent),
        Span::styled("│ ", dim),
        Span::styled(app.surface.name().to_string(), name),
    ];
    let formula = vec![
        Span::styled("  f = ", dim),
        Span::raw(app.surface.formula().to_string()),
    ];
    let step = vec![
        Span::styled("  │ ", dim),
        Span::raw(format!("step {steps}")),
    ];
    let modes = vec![
        Span::styled("  │ ", dim),
        Span::raw(format!(
            "{scale} · {}",
            app.noise.describe(app.is_data_surface())
        )),
    ];
    let w = |v: &[Span]| v.iter().map(Span::width).sum::<usize>();
    let width = usize::from(width);
    let mut spans = head.clone();
    if w(&head) + w(&formula) + w(&step) + w(&modes) <= width {
        spans.extend(formula);
        spans.extend(step);
        spans.extend(modes);
    } else if w(&head) + w(&formula) + w(&step) <= width {
        spans.extend(formula);
        spans.extend(step);
    } else {
        spans.extend(step);
    }
    Line::from(spans)
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
