//! The oracle: f, ∇f and ∇²f of an objective, counted, with optional stochastic gradients and
//! clipping. Optimizers ask it for what they need; the run reads its counts.

use super::GradientClip;
use crate::objective::{SharedObjective, SurfaceObjective};
use crate::surface::{Constraint, Point, SharedSurface};
use nalgebra::{DMatrix, Vector2};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use std::sync::Arc;

/// How the gradient the optimizer sees differs from the exact one.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum GradientNoise {
    /// The exact (full-batch) gradient.
    #[default]
    Exact,
    /// Exact gradient plus N(0, sigma²) in each coordinate (closed-form objectives).
    Gaussian { sigma: f64 },
    /// Mean gradient over `batch` rows drawn without replacement (data surfaces).
    Minibatch { batch: usize },
}

/// How much work an optimizer asked for: so Newton and L-BFGS are compared by work, not steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct EvalCounts {
    pub values: u64,
    pub gradients: u64,
    pub hessians: u64,
}

pub struct Oracle {
    objective: SharedObjective,
    /// The surface behind a 2-D objective: its data (minibatches) and constraints, and a
    /// direct path to its gradient.
    surface: Option<SharedSurface>,
    noise: GradientNoise,
    rng: ChaCha8Rng,
    seed: u64,
    counts: EvalCounts,
    clip: GradientClip,
    /// The exact gradient at a point the run evaluated it at anyway (see [`Oracle::prime`]).
    primed: Option<([u64; 2], Vector2<f64>)>,
    /// The same for an N-D objective: the point and its exact gradient (a network's backward
    /// pass is most of a step).
    primed_nd: Option<(Vec<f64>, Vec<f64>)>,
}

impl Oracle {
    /// The oracle of a 2-D surface.
    pub fn new(surface: SharedSurface, noise: GradientNoise, seed: u64) -> Self {
        let objective: SharedObjective = Arc::new(SurfaceObjective::new(surface.clone()));
        let mut o = Self::for_objective(objective, noise, seed);
        o.surface = Some(surface);
        o
    }

    /// The oracle of an N-parameter objective.
    pub fn for_objective(objective: SharedObjective, noise: GradientNoise, seed: u64) -> Self {
        Self {
            objective,
            surface: None,
            noise,
            rng: ChaCha8Rng::seed_from_u64(seed),
            seed,
            counts: EvalCounts::default(),
            clip: GradientClip::default(),
            primed: None,
            primed_nd: None,
        }
    }

    /// The same oracle, clipping every gradient it hands out (after noise, as torch clips
    /// the gradient that backward produced).
    pub fn with_clip(mut self, clip: GradientClip) -> Self {
        self.clip = clip;
        self
    }

    pub fn clip(&self) -> GradientClip {
        self.clip
    }

    pub fn objective(&self) -> &SharedObjective {
        &self.objective
    }

    /// The surface, when the objective is a 2-D surface.
    pub fn surface(&self) -> Option<&SharedSurface> {
        self.surface.as_ref()
    }

    /// The constraints the optimization must honour (none for an N-D objective).
    pub fn constraints(&self) -> &[Constraint] {
        self.surface.as_ref().map_or(&[], |s| s.constraints())
    }

    pub fn dim(&self) -> usize {
        self.objective.dim()
    }

    pub fn noise(&self) -> GradientNoise {
        self.noise
    }

    pub fn counts(&self) -> EvalCounts {
        self.counts
    }

    /// Back to the state right after `new`: counts zero, random stream from the seed again.
    pub fn reset(&mut self) {
        self.counts = EvalCounts::default();
        self.rng = ChaCha8Rng::seed_from_u64(self.seed);
        self.primed = None;
        self.primed_nd = None;
    }

    /// Hands over the exact gradient `g` at `p` (a run computes it for its record after each
    /// step): the next gradient asked at exactly `p` is then not computed a second time.
    #[inline]
    pub fn prime(&mut self, p: Point, g: Vector2<f64>) {
        self.primed = Some(([p.x.to_bits(), p.y.to_bits()], g));
    }

    /// [`Oracle::prime`] for an N-D objective: the exact gradient `g` at `x`. Kept only when
    /// the optimizer sees exact gradients (a noisy one never asks for it: no copy then).
    pub fn prime_nd(&mut self, x: &[f64], g: &[f64]) {
        if self.noise != GradientNoise::Exact {
            return;
        }
        let (at, grad) = self.primed_nd.get_or_insert_with(Default::default);
        at.clear();
        at.extend_from_slice(x);
        grad.clear();
        grad.extend_from_slice(g);
    }

    pub fn value(&mut self, x: &[f64]) -> f64 {
        self.counts.values += 1;
        self.objective.value(x)
    }

    /// Whether the gradient handed out is a 2-D surface's exact one, then clipped if the spec
    /// clips (`clip()`): a run that computed the exact gradient with the value (see
    /// [`Oracle::prime`]) may then use it, clipped, counting it with [`Oracle::count_gradient`].
    pub fn clipped_exact_on_surface(&self) -> bool {
        self.surface.is_some() && self.noise == GradientNoise::Exact
    }

    /// Counts a gradient the caller computed itself (see [`Oracle::clipped_exact_on_surface`]).
    #[inline]
    pub fn count_gradient(&mut self) {
        self.counts.gradients += 1;
    }

    /// The gradient the optimizer sees, into `g`: exact, noisy, or a minibatch estimate, then
    /// clipped.
    #[inline]
    pub fn gradient(&mut self, x: &[f64], g: &mut [f64]) {
        self.counts.gradients += 1;
        if let (Some(s), GradientNoise::Exact, [x0, x1], [g0, g1]) =
            (&self.surface, self.noise, x, &mut *g)
        {
            let at = [x0.to_bits(), x1.to_bits()];
            let d = match self.primed.take() {
                Some((p, g)) if p == at => g,
                _ => s.gradient(Point::new(*x0, *x1)),
            };
            (*g0, *g1) = (d.x, d.y);
        } else {
            self.gradient_elsewhere(x, g);
        }
        if !self.clip.is_none() {
            self.clip.apply(g);
        }
    }

    /// [`Oracle::gradient`] of an N-D objective or a noisy one, unclipped.
    fn gradient_elsewhere(&mut self, x: &[f64], g: &mut [f64]) {
        match (&self.surface, self.noise) {
            (None, GradientNoise::Exact) => match &self.primed_nd {
                Some((at, grad)) if same_bits(at, x) => g.copy_from_slice(grad),
                _ => self.objective.gradient(x, g),
            },
            _ => self.noisy_gradient(x, g),
        }
    }

    /// f and the gradient the optimizer sees, counted as one value and one gradient
    /// (what a torch closure returns).
    pub fn value_and_gradient(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
        let f = self.value(x);
        self.gradient(x, g);
        f
    }

    fn noisy_gradient(&mut self, x: &[f64], g: &mut [f64]) {
        // An N-D data objective (a network): the minibatch's own gradient, one pass.
        let rows = self.objective.data_rows();
        if let GradientNoise::Minibatch { batch } = self.noise
            && self.surface.is_none()
            && batch < rows
        {
            let sample = rand::seq::index::sample(&mut self.rng, rows, batch.max(1)).into_vec();
            self.objective.gradient_on_rows(x, &sample, g);
            return;
        }
        self.objective.gradient(x, g);
        match self.noise {
            GradientNoise::Exact => {}
            GradientNoise::Gaussian { sigma } => {
                if let Ok(n) = Normal::new(0.0, sigma) {
                    for c in g.iter_mut() {
                        *c += n.sample(&mut self.rng);
                    }
                }
            }
            GradientNoise::Minibatch { batch } => {
                if let Some(data) = self.surface.as_ref().and_then(|s| s.data())
                    && batch < data.rows()
                {
                    let rows = rand::seq::index::sample(&mut self.rng, data.rows(), batch.max(1))
                        .into_vec();
                    let d = data.gradient_on(Point::new(x[0], x[1]), &rows);
                    g[0] = d.x;
                    g[1] = d.y;
                }
            }
        }
    }

    pub fn hessian(&mut self, x: &[f64]) -> DMatrix<f64> {
        self.counts.hessians += 1;
        self.objective.hessian(x)
    }
}

/// Whether two points are the same floats (a primed gradient is exact only there).
fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(p, q)| p.to_bits() == q.to_bits())
}

/// 2-D conveniences for the planar methods (constrained methods, the 2×2 Newton path).
impl Oracle {
    pub fn value_at(&mut self, p: Point) -> f64 {
        self.value(p.as_slice())
    }

    pub fn gradient_at(&mut self, p: Point) -> nalgebra::Vector2<f64> {
        let mut g = [0.0; 2];
        self.gradient(p.as_slice(), &mut g);
        nalgebra::Vector2::new(g[0], g[1])
    }

    pub fn value_and_gradient_at(&mut self, p: Point) -> (f64, nalgebra::Vector2<f64>) {
        (self.value_at(p), self.gradient_at(p))
    }

    pub fn hessian_at(&mut self, p: Point) -> nalgebra::Matrix2<f64> {
        if let Some(s) = &self.surface {
            // The surface's own 2×2 (what its objective copies into a DMatrix), no heap.
            self.counts.hessians += 1;
            return s.hessian(p);
        }
        let h = self.hessian(p.as_slice());
        nalgebra::Matrix2::new(h[(0, 0)], h[(0, 1)], h[(1, 0)], h[(1, 1)])
    }
}
