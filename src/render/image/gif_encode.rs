//! Animated GIFs from timed images, small and exact:
//! - each frame stores only the rectangle that changed since the previous one, with unchanged
//!   pixels inside it transparent (they compress to almost nothing);
//! - a screen that did not change is no frame at all: the previous one just stays longer, so
//!   pauses cost nothing;
//! - each frame has its own palette of exactly the colours it needs. A change with more than
//!   255 colours (a whole new map) is split into bands of rows that each fit, shown 20 ms
//!   apart (the shortest delay browsers honour), so colours stay exact; only a single row of
//!   more than 255 colours falls back to NeuQuant.

use super::replay::{Timing, replay};
use super::{ImageOptions, Rasterizer, RgbImage};
use crate::asciicast::{Cast, EventKind};
use crate::render::Rgb;
use std::collections::HashMap;
use std::io::Write;

/// Shortest frame delay, in centiseconds, that browsers do not replace by 10.
const MIN_DELAY_CS: u16 = 2;
/// Colours per frame; the 256th palette entry is the transparent one.
const MAX_COLOURS: usize = 255;

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GifStats {
    /// Distinct screens shown.
    pub screens: usize,
    /// GIF frames written (a screen is several when split into bands).
    pub frames: usize,
    /// Screens that needed NeuQuant (not exact).
    pub lossy: usize,
    /// Length of one loop, in centiseconds.
    pub duration_cs: u64,
}

/// Writes an animation frame by frame.
pub struct GifWriter<W: Write> {
    encoder: gif::Encoder<W>,
    width: u32,
    height: u32,
    /// The last screen pushed (what the viewer sees, up to any lossy frame).
    shown: Option<RgbImage>,
    /// Frames of the last screen, waiting for the next screen's time to know their delay.
    pending: Vec<gif::Frame<'static>>,
    pending_cs: u64,
    background: Rgb,
    stats: GifStats,
}

impl<W: Write> GifWriter<W> {
    /// A looping GIF of `width`×`height` pixels; smaller images are padded with `background`.
    pub fn new(
        out: W,
        width: u32,
        height: u32,
        background: Rgb,
    ) -> Result<Self, gif::EncodingError> {
        let (w, h) = (gif_dim(width)?, gif_dim(height)?);
        let mut encoder = gif::Encoder::new(out, w, h, &[])?;
        encoder.set_repeat(gif::Repeat::Infinite)?;
        Ok(Self {
            encoder,
            width,
            height,
            shown: None,
            pending: Vec::new(),
            pending_cs: 0,
            background,
            stats: GifStats::default(),
        })
    }

    /// Adds `img`, shown from `time` seconds on (times must not decrease).
    pub fn push(&mut self, img: &RgbImage, time: f64) -> Result<(), gif::EncodingError> {
        let img = self.fit(img);
        let changed = match &self.shown {
            Some(prev) => changed_rect(prev, &img),
            None => Some((0, 0, self.width, self.height)),
        };
        let Some(rect) = changed else {
            return Ok(());
        };
        let cs = if self.pending.is_empty() {
            centiseconds(time)
        } else {
            centiseconds(time).max(self.pending_cs + u64::from(MIN_DELAY_CS))
        };
        self.flush_pending(cs)?;
        let (frames, lossy) = encode_change(self.shown.as_ref(), &img, rect);
        self.stats.screens += 1;
        self.stats.lossy += usize::from(lossy);
        self.pending = frames;
        self.pending_cs = cs;
        self.shown = Some(img);
        Ok(())
    }

    /// Writes the last screen, shown until `end` seconds, and returns the output.
    pub fn finish(mut self, end: f64) -> Result<(W, GifStats), gif::EncodingError> {
        let end = centiseconds(end).max(self.pending_cs + u64::from(MIN_DELAY_CS));
        self.flush_pending(end)?;
        let stats = GifStats {
            duration_cs: end,
            ..self.stats
        };
        Ok((self.encoder.into_inner()?, stats))
    }

    /// Writes the pending frames, the last of them lasting until `until` (centiseconds).
    fn flush_pending(&mut self, until: u64) -> Result<(), gif::EncodingError> {
        let mut frames = std::mem::take(&mut self.pending);
        let n = frames.len() as u64;
        let bands = u64::from(MIN_DELAY_CS) * n.saturating_sub(1);
        let total = until
            .saturating_sub(self.pending_cs)
            .max(bands + u64::from(MIN_DELAY_CS));
        for (i, f) in frames.iter_mut().enumerate() {
            f.delay = if i as u64 + 1 < n {
                MIN_DELAY_CS
            } else {
                u16::try_from(total - bands).unwrap_or(u16::MAX)
            };
            self.encoder.write_frame(f)?;
            self.stats.frames += 1;
        }
        Ok(())
    }

    /// `img` on a canvas of the GIF's size (a recording may be resized).
    fn fit(&self, img: &RgbImage) -> RgbImage {
        if (img.width, img.height) == (self.width, self.height) {
            return img.clone();
        }
        let mut canvas = RgbImage::new(self.width, self.height, self.background);
        for y in 0..img.height.min(self.height) {
            for x in 0..img.width.min(self.width) {
                canvas.set(x, y, img.get(x, y));
            }
        }
        canvas
    }
}

fn gif_dim(n: u32) -> Result<u16, gif::EncodingError> {
    u16::try_from(n).map_err(|_| {
        gif::EncodingError::from(std::io::Error::other(format!(
            "{n} pixels is more than a GIF can hold (65535): use a smaller --scale"
        )))
    })
}

fn key(Rgb(r, g, b): Rgb) -> u32 {
    u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b)
}

fn centiseconds(t: f64) -> u64 {
    (t.max(0.0) * 100.0).round() as u64
}

/// The smallest rectangle (x, y, w, h) holding every pixel that differs, if any does.
fn changed_rect(a: &RgbImage, b: &RgbImage) -> Option<(u32, u32, u32, u32)> {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    let row_bytes = b.width as usize * 3;
    for y in 0..b.height {
        let start = y as usize * row_bytes;
        let (ra, rb) = (
            &a.pixels[start..start + row_bytes],
            &b.pixels[start..start + row_bytes],
        );
        if ra == rb {
            continue;
        }
        let first = ra
            .chunks_exact(3)
            .zip(rb.chunks_exact(3))
            .position(|(p, q)| p != q);
        let last = ra
            .chunks_exact(3)
            .zip(rb.chunks_exact(3))
            .rposition(|(p, q)| p != q);
        if let (Some(f), Some(l)) = (first, last) {
            x0 = x0.min(f as u32);
            x1 = x1.max(l as u32 + 1);
            y0 = y0.min(y);
            y1 = y + 1;
        }
    }
    (x1 > 0).then(|| (x0, y0, x1 - x0, y1 - y0))
}

/// The frames that turn `prev` into `img` inside `rect`, and whether any had to be lossy.
fn encode_change(
    prev: Option<&RgbImage>,
    img: &RgbImage,
    (x, y, w, h): (u32, u32, u32, u32),
) -> (Vec<gif::Frame<'static>>, bool) {
    let changed = |px: u32, py: u32| prev.is_none_or(|p| p.get(px, py) != img.get(px, py));
    let mut frames = Vec::new();
    let mut lossy = false;
    let mut band_start = y;
    let mut colours: HashMap<u32, u8> = HashMap::new();
    let mut row_colours: HashMap<u32, u8> = HashMap::new();
    for row in y..=y + h {
        row_colours.clear();
        if row < y + h {
            for px in x..x + w {
                if changed(px, row) {
                    row_colours.insert(key(img.get(px, row)), 0);
                }
            }
        }
        let merged = colours.len()
            + row_colours
                .keys()
                .filter(|c| !colours.contains_key(c))
                .count();
        if row == y + h || (merged > MAX_COLOURS && row > band_start) {
            let band = (x, band_start, w, row - band_start);
            let (frame, was_lossy) = band_frame(img, band, &changed, &colours);
            frames.push(frame);
            lossy |= was_lossy;
            colours.clear();
            band_start = row;
        }
        for c in row_colours.keys() {
            colours.insert(*c, 0);
        }
    }
    (frames, lossy)
}

/// One frame for the band `(x, y, w, h)`: exact palette if `colours` fit, else NeuQuant.
fn band_frame(
    img: &RgbImage,
    (x, y, w, h): (u32, u32, u32, u32),
    changed: &impl Fn(u32, u32) -> bool,
    colours: &HashMap<u32, u8>,
) -> (gif::Frame<'static>, bool) {
    let mut palette: Vec<u8> = Vec::new();
    let mut index: HashMap<u32, u8> = HashMap::new();
    let lossy = colours.len() > MAX_COLOURS;
    let quant = lossy.then(|| {
        let mut rgba = Vec::with_capacity((w * h * 4) as usize);
        for py in y..y + h {
            for px in x..x + w {
                let c = img.get(px, py);
                rgba.extend_from_slice(&[c.0, c.1, c.2, 255]);
            }
        }
        color_quant::NeuQuant::new(10, MAX_COLOURS, &rgba)
    });
    if let Some(q) = &quant {
        palette = q.color_map_rgb();
    }
    let transparent = (palette.len() / 3).max(colours.len().min(MAX_COLOURS)) as u8;
    let mut buffer = Vec::with_capacity((w * h) as usize);
    let mut any_transparent = false;
    for py in y..y + h {
        for px in x..x + w {
            if !changed(px, py) {
                buffer.push(transparent);
                any_transparent = true;
                continue;
            }
            let c = img.get(px, py);
            let i = match &quant {
                Some(q) => q.index_of(&[c.0, c.1, c.2, 255]) as u8,
                None => *index.entry(key(c)).or_insert_with(|| {
                    palette.extend_from_slice(&[c.0, c.1, c.2]);
                    (palette.len() / 3 - 1) as u8
                }),
            };
            buffer.push(i);
        }
    }
    // The transparent entry's own colour is never shown.
    while palette.len() / 3 <= usize::from(transparent) {
        palette.extend_from_slice(&[0, 0, 0]);
    }
    let frame = gif::Frame {
        left: x as u16,
        top: y as u16,
        width: w as u16,
        height: h as u16,
        palette: Some(palette),
        transparent: any_transparent.then_some(transparent),
        dispose: gif::DisposalMethod::Keep,
        buffer: std::borrow::Cow::Owned(buffer),
        ..gif::Frame::default()
    };
    (frame, lossy)
}

/// A recording as a GIF: replayed through the terminal emulator, each frame drawn by the
/// still-frame rasteriser. The canvas is the largest size the terminal had.
pub fn cast_to_gif<W: Write>(
    cast: &Cast,
    timing: Timing,
    opts: ImageOptions,
    out: W,
) -> Result<(W, GifStats), gif::EncodingError> {
    let mut raster = Rasterizer::new(opts);
    let cell = raster.cell();
    let (cols, rows) = cast
        .events
        .iter()
        .fold((cast.width, cast.height), |(w, h), e| match e.kind {
            EventKind::Resize(c, r) => (w.max(c), h.max(r)),
            _ => (w, h),
        });
    let mut writer = GifWriter::new(
        out,
        u32::from(cols) * cell.width,
        u32::from(rows) * cell.height,
        opts.theme.palette().bg,
    )?;
    let mut result = Ok(());
    let end = replay(cast, timing, |frame| {
        if result.is_ok() {
            result = writer.push(&raster.draw(&frame.screen), frame.time);
        }
    });
    result?;
    writer.finish(end)
}
