//! Reading and validating a lesson file, with the same caret errors as surface files: the
//! walk through the document; a beat, an optimizer's spec and the surface each have their file.

use super::beat::parse_beat;
use super::spec::check_spec;
use super::{Action, Beat, Lesson, LessonOptimizer};
use crate::diagnostic::Diagnostic;
use crate::surface::file::SurfaceFileError;
use crate::surface::{Region, SharedSurface, TomlValues};
use crate::toml_doc::{Doc, Field};
use std::path::Path;

pub const LESSON_KEYS: &[&str] = &[
    "title",
    "surface",
    "model",
    "view",
    "speed",
    "optimizer",
    "beat",
    "scene",
];
pub const OPTIMIZER_KEYS: &[&str] = &["spec", "start", "enters"];

#[derive(Debug, thiserror::Error)]
pub enum LessonError {
    #[error("cannot read lesson {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A mistake in the lesson, rendered as a snippet with a caret.
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
    /// The lesson's surface file has a mistake (the message points into that file).
    #[error("{0}")]
    Surface(Box<SurfaceFileError>),
}

impl From<Box<Diagnostic>> for LessonError {
    fn from(d: Box<Diagnostic>) -> Self {
        LessonError::Invalid(d)
    }
}

/// Reads and validates a lesson; a surface path is taken relative to the lesson's directory.
pub fn load(path: &Path) -> Result<Lesson, LessonError> {
    let text = std::fs::read_to_string(path).map_err(|source| LessonError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse_str(&path.display().to_string(), &text, base)
}

/// Validates a lesson's text; `origin` names it in messages, `base_dir` resolves a surface path.
pub fn parse_str(origin: &str, text: &str, base_dir: &Path) -> Result<Lesson, LessonError> {
    let doc = Doc::parse(origin, text)?;
    let root = doc.root();
    root.only_keys(LESSON_KEYS)?;
    let title = root
        .require("title", "title = \"Saddle points\"")?
        .str()?
        .to_string();
    let (surface_name, surface) = super::surface::resolve(&root, base_dir)?;
    let view = root
        .get("view")
        .map(|f| f.region())
        .transpose()?
        .unwrap_or_else(|| surface.view());
    let speed = root.get("speed").map(|f| speed(&f)).transpose()?;
    let opt_field = root.require("optimizer", "[[optimizer]] with spec = \"gd:lr=0.01\"")?;
    let optimizers = optimizers(&opt_field, &surface)?;
    // The screen before the first beat (see `crate::scene`).
    let scene = root
        .get("scene")
        .map(|f| crate::scene::parse(&f, optimizers.len()))
        .transpose()?;
    let beat_field = root.require("beat", "[[beat]] with caption = \"...\"")?;
    let beats = beats(&doc, &beat_field, view, optimizers.len())?;
    check_enters(&opt_field, &optimizers, beats.len())?;
    Ok(Lesson {
        title,
        surface_name,
        surface,
        view,
        optimizers,
        beats,
        speed,
        scene,
    })
}

/// The `[[optimizer]]` tables, at least one; a start defaults to the surface's.
fn optimizers(
    field: &Field,
    surface: &SharedSurface,
) -> Result<Vec<LessonOptimizer>, Box<Diagnostic>> {
    let mut optimizers = Vec::new();
    for item in field.array("one or more [[optimizer]] tables")? {
        let t = item.table()?;
        t.only_keys(OPTIMIZER_KEYS)?;
        let spec_field = t.require("spec", "spec = \"gd:lr=0.01\"")?;
        let spec = spec_field.str()?;
        let parsed = check_spec(&spec_field, spec)?;
        let start = t
            .get("start")
            .map(|f| f.point())
            .transpose()?
            .unwrap_or_else(|| surface.start());
        let enters = t.get("enters").map(|f| f.count()).transpose()?;
        optimizers.push(LessonOptimizer {
            spec: spec.to_string(),
            parsed,
            start,
            enters: usize::try_from(enters.unwrap_or(0)).unwrap_or(usize::MAX),
        });
    }
    if optimizers.is_empty() {
        return Err(field.invalid(
            "a lesson needs at least one optimizer",
            "expected [[optimizer]] tables",
        ));
    }
    Ok(optimizers)
}

/// The `[[beat]]` tables, at least one; each is checked against the view its zooms leave and
/// the `racers` optimizers the lesson races.
fn beats(
    doc: &Doc,
    field: &Field,
    view: Region,
    racers: usize,
) -> Result<Vec<Beat>, Box<Diagnostic>> {
    let mut beats = Vec::new();
    let mut current_view = view;
    for item in field.array("one or more [[beat]] tables")? {
        let t = item.table()?;
        let beat = parse_beat(doc, &t, current_view, racers)?;
        if let Action::Zoom(r) = beat.action {
            current_view = r;
        }
        beats.push(beat);
    }
    if beats.is_empty() {
        return Err(field.invalid(
            "a lesson needs at least one beat",
            "expected [[beat]] tables",
        ));
    }
    Ok(beats)
}

/// `speed = N`: steps per second, as the speed keys offer them.
fn speed(f: &Field) -> Result<f64, Box<Diagnostic>> {
    let v = f.number()?;
    if !(1.0..=10_000.0).contains(&v) {
        return Err(f.invalid(
            format!("speed = {v} is out of range"),
            "expected steps per second, from 1 to 10000",
        ));
    }
    Ok(v)
}

/// Every `enters = N` names a beat of the lesson, and somebody is racing from the start.
fn check_enters(
    field: &Field,
    optimizers: &[LessonOptimizer],
    beats: usize,
) -> Result<(), Box<Diagnostic>> {
    let items = field.array("one or more [[optimizer]] tables")?;
    for (o, item) in optimizers.iter().zip(&items) {
        if o.enters > beats {
            let at = item.table()?.get("enters").unwrap_or(*item);
            return Err(at.invalid(
                format!("enters = {} is past the last beat", o.enters),
                &format!("expected a beat number from 1 to {beats}"),
            ));
        }
    }
    if optimizers.iter().all(|o| o.enters > 1) {
        return Err(field.invalid(
            "every optimizer enters late: the first beats would show no run",
            "expected at least one [[optimizer]] without `enters` (or with enters = 1)",
        ));
    }
    Ok(())
}
