//! Draws a map scene into a ratatui buffer: the cached field, then overlays, critical points,
//! trajectories and the cursor on top. No terminal IO; the caller decides what to show.

use super::Viewport;
use super::colormap::{ColorMode, Rgb};
use super::dots::DotLayer;
use super::field::{Field, braille_char};
use super::glyphs;
use super::marks::Mark;
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

/// Draws the scene bottom to top: field, overlays, dot layers, then marks, labels and cursor.
pub fn draw_map(scene: &MapScene, area: Rect, buf: &mut Buffer) {
    let canvas = Canvas::new(scene.field, area, scene.mode);
    draw_field(scene, &canvas, buf);
    draw_overlays(scene, &canvas, buf);
    let dots = draw_dot_layers(scene, &canvas, buf);
    // Marks, each remembered so labels and the cursor give way to them.
    let mut marks = point_marks(scene, &canvas.vp);
    if scene.show_labels {
        draw_labels(&canvas, &marks, &dots, buf);
    }
    if let Some(p) = scene.cursor {
        let cursor = super::marks::cursor(&canvas.vp, p, |c, r| is_marked(&marks, c, r));
        marks.extend(cursor);
    }
    for m in &marks {
        let fg = m.color.unwrap_or_else(|| ink(canvas.bg_of(m.col, m.row)));
        canvas.put(buf, m.col, m.row, m.ch, fg, true);
    }
    if let (Some((_, surface)), Some(p)) = (scene.constraint, scene.cursor) {
        super::constraint::draw_gradients(surface, p, &canvas.vp, canvas.mode, area, buf);
    }
}

/// Where a frame is drawn: the field's cells that fit in the area, and the colour mode.
struct Canvas<'a> {
    field: &'a Field,
    vp: Viewport,
    cols: u16,
    rows: u16,
    area: Rect,
    mode: ColorMode,
}

impl<'a> Canvas<'a> {
    fn new(field: &'a Field, area: Rect, mode: ColorMode) -> Self {
        let vp = *field.viewport();
        Self {
            field,
            vp,
            cols: vp.cols.min(area.width),
            rows: vp.rows.min(area.height),
            area,
            mode,
        }
    }

    /// The field's colour in cell (c, r).
    fn bg_of(&self, c: u16, r: u16) -> Rgb {
        self.field.cell(c, r).map(|fc| fc.rgb).unwrap_or_default()
    }

    /// Writes one character over what is there, if (c, r) is on the map.
    fn put(&self, buf: &mut Buffer, c: u16, r: u16, ch: char, fg: Rgb, bold: bool) {
        if c >= self.cols || r >= self.rows {
            return;
        }
        if let Some(cell) = buf.cell_mut((self.area.x + c, self.area.y + r)) {
            cell.set_char(ch);
            if self.mode.has_color() {
                cell.set_fg(self.mode.color(fg));
            }
            if bold {
                cell.modifier.insert(Modifier::BOLD);
            }
        }
    }
}

/// Base layer: colour field and contour dots, hatched where f is undefined.
fn draw_field(scene: &MapScene, canvas: &Canvas, buf: &mut Buffer) {
    let (field, mode, area) = (canvas.field, canvas.mode, canvas.area);
    for r in 0..canvas.rows {
        for c in 0..canvas.cols {
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
}

/// Cell-sized layers over the field: feasible set, curvature tint, unresolved hatching,
/// descent arrows and a run's forecast.
fn draw_overlays(scene: &MapScene, canvas: &Canvas, buf: &mut Buffer) {
    let (mode, area) = (canvas.mode, canvas.area);
    let bg_of = |c: u16, r: u16| canvas.bg_of(c, r);
    if let Some((layer, _)) = scene.constraint {
        super::constraint::draw_base(layer, mode, area, buf, bg_of);
    }
    if let Some(layer) = scene.curvature {
        super::curvature::draw(layer, canvas.field, mode, area, buf);
    }
    if let Some(a) = scene.critical_sets {
        hatch_unresolved(a, canvas, buf);
    }
    if let Some(surface) = scene.arrows {
        draw_arrows(surface, canvas, buf);
    }
    if let Some((points, color)) = scene.forecast {
        super::curvature::draw_forecast(points, color, &canvas.vp, mode, area, buf, bg_of);
    }
}

/// Descent-direction arrows (−∇f): one every 6 columns and 3 rows, offset so they sit
/// between labels.
fn draw_arrows(surface: &dyn Surface, canvas: &Canvas, buf: &mut Buffer) {
    for r in (1..canvas.rows).step_by(3) {
        for c in (2..canvas.cols).step_by(6) {
            let g = surface.gradient(canvas.vp.cell_center(c, r));
            if g.iter().all(|v| v.is_finite()) && g.norm() > 0.0 {
                let ch = glyphs::arrow((-g.y).atan2(-g.x));
                canvas.put(buf, c, r, ch, ink(canvas.bg_of(c, r)), false);
            }
        }
    }
}

/// Layered braille: curves of critical points, Hessian axes and trails (the selected one
/// last, so on top), each dot layer coloured by its owner. Returned so labels avoid it.
fn draw_dot_layers(scene: &MapScene, canvas: &Canvas, buf: &mut Buffer) -> DotLayer {
    let vp = &canvas.vp;
    let mut dots = DotLayer::new(canvas.cols, canvas.rows, canvas.mode.has_color());
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
        hessian_axes(&mut dots, vp, at, &info);
    }
    for trail in scene.trails.iter().filter(|t| !t.selected) {
        dots.trail(vp, trail);
    }
    for trail in scene.trails.iter().filter(|t| t.selected) {
        dots.trail(vp, trail);
    }
    dots.flush(buf, canvas.area, canvas.mode);
    dots
}

/// The Hessian's principal axes through `at`, coloured by the sign of their curvature.
fn hessian_axes(dots: &mut DotLayer, vp: &Viewport, at: Point, info: &HessianInfo) {
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

/// Starts, critical points and trail heads, in drawing order.
fn point_marks(scene: &MapScene, vp: &Viewport) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    let mut mark = |c: u16, r: u16, ch: char| {
        marks.push(Mark {
            col: c,
            row: r,
            ch,
            color: None,
        })
    };
    for p in &scene.starts {
        if let Some((c, r)) = vp.to_cell(*p) {
            mark(c, r, glyphs::START);
        }
    }
    for cp in scene.critical {
        if let Some((c, r)) = vp.to_cell(cp.point) {
            mark(c, r, glyphs::critical_glyph(cp.kind()));
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
    let heads = super::marks::heads(vp, &order, |c, r| critical_cells.contains(&(c, r)));
    marks.extend(heads);
    marks
}

fn is_marked(marks: &[Mark], c: u16, r: u16) -> bool {
    marks.iter().any(|m| m.col == c && m.row == r)
}

/// The field's contour labels. A label is drawn whole or not at all: never split by a mark
/// or a trail.
fn draw_labels(canvas: &Canvas, marks: &[Mark], dots: &DotLayer, buf: &mut Buffer) {
    for l in &canvas.field.labels {
        let cells = (0..l.text.chars().count() as u16).map(|k| (l.col + k, l.row));
        let clear = cells
            .clone()
            .all(|(c, r)| !is_marked(marks, c, r) && !dots.covers(c, r));
        if clear {
            for ((c, r), ch) in cells.zip(l.text.chars()) {
                canvas.put(buf, c, r, ch, ink(canvas.bg_of(c, r)), false);
            }
        }
    }
}

/// Hatches the cells whose centre lies in a region the search left unresolved.
fn hatch_unresolved(a: &Analysis, canvas: &Canvas, buf: &mut Buffer) {
    if a.unresolved.is_empty() {
        return;
    }
    let (mode, area) = (canvas.mode, canvas.area);
    for r in 0..canvas.rows {
        for c in (0..canvas.cols).filter(|c| (c + r) % 3 == 0) {
            let p = canvas.vp.cell_center(c, r);
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
