//! The legend / status table: per optimizer its glyph, label, lr, step, loss, |∇f|, evals,
//! status.

use super::{panel_block, styled};
use crate::optim::EvalCounts;
use crate::render::Rgb;
use crate::render::glyphs::{head, trail_color};
use crate::render::ticks::{fmt_fit, fmt_num, fmt_val, snap};
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

/// Width of the loss column: "-7.876e-19" whole.
const LOSS_W: usize = 10;

/// The magnitude of f on screen (round-off below a 1e-12 of it reads 0).
pub fn value_scale(app: &App) -> f64 {
    app.field.as_ref().map_or(0.0, |f| f.scale.magnitude())
}

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
    let labels = super::runs::labels(app);
    let columns = Columns::fit(area.width.saturating_sub(2), &labels);
    let (header, widths) = header_and_widths(&columns);
    let head_style = styled(app, Rgb(150, 150, 170)).add_modifier(Modifier::BOLD);
    let scale = value_scale(app);
    let rows: Vec<Row> = (0..app.racers.len())
        .map(|i| racer_row(app, i, &labels[i], &columns, scale))
        .collect();
    Table::new(rows, widths)
        .header(Row::new(header).style(head_style))
        .column_spacing(1)
        .block(block)
        .render(area, buf);
}

/// The header names and column widths of the columns shown.
fn header_and_widths(c: &Columns) -> (Vec<&'static str>, Vec<Constraint>) {
    let mut header = vec!["", "optimizer"];
    let mut widths = vec![Constraint::Length(2), Constraint::Fill(1)];
    if c.show_lr {
        header.push("lr");
        widths.push(Constraint::Length(7));
    }
    header.extend(["step", "loss"]);
    widths.extend([Constraint::Length(6), Constraint::Length(LOSS_W as u16)]);
    if c.show_grad {
        header.push("|∇f|");
        widths.push(Constraint::Length(10));
    }
    if c.show_evals {
        header.push("evals");
        widths.push(Constraint::Length(11));
    }
    header.push("status");
    widths.push(Constraint::Length(if c.short_status { 10 } else { 14 }));
    (header, widths)
}

/// Racer `i`'s row: glyph, label (▸ when selected), then the columns shown (the loss at the
/// scale of f, `scale`).
fn racer_row<'a>(app: &App, i: usize, label: &str, c: &Columns, scale: f64) -> Row<'a> {
    let r = &app.racers[i];
    let cur = r.run.current();
    let color = styled(app, trail_color(r.slot));
    let mut cells = vec![
        Cell::from(Span::styled(
            head(r.slot).to_string(),
            color.add_modifier(Modifier::BOLD),
        )),
        Cell::from(Line::from(vec![
            Span::raw(if i == app.selected { "▸" } else { " " }),
            Span::styled(ellipsize(label, c.label_width), color),
        ])),
    ];
    if c.show_lr {
        cells.push(Cell::from(fmt_num(cur.lr)));
    }
    cells.push(Cell::from(cur.step.to_string()));
    cells.push(Cell::from(loss_text(cur.loss, scale)));
    if c.show_grad {
        cells.push(Cell::from(fmt_val(cur.grad_norm)));
    }
    if c.show_evals {
        cells.push(Cell::from(evals_text(&cur.evals)));
    }
    let (text, status_color) = super::runs::status(app, r, c.short_status);
    cells.push(Cell::from(Span::styled(text, styled(app, status_color))));
    let row = Row::new(cells);
    if i == app.selected {
        row.style(Style::default().add_modifier(Modifier::BOLD))
    } else {
        row
    }
}

/// The loss in the column's width: round-off below the scale of f reads 0, and a long
/// number is shortened rather than cut.
fn loss_text(loss: f64, scale: f64) -> String {
    let loss = snap(loss, scale);
    Some(if loss == 0.0 {
        "0".into()
    } else {
        fmt_val(loss)
    })
    .filter(|t| t.chars().count() <= LOSS_W)
    .unwrap_or_else(|| fmt_fit(loss, LOSS_W))
}

/// Which columns the table shows at a width. The label says which run is which, so it gets the
/// room it needs first: the evaluation counts, then |∇f| make way for it, and the status
/// shortens; the lr column stays (runs often differ only in lr); only then is a label cut,
/// with an ellipsis (a silently clipped
/// "sgd batch=16" would read "sgd batch=1").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub show_lr: bool,
    pub show_grad: bool,
    pub show_evals: bool,
    pub short_status: bool,
    /// Characters available for a label (after the selection mark).
    pub label_width: usize,
}

impl Columns {
    pub fn fit(inner_w: u16, labels: &[String]) -> Self {
        let want = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let mut c = Columns {
            show_lr: true,
            show_grad: inner_w >= 66,
            show_evals: inner_w >= 76,
            short_status: inner_w < 60,
            label_width: 0,
        };
        loop {
            c.label_width = usize::from(inner_w).saturating_sub(c.fixed_width() + 1);
            if c.label_width >= want {
                break;
            }
            if c.show_evals {
                c.show_evals = false;
            } else if c.show_grad {
                c.show_grad = false;
            } else if !c.short_status {
                c.short_status = true;
            } else {
                break;
            }
        }
        c
    }

    /// Width of every column but the label's, with the one-cell spacing between columns.
    fn fixed_width(&self) -> usize {
        let mut w = 2 + 1 + 6 + 1 + LOSS_W + 1; // glyph, step, loss (+ spacing)
        w += if self.show_lr { 7 + 1 } else { 0 };
        w += if self.show_grad { 10 + 1 } else { 0 };
        w += if self.show_evals { 11 + 1 } else { 0 };
        w + 1 + if self.short_status { 10 } else { 14 }
    }
}

/// `s` in at most `width` characters, ending in "…" when cut.
fn ellipsize(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let kept: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

/// A one-line legend for small screens: glyph, label, loss and status of every optimizer
/// (what tells runs apart; their step counts are usually all the same).
pub fn compact_line(app: &App) -> Line<'static> {
    let mut spans = Vec::new();
    let labels = super::runs::labels(app);
    let scale = value_scale(app);
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
        spans.push(Span::styled(labels[i].clone(), label_style));
        let loss = fmt_fit(snap(r.run.current().loss, scale), 7);
        spans.push(Span::raw(format!(" {loss} ")));
        // Running is the usual state; only an ending is worth the room.
        if !matches!(r.run.status(), RunStatus::Running) {
            let (status, status_color) = super::runs::status(app, r, true);
            spans.push(Span::styled(status, styled(app, status_color)));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// The glyph legend, short, for the footer of small screens.
pub fn compact_glyphs(app: &App) -> Span<'static> {
    Span::styled("◎min ▲max ✕saddle ◇degen ", styled(app, Rgb(200, 200, 210)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_get_their_width_before_the_optional_columns() {
        let short = vec!["sgd".to_string(), "adam".to_string()];
        let wide = Columns::fit(90, &short);
        assert!(wide.show_lr && wide.show_grad && wide.show_evals && !wide.short_status);
        // 78 columns inside a panel: with every column there would be 11 for the label;
        // "sgd batch=16 sched=cosine" (25) pushes out evals and |∇f|.
        let long = vec!["sgd batch=16 sched=cosine".to_string()];
        let c = Columns::fit(78, &long);
        assert!(!c.show_evals && !c.show_grad && c.show_lr, "{c:?}");
        assert!(c.label_width >= 25, "{c:?}");
    }

    #[test]
    fn a_label_that_cannot_fit_is_cut_with_an_ellipsis() {
        assert_eq!(ellipsize("sgd batch=16", 12), "sgd batch=16");
        assert_eq!(ellipsize("sgd batch=16", 11), "sgd batch=…");
        let c = Columns::fit(30, &["a very long optimizer label indeed".to_string()]);
        // The lr column stays: runs that differ only in lr must stay apart.
        assert!(c.show_lr && c.short_status);
        assert!(c.label_width < 34);
    }
}
