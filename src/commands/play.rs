//! `losscape play LESSON.toml`: a lesson in the visualizer, optionally recorded; with
//! `--headless`, rendered straight into a recording on a virtual clock.

use super::surfaces::SURFACES_DIR;
use crate::args::{DEFAULT_SEED, parse_size};
use crate::lesson::{self, LessonError};
use crate::render::ColorMode;
use crate::tui::record::{Timing, pace, record_headless};
use crate::tui::{App, Setup, TuiError, driver, scene};
use std::path::{Path, PathBuf};

/// Screen size of a headless recording unless `--size` says otherwise.
pub const DEFAULT_SIZE: (u16, u16) = (100, 30);

#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("headless_output").args(["record", "gif"]).multiple(true)))]
pub struct PlayArgs {
    /// The lesson, a TOML file (see surfaces/lessons/).
    pub lesson: PathBuf,
    /// Record the session as an asciicast v2 file (plays with `asciinema play FILE.cast`).
    #[arg(long, value_name = "FILE.cast")]
    pub record: Option<PathBuf>,
    /// Render the whole lesson into the recording without a terminal, on a virtual clock
    /// (same lesson, same file, byte for byte).
    #[arg(long, requires = "headless_output")]
    pub headless: bool,
    /// With --headless: write the lesson as an animated GIF (see `losscape gif` for the look).
    #[arg(long, value_name = "FILE.gif", requires = "headless")]
    pub gif: Option<PathBuf>,
    #[command(flatten)]
    pub look: crate::commands::gif::GifLook,
    /// Screen size of a headless recording, WIDTHxHEIGHT [default: 100x30].
    #[arg(long, value_parser = parse_size, requires = "headless", allow_hyphen_values = true)]
    pub size: Option<(u16, u16)>,
    /// Seed for stochastic gradients.
    #[arg(long, default_value_t = DEFAULT_SEED, allow_hyphen_values = true, value_parser = crate::commands::values::parse_seed)]
    pub seed: u64,
    /// asciicast version of the recording: 2 (widest support) or 3 (asciinema 3's).
    #[arg(long, value_enum, default_value_t, requires = "record")]
    pub cast_version: crate::record::CastVersion,
}

#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    #[error("{0}")]
    Lesson(#[from] LessonError),
    #[error(transparent)]
    Tui(#[from] TuiError),
    #[error(transparent)]
    Gif(Box<crate::commands::CommandError>),
    #[error("cannot write the recording {path}: {source}")]
    Record {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl PlayError {
    /// 2 for a wrong lesson or option, 1 for a failing terminal or file.
    pub fn exit_code(&self) -> i32 {
        match self {
            PlayError::Lesson(_) => 2,
            PlayError::Tui(e) => e.exit_code(),
            PlayError::Gif(e) => e.exit_code(),
            PlayError::Record { .. } => 1,
        }
    }
}

pub fn run(args: &PlayArgs) -> Result<(), PlayError> {
    let lesson = lesson::load(&args.lesson)?;
    if args.headless {
        let path = args.record.clone().unwrap_or_default();
        let err = |source| PlayError::Record {
            path: path.display().to_string(),
            source,
        };
        // Fixed colours: the environment must not change the file (crossterm on its own
        // drops colour codes when NO_COLOR is set).
        crossterm::style::Colored::set_ansi_color_disabled(false);
        let timing = Timing::default();
        let scene_size = lesson.scene.as_ref().and_then(|s| s.size);
        let app = App::new(Setup {
            seed: args.seed,
            color: ColorMode::TrueColor,
            pace: pace(&timing),
            ..Setup::lesson(lesson)
        });
        let (w, h) = args.size.or(scene_size).unwrap_or(DEFAULT_SIZE);
        let file = match &args.record {
            Some(path) => Some(std::fs::File::create(path).map_err(err)?),
            None => None,
        };
        let cast =
            record_headless(app, w, h, timing, args.cast_version, Vec::new()).map_err(err)?;
        if let Some(mut file) = file {
            std::io::Write::write_all(&mut file, &cast).map_err(err)?;
        }
        if let Some(gif) = &args.gif {
            crate::commands::gif::from_recording(&cast, &args.look, gif)
                .map_err(|e| PlayError::Gif(Box::new(e)))?;
        }
        return Ok(());
    }
    // The lesson's surface stays in the list under its path, so `S` can name it in a scene.
    let mut surfaces = driver::surface_choices(Path::new(SURFACES_DIR));
    let key = scene::lesson_surface_key(&lesson, &args.lesson);
    scene::remember_surface(&mut surfaces, &key, &lesson.surface);
    let app = App::new(Setup {
        seed: args.seed,
        surfaces,
        ..Setup::lesson(lesson)
    });
    crate::tui::record::run(app, args.record.as_deref(), args.cast_version)?;
    Ok(())
}
