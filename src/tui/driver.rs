//! One driver for everything the screen shows. It feeds actions (keys, a clock, a script)
//! through [`update`], performs the effects `update` returns (the only file reads of the
//! visualizer after it opens), and draws frames into a [`Sink`]:
//!
//! - the terminal, live, on the wall clock (`live.rs`; recorded with `--record`);
//! - an asciicast, headless, on a virtual clock (`record.rs`, `play --headless`);
//! - a still frame (`losscape render`).
//!
//! All three go through the same `update` and the same `ui::draw`, so a recording or a still
//! frame shows what a user pressing the same keys would have seen.

use super::action::{Action, Effect};
use super::app::{App, SurfaceChoice, builtin_choices};
use super::lesson_player::marker_label;
use super::update::{surface_loaded, update};
use crate::surface::{catalog, resolve};
use std::collections::VecDeque;
use std::io;
use std::path::Path;

/// Where frames go.
pub trait Sink {
    /// Draws `app` as one frame.
    fn frame(&mut self, app: &App) -> io::Result<()>;

    /// A lesson beat began: recordings write a chapter marker with this label.
    fn marker(&mut self, _label: &str) -> io::Result<()> {
        Ok(())
    }
}

/// The app and where its frames go.
pub struct Driver<S: Sink> {
    pub app: App,
    pub sink: S,
    /// The lesson position last marked (a marker is written when it changes).
    marked: Option<usize>,
    /// Runs critical-point searches off this thread (live); `None`: at once.
    worker: Option<super::critical::Worker>,
}

impl<S: Sink> Driver<S> {
    pub fn new(app: App, sink: S) -> Self {
        Self {
            app,
            sink,
            marked: None,
            worker: None,
        }
    }

    /// A driver that runs critical-point searches on a worker thread, so keys are answered
    /// while one runs (the live terminal).
    pub fn with_worker(app: App, sink: S) -> Self {
        Self {
            worker: Some(Default::default()),
            ..Self::new(app, sink)
        }
    }

    /// Applies `action` (and the effects it asks for); marks a lesson beat that began.
    pub fn act(&mut self, action: Action) -> io::Result<()> {
        match self.worker.as_mut() {
            Some(w) => {
                run_effects(&mut self.app, action);
                w.poll(&mut self.app);
                if let Some(job) = super::critical::wanted(&mut self.app) {
                    w.start(job);
                }
            }
            None => apply(&mut self.app, action),
        }
        self.mark_beat()
    }

    /// Draws the current state.
    pub fn draw(&mut self) -> io::Result<()> {
        self.sink.frame(&self.app)
    }

    pub fn into_parts(self) -> (App, S) {
        (self.app, self.sink)
    }

    fn mark_beat(&mut self) -> io::Result<()> {
        let position = self.app.lesson.as_ref().map(|p| p.script.position());
        if position == self.marked {
            return Ok(());
        }
        self.marked = position;
        match marker_label(&self.app) {
            Some(label) => self.sink.marker(&label),
            None => Ok(()),
        }
    }
}

/// `update`, then every effect it returns performed (their outcomes may ask for more), then
/// the critical-point search the view needs, if any.
pub fn apply(app: &mut App, action: Action) {
    run_effects(app, action);
    super::critical::search_now(app);
}

fn run_effects(app: &mut App, action: Action) {
    let mut queue: VecDeque<Effect> = update(app, action).into();
    while let Some(effect) = queue.pop_front() {
        queue.extend(perform(app, effect));
    }
}

/// Performs one effect (here the file reads happen) and hands its outcome to `update`.
pub fn perform(app: &mut App, effect: Effect) -> Vec<Effect> {
    match effect {
        Effect::LoadSurface(choice) => {
            let loaded = match choice.key.strip_prefix(MODEL_KEY) {
                Some(path) => super::model::load(path),
                None => resolve(&choice.key).map_err(|e| e.to_string()),
            };
            surface_loaded(app, &choice, loaded)
        }
        Effect::WriteScene { stem, text } => {
            let written = super::scene::write_new(Path::new("."), &stem, &text);
            super::scene::saved(app, written);
            Vec::new()
        }
    }
}

/// A surface-list key that names a model file rather than a surface.
pub const MODEL_KEY: &str = "model:";

/// The built-ins, every `.toml` surface in `dir`, then the models of `dir/models` (broken
/// files listed with their error, so whoever wrote one sees what is wrong). Reads the
/// directory: call it at the edge.
pub fn surface_choices(dir: &Path) -> Vec<SurfaceChoice> {
    let mut out = builtin_choices();
    for e in catalog(dir) {
        let path = e.path.display().to_string();
        out.push(SurfaceChoice {
            name: e.name,
            key: path.clone(),
            broken: e.surface.is_err(),
            origin: match e.surface {
                Ok(_) => path,
                Err(err) => err.to_string(),
            },
        });
    }
    out.extend(model_choices(&dir.join("models")));
    out
}

/// Every model file in `dir`, as the surface list offers them (sorted by file name).
pub fn model_choices(dir: &Path) -> Vec<SurfaceChoice> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let shown = path.display().to_string();
            let loaded = crate::model::load(&path);
            SurfaceChoice {
                name: match &loaded {
                    Ok(m) => format!("{} (network)", m.name),
                    Err(_) => shown.clone(),
                },
                key: format!("{MODEL_KEY}{shown}"),
                broken: loaded.is_err(),
                origin: match loaded {
                    Ok(m) => format!("{} · {shown}", m.arch.describe()),
                    Err(e) => e.to_string(),
                },
            }
        })
        .collect()
}
