//! A network's landscape as a 2-D surface: the loss on the plane θ₀ + a·d₁ + b·d₂ through
//! its parameter space, exact at every point (forward passes, backprop, and Hessian-vector
//! products along d₁ and d₂), so the map, the inspector and critical points all work on it.
//! Runs race in the full space and are drawn by their projection on the plane.

use super::batched::BatchedLoss;
use super::directions::{point_on_plane, project, random_directions};
use super::mlp::Mlp;
use super::objective::NetworkObjective;
use super::pca::{PcaError, pca_plane};
use super::scalar::Dual;
use crate::optim::OptimizerSpec;
use crate::run::{Projection, Run};
use crate::surface::{Point, Region, Surface};
use nalgebra::{Matrix2, Vector2};
use rayon::prelude::*;
use std::sync::Arc;

/// The seed of the first random plane (as `slice --plane random` defaults to).
pub const PLANE_SEED: u64 = 1;

/// Which plane through parameter space.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaneKind {
    /// Two filter-normalised Gaussian directions (Li et al. 2018), from this seed.
    Random { seed: u64 },
    /// The top two principal directions of the runs' trajectories, with the share of the
    /// variance each explains.
    Pca { explained: [f64; 2] },
}

/// The plane: its origin θ₀ (the runs' common start) and two directions.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    pub center: Vec<f64>,
    pub dirs: [Vec<f64>; 2],
    pub kind: PlaneKind,
}

impl Plane {
    /// A random filter-normalised plane through `center`.
    pub fn random(mlp: &Mlp, center: Vec<f64>, seed: u64) -> Self {
        let dirs = random_directions(&mlp.arch, &center, seed);
        Self {
            center,
            dirs,
            kind: PlaneKind::Random { seed },
        }
    }

    /// The PCA plane of `trajectories` (each from the start to where the run is now), through
    /// `center`: the differences from the end of the longest, as Li et al. §7 take them.
    pub fn pca(center: Vec<f64>, trajectories: &[&[Vec<f64>]]) -> Result<Self, PcaError> {
        let longest = trajectories.iter().max_by_key(|t| t.len());
        let Some(end) = longest.and_then(|t| t.last()) else {
            return Err(PcaError::TooShort(0));
        };
        // One matrix of every visited point, the common end point last.
        let mut points: Vec<Vec<f64>> = trajectories
            .iter()
            .flat_map(|t| t.iter().cloned())
            .collect();
        points.push(end.clone());
        let pca = pca_plane(&points)?;
        Ok(Self {
            center,
            dirs: pca.directions,
            kind: PlaneKind::Pca {
                explained: pca.explained,
            },
        })
    }

    /// "random plane (seed 1)" or "PCA plane (81% + 9% of the variance)".
    pub fn describe(&self) -> String {
        match &self.kind {
            PlaneKind::Random { seed } => format!("random plane (seed {seed})"),
            PlaneKind::Pca { explained } => format!(
                "PCA plane ({:.0}% + {:.0}% of the variance)",
                100.0 * explained[0],
                100.0 * explained[1]
            ),
        }
    }
}

impl Projection for Plane {
    fn project(&self, x: &[f64]) -> Point {
        let (a, b) = project(&self.center, [&self.dirs[0], &self.dirs[1]], x);
        Point::new(a, b)
    }
    fn lift(&self, p: Point, out: &mut [f64]) {
        point_on_plane(
            &self.center,
            [&self.dirs[0], &self.dirs[1]],
            (p.x, p.y),
            out,
        );
    }
}

/// The loss of a network on a plane, as a surface.
pub struct PlaneSurface {
    pub mlp: Arc<Mlp>,
    pub plane: Arc<Plane>,
    batched: BatchedLoss,
    name: String,
    formula: String,
    view: Region,
}

impl PlaneSurface {
    pub fn new(mlp: Arc<Mlp>, plane: Plane, view: Region) -> Self {
        let name = format!("{} · {}", mlp.name, plane.describe());
        let formula = format!("L(θ₀ + a·d₁ + b·d₂), {}", mlp.arch.describe());
        Self {
            batched: BatchedLoss::new(&mlp.arch, &mlp.data),
            mlp,
            plane: Arc::new(plane),
            name,
            formula,
            view,
        }
    }

    /// The random filter-normalised plane (seed [`PLANE_SEED`]) through the network's initial
    /// parameters, over the unit square of the plane: what `tui --model` opens on.
    pub fn through_start(mlp: Arc<Mlp>) -> Self {
        let theta0 = mlp.initial_params(mlp.seed);
        let plane = Plane::random(&mlp, theta0, PLANE_SEED);
        Self::new(mlp, plane, Region::new(-1.0, 1.0, -1.0, 1.0))
    }

    /// The parameters at plane point `p`.
    pub fn lift(&self, p: Point) -> Vec<f64> {
        let mut theta = vec![0.0; self.mlp.len()];
        self.plane.lift(p, &mut theta);
        theta
    }

    /// A run of `spec` in the full parameter space from the parameters at `start`, drawn on
    /// this plane.
    pub fn run(&self, spec: OptimizerSpec, start: Point, seed: u64) -> Run {
        let objective = Arc::new(NetworkObjective::new(self.mlp.clone()));
        let projection: Arc<dyn Projection> = self.plane.clone();
        Run::on_objective(objective, spec, self.lift(start), seed).with_projection(projection)
    }

    /// ∇L at θ(p) and the Hessian-vector products H·d₁, H·d₂ there, in one forward-over-
    /// reverse pass whose two tangents are d₁ and d₂.
    fn along_plane(&self, p: Point) -> (Vec<Dual<2>>, f64) {
        let theta = self.lift(p);
        let params: Vec<Dual<2>> = theta
            .iter()
            .enumerate()
            .map(|(j, &v)| Dual {
                re: v,
                eps: [self.plane.dirs[0][j], self.plane.dirs[1][j]],
            })
            .collect();
        let mut grad = vec![Dual::seeded(0.0, None); theta.len()];
        let loss = super::backprop::backprop(
            &self.mlp.arch,
            &self.mlp.data,
            &params,
            self.mlp.rows(),
            &mut grad,
        );
        (grad, loss)
    }
}

fn dot(a: &[f64], b: impl Iterator<Item = f64>) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Surface for PlaneSurface {
    fn name(&self) -> &str {
        &self.name
    }
    fn formula(&self) -> &str {
        &self.formula
    }
    fn value(&self, p: Point) -> f64 {
        self.batched
            .loss(&self.lift(p), &mut self.batched.workspace())
    }
    fn gradient(&self, p: Point) -> Vector2<f64> {
        let mut g = vec![0.0; self.mlp.len()];
        self.mlp.gradient(&self.lift(p), &mut g);
        let [d1, d2] = &self.plane.dirs;
        Vector2::new(dot(d1, g.iter().copied()), dot(d2, g.iter().copied()))
    }
    fn hessian(&self, p: Point) -> Matrix2<f64> {
        let (hd, _) = self.along_plane(p);
        let [d1, d2] = &self.plane.dirs;
        let h11 = dot(d1, hd.iter().map(|g| g.eps[0]));
        let h22 = dot(d2, hd.iter().map(|g| g.eps[1]));
        // Symmetric in exact arithmetic; average the two round-offs.
        let h12 =
            0.5 * (dot(d1, hd.iter().map(|g| g.eps[1])) + dot(d2, hd.iter().map(|g| g.eps[0])));
        Matrix2::new(h11, h12, h12, h22)
    }
    fn view(&self) -> Region {
        self.view
    }
    fn start(&self) -> Point {
        self.plane.project(&self.plane.center)
    }
    fn axis_names(&self) -> (&str, &str) {
        ("a", "b")
    }
    fn note(&self) -> Option<&str> {
        Some("a plane through parameter space: runs move in all dimensions")
    }
    fn network(&self) -> Option<&PlaneSurface> {
        Some(self)
    }
    /// Every point exact, spread over rayon's pool, one workspace per worker.
    fn values(&self, points: &[Point], out: &mut [f64]) {
        const CHUNK: usize = 64;
        out.par_chunks_mut(CHUNK)
            .zip(points.par_chunks(CHUNK))
            .for_each_init(
                || (self.batched.workspace(), vec![0.0; self.mlp.len()]),
                |(ws, theta), (vals, pts)| {
                    for (v, p) in vals.iter_mut().zip(pts) {
                        self.plane.lift(*p, theta);
                        *v = self.batched.loss(theta, ws);
                    }
                },
            );
    }
}
