//! The map panel: field, overlays, trajectories, axis ticks and the colour bar.

use super::styled;
use crate::analysis::{CriticalKind, CriticalPoint, classify};
use crate::render::glyphs::{head, trail_color};
use crate::render::ticks::{fmt_fit, fmt_full, nice_ticks, snap, tick_labels};
use crate::render::{MapScene, Rgb, Trail, draw_map};
use crate::run::RunStatus;
use crate::tui::app::App;
use crate::tui::layout::Layout;
use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

/// At most one critical-point mark per this many map cells before only minima are shown.
const CELLS_PER_MARK: usize = 40;

pub fn draw(app: &App, l: &Layout, buf: &mut Buffer) {
    let Some(field) = app.field.as_ref() else {
        return;
    };
    let mut starts = vec![app.start];
    for r in &app.racers {
        if let Some(s) = r.own_start {
            starts.push(s);
        }
    }
    let trails = app
        .racers
        .iter()
        .enumerate()
        .map(|(i, r)| Trail {
            points: r.run.trajectory(),
            color: trail_color(r.slot),
            head: head(r.slot),
            diverged: matches!(r.run.status(), RunStatus::Diverged { .. }),
            selected: i == app.selected,
        })
        .collect();
    let critical = visible_critical(app);
    let hessian_axes = app
        .overlays
        .hessian_axes
        .then(|| (app.cursor, classify(app.surface.hessian(app.cursor))))
        .filter(|(_, h)| h.eigenvalues.iter().all(|v| v.is_finite()));
    let scene = MapScene {
        field,
        mode: app.color_mode,
        trails,
        critical: &critical,
        critical_sets: app
            .findings
            .analysis_for(&app.surface)
            .filter(|_| app.overlays.critical),
        starts,
        cursor: Some(app.cursor),
        show_contours: app.overlays.contours,
        show_labels: app.overlays.labels && app.overlays.contours,
        arrows: app.overlays.arrows.then_some(app.surface.as_ref()),
        hessian_axes,
        constraint: app
            .constraint_layer
            .as_ref()
            .map(|l| (l, app.surface.as_ref())),
        curvature: app
            .instruments
            .curvature
            .then_some(app.instruments.curvature_layer.as_ref())
            .flatten(),
        forecast: forecast(app),
    };
    draw_map(&scene, l.field, buf);
    draw_axes(app, l, buf);
    draw_colorbar(app, l, buf);
}

/// The selected run's forecast past its head, if the forecast is on.
fn forecast(app: &App) -> Option<(&[crate::run::TrajectoryPoint], Rgb)> {
    let racer = app.racers.get(app.selected)?;
    let w = app
        .instruments
        .forecasts
        .get(0)
        .filter(|_| app.instruments.forecast)?;
    Some((w.ahead(racer.run.current().step), trail_color(racer.slot)))
}

/// The critical points to mark: all of them, unless they would crowd the map (Rastrigin has
/// hundreds), then the minima only; none when switched off.
fn visible_critical(app: &App) -> Vec<CriticalPoint> {
    let Some(field) = app.field.as_ref().filter(|_| app.overlays.critical) else {
        return Vec::new();
    };
    let vp = field.viewport();
    let in_view: Vec<CriticalPoint> = app
        .critical
        .iter()
        .filter(|c| vp.to_cell(c.point).is_some())
        .copied()
        .collect();
    let room = usize::from(vp.cols) * usize::from(vp.rows) / CELLS_PER_MARK;
    if in_view.len() <= room {
        in_view
    } else {
        in_view
            .into_iter()
            .filter(|c| c.kind() == CriticalKind::Minimum)
            .collect()
    }
}

fn draw_axes(app: &App, l: &Layout, buf: &mut Buffer) {
    let Some(field) = app.field.as_ref() else {
        return;
    };
    let vp = field.viewport();
    let reg = vp.region();
    let dim = styled(app, Rgb(170, 170, 170));
    let (xname, yname) = app.surface.axis_names();
    // y ticks: right-aligned labels with a tick mark pointing into the map; whole numbers
    // that stay distinct at any zoom (offsets from y₀ when nothing shorter can).
    let y_ax = l.y_axis;
    let mut offsets = Vec::new();
    if y_ax.width >= 3 {
        let ys = nice_ticks(reg.y0, reg.y1, usize::from(vp.rows / 4).max(2));
        let labels = tick_labels(&ys, usize::from(y_ax.width - 1));
        if let Some(o) = labels.offset {
            offsets.push(format!("{yname}₀ = {}", fmt_full(o)));
        }
        for (y, label) in ys.iter().zip(&labels.labels) {
            let row = ((vp.y1 - y) / vp.dy) as u16;
            if row >= y_ax.height || label.chars().count() >= usize::from(y_ax.width) {
                continue;
            }
            let text = format!("{label:>w$}┤", w = usize::from(y_ax.width - 1));
            buf.set_string(y_ax.x, y_ax.y + row, text, dim);
        }
        if y_ax.height > 0 {
            buf.set_string(y_ax.x, y_ax.y, yname, dim.add_modifier(Modifier::BOLD));
        }
    }
    // x ticks: labels centred under their column, never overlapping; offsets at the right.
    let x_ax = l.x_axis;
    let xs = nice_ticks(reg.x0, reg.x1, usize::from(vp.cols / 9).max(2));
    let labels = tick_labels(&xs, 8);
    if let Some(o) = labels.offset {
        offsets.insert(0, format!("{xname}₀ = {}", fmt_full(o)));
    }
    let offsets = if offsets.is_empty() {
        String::new()
    } else {
        format!("{} ", offsets.join("  "))
    };
    let room = x_ax
        .width
        .saturating_sub(2 + offsets.chars().count() as u16);
    let mut next_free = 0u16;
    for (x, label) in xs.iter().zip(&labels.labels) {
        let col = ((x - vp.x0) / vp.dx) as u16;
        let text = format!("╵{label}");
        let start = col;
        let len = text.chars().count() as u16;
        if start < next_free || start + len > room {
            continue;
        }
        buf.set_string(x_ax.x + start, x_ax.y, &text, dim);
        next_free = start + len + 2;
    }
    if !offsets.is_empty() && room > 0 {
        buf.set_string(x_ax.x + room, x_ax.y, &offsets, dim);
    }
    if x_ax.width > 2 {
        buf.set_string(
            x_ax.x + x_ax.width - 1,
            x_ax.y,
            xname,
            dim.add_modifier(Modifier::BOLD),
        );
    }
}

fn draw_colorbar(app: &App, l: &Layout, buf: &mut Buffer) {
    let Some(field) = app.field.as_ref() else {
        return;
    };
    let cb = l.colorbar;
    if cb.width < 6 || cb.height < 3 {
        return;
    }
    let scale = &field.scale;
    let rows = cb.height;
    let dim = styled(app, Rgb(200, 200, 200));
    let t_of_row = |r: u16| 1.0 - (f64::from(r) + 0.5) / f64::from(rows);
    for r in 0..rows {
        let t = t_of_row(r);
        let (ch, style) = if app.color_mode.has_color() {
            // A full block, not a coloured space: screen captures trim trailing spaces.
            let c = app.color_mode.ramp(t);
            ('█', Style::default().fg(c).bg(c))
        } else {
            let shade = [' ', '░', '▒', '▓', '█'][((t * 4.99) as usize).min(4)];
            (shade, Style::default())
        };
        for c in 1..3 {
            if let Some(cell) = buf.cell_mut((cb.x + c, cb.y + r)) {
                cell.set_char(ch);
                cell.set_style(style);
            }
        }
    }
    // Labels: the extremes, then contour levels where there is room.
    let label_w = usize::from(cb.width - 4);
    let mut used = vec![false; usize::from(rows)];
    let mut put = |r: u16, v: f64, buf: &mut Buffer, force: bool| {
        let ri = usize::from(r);
        let free = !used[ri] && (ri == 0 || !used[ri - 1]) && used.get(ri + 1).is_none_or(|u| !u);
        if force || free {
            used[ri] = true;
            let s = fmt_fit(snap(v, scale.magnitude()), label_w);
            buf.set_string(cb.x + 3, cb.y + r, format!("─{s}"), dim);
        }
    };
    put(0, scale.max, buf, true);
    put(rows - 1, scale.min, buf, true);
    for &level in &field.levels {
        let t = scale.t(level);
        let r = ((1.0 - t) * f64::from(rows))
            .floor()
            .clamp(0.0, f64::from(rows - 1)) as u16;
        put(r, level, buf, false);
    }
}
