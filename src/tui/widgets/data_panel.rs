//! A network's data panel: with two inputs, the rows over the network's decision regions and
//! boundary (the selected run's current parameters, so it moves as it learns); with one
//! input, the rows and every run's fitted curve.

use super::{panel_block, styled};
use crate::model::plane::PlaneSurface;
use crate::model::scalar::sigmoid;
use crate::model::{Loss, Mlp};
use crate::render::Rgb;
use crate::render::glyphs::trail_color;
use crate::render::ticks::fmt_num;
use crate::tui::app::{App, Panel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

const CLASS0: Rgb = Rgb(90, 150, 230);
const CLASS1: Rgb = Rgb(240, 150, 60);

pub fn draw(app: &App, net: &PlaneSurface, area: Rect, buf: &mut Buffer) {
    let m = net.mlp.as_ref();
    if m.data.dim() == 2 {
        boundary(app, m, area, buf);
    } else {
        fit(app, m, area, buf);
    }
}

/// The range of input column `i` (standardized units, if the model standardizes), padded.
fn range(m: &Mlp, i: usize) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for r in 0..m.data.rows() {
        let v = m.data.input(r)[i];
        lo = lo.min(v);
        hi = hi.max(v);
    }
    // No spread (one value, or none: lo = ∞): a unit margin around it.
    if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
        return (lo - 1.0, hi + 1.0);
    }
    let pad = 0.05 * (hi - lo);
    (lo - pad, hi + pad)
}

/// The selected run's parameters (or the first run's).
fn selected_params(app: &App) -> Option<(&[f64], usize, String)> {
    let r = app.racers.get(app.selected).or(app.racers.first())?;
    Some((r.run.params(), r.slot, r.label()))
}

fn boundary(app: &App, m: &Mlp, area: Rect, buf: &mut Buffer) {
    let names = &m.data.input_names;
    let Some((theta, slot, label)) = selected_params(app) else {
        return;
    };
    let title = format!(" Data: {} × {} · boundary of {label} ", names[0], names[1]);
    let block = panel_block(app, Panel::Data)
        .title(Line::from(title))
        .title_bottom(Line::from(" ○ 0  ● 1  · boundary "));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let ((x0, x1), (y0, y1)) = (range(m, 0), range(m, 1));
    let (w, h) = (usize::from(inner.width), usize::from(inner.height));
    let at = |c: usize, r: usize| {
        let x = x0 + (x1 - x0) * (c as f64 + 0.5) / w as f64;
        let y = y1 - (y1 - y0) * (r as f64 + 0.5) / h as f64;
        m.output(theta, &[x, y])
    };
    let z: Vec<f64> = (0..h)
        .flat_map(|r| (0..w).map(move |c| (r, c)))
        .map(|(r, c)| at(c, r))
        .collect();
    let threshold = if m.arch.loss == Loss::Bce { 0.0 } else { 0.5 };
    let side = |v: f64| v > threshold;
    let mut cells = vec![(' ', None::<Rgb>); w * h];
    for r in 0..h {
        for c in 0..w {
            let v = z[r * w + c];
            let p = if m.arch.loss == Loss::Bce {
                sigmoid(v)
            } else {
                v.clamp(0.0, 1.0)
            };
            let tint = Rgb(30, 30, 40).mix(CLASS0.mix(CLASS1, p), 0.35);
            let edge = (c + 1 < w && side(z[r * w + c + 1]) != side(v))
                || (r + 1 < h && side(z[(r + 1) * w + c]) != side(v));
            cells[r * w + c] = (if edge { '·' } else { ' ' }, Some(tint));
        }
    }
    for row in 0..m.data.rows() {
        let x = m.data.input(row);
        let c = ((x[0] - x0) / (x1 - x0) * w as f64) as usize;
        let r = ((y1 - x[1]) / (y1 - y0) * h as f64) as usize;
        if c < w && r < h {
            let one = m.data.target(row) > 0.5;
            cells[r * w + c].0 = if one { '●' } else { '○' };
        }
    }
    for r in 0..h {
        for c in 0..w {
            let (ch, tint) = cells[r * w + c];
            let fg = match ch {
                '●' => CLASS1,
                '○' => CLASS0,
                _ => trail_color(slot),
            };
            let mut style = styled(app, fg);
            if let Some(t) = tint.filter(|_| app.color_mode.has_color()) {
                style = style.bg(app.color_mode.color(t));
            }
            if let Some(cell) = buf.cell_mut((inner.x + c as u16, inner.y + r as u16)) {
                cell.set_char(ch).set_style(style);
            }
        }
    }
}

fn fit(app: &App, m: &Mlp, area: Rect, buf: &mut Buffer) {
    let (x0, x1) = range(m, 0);
    let pts: Vec<(f64, f64)> = (0..m.data.rows())
        .map(|r| (m.data.input(r)[0], m.data.target(r)))
        .collect();
    let (mut y0, mut y1) = (f64::MAX, f64::MIN);
    for &(_, y) in &pts {
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let pad = 0.1 * (y1 - y0).max(1e-9);
    let (y0, y1) = (y0 - pad, y1 + pad);
    let curves: Vec<(Vec<(f64, f64)>, Rgb)> = app
        .racers
        .iter()
        .map(|r| {
            let n = 48;
            let line = (0..=n)
                .map(|k| {
                    let x = x0 + (x1 - x0) * f64::from(k) / f64::from(n);
                    let z = m.output(r.run.params(), &[x]);
                    (
                        x,
                        if m.arch.loss == Loss::Bce {
                            sigmoid(z)
                        } else {
                            z
                        },
                    )
                })
                .filter(|q| q.1.is_finite() && q.1 >= y0 && q.1 <= y1)
                .collect();
            (line, trail_color(r.slot))
        })
        .collect();
    let mut sets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Scatter)
            .style(styled(app, Rgb(210, 210, 210)))
            .data(&pts),
    ];
    for (line, rgb) in &curves {
        sets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(styled(app, *rgb))
                .data(line),
        );
    }
    let axis: Style = styled(app, Rgb(150, 150, 160));
    Chart::new(sets)
        .block(panel_block(app, Panel::Data).title(format!(
            " Data: {} · each run's fit ",
            m.data.input_names[0]
        )))
        .x_axis(
            Axis::default()
                .title(m.data.input_names[0].clone())
                .style(axis)
                .bounds([x0, x1])
                .labels([fmt_num(x0), fmt_num(x1)]),
        )
        .y_axis(
            Axis::default()
                .title(m.data.target_name.clone())
                .style(axis)
                .bounds([y0, y1])
                .labels([fmt_num(y0), fmt_num(y1)]),
        )
        .render(area, buf);
}
