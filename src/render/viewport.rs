//! World (x, y) ↔ terminal cell mapping, corrected for cells being about twice as tall as wide.

use crate::surface::{Point, Region};

/// How many times taller than wide a terminal cell is. Used so a circle looks round.
pub const CELL_ASPECT: f64 = 2.0;

/// A fitted view: `cols` × `rows` cells whose top-left corner is at world (`x0`, `y1`).
///
/// One column spans `dx` world units and one row spans `dy = CELL_ASPECT · dx`, so the same
/// world distance has the same length on screen in both directions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub x0: f64,
    pub y1: f64,
    pub dx: f64,
    pub dy: f64,
    pub cols: u16,
    pub rows: u16,
}

impl Viewport {
    /// The smallest true-aspect view of `cols` × `rows` cells that contains `region`, centred
    /// on it (one axis shows more than asked for when the shapes differ).
    pub fn fit(region: Region, cols: u16, rows: u16) -> Self {
        let (c, r) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
        let w = region.width().abs().max(f64::MIN_POSITIVE);
        let h = region.height().abs().max(f64::MIN_POSITIVE);
        let dx = (w / c).max(h / (r * CELL_ASPECT));
        let dy = dx * CELL_ASPECT;
        let cx = 0.5 * (region.x0 + region.x1);
        let cy = 0.5 * (region.y0 + region.y1);
        Self {
            x0: cx - 0.5 * c * dx,
            y1: cy + 0.5 * r * dy,
            dx,
            dy,
            cols,
            rows,
        }
    }

    /// A view of exactly `region` in `cols` × `rows` cells, each axis scaled on its own (for
    /// axes in different units, where true aspect would hide the picture).
    pub fn stretch(region: Region, cols: u16, rows: u16) -> Self {
        let (c, r) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
        let dx = region.width().abs().max(f64::MIN_POSITIVE) / c;
        let dy = region.height().abs().max(f64::MIN_POSITIVE) / r;
        Self {
            x0: region.x0,
            y1: region.y1,
            dx,
            dy,
            cols,
            rows,
        }
    }

    /// The world box the whole view shows.
    pub fn region(&self) -> Region {
        Region::new(
            self.x0,
            self.x0 + f64::from(self.cols) * self.dx,
            self.y1 - f64::from(self.rows) * self.dy,
            self.y1,
        )
    }

    /// Fractional cell coordinates (column, row) of a world point; cell (c, r) covers
    /// [c, c+1) × [r, r+1). May lie outside the view.
    pub fn to_cell_f(&self, p: Point) -> (f64, f64) {
        ((p.x - self.x0) / self.dx, (self.y1 - p.y) / self.dy)
    }

    /// The cell containing a world point, if it is inside the view.
    pub fn to_cell(&self, p: Point) -> Option<(u16, u16)> {
        let (c, r) = self.to_cell_f(p);
        if c >= 0.0 && r >= 0.0 && c < f64::from(self.cols) && r < f64::from(self.rows) {
            Some((c as u16, r as u16))
        } else {
            None
        }
    }

    /// The world point at the centre of cell (c, r).
    pub fn cell_center(&self, c: u16, r: u16) -> Point {
        self.at(f64::from(c) + 0.5, f64::from(r) + 0.5)
    }

    /// The world point at fractional cell coordinates.
    pub fn at(&self, c: f64, r: f64) -> Point {
        Point::new(self.x0 + c * self.dx, self.y1 - r * self.dy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_region_in_wide_view_keeps_true_aspect() {
        // [-1,1]² in 80×20 cells: height limits (2 / (20·2) = 0.05 per column), width grows
        // to 80·0.05 = 4, centred: x from -2 to 2.
        let v = Viewport::fit(Region::new(-1.0, 1.0, -1.0, 1.0), 80, 20);
        assert!((v.dx - 0.05).abs() < 1e-12);
        assert!((v.dy - 0.1).abs() < 1e-12);
        let r = v.region();
        assert!((r.x0 + 2.0).abs() < 1e-12 && (r.x1 - 2.0).abs() < 1e-12);
        assert!((r.y0 + 1.0).abs() < 1e-12 && (r.y1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn stretched_view_shows_exactly_the_region() {
        // w in [-0.17, 0.27] (0.44 wide) and b in [-5, 19] in 88×24 cells: 0.005 per column,
        // 1 per row, corners exactly the region's.
        let v = Viewport::stretch(Region::new(-0.17, 0.27, -5.0, 19.0), 88, 24);
        assert!((v.dx - 0.005).abs() < 1e-12 && (v.dy - 1.0).abs() < 1e-12);
        let r = v.region();
        assert!((r.x0 + 0.17).abs() < 1e-12 && (r.x1 - 0.27).abs() < 1e-12);
        assert!((r.y0 + 5.0).abs() < 1e-12 && (r.y1 - 19.0).abs() < 1e-12);
    }

    #[test]
    fn cell_round_trip() {
        let v = Viewport::fit(Region::new(-5.0, 5.0, -5.0, 5.0), 100, 50);
        let p = v.cell_center(37, 12);
        assert_eq!(v.to_cell(p), Some((37, 12)));
        // Top-left cell holds the largest y.
        assert!(v.cell_center(0, 0).y > v.cell_center(0, 1).y);
        assert_eq!(v.to_cell(Point::new(100.0, 0.0)), None);
    }
}
