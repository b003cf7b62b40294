//! The visualizer on a real network (`tui --model M.toml`): the map is the loss on a plane
//! through parameter space ([`PlaneSurface`]); the runs race in all N parameters and are drawn
//! by their projection. This file keeps what only a network has: the plane in use (`P`
//! switches random ↔ PCA of the runs so far), the Hessian spectrum at the cursor (`M`), and
//! what each finished run reached in N dimensions.

use crate::model::plane::{PLANE_SEED, Plane, PlaneKind, PlaneSurface};
use crate::model::{Mlp, negative_count, spectrum};
use crate::render::{Field, FieldKey};
use crate::run::Projection;
use crate::surface::{Point, Region, SharedSurface};
use crate::tui::app::App;
use std::sync::{Arc, mpsc};

/// A network's run stops after this many steps: it keeps every parameter vector it visits
/// (for re-projecting onto a new plane), so memory stays bounded (N · 8 bytes a step).
pub const MAX_STEPS: usize = 5_000;

/// While playing with `M` on, a run's Hessian is taken every this many steps.
pub const RUN_EVERY: usize = 10;

/// The optimizers a network opens with: plain, heavy-ball and adaptive steps.
pub const MODEL_SPECS: &[&str] = &["gd:lr=0.5", "momentum:lr=0.1", "adam:lr=0.01"];

/// What the exact Hessian says at one point of parameter space.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// All N eigenvalues, ascending.
    pub eigenvalues: Vec<f64>,
    /// How many curve down (the index).
    pub negative: usize,
    /// Full-space |∇L|.
    pub grad_norm: f64,
}

impl Verdict {
    pub fn at(mlp: &Mlp, theta: &[f64]) -> Self {
        let eigenvalues = spectrum(&mlp.hessian(theta));
        let mut g = vec![0.0; mlp.len()];
        mlp.gradient(theta, &mut g);
        Self {
            negative: negative_count(&eigenvalues),
            eigenvalues,
            grad_norm: crate::objective::norm(&g),
        }
    }

    /// "minimum" or "saddle of index k" (what the eigenvalues say about the shape).
    pub fn shape(&self) -> String {
        match self.negative {
            0 => "minimum".into(),
            k => format!("saddle of index {k}"),
        }
    }
}

/// Network state of the app (inert on other surfaces).
#[derive(Default)]
pub struct ModelView {
    /// Sample the map on a worker thread (the live terminal; recordings and tests wait).
    pub background: bool,
    /// The map being sampled in the background, and for which key.
    pending: Option<(FieldKey, mpsc::Receiver<Field>)>,
    /// `M`: the inspector shows the Hessian spectrum at the cursor.
    pub spectrum: bool,
    /// The spectrum at this cursor point.
    pub at_cursor: Option<(Point, Verdict)>,
    /// What each run reached: (racer slot, the step, verdict), the latest per run.
    pub finished: Vec<(usize, usize, Verdict)>,
}

impl ModelView {
    /// A new network's state (nothing computed yet), sampling as before.
    pub fn fresh(background: bool) -> Self {
        Self {
            background,
            ..Self::default()
        }
    }

    /// The verdict for the racer in `slot` at `step`, if one was taken there.
    pub fn finished(&self, slot: usize, step: usize) -> Option<&Verdict> {
        self.finished
            .iter()
            .find(|(s, t, _)| *s == slot && *t == step)
            .map(|v| &v.2)
    }

    /// The latest verdict taken for the racer in `slot` (at most RUN_EVERY steps old).
    pub fn latest(&self, slot: usize) -> Option<&Verdict> {
        self.finished
            .iter()
            .find(|(s, _, _)| *s == slot)
            .map(|v| &v.2)
    }
}

/// The network's plane surface, random through the model's initial parameters.
pub fn open(mlp: Arc<Mlp>) -> SharedSurface {
    Arc::new(PlaneSurface::through_start(mlp))
}

/// Loads a model file as a plane surface (the driver's effect for a model in the list).
pub fn load(path: &str) -> Result<SharedSurface, String> {
    crate::model::load(std::path::Path::new(path))
        .map(|m| open(Arc::new(m)))
        .map_err(|e| e.to_string())
}

/// Whether the map for `key` is being (or was just) sampled off the UI thread: a network's
/// map costs a full-batch forward pass per braille dot (about a second at 200x60), so the live
/// terminal keeps drawing the old map, and answering keys, until the new one is ready. At most
/// one sampling runs at a time; a result for a key no longer wanted is dropped.
pub fn field_in_background(app: &mut App, key: &FieldKey) -> bool {
    if !app.model.background || app.surface.network().is_none() {
        return false;
    }
    if let Some((pending, rx)) = &app.model.pending {
        match rx.try_recv() {
            Ok(field) => {
                if pending == key {
                    app.field = Some(field);
                    app.field_builds += 1;
                    app.model.pending = None;
                    return true;
                }
            }
            Err(mpsc::TryRecvError::Empty) => return true,
            Err(mpsc::TryRecvError::Disconnected) => {}
        }
    }
    let (tx, rx) = mpsc::channel();
    let (surface, job) = (app.surface.clone(), key.clone());
    std::thread::spawn(move || {
        let _ = tx.send(Field::compute(surface.as_ref(), job));
    });
    app.model.pending = Some((key.clone(), rx));
    true
}

/// After every update: the Hessian verdicts that are due (finished runs, the cursor with `M`).
pub fn sync(app: &mut App) {
    let Some(net) = app.surface.network() else {
        return;
    };
    let mlp = net.mlp.clone();
    // With M (and always in a lesson, whose captions read it), each run's index where it is
    // now: while playing every RUN_EVERY steps, paused at once.
    let every_run = app.model.spectrum || app.lesson.is_some();
    let mut wanted = Vec::new();
    for r in &app.racers {
        let step = r.run.current().step;
        let due =
            r.run.status().is_finished() || (every_run && (!app.playing || step % RUN_EVERY == 0));
        if due && app.model.finished(r.slot, step).is_none() {
            wanted.push((r.slot, step, r.run.params().to_vec()));
        }
    }
    for (slot, step, theta) in wanted {
        app.model.finished.retain(|(s, _, _)| *s != slot);
        app.model
            .finished
            .push((slot, step, Verdict::at(&mlp, &theta)));
    }
    if app.model.spectrum
        && app
            .model
            .at_cursor
            .as_ref()
            .is_none_or(|(p, _)| *p != app.cursor)
    {
        let theta = net.lift(app.cursor);
        app.model.at_cursor = Some((app.cursor, Verdict::at(&mlp, &theta)));
    }
}

/// `M`: the Hessian spectrum at the cursor, on or off.
pub fn toggle_spectrum(app: &mut App) {
    if app.surface.network().is_none() {
        app.message = Some("M: the Hessian spectrum is for networks (tui --model M.toml)".into());
        return;
    }
    app.model.spectrum = !app.model.spectrum;
    app.model.at_cursor = None;
}

/// `P`: random plane → PCA plane of the runs so far → a new random plane (runs keep going;
/// their paths are re-projected).
pub fn switch_plane(app: &mut App) {
    let Some(net) = app.surface.network() else {
        app.message = Some("P: the PCA plane is for networks (tui --model M.toml)".into());
        return;
    };
    let (mlp, old) = (net.mlp.clone(), net.plane.clone());
    let plane = match &old.kind {
        PlaneKind::Random { .. } => {
            let paths: Vec<&[Vec<f64>]> =
                app.racers.iter().map(|r| r.run.params_history()).collect();
            match Plane::pca(old.center.clone(), &paths) {
                Ok(p) => p,
                Err(e) => {
                    app.message = Some(format!("no PCA plane yet: {e} (let the runs move)"));
                    return;
                }
            }
        }
        PlaneKind::Pca { .. } => Plane::random(&mlp, old.center.clone(), PLANE_SEED),
    };
    let view = fit_paths(app, &plane);
    let describe = plane.describe();
    let surface = Arc::new(PlaneSurface::new(mlp, plane, view));
    let projection: Arc<dyn Projection> = surface.plane.clone();
    for r in &mut app.racers {
        r.run.set_projection(projection.clone());
    }
    app.view = view;
    app.cursor = surface.plane.project(&surface.plane.center);
    app.surface = surface;
    app.field = None;
    app.message = Some(format!("map: {describe}"));
}

/// A view holding every projected path with a margin (at least the unit square).
fn fit_paths(app: &App, plane: &Plane) -> Region {
    let (mut lo, mut hi) = (Point::new(-1.0, -1.0), Point::new(1.0, 1.0));
    for r in &app.racers {
        for x in r.run.params_history() {
            let p = plane.project(x);
            lo = lo.inf(&p);
            hi = hi.sup(&p);
        }
    }
    let pad = 0.15 * (hi - lo);
    Region::new(lo.x - pad.x, hi.x + pad.x, lo.y - pad.y, hi.y + pad.y)
}
