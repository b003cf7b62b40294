//! Draws the sweep map in place of the surface: learning rate across (log), the main
//! hyperparameter up; green where a setting converged (brighter = sooner), blue by the final
//! loss where it ran out of steps, dark red hatched where it diverged; the current setting
//! marked ◆.

use crate::optim::batch::{EndStatus, Outcome};
use crate::render::Rgb;
use crate::render::ticks::fmt_num;
use crate::tui::app::App;
use crate::tui::layout::Layout;
use crate::tui::sweep_layer::{SWEEP_STEPS, SweepLayer};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

const MARK: char = '◆';
const HATCH: char = '╳';

/// The part of the field the settings fill (below a title row).
pub fn grid_rect(f: Rect) -> Option<Rect> {
    (f.width >= 8 && f.height >= 3).then(|| Rect::new(f.x, f.y + 1, f.width, f.height - 1))
}

/// The setting (i, j from the bottom) drawn at terminal cell (col, row).
pub fn cell_at(layer: &SweepLayer, f: Rect, col: u16, row: u16) -> Option<(usize, usize)> {
    let g = grid_rect(f)?;
    let inside = col >= g.x && row >= g.y && col < g.x + g.width && row < g.y + g.height;
    inside.then(|| {
        let i = usize::from(col - g.x) * layer.x.n / usize::from(g.width);
        let from_top = usize::from(row - g.y) * layer.rows() / usize::from(g.height);
        (i, layer.rows() - 1 - from_top)
    })
}

pub fn draw(app: &App, l: &Layout, buf: &mut Buffer) {
    let Some(layer) = app.many.sweep_layer.as_ref().filter(|_| app.many.sweep) else {
        return;
    };
    let Some(g) = grid_rect(l.field) else { return };
    let spec = app.racers.get(app.selected).map(|r| &r.base);
    for r in [l.field, l.y_axis, l.x_axis, l.colorbar] {
        clear(r, buf);
    }
    let current = spec.map(|s| layer.current(s));
    draw_settings(app, layer, l.field, current, buf);
    draw_title(layer, l.field, spec.map(|s| s.name()), buf);
    draw_axes(layer, l, g, buf);
}

/// One cell per setting, coloured by its outcome; ◆ in the first cell of the current one.
fn draw_settings(
    app: &App,
    layer: &SweepLayer,
    f: Rect,
    current: Option<(usize, usize)>,
    buf: &mut Buffer,
) {
    let Some(g) = grid_rect(f) else { return };
    let mode = app.color_mode;
    let worst = layer
        .outcomes
        .iter()
        .filter(|o| o.status == EndStatus::Running && o.loss.is_finite())
        .map(|o| o.loss)
        .fold(f64::MIN_POSITIVE, f64::max);
    for row in g.y..g.y + g.height {
        for col in g.x..g.x + g.width {
            let Some((i, j)) = cell_at(layer, f, col, row) else {
                continue;
            };
            let (Some(o), Some(cell)) = (layer.outcome(i, j), buf.cell_mut((col, row))) else {
                continue;
            };
            let (bg, ch) = look(o, worst);
            let first = cell_at(layer, f, col.wrapping_sub(1), row) != Some((i, j))
                && cell_at(layer, f, col, row.wrapping_sub(1)) != Some((i, j));
            let ch = if current == Some((i, j)) && first {
                MARK
            } else {
                ch
            };
            cell.set_char(if mode.has_color() || ch != ' ' {
                ch
            } else {
                plain(o)
            });
            if mode.has_color() {
                cell.set_bg(mode.color(bg));
                cell.set_fg(mode.color(Rgb(255, 255, 255)));
            }
        }
    }
}

/// The title row: what was swept, from where, over which axes.
fn draw_title(layer: &SweepLayer, f: Rect, optimizer: Option<&str>, buf: &mut Buffer) {
    let y_key = layer.y.as_ref().map_or("", |a| a.key);
    let title = format!(
        " sweep of {} from ({}, {}), {SWEEP_STEPS} steps: lr → (log){} · click to set ",
        optimizer.unwrap_or_default(),
        fmt_num(layer.start.x),
        fmt_num(layer.start.y),
        if y_key.is_empty() {
            String::new()
        } else {
            format!(", {y_key} ↑")
        }
    );
    buf.set_stringn(f.x, f.y, &title, usize::from(f.width), Style::default());
}

/// The hyperparameter's range up the y axis; lr's range and the legend along the x axis.
fn draw_axes(layer: &SweepLayer, l: &Layout, g: Rect, buf: &mut Buffer) {
    let style = Style::default();
    let ya = l.y_axis;
    if let Some(a) = layer.y.as_ref().filter(|_| ya.width > 0) {
        let w = usize::from(ya.width);
        buf.set_stringn(ya.x, g.y, fmt_num(a.to), w, style);
        buf.set_stringn(ya.x, g.y + g.height / 2, a.key, w, style);
        buf.set_stringn(ya.x, g.y + g.height - 1, fmt_num(a.from), w, style);
    }
    let xa = l.x_axis;
    if xa.height > 0 {
        let end = xa.x + xa.width;
        let (lo, hi) = (fmt_num(layer.x.from), fmt_num(layer.x.to));
        buf.set_stringn(g.x, xa.y, &lo, usize::from(g.width), style);
        let legend = " █ converged (brighter: sooner)  ▒ out of steps  ╳ diverged  ◆ now ";
        let lx = (g.x + lo.chars().count() as u16 + 1).min(end);
        let hx = (g.x + g.width).saturating_sub(hi.chars().count() as u16);
        buf.set_stringn(
            lx,
            xa.y,
            legend,
            usize::from(hx.saturating_sub(lx + 1)),
            style,
        );
        buf.set_stringn(hx, xa.y, &hi, usize::from(end - hx), style);
    }
}

fn clear(f: Rect, buf: &mut Buffer) {
    for row in f.y..f.y + f.height {
        for col in f.x..f.x + f.width {
            if let Some(c) = buf.cell_mut((col, row)) {
                c.reset();
            }
        }
    }
}

/// Background and glyph of one setting.
fn look(o: &Outcome, worst: f64) -> (Rgb, char) {
    match o.status {
        EndStatus::Converged => {
            let soon = 1.0 - (o.steps as f64 / SWEEP_STEPS as f64).clamp(0.0, 1.0);
            (Rgb(20, 70, 30).mix(Rgb(60, 220, 90), soon), ' ')
        }
        EndStatus::Running => {
            // log-scaled loss: dark blue (lowest) … grey (worst still-running setting).
            let t = if o.loss > 0.0 && worst > 0.0 {
                ((o.loss.log10() + 12.0) / (worst.log10() + 12.0)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            (Rgb(30, 60, 140).mix(Rgb(110, 110, 120), t), ' ')
        }
        EndStatus::Diverged => (Rgb(70, 20, 20), HATCH),
    }
}

/// The glyph without colour.
fn plain(o: &Outcome) -> char {
    match o.status {
        EndStatus::Converged => '█',
        EndStatus::Running => '▒',
        EndStatus::Diverged => HATCH,
    }
}
