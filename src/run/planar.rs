//! The fast path of a 2-D run whose optimizer needs nothing but the exact gradient at the
//! current point (element-wise rules with exact gradients, clipped or not): the run computes
//! that gradient with the value for the record anyway, so a step is one call into the rule with
//! the point and gradient in registers (clipped as the oracle clips), one call to the surface,
//! and the same record and checks as `Run::step` — bit for bit the same run, without the
//! oracle's buffers in between.

use super::{Divergence, Run, TrajectoryPoint};
use crate::optim::GradientClip;
use crate::surface::{Point, SharedSurface};
use nalgebra::Vector2;

/// A planar run's surface, current point and the exact gradient there.
pub(super) struct Planar {
    pub surface: SharedSurface,
    /// What the oracle does to each gradient before the optimizer sees it.
    clip: GradientClip,
    pub x: Point,
    pub g: Vector2<f64>,
}

impl Planar {
    pub fn new(surface: SharedSurface, clip: GradientClip) -> Self {
        Self {
            surface,
            clip,
            x: Point::zeros(),
            g: Vector2::zeros(),
        }
    }

    /// The gradient the optimizer sees at `x`: `g`, clipped as `Oracle::gradient` clips.
    #[inline(always)]
    fn seen(&self) -> (f64, f64) {
        let mut g = [self.g.x, self.g.y];
        if !self.clip.is_none() {
            self.clip.apply(&mut g);
        }
        (g[0], g[1])
    }
}

impl Run {
    /// `Run::step` for a planar run (the run has not ended).
    #[inline]
    pub(super) fn step_planar(&mut self) -> bool {
        let Some(planar) = &mut self.planar else {
            return false;
        };
        let step = self.steps + 1;
        let lr = self.scheduler.lr();
        if let Some(m) = self.scheduler.momentum() {
            self.optimizer.set_momentum(m);
        }
        let before = planar.x;
        self.oracle.count_gradient();
        let (x0, x1) = (self.optimizer).step_on_gradient((before.x, before.y), planar.seen(), lr);
        let x = Point::new(x0, x1);
        let mut loss = 0.0;
        let (gx, gy) = planar.surface.gradient_and_value_xy(x0, x1, &mut loss);
        let g = Vector2::new(gx, gy);
        let bound = self.limits.bound;
        if !(x0.abs() <= bound && x1.abs() <= bound && loss.is_finite())
            && let Some(reason) = Divergence::of_step(&[x0, x1], loss, bound)
        {
            return self.diverge(step, reason);
        }
        (planar.x, planar.g) = (x, g);
        if let [a, b] = &mut self.x[..] {
            (*a, *b) = (x0, x1);
        }
        self.steps = step;
        let grad_norm = g.norm();
        let point = TrajectoryPoint {
            step,
            x,
            loss,
            grad_norm,
            lr,
            evals: self.oracle.counts(),
        };
        match self.history {
            true => self.trajectory.push(point),
            false => self.trajectory[0] = point,
        }
        self.scheduler.step(loss);
        // As `check_convergence`: |x − before| from the same sum of squares.
        let (dx, dy) = (x0 - before.x, x1 - before.y);
        let still = dx * dx + dy * dy < self.still_below;
        let stationarity = match self.constrained {
            true => crate::analysis::kkt_residual(planar.surface.as_ref(), x),
            false => grad_norm,
        };
        let converged = (stationarity < self.limits.grad_tol && still)
            || (x == before && self.optimizer.stopped());
        self.settle(step, converged);
        true
    }
}
