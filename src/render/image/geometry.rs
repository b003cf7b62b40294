//! Characters drawn as shapes rather than with the font: braille dots (the contour lines),
//! block elements and the box-drawing lines of panel borders. Shapes are crisp at any scale,
//! join seamlessly across cells and need no glyph.
//!
//! Coordinates are in cell units: a cell is [`CELL_W`] × [`CELL_H`] (the SVG's user units; a
//! raster multiplies by its scale). Everything is filled with the cell's foreground colour.

/// Width of a cell in image units (at scale 1, pixels).
pub const CELL_W: f32 = 8.0;
/// Height of a cell: twice its width, as the map's viewport assumes.
pub const CELL_H: f32 = 16.0;

/// One filled shape inside a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// An axis-aligned rectangle `[x0, x1) × [y0, y1)`.
    Rect { x0: f32, y0: f32, x1: f32, y1: f32 },
    /// A disc (a braille dot).
    Dot { cx: f32, cy: f32, r: f32 },
    /// A quarter ring of radius `r` and thickness `t` around (`cx`, `cy`), on the side of the
    /// centre given by the signs of `sx`, `sy` (a rounded border corner).
    Arc {
        cx: f32,
        cy: f32,
        r: f32,
        t: f32,
        sx: f32,
        sy: f32,
    },
    /// The whole cell in the foreground colour at this opacity (░ ▒ ▓).
    Shade(f32),
}

/// The shapes of `c`, or `None` when the font draws it.
pub fn shapes(c: char) -> Option<Vec<Shape>> {
    let code = u32::from(c);
    match code {
        0x2801..=0x28FF => Some(braille(code - 0x2800)),
        // The blank braille pattern draws nothing, like a space.
        0x2800 => Some(Vec::new()),
        0x2580..=0x259F => block(c),
        _ => box_drawing(c),
    }
}

/// Radius of a braille dot: about a quarter of the dot spacing, so neighbours never touch.
const DOT_R: f32 = 1.1;

/// The dots of braille pattern `bits` (Unicode numbering: dots 1-3 and 7 in the left column,
/// 4-6 and 8 in the right, top to bottom).
fn braille(bits: u32) -> Vec<Shape> {
    const DOTS: [(u32, u32); 8] = [
        (0, 0),
        (0, 1),
        (0, 2),
        (1, 0),
        (1, 1),
        (1, 2),
        (0, 3),
        (1, 3),
    ];
    DOTS.iter()
        .enumerate()
        .filter(|(bit, _)| bits & (1 << bit) != 0)
        .map(|(_, &(col, row))| Shape::Dot {
            cx: CELL_W / 4.0 + CELL_W / 2.0 * col as f32,
            cy: CELL_H / 8.0 + CELL_H / 4.0 * row as f32,
            r: DOT_R,
        })
        .collect()
}

const fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Shape {
    Shape::Rect { x0, y0, x1, y1 }
}

/// Block elements U+2580–U+259F.
fn block(c: char) -> Option<Vec<Shape>> {
    const W: f32 = CELL_W;
    const H: f32 = CELL_H;
    const HW: f32 = W / 2.0;
    const HH: f32 = H / 2.0;
    const UL: Shape = rect(0.0, 0.0, HW, HH);
    const UR: Shape = rect(HW, 0.0, W, HH);
    const LL: Shape = rect(0.0, HH, HW, H);
    const LR: Shape = rect(HW, HH, W, H);
    const fn lower(eighths: f32) -> Shape {
        rect(0.0, H * (1.0 - eighths / 8.0), W, H)
    }
    const fn left(eighths: f32) -> Shape {
        rect(0.0, 0.0, W * eighths / 8.0, H)
    }
    Some(match c {
        '▀' => vec![rect(0.0, 0.0, W, HH)],
        '▁' => vec![lower(1.0)],
        '▂' => vec![lower(2.0)],
        '▃' => vec![lower(3.0)],
        '▄' => vec![lower(4.0)],
        '▅' => vec![lower(5.0)],
        '▆' => vec![lower(6.0)],
        '▇' => vec![lower(7.0)],
        '█' => vec![lower(8.0)],
        '▉' => vec![left(7.0)],
        '▊' => vec![left(6.0)],
        '▋' => vec![left(5.0)],
        '▌' => vec![left(4.0)],
        '▍' => vec![left(3.0)],
        '▎' => vec![left(2.0)],
        '▏' => vec![left(1.0)],
        '▐' => vec![rect(HW, 0.0, W, H)],
        '░' => vec![Shape::Shade(0.25)],
        '▒' => vec![Shape::Shade(0.5)],
        '▓' => vec![Shape::Shade(0.75)],
        '▔' => vec![rect(0.0, 0.0, W, H / 8.0)],
        '▕' => vec![rect(W * 7.0 / 8.0, 0.0, W, H)],
        '▖' => vec![LL],
        '▗' => vec![LR],
        '▘' => vec![UL],
        '▙' => vec![UL, LL, LR],
        '▚' => vec![UL, LR],
        '▛' => vec![UL, UR, LL],
        '▜' => vec![UL, UR, LR],
        '▝' => vec![UR],
        '▞' => vec![UR, LL],
        '▟' => vec![UR, LL, LR],
        _ => return None,
    })
}

/// Line weights of a box-drawing arm: none, light, heavy.
const N: u8 = 0;
const L: u8 = 1;
const H: u8 = 2;

/// Box-drawing characters as the weights of their arms (up, right, down, left).
const ARMS: &[(char, [u8; 4])] = &[
    ('─', [N, L, N, L]),
    ('━', [N, H, N, H]),
    ('│', [L, N, L, N]),
    ('┃', [H, N, H, N]),
    ('┌', [N, L, L, N]),
    ('┍', [N, H, L, N]),
    ('┎', [N, L, H, N]),
    ('┏', [N, H, H, N]),
    ('┐', [N, N, L, L]),
    ('┑', [N, N, L, H]),
    ('┒', [N, N, H, L]),
    ('┓', [N, N, H, H]),
    ('└', [L, L, N, N]),
    ('┕', [L, H, N, N]),
    ('┖', [H, L, N, N]),
    ('┗', [H, H, N, N]),
    ('┘', [L, N, N, L]),
    ('┙', [L, N, N, H]),
    ('┚', [H, N, N, L]),
    ('┛', [H, N, N, H]),
    ('├', [L, L, L, N]),
    ('┝', [L, H, L, N]),
    ('┠', [H, L, H, N]),
    ('┣', [H, H, H, N]),
    ('┤', [L, N, L, L]),
    ('┥', [L, N, L, H]),
    ('┨', [H, N, H, L]),
    ('┫', [H, N, H, H]),
    ('┬', [N, L, L, L]),
    ('┯', [N, H, L, H]),
    ('┰', [N, L, H, L]),
    ('┳', [N, H, H, H]),
    ('┴', [L, L, N, L]),
    ('┷', [L, H, N, H]),
    ('┸', [H, L, N, L]),
    ('┻', [H, H, N, H]),
    ('┼', [L, L, L, L]),
    ('┿', [L, H, L, H]),
    ('╂', [H, L, H, L]),
    ('╋', [H, H, H, H]),
    ('╴', [N, N, N, L]),
    ('╵', [L, N, N, N]),
    ('╶', [N, L, N, N]),
    ('╷', [N, N, L, N]),
    ('╸', [N, N, N, H]),
    ('╹', [H, N, N, N]),
    ('╺', [N, H, N, N]),
    ('╻', [N, N, H, N]),
];

/// Thickness of a line of weight `w` (light: one unit, a pixel at scale 1).
fn thickness(w: u8) -> f32 {
    f32::from(w)
}

fn box_drawing(c: char) -> Option<Vec<Shape>> {
    if let Some(&(_, arms)) = ARMS.iter().find(|(ch, _)| *ch == c) {
        return Some(arms_shapes(arms));
    }
    rounded(c).or_else(|| double(c))
}

/// Each arm runs from the cell's centre to the middle of its edge; it overlaps the centre by
/// half the thickest crossing line so joins are square.
fn arms_shapes([up, right, down, left]: [u8; 4]) -> Vec<Shape> {
    let (mx, my) = (CELL_W / 2.0, CELL_H / 2.0);
    let vertical = thickness(up.max(down));
    let horizontal = thickness(left.max(right));
    let mut out = Vec::new();
    let (reach_x, reach_y) = (vertical / 2.0, horizontal / 2.0);
    let v = |w: u8, y0: f32, y1: f32| {
        let t = thickness(w) / 2.0;
        rect(mx - t, y0, mx + t, y1)
    };
    let h = |w: u8, x0: f32, x1: f32| {
        let t = thickness(w) / 2.0;
        rect(x0, my - t, x1, my + t)
    };
    if up > 0 {
        out.push(v(up, 0.0, my + reach_y));
    }
    if down > 0 {
        out.push(v(down, my - reach_y, CELL_H));
    }
    if left > 0 {
        out.push(h(left, 0.0, mx + reach_x));
    }
    if right > 0 {
        out.push(h(right, mx - reach_x, CELL_W));
    }
    out
}

/// ╭ ╮ ╯ ╰: a quarter circle of radius half the cell width joins a straight vertical part to
/// the middle of the horizontal edge.
fn rounded(c: char) -> Option<Vec<Shape>> {
    // (towards x, towards y): the arms the corner connects.
    let (sx, sy) = match c {
        '╭' => (1.0, 1.0),
        '╮' => (-1.0, 1.0),
        '╯' => (-1.0, -1.0),
        '╰' => (1.0, -1.0),
        _ => return None,
    };
    let t = thickness(L);
    let r = CELL_W / 2.0;
    let (mx, my) = (CELL_W / 2.0, CELL_H / 2.0);
    // The arc's centre is one radius from the centre towards both arms.
    let (cx, cy) = (mx + sx * r, my + sy * r);
    let (y0, y1) = if sy > 0.0 { (cy, CELL_H) } else { (0.0, cy) };
    Some(vec![
        Shape::Arc {
            cx,
            cy,
            r,
            t,
            sx: -sx,
            sy: -sy,
        },
        rect(mx - t / 2.0, y0, mx + t / 2.0, y1),
    ])
}

/// ═ ║ and the four double corners (the popup border).
fn double(c: char) -> Option<Vec<Shape>> {
    let (mx, my) = (CELL_W / 2.0, CELL_H / 2.0);
    let t = thickness(L);
    let gap = 1.5 * t;
    // Offsets of the two lines from the centre line.
    let (a, b) = (-gap, gap);
    let hline = |y: f32, x0: f32, x1: f32| rect(x0, y - t / 2.0, x1, y + t / 2.0);
    let vline = |x: f32, y0: f32, y1: f32| rect(x - t / 2.0, y0, x + t / 2.0, y1);
    let corner = |sx: f32, sy: f32| {
        // Outer and inner L shapes; `sx`/`sy` point along the arms.
        let edge_x = if sx > 0.0 { CELL_W } else { 0.0 };
        let edge_y = if sy > 0.0 { CELL_H } else { 0.0 };
        let span = |from: f32, to: f32| (from.min(to), from.max(to));
        let mut out = Vec::new();
        for d in [a, b] {
            // `d` < 0 is the outer line (away from the arms' side).
            let x = mx + d * sx;
            let y = my + d * sy;
            let (x0, x1) = span(x - sx * t / 2.0, edge_x);
            let (y0, y1) = span(y - sy * t / 2.0, edge_y);
            out.push(hline(y, x0, x1));
            out.push(vline(x, y0, y1));
        }
        out
    };
    Some(match c {
        '═' => vec![hline(my + a, 0.0, CELL_W), hline(my + b, 0.0, CELL_W)],
        '║' => vec![vline(mx + a, 0.0, CELL_H), vline(mx + b, 0.0, CELL_H)],
        '╔' => corner(1.0, 1.0),
        '╗' => corner(-1.0, 1.0),
        '╚' => corner(1.0, -1.0),
        '╝' => corner(-1.0, -1.0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braille_dots_sit_on_the_two_by_four_grid() {
        // ⠁ is dot 1 (top left), ⢀ dot 8 (bottom right), ⣿ all eight.
        assert_eq!(
            shapes('⠁'),
            Some(vec![Shape::Dot {
                cx: 2.0,
                cy: 2.0,
                r: DOT_R
            }])
        );
        assert_eq!(
            shapes('⢀'),
            Some(vec![Shape::Dot {
                cx: 6.0,
                cy: 14.0,
                r: DOT_R
            }])
        );
        assert_eq!(shapes('⣿').map(|s| s.len()), Some(8));
        assert_eq!(shapes('\u{2800}'), Some(vec![]));
    }

    #[test]
    fn blocks_cover_their_fraction_of_the_cell() {
        assert_eq!(shapes('█'), Some(vec![rect(0.0, 0.0, 8.0, 16.0)]));
        assert_eq!(shapes('▄'), Some(vec![rect(0.0, 8.0, 8.0, 16.0)]));
        assert_eq!(shapes('▌'), Some(vec![rect(0.0, 0.0, 4.0, 16.0)]));
        assert_eq!(shapes('▒'), Some(vec![Shape::Shade(0.5)]));
    }

    #[test]
    fn box_lines_reach_the_edges_so_borders_join() {
        let Some(shapes) = shapes('─') else {
            panic!("─ is drawn")
        };
        let (lo, hi) = shapes
            .iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), s| match s {
                Shape::Rect { x0, x1, .. } => (lo.min(*x0), hi.max(*x1)),
                _ => (lo, hi),
            });
        assert_eq!((lo, hi), (0.0, CELL_W));
        assert!(super::shapes('┼').is_some_and(|s| s.len() == 4));
        assert!(super::shapes('╭').is_some() && super::shapes('╝').is_some());
        // Letters and arrows are the font's.
        assert_eq!(super::shapes('a'), None);
        assert_eq!(super::shapes('→'), None);
    }
}
