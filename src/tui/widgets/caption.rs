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
