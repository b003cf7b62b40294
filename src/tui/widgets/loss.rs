//! Loss against step for every optimizer, on a log scale (linear if some loss is ≤ 0), live.

use super::{panel_block, styled};
use crate::render::Rgb;
use crate::render::glyphs::trail_color;
use crate::render::ticks::fmt_num;
use crate::tui::app::{App, Panel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

/// Losses below this are drawn at this height on the log scale.
const LOG_FLOOR: f64 = 1e-16;

/// Per run, the (step, y) points to plot, thinned to about `max_points`; y is log10(loss)
/// when `log`.
pub fn series(app: &App, log: bool, max_points: usize) -> Vec<Vec<(f64, f64)>> {
    app.racers
        .iter()
        .map(|r| {
            let t = r.run.trajectory();
            let stride = (t.len() / max_points.max(1)).max(1);
            let mut pts: Vec<(f64, f64)> = t
                .iter()
                .step_by(stride)
                .chain(t.last())
                .map(|p| {
                    let y = if log {
                        p.loss.max(LOG_FLOOR).log10()
                    } else {
                        p.loss
                    };
                    (p.step as f64, y)
                })
                .filter(|p| p.1.is_finite())
                .collect();
            pts.dedup_by(|a, b| a.0 == b.0);
            pts
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let log = app
        .racers
        .iter()
        .all(|r| r.run.trajectory().iter().all(|p| p.loss > 0.0));
    let data = series(app, log, usize::from(area.width) * 2);
    let max_step = data
        .iter()
        .filter_map(|d| d.last().map(|p| p.0))
        .fold(10.0, f64::max);
    let (mut lo, mut hi) = data
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    if !(lo.is_finite() && hi.is_finite()) {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.05;
    let (lo, hi) = (lo - pad, hi + pad);
    let datasets: Vec<Dataset> = data
        .iter()
        .zip(&app.racers)
        .map(|(d, r)| {
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(styled(app, trail_color(r.slot)))
                .data(d)
        })
        .collect();
    let y_label = |v: f64| {
        if log {
            format!("1e{}", v.round() as i64)
        } else {
            fmt_num(v)
        }
    };
    let y_labels = if log {
        // Whole decades only.
        let (a, b) = (lo.ceil() as i64, hi.floor() as i64);
        if b > a {
            vec![y_label(a as f64), y_label(b as f64)]
        } else {
            vec![y_label(lo), y_label(hi)]
        }
    } else {
        vec![y_label(lo), y_label(hi)]
    };
    let y_bounds = if log && hi.floor() > lo.ceil() {
        [lo.ceil(), hi.floor()]
    } else {
        [lo, hi]
    };
    let axis_style = styled(app, Rgb(150, 150, 160));
    let title = if log { "loss (log)" } else { "loss" };
    Chart::new(datasets)
        .block(panel_block(app, Panel::Loss))
        .x_axis(
            Axis::default()
                .title("step")
                .style(axis_style)
                .bounds([0.0, max_step])
                .labels(["0".to_string(), fmt_num(max_step)]),
        )
        .y_axis(
            Axis::default()
                .title(title)
                .style(axis_style)
                .bounds(y_bounds)
                .labels(y_labels),
        )
        .render(area, buf);
}
