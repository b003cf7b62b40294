//! `losscape gif RECORDING.cast OUT.gif [--fps 15] [--speed 1] [--idle-limit 2] [--scale 1]
//! [--theme dark|light]`: an asciicast (v2 or v3) replayed through a terminal emulator and
//! drawn frame by frame with the still-frame renderer, as a looping GIF.

use super::CommandError;
use crate::asciicast::{self, Cast};
use crate::render::image::gif_encode::{GifStats, cast_to_gif};
use crate::render::image::replay::Timing;
use crate::render::image::{ImageOptions, Theme, parse_scale};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
pub struct GifArgs {
    /// The recording, asciicast v2 or v3 (`--record`, `play --headless --record`, asciinema).
    pub recording: PathBuf,
    /// The GIF to write (`-`: stdout).
    pub out: PathBuf,
    #[command(flatten)]
    pub look: GifLook,
}

/// How a GIF looks and moves (shared with `play --headless --gif`).
#[derive(Debug, Clone, clap::Args)]
pub struct GifLook {
    /// Most frames per second kept (1 to 50).
    #[arg(long, default_value_t = 15.0, value_parser = parse_fps)]
    pub fps: f64,
    /// Play this many times faster (0.1 to 20).
    #[arg(long, default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Cut every pause longer than this many seconds to it (0: keep every pause).
    #[arg(long, default_value_t = 2.0, value_parser = parse_idle)]
    pub idle_limit: f64,
    /// Image size: 1 draws a cell as 8x16 pixels, 2 as 16x32.
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f32,
    /// Colours: dark (as in a terminal) or light (for slides on white).
    #[arg(long, value_enum, default_value_t = Theme::Dark)]
    pub theme: Theme,
}

impl GifLook {
    pub fn timing(&self) -> Timing {
        Timing {
            fps: self.fps,
            speed: self.speed,
            idle_limit: (self.idle_limit > 0.0).then_some(self.idle_limit),
        }
    }

    pub fn image(&self) -> ImageOptions {
        ImageOptions {
            theme: self.theme,
            scale: self.scale,
        }
    }
}

fn parse_range(s: &str, what: &str, lo: f64, hi: f64) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(format!(
            "invalid {what} '{s}': expected a number from {lo} to {hi}"
        )),
    }
}

fn parse_fps(s: &str) -> Result<f64, String> {
    parse_range(s, "frame rate", 1.0, 50.0)
}

fn parse_speed(s: &str) -> Result<f64, String> {
    parse_range(s, "speed", 0.1, 20.0)
}

fn parse_idle(s: &str) -> Result<f64, String> {
    parse_range(s, "idle limit", 0.0, 3600.0)
}

pub fn run(args: &GifArgs, stdout: &mut impl Write) -> Result<(), CommandError> {
    let cast = asciicast::load(&args.recording).map_err(|e| CommandError::Usage(e.to_string()))?;
    write(&cast, &args.look, &args.out, stdout)
}

/// The GIF of a recording made in memory (`play --headless --gif`).
pub fn from_recording(cast: &[u8], look: &GifLook, out: &Path) -> Result<(), CommandError> {
    let text = String::from_utf8_lossy(cast);
    let cast = asciicast::parse("the lesson's recording", &text)
        .map_err(|e| CommandError::Failed(e.to_string()))?;
    write(&cast, look, out, &mut std::io::stdout().lock())
}

/// Encodes `cast` to `out` (`-`: `stdout`) and reports the result on stderr.
pub fn write(
    cast: &Cast,
    look: &GifLook,
    out: &Path,
    stdout: &mut impl Write,
) -> Result<(), CommandError> {
    let to_stdout = out.as_os_str() == "-";
    if to_stdout && std::io::stdout().is_terminal() {
        return Err(CommandError::Usage(
            "not writing a GIF to the terminal: give a file name, or redirect stdout".into(),
        ));
    }
    let started = std::time::Instant::now();
    let (bytes, stats) = cast_to_gif(cast, look.timing(), look.image(), Vec::new())
        .map_err(|e| CommandError::Failed(format!("cannot make the GIF: {e}")))?;
    if to_stdout {
        stdout.write_all(&bytes)?;
        stdout.flush()?;
    } else {
        std::fs::write(out, &bytes)
            .map_err(|e| CommandError::Failed(format!("cannot write {}: {e}", out.display())))?;
    }
    eprintln!(
        "{}: {} (made in {:.1} s)",
        if to_stdout {
            "stdout".into()
        } else {
            out.display().to_string()
        },
        summary(&stats, bytes.len()),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn summary(stats: &GifStats, bytes: usize) -> String {
    let lossy = if stats.lossy > 0 {
        format!(
            " ({} with more than 255 colours in a row, quantised)",
            stats.lossy
        )
    } else {
        String::new()
    };
    format!(
        "{} screens in {} frames{lossy}, {:.1} s long, {:.0} KiB",
        stats.screens,
        stats.frames,
        stats.duration_cs as f64 / 100.0,
        bytes as f64 / 1024.0
    )
}
