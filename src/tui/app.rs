//! The app state: everything one frame needs, built from a [`Setup`] and changed only by
//! `update` (see `update/`).

pub use super::default_race::{DEFAULT_SPECS, default_specs, default_specs_for};
use super::event::Mode;
use super::layout::{Layout, layout};
use super::lesson_player::Pace;
use super::racer::{NoiseMode, Racer};
use crate::analysis::CriticalPoint;
use crate::lesson::Lesson;
use crate::optim::{OptimizerSpec, SpecError};
use crate::render::{ColorMode, Field, FieldKey, ScaleMode, Viewport};
use crate::surface::{BUILTIN_NAMES, Point, Region, SharedSurface};

/// Steps per second the speed keys move through.
pub const SPEEDS: [f64; 13] = [
    1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0,
];
/// Index into [`SPEEDS`] at start: 20 steps/s, slow enough to follow each step.
pub const DEFAULT_SPEED: usize = 4;
/// A run stops advancing after this many steps (memory stays bounded when left playing).
pub const MAX_STEPS: usize = 200_000;

/// The surface the visualizer opens on.
pub const DEFAULT_SURFACE: &str = "himmelblau";

/// What the visualizer opens on, loaded at the edge (the command, a lesson, a test): building
/// an `App` from it reads no file.
#[derive(Clone)]
pub struct Setup {
    pub surface: SharedSurface,
    /// The race; empty means the race that shows this surface best ([`default_specs_for`]).
    pub specs: Vec<OptimizerSpec>,
    /// Common start point (default: the surface's own).
    pub start: Option<Point>,
    pub seed: u64,
    pub color: ColorMode,
    /// What the surface list offers (default: the built-ins).
    pub surfaces: Vec<SurfaceChoice>,
    /// A lesson to play, opened on its first beat.
    pub lesson: Option<Lesson>,
    /// How the lesson's run beats are animated.
    pub pace: Pace,
}

impl Setup {
    /// The default race on `surface`, seed 0, colours as the terminal has them.
    pub fn new(surface: SharedSurface) -> Self {
        Self {
            surface,
            specs: Vec::new(),
            start: None,
            seed: crate::args::DEFAULT_SEED,
            color: ColorMode::detect(),
            surfaces: builtin_choices(),
            lesson: None,
            pace: Pace::Speed,
        }
    }

    /// A lesson's surface, race and first beat.
    pub fn lesson(lesson: Lesson) -> Self {
        Self {
            specs: lesson.optimizers.iter().map(|o| o.parsed.clone()).collect(),
            lesson: Some(lesson.clone()),
            ..Self::new(lesson.surface)
        }
    }
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

/// The built-in surfaces, as the surface list shows them.
pub fn builtin_choices() -> Vec<SurfaceChoice> {
    BUILTIN_NAMES
        .iter()
        .map(|n| SurfaceChoice {
            name: n.to_string(),
            key: n.to_string(),
            origin: "built-in".into(),
            broken: false,
        })
        .collect()
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
    /// The isolated critical points of `findings` (what the map marks and the inspector names).
    pub critical: Vec<CriticalPoint>,
    /// The certified search's findings around the view (points, curves, unresolved parts).
    pub findings: super::critical::Findings,
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
    /// Curvature map, forecast, sharpness (see `instruments`).
    pub instruments: super::instruments::Instruments,
    /// Basin overlay, sweep map (see `many`).
    pub many: super::many::ManyRuns,
    /// A network's plane, spectrum and verdicts (see `model`).
    pub model: super::model::ModelView,
}

impl App {
    /// The visualizer on `setup`, playing (or, with a lesson, paused on its first beat).
    pub fn new(setup: Setup) -> Self {
        let surface = setup.surface;
        let lesson_view = setup.lesson.as_ref().map(|l| l.view);
        let view = lesson_view.unwrap_or_else(|| surface.view());
        let start = setup.start.unwrap_or_else(|| surface.start());
        let specs = if setup.specs.is_empty() {
            default_specs_for(surface.as_ref())
        } else {
            setup.specs
        };
        let mut app = Self {
            surface: surface.clone(),
            surfaces: setup.surfaces,
            racers: Vec::new(),
            selected: 0,
            start,
            seed: setup.seed,
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
            color_mode: setup.color,
            panel: Panel::None,
            menu: None,
            help: false,
            press: None,
            dragged: false,
            caption: None,
            critical: Vec::new(),
            findings: Default::default(),
            noise: NoiseMode::Exact,
            message: crate::commands::values::start_problem(surface.as_ref(), start),
            size: (120, 40),
            field: None,
            constraint_layer: None,
            field_builds: 0,
            quit: false,
            lesson: None,
            instruments: Default::default(),
            many: Default::default(),
            model: Default::default(),
        };
        for spec in specs {
            app.push_racer(spec);
        }
        if let Some(lesson) = setup.lesson {
            super::lesson_player::open(&mut app, lesson, setup.pace);
        }
        app.sync_field();
        super::critical::search_now(&mut app);
        app
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
        self.surface.data().is_some() || self.surface.network().is_some()
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
        if self.field.as_ref().is_none_or(|f| f.key != key)
            && !super::model::field_in_background(self, &key)
        {
            self.field = Some(Field::compute(self.surface.as_ref(), key));
            self.field_builds += 1;
        }
        let layer_key = (self.surface.name().to_string(), vp);
        if self.constraint_layer.as_ref().map(|l| &l.key) != Some(&layer_key) {
            self.constraint_layer =
                crate::render::ConstraintLayer::compute(self.surface.as_ref(), vp);
        }
        let selected = self.racers.get(self.selected).map(|r| &r.run);
        self.instruments
            .sync(&self.surface, vp, selected, self.seed);
        super::many::sync(self);
        super::model::sync(self);
    }

    /// Switches to another surface: view, start, critical points and runs all follow.
    pub fn set_surface(&mut self, surface: SharedSurface) {
        let view = surface.view();
        self.set_surface_in(surface, view);
    }

    /// Switches to another surface shown (and searched for critical points) in `view`.
    pub fn set_surface_in(&mut self, surface: SharedSurface, view: Region) {
        // A race nobody edited follows the surface (its tuned defaults); an edited one stays.
        let mut specs: Vec<OptimizerSpec> = self.racers.iter().map(|r| r.base.clone()).collect();
        let mut slots: Vec<usize> = self.racers.iter().map(|r| r.slot).collect();
        if specs == default_specs_for(self.surface.as_ref()) {
            specs = default_specs_for(surface.as_ref());
            slots = (0..specs.len()).collect();
        }
        self.view = view;
        self.start = surface.start();
        self.cursor = self.start;
        // Searched again by the driver (off the UI thread when live).
        self.critical.clear();
        self.findings.clear();
        self.model = super::model::ModelView::fresh(self.model.background);
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
