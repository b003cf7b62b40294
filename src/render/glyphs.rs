//! Glyphs and colours that carry meaning. Every meaningful glyph differs in shape, not only in
//! colour, so the picture reads without colour too (NO_COLOR, colour-blind viewers).

use super::colormap::Rgb;
use crate::analysis::CriticalKind;

/// Trajectory head shapes, one per optimizer in order (wrapping after eight).
pub const HEADS: [char; 8] = ['●', '■', '◆', '★', '✚', '♥', '♣', '♠'];

/// Trajectory colours, chosen to stand out on viridis (which runs purple → green → yellow):
/// saturated hues first, distinct from each other and from the pale contour lines.
pub const TRAIL_COLORS: [Rgb; 8] = [
    Rgb(255, 70, 70),   // red
    Rgb(0, 210, 255),   // sky blue
    Rgb(255, 165, 0),   // orange
    Rgb(255, 90, 230),  // magenta
    Rgb(150, 255, 50),  // lime
    Rgb(255, 255, 255), // white
    Rgb(255, 240, 120), // pale yellow
    Rgb(180, 140, 255), // lavender
];

/// Without colour, each trail is drawn with its own character (the i-th matches the i-th head),
/// none of them braille (contours) or a meaningful mark.
pub const TRAIL_PLAIN: [char; 8] = ['•', '+', '*', '~', '=', ':', '%', '#'];

/// The plain trail character of the run whose head is `head`.
pub fn trail_plain(head: char) -> char {
    HEADS
        .iter()
        .position(|&h| h == head)
        .map_or(TRAIL_PLAIN[0], |i| TRAIL_PLAIN[i])
}

pub fn head(i: usize) -> char {
    HEADS[i % HEADS.len()]
}

pub fn trail_color(i: usize) -> Rgb {
    TRAIL_COLORS[i % TRAIL_COLORS.len()]
}

/// The mark of a critical point: ◎ a basin, ▲ a peak, ✕ where contour lines cross (saddle),
/// ◇ when the second-derivative test cannot tell.
pub fn critical_glyph(kind: CriticalKind) -> char {
    match kind {
        CriticalKind::Minimum => '◎',
        CriticalKind::Maximum => '▲',
        CriticalKind::Saddle => '✕',
        CriticalKind::Degenerate => '◇',
    }
}

/// Where every run began.
pub const START: char = '○';
/// The inspector's cursor.
pub const CURSOR: char = '┼';
/// A run that diverged: marked where it left.
pub const DIVERGED: char = '✗';

/// An arrow pointing at `angle` (radians, counter-clockwise from +x, screen-true geometry).
pub fn arrow(angle: f64) -> char {
    const ARROWS: [char; 8] = ['→', '↗', '↑', '↖', '←', '↙', '↓', '↘'];
    let k = (angle / std::f64::consts::FRAC_PI_4)
        .round()
        .rem_euclid(8.0) as usize;
    ARROWS[k % 8]
}

/// Solid box-drawing lines: ─ │ ╱ ╲.
pub const SOLID_LINES: [char; 4] = ['─', '│', '╱', '╲'];
/// Dotted lines: ┄ ┆ ⋰ ⋱.
pub const DOTTED_LINES: [char; 4] = ['┄', '┆', '⋰', '⋱'];

/// The glyph of `set` (horizontal, vertical, rising, falling) nearest direction (x, y), y up.
pub fn line_glyph(x: f64, y: f64, set: [char; 4]) -> char {
    let a = y.atan2(x).to_degrees().rem_euclid(180.0);
    if !(22.5..157.5).contains(&a) {
        set[0]
    } else if (67.5..112.5).contains(&a) {
        set[1]
    } else if a < 90.0 {
        set[2]
    } else {
        set[3]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    #[test]
    fn arrows_point_the_right_way() {
        assert_eq!(arrow(0.0), '→');
        assert_eq!(arrow(PI / 2.0), '↑');
        assert_eq!(arrow(-PI / 2.0), '↓');
        assert_eq!(arrow(PI), '←');
        assert_eq!(arrow(3.0 * PI / 4.0 + 0.1), '↖');
    }

    #[test]
    fn all_meaningful_glyphs_differ() {
        let mut all: Vec<char> = HEADS.to_vec();
        for k in [
            CriticalKind::Minimum,
            CriticalKind::Maximum,
            CriticalKind::Saddle,
            CriticalKind::Degenerate,
        ] {
            all.push(critical_glyph(k));
        }
        all.extend([START, CURSOR, DIVERGED]);
        let mut dedup = all.clone();
        dedup.sort_unstable();
        dedup.dedup();
        assert_eq!(dedup.len(), all.len());
    }
}
