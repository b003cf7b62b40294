//! Frames as images: a ratatui [`Buffer`](ratatui::buffer::Buffer) — the very cells the
//! terminal would show — drawn as SVG (vector, small) or as pixels (PNG, GIF frames).
//!
//! [`cells`] resolves colours through a [`Theme`]; [`geometry`] gives braille, blocks and box
//! lines as shapes; [`raster`] and [`svg`] draw the same cells, text in the bundled font
//! ([`font`]). Everything here is a pure function of the buffer, theme and scale.

pub mod cells;
pub mod font;
pub mod geometry;
pub mod gif_encode;
pub mod palette;
pub mod png_encode;
pub mod raster;
pub mod replay;
pub mod still;
pub mod svg;

pub use palette::Theme;
pub use raster::{CellPixels, Rasterizer, rasterize};

use crate::render::Rgb;

/// How an image looks: its theme and its size (scale 1: a cell is 8×16 pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageOptions {
    pub theme: Theme,
    pub scale: f32,
}

impl Default for ImageOptions {
    fn default() -> Self {
        Self {
            theme: Theme::Dark,
            scale: 1.0,
        }
    }
}

/// Smallest and largest `--scale`: a cell from 4×8 to 64×128 pixels.
pub const SCALE_RANGE: (f32, f32) = (0.5, 8.0);

/// Parses `--scale` (a number in [`SCALE_RANGE`], e.g. `2` or `1.5`).
pub fn parse_scale(s: &str) -> Result<f32, String> {
    let (lo, hi) = SCALE_RANGE;
    match s.trim().parse::<f32>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(format!(
            "invalid scale '{s}': expected a number from {lo} to {hi} (1: a cell is 8x16 pixels)"
        )),
    }
}

/// An 8-bit RGB image, row-major, 3 bytes per pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbImage {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl RgbImage {
    /// A `width`×`height` image filled with `c`.
    pub fn new(width: u32, height: u32, c: Rgb) -> Self {
        let n = width as usize * height as usize;
        let mut pixels = Vec::with_capacity(n * 3);
        for _ in 0..n {
            pixels.extend_from_slice(&[c.0, c.1, c.2]);
        }
        Self {
            width,
            height,
            pixels,
        }
    }

    fn index(&self, x: u32, y: u32) -> usize {
        (y as usize * self.width as usize + x as usize) * 3
    }

    /// The pixel at (`x`, `y`); panics outside the image, like slice indexing.
    pub fn get(&self, x: u32, y: u32) -> Rgb {
        let i = self.index(x, y);
        Rgb(self.pixels[i], self.pixels[i + 1], self.pixels[i + 2])
    }

    pub fn set(&mut self, x: u32, y: u32, c: Rgb) {
        let i = self.index(x, y);
        self.pixels[i..i + 3].copy_from_slice(&[c.0, c.1, c.2]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_parse_within_range() {
        assert_eq!(parse_scale("2"), Ok(2.0));
        assert_eq!(parse_scale("1.5"), Ok(1.5));
        for bad in ["0", "-1", "9", "x", "", "NaN"] {
            assert!(parse_scale(bad).unwrap_err().contains("expected a number"));
        }
    }
}
