//! A buffer of cells drawn as pixels: backgrounds as rectangles, text in the bundled font,
//! braille, blocks and box lines as crisp shapes. A pure function of the buffer, the theme and
//! the scale, shared by PNG still frames and every GIF frame.

use super::cells::{Painted, paint};
use super::font::{GlyphCache, size_for_cell};
use super::geometry::{CELL_H, CELL_W, Shape, shapes};
use super::{ImageOptions, RgbImage};
use crate::render::Rgb;
use ratatui::buffer::Buffer;

/// Pixel sizes of one cell at a scale: whole pixels, so cells tile exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellPixels {
    pub width: u32,
    pub height: u32,
}

impl CellPixels {
    pub fn at(scale: f32) -> Self {
        let width = (CELL_W * scale).round().max(1.0) as u32;
        Self {
            width,
            height: width * (CELL_H / CELL_W) as u32,
        }
    }

    /// Pixels per cell unit (see `geometry`).
    fn unit(self) -> f32 {
        self.width as f32 / CELL_W
    }
}

/// Draws buffers of one scale; keeps the rasterised glyphs between frames.
#[derive(Debug)]
pub struct Rasterizer {
    opts: ImageOptions,
    cell: CellPixels,
    baseline: f32,
    glyphs: GlyphCache,
}

impl Rasterizer {
    pub fn new(opts: ImageOptions) -> Self {
        let cell = CellPixels::at(opts.scale);
        let (px, baseline) = size_for_cell(cell.width as f32, cell.height as f32);
        Self {
            opts,
            cell,
            baseline,
            glyphs: GlyphCache::new(px),
        }
    }

    pub fn cell(&self) -> CellPixels {
        self.cell
    }

    /// The image of `buf`: `cell.width` × `cell.height` pixels per cell.
    pub fn draw(&mut self, buf: &Buffer) -> RgbImage {
        let mut img = RgbImage::new(
            u32::from(buf.area.width) * self.cell.width,
            u32::from(buf.area.height) * self.cell.height,
            self.opts.theme.palette().bg,
        );
        for cell in paint(buf, self.opts.theme) {
            self.draw_cell(&mut img, &cell);
        }
        img
    }

    fn draw_cell(&mut self, img: &mut RgbImage, cell: &Painted<'_>) {
        let (cw, ch) = (self.cell.width, self.cell.height);
        let area = PixelRect {
            x: u32::from(cell.col) * cw,
            y: u32::from(cell.row) * ch,
            w: u32::from(cell.width) * cw,
            h: ch,
        };
        img.fill(area, cell.bg);
        let mut chars = cell.symbol.chars();
        let geometric = match (chars.next(), chars.next()) {
            (Some(c), None) => shapes(c),
            _ => None,
        };
        if let Some(shapes) = geometric {
            for s in shapes {
                self.draw_shape(img, area, s, cell);
            }
        } else if !cell.symbol.trim().is_empty() {
            for c in cell.symbol.chars() {
                self.draw_glyph(img, area, c, cell);
            }
        }
        let unit = self.cell.unit();
        let line = |img: &mut RgbImage, y: f32| {
            let t = unit.round().max(1.0) as u32;
            let y = area.y + (y * unit).round() as u32;
            img.fill(PixelRect { y, h: t, ..area }.clip(area), cell.fg);
        };
        if cell.underline {
            line(img, self.baseline / unit + 1.0);
        }
        if cell.strike {
            line(img, CELL_H * 0.55);
        }
    }

    fn draw_glyph(&mut self, img: &mut RgbImage, area: PixelRect, c: char, cell: &Painted<'_>) {
        let baseline = self.baseline;
        let g = self.glyphs.get(c, cell.bold);
        let m = &g.metrics;
        // A wide character is centred over its two cells.
        let pen_x = area.x as f32 + (area.w as f32 - self.cell.width as f32) / 2.0;
        let left = pen_x.round() as i64 + i64::from(m.xmin);
        let top = i64::from(area.y) + baseline.round() as i64 - i64::from(m.ymin) - m.height as i64;
        for gy in 0..m.height {
            for gx in 0..m.width {
                let cov = g.coverage[gy * m.width + gx];
                let (x, y) = (left + gx as i64, top + gy as i64);
                if cov == 0 || !area.contains(x, y) {
                    continue;
                }
                img.blend(x as u32, y as u32, cell.fg, cov);
            }
        }
    }

    fn draw_shape(&self, img: &mut RgbImage, area: PixelRect, shape: Shape, cell: &Painted<'_>) {
        let u = self.cell.unit();
        let (ox, oy) = (area.x as f32, area.y as f32);
        // A pixel is inked when its centre is inside the shape: crisp edges, no blending.
        let inked = |x0: f32, y0: f32, x1: f32, y1: f32| {
            let first = |a: f32| (a * u - 0.5).ceil().max(0.0) as u32;
            let (px0, py0) = (first(x0), first(y0));
            let (px1, py1) = (first(x1), first(y1));
            PixelRect {
                x: area.x + px0,
                y: area.y + py0,
                w: px1.saturating_sub(px0),
                h: py1.saturating_sub(py0),
            }
            .clip(area)
        };
        match shape {
            Shape::Rect { x0, y0, x1, y1 } => img.fill(inked(x0, y0, x1, y1), cell.fg),
            Shape::Shade(alpha) => img.fill(area, cell.bg.mix(cell.fg, f64::from(alpha))),
            Shape::Dot { cx, cy, r } => {
                let bounds = inked(cx - r, cy - r, cx + r, cy + r);
                img.fill_where(bounds, cell.fg, |x, y| {
                    let (dx, dy) = (x - ox - cx * u, y - oy - cy * u);
                    dx * dx + dy * dy <= (r * u) * (r * u)
                });
            }
            Shape::Arc {
                cx,
                cy,
                r,
                t,
                sx,
                sy,
            } => {
                let (lo, hi) = ((r - t / 2.0) * u, (r + t / 2.0) * u);
                img.fill_where(area, cell.fg, |x, y| {
                    let (dx, dy) = (x - ox - cx * u, y - oy - cy * u);
                    let d = (dx * dx + dy * dy).sqrt();
                    dx * sx >= 0.0 && dy * sy >= 0.0 && d >= lo && d < hi
                });
            }
        }
    }
}

/// Draws `buf` as an image (a fresh glyph cache; keep a [`Rasterizer`] for many frames).
pub fn rasterize(buf: &Buffer, opts: ImageOptions) -> RgbImage {
    Rasterizer::new(opts).draw(buf)
}

/// A rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl PixelRect {
    fn clip(self, to: PixelRect) -> PixelRect {
        let x0 = self.x.max(to.x);
        let y0 = self.y.max(to.y);
        let x1 = (self.x + self.w).min(to.x + to.w);
        let y1 = (self.y + self.h).min(to.y + to.h);
        PixelRect {
            x: x0,
            y: y0,
            w: x1.saturating_sub(x0),
            h: y1.saturating_sub(y0),
        }
    }

    fn contains(self, x: i64, y: i64) -> bool {
        x >= i64::from(self.x)
            && y >= i64::from(self.y)
            && x < i64::from(self.x + self.w)
            && y < i64::from(self.y + self.h)
    }
}

impl RgbImage {
    fn fill(&mut self, r: PixelRect, c: Rgb) {
        self.fill_where(r, c, |_, _| true);
    }

    /// Sets the pixels of `r` whose centre satisfies `inside` (pixel-centre coordinates).
    fn fill_where(&mut self, r: PixelRect, c: Rgb, inside: impl Fn(f32, f32) -> bool) {
        for y in r.y..(r.y + r.h).min(self.height) {
            for x in r.x..(r.x + r.w).min(self.width) {
                if inside(x as f32 + 0.5, y as f32 + 0.5) {
                    self.set(x, y, c);
                }
            }
        }
    }

    /// Mixes `c` into the pixel with coverage `cov` (255: `c` itself).
    fn blend(&mut self, x: u32, y: u32, c: Rgb, cov: u8) {
        let under = self.get(x, y);
        self.set(x, y, under.mix(c, f64::from(cov) / 255.0));
    }
}
