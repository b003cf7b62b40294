//! Scenes: one screen of the visualizer written down so that it can be opened again exactly.
//!
//! A scene file is a lesson (see [`crate::lesson`]) with a `[scene]` table: the screen before
//! the first beat. Any lesson may have one ("start 50 steps in, zoomed, with the gradient
//! arrows on"); a scene saved by the visualizer's `S` key is a lesson with one beat, a caption.
//! The lesson's own keys carry the surface, the view and each optimizer's spec (with its
//! label) and start; the `[scene]` table carries the rest:
//!
//! ```toml
//! [scene]
//! size = [120, 40]          # the terminal, in cells (render --scene draws at this size)
//! seed = 0                  # the seed of stochastic gradients
//! start = [-1.5, 2.0]       # the common start (an optimizer elsewhere has its own)
//! steps = [200, 200, 37]    # steps each [[optimizer]] has taken (or one number for all)
//! colors = [0, 1, 3]        # colour and glyph of each optimizer (0 = the first, ● blue)
//! selected = 2              # the selected optimizer, 1 = the first
//! cursor = [0.5, 1.25]
//! show = ["contours", "labels", "critical", "arrows"]   # overlays on, all others off
//! panel = "loss"            # the focused panel: all, legend, loss, inspector, data, map-only
//! scale = "log"             # the colour scale: auto, linear, log
//! noise = "exact"           # gradients: exact, low, high (the `b` key's three settings)
//! speed = 20                # steps per second when playing
//! playing = false
//! ```
//!
//! Every key is optional: what is missing is the visualizer's default. The runs are not
//! stored: they are replayed from their starts, which is exact because a run is deterministic
//! given its spec, start and seed.

use crate::args::{MAX_FRAME, MIN_FRAME};
use crate::diagnostic::Diagnostic;
use crate::surface::expr::closest_name;
use crate::surface::{Point, Region, TomlValues};
use crate::toml_doc::{Field, Table};
use std::fmt::Write as _;

pub const SCENE_KEYS: &[&str] = &[
    "size", "seed", "start", "steps", "colors", "selected", "cursor", "show", "panel", "scale",
    "noise", "speed", "playing",
];
/// The overlays and instruments `show` can switch on.
pub const SHOW_NAMES: &[&str] = &[
    "arrows",
    "hessian-axes",
    "labels",
    "contours",
    "critical",
    "curvature",
    "forecast",
    "sharpness",
    "anatomy",
    "slice-step",
    "slice-v1",
    "slice-v2",
];
/// The panels `panel` can focus ("all": none focused, every panel that fits).
pub const PANEL_NAMES: &[&str] = &["all", "legend", "loss", "inspector", "data", "map-only"];
pub const SCALE_NAMES: &[&str] = &["auto", "linear", "log"];
pub const NOISE_NAMES: &[&str] = &["exact", "low", "high"];
/// The visualizer stops a run after this many steps (`tui::app::MAX_STEPS`).
pub const MAX_SCENE_STEPS: u64 = 200_000;

/// The `[scene]` table of a lesson, validated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub size: Option<(u16, u16)>,
    pub seed: Option<u64>,
    pub start: Option<Point>,
    /// Steps of each optimizer, in the order of the lesson's `[[optimizer]]`s (empty: none).
    pub steps: Vec<u64>,
    pub colors: Option<Vec<usize>>,
    /// 0-based here (the file counts from 1, as the keys 1-9 do).
    pub selected: Option<usize>,
    pub cursor: Option<Point>,
    /// Names from [`SHOW_NAMES`]; `None` keeps the visualizer's defaults.
    pub show: Option<Vec<String>>,
    pub panel: Option<String>,
    pub scale: Option<String>,
    pub noise: Option<String>,
    pub speed: Option<f64>,
    pub playing: bool,
}

/// Reads the `[scene]` table of a lesson with `optimizers` optimizers.
pub fn parse(field: &Field, optimizers: usize) -> Result<Scene, Box<Diagnostic>> {
    let t = field.table()?;
    t.only_keys(SCENE_KEYS)?;
    let mut scene = Scene {
        size: t.get("size").map(|f| size(&f)).transpose()?,
        seed: t.get("seed").map(|f| f.count()).transpose()?,
        start: t.get("start").map(|f| f.point()).transpose()?,
        cursor: t.get("cursor").map(|f| f.point()).transpose()?,
        panel: name_of(&t, "panel", "panel", PANEL_NAMES)?,
        scale: name_of(&t, "scale", "colour scale", SCALE_NAMES)?,
        noise: name_of(&t, "noise", "noise setting", NOISE_NAMES)?,
        playing: t
            .get("playing")
            .map(|f| f.bool())
            .transpose()?
            .unwrap_or(false),
        ..Scene::default()
    };
    if let Some(f) = t.get("steps") {
        scene.steps = steps(&f, optimizers)?;
    }
    if let Some(f) = t.get("colors") {
        let colors = per_optimizer(&f, optimizers, "colors = [0, 1, 2]")?;
        let colors = colors.into_iter().map(|c| c.min(255) as usize).collect();
        scene.colors = Some(colors);
    }
    if let Some(f) = t.get("selected") {
        let n = f.count()?;
        if n == 0 || n > optimizers as u64 {
            return Err(f.invalid(
                format!("selected = {n} is not one of the {optimizers} optimizers"),
                &format!("expected 1 to {optimizers} (1 = the first [[optimizer]])"),
            ));
        }
        scene.selected = Some(n as usize - 1);
    }
    if let Some(f) = t.get("show") {
        let mut names = Vec::new();
        for item in f.array("an array of names, e.g. [\"contours\", \"arrows\"]")? {
            names.push(one_of(&item, "overlay", SHOW_NAMES)?.to_string());
        }
        scene.show = Some(names);
    }
    if let Some(f) = t.get("speed") {
        let v = f.number()?;
        if !(v > 0.0 && v <= 1e6) {
            return Err(f.invalid(
                format!("speed = {v} is out of range"),
                "expected steps per second, more than 0, e.g. 20",
            ));
        }
        scene.speed = Some(v);
    }
    Ok(scene)
}

fn size(f: &Field) -> Result<(u16, u16), Box<Diagnostic>> {
    let (w, h) = f.pair("[columns, rows], e.g. [100, 30]")?;
    let ok =
        |v: f64, lo: u16, hi: u16| v.fract() == 0.0 && v >= f64::from(lo) && v <= f64::from(hi);
    if ok(w, MIN_FRAME.0, MAX_FRAME.0) && ok(h, MIN_FRAME.1, MAX_FRAME.1) {
        Ok((w as u16, h as u16))
    } else {
        Err(f.invalid(
            format!("size = [{w}, {h}] is not a terminal size losscape draws"),
            &format!(
                "expected whole numbers from [{}, {}] to [{}, {}]",
                MIN_FRAME.0, MIN_FRAME.1, MAX_FRAME.0, MAX_FRAME.1
            ),
        ))
    }
}

/// `steps = N` (every optimizer) or one count per optimizer.
fn steps(f: &Field, optimizers: usize) -> Result<Vec<u64>, Box<Diagnostic>> {
    let counts = match f.count() {
        Ok(n) => vec![n; optimizers],
        Err(_) if f.array("").is_ok() => per_optimizer(f, optimizers, "steps = [200, 200]")?,
        Err(e) => return Err(e),
    };
    match counts.iter().find(|&&n| n > MAX_SCENE_STEPS) {
        Some(n) => Err(f.invalid(
            format!("{n} steps is more than the visualizer runs"),
            &format!("expected at most {MAX_SCENE_STEPS} steps per optimizer"),
        )),
        None => Ok(counts),
    }
}

/// An array of whole numbers, one per optimizer.
fn per_optimizer(f: &Field, optimizers: usize, example: &str) -> Result<Vec<u64>, Box<Diagnostic>> {
    let items = f.array(&format!("an array of whole numbers, e.g. {example}"))?;
    if items.len() != optimizers {
        return Err(f.invalid(
            format!(
                "'{}' has {} entries for {optimizers} optimizers",
                f.key,
                items.len()
            ),
            "expected one entry per [[optimizer]], in their order",
        ));
    }
    items.iter().map(|i| i.count()).collect()
}

fn name_of(
    t: &Table,
    key: &str,
    what: &str,
    names: &[&str],
) -> Result<Option<String>, Box<Diagnostic>> {
    t.get(key)
        .map(|f| one_of(&f, what, names).map(str::to_string))
        .transpose()
}

/// A string that is one of `names`, with a suggestion when it is close to one.
fn one_of<'d>(f: &Field<'d, '_>, what: &str, names: &[&str]) -> Result<&'d str, Box<Diagnostic>> {
    let s = f.str()?;
    if names.contains(&s) {
        return Ok(s);
    }
    let mut d = f.invalid(
        format!("unknown {what} '{s}'"),
        &format!("expected one of: {}", names.join(", ")),
    );
    if let Some(c) = closest_name(s, names.iter().copied()) {
        d.help = Some(format!("did you mean '{c}'?"));
    }
    Err(d)
}

/// Everything a scene file holds, to be written out ([`SceneFile::to_toml`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SceneFile {
    pub title: String,
    /// A built-in name or a surface file's path (from where the scene is written).
    pub surface: String,
    pub view: Region,
    /// Each optimizer's spec and start.
    pub optimizers: Vec<(String, Point)>,
    pub scene: Scene,
    /// The caption of the scene's one beat (what `losscape play` shows under the map).
    pub caption: String,
}

impl SceneFile {
    /// The file's text: a lesson with a `[scene]` table and one beat.
    pub fn to_toml(&self) -> String {
        let s = &self.scene;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# A losscape scene: `losscape tui --scene FILE` opens this screen, \
             `losscape render --scene FILE` draws it, `losscape play FILE` plays it as a \
             one-beat lesson."
        );
        let _ = writeln!(out, "title = {}", quoted(&self.title));
        // A network (`tui --model`) is named as lessons name one.
        match self.surface.strip_prefix(crate::tui::driver::MODEL_KEY) {
            Some(path) => writeln!(out, "model = {}", quoted(path)),
            None => writeln!(out, "surface = {}", quoted(&self.surface)),
        }
        .ok();
        let _ = writeln!(out, "view = {}", region(self.view));
        for (spec, start) in &self.optimizers {
            let _ = writeln!(out, "\n[[optimizer]]\nspec = {}", quoted(spec));
            let _ = writeln!(out, "start = {}", point(*start));
        }
        out.push_str("\n[scene]\n");
        if let Some((w, h)) = s.size {
            let _ = writeln!(out, "size = [{w}, {h}]");
        }
        if let Some(seed) = s.seed {
            let _ = writeln!(out, "seed = {seed}");
        }
        if let Some(p) = s.start {
            let _ = writeln!(out, "start = {}", point(p));
        }
        if !s.steps.is_empty() {
            let _ = writeln!(out, "steps = {}", list(s.steps.iter()));
        }
        if let Some(c) = &s.colors {
            let _ = writeln!(out, "colors = {}", list(c.iter()));
        }
        if let Some(i) = s.selected {
            let _ = writeln!(out, "selected = {}", i + 1);
        }
        if let Some(p) = s.cursor {
            let _ = writeln!(out, "cursor = {}", point(p));
        }
        if let Some(show) = &s.show {
            let names: Vec<String> = show.iter().map(|n| quoted(n)).collect();
            let _ = writeln!(out, "show = [{}]", names.join(", "));
        }
        for (key, value) in [
            ("panel", &s.panel),
            ("scale", &s.scale),
            ("noise", &s.noise),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "{key} = {}", quoted(v));
            }
        }
        if let Some(v) = s.speed {
            let _ = writeln!(out, "speed = {}", float(v));
        }
        let _ = writeln!(out, "playing = {}", s.playing);
        let _ = writeln!(out, "\n[[beat]]\ncaption = {}", quoted(&self.caption));
        out
    }
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A float as TOML writes it: the shortest text that reads back as the same number.
fn float(v: f64) -> String {
    toml::Value::Float(v).to_string()
}

fn point(p: Point) -> String {
    format!("[{}, {}]", float(p.x), float(p.y))
}

fn region(r: Region) -> String {
    format!(
        "{{ x = [{}, {}], y = [{}, {}] }}",
        float(r.x0),
        float(r.x1),
        float(r.y0),
        float(r.y1)
    )
}

fn list<T: std::fmt::Display>(items: impl Iterator<Item = T>) -> String {
    let items: Vec<String> = items.map(|i| i.to_string()).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_so_they_read_back_exactly() {
        for v in [0.1, -1.0 / 3.0, 1e-20, 123456789.125, -0.0, 2.0] {
            let text = float(v);
            let back: f64 = text.parse().expect("a float");
            assert_eq!(back.to_bits(), v.to_bits(), "{text}");
        }
    }

    #[test]
    fn the_step_limit_is_the_visualizers() {
        assert_eq!(MAX_SCENE_STEPS as usize, crate::tui::app::MAX_STEPS);
    }
}
