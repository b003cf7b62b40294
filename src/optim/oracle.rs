//! The oracle: f, ∇f and ∇²f of a surface, counted, with optional stochastic gradients.

use super::GradientClip;
use crate::surface::{Point, SharedSurface};
use nalgebra::{Matrix2, Vector2};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// How the gradient the optimizer sees differs from the exact one.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum GradientNoise {
    /// The exact (full-batch) gradient.
    #[default]
    Exact,
    /// Exact gradient plus N(0, sigma²) in each coordinate (closed-form surfaces).
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
    surface: SharedSurface,
    noise: GradientNoise,
    rng: ChaCha8Rng,
    seed: u64,
    counts: EvalCounts,
    clip: GradientClip,
}

impl Oracle {
    pub fn new(surface: SharedSurface, noise: GradientNoise, seed: u64) -> Self {
        Self {
            surface,
            noise,
            rng: ChaCha8Rng::seed_from_u64(seed),
            seed,
            counts: EvalCounts::default(),
            clip: GradientClip::default(),
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

    pub fn surface(&self) -> &SharedSurface {
        &self.surface
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
    }

    pub fn value(&mut self, p: Point) -> f64 {
        self.counts.values += 1;
        self.surface.value(p)
    }

    /// The gradient the optimizer sees: exact, noisy, or a minibatch estimate, then clipped.
    #[inline]
    pub fn gradient(&mut self, p: Point) -> Vector2<f64> {
        self.counts.gradients += 1;
        let g = self.raw_gradient(p);
        if self.clip.is_none() {
            g
        } else {
            self.clip.apply(g)
        }
    }

    /// f and the gradient the optimizer sees, counted as one value and one gradient
    /// (what a torch closure returns).
    pub fn value_and_gradient(&mut self, p: Point) -> (f64, Vector2<f64>) {
        (self.value(p), self.gradient(p))
    }

    #[inline]
    fn raw_gradient(&mut self, p: Point) -> Vector2<f64> {
        match self.noise {
            GradientNoise::Exact => self.surface.gradient(p),
            GradientNoise::Gaussian { sigma } => {
                let g = self.surface.gradient(p);
                match Normal::new(0.0, sigma) {
                    Ok(n) => g + Vector2::new(n.sample(&mut self.rng), n.sample(&mut self.rng)),
                    Err(_) => g,
                }
            }
            GradientNoise::Minibatch { batch } => match self.surface.data() {
                Some(data) if batch < data.rows() => {
                    let rows = rand::seq::index::sample(&mut self.rng, data.rows(), batch.max(1))
                        .into_vec();
                    data.gradient_on(p, &rows)
                }
                _ => self.surface.gradient(p),
            },
        }
    }

    pub fn hessian(&mut self, p: Point) -> Matrix2<f64> {
        self.counts.hessians += 1;
        self.surface.hessian(p)
    }
}
