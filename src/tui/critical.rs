//! The critical points the map shows: the same certified search as `losscape critical`, over
//! a region around the visible map, searched again when the view moves far from it (panning
//! into new territory, zooming out, or zooming in so far that its curves look coarse).
//!
//! The app only says which search it wants ([`wanted`]); the driver runs it, on a worker
//! thread in the live TUI ([`Worker`], so keys are answered meanwhile) and at once for
//! recordings and still frames (so they show what a user would see once it finished).

use super::app::App;
use crate::analysis::{Analysis, SearchOptions, search};
use crate::surface::{Region, SharedSurface};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What the map's critical-point layer knows.
#[derive(Default, Clone)]
pub struct Findings {
    /// The latest answer, the surface it is for and its generation.
    pub shown: Option<(SharedSurface, u64, Arc<Analysis>)>,
    /// A search asked for and not answered yet: its generation and region.
    pub pending: Option<(u64, Region)>,
    generation: u64,
}

impl Findings {
    /// The latest answer if it is for `surface`.
    pub fn analysis_for(&self, surface: &SharedSurface) -> Option<&Analysis> {
        self.shown
            .as_ref()
            .filter(|(s, _, _)| Arc::ptr_eq(s, surface))
            .map(|(_, _, a)| a.as_ref())
    }
    /// Forget everything (another surface).
    pub fn clear(&mut self) {
        self.shown = None;
        self.pending = None;
    }
}

/// One search: this surface in this region.
#[derive(Clone)]
pub struct Job {
    pub surface: SharedSurface,
    pub region: Region,
    pub generation: u64,
}

impl Job {
    pub fn run(&self) -> Analysis {
        search(
            self.surface.as_ref(),
            self.region,
            &SearchOptions::default(),
        )
    }
}

/// The region searched for a visible region: a quarter of it more on each side, so a small
/// pan does not search again.
pub fn search_region(visible: Region) -> Region {
    let (dx, dy) = (0.25 * visible.width(), 0.25 * visible.height());
    Region::new(
        visible.x0 - dx,
        visible.x1 + dx,
        visible.y0 - dy,
        visible.y1 + dy,
    )
}

/// Whether findings for `searched` still serve a map showing `visible`: it covers the view
/// (to 2 % of it) and is not more than 8 times wider or taller.
pub fn serves(searched: Region, visible: Region) -> bool {
    let (tx, ty) = (0.02 * visible.width(), 0.02 * visible.height());
    let covers = searched.x0 <= visible.x0 + tx
        && searched.x1 >= visible.x1 - tx
        && searched.y0 <= visible.y0 + ty
        && searched.y1 >= visible.y1 - ty;
    covers
        && searched.width() <= 8.0 * visible.width()
        && searched.height() <= 8.0 * visible.height()
}

/// The search the map needs now, if any (and marks it pending).
pub fn wanted(app: &mut App) -> Option<Job> {
    // None on a network's plane: a point critical in the plane is not one of the network
    // (its N-D verdicts are the runs' and `M`'s).
    if app.surface.network().is_some() {
        return None;
    }
    let visible = app.viewport().region();
    if !(visible.width() > 0.0 && visible.height() > 0.0) {
        return None;
    }
    let f = &mut app.findings;
    let shown = f
        .shown
        .as_ref()
        .filter(|(s, _, _)| Arc::ptr_eq(s, &app.surface))
        .map(|(_, _, a)| a.region);
    if shown.is_some_and(|r| serves(r, visible)) {
        return None;
    }
    if f.pending.is_some_and(|(_, r)| serves(r, visible)) {
        return None;
    }
    f.generation += 1;
    let region = search_region(visible);
    f.pending = Some((f.generation, region));
    Some(Job {
        surface: app.surface.clone(),
        region,
        generation: f.generation,
    })
}

/// Takes an answer: shown if it is for the current surface and newer than what is shown.
pub fn found(app: &mut App, job: &Job, analysis: Analysis) {
    if !Arc::ptr_eq(&job.surface, &app.surface) {
        return;
    }
    let f = &mut app.findings;
    if f.shown
        .as_ref()
        .is_some_and(|(s, g, _)| Arc::ptr_eq(s, &job.surface) && *g > job.generation)
    {
        return;
    }
    if f.pending.is_some_and(|(g, _)| g == job.generation) {
        f.pending = None;
    }
    f.shown = Some((job.surface.clone(), job.generation, Arc::new(analysis)));
    let Some((_, _, analysis)) = app.findings.shown.clone() else {
        return;
    };
    app.critical = analysis.critical_points();
    if app.message.is_none() {
        app.message = notice(&analysis, app.viewport().region());
    }
}

/// The one thing about new findings worth a line in the footer: a constant or undefined f,
/// or parts of the view the search could not decide.
fn notice(a: &Analysis, visible: Region) -> Option<String> {
    if a.constant.is_some() {
        return Some("f is constant here: every point is critical".into());
    }
    if a.domain == crate::analysis::Domain::Undefined {
        return Some("f is undefined everywhere here".into());
    }
    let hidden = a
        .unresolved
        .iter()
        .any(|u| u.x0 < visible.x1 && visible.x0 < u.x1 && u.y0 < visible.y1 && visible.y0 < u.y1);
    hidden.then(|| {
        "critical points: the search could not decide the hatched (╲) parts; points may hide \
         there"
            .into()
    })
}

/// Runs what the map needs now, on this thread.
pub fn search_now(app: &mut App) {
    if let Some(job) = wanted(app) {
        let analysis = job.run();
        found(app, &job, analysis);
    }
}

/// Runs searches on a thread of their own, one at a time (the newest asked for waits).
pub struct Worker {
    tx: Sender<(Job, Analysis)>,
    rx: Receiver<(Job, Analysis)>,
    busy: bool,
    queued: Option<Job>,
}

impl Default for Worker {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            busy: false,
            queued: None,
        }
    }
}

impl Worker {
    /// Starts `job`, or queues it (replacing an older queued one) while another runs.
    pub fn start(&mut self, job: Job) {
        if self.busy {
            self.queued = Some(job);
            return;
        }
        self.busy = true;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let analysis = job.run();
            let _ = tx.send((job, analysis));
        });
    }

    /// Hands finished answers to the app and starts the queued job.
    pub fn poll(&mut self, app: &mut App) {
        while let Ok((job, analysis)) = self.rx.try_recv() {
            self.busy = false;
            found(app, &job, analysis);
        }
        if !self.busy
            && let Some(job) = self.queued.take()
        {
            self.start(job);
        }
    }
}
