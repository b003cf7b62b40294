//! The bottom line: the latest message, why the selected run diverged, or the essential keys (and a one-line legend on small
//! screens, where the legend panel is folded away).

use super::{legend, styled};
use crate::render::Rgb;
use crate::run::RunStatus;
use crate::tui::app::App;
use crate::tui::layout::Layout;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

const HINTS: &[(&str, &str)] = &[
    ("space", "play"),
    ("n", "step"),
    ("r", "reset"),
    ("[ ]", "speed"),
    ("click/c", "start"),
    ("s", "surface"),
    ("a/x", "add/remove"),
    ("tab", "panels"),
    ("?", "help"),
    ("q", "quit"),
];

pub fn draw(app: &App, l: &Layout, buf: &mut Buffer) {
    let key = styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD);
    let dim = styled(app, Rgb(170, 170, 180));
    let diverged = app
        .racers
        .get(app.selected)
        .and_then(|r| match r.run.status() {
            RunStatus::Diverged { step, reason } => {
                Some(format!(" {} diverged at step {step}: {reason}", r.label()))
            }
            _ => None,
        });
    let line = if let Some(msg) = &app.message {
        Line::from(Span::styled(format!(" {msg}"), key))
    } else if let Some(why) = diverged {
        Line::from(Span::styled(why, styled(app, Rgb(255, 110, 110))))
    } else if !l.wide {
        let mut line = legend::compact_line(app);
        line.spans.insert(0, Span::raw(" "));
        line.spans.push(Span::styled("│ ", dim));
        let glyphs = legend::compact_glyphs(app);
        if line.width() + glyphs.width() + 10 <= usize::from(l.footer.width) {
            line.spans.push(glyphs);
            line.spans.push(Span::styled("│ ", dim));
        }
        line.spans.push(Span::styled("?", key));
        line.spans.push(Span::styled(" help", dim));
        line
    } else {
        let mut spans = vec![Span::raw(" ")];
        for (k, what) in HINTS {
            spans.push(Span::styled(*k, key));
            spans.push(Span::styled(format!(" {what}  "), dim));
        }
        Line::from(spans)
    };
    line.render(l.footer, buf);
}
