//! Where the user looks: the cursor, panning and zooming (keys and mouse), and what is shown
//! (overlays, panels, help).

use super::race::restart_all_from;
use crate::surface::{Point, Region};
use crate::tui::action::Action;
use crate::tui::app::{App, Panel};

/// Zoom factor per key press or wheel notch.
const ZOOM: f64 = 1.25;

pub fn apply(app: &mut App, action: Action) {
    match action {
        Action::MoveCursor(dc, dr) => move_cursor(app, dc, dr),
        Action::Pan(dx, dy) => {
            let shift = Point::new(
                f64::from(dx) * 0.1 * app.view.width(),
                f64::from(dy) * 0.1 * app.view.height(),
            );
            app.view = shifted(app.view, shift);
            app.cursor += shift;
        }
        Action::ZoomIn => app.view = zoomed(app.view, app.cursor, 1.0 / ZOOM),
        Action::ZoomOut => app.view = zoomed(app.view, app.cursor, ZOOM),
        Action::ZoomAt { col, row, zoom_in } => {
            if let Some(p) = map_point(app, col, row) {
                let f = if zoom_in { 1.0 / ZOOM } else { ZOOM };
                app.view = zoomed(app.view, p, f);
            }
        }
        Action::ResetView => app.view = app.surface.view(),
        Action::Click { col, row } => click(app, col, row),
        Action::MouseDown { col, row } => {
            app.press = Some((col, row));
            app.dragged = false;
        }
        Action::MouseDrag { col, row } => drag(app, col, row),
        Action::MouseUp { col, row } => {
            let was_click = app.press.is_some() && !app.dragged;
            app.press = None;
            app.dragged = false;
            if was_click {
                click(app, col, row);
            }
        }
        _ => {}
    }
}

/// Overlays, panels and help: what is drawn, not where.
pub fn show(app: &mut App, action: Action) {
    let o = &mut app.overlays;
    match action {
        Action::ToggleArrows => o.arrows = !o.arrows,
        Action::ToggleHessianAxes => o.hessian_axes = !o.hessian_axes,
        Action::ToggleLabels => o.labels = !o.labels,
        Action::ToggleContours => o.contours = !o.contours,
        Action::ToggleCritical => o.critical = !o.critical,
        Action::ToggleCurvature => app.instruments.curvature = !app.instruments.curvature,
        Action::ToggleForecast => app.instruments.forecast = !app.instruments.forecast,
        Action::ToggleSharpness => {
            app.instruments.sharpness = !app.instruments.sharpness;
            if app.instruments.sharpness {
                app.instruments.slice = None;
                show_loss_panel(app);
            }
        }
        Action::ToggleAnatomy => {
            app.instruments.anatomy = !app.instruments.anatomy;
            // A class walks through the steps with `n`: the overlay holds still.
            if app.instruments.anatomy {
                app.playing = false;
            }
        }
        Action::CycleSlice => {
            app.instruments.slice = crate::tui::instruments::next_slice(app.instruments.slice);
            if app.instruments.slice.is_some() {
                app.instruments.sharpness = false;
                show_loss_panel(app);
            }
        }
        Action::CycleScale => {
            app.scale_mode = app.scale_mode.next();
            app.message = Some(format!("colour scale: {}", app.scale_mode.as_str()));
        }
        Action::NextPanel => app.panel = next_panel(app.panel, app.is_data_surface()),
        Action::ShowPanel(p) if p != Panel::Data || app.is_data_surface() => app.panel = p,
        Action::ToggleHelp => app.help = !app.help,
        _ => {}
    }
}

/// On a narrow screen, where panels fold away, an instrument that takes the loss panel's
/// place brings that panel up.
fn show_loss_panel(app: &mut App) {
    if !app.layout().wide && app.panel == Panel::None {
        app.panel = Panel::Loss;
    }
}

fn move_cursor(app: &mut App, dc: i16, dr: i16) {
    let vp = app.viewport();
    let mut p = app.cursor + Point::new(f64::from(dc) * vp.dx, -f64::from(dr) * vp.dy);
    // Keep the cursor inside the view.
    let reg = vp.region();
    p.x = clamp_within(p.x, reg.x0 + 0.5 * vp.dx, reg.x1 - 0.5 * vp.dx);
    p.y = clamp_within(p.y, reg.y0 + 0.5 * vp.dy, reg.y1 - 0.5 * vp.dy);
    app.cursor = p;
}

/// `v` kept within [lo, hi]; unchanged when the bounds are not a range (a view so wide that
/// its cell size overflows gives NaN bounds, and `f64::clamp` would panic).
fn clamp_within(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi { v.clamp(lo, hi) } else { v }
}

/// On the map every run restarts from the clicked point; on the legend, that row is selected.
fn click(app: &mut App, col: u16, row: u16) {
    if crate::tui::many::sweep_click(app, col, row) {
        return;
    }
    if let Some(p) = map_point(app, col, row) {
        app.cursor = p;
        restart_all_from(app, p);
    } else if let Some(i) = legend_row(app, col, row) {
        app.selected = i;
    }
}

fn drag(app: &mut App, col: u16, row: u16) {
    let Some((c0, r0)) = app.press else { return };
    if map_point(app, c0, r0).is_none() {
        return;
    }
    // The map follows the mouse: content moves right, so the view moves left.
    let vp = app.viewport();
    let d = Point::new(
        -(f64::from(col) - f64::from(c0)) * vp.dx,
        (f64::from(row) - f64::from(r0)) * vp.dy,
    );
    app.view = shifted(app.view, d);
    app.press = Some((col, row));
    app.dragged = true;
}

/// The world point under a terminal cell, if the cell is on the map.
pub fn map_point(app: &App, col: u16, row: u16) -> Option<Point> {
    let f = app.layout().field;
    let inside = col >= f.x && row >= f.y && col < f.x + f.width && row < f.y + f.height;
    inside.then(|| app.viewport().cell_center(col - f.x, row - f.y))
}

/// The optimizer whose legend row is at this cell (below the border and the header).
fn legend_row(app: &App, col: u16, row: u16) -> Option<usize> {
    let (_, rect) = app
        .layout()
        .panels
        .into_iter()
        .find(|(p, _)| *p == Panel::Legend)?;
    let inside = col > rect.x && col + 1 < rect.x + rect.width && row >= rect.y + 2;
    let i = usize::from(row.checked_sub(rect.y + 2)?);
    (inside && i < app.racers.len()).then_some(i)
}

fn shifted(r: Region, d: Point) -> Region {
    Region::new(r.x0 + d.x, r.x1 + d.x, r.y0 + d.y, r.y1 + d.y)
}

/// `r` scaled by `f` about `p` (p stays where it is on screen).
fn zoomed(r: Region, p: Point, f: f64) -> Region {
    let z = Region::new(
        p.x + (r.x0 - p.x) * f,
        p.x + (r.x1 - p.x) * f,
        p.y + (r.y0 - p.y) * f,
        p.y + (r.y1 - p.y) * f,
    );
    // Stay within sane magnitudes so the field never samples at degenerate spacing.
    let ok = z.width() > 1e-9 && z.height() > 1e-9 && z.width() < 1e9 && z.height() < 1e9;
    if ok { z } else { r }
}

fn next_panel(p: Panel, data: bool) -> Panel {
    match p {
        Panel::None => Panel::Legend,
        Panel::Legend => Panel::Loss,
        Panel::Loss => Panel::Inspector,
        Panel::Inspector if data => Panel::Data,
        Panel::Inspector | Panel::Data => Panel::MapOnly,
        Panel::MapOnly => Panel::None,
    }
}
