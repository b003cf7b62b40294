//! The caption under the map (a lesson's text): bold, bright, wrapped, and under it the live
//! numbers a beat asks for (`readout`), so a caption's numbers are on screen at any size.

use super::{legend, runs, styled};
use crate::analysis::classify;
use crate::render::Rgb;
use crate::render::glyphs::{head, trail_color};
use crate::render::ticks::{fmt_fit, fmt_val, snap};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

/// Width of a number in the readout: padded, so the line keeps its length from frame to frame.
const NUM_W: usize = 8;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(c) = &app.caption else { return };
    let accent = styled(app, Rgb(255, 200, 60));
    let mut text = Text::from(c.text.clone())
        .style(styled(app, Rgb(255, 255, 255)).add_modifier(Modifier::BOLD));
    let keys = current_readout(app);
    if !keys.is_empty() {
        text.lines.push(readout(app, &keys));
    }
    Paragraph::new(text)
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

/// What the latest `readout` of the lesson asks for.
fn current_readout(app: &App) -> Vec<String> {
    app.lesson
        .as_ref()
        .map(|p| p.script.state().readout)
        .unwrap_or_default()
}

/// Rows the caption needs inside its frame at `width`, the same on every beat: the longest
/// caption of the lesson, plus the longest readout any beat asks for.
pub fn text_rows(app: &App, width: u16) -> usize {
    let Some(player) = &app.lesson else {
        return app
            .caption
            .as_ref()
            .map_or(0, |c| wrapped_lines(&c.text, width));
    };
    let lesson = player.script.lesson();
    let opening = crate::tui::lesson_player::opening_text(&lesson.title);
    // The caption and readout in effect after each beat, as the script folds them.
    let mut caption = opening.as_str();
    let mut keys: &[String] = &[];
    let mut most = wrapped_lines(caption, width);
    for beat in &lesson.beats {
        caption = beat.caption.as_deref().unwrap_or(caption);
        keys = beat.readout.as_deref().unwrap_or(keys);
        let numbers = if keys.is_empty() {
            0
        } else {
            wrapped_lines(&plain(&readout(app, keys)), width)
        };
        most = most.max(wrapped_lines(caption, width) + numbers);
    }
    most
}

fn plain(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The readout line: at the cursor ("cursor"), then per run its glyph, label and the
/// numbers asked for (f, λ, g, the position).
pub fn readout(app: &App, keys: &[String]) -> Line<'static> {
    let has = |k: &str| keys.iter().any(|x| x == k);
    let num = |v: f64| format!("{:<NUM_W$}", fmt_fit(v, NUM_W));
    let mut spans = Vec::new();
    if has("cursor") {
        let p = app.cursor;
        let s = app.surface.as_ref();
        let info = classify(s.hessian(p));
        spans.push(Span::styled(
            format!(
                "at ({}, {}): f={} |∇f|={} eigenvalues {}, {}   ",
                fmt_val(p.x),
                fmt_val(p.y),
                fmt_val(s.value(p)),
                fmt_val(snap(s.gradient(p).norm(), 1.0)),
                fmt_val(info.eigenvalues[0]),
                fmt_val(info.eigenvalues[1]),
            ),
            styled(app, Rgb(200, 230, 255)),
        ));
    }
    let per_run = ["f", "lambda", "g", "at"].iter().any(|k| has(k));
    let labels = runs::labels(app);
    let scale = legend::value_scale(app);
    for (r, label) in app.racers.iter().zip(labels).filter(|_| per_run) {
        let cur = r.run.current();
        let mut parts = Vec::new();
        if has("f") {
            parts.push(format!("f={}", num(snap(cur.loss, scale))));
        }
        if has("lambda")
            && let Some(m) = runs::multipliers(r)
        {
            parts.push(format!("λ={}", num(m[0])));
        }
        if has("g") && !app.surface.constraints().is_empty() {
            parts.push(format!("|g|={}", num(snap(runs::violation(app, r), 1.0))));
        }
        if has("at") {
            parts.push(format!(
                "({}, {})",
                fmt_fit(cur.x.x, 7),
                fmt_fit(cur.x.y, 7)
            ));
        }
        if parts.is_empty() {
            continue;
        }
        let color = styled(app, trail_color(r.slot));
        spans.push(Span::styled(
            format!("{} {label} ", head(r.slot)),
            color.add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(
            format!("{}  ", parts.join(" ")),
            styled(app, Rgb(230, 230, 230)),
        ));
    }
    Line::from(spans)
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
