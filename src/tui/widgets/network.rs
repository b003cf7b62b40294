//! The inspector on a network's plane: the plane, the loss and both gradient norms at the
//! cursor (in the plane and in all N dimensions), the Hessian spectrum and index there (`M`),
//! and each run's true loss beside the plane's value under its projected point, with what it
//! reached in N dimensions.

use super::{panel_block, styled};
use crate::model::plane::PlaneSurface;
use crate::render::Rgb;
use crate::render::glyphs::{head, trail_color};
use crate::render::map::{CURVES_DOWN, CURVES_UP};
use crate::render::ticks::fmt_val;
use crate::run::{Run, RunStatus};
use crate::surface::Surface;
use crate::tui::app::{App, Panel};
use crate::tui::model::Verdict;
use crate::tui::racer::Racer;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Eighth blocks for the spectrum's histogram.
const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn lines(app: &App, net: &PlaneSurface, width: usize) -> Vec<Line<'static>> {
    let key = styled(app, Rgb(150, 150, 170));
    let bold = styled(app, Rgb(255, 255, 255)).add_modifier(Modifier::BOLD);
    let kv = |k: &str, v: Vec<Span<'static>>| {
        let mut spans = vec![Span::styled(format!("{k:<6}"), key)];
        spans.extend(v);
        Line::from(spans)
    };
    let p = app.cursor;
    let mut g = vec![0.0; net.mlp.len()];
    let loss = net.mlp.gradient(&net.lift(p), &mut g);
    let mut out = vec![
        kv(
            "plane",
            vec![Span::raw(format!(
                "{} · N = {}",
                net.plane.describe(),
                net.mlp.len()
            ))],
        ),
        kv(
            "at",
            vec![
                Span::raw(format!(
                    "(a, b) = ({}, {})  L = ",
                    fmt_val(p.x),
                    fmt_val(p.y)
                )),
                Span::styled(fmt_val(loss), bold),
            ],
        ),
        kv(
            "|∇L|",
            vec![Span::raw(format!(
                "{} in all N · {} in the plane",
                fmt_val(crate::objective::norm(&g)),
                fmt_val(net.gradient(p).norm())
            ))],
        ),
    ];
    match (app.model.spectrum, &app.model.at_cursor) {
        (true, Some((_, v))) => out.extend(spectrum_lines(app, v, width)),
        _ => out.push(kv(
            "M",
            vec![Span::styled("Hessian spectrum and index here", key)],
        )),
    }
    out.push(Line::from(Span::styled(
        format!(
            "{:<12}{:>11}{:>11}  in N dimensions",
            "run", "true L", "plane L"
        ),
        key,
    )));
    for r in &app.racers {
        out.push(run_line(app, net, r));
    }
    out
}

/// Index, extreme eigenvalues and a histogram of all N eigenvalues.
fn spectrum_lines(app: &App, v: &Verdict, width: usize) -> Vec<Line<'static>> {
    let key = styled(app, Rgb(150, 150, 170));
    let (lo, hi) = (
        v.eigenvalues.first().copied().unwrap_or(0.0),
        v.eigenvalues.last().copied().unwrap_or(0.0),
    );
    let down = styled(app, CURVES_DOWN);
    let up = styled(app, CURVES_UP);
    let bins = width.saturating_sub(8).clamp(8, 48);
    let mut counts = vec![0usize; bins];
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    for &l in &v.eigenvalues {
        let i = (((l - lo) / span) * bins as f64) as usize;
        counts[i.min(bins - 1)] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let zero_bin = (((0.0 - lo) / span) * bins as f64) as isize;
    let bars: Vec<Span<'static>> = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            // Height on a log scale: one eigenvalue in a bin still shows.
            let h = if c == 0 {
                0
            } else {
                1 + ((c as f64).ln() / top.ln().max(1e-9) * 7.0).round() as usize
            };
            let style = if (i as isize) < zero_bin { down } else { up };
            Span::styled(BARS[h.min(8)].to_string(), style)
        })
        .collect();
    let mut hist = vec![Span::styled(format!("{:<6}", ""), key)];
    hist.extend(bars);
    vec![
        Line::from(vec![
            Span::styled(format!("{:<6}", "H"), key),
            Span::raw("index "),
            Span::styled(
                format!("{} of {}", v.negative, v.eigenvalues.len()),
                if v.negative > 0 { down } else { up },
            ),
            Span::raw(format!(" · λ from {} to {}", fmt_val(lo), fmt_val(hi))),
        ]),
        Line::from(hist),
    ]
}

/// One run: its true loss, the plane's value under its projection, and its N-D status.
fn run_line(app: &App, net: &PlaneSurface, r: &Racer) -> Line<'static> {
    let cur = r.run.current();
    let plane_loss = net.value(cur.x);
    let color = styled(app, trail_color(r.slot));
    let label: String = r.label().chars().take(10).collect();
    Line::from(vec![
        Span::styled(
            format!("{} ", head(r.slot)),
            color.add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("{label:<10}"), color),
        Span::raw(format!(
            "{:>11}{:>11}  ",
            fmt_val(cur.loss),
            fmt_val(plane_loss)
        )),
        Span::raw(reached(&r.run, app.model.latest(r.slot))),
    ])
}

/// What a run reached, in N dimensions.
pub fn reached(run: &Run, verdict: Option<&Verdict>) -> String {
    match (run.status(), verdict) {
        (RunStatus::Converged { step }, Some(v)) => format!("{} @{step}", v.shape()),
        (RunStatus::StepLimit { step }, Some(v)) => {
            format!("@{step}: {} λ<0, |∇L| {}", v.negative, fmt_val(v.grad_norm))
        }
        (RunStatus::Diverged { step, .. }, _) => format!("diverged @{step}"),
        (RunStatus::Running, Some(v)) => format!("running: {} λ<0", v.negative),
        (RunStatus::Running, None) => "running".into(),
        (s, None) => crate::tui::widgets::legend::status_text(s),
    }
}

pub fn draw(app: &App, net: &PlaneSurface, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width.saturating_sub(2));
    Paragraph::new(lines(app, net, width))
        .block(panel_block(app, Panel::Inspector))
        .render(area, buf);
}
