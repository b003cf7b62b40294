//! `update(&mut App, Action)`: every state change in one place, pure (no IO), unit-tested.

use super::action::Action;
use super::app::{App, Menu, Panel, SPEEDS, default_specs};
use super::hyper::{main_hyperparameter, nudge};
use crate::optim::OPTIMIZER_NAMES;
use crate::optim::OptimizerSpec;
use crate::render::ticks::fmt_num;
use crate::surface::{Point, Region, resolve};

/// At most this many steps per run per tick, so a slow surface cannot freeze the screen.
const MAX_STEPS_PER_TICK: usize = 2_000;
/// Zoom factor per key press or wheel notch.
const ZOOM: f64 = 1.25;

pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Tick(_)) {
        app.message = None;
    }
    if super::lesson_player::intercept(app, action) {
        app.sync_field();
        return;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Tick(dt) => tick(app, dt),
        Action::TogglePlay => {
            app.playing = !app.playing;
            app.step_debt = 0.0;
        }
        Action::Step => {
            app.playing = false;
            step_all(app, 1);
        }
        Action::Reset => {
            for r in &mut app.racers {
                let start = r.own_start.unwrap_or(app.start);
                r.run.restart(start);
            }
            app.step_debt = 0.0;
        }
        Action::Faster => app.speed = (app.speed + 1).min(SPEEDS.len() - 1),
        Action::Slower => app.speed = app.speed.saturating_sub(1),
        Action::MoveCursor(dc, dr) => {
            let vp = app.viewport();
            let mut p = app.cursor + Point::new(f64::from(dc) * vp.dx, -f64::from(dr) * vp.dy);
            // Keep the cursor inside the view.
            let reg = vp.region();
            p.x = clamp_within(p.x, reg.x0 + 0.5 * vp.dx, reg.x1 - 0.5 * vp.dx);
            p.y = clamp_within(p.y, reg.y0 + 0.5 * vp.dy, reg.y1 - 0.5 * vp.dy);
            app.cursor = p;
        }
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
        Action::Click { col, row } => {
            if let Some(p) = map_point(app, col, row) {
                app.cursor = p;
                restart_all_from(app, p);
            } else if let Some(i) = legend_row(app, col, row) {
                app.selected = i;
            }
        }
        Action::MouseDown { col, row } => {
            app.press = Some((col, row));
            app.dragged = false;
        }
        Action::MouseDrag { col, row } => {
            if let Some((c0, r0)) = app.press
                && map_point(app, c0, r0).is_some()
            {
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
        }
        Action::MouseUp { col, row } => {
            let was_click = app.press.is_some() && !app.dragged;
            app.press = None;
            app.dragged = false;
            if was_click {
                update(app, Action::Click { col, row });
            }
        }
        Action::StartAtCursor => restart_all_from(app, app.cursor),
        Action::StartSelectedAtCursor => {
            let cursor = app.cursor;
            if let Some(r) = app.racers.get_mut(app.selected) {
                r.own_start = Some(cursor);
                r.run.restart(cursor);
                app.message = Some(format!("{} starts at its own point", r.label()));
            }
        }
        Action::ToggleArrows => app.overlays.arrows = !app.overlays.arrows,
        Action::ToggleHessianAxes => app.overlays.hessian_axes = !app.overlays.hessian_axes,
        Action::ToggleLabels => app.overlays.labels = !app.overlays.labels,
        Action::ToggleContours => app.overlays.contours = !app.overlays.contours,
        Action::ToggleCritical => app.overlays.critical = !app.overlays.critical,
        Action::CycleScale => {
            app.scale_mode = app.scale_mode.next();
            app.message = Some(format!("colour scale: {}", app.scale_mode.as_str()));
        }
        Action::NextPanel => app.panel = next_panel(app.panel, app.is_data_surface()),
        Action::ToggleHelp => app.help = !app.help,
        Action::Select(i) => {
            if i < app.racers.len() {
                app.selected = i;
            }
        }
        Action::NextOptimizer => {
            if !app.racers.is_empty() {
                app.selected = (app.selected + 1) % app.racers.len();
            }
        }
        Action::LrUp => scale_lr(app, 2.0),
        Action::LrDown => scale_lr(app, 0.5),
        Action::HyperUp => change_hyper(app, true),
        Action::HyperDown => change_hyper(app, false),
        Action::CycleNoise => cycle_noise(app),
        Action::OpenSurfaces => {
            let index = app
                .surfaces
                .iter()
                .position(|c| c.name == app.surface.name())
                .unwrap_or(0);
            app.menu = Some(Menu::Surfaces { index });
        }
        Action::OpenAddOptimizer => app.menu = Some(Menu::AddOptimizer { index: 0 }),
        Action::RemoveOptimizer => {
            if app.racers.len() > 1 && app.selected < app.racers.len() {
                let gone = app.racers.remove(app.selected);
                app.message = Some(format!("removed {}", gone.label()));
                app.selected = app.selected.min(app.racers.len() - 1);
            } else {
                app.message = Some("the last optimizer stays (add another first: a)".into());
            }
        }
        Action::MenuUp | Action::MenuDown => {
            let down = action == Action::MenuDown;
            let len = menu_len(app);
            if let Some(Menu::Surfaces { index } | Menu::AddOptimizer { index }) = &mut app.menu
                && len > 0
            {
                *index = if down {
                    (*index + 1) % len
                } else {
                    (*index + len - 1) % len
                };
            }
        }
        Action::MenuConfirm => confirm_menu(app),
        Action::CloseMenu => app.menu = None,
        Action::Resize(w, h) => app.size = (w, h),
        // Without a lesson these keys do nothing (with one, `intercept` took them).
        Action::LessonNext | Action::LessonBack | Action::LessonRestart => {}
    }
    app.sync_field();
}

fn tick(app: &mut App, dt: f64) {
    if !(app.playing && dt.is_finite() && dt > 0.0) {
        return;
    }
    app.step_debt += app.steps_per_second() * dt;
    let n = app.step_debt.floor();
    app.step_debt -= n;
    step_all(app, (n as usize).min(MAX_STEPS_PER_TICK));
}

fn step_all(app: &mut App, n: usize) {
    for r in &mut app.racers {
        for _ in 0..n {
            if !r.run.step() {
                break;
            }
        }
    }
}

fn restart_all_from(app: &mut App, p: Point) {
    app.start = p;
    for r in &mut app.racers {
        r.own_start = None;
        r.run.restart(p);
    }
    app.message = Some(format!("start ({}, {})", fmt_num(p.x), fmt_num(p.y)));
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

/// `v` kept within [lo, hi]; unchanged when the bounds are not a range (a view so wide that
/// its cell size overflows gives NaN bounds, and `f64::clamp` would panic).
fn clamp_within(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi { v.clamp(lo, hi) } else { v }
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

/// Rebuilds the selected racer from `spec`, restarting its run; reports what happened.
fn respec_selected(app: &mut App, spec: OptimizerSpec, what: String) {
    let surface = app.surface.clone();
    let (seed, noise) = (app.seed, app.noise);
    if let Some(r) = app.racers.get_mut(app.selected) {
        match r.rebuild(surface, spec, seed, noise) {
            Ok(()) => app.message = Some(format!("{}: {what}, restarted", r.label())),
            Err(e) => app.message = Some(e.to_string()),
        }
    }
}

fn scale_lr(app: &mut App, factor: f64) {
    let Some(r) = app.racers.get(app.selected) else {
        return;
    };
    let lr = r.base.lr() * factor;
    if !(1e-8..=1e4).contains(&lr) {
        app.message = Some(format!(
            "learning rate stays within 1e-8 to 1e4 (now {})",
            r.base.lr()
        ));
        return;
    }
    match r.base.with_param("lr", &format!("{lr}")) {
        Ok(spec) => respec_selected(app, spec, format!("lr={}", fmt_num(lr))),
        Err(e) => app.message = Some(e.to_string()),
    }
}

fn change_hyper(app: &mut App, up: bool) {
    let Some(r) = app.racers.get(app.selected) else {
        return;
    };
    let Some((key, value)) = main_hyperparameter(&r.base) else {
        app.message = Some(format!(
            "{} has no main hyperparameter to change",
            r.base.name()
        ));
        return;
    };
    let new = nudge(key, value, up);
    match r.base.with_param(key, &format!("{new}")) {
        Ok(spec) => respec_selected(app, spec, format!("{key}={}", fmt_num(new))),
        Err(e) => app.message = Some(e.to_string()),
    }
}

fn cycle_noise(app: &mut App) {
    let next = app.noise.next();
    let data = app.is_data_surface();
    let surface = app.surface.clone();
    // Check every racer accepts it before changing any.
    for r in &app.racers {
        if let Err(e) = super::racer::effective_spec(&r.base, next, data) {
            app.message = Some(format!("cannot switch to {}: {e}", next.describe(data)));
            return;
        }
    }
    app.noise = next;
    for r in &mut app.racers {
        let base = r.base.clone();
        if let Err(e) = r.rebuild(surface.clone(), base, app.seed, next) {
            app.message = Some(e.to_string());
            return;
        }
    }
    app.message = Some(format!("gradients: {}", next.describe(data)));
}

fn menu_len(app: &App) -> usize {
    match app.menu {
        Some(Menu::Surfaces { .. }) => app.surfaces.len(),
        Some(Menu::AddOptimizer { .. }) => OPTIMIZER_NAMES.len(),
        None => 0,
    }
}

fn confirm_menu(app: &mut App) {
    match app.menu.take() {
        Some(Menu::Surfaces { index }) => {
            let Some(choice) = app.surfaces.get(index).cloned() else {
                return;
            };
            match resolve(&choice.key) {
                Ok(s) => {
                    app.set_surface(s);
                    app.message = Some(format!("surface: {} ({})", choice.name, choice.origin));
                }
                // A broken file says where and why, on one line.
                Err(e) => app.message = Some(e.to_string().replace('\n', " ")),
            }
        }
        Some(Menu::AddOptimizer { index }) => {
            let Some(name) = OPTIMIZER_NAMES.get(index) else {
                return;
            };
            // Prefer the tuned default for this name, if it is in the default race.
            let spec = default_specs()
                .into_iter()
                .find(|s| s.name() == *name)
                .map(Ok)
                .unwrap_or_else(|| name.parse::<OptimizerSpec>());
            match spec {
                Ok(spec) => {
                    let before = app.racers.len();
                    app.push_racer(spec);
                    if app.racers.len() > before {
                        app.selected = before;
                        app.message = Some(format!("added {}", app.racers[before].label()));
                    }
                }
                Err(e) => app.message = Some(e.to_string()),
            }
        }
        None => {}
    }
}
