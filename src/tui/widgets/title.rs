//! The title bar: surface and formula, play state and speed, scale and gradient mode.

use super::styled;
use crate::render::Rgb;
use crate::render::ticks::fmt_num;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn line(app: &App) -> Line<'static> {
    let accent = styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD);
    let name = styled(app, Rgb(120, 220, 255)).add_modifier(Modifier::BOLD);
    let dim = styled(app, Rgb(160, 160, 170));
    let play = if app.playing {
        "▶ playing"
    } else {
        "⏸ paused"
    };
    let scale = match app.field.as_ref() {
        Some(f) if f.scale.log => "log colour",
        _ => "linear colour",
    };
    let steps = app
        .racers
        .iter()
        .map(|r| r.run.current().step)
        .max()
        .unwrap_or(0);
    Line::from(vec![
        Span::styled(" losscape ", accent),
        Span::styled("│ ", dim),
        Span::styled(app.surface.name().to_string(), name),
        Span::styled("  f = ", dim),
        Span::raw(app.surface.formula().to_string()),
        Span::styled("  │ ", dim),
        Span::styled(play, accent),
        Span::raw(format!(" {} steps/s", fmt_num(app.steps_per_second()))),
        Span::styled("  │ ", dim),
        Span::raw(format!("step {steps}")),
        Span::styled("  │ ", dim),
        Span::raw(format!(
            "{scale} · {}",
            app.noise.describe(app.is_data_surface())
        )),
    ])
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    line(app).render(area, buf);
}
