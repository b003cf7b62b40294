//! The sampled field of f over a view: cell colours, contour dots (braille) and level labels.
//!
//! Built once per (surface, view, size, scale) and cached by the caller; an animation frame
//! only copies it and draws what moved on top.

use super::colormap::{Rgb, ScaleMode, ValueScale, viridis};
use super::contour::{Grid, levels, marching_squares};
use super::ticks::fmt_num;
use super::viewport::Viewport;
use crate::surface::Surface;

/// Braille dots per cell: 2 across, 4 down.
pub const DOTS_X: usize = 2;
pub const DOTS_Y: usize = 4;

/// Bit of braille dot (dx, dy) in a cell (Unicode braille pattern numbering).
pub fn braille_bit(dx: usize, dy: usize) -> u8 {
    const BITS: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];
    BITS[dx & 1][dy & 3]
}

/// The braille character showing these dots.
pub fn braille_char(bits: u8) -> char {
    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ')
}

/// One cell of the base map.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FieldCell {
    /// Mean position on the colour scale of the cell's samples (NaN where f is undefined).
    pub t: f64,
    pub rgb: Rgb,
    /// Contour dots in this cell (braille bits).
    pub dots: u8,
}

/// A contour label: `text` starting at cell (`col`, `row`).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub col: u16,
    pub row: u16,
    pub text: String,
    pub level: f64,
}

/// Everything that identifies a sampled field; a different key means sample again.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldKey {
    pub surface: String,
    pub viewport: Viewport,
    pub mode: ScaleMode,
    pub contour_count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: FieldKey,
    pub scale: ValueScale,
    pub levels: Vec<f64>,
    /// Row-major, `cols × rows`.
    pub cells: Vec<FieldCell>,
    pub labels: Vec<Label>,
}

impl Field {
    /// Samples `surface` at every braille dot of the view, colours the cells and traces
    /// `key.contour_count` contour levels.
    pub fn compute(surface: &dyn Surface, key: FieldKey) -> Self {
        let vp = key.viewport;
        let (cols, rows) = (usize::from(vp.cols), usize::from(vp.rows));
        let (w, h) = (cols * DOTS_X, rows * DOTS_Y);
        let points: Vec<_> = (0..h)
            .flat_map(|v| {
                (0..w).map(move |u| {
                    vp.at(
                        (u as f64 + 0.5) / DOTS_X as f64,
                        (v as f64 + 0.5) / DOTS_Y as f64,
                    )
                })
            })
            .collect();
        // One batch call: expression surfaces evaluate blocks of points per instruction,
        // several times faster than point by point.
        let mut values = vec![0.0; points.len()];
        surface.values(&points, &mut values);
        let grid = Grid {
            width: w,
            height: h,
            values,
        };
        let scale = ValueScale::for_values(&grid.values, key.mode);
        let levels = levels(&scale, key.contour_count);
        let mut cells = vec![FieldCell::default(); cols * rows];
        for (ci, cell) in cells.iter_mut().enumerate() {
            let (c, r) = (ci % cols, ci / cols);
            let (mut sum, mut n) = (0.0, 0);
            for dy in 0..DOTS_Y {
                for dx in 0..DOTS_X {
                    let val = grid.get(c * DOTS_X + dx, r * DOTS_Y + dy);
                    if val.is_finite() {
                        sum += scale.t(val);
                        n += 1;
                    }
                }
            }
            cell.t = if n > 0 { sum / f64::from(n) } else { f64::NAN };
            cell.rgb = if n > 0 {
                viridis(cell.t)
            } else {
                Rgb(40, 40, 40)
            };
        }
        let mut level_segments = Vec::with_capacity(levels.len());
        for &level in &levels {
            let segs = marching_squares(&grid, level);
            for s in &segs {
                rasterize(s[0], s[1], w, h, |u, v| {
                    cells[(v / DOTS_Y) * cols + u / DOTS_X].dots |=
                        braille_bit(u % DOTS_X, v % DOTS_Y);
                });
            }
            level_segments.push(segs);
        }
        let labels = place_labels(&levels, &level_segments, cols, rows);
        Self {
            key,
            scale,
            levels,
            cells,
            labels,
        }
    }

    pub fn viewport(&self) -> &Viewport {
        &self.key.viewport
    }

    pub fn cell(&self, c: u16, r: u16) -> Option<&FieldCell> {
        let vp = &self.key.viewport;
        (c < vp.cols && r < vp.rows)
            .then(|| &self.cells[usize::from(r) * usize::from(vp.cols) + usize::from(c)])
    }
}

/// Calls `plot(u, v)` for the dots along the segment from `a` to `b` (dot coordinates).
pub fn rasterize(
    a: (f64, f64),
    b: (f64, f64),
    w: usize,
    h: usize,
    mut plot: impl FnMut(usize, usize),
) {
    let len = (b.0 - a.0).abs().max((b.1 - a.1).abs());
    if !len.is_finite() {
        return;
    }
    let n = (len * 1.5).ceil().min(4096.0) as usize + 1;
    for k in 0..=n {
        let t = k as f64 / n as f64;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        let (u, v) = (x.round(), y.round());
        if u >= 0.0 && v >= 0.0 && (u as usize) < w && (v as usize) < h {
            plot(u as usize, v as usize);
        }
    }
}

/// One label per level where it fits: on a fairly horizontal stretch of the line, away from
/// the edges and from other labels.
fn place_labels(
    levels: &[f64],
    segments: &[Vec<[(f64, f64); 2]>],
    cols: usize,
    rows: usize,
) -> Vec<Label> {
    let mut taken: Vec<(usize, usize, usize)> = Vec::new(); // (row, col start, col end)
    let mut out = Vec::new();
    for (li, (&level, segs)) in levels.iter().zip(segments).enumerate() {
        let text = fmt_num(level);
        let len = text.chars().count();
        if segs.is_empty() || cols < len + 4 || rows < 3 {
            continue;
        }
        // Start the search at a different place for each level so labels spread out.
        let n = segs.len();
        let offset = (li * 7919 + n / 2) % n;
        for k in 0..n {
            let s = segs[(offset + k * 13) % n];
            let (dxs, dys) = (s[1].0 - s[0].0, (s[1].1 - s[0].1) * 2.0);
            if dys.abs() > dxs.abs() {
                continue;
            }
            let col = ((s[0].0 + s[1].0) * 0.5 / DOTS_X as f64) as usize;
            let row = ((s[0].1 + s[1].1) * 0.5 / DOTS_Y as f64) as usize;
            let start = col.saturating_sub(len / 2);
            if start < 1 || start + len + 1 >= cols || row < 1 || row + 1 >= rows {
                continue;
            }
            let clear = taken
                .iter()
                .all(|&(r, a, b)| r.abs_diff(row) > 2 || start > b + 3 || start + len + 3 < a);
            if clear {
                taken.push((row, start, start + len));
                out.push(Label {
                    col: start as u16,
                    row: row as u16,
                    text: text.clone(),
                    level,
                });
                break;
            }
            if k > 400 {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::{Region, builtin};

    #[test]
    fn bowl_field_is_darkest_at_the_centre() {
        let bowl = builtin("bowl").expect("bowl is built in");
        let vp = Viewport::fit(Region::new(-2.0, 2.0, -2.0, 2.0), 40, 20);
        let key = FieldKey {
            surface: "bowl".into(),
            viewport: vp,
            mode: ScaleMode::Linear,
            contour_count: 5,
        };
        let f = Field::compute(bowl.as_ref(), key);
        let centre = f.cell(20, 10).unwrap().t;
        let corner = f.cell(0, 0).unwrap().t;
        assert!(centre < 0.05 && corner > 0.8, "{centre} {corner}");
        assert_eq!(f.levels.len(), 5);
        // Contour dots exist, and none at the very centre (below the first level).
        assert!(f.cells.iter().any(|c| c.dots != 0));
        assert_eq!(f.cell(19, 9).unwrap().dots, 0);
    }

    #[test]
    fn braille_bits() {
        assert_eq!(braille_char(0), '\u{2800}');
        assert_eq!(braille_char(braille_bit(0, 0) | braille_bit(1, 3)), '⢁');
    }
}
