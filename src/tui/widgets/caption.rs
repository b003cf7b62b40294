//! The caption under the map (a lesson's text): bold, bright, wrapped.

use super::styled;
use crate::render::Rgb;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(c) = &app.caption else { return };
    let accent = styled(app, Rgb(255, 200, 60));
    Paragraph::new(c.text.clone())
        .style(styled(app, Rgb(255, 255, 255)).add_modifier(Modifier::BOLD))
        .wrap(Wrap { trim: true })
        .block(
            Block::bordered()
                .border_type(BorderType::Thick)
                .border_style(accent)
                .title(format!(" {} ", c.title))
                .title_style(accent.add_modifier(Modifier::BOLD)),
        )
        .render(area, buf);
}

/// How many lines `text` takes word-wrapped to `width` columns, as the panel wraps it
/// (greedy, whole words; a word longer than a line takes several).
pub fn wrapped_lines(text: &str, width: u16) -> usize {
    let width = usize::from(width.max(1));
    let mut lines = 0;
    for paragraph in text.lines() {
        let mut used = 0;
        lines += 1;
        for word in paragraph.split_whitespace() {
            let w = ratatui::text::Span::raw(word).width();
            if used > 0 && used + 1 + w <= width {
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines += 1;
            }
            // A long word fills whole lines and leaves its tail on the last.
            lines += w.saturating_sub(1) / width;
            used = (w.saturating_sub(1) % width) + 1;
        }
    }
    lines
}
