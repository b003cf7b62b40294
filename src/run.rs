//! A run: one optimizer stepping one objective from one start, step by step.
//!
//! The caller owns the clock: `step()` advances exactly one iteration. A run ends `Diverged`
//! when a step leaves the finite world (or a generous bound; the offending point is never
//! recorded), `StepLimit` after `RunLimits::max_steps` steps, and `Converged` when |∇f| and
//! the step are below tolerance — at once if `RunLimits::stop_at_convergence` (the TUI), else
//! at the step limit if the test still holds (a headless run takes every step it was asked
//! for, as a training loop does). A converged run says what it converged to, from the Hessian
//! there. The lr of each step comes from the spec's schedule (ReduceLROnPlateau watches the
//! true loss at each new point). History is kept for drawing, or only the latest point for
//! streaming (`with_history(false)`: memory flat in steps).

mod ending;
mod planar;
mod status;

pub use ending::RunLimits;
pub(crate) use ending::squares_below;
pub use status::{Divergence, RunStatus, classify_hessian};

use crate::analysis::CriticalKind;
use crate::objective::{SharedObjective, SurfaceObjective, norm};
use crate::optim::{EvalCounts, Optimizer, OptimizerSpec, Oracle, Scheduler};
use crate::surface::{Point, SharedSurface};
use planar::Planar;
use std::sync::Arc;

/// One recorded point of a trajectory; step 0 is the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrajectoryPoint {
    pub step: usize,
    /// The point in the plane (the first two parameters of an N-D run: see `Run::params`).
    pub x: Point,
    /// True f(x) (not the noisy or minibatch estimate the optimizer saw).
    pub loss: f64,
    /// True |∇f(x)|.
    pub grad_norm: f64,
    /// The learning rate used for the step that led here (the initial lr at step 0).
    pub lr: f64,
    /// Cumulative oracle work so far.
    pub evals: EvalCounts,
}

pub struct Run {
    spec: OptimizerSpec,
    objective: SharedObjective,
    /// The surface of a 2-D run (its true f and ∇f are read directly; constraints).
    surface: Option<SharedSurface>,
    constrained: bool,
    optimizer: Box<dyn Optimizer>,
    oracle: Oracle,
    scheduler: Scheduler,
    start: Vec<f64>,
    x: Vec<f64>,
    before: Vec<f64>,
    grad: Vec<f64>,
    /// A 2-D run whose optimizer needs only the exact gradient (see `run::planar`).
    planar: Option<Planar>,
    steps: usize,
    history: bool,
    trajectory: Vec<TrajectoryPoint>,
    status: RunStatus,
    limits: RunLimits,
    /// |x − before|² below this is a still step: |x − before| < max(step_tol, 1e-6).
    still_below: f64,
    converged_at: Option<usize>,
    converged_to: Option<CriticalKind>,
    /// The plane an N-D run is drawn on (trajectory points are projections on it).
    projection: Option<Arc<dyn Projection>>,
    /// Every parameter vector of a projected run, so the plane can change later.
    params_history: Vec<Vec<f64>>,
}

/// A plane through an N-D parameter space that a run is drawn on (a network's slice).
pub trait Projection: Send + Sync {
    /// Plane coordinates of a parameter vector.
    fn project(&self, x: &[f64]) -> Point;
    /// The parameter vector at plane coordinates `p`, into `out`.
    fn lift(&self, p: Point, out: &mut [f64]);
}

impl Run {
    /// A run on a 2-D surface.
    pub fn new(surface: SharedSurface, spec: OptimizerSpec, start: Point, seed: u64) -> Self {
        let oracle = Oracle::new(surface.clone(), spec.noise(), seed).with_clip(spec.clip());
        let objective: SharedObjective = Arc::new(SurfaceObjective::new(surface.clone()));
        Self::build(
            objective,
            Some(surface),
            oracle,
            spec,
            vec![start.x, start.y],
        )
    }

    /// A run on an N-parameter objective from `start` (`objective.dim()` long).
    pub fn on_objective(
        objective: SharedObjective,
        spec: OptimizerSpec,
        start: Vec<f64>,
        seed: u64,
    ) -> Self {
        let oracle =
            Oracle::for_objective(objective.clone(), spec.noise(), seed).with_clip(spec.clip());
        Self::build(objective, None, oracle, spec, start)
    }

    fn build(
        objective: SharedObjective,
        surface: Option<SharedSurface>,
        oracle: Oracle,
        spec: OptimizerSpec,
        start: Vec<f64>,
    ) -> Self {
        let dim = objective.dim();
        let optimizer = spec.build(dim);
        let planar = surface
            .clone()
            .filter(|_| {
                dim == 2 && oracle.clipped_exact_on_surface() && optimizer.steps_on_gradient()
            })
            .map(|s| Planar::new(s, oracle.clip()));
        let mut run = Self {
            optimizer,
            planar,
            scheduler: spec.schedule().start(),
            constrained: surface
                .as_ref()
                .is_some_and(|s| !s.constraints().is_empty()),
            spec,
            objective,
            surface,
            oracle,
            x: start.clone(),
            before: start.clone(),
            grad: vec![0.0; dim],
            start,
            steps: 0,
            history: true,
            trajectory: Vec::new(),
            status: RunStatus::Running,
            limits: RunLimits::default(),
            still_below: 0.0,
            converged_at: None,
            converged_to: None,
            projection: None,
            params_history: Vec::new(),
        };
        run.reset_to_start();
        run
    }

    /// Draw this N-D run on a plane: its trajectory points become projections (and
    /// `restart` lifts a plane point into parameter space). Starts over.
    pub fn with_projection(mut self, projection: Arc<dyn Projection>) -> Self {
        self.projection = Some(projection);
        self.reset_to_start();
        self
    }

    /// Moves the run onto another plane, re-projecting every point it has visited.
    pub fn set_projection(&mut self, projection: Arc<dyn Projection>) {
        for (t, x) in self.trajectory.iter_mut().zip(&self.params_history) {
            t.x = projection.project(x);
        }
        self.projection = Some(projection);
    }

    /// Every parameter vector a projected run visited, the start first (empty otherwise).
    pub fn params_history(&self) -> &[Vec<f64>] {
        &self.params_history
    }

    /// The full parameters of the start.
    pub fn start_params(&self) -> &[f64] {
        &self.start
    }

    pub fn with_limits(mut self, limits: RunLimits) -> Self {
        self.limits = limits;
        self.reset_to_start();
        self
    }

    /// Keep every point (true: for drawing) or only the latest (false: streaming).
    pub fn with_history(mut self, history: bool) -> Self {
        self.history = history;
        self.reset_to_start();
        self
    }

    pub fn limits(&self) -> RunLimits {
        self.limits
    }

    /// The learning rate the next step will use (from the schedule).
    pub fn next_lr(&self) -> f64 {
        self.scheduler.lr()
    }

    /// Oracle work so far (for the step not yet recorded, too).
    pub fn evals(&self) -> EvalCounts {
        self.oracle.counts()
    }

    pub fn spec(&self) -> &OptimizerSpec {
        &self.spec
    }

    pub fn label(&self) -> String {
        self.spec.label()
    }

    pub fn status(&self) -> &RunStatus {
        &self.status
    }

    /// What the run converged to, by the Hessian there (None unless converged, and on
    /// constrained surfaces, where ∇f need not vanish at the answer).
    pub fn converged_to(&self) -> Option<CriticalKind> {
        self.converged_to
    }

    /// The recorded points: all of them, or only the latest without history.
    pub fn trajectory(&self) -> &[TrajectoryPoint] {
        &self.trajectory
    }

    /// The latest point (the start before any step).
    pub fn current(&self) -> &TrajectoryPoint {
        // The trajectory always holds at least one point (see `reset_to_start`).
        &self.trajectory[self.trajectory.len() - 1]
    }

    /// All parameters at the latest point.
    pub fn params(&self) -> &[f64] {
        &self.x
    }

    /// The sharpness at the current point: the largest eigenvalue of the exact Hessian (the
    /// edge of stability for gradient descent is lr·sharpness = 2). NaN where it is undefined.
    pub fn sharpness(&self) -> f64 {
        let h = self.objective.hessian(&self.x);
        if h.nrows() == 2 {
            let m = nalgebra::Matrix2::new(h[(0, 0)], h[(0, 1)], h[(1, 0)], h[(1, 1)]);
            return crate::analysis::sharpness(m);
        }
        if !h.iter().all(|v| v.is_finite()) {
            return f64::NAN;
        }
        h.symmetric_eigenvalues().max()
    }

    pub fn dim(&self) -> usize {
        self.x.len()
    }

    /// The optimizer (for its named state).
    pub fn optimizer(&self) -> &dyn Optimizer {
        self.optimizer.as_ref()
    }

    pub fn start(&self) -> Point {
        self.to_plane(&self.start)
    }

    fn to_plane(&self, x: &[f64]) -> Point {
        match &self.projection {
            Some(p) => p.project(x),
            None => plane(x),
        }
    }

    /// Starts over from `start` with fresh optimizer state and the same random stream (an
    /// N-D run moves its first two parameters there and keeps the rest of its start).
    pub fn restart(&mut self, start: Point) {
        if let Some(p) = &self.projection {
            // The run's own start when asked for the point it projects to (a projection
            // loses the other N − 2 coordinates; lifting it back would not give them).
            if p.project(&self.start) != start {
                p.lift(start, &mut self.start);
            }
            self.reset_to_start();
            return;
        }
        self.start[0] = start.x;
        if let Some(y) = self.start.get_mut(1) {
            *y = start.y;
        }
        self.reset_to_start();
    }

    fn reset_to_start(&mut self) {
        self.optimizer.reset();
        self.oracle.reset();
        self.scheduler.reset();
        self.still_below = ending::squares_below(self.limits.step_tol.max(1e-6));
        self.x.clone_from(&self.start);
        self.steps = 0;
        self.status = RunStatus::Running;
        self.converged_at = None;
        self.converged_to = None;
        self.trajectory.clear();
        self.params_history.clear();
        let (loss, grad_norm) = self.true_loss_and_grad_norm();
        self.record(loss, grad_norm, self.scheduler.lr());
        if let Some(reason) = Divergence::of_start(&self.x, loss, self.limits.bound) {
            self.status = RunStatus::Diverged { step: 0, reason };
        } else if self.limits.max_steps == Some(0) {
            self.status = RunStatus::StepLimit { step: 0 };
        }
    }

    /// True f and |∇f| at the current point.
    #[inline]
    fn true_loss_and_grad_norm(&mut self) -> (f64, f64) {
        match &self.surface {
            Some(s) => {
                let p = plane(&self.x);
                let (f, g) = s.value_and_gradient(p);
                // The next step's gradient is at this same point: computed once.
                match &mut self.planar {
                    Some(planar) => (planar.x, planar.g) = (p, g),
                    None => self.oracle.prime(p, g),
                }
                (f, g.norm())
            }
            None => {
                let f = self.objective.value_and_gradient(&self.x, &mut self.grad);
                self.oracle.prime_nd(&self.x, &self.grad);
                (f, norm(&self.grad))
            }
        }
    }

    #[inline]
    fn record(&mut self, loss: f64, grad_norm: f64, lr: f64) {
        if self.projection.is_some() && self.history {
            self.params_history.push(self.x.clone());
        }
        let p = TrajectoryPoint {
            step: self.steps,
            x: self.to_plane(&self.x),
            loss,
            grad_norm,
            lr,
            evals: self.oracle.counts(),
        };
        if self.history || self.trajectory.is_empty() {
            self.trajectory.push(p);
        } else {
            self.trajectory[0] = p;
        }
    }

    /// Advances one iteration; returns false (and does nothing) once the run has ended.
    pub fn step(&mut self) -> bool {
        if self.status.is_finished() {
            return false;
        }
        if self.planar.is_some() {
            return self.step_planar();
        }
        let step = self.steps + 1;
        let lr = self.scheduler.lr();
        if let Some(m) = self.scheduler.momentum() {
            self.optimizer.set_momentum(m);
        }
        if let ([b0, b1], [x0, x1]) = (&mut self.before[..], &self.x[..]) {
            // A 2-D run: two moves, not a memmove call.
            (*b0, *b1) = (*x0, *x1);
        } else {
            self.before.copy_from_slice(&self.x);
        }
        if let Err(e) = self.optimizer.step(&mut self.x, lr, &mut self.oracle) {
            self.x.copy_from_slice(&self.before);
            return self.diverge(step, e.into());
        }
        let (loss, grad_norm) = self.true_loss_and_grad_norm();
        if let Some(reason) = Divergence::of_step(&self.x, loss, self.limits.bound) {
            self.x.copy_from_slice(&self.before);
            return self.diverge(step, reason);
        }
        self.steps = step;
        self.record(loss, grad_norm, lr);
        self.scheduler.step(loss);
        self.check_convergence(step, grad_norm);
        true
    }
}

/// The first two coordinates as a point in the plane.
#[inline]
fn plane(x: &[f64]) -> Point {
    Point::new(x[0], x.get(1).copied().unwrap_or(0.0))
}
