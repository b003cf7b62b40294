//! The legend / status table: per optimizer its glyph, label, lr, step, loss, |∇f|, evals,
//! status.

use super::{panel_block, styled};
use crate::optim::EvalCounts;
use crate::render::Rgb;
use crate::render::glyphs::{head, trail_color};
use crate::render::ticks::{fmt_num, fmt_val};
use crate::run::RunStatus;
use crate::tui::app::{App, Panel};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, Widget};

/// What the map's fixed glyphs mean (critical points, start, cursor, divergence).
pub const GLYPH_LEGEND: &str =
    " ◎ minimum  ▲ maximum  ✕ saddle  ◇ degenerate  ○ start  ┼ cursor  ✗ diverged ";

pub fn status_text(s: &RunStatus) -> String {
    match s {
        RunStatus::Running => "running".into(),
        RunStatus::Converged { step } => format!("converged@{step}"),
        RunStatus::Diverged { step, .. } => format!("diverged@{step}"),
        RunStatus::StepLimit { step } => format!("stopped@{step}"),
    }
}

/// The status in at most 10 characters, for narrow panels.
pub fn short_status_text(s: &RunStatus) -> String {
    match s {
        RunStatus::Running => "running".into(),
        RunStatus::Converged { step } => format!("conv@{step}"),
        RunStatus::Diverged { step, .. } => format!("div@{step}"),
        RunStatus::StepLimit { step } => format!("stop@{step}"),
    }
}

pub fn evals_text(e: &EvalCounts) -> String {
    let mut parts = Vec::new();
    if e.values > 0 {
        parts.push(format!("{}f", e.values));
    }
    parts.push(format!("{}∇", e.gradients));
    if e.hessians > 0 {
        parts.push(format!("{}H", e.hessians));
    }
    parts.join(" ")
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let block = panel_block(app, Panel::Legend)
        .title_bottom(Line::from(GLYPH_LEGEND).style(styled(app, Rgb(200, 200, 210))));
    let inner_w = area.width.saturating_sub(2);
    // Columns, widest screens first; narrow panels drop the less essential ones.
    let show_evals = inner_w >= 76;
    let show_grad = inner_w >= 66;
    let show_lr = inner_w >= 47;
    let short_status = inner_w < 60;
    let mut header = vec!["", "optimizer"];
    let mut widths = vec![Constraint::Length(2), Constraint::Fill(1)];
    if show_lr {
        header.push("lr");
        widths.push(Constraint::Length(7));
    }
    header.extend(["step", "loss"]);
    widths.extend([Constraint::Length(6), Constraint::Length(9)]);
    if show_grad {
        header.push("|∇f|");
        widths.push(Constraint::Length(10));
    }
    if show_evals {
        header.push("evals");
        widths.push(Constraint::Length(11));
    }
    header.push("status");
    widths.push(Constraint::Length(if short_status { 10 } else { 14 }));
    let head_style = styled(app, Rgb(150, 150, 170)).add_modifier(Modifier::BOLD);
    let rows: Vec<Row> = app
        .racers
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let cur = r.run.current();
            let color = styled(app, trail_color(r.slot));
            let mut cells = vec![
                Cell::from(Span::styled(
                    head(r.slot).to_string(),
                    color.add_modifier(Modifier::BOLD),
                )),
                Cell::from(Line::from(vec![
                    Span::raw(if i == app.selected { "▸" } else { " " }),
                    Span::styled(r.label(), color),
                ])),
            ];
            if show_lr {
                cells.push(Cell::from(fmt_num(cur.lr)));
            }
            cells.push(Cell::from(cur.step.to_string()));
            cells.push(Cell::from(fmt_val(cur.loss)));
            if show_grad {
                cells.push(Cell::from(fmt_val(cur.grad_norm)));
            }
            if show_evals {
                cells.push(Cell::from(evals_text(&cur.evals)));
            }
            let status = r.run.status();
            let status_color = match status {
                RunStatus::Running | RunStatus::StepLimit { .. } => Rgb(220, 220, 220),
                RunStatus::Converged { .. } => Rgb(120, 230, 120),
                RunStatus::Diverged { .. } => Rgb(255, 110, 110),
            };
            let text = if short_status {
                short_status_text(status)
            } else {
                status_text(status)
            };
            cells.push(Cell::from(Span::styled(text, styled(app, status_color))));
            let row = Row::new(cells);
            if i == app.selected {
                row.style(Style::default().add_modifier(Modifier::BOLD))
            } else {
                row
            }
        })
        .collect();
    Table::new(rows, widths)
        .header(Row::new(header).style(head_style))
        .column_spacing(1)
        .block(block)
        .render(area, buf);
}

/// A one-line legend for small screens: glyph and label of every optimizer.
pub fn compact_line(app: &App) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, r) in app.racers.iter().enumerate() {
        let color = styled(app, trail_color(r.slot));
        let mut label_style = color;
        if i == app.selected {
            label_style = label_style.add_modifier(Modifier::UNDERLINED);
        }
        spans.push(Span::styled(
            format!("{} ", head(r.slot)),
            color.add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(r.label(), label_style));
        spans.push(Span::raw(format!(" {} ", r.run.current().step)));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// The glyph legend, short, for the footer of small screens.
pub fn compact_glyphs(app: &App) -> Span<'static> {
    Span::styled("◎min ▲max ✕saddle ◇degen ", styled(app, Rgb(200, 200, 210)))
}
