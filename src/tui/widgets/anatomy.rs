//! The anatomy overlay (`A`): the selected run's next step drawn at its head, each term of
//! [`crate::analysis::anatomy`] as an arrow in its own colour laid tip to tail, their sum as
//! the step, and for adaptive methods the per-coordinate learning rate as an ellipse (the
//! image of a circle under diag(lr/(√v̂+ε)): wide where that coordinate moves more).
//!
//! Steps are often far smaller than a cell: the arrows are then scaled up by a round factor
//! the key names ("×40"), and scaled down the same way when a step would leave the map.

use super::styled;
use crate::analysis::ExplainedStep;
use crate::commands::explain::{number_text, vector_text};
use crate::render::glyphs::arrow;
use crate::render::glyphs::{SOLID_LINES, line_glyph};
use crate::render::{Rgb, Viewport};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The terms' colours, in order (a fifth term reuses the first).
pub const TERM_COLORS: [Rgb; 4] = [
    Rgb(255, 214, 10),
    Rgb(255, 105, 180),
    Rgb(80, 250, 123),
    Rgb(120, 200, 255),
];
/// The step (the terms' sum).
pub const STEP_COLOR: Rgb = Rgb(255, 255, 255);
/// The per-coordinate scaling ellipse.
pub const ELLIPSE_COLOR: Rgb = Rgb(200, 170, 255);
/// The ellipse's glyph (shape, not only colour, tells it from the arrows).
pub const ELLIPSE: char = '∘';

/// A terminal cell is about twice as tall as it is wide: screen-true lengths count a row as
/// two columns.
const ROW_ASPECT: f64 = 2.0;

/// Where the overlay's parts go, in fractional cells of the map (column, row).
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub head: (f64, f64),
    /// What the drawn arrows are multiplied by (1 when the step is drawn true to size).
    pub scale: f64,
    /// Each term's arrow, tip to tail from the head.
    pub terms: Vec<((f64, f64), (f64, f64))>,
    /// The step: from the head to the last term's tip.
    pub step: (f64, f64),
    /// The ellipse's half-axes (columns, rows), for adaptive methods.
    pub ellipse: Option<(f64, f64)>,
}

fn screen_len((c, r): (f64, f64)) -> f64 {
    c.hypot(ROW_ASPECT * r)
}

/// The largest round number (1, 2, 3, 4, 5, 6, 8 × 10ᵏ) not above `x`.
pub fn round_scale(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    let m = [8.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]
        .into_iter()
        .find(|m| m * p <= x * (1.0 + 1e-9))
        .unwrap_or(1.0);
    m * p
}

/// The overlay's geometry for `step` on `vp`: true size when the step spans between 3 cells and
/// a third of the map, otherwise scaled so it spans about a sixth of the map.
pub fn geometry(step: &ExplainedStep, vp: &Viewport) -> Option<Geometry> {
    let head = crate::surface::Point::new(*step.x.first()?, *step.x.get(1)?);
    let h = vp.to_cell_f(head);
    let cells = |v: &[f64]| (v[0] / vp.dx, -v[1] / vp.dy);
    let mut tips = vec![(0.0, 0.0)];
    for t in &step.anatomy.terms {
        let (c, r) = cells(&t.vector);
        let last = tips[tips.len() - 1];
        tips.push((last.0 + c, last.1 + r));
    }
    let reach = tips.iter().map(|&p| screen_len(p)).fold(0.0, f64::max);
    let room = f64::from(vp.cols).min(ROW_ASPECT * f64::from(vp.rows));
    let target = (room / 6.0).clamp(4.0, 24.0);
    let scale = if reach > 0.0 && (reach < 3.0 || reach > room / 3.0) && reach.is_finite() {
        round_scale(target / reach)
    } else {
        1.0
    };
    let at = |p: (f64, f64)| (h.0 + scale * p.0, h.1 + scale * p.1);
    let terms = tips.windows(2).map(|w| (at(w[0]), at(w[1]))).collect();
    let ellipse = step.anatomy.effective_lr.as_ref().and_then(|e| {
        let (c, r) = (e.first()? / vp.dx, e.get(1)? / vp.dy);
        let big = c.max(ROW_ASPECT * r);
        (big.is_finite() && big > 0.0).then(|| (c / big * target * 0.5, r / big * target * 0.5))
    });
    Some(Geometry {
        head: h,
        scale,
        terms,
        step: at(tips[tips.len() - 1]),
        ellipse,
    })
}

/// "×40", "×0.5", or "" at true size.
pub fn scale_label(scale: f64) -> String {
    if scale == 1.0 {
        String::new()
    } else {
        format!("×{}", number_text(scale))
    }
}

/// A line glyph along a screen direction (column, row offsets).
fn shaft(d: (f64, f64)) -> char {
    line_glyph(d.0, -ROW_ASPECT * d.1, SOLID_LINES)
}

/// The cells of an arrow from `a` to `b` (never the head's own cell), with their glyphs:
/// `body` along the shaft, an arrowhead at the tip.
pub fn arrow_cells(
    a: (f64, f64),
    b: (f64, f64),
    head: (i64, i64),
    body: Option<char>,
) -> Vec<(i64, i64, char)> {
    let d = (b.0 - a.0, b.1 - a.1);
    let tip = (b.0.floor() as i64, b.1.floor() as i64);
    if tip == head || !(d.0.is_finite() && d.1.is_finite()) {
        return Vec::new();
    }
    let n = (d.0.abs().max(d.1.abs()) * 2.0).ceil().clamp(1.0, 4000.0) as usize;
    let mut out: Vec<(i64, i64, char)> = Vec::new();
    for k in 0..=n {
        let f = k as f64 / n as f64;
        let cell = (
            (a.0 + f * d.0).floor() as i64,
            (a.1 + f * d.1).floor() as i64,
        );
        if cell == head || cell == tip || out.last().is_some_and(|c| (c.0, c.1) == cell) {
            continue;
        }
        out.push((cell.0, cell.1, body.unwrap_or_else(|| shaft(d))));
    }
    out.push((tip.0, tip.1, arrow((-ROW_ASPECT * d.1).atan2(d.0))));
    out
}

/// Whether a field cell shows only the colour field or a contour dot.
fn bare(buf: &Buffer, field: Rect, (c, r): (i64, i64)) -> bool {
    let (Ok(c), Ok(r)) = (u16::try_from(c), u16::try_from(r)) else {
        return false;
    };
    if c >= field.width || r >= field.height {
        return false;
    }
    let cell = buf.cell((field.x.saturating_add(c), field.y.saturating_add(r)));
    cell.and_then(|cell| cell.symbol().chars().next())
        .is_some_and(|ch| ch == ' ' || ('\u{2800}'..='\u{28FF}').contains(&ch))
}

/// Heads, starts and critical points stay visible under the overlay.
fn is_mark(symbol: &str) -> bool {
    use crate::analysis::CriticalKind::*;
    use crate::render::glyphs::{DIVERGED, HEADS, START, critical_glyph};
    symbol.chars().next().is_some_and(|ch| {
        HEADS.contains(&ch)
            || [START, DIVERGED].contains(&ch)
            || [Minimum, Maximum, Saddle, Degenerate]
                .iter()
                .any(|k| critical_glyph(*k) == ch)
    })
}

/// The next step of the selected run, when the overlay is on and there is one.
pub fn next_step(app: &App) -> Option<&ExplainedStep> {
    let on = app.instruments.anatomy;
    on.then(|| app.instruments.lookahead.as_ref()?.next())
        .flatten()
}

/// Draws the arrows, the ellipse and a key on the map's field.
pub fn draw(app: &App, field: Rect, buf: &mut Buffer) {
    if !app.instruments.anatomy {
        return;
    }
    let Some(vp) = app.field.as_ref().map(|f| *f.viewport()) else {
        return;
    };
    let key = key_lines(app, next_step(app).and_then(|s| geometry(s, &vp)).as_ref());
    let Some(step) = next_step(app) else {
        draw_key(app, field, None, &key, buf);
        return;
    };
    let Some(g) = geometry(step, &vp) else { return };
    let color = app.color_mode.has_color();
    let head = (g.head.0.floor() as i64, g.head.1.floor() as i64);
    // Only on the bare field: the trails stay readable through it.
    let ellipse: Vec<(i64, i64)> = g.ellipse.map_or(Vec::new(), |(rc, rr)| {
        (0..64)
            .map(|k| {
                let a = f64::from(k) * std::f64::consts::TAU / 64.0;
                let p = (g.head.0 + rc * a.cos(), g.head.1 + rr * a.sin());
                (p.0.floor() as i64, p.1.floor() as i64)
            })
            .filter(|&cell| cell != head && bare(buf, field, cell))
            .collect()
    });
    let mut put = |(c, r, ch): (i64, i64, char), rgb: Rgb, bold: bool| {
        let inside = c >= 0 && r >= 0 && c < i64::from(field.width) && r < i64::from(field.height);
        if !inside {
            return;
        }
        if let Some(cell) = buf.cell_mut((field.x + c as u16, field.y + r as u16)) {
            if is_mark(cell.symbol()) {
                return;
            }
            cell.set_char(ch);
            if color {
                cell.set_fg(app.color_mode.color(rgb));
            }
            if bold {
                cell.modifier.insert(Modifier::BOLD);
            }
        }
    };
    for c in ellipse {
        put((c.0, c.1, ELLIPSE), ELLIPSE_COLOR, false);
    }
    for (i, &(a, b)) in g.terms.iter().enumerate() {
        let body = (!color).then(|| char::from_digit((i % 9 + 1) as u32, 10).unwrap_or('+'));
        for c in arrow_cells(a, b, head, body) {
            put(c, TERM_COLORS[i % TERM_COLORS.len()], true);
        }
    }
    if g.terms.len() > 1 {
        for c in arrow_cells(g.head, g.step, head, None) {
            put(c, STEP_COLOR, true);
        }
    }
    draw_key(app, field, Some(head), &key, buf);
}

/// The key's lines: what was drawn and at what scale.
fn key_lines(app: &App, g: Option<&Geometry>) -> Vec<(String, Rgb)> {
    let Some(step) = next_step(app) else {
        let why = match app.instruments.lookahead.as_ref() {
            Some(l) => match l.status().end_step() {
                Some(n) => format!("no next step: {} at step {n}", l.status().name()),
                None => "no next step".into(),
            },
            None => "no optimizer selected".into(),
        };
        return vec![(format!("anatomy · {why}"), STEP_COLOR)];
    };
    let name = app
        .racers
        .get(app.selected)
        .map_or(String::new(), |r| r.label());
    let scale = g.map_or(String::new(), |g| scale_label(g.scale));
    let scale = if scale.is_empty() {
        scale
    } else {
        format!(" · arrows {scale}")
    };
    let mut out = vec![(format!("{name} · step {}{scale}", step.step), STEP_COLOR)];
    let many = step.anatomy.terms.len() > 1;
    let color = app.color_mode.has_color();
    for (i, t) in step.anatomy.terms.iter().enumerate() {
        let glyph = if color {
            '→'
        } else {
            char::from_digit((i % 9 + 1) as u32, 10).unwrap_or('+')
        };
        let tail = if many { "" } else { " = step" };
        out.push((
            format!("{glyph} {}{tail}", t.name),
            TERM_COLORS[i % TERM_COLORS.len()],
        ));
    }
    if many {
        out.push(("⇒ step (their sum)".into(), STEP_COLOR));
    }
    if let Some(e) = &step.anatomy.effective_lr {
        out.push((
            format!("{ELLIPSE} eff. lr {}", vector_text(e)),
            ELLIPSE_COLOR,
        ));
    }
    out
}

/// The key in the corner of the field farthest from the head, so it never covers it.
fn draw_key(
    app: &App,
    field: Rect,
    head: Option<(i64, i64)>,
    lines: &[(String, Rgb)],
    buf: &mut Buffer,
) {
    let w = lines
        .iter()
        .map(|(s, _)| s.chars().count())
        .max()
        .unwrap_or(0) as u16
        + 2;
    let (w, h) = (w.min(field.width), (lines.len() as u16).min(field.height));
    let corners = [
        (field.x, field.y + field.height - h),
        (field.x + field.width - w, field.y + field.height - h),
        (field.x, field.y),
        (field.x + field.width - w, field.y),
    ];
    let far = |&(x, y): &(u16, u16)| {
        head.map_or(0.0, |(c, r)| {
            let (cx, cy) = (
                f64::from(x - field.x) + f64::from(w) / 2.0,
                f64::from(y - field.y) + f64::from(h) / 2.0,
            );
            -((cx - c as f64).powi(2) + (ROW_ASPECT * (cy - r as f64)).powi(2))
        })
    };
    let Some(&(x, y)) = corners.iter().min_by(|a, b| far(a).total_cmp(&far(b))) else {
        return;
    };
    let bg = Rgb(20, 20, 28);
    for (k, (text, rgb)) in lines.iter().enumerate().take(usize::from(h)) {
        let row = y + k as u16;
        let mut style = styled(app, *rgb);
        if app.color_mode.has_color() {
            style = style.bg(app.color_mode.color(bg));
        }
        let padded: String = format!(" {text:<width$} ", width = usize::from(w.saturating_sub(2)))
            .chars()
            .take(usize::from(w))
            .collect();
        buf.set_string(x, row, padded, style);
    }
}

/// The inspector's section: the same numbers `losscape explain` prints for this step.
pub fn inspector_lines(app: &App) -> Vec<Line<'static>> {
    if !app.instruments.anatomy {
        return Vec::new();
    }
    let key = styled(app, Rgb(150, 150, 170));
    let bold = styled(app, STEP_COLOR).add_modifier(Modifier::BOLD);
    let kv = |k: String, v: String, style| {
        Line::from(vec![
            Span::styled(format!("{k:<7}"), key),
            Span::styled(v, style),
        ])
    };
    let Some(s) = next_step(app) else {
        return vec![Line::from(Span::styled(
            key_lines(app, None)[0].0.clone(),
            bold,
        ))];
    };
    let plain = ratatui::style::Style::default();
    let mut out = vec![Line::from(Span::styled(
        format!("next step {} · lr {}", s.step, number_text(s.lr)),
        bold,
    ))];
    out.push(kv("x".into(), vector_text(&s.x), plain));
    out.push(kv("grad".into(), vector_text(&s.gradient), plain));
    for (i, t) in s.anatomy.terms.iter().enumerate() {
        let style = styled(app, TERM_COLORS[i % TERM_COLORS.len()]);
        out.push(Line::from(vec![
            Span::styled(format!("{} ", t.name), style),
            Span::raw(vector_text(&t.vector)),
        ]));
    }
    out.push(kv("step".into(), vector_text(&s.step_vector()), bold));
    if let Some(e) = &s.anatomy.effective_lr {
        out.push(kv(
            "eff lr".into(),
            vector_text(e),
            styled(app, ELLIPSE_COLOR),
        ));
    }
    for (name, v) in &s.anatomy.scalars {
        out.push(kv(
            String::new(),
            format!("{name} {}", number_text(*v)),
            plain,
        ));
    }
    // The optimizer's state after the step, by torch's names (`optimizer.state[p]`).
    for (i, (name, e)) in s.state.0.iter().enumerate() {
        let v = match e {
            crate::analysis::StateEntry::Scalar(v) => number_text(*v),
            crate::analysis::StateEntry::Buffer(b) => vector_text(b),
        };
        let k = if i == 0 { "state" } else { "" };
        out.push(kv(k.into(), format!("{name} {v}"), plain));
    }
    out
}
