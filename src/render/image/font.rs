//! The bundled text font: DejaVu Sans Mono, regular and bold (Bitstream Vera licence, see
//! `assets/fonts/LICENSE-DejaVu.txt`), embedded in the binary so an image looks the same on
//! every machine. Glyphs are rasterised with `fontdue` and cached per size.

use fontdue::{Font, FontSettings, Metrics};
use std::collections::HashMap;
use std::sync::OnceLock;

static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansMono-Bold.ttf");

/// The font's name, for the SVG's `font-family` (viewers that have it installed match the PNG).
pub const FAMILY: &str = "DejaVu Sans Mono";

/// Advance width of every glyph of the font, in ems (1233/2048).
pub const ADVANCE_EM: f32 = 1233.0 / 2048.0;
/// Ascent above the baseline, in ems (1901/2048).
const ASCENT_EM: f32 = 1901.0 / 2048.0;
/// Descent below the baseline, in ems (483/2048).
const DESCENT_EM: f32 = 483.0 / 2048.0;

fn load(bytes: &'static [u8]) -> Font {
    // The font is part of the binary and tested: failing to parse it is a build defect.
    Font::from_bytes(bytes, FontSettings::default()).expect("the bundled font parses")
}

fn font(bold: bool) -> &'static Font {
    static REGULAR: OnceLock<Font> = OnceLock::new();
    static BOLD: OnceLock<Font> = OnceLock::new();
    if bold {
        BOLD.get_or_init(|| load(BOLD_TTF))
    } else {
        REGULAR.get_or_init(|| load(REGULAR_TTF))
    }
}

/// Whether the bundled font has a glyph for `c`.
pub fn has_glyph(c: char) -> bool {
    font(false).lookup_glyph_index(c) != 0
}

/// The font size whose advance is `cell_width` pixels, and where its baseline sits below a
/// cell's top so the glyph box is centred in a cell `cell_height` tall.
pub fn size_for_cell(cell_width: f32, cell_height: f32) -> (f32, f32) {
    let px = cell_width / ADVANCE_EM;
    let ascent = ASCENT_EM * px;
    let descent = DESCENT_EM * px;
    (px, (cell_height - ascent - descent) / 2.0 + ascent)
}

/// A glyph's coverage bitmap (one byte per pixel, 255 = ink) and where it sits.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub metrics: Metrics,
    pub coverage: Vec<u8>,
}

/// Rasterised glyphs of one size.
#[derive(Debug)]
pub struct GlyphCache {
    px: f32,
    glyphs: HashMap<(char, bool), Glyph>,
}

impl GlyphCache {
    pub fn new(px: f32) -> Self {
        Self {
            px,
            glyphs: HashMap::new(),
        }
    }

    /// The glyph of `c` (the font's "missing" box when it has none).
    pub fn get(&mut self, c: char, bold: bool) -> &Glyph {
        let px = self.px;
        self.glyphs.entry((c, bold)).or_insert_with(|| {
            let (metrics, coverage) = font(bold).rasterize(c, px);
            Glyph { metrics, coverage }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_is_monospace_with_the_advance_we_assume() {
        let f = font(false);
        for c in ['i', 'W', '0', '│', '→'] {
            let m = f.metrics(c, 2048.0);
            assert!((m.advance_width - 1233.0).abs() < 0.5, "{c}: {m:?}");
        }
        let lines = f.horizontal_line_metrics(2048.0).unwrap();
        assert!((lines.ascent - 1901.0).abs() < 1.0, "{lines:?}");
        assert!((lines.descent + 483.0).abs() < 1.0, "{lines:?}");
    }

    #[test]
    fn a_glyph_fits_its_cell() {
        let (px, baseline) = size_for_cell(8.0, 16.0);
        assert!((px - 13.29).abs() < 0.01 && baseline > 12.0 && baseline < 13.0);
        let mut cache = GlyphCache::new(px);
        let g = cache.get('M', false).clone();
        assert!(
            g.metrics.width <= 8 && g.metrics.height <= 16,
            "{:?}",
            g.metrics
        );
        assert!(g.coverage.iter().any(|&c| c > 200));
    }
}
