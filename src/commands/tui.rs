//! `losscape [tui] [--surface S] [--opt SPEC]... [--start X,Y] [--seed N] [--record F]`: the
//! interactive visualizer (the default when no command is given).

use super::surfaces::SURFACES_DIR;
use super::{CommandError, load_surface};
use crate::args::{DEFAULT_SEED, parse_opt, parse_point, parse_surface_name};
use crate::optim::OptimizerSpec;
use crate::surface::Point;
use crate::tui::{App, Setup, app::DEFAULT_SURFACE, driver, scene};
use std::path::{Path, PathBuf};

/// Options of the visualizer; with none, a built-in race on Himmelblau's function.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TuiArgs {
    /// Surface to show: a built-in name (see `losscape surfaces`) or a surface file.
    #[arg(long, short, value_name = "NAME|FILE", value_parser = parse_surface_name, conflicts_with = "scene")]
    pub surface: Option<String>,
    /// A network to explore instead (surfaces/models/*.toml): the map is a plane through its
    /// parameters, the runs race in all of them.
    #[arg(long, value_name = "M.toml", conflicts_with_all = ["surface", "scene"])]
    pub model: Option<PathBuf>,
    /// Optimizer spec NAME[:key=value,...]; repeat to race several, e.g. --opt adam:lr=0.05.
    #[arg(long = "opt", short = 'o', value_name = "SPEC", value_parser = parse_opt, conflicts_with = "scene")]
    pub opts: Vec<OptimizerSpec>,
    /// Common start point X,Y (default: the surface's own).
    #[arg(long, value_name = "X,Y", value_parser = parse_point, allow_hyphen_values = true, conflicts_with = "scene")]
    pub start: Option<Point>,
    /// Seed for stochastic gradients.
    #[arg(long, default_value_t = DEFAULT_SEED, allow_hyphen_values = true, value_parser = crate::commands::values::parse_seed)]
    pub seed: u64,
    /// Record the session as an asciicast v2 file (plays with `asciinema play FILE.cast`).
    #[arg(long, value_name = "FILE.cast")]
    pub record: Option<PathBuf>,
    /// asciicast version of the recording: 2 (widest support) or 3 (asciinema 3's).
    #[arg(long, value_enum, default_value_t, requires = "record")]
    pub cast_version: crate::record::CastVersion,
    /// Open the screen a scene file holds (saved with `S`; a lesson opens on its first
    /// screen). Its seed, runs and view replace --surface, --opt, --start and --seed.
    #[arg(long, value_name = "FILE.toml")]
    pub scene: Option<PathBuf>,
}

/// Bad options are reported before the terminal is touched, so a pipe still learns of them.
pub fn run(args: &TuiArgs) -> Result<(), CommandError> {
    let mut surfaces = driver::surface_choices(Path::new(SURFACES_DIR));
    let mut app = if let Some(path) = &args.scene {
        let lesson = load_scene(path)?;
        let key = scene::lesson_surface_key(&lesson, path);
        scene::remember_surface(&mut surfaces, &key, &lesson.surface);
        let setup = Setup {
            surfaces,
            ..Setup::new(lesson.surface.clone())
        };
        scene::open(&lesson, setup)
    } else {
        let surface = match &args.model {
            Some(path) => {
                let mlp = super::hessian::load_model(path)?;
                let surface = crate::tui::model::open(std::sync::Arc::new(mlp));
                let key = format!("{}{}", driver::MODEL_KEY, path.display());
                scene::remember_surface(&mut surfaces, &key, &surface);
                surface
            }
            None => {
                let key = args.surface.as_deref().unwrap_or(DEFAULT_SURFACE);
                let surface = load_surface(key)?;
                scene::remember_surface(&mut surfaces, key, &surface);
                surface
            }
        };
        App::new(Setup {
            specs: args.opts.clone(),
            start: args.start,
            seed: args.seed,
            surfaces,
            ..Setup::new(surface)
        })
    };
    // Live, a network's map is sampled off the UI thread so keys answer while it is.
    app.model.background = args.record.is_none();
    crate::tui::record::run(app, args.record.as_deref(), args.cast_version)?;
    Ok(())
}

/// A scene (or lesson) file; a mistake in it is a usage error with the file's caret message.
pub fn load_scene(path: &Path) -> Result<crate::lesson::Lesson, CommandError> {
    crate::lesson::load(path).map_err(|e| match e {
        crate::lesson::LessonError::Read { path, source } => {
            CommandError::Usage(format!("cannot read the scene {path}: {source}"))
        }
        e => CommandError::Usage(e.to_string()),
    })
}
