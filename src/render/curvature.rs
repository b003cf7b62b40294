//! The curvature map overlay (`K`): the map tinted by the Hessian's definiteness, the curves
//! det H = 0 drawn as lines, and a sparse lattice of shapes (∪ convex, ∩ concave, ⋈ saddle)
//! so the classes read without colour too.
//!
//! Sampled once per (surface, view) at braille-dot resolution and cached by the caller, like
//! the field; drawing is a copy.

use super::colormap::{ColorMode, Rgb};
use super::contour::{Grid, marching_squares};
use super::field::{DOTS_X, DOTS_Y, Field, braille_bit, braille_char, rasterize};
use super::map::{CURVES_DOWN, CURVES_UP, ink};
use super::viewport::Viewport;
use crate::analysis::{Curvature, CurvatureGrid};
use crate::surface::Surface;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Tint of each class: cool where f curves up (as the Hessian axes), warm where it curves
/// down, amber where it does both.
pub fn class_rgb(c: Curvature) -> Option<Rgb> {
    match c {
        Curvature::Convex => Some(CURVES_UP),
        Curvature::Concave => Some(CURVES_DOWN),
        Curvature::Saddle => Some(SADDLE_RGB),
        Curvature::Flat => None,
    }
}

pub const SADDLE_RGB: Rgb = Rgb(255, 190, 40);

/// The shape that names each class on the map and in the legend.
pub fn class_glyph(c: Curvature) -> Option<char> {
    match c {
        Curvature::Convex => Some('∪'),
        Curvature::Concave => Some('∩'),
        Curvature::Saddle => Some('⋈'),
        Curvature::Flat => None,
    }
}

/// How strongly the tint covers the field's own colour.
const TINT: f64 = 0.45;

/// The sampled overlay for one surface and view.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvatureLayer {
    pub surface: String,
    pub viewport: Viewport,
    /// Per cell, the class most of its dots have (row-major).
    pub cells: Vec<Curvature>,
    /// Per cell, the braille dots of the det H = 0 curves.
    pub boundary: Vec<u8>,
}

impl CurvatureLayer {
    pub fn compute(surface: &dyn Surface, viewport: Viewport) -> Self {
        let (cols, rows) = (usize::from(viewport.cols), usize::from(viewport.rows));
        let (w, h) = (cols * DOTS_X, rows * DOTS_Y);
        let grid = CurvatureGrid::sample(surface, viewport.region(), w, h);
        let mut cells = Vec::with_capacity(cols * rows);
        for r in 0..rows {
            for c in 0..cols {
                let mut votes = [0usize; 4];
                for dy in 0..DOTS_Y {
                    for dx in 0..DOTS_X {
                        votes[grid.class(c * DOTS_X + dx, r * DOTS_Y + dy) as usize] += 1;
                    }
                }
                cells.push(majority(votes));
            }
        }
        let det = Grid {
            width: w,
            height: h,
            values: grid.det,
        };
        let mut boundary = vec![0u8; cols * rows];
        for s in marching_squares(&det, 0.0) {
            rasterize(s[0], s[1], w, h, |u, v| {
                boundary[(v / DOTS_Y) * cols + u / DOTS_X] |= braille_bit(u % DOTS_X, v % DOTS_Y);
            });
        }
        Self {
            surface: surface.name().to_string(),
            viewport,
            cells,
            boundary,
        }
    }

    /// Whether this layer was sampled for this surface and view.
    pub fn is_for(&self, surface: &str, viewport: &Viewport) -> bool {
        self.surface == surface && self.viewport == *viewport
    }

    pub fn class(&self, c: u16, r: u16) -> Option<Curvature> {
        let vp = &self.viewport;
        (c < vp.cols && r < vp.rows)
            .then(|| self.cells[usize::from(r) * usize::from(vp.cols) + usize::from(c)])
    }
}

fn majority(votes: [usize; 4]) -> Curvature {
    const ORDER: [Curvature; 3] = [Curvature::Convex, Curvature::Saddle, Curvature::Concave];
    let best = ORDER.into_iter().max_by_key(|c| votes[*c as usize]);
    match best {
        Some(c) if votes[c as usize] > 0 => c,
        _ => Curvature::Flat,
    }
}

/// Draws the overlay over an already drawn map base (colours and contours): tints each
/// cell's background, draws the det H = 0 curves over the contour dots, and one class shape
/// every 10 columns and 5 rows.
pub fn draw(layer: &CurvatureLayer, field: &Field, mode: ColorMode, area: Rect, buf: &mut Buffer) {
    let cols = layer.viewport.cols.min(area.width);
    let rows = layer.viewport.rows.min(area.height);
    for r in 0..rows {
        for c in 0..cols {
            let (Some(class), Some(fc)) = (layer.class(c, r), field.cell(c, r)) else {
                continue;
            };
            if fc.t.is_nan() {
                continue;
            }
            let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) else {
                continue;
            };
            let bg = class_rgb(class).map_or(fc.rgb, |t| fc.rgb.mix(t, TINT));
            if mode.has_color() {
                cell.set_bg(mode.color(bg));
            }
            let dots =
                layer.boundary[usize::from(r) * usize::from(layer.viewport.cols) + usize::from(c)];
            if dots != 0 {
                cell.set_char(braille_char(dots));
                if mode.has_color() {
                    cell.set_fg(mode.color(ink(bg)));
                }
            } else if c % 10 == 5
                && r % 5 == 2
                && let Some(g) = class_glyph(class)
            {
                cell.set_char(g);
                if mode.has_color() {
                    cell.set_fg(mode.color(ink(bg)));
                }
            }
        }
    }
}

/// The legend line for the overlay.
pub const LEGEND: &str = "∪ convex  ⋈ saddle  ∩ concave  ⠿ det H = 0";

/// The faint dot of a forecast path: a different shape from trails (braille, or • without
/// colour), so it reads as "not yet" in any colour mode.
pub const FORECAST: char = '·';

/// Draws a forecast: one faint dot per cell the path crosses ahead of the head (the first
/// point, the head itself, is left to the trail).
pub fn draw_forecast(
    points: &[crate::run::TrajectoryPoint],
    color: Rgb,
    vp: &Viewport,
    mode: ColorMode,
    area: Rect,
    buf: &mut Buffer,
    bg_of: impl Fn(u16, u16) -> Rgb,
) {
    let mut last = None;
    for p in points.iter().skip(1) {
        let Some((c, r)) = vp.to_cell(p.x) else {
            continue;
        };
        if last == Some((c, r)) || c >= area.width || r >= area.height {
            continue;
        }
        last = Some((c, r));
        if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
            cell.set_char(FORECAST);
            if mode.has_color() {
                cell.set_fg(mode.color(color.mix(bg_of(c, r), 0.35)));
            }
        }
    }
}
