//! A ratatui [`Buffer`] turned into text: plain (no escape codes at all) or with ANSI SGR
//! colour sequences, one line per buffer row, for still frames on stdout (`losscape render`).
//!
//! Plain text trims trailing spaces. The ANSI form emits a style only where it changes from
//! the previous cell (one `CSI … m` per change), resets at the end of every line that is not
//! in the default style (so a pager or the next prompt never inherits a colour), and trims
//! only trailing blanks that show nothing (no background, no underline or reverse).

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Every row of `buf` as plain text, each ending in `\n`, trailing spaces trimmed.
pub fn to_plain(buf: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buf) {
        let mut line = String::new();
        for cell in row {
            line.push_str(cell.symbol());
        }
        out.push_str(line.trim_end_matches(' '));
        out.push('\n');
    }
    out
}

/// Every row of `buf` with ANSI SGR sequences for its colours and modifiers, each row ending
/// in `\n` (after a reset when a style is active).
pub fn to_ansi(buf: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buf) {
        let visible = row.iter().rposition(|c| !is_blank(c)).map_or(0, |i| i + 1);
        let mut current = Sgr::default();
        for cell in &row[..visible] {
            let next = Sgr::of(cell);
            current.transition_to(&next, &mut out);
            current = next;
            out.push_str(cell.symbol());
        }
        if current != Sgr::default() {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// The cells that start a grapheme, row by row: the cells hidden under a wide symbol's
/// right half are left out, so each row is exactly as wide as the buffer.
fn rows(buf: &Buffer) -> Vec<Vec<&Cell>> {
    let w = usize::from(buf.area.width);
    if w == 0 {
        return Vec::new();
    }
    buf.content
        .chunks(w)
        .map(|row| {
            let mut cells = Vec::with_capacity(w);
            let mut hidden = 0usize;
            for cell in row {
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                hidden = cell.symbol().width().saturating_sub(1);
                cells.push(cell);
            }
            cells
        })
        .collect()
}

/// Modifiers that change how a space looks: such a trailing cell is not trimmed.
const SHOWS_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK);

fn is_blank(c: &Cell) -> bool {
    c.symbol() == " " && c.bg == Color::Reset && !c.modifier.intersects(SHOWS_ON_BLANK)
}

/// The part of a cell's style that SGR sequences carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sgr {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Default for Sgr {
    fn default() -> Self {
        Self {
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

impl Sgr {
    fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }

    /// Writes the one sequence that turns `self` into `next` (nothing when equal). A removed
    /// modifier needs a full reset (SGR 22 would clear bold and dim together), so then the
    /// whole of `next` is restated.
    fn transition_to(&self, next: &Sgr, out: &mut String) {
        if self == next {
            return;
        }
        let mut params: Vec<String> = Vec::new();
        let from = if self.modifier.difference(next.modifier).is_empty() {
            *self
        } else {
            params.push("0".into());
            Sgr::default()
        };
        for (flag, code) in MODIFIER_CODES {
            if next.modifier.contains(flag) && !from.modifier.contains(flag) {
                params.push(code.to_string());
            }
        }
        if next.fg != from.fg {
            params.push(color_param(next.fg, Layer::Fg));
        }
        if next.bg != from.bg {
            params.push(color_param(next.bg, Layer::Bg));
        }
        if !params.is_empty() {
            let _ = write!(out, "\x1b[{}m", params.join(";"));
        }
    }
}

const MODIFIER_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
}

/// The SGR parameter of a colour: 30–37/90–97 (fg) or 40–47/100–107 (bg) for the 16 named
/// colours, `38;5;N` / `48;5;N` for the 256-colour palette, `38;2;R;G;B` / `48;2;R;G;B` for
/// truecolor, 39 / 49 for the terminal's default.
fn color_param(c: Color, layer: Layer) -> String {
    let (base, bright, extended, default) = match layer {
        Layer::Fg => (30, 90, 38, 39),
        Layer::Bg => (40, 100, 48, 49),
    };
    match c {
        Color::Reset => default.to_string(),
        Color::Black => base.to_string(),
        Color::Red => (base + 1).to_string(),
        Color::Green => (base + 2).to_string(),
        Color::Yellow => (base + 3).to_string(),
        Color::Blue => (base + 4).to_string(),
        Color::Magenta => (base + 5).to_string(),
        Color::Cyan => (base + 6).to_string(),
        Color::Gray => (base + 7).to_string(),
        Color::DarkGray => bright.to_string(),
        Color::LightRed => (bright + 1).to_string(),
        Color::LightGreen => (bright + 2).to_string(),
        Color::LightYellow => (bright + 3).to_string(),
        Color::LightBlue => (bright + 4).to_string(),
        Color::LightMagenta => (bright + 5).to_string(),
        Color::LightCyan => (bright + 6).to_string(),
        Color::White => (bright + 7).to_string(),
        Color::Indexed(i) => format!("{extended};5;{i}"),
        Color::Rgb(r, g, b) => format!("{extended};2;{r};{g};{b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer(lines: &[&str]) -> Buffer {
        Buffer::with_lines(lines.iter().copied())
    }

    #[test]
    fn plain_keeps_every_row_and_trims_trailing_spaces() {
        let buf = buffer(&["ab  ", "    ", " c d"]);
        assert_eq!(to_plain(&buf), "ab\n\n c d\n");
    }

    #[test]
    fn plain_has_no_escape_even_for_styled_cells() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_string(0, 0, "xyz", Style::default().fg(Color::Red).bg(Color::Blue));
        assert_eq!(to_plain(&buf), "xyz\n");
    }

    #[test]
    fn wide_symbols_take_two_columns_and_hide_the_next_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "日b", Style::default());
        // 日 (2 columns) + b + one blank: three cells emitted, the hidden one dropped.
        assert_eq!(to_plain(&buf), "日b\n");
        assert_eq!(to_ansi(&buf), "日b\n");
    }

    #[test]
    fn unstyled_text_has_no_sequences() {
        assert_eq!(to_ansi(&buffer(&["hi  ", "yo"])), "hi\nyo\n");
    }

    #[test]
    fn emits_only_changes_and_resets_at_line_end() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let red = Style::default().fg(Color::Red);
        buf.set_string(0, 0, "ab", red);
        buf.set_string(2, 0, "c", red.bg(Color::Rgb(1, 2, 3)));
        buf.set_string(3, 0, "d", Style::default());
        assert_eq!(
            to_ansi(&buf),
            // red on: a b share it; c adds a truecolor background; d returns to defaults.
            "\x1b[31mab\x1b[48;2;1;2;3mc\x1b[39;49md\n"
        );
    }

    #[test]
    fn removing_a_modifier_resets_and_restates_the_rest() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
        let fg = Color::Indexed(208);
        buf.set_string(
            0,
            0,
            "a",
            Style::default().fg(fg).add_modifier(Modifier::BOLD),
        );
        buf.set_string(1, 0, "b", Style::default().fg(fg));
        assert_eq!(to_ansi(&buf), "\x1b[1;38;5;208ma\x1b[0;38;5;208mb\x1b[0m\n");
    }

    #[test]
    fn trailing_background_is_kept_trailing_plain_blanks_are_not() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 2));
        buf.set_string(0, 0, "  ", Style::default().bg(Color::DarkGray));
        buf.set_string(0, 1, "x   ", Style::default().fg(Color::White));
        assert_eq!(to_ansi(&buf), "\x1b[100m  \x1b[0m\n\x1b[97mx\x1b[0m\n");
    }

    #[test]
    fn named_colours_map_to_their_sgr_codes() {
        assert_eq!(color_param(Color::Black, Layer::Fg), "30");
        assert_eq!(color_param(Color::Gray, Layer::Fg), "37");
        assert_eq!(color_param(Color::LightCyan, Layer::Bg), "106");
        assert_eq!(color_param(Color::Reset, Layer::Bg), "49");
        assert_eq!(color_param(Color::Indexed(17), Layer::Bg), "48;5;17");
    }
}
