//! PNG files of an [`RgbImage`]: an exact palette when the image has at most 256 colours (most
//! frames: far smaller files), 24-bit RGB otherwise. Lossless either way.

use super::RgbImage;
use std::collections::HashMap;
use std::io::Write;

/// Writes `img` as a PNG to `out`.
pub fn write_png(img: &RgbImage, out: impl Write) -> Result<(), png::EncodingError> {
    let mut enc = png::Encoder::new(out, img.width, img.height);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::High);
    match exact_palette(img) {
        Some((palette, indices)) => {
            enc.set_color(png::ColorType::Indexed);
            enc.set_palette(palette);
            let mut w = enc.write_header()?;
            w.write_image_data(&indices)?;
            w.finish()
        }
        None => {
            enc.set_color(png::ColorType::Rgb);
            let mut w = enc.write_header()?;
            w.write_image_data(&img.pixels)?;
            w.finish()
        }
    }
}

/// The image's colours (RGB triples, in order of first appearance) and each pixel's index in
/// them, or `None` past 256 colours.
pub fn exact_palette(img: &RgbImage) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut index: HashMap<[u8; 3], u8> = HashMap::new();
    let mut palette = Vec::new();
    let mut indices = Vec::with_capacity(img.pixels.len() / 3);
    for px in img.pixels.chunks_exact(3) {
        let key = [px[0], px[1], px[2]];
        let i = match index.get(&key) {
            Some(&i) => i,
            None => {
                let i = u8::try_from(index.len()).ok()?;
                index.insert(key, i);
                palette.extend_from_slice(&key);
                i
            }
        };
        indices.push(i);
    }
    Some((palette, indices))
}
