//! The 1-D slice panel (`I`, in the loss panel's place): f along a line through the cursor —
//! along the selected run's last step or either Hessian eigenvector at the cursor — with the
//! points of runs that lie near the line and f's second derivative along it. The line itself
//! is drawn faint on the map so it is clear which slice is shown.

use super::{panel_block, styled};
use crate::analysis::{Line, NearPoint, Slice, SliceDirection, points_near, slice_line};
use crate::render::glyphs::{self, trail_color};
use crate::render::ticks::fmt_num;
use crate::render::{Rgb, Viewport};
use crate::surface::Point;
use crate::tui::app::{App, Panel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget, Wrap};

/// The slice's colour (and its line's on the map).
pub const SLICE_COLOR: Rgb = Rgb(240, 240, 240);
/// How far from the line (in map cells) a run's point may lie and still be shown.
pub const NEAR_CELLS: f64 = 1.0;

/// What the panel shows: the slice, the run points near its line, and the half-width of t.
pub struct SliceView {
    pub direction: SliceDirection,
    pub slice: Slice,
    pub near: Vec<NearPoint>,
}

/// The selected run's last displacement (None before its first step or when it stood still).
fn last_step(app: &App) -> Option<nalgebra::Vector2<f64>> {
    let t = app.racers.get(app.selected)?.run.trajectory();
    let [.., a, b] = t else { return None };
    let d = b.x - a.x;
    (d.norm() > 0.0).then_some(d)
}

/// The slice through the cursor the panel shows now, sampled at `samples` points over the
/// view; Err says why there is none.
pub fn slice_view(app: &App, samples: usize) -> Result<SliceView, &'static str> {
    let direction = app.instruments.slice.ok_or("the slice is off")?;
    let s = app.surface.as_ref();
    let line = slice_line(s, app.cursor, direction, last_step(app)).ok_or(match direction {
        SliceDirection::LastStep => "the selected run has not moved yet: n takes a step",
        _ => "the Hessian is undefined at the cursor",
    })?;
    let vp = app.viewport();
    let half = 0.5 * vp.region().width().min(vp.region().height());
    let slice = Slice::sample(s, line, -half, half, samples);
    let runs: Vec<Vec<(usize, Point)>> = app
        .racers
        .iter()
        .map(|r| r.run.trajectory().iter().map(|p| (p.step, p.x)).collect())
        .collect();
    let tolerance = NEAR_CELLS * vp.dx.max(vp.dy);
    let near = points_near(
        s,
        &line,
        (-half, half),
        tolerance,
        runs.iter().map(Vec::as_slice),
    );
    Ok(SliceView {
        direction,
        slice,
        near,
    })
}

/// ∪ where f curves up along the line, ∩ where it curves down.
fn bend(c: f64) -> &'static str {
    if c > 0.0 {
        "∪ up"
    } else if c < 0.0 {
        "∩ down"
    } else {
        "flat"
    }
}

/// The panel's title line: which line, and f'' along it at the cursor.
pub fn title(v: &SliceView) -> String {
    let along = match v.direction {
        SliceDirection::LastStep => "the last step",
        SliceDirection::EigenMin => "v₁ (λ min)",
        SliceDirection::EigenMax => "v₂ (λ max)",
    };
    format!(
        "f along {along} · f'' = {} {}",
        fmt_num(v.slice.curvature),
        bend(v.slice.curvature)
    )
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let block = panel_block(app, Panel::Loss);
    let view = match slice_view(app, usize::from(area.width.max(4)) * 2) {
        Ok(v) => v,
        Err(why) => {
            Paragraph::new(format!("1-D slice: {why} (I: next direction)"))
                .wrap(Wrap { trim: true })
                .block(block)
                .render(area, buf);
            return;
        }
    };
    let curve: Vec<(f64, f64)> = view
        .slice
        .ts
        .iter()
        .zip(&view.slice.values)
        .filter(|(_, v)| v.is_finite())
        .map(|(t, v)| (*t, *v))
        .collect();
    let (lo, hi) = view.slice.value_range().unwrap_or((0.0, 1.0));
    let pad = ((hi - lo) * 0.05).max(1e-12);
    let (lo, hi) = (lo - pad, hi + pad);
    let t0 = view.slice.ts.first().copied().unwrap_or(-1.0);
    let t1 = view.slice.ts.last().copied().unwrap_or(1.0);
    let cursor = [(0.0, lo), (0.0, hi)];
    let per_run = run_points(app, &view, (lo, hi));
    let datasets = datasets(app, &cursor, &curve, &per_run);
    let axis = styled(app, Rgb(150, 150, 160));
    let near = if view.near.is_empty() {
        String::from("no run on it")
    } else {
        format!("• {} run points", view.near.len())
    };
    Chart::new(datasets)
        .block(block.title_bottom(format!("{} · {near}", title(&view))))
        .x_axis(
            Axis::default()
                .title("t (cursor at 0)")
                .style(axis)
                .bounds([t0, t1])
                .labels([fmt_num(t0), "0".into(), fmt_num(t1)]),
        )
        .y_axis(
            Axis::default()
                .title("f")
                .style(axis)
                .bounds([lo, hi])
                .labels([fmt_num(lo), fmt_num(hi)]),
        )
        .render(area, buf);
}

/// Each racer's points on the slice (f clamped into the chart), in its colour.
fn run_points(app: &App, view: &SliceView, (lo, hi): (f64, f64)) -> Vec<(Vec<(f64, f64)>, Rgb)> {
    app.racers
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let pts = view.near.iter().filter(|p| p.run == i);
            let pts = pts.map(|p| (p.t, p.value.clamp(lo, hi))).collect();
            (pts, trail_color(r.slot))
        })
        .collect()
}

/// The chart's lines: the cursor's vertical, the slice's curve, then each run's points.
fn datasets<'a>(
    app: &App,
    cursor: &'a [(f64, f64)],
    curve: &'a [(f64, f64)],
    per_run: &'a [(Vec<(f64, f64)>, Rgb)],
) -> Vec<Dataset<'a>> {
    let line = |data, rgb| {
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(styled(app, rgb))
            .data(data)
    };
    let mut datasets = vec![line(cursor, Rgb(120, 120, 130)), line(curve, SLICE_COLOR)];
    for (pts, rgb) in per_run {
        datasets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(styled(app, *rgb))
                .data(pts),
        );
    }
    datasets
}

/// The slice's line drawn faint across the map's background (never over a mark or a trail:
/// only cells showing the bare field or a contour dot).
pub fn draw_on_map(app: &App, field: Rect, buf: &mut Buffer) {
    let Ok(view) = slice_view(app, 2) else { return };
    let Some(vp) = app.field.as_ref().map(|f| *f.viewport()) else {
        return;
    };
    let line: Line = view.slice.line;
    let glyph = line_glyph(&vp, &line);
    let (t0, t1) = (view.slice.ts[0], view.slice.ts[view.slice.ts.len() - 1]);
    let n = usize::from(field.width.max(field.height)) * 4;
    for k in 0..=n {
        let t = t0 + (t1 - t0) * k as f64 / n as f64;
        let Some((c, r)) = vp.to_cell(line.at(t)) else {
            continue;
        };
        let Some(cell) = buf.cell_mut((field.x + c, field.y + r)) else {
            continue;
        };
        let bare = cell
            .symbol()
            .chars()
            .next()
            .is_some_and(|ch| ch == ' ' || ('\u{2800}'..='\u{28FF}').contains(&ch));
        if bare && (c, r) != vp.to_cell(app.cursor).unwrap_or((u16::MAX, 0)) {
            cell.set_char(glyph);
            if app.color_mode.has_color() {
                cell.set_fg(app.color_mode.color(SLICE_COLOR));
            }
        }
    }
}

/// A dotted line glyph along the line's direction on screen.
fn line_glyph(vp: &Viewport, line: &Line) -> char {
    let d = line.direction;
    let (c, r) = (d.x / vp.dx, -d.y / vp.dy);
    glyphs::line_glyph(c, -2.0 * r, glyphs::DOTTED_LINES)
}
