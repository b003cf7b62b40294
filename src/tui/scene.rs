//! Scenes in the visualizer: `S` writes what is on screen as a scene file ([`crate::scene`]),
//! and a scene (or a lesson's `[scene]` table) puts a screen back exactly.
//!
//! Saving is an effect: [`save`] (inside the pure `update`) writes the file's text and asks
//! the driver to store it; the driver picks a free name ([`write_new`]) and reports back
//! through [`saved`]. Opening is [`arrange`]: the race rebuilt from the lesson's optimizers
//! with the scene's seed, noise and colours, every run re-stepped from its start to its saved
//! step count, then the view, cursor, overlays, panel and scale.

use super::action::Effect;
use super::app::{App, Panel, SPEEDS, Setup, SurfaceChoice};
use super::racer::NoiseMode;
use crate::analysis::SliceDirection;
use crate::lesson::{Lesson, LessonOptimizer};
use crate::optim::OptimizerSpec;
use crate::render::ScaleMode;
use crate::scene::{Scene, SceneFile};
use crate::surface::SharedSurface;
use std::io;
use std::path::{Path, PathBuf};

/// The `S` key: the scene's text for the driver to write, or why there is none.
pub fn save(app: &mut App) -> Vec<Effect> {
    match capture(app) {
        Ok(file) => vec![Effect::WriteScene {
            stem: format!("losscape-scene-{}", slug(app.surface.name())),
            text: file.to_toml(),
        }],
        Err(why) => {
            app.message = Some(why);
            Vec::new()
        }
    }
}

/// The driver wrote the scene (or could not): say where, on the status line.
pub fn saved(app: &mut App, outcome: io::Result<PathBuf>) {
    app.message = Some(match outcome {
        Ok(path) => {
            let said = format!("scene saved: {}", path.display());
            let hint = format!("{said} (losscape tui --scene FILE opens it)");
            // The hint only where the status line has room for it.
            if hint.chars().count() < usize::from(app.size.0) {
                hint
            } else {
                said
            }
        }
        Err(e) => format!("cannot save the scene: {e}"),
    });
}

/// Writes `text` to `dir/STEM-N.toml` for the first N from 1 that is not taken (never
/// overwriting a file, even one created meanwhile). Does IO: the driver calls it.
pub fn write_new(dir: &Path, stem: &str, text: &str) -> io::Result<PathBuf> {
    use std::io::Write;
    for n in 1..10_000 {
        let path = dir.join(format!("{stem}-{n}.toml"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{stem}-1.toml to {stem}-9999.toml all exist"
    )))
}

/// Everything on screen, as a scene file.
pub fn capture(app: &App) -> Result<SceneFile, String> {
    let surface = surface_key(app).ok_or_else(|| {
        format!(
            "cannot save a scene of '{}': it was not opened from a built-in or a surface file",
            app.surface.name()
        )
    })?;
    let optimizers = app
        .racers
        .iter()
        .map(|r| (spec_text(&r.base), r.run.start()))
        .collect();
    let steps = app
        .racers
        .iter()
        // A run that ended (diverged, converged) is replayed until it ends the same way.
        .map(|r| r.run.status().end_step().unwrap_or(r.run.current().step) as u64)
        .collect();
    let scene = Scene {
        size: Some(app.size),
        seed: Some(app.seed),
        start: Some(app.start),
        steps,
        colors: Some(app.racers.iter().map(|r| r.slot).collect()),
        selected: Some(app.selected.min(app.racers.len().saturating_sub(1))),
        cursor: Some(app.cursor),
        show: Some(shown(app).into_iter().map(str::to_string).collect()),
        panel: Some(panel_name(app.panel).to_string()),
        scale: Some(app.scale_mode.as_str().to_string()),
        noise: Some(noise_name(app.noise).to_string()),
        speed: Some(app.steps_per_second()),
        playing: app.playing,
    };
    let lesson = app.lesson.as_ref().map(|p| p.script.lesson());
    let title = lesson.map_or_else(
        || format!("{} scene", app.surface.name()),
        |l| l.title.clone(),
    );
    let caption = app
        .lesson
        .as_ref()
        .and_then(|p| p.caption())
        .unwrap_or_else(|| {
            format!(
                "{} at step {}, as it was saved.",
                app.surface.name(),
                super::widgets::title::steps(app)
            )
        });
    Ok(SceneFile {
        title,
        surface,
        view: app.view,
        optimizers,
        scene,
        caption,
    })
}

/// `NAME[:key=value,...]` with every key as typed, the label too (`Display` leaves it out).
fn spec_text(spec: &OptimizerSpec) -> String {
    let params: Vec<String> = spec
        .params()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if params.is_empty() {
        spec.name().to_string()
    } else {
        format!("{}:{}", spec.name(), params.join(","))
    }
}

/// What reloads the surface: its entry in the surface list (built-ins, the files of
/// `surfaces/`, and the file the visualizer was opened on: see [`remember_surface`]).
fn surface_key(app: &App) -> Option<String> {
    app.surfaces
        .iter()
        .find(|c| !c.broken && c.name == app.surface.name())
        .map(|c| c.key.clone())
}

/// Adds `surface`, loaded from `key`, to the surface list unless a surface of its name is
/// there (so the surface list offers it again, and a scene can name its file).
pub fn remember_surface(choices: &mut Vec<SurfaceChoice>, key: &str, surface: &SharedSurface) {
    if choices.iter().all(|c| c.name != surface.name()) {
        choices.push(SurfaceChoice {
            name: surface.name().to_string(),
            key: key.to_string(),
            origin: key.to_string(),
            broken: false,
        });
    }
}

/// The surface key of a lesson loaded from `lesson_path`: a built-in name, or its surface
/// file's path from the working directory.
pub fn lesson_surface_key(lesson: &Lesson, lesson_path: &Path) -> String {
    if lesson.surface_name.ends_with(".toml") {
        let dir = lesson_path.parent().unwrap_or(Path::new(""));
        dir.join(&lesson.surface_name).display().to_string()
    } else {
        lesson.surface_name.clone()
    }
}

/// The app on the opening screen of `lesson` (its `[scene]`, if any), without playing it:
/// `losscape tui --scene` and `render --scene`. `setup` gives the colours and surface list.
pub fn open(lesson: &Lesson, setup: Setup) -> App {
    let mut app = App::new(Setup {
        specs: lesson.optimizers.iter().map(|o| o.parsed.clone()).collect(),
        start: lesson.optimizers.first().map(|o| o.start),
        lesson: None,
        ..Setup {
            surface: lesson.surface.clone(),
            ..setup
        }
    });
    let none = Scene::default();
    let scene = lesson.scene.as_ref().unwrap_or(&none);
    arrange(&mut app, &lesson.optimizers, Some(scene));
    app.view = lesson.view;
    app.cursor = scene.cursor.unwrap_or(app.start);
    app.playing = scene.playing;
    app.message = None;
    app.sync_field();
    app
}

/// Rebuilds the race as `scene` has it and applies its settings (nothing without a scene):
/// seed and noise first (the runs are built with them), each run from its start replayed to
/// its steps, then what is shown.
pub fn arrange(app: &mut App, optimizers: &[LessonOptimizer], scene: Option<&Scene>) {
    let Some(scene) = scene else {
        return;
    };
    if let Some(seed) = scene.seed {
        app.seed = seed;
    }
    app.noise = noise(scene.noise.as_deref());
    if let Some(start) = scene.start {
        app.start = start;
    }
    app.racers.clear();
    for (i, opt) in optimizers.iter().enumerate() {
        let before = app.racers.len();
        app.push_racer(opt.parsed.clone());
        let Some(r) = app.racers.get_mut(before) else {
            continue;
        };
        if let Some(slot) = scene.colors.as_ref().and_then(|c| c.get(i)) {
            r.slot = *slot;
        }
        r.own_start = (opt.start != app.start).then_some(opt.start);
        r.run.restart(opt.start);
        for _ in 0..scene.steps.get(i).copied().unwrap_or(0) {
            if !r.run.step() {
                break;
            }
        }
    }
    app.selected = scene
        .selected
        .unwrap_or(0)
        .min(app.racers.len().saturating_sub(1));
    if let Some(names) = &scene.show {
        show(app, names);
    }
    if let Some(p) = scene.panel.as_deref().map(panel) {
        app.panel = if p == Panel::Data && !app.is_data_surface() {
            Panel::None
        } else {
            p
        };
    }
    app.scale_mode = match scene.scale.as_deref() {
        Some("linear") => ScaleMode::Linear,
        Some("log") => ScaleMode::Log,
        _ => ScaleMode::Auto,
    };
    if let Some(v) = scene.speed {
        app.speed = nearest_speed(v);
    }
}

/// The names of the overlays and instruments that are on (see [`crate::scene::SHOW_NAMES`]).
fn shown(app: &App) -> Vec<&'static str> {
    let o = &app.overlays;
    let i = &app.instruments;
    [
        ("arrows", o.arrows),
        ("hessian-axes", o.hessian_axes),
        ("labels", o.labels),
        ("contours", o.contours),
        ("critical", o.critical),
        ("curvature", i.curvature),
        ("forecast", i.forecast),
        ("sharpness", i.sharpness),
        ("anatomy", i.anatomy),
        ("slice-step", i.slice == Some(SliceDirection::LastStep)),
        ("slice-v1", i.slice == Some(SliceDirection::EigenMin)),
        ("slice-v2", i.slice == Some(SliceDirection::EigenMax)),
    ]
    .into_iter()
    .filter_map(|(name, on)| on.then_some(name))
    .collect()
}

/// Exactly the overlays and instruments in `names` on.
fn show(app: &mut App, names: &[String]) {
    let on = |n: &str| names.iter().any(|m| m == n);
    let o = &mut app.overlays;
    o.arrows = on("arrows");
    o.hessian_axes = on("hessian-axes");
    o.labels = on("labels");
    o.contours = on("contours");
    o.critical = on("critical");
    let i = &mut app.instruments;
    i.curvature = on("curvature");
    i.forecast = on("forecast");
    i.sharpness = on("sharpness");
    i.anatomy = on("anatomy");
    i.slice = [
        ("slice-step", SliceDirection::LastStep),
        ("slice-v1", SliceDirection::EigenMin),
        ("slice-v2", SliceDirection::EigenMax),
    ]
    .into_iter()
    .find_map(|(name, d)| on(name).then_some(d));
}

fn panel_name(p: Panel) -> &'static str {
    match p {
        Panel::None => "all",
        Panel::Legend => "legend",
        Panel::Loss => "loss",
        Panel::Inspector => "inspector",
        Panel::Data => "data",
        Panel::MapOnly => "map-only",
    }
}

fn panel(name: &str) -> Panel {
    match name {
        "legend" => Panel::Legend,
        "loss" => Panel::Loss,
        "inspector" => Panel::Inspector,
        "data" => Panel::Data,
        "map-only" => Panel::MapOnly,
        _ => Panel::None,
    }
}

fn noise_name(n: NoiseMode) -> &'static str {
    match n {
        NoiseMode::Exact => "exact",
        NoiseMode::Low => "low",
        NoiseMode::High => "high",
    }
}

fn noise(name: Option<&str>) -> NoiseMode {
    match name {
        Some("low") => NoiseMode::Low,
        Some("high") => NoiseMode::High,
        _ => NoiseMode::Exact,
    }
}

/// The index of the speed in [`SPEEDS`] closest to `v` steps per second (in ratio).
fn nearest_speed(v: f64) -> usize {
    let distance = |s: f64| (s / v).ln().abs();
    (0..SPEEDS.len())
        .min_by(|&a, &b| distance(SPEEDS[a]).total_cmp(&distance(SPEEDS[b])))
        .unwrap_or(super::app::DEFAULT_SPEED)
}

/// A file-name-safe form of a surface name: lowercase letters, digits and dashes.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "surface".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{NOISE_NAMES, PANEL_NAMES};

    #[test]
    fn names_match_the_file_format() {
        for name in PANEL_NAMES {
            assert_eq!(panel_name(panel(name)), *name);
        }
        for name in NOISE_NAMES {
            assert_eq!(noise_name(noise(Some(name))), *name);
        }
        assert_eq!(slug("Double well (x⁴)"), "double-well-x");
        assert_eq!(SPEEDS[nearest_speed(20.0)], 20.0);
        assert_eq!(SPEEDS[nearest_speed(700.0)], 500.0);
    }
}
