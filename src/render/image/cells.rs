//! A ratatui [`Buffer`] resolved for drawing: every visible cell with concrete colours (theme,
//! reverse, dim and hidden applied) and the attributes an image shows. The raster and SVG
//! writers both start here, so they agree with each other and with the screen.

use super::palette::Theme;
use crate::render::Rgb;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

/// One cell as it looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Painted<'a> {
    pub col: u16,
    pub row: u16,
    /// 1, or 2 for a wide character (which covers the next cell too).
    pub width: u16,
    pub symbol: &'a str,
    pub fg: Rgb,
    pub bg: Rgb,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
}

impl Painted<'_> {
    /// Nothing but background: a space, an empty cell or hidden text.
    pub fn is_blank(&self) -> bool {
        self.symbol.trim().is_empty() && !self.underline && !self.strike
    }
}

/// How much of the foreground a dim cell keeps (the rest is background).
const DIM: f64 = 0.6;

/// Every visible cell of `buf`, row by row (the cell under a wide character's right half is
/// left out; the wide one covers it).
pub fn paint(buf: &Buffer, theme: Theme) -> Vec<Painted<'_>> {
    let palette = theme.palette();
    let w = buf.area.width;
    let mut out = Vec::with_capacity(buf.content.len());
    for (row, cells) in (0u16..).zip(buf.content.chunks(usize::from(w.max(1)))) {
        let mut col = 0u16;
        while let Some(cell) = cells.get(usize::from(col)) {
            let symbol = cell.symbol();
            let width = (symbol.width() as u16).clamp(1, 2).min(w - col);
            let mut fg = palette.rgb(cell.fg, palette.fg);
            let mut bg = palette.rgb(cell.bg, palette.bg);
            let m = cell.modifier;
            if m.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            } else {
                fg = theme.text_on(fg, cell.bg);
            }
            if m.contains(Modifier::DIM) {
                fg = bg.mix(fg, DIM);
            }
            let hidden = m.contains(Modifier::HIDDEN);
            out.push(Painted {
                col,
                row,
                width,
                symbol: if hidden { " " } else { symbol },
                fg,
                bg,
                bold: m.contains(Modifier::BOLD),
                italic: m.contains(Modifier::ITALIC),
                underline: m.contains(Modifier::UNDERLINED) && !hidden,
                strike: m.contains(Modifier::CROSSED_OUT) && !hidden,
            });
            col += width;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    #[test]
    fn colours_resolve_through_the_theme() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_string(0, 0, "a", Style::default().fg(Color::Rgb(9, 8, 7)));
        buf.set_string(1, 0, "b", Style::default().bg(Color::Red));
        buf.set_string(
            2,
            0,
            "c",
            Style::default()
                .fg(Color::Rgb(1, 1, 1))
                .bg(Color::Rgb(250, 250, 250))
                .add_modifier(Modifier::REVERSED),
        );
        let p = Theme::Dark.palette();
        let cells = paint(&buf, Theme::Dark);
        assert_eq!((cells[0].fg, cells[0].bg), (Rgb(9, 8, 7), p.bg));
        assert_eq!((cells[1].fg, cells[1].bg), (p.fg, p.ansi[1]));
        assert_eq!(
            (cells[2].fg, cells[2].bg),
            (Rgb(250, 250, 250), Rgb(1, 1, 1))
        );
    }

    #[test]
    fn a_wide_character_covers_two_columns() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "日b", Style::default());
        let cells = paint(&buf, Theme::Dark);
        let cols: Vec<(u16, u16, &str)> =
            cells.iter().map(|c| (c.col, c.width, c.symbol)).collect();
        assert_eq!(cols, vec![(0, 2, "日"), (2, 1, "b"), (3, 1, " ")]);
    }
}
