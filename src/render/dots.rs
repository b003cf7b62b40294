//! Braille dot layers for the map: trails, curves of critical points and Hessian axes, each
//! cell coloured by the last layer drawn into it.

use super::colormap::{ColorMode, Rgb};
use super::field::{DOTS_X, DOTS_Y, braille_bit, braille_char, rasterize};
use super::glyphs;
use super::map::Trail;
use crate::run::TrajectoryPoint;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The most recent points of a trail are all drawn; older ones are thinned so that a frame
/// costs the same after 200 000 steps as after 20 000.
const TRAIL_FULL: usize = 4_000;
const TRAIL_OLD: usize = 16_000;

/// The points of a trail to draw: every one of the last [`TRAIL_FULL`], about [`TRAIL_OLD`]
/// evenly spaced before them (always including the start).
fn thinned(points: &[TrajectoryPoint]) -> impl Iterator<Item = &TrajectoryPoint> {
    let split = points.len().saturating_sub(TRAIL_FULL);
    let stride = split.div_ceil(TRAIL_OLD).max(1);
    points[..split]
        .iter()
        .step_by(stride)
        .chain(points[split..].iter())
}

/// Braille dots with one colour per cell (the last layer drawn into a cell wins its colour).
pub(super) struct DotLayer {
    cols: u16,
    rows: u16,
    /// Braille bits, owner colour, and the character to use without colour.
    cells: Vec<(u8, Rgb, char)>,
    /// Thick (2×2-dot) lines; plain characters are one cell wide already.
    thick: bool,
    text: Vec<(u16, u16, char, Rgb)>,
}

impl DotLayer {
    pub(super) fn new(cols: u16, rows: u16, thick: bool) -> Self {
        Self {
            cols,
            rows,
            cells: vec![(0, Rgb::default(), ' '); usize::from(cols) * usize::from(rows)],
            thick,
            text: Vec::new(),
        }
    }

    /// A 2×2-dot brush: lines read from the back of a classroom, not only up close.
    fn brush(&mut self, u: usize, v: usize, color: Rgb, plain: char) {
        let (w, h) = (
            usize::from(self.cols) * DOTS_X,
            usize::from(self.rows) * DOTS_Y,
        );
        let n = if self.thick { 4 } else { 1 };
        for (du, dv) in [(0, 0), (1, 0), (0, 1), (1, 1)].into_iter().take(n) {
            if u + du < w && v + dv < h {
                self.dot(u + du, v + dv, color, plain);
            }
        }
    }

    fn dot(&mut self, u: usize, v: usize, color: Rgb, plain: char) {
        let i = (v / DOTS_Y) * usize::from(self.cols) + u / DOTS_X;
        let cell = &mut self.cells[i];
        if cell.1 != color {
            // A new owner takes the cell over, so its shape is not mixed with another's.
            cell.0 = 0;
            cell.1 = color;
            cell.2 = plain;
        }
        cell.0 |= braille_bit(u % DOTS_X, v % DOTS_Y);
    }

    /// A line between two fractional cell positions.
    pub(super) fn line(&mut self, a: (f64, f64), b: (f64, f64), color: Rgb, plain: char) {
        let (w, h) = (
            usize::from(self.cols) * DOTS_X,
            usize::from(self.rows) * DOTS_Y,
        );
        let to_dots = |p: (f64, f64)| (p.0 * DOTS_X as f64 - 0.5, p.1 * DOTS_Y as f64 - 0.5);
        let (a, b) = (to_dots(a), to_dots(b));
        // Clip far-away segments coarsely: both ends off the same side means nothing to draw.
        let (wf, hf) = (w as f64, h as f64);
        if (a.0 < 0.0 && b.0 < 0.0)
            || (a.1 < 0.0 && b.1 < 0.0)
            || (a.0 >= wf && b.0 >= wf)
            || (a.1 >= hf && b.1 >= hf)
        {
            return;
        }
        let mut pts = Vec::new();
        rasterize(a, b, w, h, |u, v| pts.push((u, v)));
        for (u, v) in pts {
            self.brush(u, v, color, plain);
        }
    }

    pub(super) fn text(&mut self, c: u16, r: u16, ch: char, color: Rgb) {
        if c < self.cols && r < self.rows {
            self.text.push((c, r, ch, color));
        }
    }

    pub(super) fn trail(&mut self, vp: &super::Viewport, trail: &Trail) {
        let mut prev: Option<(f64, f64)> = None;
        for p in thinned(trail.points) {
            let cur = vp.to_cell_f(p.x);
            if let Some(q) = prev {
                // Skip steps too small to move a dot: long converged tails cost nothing.
                let moved = ((cur.0 - q.0) * DOTS_X as f64).abs() >= 0.5
                    || ((cur.1 - q.1) * DOTS_Y as f64).abs() >= 0.5;
                if !moved {
                    continue;
                }
                self.line(q, cur, trail.color, glyphs::trail_plain(trail.head));
            }
            prev = Some(cur);
        }
    }

    /// True when a trail or axis has dots in cell (c, r).
    pub(super) fn covers(&self, c: u16, r: u16) -> bool {
        c < self.cols
            && r < self.rows
            && self.cells[usize::from(r) * usize::from(self.cols) + usize::from(c)].0 != 0
    }

    pub(super) fn flush(&self, buf: &mut Buffer, area: Rect, mode: ColorMode) {
        for (i, &(bits, color, plain)) in self.cells.iter().enumerate() {
            if bits == 0 {
                continue;
            }
            let c = (i % usize::from(self.cols)) as u16;
            let r = (i / usize::from(self.cols)) as u16;
            if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
                if mode.has_color() {
                    cell.set_char(braille_char(bits));
                    cell.set_fg(mode.color(color));
                } else {
                    // Without colour, a path must not look like a contour line.
                    cell.set_char(plain);
                }
            }
        }
        for &(c, r, ch, color) in &self.text {
            if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
                cell.set_char(ch);
                if mode.has_color() {
                    cell.set_fg(mode.color(color));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::EvalCounts;
    use crate::surface::Point;

    fn pts(n: usize) -> Vec<TrajectoryPoint> {
        (0..n)
            .map(|step| TrajectoryPoint {
                step,
                x: Point::new(step as f64, 0.0),
                loss: 0.0,
                grad_norm: 0.0,
                lr: 0.1,
                evals: EvalCounts::default(),
            })
            .collect()
    }

    #[test]
    fn short_trails_are_drawn_whole_and_long_ones_thinned() {
        let short = pts(3_000);
        assert_eq!(thinned(&short).count(), 3_000);
        let long = pts(200_000);
        let kept: Vec<usize> = thinned(&long).map(|p| p.step).collect();
        // 196 000 older points at stride ⌈196000/16000⌉ = 13 → 15 077, plus the last 4 000.
        assert_eq!(kept.len(), 15_077 + 4_000);
        assert_eq!(kept[0], 0);
        assert_eq!(*kept.last().unwrap(), 199_999);
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
    }
}
