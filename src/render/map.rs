//! Draws a map scene into a ratatui buffer: the cached field, then overlays, critical points,
//! trajectories and the cursor on top. No terminal IO; the caller decides what to show.

use super::colormap::{ColorMode, Rgb};
use super::field::{DOTS_X, DOTS_Y, Field, braille_bit, braille_char, rasterize};
use super::glyphs;
use crate::analysis::{Analysis, CriticalKind, CriticalPoint, HessianInfo};
use crate::run::TrajectoryPoint;
use crate::surface::{Point, Surface};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

/// One optimizer's path.
pub struct Trail<'a> {
    pub points: &'a [TrajectoryPoint],
    pub color: Rgb,
    pub head: char,
    pub diverged: bool,
    /// Drawn brighter and above the others.
    pub selected: bool,
}

/// Everything one map frame shows.
pub struct MapScene<'a> {
    pub field: &'a Field,
    pub mode: ColorMode,
    pub trails: Vec<Trail<'a>>,
    pub critical: &'a [CriticalPoint],
    /// Curves of critical points and the parts of the view the search left unresolved.
    pub critical_sets: Option<&'a Analysis>,
    pub starts: Vec<Point>,
    pub cursor: Option<Point>,
    pub show_contours: bool,
    pub show_labels: bool,
    /// Draw descent-direction arrows (−∇f) of this surface.
    pub arrows: Option<&'a dyn Surface>,
    /// Draw the Hessian's principal axes at this point.
    pub hessian_axes: Option<(Point, HessianInfo)>,
    /// The feasible set and constrained critical points, and ∇f, ∇g at the cursor near it.
    pub constraint: Option<(&'a super::ConstraintLayer, &'a dyn Surface)>,
    /// The curvature map (tint by definiteness, det H = 0 curves).
    pub curvature: Option<&'a super::curvature::CurvatureLayer>,
    /// A run's forecast: the points ahead of its head, drawn faint in its colour.
    pub forecast: Option<(&'a [TrajectoryPoint], Rgb)>,
}

/// Where f is undefined.
pub const UNDEFINED: char = '░';
/// Where the critical-point search could not decide (points may hide there): every third
/// diagonal, so the field still shows through.
pub const UNRESOLVED: char = '╲';

/// The colour of a curve of critical points: the Hessian axes' colours, cool for a valley of
/// minima, warm for a ridge of maxima, pale otherwise.
pub fn curve_rgb(kind: CriticalKind) -> Rgb {
    match kind {
        CriticalKind::Minimum => CURVES_UP,
        CriticalKind::Maximum => CURVES_DOWN,
        _ => Rgb(235, 235, 235),
    }
}

/// Text colour readable on `bg`.
pub fn ink(bg: Rgb) -> Rgb {
    if bg.luminance() < 0.5 {
        Rgb(255, 255, 255)
    } else {
        Rgb(0, 0, 0)
    }
}

/// Contour line colour: a lighter (or, on bright cells, darker) shade of the cell.
pub fn contour_rgb(bg: Rgb) -> Rgb {
    if bg.luminance() < 0.55 {
        bg.mix(Rgb(255, 255, 255), 0.4)
    } else {
        bg.mix(Rgb(0, 0, 0), 0.35)
    }
}

/// Colour of a principal axis: warm where the surface curves down, cool where it curves up.
pub const CURVES_UP: Rgb = Rgb(80, 220, 255);
pub const CURVES_DOWN: Rgb = Rgb(255, 80, 80);

pub fn draw_map(scene: &MapScene, area: Rect, buf: &mut Buffer) {
    let field = scene.field;
    let vp = *field.viewport();
    let cols = vp.cols.min(area.width);
    let rows = vp.rows.min(area.height);
    let mode = scene.mode;
    let bg_of = |c: u16, r: u16| field.cell(c, r).map(|fc| fc.rgb).unwrap_or_default();
    // Base layer: colour field and contour dots.
    for r in 0..rows {
        for c in 0..cols {
            let Some(fc) = field.cell(c, r) else { continue };
            let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) else {
                continue;
            };
            cell.reset();
            if fc.t.is_nan() {
                // f is undefined here (outside the domain, e.g. ln of a negative): hatched.
                cell.set_char(UNDEFINED);
                if mode.has_color() {
                    cell.set_bg(mode.color(fc.rgb));
                    cell.set_fg(mode.color(Rgb(110, 110, 110)));
                }
                continue;
            }
            if scene.show_contours && fc.dots != 0 {
                cell.set_char(braille_char(fc.dots));
            } else {
                cell.set_char(' ');
            }
            if mode.has_color() {
                cell.set_bg(mode.ramp(fc.t));
                cell.set_fg(mode.color(contour_rgb(fc.rgb)));
            }
        }
    }
    if let Some((layer, _)) = scene.constraint {
        super::constraint::draw_base(layer, mode, area, buf, bg_of);
    }
    if let Some(layer) = scene.curvature {
        super::curvature::draw(layer, field, mode, area, buf);
    }
    if let Some(a) = scene.critical_sets {
        hatch_unresolved(a, &vp, mode, cols, rows, area, buf);
    }
    let put = |buf: &mut Buffer, c: u16, r: u16, ch: char, fg: Rgb, bold: bool| {
        if c >= cols || r >= rows {
            return;
        }
        if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
            cell.set_char(ch);
            if mode.has_color() {
                cell.set_fg(mode.color(fg));
            }
            if bold {
                cell.modifier.insert(Modifier::BOLD);
            }
        }
    };
    if let Some(surface) = scene.arrows {
        // One arrow every 6 columns and 3 rows, offset so they sit between labels.
        for r in (1..rows).step_by(3) {
            for c in (2..cols).step_by(6) {
                let g = surface.gradient(vp.cell_center(c, r));
                if g.iter().all(|v| v.is_finite()) && g.norm() > 0.0 {
                    let ch = glyphs::arrow((-g.y).atan2(-g.x));
                    put(buf, c, r, ch, ink(bg_of(c, r)), false);
                }
            }
        }
    }
    // Layered braille: trails and Hessian axes, each dot layer coloured by its owner.
    if let Some((points, color)) = scene.forecast {
        super::curvature::draw_forecast(points, color, &vp, mode, area, buf, bg_of);
    }
    let mut dots = DotLayer::new(cols, rows, mode.has_color());
    for c in scene.critical_sets.map_or(&[][..], |a| &a.curves[..]) {
        let at = |p: &Point| vp.to_cell_f(*p);
        let color = curve_rgb(c.kind);
        for w in c.points.windows(2) {
            dots.line(at(&w[0]), at(&w[1]), color, '·');
        }
        if let (true, Some(a), Some(b)) = (c.closed, c.points.last(), c.points.first()) {
            dots.line(at(a), at(b), color, '·');
        }
    }
    if let Some((at, info)) = scene.hessian_axes {
        let half = 8.0 * vp.dx;
        for (k, (v, l)) in info.eigenvectors.iter().zip(info.eigenvalues).enumerate() {
            let color = if l > 0.0 {
                CURVES_UP
            } else if l < 0.0 {
                CURVES_DOWN
            } else {
                Rgb(200, 200, 200)
            };
            let a = vp.to_cell_f(at - v * half);
            let b = vp.to_cell_f(at + v * half);
            dots.line(
                a,
                b,
                color,
                glyphs::line_glyph(v.x, v.y, glyphs::SOLID_LINES),
            );
            // Label the positive end of each axis: ₁ for the smaller eigenvalue.
            let end = vp.to_cell_f(at + v * half * 1.2);
            if end.0 >= 0.0 && end.1 >= 0.0 {
                let label = if k == 0 { '₁' } else { '₂' };
                dots.text(end.0 as u16, end.1 as u16, label, color);
            }
        }
    }
    for trail in scene.trails.iter().filter(|t| !t.selected) {
        dots.trail(&vp, trail);
    }
    for trail in scene.trails.iter().filter(|t| t.selected) {
        dots.trail(&vp, trail);
    }
    dots.flush(buf, area, mode);
    // Marks, each remembered so labels and the cursor give way to them.
    let mut marks: Vec<super::marks::Mark> = Vec::new();
    let mut mark = |c: u16, r: u16, ch: char, color: Option<Rgb>| {
        marks.push(super::marks::Mark {
            col: c,
            row: r,
            ch,
            color,
        })
    };
    for p in &scene.starts {
        if let Some((c, r)) = vp.to_cell(*p) {
            mark(c, r, glyphs::START, None);
        }
    }
    for cp in scene.critical {
        if let Some((c, r)) = vp.to_cell(cp.point) {
            mark(c, r, glyphs::critical_glyph(cp.kind()), None);
        }
    }
    let mut order: Vec<&Trail> = scene.trails.iter().filter(|t| !t.selected).collect();
    order.extend(scene.trails.iter().filter(|t| t.selected));
    // A head that arrives on a critical point sits beside its mark (a head on its own start
    // simply covers it: the trail begins there).
    let critical_cells: Vec<(u16, u16)> = scene
        .critical
        .iter()
        .filter_map(|cp| vp.to_cell(cp.point))
        .collect();
    let heads = super::marks::heads(&vp, &order, |c, r| critical_cells.contains(&(c, r)));
    marks.extend(heads);
    let marked = |marks: &[super::marks::Mark], c: u16, r: u16| {
        marks.iter().any(|m| m.col == c && m.row == r)
    };
    if scene.show_labels {
        // A label is drawn whole or not at all: never split by a head or a trail.
        for l in &field.labels {
            let cells = (0..l.text.chars().count() as u16).map(|k| (l.col + k, l.row));
            let clear = cells
                .clone()
                .all(|(c, r)| !marked(&marks, c, r) && !dots.covers(c, r));
            if clear {
                for ((c, r), ch) in cells.zip(l.text.chars()) {
                    put(buf, c, r, ch, ink(bg_of(c, r)), false);
                }
            }
        }
    }
    if let Some(p) = scene.cursor {
        let cursor = super::marks::cursor(&vp, p, |c, r| marked(&marks, c, r));
        marks.extend(cursor);
    }
    for m in &marks {
        let fg = m.color.unwrap_or_else(|| ink(bg_of(m.col, m.row)));
        put(buf, m.col, m.row, m.ch, fg, true);
    }
    if let (Some((_, surface)), Some(p)) = (scene.constraint, scene.cursor) {
        super::constraint::draw_gradients(surface, p, &vp, mode, area, buf);
    }
}

/// Hatches the cells whose centre lies in a region the search left unresolved.
fn hatch_unresolved(
    a: &Analysis,
    vp: &super::Viewport,
    mode: ColorMode,
    cols: u16,
    rows: u16,
    area: Rect,
    buf: &mut Buffer,
) {
    if a.unresolved.is_empty() {
        return;
    }
    for r in 0..rows {
        for c in (0..cols).filter(|c| (c + r) % 3 == 0) {
            let p = vp.cell_center(c, r);
            if !a.unresolved.iter().any(|u| u.contains(p.x, p.y)) {
                continue;
            }
            if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
                cell.set_char(UNRESOLVED);
                if mode.has_color() {
                    cell.set_fg(mode.color(Rgb(235, 235, 235)));
                }
            }
        }
    }
}

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
struct DotLayer {
    cols: u16,
    rows: u16,
    /// Braille bits, owner colour, and the character to use without colour.
    cells: Vec<(u8, Rgb, char)>,
    /// Thick (2×2-dot) lines; plain characters are one cell wide already.
    thick: bool,
    text: Vec<(u16, u16, char, Rgb)>,
}

impl DotLayer {
    fn new(cols: u16, rows: u16, thick: bool) -> Self {
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
    fn line(&mut self, a: (f64, f64), b: (f64, f64), color: Rgb, plain: char) {
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

    fn text(&mut self, c: u16, r: u16, ch: char, color: Rgb) {
        if c < self.cols && r < self.rows {
            self.text.push((c, r, ch, color));
        }
    }

    fn trail(&mut self, vp: &super::Viewport, trail: &Trail) {
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
    fn covers(&self, c: u16, r: u16) -> bool {
        c < self.cols
            && r < self.rows
            && self.cells[usize::from(r) * usize::from(self.cols) + usize::from(c)].0 != 0
    }

    fn flush(&self, buf: &mut Buffer, area: Rect, mode: ColorMode) {
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
