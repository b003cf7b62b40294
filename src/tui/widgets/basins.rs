//! Draws the basin overlay over the drawn map: each cell's background in the colour of the
//! minimum its run reached, darker the longer it took; hatched where the run diverged; a
//! legend on the map's last row. Trails, marks and contour dots stay as the map drew them.

use crate::optim::batch::EndStatus;
use crate::render::Rgb;
use crate::render::ticks::fmt_num;
use crate::tui::app::App;
use crate::tui::basin_layer::{BasinCell, BasinLayer, OVERLAY_STEPS};
use crate::tui::layout::Layout;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Where a run diverged.
pub const HATCH: char = '╱';
const DIVERGED_BG: Rgb = Rgb(60, 20, 20);
/// Ended nowhere listed (out of steps far from every critical point).
const NOWHERE: Rgb = Rgb(40, 40, 40);

pub fn draw(app: &App, l: &Layout, buf: &mut Buffer) {
    let Some(layer) = app.many.basin_layer.as_ref().filter(|_| app.many.basins) else {
        return;
    };
    let f = l.field;
    let mode = app.color_mode;
    for r in 0..f.height.min(layer.viewport.rows) {
        for c in 0..f.width.min(layer.viewport.cols) {
            let (Some(bc), Some(cell)) = (layer.cell(c, r), buf.cell_mut((f.x + c, f.y + r)))
            else {
                continue;
            };
            let blank = cell.symbol() == " " || is_braille(cell.symbol());
            if mode.has_color() {
                cell.set_bg(mode.color(background(layer, bc)));
            }
            if bc.status == EndStatus::Diverged && blank {
                cell.set_char(HATCH);
                if mode.has_color() {
                    cell.set_fg(mode.color(Rgb(200, 90, 90)));
                }
            } else if !mode.has_color()
                && blank
                && c % 4 == 0
                && r % 2 == 0
                && let Some(b) = bc.basin
            {
                // Without colour, the basin's index on a sparse grid.
                cell.set_char(char::from_digit((b % 10) as u32, 10).unwrap_or('?'));
            }
        }
    }
    legend(app, layer, f, buf);
}

/// The minimum's colour, from full (converged at once) to a third (took every step).
fn background(layer: &BasinLayer, bc: BasinCell) -> Rgb {
    match (bc.status, bc.basin) {
        (EndStatus::Diverged, _) => DIVERGED_BG,
        (_, None) => NOWHERE,
        (_, Some(b)) => {
            let took = (bc.steps as f64 / OVERLAY_STEPS as f64).clamp(0.0, 1.0);
            layer.color(b).mix(Rgb(0, 0, 0), 0.7 * took.sqrt())
        }
    }
}

fn is_braille(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|ch| ('\u{2800}'..='\u{28FF}').contains(&ch))
}

/// One line on the map's last row: the optimizer, each basin's colour, point and share.
fn legend(app: &App, layer: &BasinLayer, f: Rect, buf: &mut Buffer) {
    if f.height < 3 {
        return;
    }
    let y = f.y + f.height - 1;
    // Entries are drawn whole or not at all (a point's coordinates are never cut).
    let mut entries: Vec<Vec<(String, Option<Rgb>)>> = vec![vec![(
        format!(
            " basins of {} ({} steps{}) ",
            layer.spec,
            OVERLAY_STEPS,
            if layer.stride > 1 {
                format!(", 1 run per {}×{} cells", layer.stride, layer.stride)
            } else {
                String::new()
            }
        ),
        None,
    )]];
    for (i, share) in layer.shares.iter().enumerate() {
        if *share <= 0.0 {
            continue;
        }
        let p = layer.critical[i].point;
        entries.push(vec![
            ("■".into(), Some(layer.color(i))),
            (
                format!(
                    " ({}, {}) {:.0}%  ",
                    fmt_num(p.x),
                    fmt_num(p.y),
                    100.0 * share
                ),
                None,
            ),
        ]);
    }
    let diverged = layer
        .cells
        .iter()
        .filter(|c| c.status == EndStatus::Diverged)
        .count();
    if diverged > 0 {
        let pct = 100.0 * diverged as f64 / layer.cells.len() as f64;
        entries.push(vec![(format!("{HATCH} diverged {pct:.0}% "), None)]);
    }
    let base = Style::default();
    let text_style = if app.color_mode.has_color() {
        base.fg(app.color_mode.color(Rgb(255, 255, 255)))
            .bg(app.color_mode.color(Rgb(0, 0, 0)))
    } else {
        base
    };
    let mut x = f.x;
    let end = f.x + f.width;
    for (k, entry) in entries.iter().enumerate() {
        let width: usize = entry.iter().map(|(t, _)| t.chars().count()).sum();
        let room = usize::from(end - x);
        // Keep a cell for "…" unless this is the last entry.
        let last = k + 1 == entries.len();
        if k > 0 && (width > room || (!last && width + 1 > room)) {
            if room > 0 {
                buf.set_stringn(x, y, "…", room, text_style);
            }
            break;
        }
        for (text, color) in entry {
            let style = match color {
                Some(c) if app.color_mode.has_color() => text_style.fg(app.color_mode.color(*c)),
                _ => text_style,
            };
            let (nx, _) = buf.set_stringn(x, y, text, usize::from(end - x), style);
            x = nx;
        }
    }
}
