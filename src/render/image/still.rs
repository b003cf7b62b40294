//! Still frames as files: the format flag of `losscape render`, the encoding of a buffer as
//! SVG or PNG, and where the bytes go (`--output FILE`, or stdout for `-`).

use super::{ImageOptions, png_encode, rasterize, svg};
use ratatui::buffer::Buffer;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// What `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StillFormat {
    /// Text, plain or with ANSI colours (see --color).
    Text,
    /// A vector image: small, sharp at any size.
    Svg,
    /// A bitmap, `--scale` sets its size.
    Png,
}

impl StillFormat {
    /// The format a file name asks for (`.svg`, `.png`; `.txt`/`.ans` are text).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(StillFormat::Svg),
            "png" => Some(StillFormat::Png),
            "txt" | "ans" | "ansi" => Some(StillFormat::Text),
            _ => None,
        }
    }

    /// `--format`, else what `--output`'s extension says, else text.
    pub fn choose(flag: Option<Self>, output: Option<&Path>) -> Self {
        flag.or_else(|| output.and_then(Self::from_path))
            .unwrap_or(StillFormat::Text)
    }

    fn is_binary(self) -> bool {
        self == StillFormat::Png
    }
}

/// `buf` encoded as an image (`Text` is the caller's: it depends on the colour mode).
pub fn encode_image(buf: &Buffer, format: StillFormat, opts: ImageOptions) -> io::Result<Vec<u8>> {
    match format {
        StillFormat::Svg => Ok(svg::to_svg(buf, opts).into_bytes()),
        StillFormat::Png => {
            let mut out = Vec::new();
            png_encode::write_png(&rasterize(buf, opts), &mut out).map_err(io::Error::other)?;
            Ok(out)
        }
        StillFormat::Text => Err(io::Error::other("text is not an image format")),
    }
}

/// Writes `bytes` to `output` (created or replaced; `-` or none: `stdout`). A PNG is not sent
/// to a terminal, where it would only garble the screen.
pub fn write_output(
    output: Option<&Path>,
    format: StillFormat,
    bytes: &[u8],
    stdout: &mut impl Write,
) -> io::Result<()> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        None => {
            if format.is_binary() && io::stdout().is_terminal() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "not writing a PNG to the terminal: give --output FILE.png, or redirect stdout",
                ));
            }
            stdout.write_all(bytes)?;
            stdout.flush()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_flag_then_the_extension() {
        fn p(s: &str) -> Option<&Path> {
            Some(Path::new(s))
        }
        assert_eq!(StillFormat::choose(None, p("a.svg")), StillFormat::Svg);
        assert_eq!(StillFormat::choose(None, p("a.PNG")), StillFormat::Png);
        assert_eq!(StillFormat::choose(None, p("-")), StillFormat::Text);
        assert_eq!(StillFormat::choose(None, None), StillFormat::Text);
        assert_eq!(
            StillFormat::choose(Some(StillFormat::Png), p("a.svg")),
            StillFormat::Png
        );
    }
}
