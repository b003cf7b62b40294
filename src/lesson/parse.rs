//! Reading and validating lesson files, with the same caret errors as surface files.

use super::{Action, Beat, Lesson, LessonOptimizer};
use crate::diagnostic::Diagnostic;
use crate::optim::{OptimizerSpec, SpecError, registry};
use crate::surface::TomlValues;
use crate::surface::expr::closest_name;
use crate::surface::file::{self, SurfaceFileError};
use crate::surface::{BUILTIN_NAMES, Region, SharedSurface, builtin};
use crate::toml_doc::{Doc, Field, Table};
use std::ops::Range;
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
pub const BEAT_KEYS: &[&str] = &[
    "caption",
    "run",
    "pause",
    "cursor",
    "highlight",
    "zoom",
    "show",
    "readout",
    "basins",
];
/// What `show = [...]` may open: the panels, overlays, then the teaching instruments (see
/// `tui::instruments::apply_show`).
pub const SHOW_NAMES: &[&str] = &[
    "optimizers",
    "loss",
    "inspector",
    "data",
    "arrows",
    "hessian-axes",
    "critical",
    "anatomy",
    "sharpness",
    "curvature",
    "forecast",
    "slice-step",
    "slice-v1",
    "slice-v2",
];
/// What `readout = [...]` may show per run: f, the multiplier λ (augmented Lagrangian), the
/// constraint's value g, the position; and `cursor`: f, |∇f| and the Hessian's eigenvalues at the cursor.
pub const READOUT_NAMES: &[&str] = &["f", "lambda", "g", "at", "cursor"];
/// The keys of a beat that are actions (a beat does at most one).
const ACTIONS: &[&str] = &["run", "pause", "cursor", "highlight", "zoom", "basins"];
/// Longest single run beat: a lesson is watched, not computed.
const MAX_RUN: u64 = 100_000;

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
    // A network instead of a surface: the map is the plane through its initial parameters.
    let model_field = root.get("model");
    let surface_field = match &model_field {
        Some(f) => *f,
        None => root.require("surface", "surface = \"himmelblau\"")?,
    };
    let surface_name = surface_field.str()?.to_string();
    let surface: SharedSurface = if model_field.is_some() {
        let path = base_dir.join(&surface_name);
        let mlp = crate::model::load(&path).map_err(|e| {
            surface_field.invalid(
                format!("cannot load model {}: {e}", path.display()),
                "expected a model file (surfaces/models/*.toml), path relative to this lesson",
            )
        })?;
        std::sync::Arc::new(crate::model::plane::PlaneSurface::through_start(
            std::sync::Arc::new(mlp),
        ))
    } else if surface_name.ends_with(".toml") {
        let path = base_dir.join(&surface_name);
        match file::load(&path) {
            Ok(f) => f.surface,
            Err(SurfaceFileError::Read { source, .. }) => {
                return Err(surface_field
                    .invalid(
                        format!("cannot read surface file {}: {source}", path.display()),
                        "expected a surface file, path relative to this lesson",
                    )
                    .into());
            }
            Err(e) => return Err(LessonError::Surface(Box::new(e))),
        }
    } else {
        builtin(&surface_name).ok_or_else(|| {
            let mut d = surface_field.invalid(
                format!("unknown surface '{surface_name}'"),
                "expected a built-in name or a path ending in .toml",
            );
            let close =
                crate::surface::expr::closest_name(&surface_name, BUILTIN_NAMES.iter().copied());
            d.help = Some(match close {
                Some(c) => format!("did you mean '{c}'?"),
                None => format!("built-ins: {}", BUILTIN_NAMES.join(", ")),
            });
            d
        })?
    };
    let view = root
        .get("view")
        .map(|f| f.region())
        .transpose()?
        .unwrap_or_else(|| surface.view());
    let speed = root.get("speed").map(|f| speed(&f)).transpose()?;

    let opt_field = root.require("optimizer", "[[optimizer]] with spec = \"gd:lr=0.01\"")?;
    let mut optimizers = Vec::new();
    for item in opt_field.array("one or more [[optimizer]] tables")? {
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
        return Err(opt_field
            .invalid(
                "a lesson needs at least one optimizer",
                "expected [[optimizer]] tables",
            )
            .into());
    }

    // The screen before the first beat (see `crate::scene`).
    let scene = root
        .get("scene")
        .map(|f| crate::scene::parse(&f, optimizers.len()))
        .transpose()?;

    let beat_field = root.require("beat", "[[beat]] with caption = \"...\"")?;
    let mut beats = Vec::new();
    let mut current_view = view;
    for item in beat_field.array("one or more [[beat]] tables")? {
        let t = item.table()?;
        let beat = parse_beat(&doc, &t, current_view)?;
        if let Action::Zoom(r) = beat.action {
            current_view = r;
        }
        beats.push(beat);
    }
    if beats.is_empty() {
        return Err(beat_field
            .invalid(
                "a lesson needs at least one beat",
                "expected [[beat]] tables",
            )
            .into());
    }
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

fn parse_beat(doc: &Doc, t: &Table, view: Region) -> Result<Beat, Box<Diagnostic>> {
    t.only_keys(BEAT_KEYS)?;
    let before = doc.text().get(..t.span().start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let caption = t
        .get("caption")
        .map(|f| f.str())
        .transpose()?
        .map(str::to_string);
    let show = names(t, "show", SHOW_NAMES)?;
    let readout = names(t, "readout", READOUT_NAMES)?;
    let actions: Vec<Field> = t.fields().filter(|f| ACTIONS.contains(&f.key)).collect();
    if actions.len() > 1 {
        let second = &actions[1];
        return Err(doc.error(
            second.key_span(),
            format!("a beat does one thing; this one also has '{}'", actions[0].key),
            "expected one of run, pause, cursor, highlight, zoom per beat: split it into two [[beat]]s",
        ));
    }
    let action = match actions.first() {
        None if caption.is_none() && show.is_none() && readout.is_none() => {
            return Err(doc.error(
                t.span(),
                "empty beat",
                "expected a caption and/or one of run, pause, cursor, highlight, zoom",
            ));
        }
        None => Action::None,
        Some(f) => match f.key {
            "run" => {
                let steps = f.count()?;
                if steps == 0 {
                    return Err(f.invalid(
                        "run = 0 takes no step",
                        &format!(
                            "expected 1 to {MAX_RUN} steps; a beat that only shows its caption \
                             needs no run"
                        ),
                    ));
                }
                if steps > MAX_RUN {
                    return Err(f.invalid(
                        format!("run = {steps} is more steps than a beat may take"),
                        &format!("expected 1 to {MAX_RUN} steps"),
                    ));
                }
                Action::Run { steps }
            }
            "pause" => {
                let seconds = f.number()?;
                if !(seconds > 0.0 && seconds <= 60.0) {
                    return Err(f.invalid(
                        format!("pause = {seconds} is out of range"),
                        "expected seconds, more than 0 and at most 60",
                    ));
                }
                Action::Pause { seconds }
            }
            "zoom" => Action::Zoom(f.region()?),
            "basins" => Action::Basins(f.count()?.checked_sub(1).map(|i| i as usize)),
            key => {
                let p = f.point()?;
                if !view.contains(p.x, p.y) {
                    return Err(f.invalid(
                        format!(
                            "({}, {}) is outside the view at this beat ({view})",
                            p.x, p.y
                        ),
                        "expected a point on screen; zoom out first, or move the point",
                    ));
                }
                if key == "cursor" {
                    Action::Cursor(p)
                } else {
                    Action::Highlight(p)
                }
            }
        },
    };
    Ok(Beat {
        caption,
        action,
        show,
        readout,
        line,
    })
}

/// `key = ["a", "b"]`, each one of `allowed`, with a suggestion for a near miss.
fn names(t: &Table, key: &str, allowed: &[&str]) -> Result<Option<Vec<String>>, Box<Diagnostic>> {
    let Some(f) = t.get(key) else {
        return Ok(None);
    };
    let expected = format!("expected a list of: {}", allowed.join(", "));
    let mut out = Vec::new();
    for item in f.array(&format!("a list such as {key} = [\"{}\"]", allowed[0]))? {
        let name = item.str()?;
        if !allowed.contains(&name) {
            let mut d = item.invalid(format!("unknown {key} '{name}'"), &expected);
            if let Some(c) = closest_name(name, allowed.iter().copied()) {
                d.help = Some(format!("did you mean '{c}'?"));
            }
            return Err(d);
        }
        out.push(name.to_string());
    }
    Ok(Some(out))
}

/// Parses an optimizer spec, with a caret under the part that is wrong: the shape
/// `NAME[:key=value,...]` first, then names, keys and values by `OptimizerSpec`.
fn check_spec(field: &Field, spec: &str) -> Result<OptimizerSpec, Box<Diagnostic>> {
    let bad = |range: Range<usize>, message: &str, expected: &str| {
        field.string_error(spec, range, message, expected)
    };
    let name_end = spec.find(':').unwrap_or(spec.len());
    let name = &spec[..name_end];
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !name_ok {
        return Err(bad(
            0..name.len().max(1),
            "malformed optimizer name",
            "expected a name such as gd, sgd, adam, newton",
        ));
    }
    // (key, range of the key, range of the value) for each `key=value`.
    let mut params: Vec<(&str, Range<usize>, Range<usize>)> = Vec::new();
    if name_end < spec.len() {
        let mut at = name_end + 1;
        for part in spec[name_end + 1..].split(',') {
            let range = at..at + part.len().max(1);
            match part.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                    let v_start = at + k.len() + 1;
                    params.push((k.trim(), at..at + k.len(), v_start..v_start + v.len()));
                }
                _ => {
                    return Err(bad(
                        range,
                        &format!("'{part}' is not key=value"),
                        "expected NAME:key=value,..., e.g. sgd:lr=0.01,momentum=0.9",
                    ));
                }
            }
            at += part.len() + 1;
        }
    }
    let find = |key: &str| params.iter().find(|p| p.0 == key);
    spec.parse::<OptimizerSpec>().map_err(|e| match e {
        SpecError::UnknownName { name } => {
            let mut d = bad(
                0..name_end,
                &format!("unknown optimizer '{name}'"),
                &format!(
                    "expected one of: {}",
                    registry::names().collect::<Vec<_>>().join(", ")
                ),
            );
            if let Some(c) = closest_name(&name, registry::names()) {
                d.help = Some(format!("did you mean '{c}'?"));
            }
            d
        }
        SpecError::UnknownKey { name, key, valid } => {
            let range = find(&key).map_or(0..spec.len(), |p| p.1.clone());
            let mut d = bad(
                range,
                &format!("optimizer '{name}' has no key '{key}'"),
                &format!("expected one of: {valid}"),
            );
            if let Some(c) = closest_name(&key, valid.split(", ")) {
                d.help = Some(format!("did you mean '{c}'?"));
            }
            d
        }
        SpecError::BadValue {
            key,
            value,
            expected,
            ..
        } => {
            let range = find(&key).map_or(0..spec.len(), |p| p.2.clone());
            bad(
                range,
                &format!("bad value '{value}' for '{key}'"),
                &expected,
            )
        }
        SpecError::Malformed { reason, .. } => bad(
            0..spec.len(),
            &format!("malformed optimizer spec: {reason}"),
            "expected NAME[:key=value,...], e.g. adam:lr=0.05",
        ),
    })
}
