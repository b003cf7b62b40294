//! The app state: everything one frame needs, changed only by `update` (see `update.rs`).

use super::TuiError;
use super::event::Mode;
use super::layout::{Layout, layout};
use super::racer::{NoiseMode, Racer};
use crate::analysis::{CriticalPoint, classify, critical_points};
use crate::optim::{OptimizerSpec, SpecError};
use crate::render::{ColorMode, Field, FieldKey, ScaleMode, Viewport};
use crate::surface::{BUILTIN_NAMES, Point, Region, SharedSurface, Surface, catalog, resolve};
use std::path::{Path, PathBuf};

/// Steps per second the speed keys move through.
pub const SPEEDS: [f64; 13] = [
    1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0,
];
/// Index into [`SPEEDS`] at start: 20 steps/s, slow enough to follow each step.
pub const DEFAULT_SPEED: usize = 4;
/// A run stops advancing after this many steps (memory stays bounded when left playing).
pub const MAX_STEPS: usize = 200_000;

/// The default race: plain Newton heads for the saddle it starts near, the others for minima.
pub const DEFAULT_SURFACE: &str = "himmelblau";
pub const DEFAULT_SPECS: &[&str] = &["gd:lr=0.01", "momentum:lr=0.01", "adam:lr=0.1", "newton"];

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    pub surface: Option<String>,
    pub specs: Vec<String>,
    pub start: Option<Point>,
    pub seed: u64,
    pub color: Option<ColorMode>,
    /// Where the surface list looks for `.toml` files (default `./surfaces`).
    pub surfaces_dir: Option<PathBuf>,
}

/// One entry of the surface list.
#[derive(Debug, Clone, PartialEq)]
pub struct SurfaceChoice {
    /// What the list shows: the surface's name.
    pub name: String,
    /// What `surface::resolve` takes: a built-in name or a file's path.
    pub key: String,
    /// Where it comes from ("built-in" or the path), or why the file does not load.
    pub origin: String,
    pub broken: bool,
}

/// The built-ins, then every `.toml` surface in `dir` (broken files listed with their error,
/// so whoever wrote one sees what is wrong).
pub fn surface_choices(dir: &Path) -> Vec<SurfaceChoice> {
    let mut out: Vec<SurfaceChoice> = BUILTIN_NAMES
        .iter()
        .map(|n| SurfaceChoice {
            name: n.to_string(),
            key: n.to_string(),
            origin: "built-in".into(),
            broken: false,
        })
        .collect();
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
    out
}

/// Which panel has the focus (on small screens, the only one shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// No panel focused: all panels on large screens, the map alone on small ones.
    None,
    Legend,
    Loss,
    Inspector,
    Data,
    /// The map alone, maximised, on any screen.
    MapOnly,
}

impl Panel {
    pub fn title(self) -> &'static str {
        match self {
            Panel::None => "",
            Panel::Legend => "Optimizers",
            Panel::Loss => "Loss vs step",
            Panel::Inspector => "Inspector",
            Panel::Data => "Data space",
            Panel::MapOnly => "Map only",
        }
    }
}

/// Overlays on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    pub arrows: bool,
    pub hessian_axes: bool,
    pub labels: bool,
    pub contours: bool,
    pub critical: bool,
}

/// A caption under the map: a lesson's text, shown large enough to read from the back.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// The panel title, e.g. "Saddle points versus minima · 3/12".
    pub title: String,
    pub text: String,
}

/// A list the user picks from.
#[derive(Debug, Clone, PartialEq)]
pub enum Menu {
    Surfaces { index: usize },
    AddOptimizer { index: usize },
}

pub struct App {
    pub surface: SharedSurface,
    /// What the surface list offers: the built-ins, then the files of `surfaces/`.
    pub surfaces: Vec<SurfaceChoice>,
    pub racers: Vec<Racer>,
    pub selected: usize,
    /// The common start point.
    pub start: Point,
    pub seed: u64,
    pub playing: bool,
    pub speed: usize,
    /// Fractional steps owed by the clock.
    pub step_debt: f64,
    /// The region asked for; the view fits it to the map's shape.
    pub view: Region,
    pub cursor: Point,
    pub overlays: Overlays,
    pub scale_mode: ScaleMode,
    pub color_mode: ColorMode,
    pub panel: Panel,
    pub menu: Option<Menu>,
    pub help: bool,
    /// Where the left button went down, and whether the mouse has dragged since.
    pub press: Option<(u16, u16)>,
    pub dragged: bool,
    /// Shown under the map when set (lessons set it; nothing in the app itself does).
    pub caption: Option<Caption>,
    pub critical: Vec<CriticalPoint>,
    pub noise: NoiseMode,
    /// One line of feedback (errors, what changed).
    pub message: Option<String>,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// The sampled field for the current view (cache; see `sync_field`).
    pub field: Option<Field>,
    /// The constraint layer of a constrained surface, sampled like `field` (None otherwise).
    pub constraint_layer: Option<crate::render::ConstraintLayer>,
    /// How many times the field was sampled (the cache is working if frames do not add).
    pub field_builds: u64,
    pub quit: bool,
    /// The lesson being played (`losscape play`), if any.
    pub lesson: Option<super::lesson_player::LessonPlayer>,
}

impl App {
    pub fn new(opts: TuiOptions) -> Result<Self, TuiError> {
        let surface = resolve(opts.surface.as_deref().unwrap_or(DEFAULT_SURFACE))?;
        let start = opts.start.unwrap_or_else(|| surface.start());
        let specs: Vec<OptimizerSpec> = if opts.specs.is_empty() {
            default_specs_for(surface.as_ref())
        } else {
            opts.specs
                .iter()
                .map(|s| s.parse::<OptimizerSpec>())
                .collect::<Result<_, _>>()?
        };
        let view = surface.view();
        let mut app = Self {
            surface: surface.clone(),
            surfaces: surface_choices(
                opts.surfaces_dir
                    .as_deref()
                    .unwrap_or(Path::new("surfaces")),
            ),
            racers: Vec::new(),
            selected: 0,
            start,
            seed: opts.seed,
            playing: true,
            speed: DEFAULT_SPEED,
            step_debt: 0.0,
            view,
            cursor: start,
            overlays: Overlays {
                arrows: false,
                // Off until asked for (`e`): from the start point it reads as another run.
                hessian_axes: false,
                labels: true,
                contours: true,
                critical: true,
            },
            scale_mode: ScaleMode::Auto,
            color_mode: opts.color.unwrap_or_else(ColorMode::detect),
            panel: Panel::None,
            menu: None,
            help: false,
            press: None,
            dragged: false,
            caption: None,
            critical: critical_points(surface.as_ref(), view),
            noise: NoiseMode::Exact,
            message: crate::commands::values::start_problem(surface.as_ref(), start),
            size: (120, 40),
            field: None,
            constraint_layer: None,
            field_builds: 0,
            quit: false,
            lesson: None,
        };
        for spec in specs {
            app.push_racer(spec);
        }
        app.sync_field();
        Ok(app)
    }

    /// Which key table applies.
    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.menu.is_some() {
            Mode::Menu
        } else {
            Mode::Map
        }
    }

    pub fn steps_per_second(&self) -> f64 {
        SPEEDS[self.speed.min(SPEEDS.len() - 1)]
    }

    pub fn is_data_surface(&self) -> bool {
        self.surface.data().is_some()
    }

    pub fn layout(&self) -> Layout {
        layout(self)
    }

    /// The fitted view of the map as it is drawn now.
    pub fn viewport(&self) -> Viewport {
        let m = self.layout().field;
        if self.surface.equal_aspect() {
            Viewport::fit(self.view, m.width, m.height)
        } else {
            Viewport::stretch(self.view, m.width, m.height)
        }
    }

    /// Adds an optimizer racing from the common start, with the next free colour and glyph.
    pub fn push_racer(&mut self, spec: OptimizerSpec) {
        let slot = (0..)
            .find(|s| self.racers.iter().all(|r| r.slot != *s))
            .unwrap_or(0);
        match self.new_racer(spec, slot) {
            Ok(r) => self.racers.push(r),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// A racer for `spec` in colour `slot` on the current surface, start, seed and noise.
    fn new_racer(&self, spec: OptimizerSpec, slot: usize) -> Result<Racer, SpecError> {
        Racer::new(
            self.surface.clone(),
            spec,
            self.start,
            self.seed,
            slot,
            self.noise,
        )
    }

    /// Re-samples the field if the view, size, surface or scale changed since the last time.
    pub fn sync_field(&mut self) {
        let vp = self.viewport();
        let key = FieldKey {
            surface: self.surface.name().to_string(),
            viewport: vp,
            mode: self.scale_mode,
            // Without colour the lines carry the picture alone: fewer, so paths stay readable.
            contour_count: if self.color_mode.has_color() {
                usize::from(vp.rows / 3).clamp(5, 14)
            } else {
                usize::from(vp.rows / 6).clamp(4, 8)
            },
        };
        if self.field.as_ref().is_none_or(|f| f.key != key) {
            self.field = Some(Field::compute(self.surface.as_ref(), key));
            self.field_builds += 1;
        }
        let layer_key = (self.surface.name().to_string(), vp);
        if self.constraint_layer.as_ref().map(|l| &l.key) != Some(&layer_key) {
            self.constraint_layer =
                crate::render::ConstraintLayer::compute(self.surface.as_ref(), vp);
        }
    }

    /// Switches to another surface: view, start, critical points and runs all follow.
    pub fn set_surface(&mut self, surface: SharedSurface) {
        // A race nobody edited follows the surface (its tuned defaults); an edited one stays.
        let mut specs: Vec<OptimizerSpec> = self.racers.iter().map(|r| r.base.clone()).collect();
        let mut slots: Vec<usize> = self.racers.iter().map(|r| r.slot).collect();
        if specs == default_specs_for(self.surface.as_ref()) {
            specs = default_specs_for(surface.as_ref());
            slots = (0..specs.len()).collect();
        }
        self.view = surface.view();
        self.start = surface.start();
        self.cursor = self.start;
        self.critical = critical_points(surface.as_ref(), self.view);
        self.surface = surface;
        // Noise kinds differ between data and closed-form surfaces: start exact.
        self.noise = NoiseMode::Exact;
        self.racers.clear();
        for (spec, slot) in specs.into_iter().zip(slots) {
            if let Ok(r) = self.new_racer(spec, slot) {
                self.racers.push(r);
            }
        }
        if self.panel == Panel::Data && !self.is_data_surface() {
            self.panel = Panel::None;
        }
        self.field = None;
    }
}

/// The default race, keeping only the specs this build's optimizers understand (gd always).
pub fn default_specs() -> Vec<OptimizerSpec> {
    parse_specs(DEFAULT_SPECS.iter().map(|s| s.to_string()))
}

/// The race that shows a surface best: the constraint-honouring methods beside plain gradient
/// descent on a constrained surface; on data and constrained surfaces, learning rates scaled
/// to the curvature at the start (2/λmax is the stability limit of gradient descent, so the
/// raw advertising data, λmax ≈ 5.8·10⁴, needs lr ≈ 10⁻⁵ where a test function takes 0.01);
/// else the default race.
pub fn default_specs_for(surface: &dyn Surface) -> Vec<OptimizerSpec> {
    let lmax = classify(surface.hessian(surface.start())).eigenvalues[1];
    let stable_lr = (lmax.is_finite() && lmax > 0.0).then(|| round_to_one_digit(1.0 / lmax));
    if !surface.constraints().is_empty() {
        let lr = stable_lr.unwrap_or(0.1).min(0.1);
        return parse_specs(
            ["gd", "projected", "penalty", "auglag"]
                .iter()
                .map(|name| format!("{name}:lr={lr}")),
        );
    }
    if surface.data().is_some()
        && let Some(lr) = stable_lr
    {
        return parse_specs(
            [
                format!("gd:lr={lr}"),
                format!("momentum:lr={lr}"),
                "adam:lr=0.1".to_string(),
                "newton".to_string(),
            ]
            .into_iter(),
        );
    }
    default_specs()
}

/// Rounds down to one significant digit (0.0000173 → 0.00001), so labels stay short.
fn round_to_one_digit(v: f64) -> f64 {
    let scale = 10f64.powf(v.log10().floor());
    let rounded = (v / scale).floor() * scale;
    // Printing through the shortest round-trip form keeps 1e-5 from reading 0.000010000000000000001.
    format!("{rounded:.1e}").parse().unwrap_or(rounded)
}

fn parse_specs(texts: impl Iterator<Item = String>) -> Vec<OptimizerSpec> {
    let specs: Vec<OptimizerSpec> = texts.filter_map(|s| s.parse().ok()).collect();
    if specs.is_empty() {
        "gd:lr=0.01".parse().into_iter().collect()
    } else {
        specs
    }
}
