//! The marks drawn over the map — starts, critical points, trajectory heads, the cursor — placed
//! so that none hides another: heads that share a cell stand side by side, a diverged run's ✗
//! sits where its path leaves the view, the cursor brackets what it is on, and contour labels
//! give way to all of them.

use super::glyphs;
use super::map::Trail;
use super::viewport::Viewport;
use crate::surface::Point;

/// A mark at a cell, with the colour it is drawn in (`None`: readable ink on the field).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub col: u16,
    pub row: u16,
    pub ch: char,
    pub color: Option<super::Rgb>,
}

/// Where each trail's head goes: its last point, or for a diverged run whose last point is
/// off the map, the cell where its path left the view. Heads that land on one cell are set
/// side by side (rightwards, then leftwards) so every optimizer is seen to arrive.
pub fn heads(vp: &Viewport, trails: &[&Trail], taken: impl Fn(u16, u16) -> bool) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    for t in trails {
        let Some(last) = t.points.last() else {
            continue;
        };
        let cell = vp
            .to_cell(last.x)
            .or_else(|| t.diverged.then(|| exit_cell(vp, t)).flatten());
        let Some((c, r)) = cell else { continue };
        let ch = if t.diverged { glyphs::DIVERGED } else { t.head };
        // Beside, never over, another head or a `taken` cell (a critical point's mark).
        let busy = |c: u16| taken(c, r) || out.iter().any(|m| m.row == r && m.col == c);
        let free = side_by_side(c, vp.cols, busy);
        out.push(Mark {
            col: free,
            row: r,
            ch,
            color: Some(t.color),
        });
    }
    out
}

/// The first of c, c+1, c−1, c+2, c−2, … within `cols` that is not `busy`.
fn side_by_side(c: u16, cols: u16, busy: impl Fn(u16) -> bool) -> u16 {
    if !busy(c) {
        return c;
    }
    for d in 1..cols {
        for cand in [c.checked_add(d), c.checked_sub(d)].into_iter().flatten() {
            if cand < cols && !busy(cand) {
                return cand;
            }
        }
    }
    c
}

/// The last cell inside the view on a diverged trail's way out: along the first step that
/// leaves the view after its last point in view.
pub fn exit_cell(vp: &Viewport, t: &Trail) -> Option<(u16, u16)> {
    let i = t.points.iter().rposition(|p| vp.to_cell(p.x).is_some())?;
    let a = t.points[i].x;
    let Some(b) = t.points.get(i + 1).map(|p| p.x) else {
        return vp.to_cell(a);
    };
    let mut last = vp.to_cell(a);
    const SAMPLES: usize = 512;
    for k in 1..=SAMPLES {
        let s = k as f64 / SAMPLES as f64;
        let p = Point::new(a.x + (b.x - a.x) * s, a.y + (b.y - a.y) * s);
        match vp.to_cell(p) {
            Some(cell) => last = Some(cell),
            None => break,
        }
    }
    last
}

/// The cursor: ┼ on an empty cell; on a mark, brackets either side so the mark stays seen.
pub fn cursor(vp: &Viewport, p: Point, marked: impl Fn(u16, u16) -> bool) -> Vec<Mark> {
    let Some((c, r)) = vp.to_cell(p) else {
        return Vec::new();
    };
    if !marked(c, r) {
        return vec![Mark {
            col: c,
            row: r,
            ch: glyphs::CURSOR,
            color: None,
        }];
    }
    let mut out = Vec::new();
    if c > 0 && !marked(c - 1, r) {
        out.push(Mark {
            col: c - 1,
            row: r,
            ch: '[',
            color: None,
        });
    }
    if c + 1 < vp.cols && !marked(c + 1, r) {
        out.push(Mark {
            col: c + 1,
            row: r,
            ch: ']',
            color: None,
        });
    }
    out
}
