//! Terminal colours made concrete for an image: the default foreground and background, the 16
//! named colours and the 256-colour palette, in a dark theme (what a terminal shows) or a
//! light one (for slides on white).

use crate::render::Rgb;
use ratatui::style::Color;

/// The look of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Theme {
    /// Light text on a near-black background, as in a terminal.
    #[default]
    Dark,
    /// Dark text on white; colours too pale to read on white are darkened.
    Light,
}

/// Colours of a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The terminal's default foreground (`Color::Reset` as a foreground).
    pub fg: Rgb,
    /// The terminal's default background.
    pub bg: Rgb,
    /// ANSI colours 0–15: black, red, green, yellow, blue, magenta, cyan, white, then the
    /// bright ones.
    pub ansi: [Rgb; 16],
}

const DARK: Palette = Palette {
    fg: Rgb(220, 220, 220),
    bg: Rgb(22, 22, 30),
    ansi: [
        Rgb(0, 0, 0),
        Rgb(205, 49, 49),
        Rgb(13, 188, 121),
        Rgb(229, 229, 16),
        Rgb(36, 114, 200),
        Rgb(188, 63, 188),
        Rgb(17, 168, 205),
        Rgb(204, 204, 204),
        Rgb(118, 118, 118),
        Rgb(241, 76, 76),
        Rgb(35, 209, 139),
        Rgb(245, 245, 67),
        Rgb(59, 142, 234),
        Rgb(214, 112, 214),
        Rgb(41, 184, 219),
        Rgb(255, 255, 255),
    ],
};

const LIGHT: Palette = Palette {
    fg: Rgb(30, 30, 30),
    bg: Rgb(255, 255, 255),
    ansi: [
        Rgb(0, 0, 0),
        Rgb(190, 30, 30),
        Rgb(16, 124, 16),
        Rgb(140, 110, 0),
        Rgb(4, 81, 165),
        Rgb(160, 20, 160),
        Rgb(5, 120, 150),
        Rgb(90, 90, 90),
        Rgb(120, 120, 120),
        Rgb(205, 49, 49),
        Rgb(20, 140, 20),
        Rgb(150, 120, 0),
        Rgb(20, 100, 200),
        Rgb(180, 40, 180),
        Rgb(10, 130, 160),
        // "White" text is emphasis on a dark terminal: on white it must be dark.
        Rgb(20, 20, 20),
    ],
};

/// Smallest contrast ratio (WCAG) of text on the light theme's background.
const MIN_CONTRAST: f64 = 3.0;

impl Theme {
    pub fn palette(self) -> &'static Palette {
        match self {
            Theme::Dark => &DARK,
            Theme::Light => &LIGHT,
        }
    }

    /// The foreground colour of a cell with background `bg`: on the light theme's default
    /// background, a colour made for a dark terminal (pale yellow, white) is darkened until
    /// it reads.
    pub fn text_on(self, fg: Rgb, bg: Color) -> Rgb {
        if self == Theme::Light && bg == Color::Reset {
            darken_to_contrast(fg, LIGHT.bg, MIN_CONTRAST)
        } else {
            fg
        }
    }
}

impl Palette {
    /// `c` as RGB; `Color::Reset` is `default` (the palette's fg or bg, by layer).
    pub fn rgb(&self, c: Color, default: Rgb) -> Rgb {
        match c {
            Color::Reset => default,
            Color::Black => self.ansi[0],
            Color::Red => self.ansi[1],
            Color::Green => self.ansi[2],
            Color::Yellow => self.ansi[3],
            Color::Blue => self.ansi[4],
            Color::Magenta => self.ansi[5],
            Color::Cyan => self.ansi[6],
            Color::Gray => self.ansi[7],
            Color::DarkGray => self.ansi[8],
            Color::LightRed => self.ansi[9],
            Color::LightGreen => self.ansi[10],
            Color::LightYellow => self.ansi[11],
            Color::LightBlue => self.ansi[12],
            Color::LightMagenta => self.ansi[13],
            Color::LightCyan => self.ansi[14],
            Color::White => self.ansi[15],
            Color::Indexed(i) => self.indexed(i),
            Color::Rgb(r, g, b) => Rgb(r, g, b),
        }
    }

    /// The xterm 256-colour palette: the 16 named colours, a 6×6×6 cube, 24 greys.
    pub fn indexed(&self, i: u8) -> Rgb {
        const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
        match i {
            0..=15 => self.ansi[usize::from(i)],
            16..=231 => {
                let k = usize::from(i - 16);
                Rgb(LEVELS[k / 36], LEVELS[k / 6 % 6], LEVELS[k % 6])
            }
            _ => {
                let v = 8 + 10 * (i - 232);
                Rgb(v, v, v)
            }
        }
    }
}

/// WCAG relative luminance (linearised sRGB).
fn relative_luminance(Rgb(r, g, b): Rgb) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio of two colours, from 1 (equal) to 21 (black on white).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` darkened (hue kept) just enough for `min` contrast on the lighter `bg`.
fn darken_to_contrast(fg: Rgb, bg: Rgb, min: f64) -> Rgb {
    let mut c = fg;
    for k in 1..=20 {
        if contrast(c, bg) >= min {
            break;
        }
        c = fg.mix(Rgb(0, 0, 0), f64::from(k) * 0.05);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_256_palette_is_xterms() {
        let p = Theme::Dark.palette();
        assert_eq!(p.indexed(16), Rgb(0, 0, 0));
        assert_eq!(p.indexed(196), Rgb(255, 0, 0));
        assert_eq!(p.indexed(231), Rgb(255, 255, 255));
        assert_eq!(p.indexed(232), Rgb(8, 8, 8));
        assert_eq!(p.indexed(255), Rgb(238, 238, 238));
        assert_eq!(p.indexed(9), p.ansi[9]);
    }

    #[test]
    fn reset_is_the_themes_default() {
        let p = Theme::Light.palette();
        assert_eq!(p.rgb(Color::Reset, p.bg), Rgb(255, 255, 255));
        assert_eq!(p.rgb(Color::Rgb(1, 2, 3), p.bg), Rgb(1, 2, 3));
    }

    #[test]
    fn pale_text_is_darkened_on_white_but_not_on_the_map() {
        let yellow = Rgb(255, 200, 60);
        assert!(contrast(yellow, Rgb(255, 255, 255)) < MIN_CONTRAST);
        let fixed = Theme::Light.text_on(yellow, Color::Reset);
        assert!(contrast(fixed, Rgb(255, 255, 255)) >= MIN_CONTRAST);
        assert!(fixed.0 > fixed.2, "still a yellow: {fixed:?}");
        assert_eq!(
            Theme::Light.text_on(yellow, Color::Rgb(68, 1, 84)),
            yellow,
            "on a coloured cell the colour is kept"
        );
        assert_eq!(Theme::Dark.text_on(yellow, Color::Reset), yellow);
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    }
}
