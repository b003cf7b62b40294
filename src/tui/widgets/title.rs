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

/// The title for `width` columns: the formula and then the scale go first when space is short.
pub fn line(app: &App, width: u16) -> Line<'static> {
    let accent = styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD);
    let name = styled(app, Rgb(120, 220, 255)).add_modifier(Modifier::BOLD);
    let dim = styled(app, Rgb(160, 160, 170));
    // A lesson's run beat animates while free play is paused: say what the screen is doing.
    let lesson_running = app
        .lesson
        .as_ref()
        .is_some_and(|l| l.pending > 0 && !l.exploring);
    let play = if app.playing {
        "▶ playing"
    } else if lesson_running {
        "▶ lesson"
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
    let head = vec![
        Span::styled(" losscape ", accent),
        Span::styled("│ ", dim),
        Span::styled(app.surface.name().to_string(), name),
    ];
    let formula = vec![
        Span::styled("  f = ", dim),
        Span::raw(app.surface.formula().to_string()),
    ];
    let motion = vec![
        Span::styled("  │ ", dim),
        Span::styled(play, accent),
        Span::raw(format!(" {} steps/s", fmt_num(app.steps_per_second()))),
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
    let w = |v: &[Span]| v.iter().map(|s| s.width()).sum::<usize>();
    let width = usize::from(width);
    let mut spans = head.clone();
    let all = w(&head) + w(&formula) + w(&motion) + w(&modes);
    if all <= width {
        spans.extend(formula);
        spans.extend(motion);
        spans.extend(modes);
    } else if all - w(&modes) <= width {
        spans.extend(formula);
        spans.extend(motion);
    } else {
        spans.extend(motion);
    }
    Line::from(spans)
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    line(app, area.width).render(area, buf);
}
