//! The constraint layer of the map: the feasible set (the curve g = 0 in braille dots; for an
//! inequality also the infeasible side shaded), the constrained critical points, and at a
//! cursor near the constraint ∇f and ∇g as arrows — at a Lagrange point they line up.
//!
//! [`ConstraintLayer::compute`] samples g once per view (cached by the caller, like `Field`);
//! [`draw_base`] paints under the trails, [`draw_gradients`] on top of everything.

use super::colormap::{ColorMode, Rgb};
use super::field::{DOTS_X, DOTS_Y, braille_bit, braille_char, rasterize};
use super::glyphs;
use super::map::ink;
use super::viewport::Viewport;
use crate::analysis::{
    ConstrainedKind, ConstrainedPoint, CriticalKind, constrained_critical_points,
};
use crate::surface::{ConstraintKind, Point, Surface};
use nalgebra::Vector2;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

/// The colour of the constraint curve: white stands out on every part of viridis.
pub const CURVE: Rgb = Rgb(255, 255, 255);
/// ∇f's arrow (warm) and ∇g's arrow (cool).
pub const GRAD_F: Rgb = Rgb(255, 120, 60);
pub const GRAD_G: Rgb = Rgb(80, 220, 255);
/// Without colour the curve is drawn with this character.
const CURVE_PLAIN: char = '·';

/// The sampled constraints of one surface over one view.
#[derive(Debug, Clone)]
pub struct ConstraintLayer {
    /// What it was computed for (surface name, view): recompute when either changes.
    pub key: (String, Viewport),
    /// Per cell (row-major): some inequality is violated at the cell centre.
    infeasible: Vec<bool>,
    /// Per cell: braille bits of the curves g = 0.
    curve: Vec<u8>,
    /// Constrained critical points in the view (one constraint only).
    pub points: Vec<ConstrainedPoint>,
}

impl ConstraintLayer {
    /// `None` for a surface without constraints.
    pub fn compute(surface: &dyn Surface, vp: Viewport) -> Option<Self> {
        let constraints = surface.constraints();
        if constraints.is_empty() {
            return None;
        }
        let (cols, rows) = (usize::from(vp.cols), usize::from(vp.rows));
        let infeasible = (0..cols * rows)
            .map(|i| {
                let p = vp.cell_center((i % cols) as u16, (i / cols) as u16);
                constraints
                    .iter()
                    .any(|c| c.kind() == ConstraintKind::Inequality && c.value(p) > 0.0)
            })
            .collect();
        // g at the corners of every braille dot; a dot is on the curve when g changes sign
        // across it (marching-squares occupancy), so the curve is one dot thick.
        let (w, h) = (cols * DOTS_X, rows * DOTS_Y);
        let mut curve = vec![0u8; cols * rows];
        for c in constraints {
            let corner: Vec<f64> = (0..(w + 1) * (h + 1))
                .map(|k| {
                    let (u, v) = (k % (w + 1), k / (w + 1));
                    let p = vp.at(u as f64 / DOTS_X as f64, v as f64 / DOTS_Y as f64);
                    c.value(p)
                })
                .collect();
            for v in 0..h {
                for u in 0..w {
                    let g = [
                        corner[v * (w + 1) + u],
                        corner[v * (w + 1) + u + 1],
                        corner[(v + 1) * (w + 1) + u],
                        corner[(v + 1) * (w + 1) + u + 1],
                    ];
                    let lo = g.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = g.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    if lo <= 0.0 && hi > 0.0 {
                        curve[(v / DOTS_Y) * cols + u / DOTS_X] |=
                            braille_bit(u % DOTS_X, v % DOTS_Y);
                    }
                }
            }
        }
        let points = constrained_critical_points(surface, vp.region()).unwrap_or_default();
        Some(Self {
            key: (surface.name().to_string(), vp),
            infeasible,
            curve,
            points,
        })
    }

    /// Whether cell (c, r) lies where an inequality is violated.
    pub fn is_infeasible(&self, c: u16, r: u16) -> bool {
        let cols = usize::from(self.key.1.cols);
        self.infeasible
            .get(usize::from(r) * cols + usize::from(c))
            .copied()
            .unwrap_or(false)
    }

    /// Braille bits of the curve in cell (c, r).
    pub fn curve_bits(&self, c: u16, r: u16) -> u8 {
        let cols = usize::from(self.key.1.cols);
        self.curve
            .get(usize::from(r) * cols + usize::from(c))
            .copied()
            .unwrap_or(0)
    }
}

/// A constrained kind as the map's critical-point glyph.
pub fn glyph(kind: ConstrainedKind) -> char {
    glyphs::critical_glyph(match kind {
        ConstrainedKind::Minimum => CriticalKind::Minimum,
        ConstrainedKind::Maximum => CriticalKind::Maximum,
        ConstrainedKind::Saddle => CriticalKind::Saddle,
        ConstrainedKind::Inconclusive => CriticalKind::Degenerate,
    })
}

/// Under the trails: darkens the infeasible side, draws the curve over the contour dots, and
/// marks the constrained critical points. `bg_of` gives a cell's field colour.
pub fn draw_base(
    layer: &ConstraintLayer,
    mode: ColorMode,
    area: Rect,
    buf: &mut Buffer,
    bg_of: impl Fn(u16, u16) -> Rgb,
) {
    let vp = layer.key.1;
    let (cols, rows) = (vp.cols.min(area.width), vp.rows.min(area.height));
    for r in 0..rows {
        for c in 0..cols {
            let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) else {
                continue;
            };
            let out = layer.is_infeasible(c, r);
            if out && mode.has_color() {
                cell.set_bg(mode.color(bg_of(c, r).mix(Rgb(20, 20, 20), 0.6)));
            } else if out && cell.symbol() == " " {
                // Without colour, a sparse hatch marks the infeasible side.
                if (c + 2 * r) % 4 == 0 {
                    cell.set_char('╱');
                }
            }
            let bits = layer.curve_bits(c, r);
            if bits != 0 {
                if mode.has_color() {
                    cell.set_char(braille_char(bits));
                    cell.set_fg(mode.color(CURVE));
                } else {
                    cell.set_char(CURVE_PLAIN);
                }
            }
        }
    }
    for p in &layer.points {
        if let Some((c, r)) = vp.to_cell(p.point)
            && c < cols
            && r < rows
            && let Some(cell) = buf.cell_mut((area.x + c, area.y + r))
        {
            cell.set_char(glyph(p.kind));
            if mode.has_color() {
                cell.set_fg(mode.color(ink(bg_of(c, r))));
            }
            cell.modifier.insert(Modifier::BOLD);
        }
    }
}

/// The state of the Lagrange condition at a point near the constraint: what the arrows show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LagrangeReading {
    pub g: f64,
    pub grad_f: Vector2<f64>,
    pub grad_g: Vector2<f64>,
    /// Least-squares multiplier ∇f·∇g/|∇g|² (convention ∇f = λ∇g).
    pub lambda: f64,
    /// Angle between ∇f and the line of ∇g, in degrees: 0 where they line up (either way).
    pub misalignment_deg: f64,
    /// Distance to the curve to first order, |g|/|∇g|.
    pub distance: f64,
}

/// The reading at `p` for the surface's first constraint, if it has one and ∇g ≠ 0 there.
pub fn lagrange_reading(surface: &dyn Surface, p: Point) -> Option<LagrangeReading> {
    let c = surface.constraints().first()?;
    let (g, dg, df) = (c.value(p), c.gradient(p), surface.gradient(p));
    let n2 = dg.norm_squared();
    if !(n2 > 0.0 && n2.is_finite() && g.is_finite() && df.iter().all(|v| v.is_finite())) {
        return None;
    }
    let cross = (df.x * dg.y - df.y * dg.x).abs();
    let dot = df.dot(&dg).abs();
    Some(LagrangeReading {
        g,
        grad_f: df,
        grad_g: dg,
        lambda: df.dot(&dg) / n2,
        misalignment_deg: cross.atan2(dot).to_degrees(),
        distance: g.abs() / n2.sqrt(),
    })
}

/// On top: ∇f and ∇g as arrows of equal length from `cursor`, when the cursor is within
/// three columns of the constraint curve. Only the directions matter: where they lie on one
/// line, ∇f = λ∇g.
pub fn draw_gradients(
    surface: &dyn Surface,
    cursor: Point,
    vp: &Viewport,
    mode: ColorMode,
    area: Rect,
    buf: &mut Buffer,
) {
    let Some(reading) = lagrange_reading(surface, cursor) else {
        return;
    };
    if reading.distance > 3.0 * vp.dx {
        return;
    }
    let (cols, rows) = (vp.cols.min(area.width), vp.rows.min(area.height));
    let len = 7.0 * vp.dx;
    for (v, color, label) in [(reading.grad_g, GRAD_G, 'g'), (reading.grad_f, GRAD_F, 'f')] {
        let n = v.norm();
        if n == 0.0 {
            continue;
        }
        let tip = cursor + v * (len / n);
        let (a, b) = (vp.to_cell_f(cursor), vp.to_cell_f(tip));
        let to_dots = |p: (f64, f64)| (p.0 * DOTS_X as f64 - 0.5, p.1 * DOTS_Y as f64 - 0.5);
        let (w, h) = (usize::from(cols) * DOTS_X, usize::from(rows) * DOTS_Y);
        let mut dots: Vec<(usize, usize)> = Vec::new();
        rasterize(to_dots(a), to_dots(b), w, h, |u, v| dots.push((u, v)));
        let mut cells: Vec<((u16, u16), u8)> = Vec::new();
        for (u, v) in dots {
            let at = ((u / DOTS_X) as u16, (v / DOTS_Y) as u16);
            let bit = braille_bit(u % DOTS_X, v % DOTS_Y);
            match cells.iter_mut().find(|(c, _)| *c == at) {
                Some((_, bits)) => *bits |= bit,
                None => cells.push((at, bit)),
            }
        }
        let head = vp.to_cell(tip).filter(|(c, r)| *c < cols && *r < rows);
        for ((c, r), bits) in cells {
            if Some((c, r)) == head || vp.to_cell(cursor) == Some((c, r)) {
                continue;
            }
            if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
                if mode.has_color() {
                    cell.set_char(braille_char(bits));
                    cell.set_fg(mode.color(color));
                } else {
                    cell.set_char(if label == 'f' { '•' } else { '∘' });
                }
            }
        }
        if let Some((c, r)) = head {
            let ch = glyphs::arrow(v.y.atan2(v.x));
            if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
                cell.set_char(ch);
                if mode.has_color() {
                    cell.set_fg(mode.color(color));
                }
                cell.modifier.insert(Modifier::BOLD);
            }
            // Name the arrow just past its head: "∇f" / "∇g".
            let (tc, tr) = vp.to_cell_f(cursor + v * (len * 1.25 / n));
            if tc >= 0.0 && tr >= 0.0 && (tc as u16) + 1 < cols && (tr as u16) < rows {
                for (k, ch) in ['∇', label].into_iter().enumerate() {
                    if let Some(cell) =
                        buf.cell_mut((area.x + tc as u16 + k as u16, area.y + tr as u16))
                    {
                        cell.set_char(ch);
                        if mode.has_color() {
                            cell.set_fg(mode.color(color));
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::{Region, builtin};

    #[test]
    fn circle_is_drawn_where_g_changes_sign_and_disc_outside_is_shaded() {
        let s = builtin("rosenbrock-disc").unwrap();
        let vp = Viewport::fit(Region::new(-2.0, 2.0, -2.0, 2.0), 40, 20);
        let layer = ConstraintLayer::compute(s.as_ref(), vp).unwrap();
        // The centre is feasible, the corners are not (x² + y² > 2 there).
        let (cc, cr) = vp.to_cell(Point::new(0.0, 0.0)).unwrap();
        assert!(!layer.is_infeasible(cc, cr));
        assert!(layer.is_infeasible(0, 0));
        // The circle of radius √2 crosses the x axis at x = ±1.414: that cell has dots, the
        // centre has none.
        let (c, r) = vp.to_cell(Point::new(2f64.sqrt(), 0.0)).unwrap();
        assert!(layer.curve_bits(c, r) != 0 || layer.curve_bits(c.saturating_sub(1), r) != 0);
        assert_eq!(layer.curve_bits(cc, cr), 0);
        // The minimum (1, 1) is marked.
        assert!(
            layer
                .points
                .iter()
                .any(|p| (p.point - Point::new(1.0, 1.0)).norm() < 1e-8)
        );
        assert!(ConstraintLayer::compute(builtin("bowl").unwrap().as_ref(), vp).is_none());
    }

    #[test]
    fn reading_lines_up_at_the_lagrange_point_only() {
        let s = builtin("circle-linear").unwrap();
        let h = std::f64::consts::FRAC_1_SQRT_2;
        let at_min = lagrange_reading(s.as_ref(), Point::new(-h, -h)).unwrap();
        assert!(at_min.misalignment_deg < 1e-6);
        assert!((at_min.lambda + h).abs() < 1e-12);
        assert!(at_min.distance < 1e-15);
        // At (1, 0): ∇f = (1, 1), ∇g = (2, 0): 45° apart; λ = 2/4 = 0.5.
        let off = lagrange_reading(s.as_ref(), Point::new(1.0, 0.0)).unwrap();
        assert!((off.misalignment_deg - 45.0).abs() < 1e-9);
        assert!((off.lambda - 0.5).abs() < 1e-15);
    }
}
