//! The loss panel's sharpness mode (`E`): λmax of the Hessian at each point against step for
//! every run, with each run's 2/lr drawn beside it. Gradient descent on the local quadratic
//! is stable only below its 2/lr line; a run that reaches it starts to oscillate (Cohen et
//! al. 2021, the edge of stability).

use super::{panel_block, styled};
use crate::analysis::sharpness;
use crate::render::Rgb;
use crate::render::glyphs::trail_color;
use crate::render::ticks::fmt_num;
use crate::tui::app::{App, Panel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

/// (step, value) pairs of one line of the chart.
pub type Series = Vec<(f64, f64)>;

/// Per run, (step, sharpness) and (step, 2/lr), thinned to about `max_points`.
pub fn series(app: &App, max_points: usize) -> Vec<(Series, Series)> {
    app.racers
        .iter()
        .map(|r| {
            let t = r.run.trajectory();
            let stride = (t.len() / max_points.max(1)).max(1);
            let picked = t.iter().step_by(stride).chain(t.last());
            let mut sharp = Vec::new();
            let mut edge = Vec::new();
            for p in picked {
                let s = sharpness(app.surface.hessian(p.x));
                if s.is_finite() {
                    sharp.push((p.step as f64, s));
                }
                if p.lr > 0.0 {
                    edge.push((p.step as f64, 2.0 / p.lr));
                }
            }
            sharp.dedup_by(|a, b| a.0 == b.0);
            edge.dedup_by(|a, b| a.0 == b.0);
            (sharp, edge)
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let data = series(app, usize::from(area.width) * 2);
    let max_step = data
        .iter()
        .filter_map(|(d, _)| d.last().map(|p| p.0))
        .fold(10.0, f64::max);
    let (mut lo, mut hi) = data
        .iter()
        .flat_map(|(d, _)| d)
        .fold((0.0f64, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    // A 2/lr far above every sharpness would flatten the curves: show edges up to 3× the top.
    let top = if hi.is_finite() {
        hi.max(1e-9) * 3.0
    } else {
        1.0
    };
    for (_, e) in &data {
        for p in e.iter().filter(|p| p.1 <= top) {
            hi = hi.max(p.1);
        }
    }
    if !(lo.is_finite() && hi.is_finite()) || hi - lo < 1e-9 {
        (lo, hi) = (lo.min(0.0), lo.max(0.0) + 1.0);
    }
    let pad = (hi - lo) * 0.05;
    let (lo, hi) = (lo - pad, hi + pad);
    let mut datasets = Vec::new();
    for ((sharp, edge), r) in data.iter().zip(&app.racers) {
        let style = styled(app, trail_color(r.slot));
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(style)
                .data(sharp),
        );
        // The edge as a dotted line of the same colour: a different shape, not only a hue.
        datasets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(style)
                .data(edge),
        );
    }
    let axis_style = styled(app, Rgb(150, 150, 160));
    let off_chart: Vec<String> = data
        .iter()
        .zip(&app.racers)
        .filter_map(|((_, e), r)| {
            let v = e.last()?.1;
            (v > hi).then(|| format!("{} 2/lr={}", r.run.label(), fmt_num(v)))
        })
        .collect();
    let mut title = "λmax ⠤ · 2/lr •".to_string();
    if !off_chart.is_empty() {
        title = format!("{title}  above: {}", off_chart.join(", "));
    }
    Chart::new(datasets)
        .block(panel_block(app, Panel::Loss).title_bottom(title))
        .x_axis(
            Axis::default()
                .title("step")
                .style(axis_style)
                .bounds([0.0, max_step])
                .labels(["0".to_string(), fmt_num(max_step)]),
        )
        .y_axis(
            Axis::default()
                .title("sharpness")
                .style(axis_style)
                .bounds([lo, hi])
                .labels([fmt_num(lo), fmt_num(hi)]),
        )
        .render(area, buf);
}
