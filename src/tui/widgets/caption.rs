//! The lesson's caption panel: the title and beat number on the frame, the latest caption
//! word-wrapped inside, and the keys that move through the script on the bottom edge.

use super::styled;
use crate::render::Rgb;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

/// Rows the panel takes at a `w`×`h` terminal: 0 without a lesson, else the wrapped caption
/// and the frame, at most a quarter of the screen (at least 3 rows).
pub fn height(app: &App, w: u16, h: u16) -> u16 {
    if app.lesson.is_none() || h < 12 {
        return 0;
    }
    let lines = wrap(&text(app), w.saturating_sub(2)).len() as u16;
    (lines + 2).clamp(3, (h / 4).max(3))
}

/// What the panel says: the caption, or how to begin before the first beat.
fn text(app: &App) -> String {
    let Some(player) = &app.lesson else {
        return String::new();
    };
    player.caption().unwrap_or_else(|| {
        format!(
            "{}. Press PgDn or Enter to begin.",
            player.script.lesson().title
        )
    })
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(player) = &app.lesson else {
        return;
    };
    if area.height < 3 {
        return;
    }
    let accent = styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD);
    let dim = styled(app, Rgb(170, 170, 180));
    let title = format!(" {} · {} ", player.script.lesson().title, player.progress());
    let hint = if player.exploring {
        " exploring · Enter returns to the script "
    } else if player.script.is_finished() && player.pending == 0 {
        " the end · PgUp back · Home restart "
    } else {
        " PgDn/Enter next · PgUp back "
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(styled(app, Rgb(255, 200, 60)))
        .title(Span::styled(title, accent))
        .title_bottom(Line::from(Span::styled(hint, dim)).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let body = styled(app, Rgb(240, 240, 240));
    for (i, line) in wrap(&text(app), inner.width)
        .into_iter()
        .take(usize::from(inner.height))
        .enumerate()
    {
        Line::from(Span::styled(line, body))
            .render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

/// Greedy word wrap to `width` columns (a word longer than a line is cut).
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let mut word: String = word.to_string();
            let mut w = Span::raw(word.as_str()).width();
            while w > width {
                // Cut an over-long word at the line's end.
                if used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                let cut: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                lines.push(cut);
                w = Span::raw(word.as_str()).width();
            }
            if w == 0 {
                continue;
            }
            if used > 0 && used + 1 + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            line.push_str(&word);
            used += w;
        }
        if used > 0 {
            lines.push(line);
        }
    }
    lines
}
