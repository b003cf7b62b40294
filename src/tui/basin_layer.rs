//! The basin overlay (`B`): one run of the selected optimizer from the centre of every map
//! cell, and which minimum each reached, how fast, or that it diverged.
//!
//! Recomputed (in `ManyRuns::sync`, after every action) only when the surface, the view or
//! the optimizer's spec changes. Element-wise optimizers take the vectorised batch path
//! (200×60 cells × 500 steps in a few tens of ms); any other optimizer (Newton, L-BFGS, noisy
//! gradients) is run on a coarser grid, one run per `stride`×`stride` cells, so that one
//! recompute stays within [`SLOW_BUDGET`] steps and never freezes the keys.

use crate::analysis::{CriticalKind, CriticalPoint};
use crate::optim::OptimizerSpec;
use crate::optim::batch::{self, EndStatus, Path, basin};
use crate::render::{Rgb, Viewport};
use crate::run::RunLimits;
use crate::surface::{Point, SharedSurface};

/// Steps per run (a run stops earlier when it converges).
pub const OVERLAY_STEPS: usize = 500;
/// Most steps one recompute takes off the fast path (about a tenth of a second of `Run`s on
/// two cores).
pub const SLOW_BUDGET: usize = 1_000_000;

/// Where one cell's run went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BasinCell {
    /// Index into the critical points the layer was computed with (None: none reached).
    pub basin: Option<usize>,
    pub status: EndStatus,
    /// The step it converged or diverged at, or the steps taken.
    pub steps: usize,
}

/// The overlay for one surface, view and spec.
#[derive(Debug, Clone)]
pub struct BasinLayer {
    pub surface: String,
    pub viewport: Viewport,
    pub spec: OptimizerSpec,
    /// One run per `stride`×`stride` block of cells.
    pub stride: u16,
    /// Per cell, row-major from the top row.
    pub cells: Vec<BasinCell>,
    /// Per critical point (the layer's list), the share of the cells that reached it.
    pub shares: Vec<f64>,
    pub critical: Vec<CriticalPoint>,
    pub path: Path,
}

impl BasinLayer {
    /// Runs `spec` from every cell of `viewport` on `surface` and labels the ends against
    /// `critical`.
    pub fn compute(
        surface: &SharedSurface,
        spec: &OptimizerSpec,
        viewport: Viewport,
        critical: &[CriticalPoint],
        seed: u64,
    ) -> Self {
        let limits = RunLimits {
            max_steps: Some(OVERLAY_STEPS),
            ..RunLimits::default()
        };
        let path = batch::path(spec, surface, limits);
        let (cols, rows) = (viewport.cols.max(1), viewport.rows.max(1));
        let stride = match path {
            Path::Blocks(_) => 1,
            Path::Runs => stride_for(usize::from(cols) * usize::from(rows)),
        };
        let (w, h) = (cols.div_ceil(stride), rows.div_ceil(stride));
        let half = f64::from(stride) / 2.0;
        let starts: Vec<Point> = (0..h)
            .flat_map(|j| {
                (0..w).map(move |i| {
                    let (c, r) = (f64::from(i * stride) + half, f64::from(j * stride) + half);
                    viewport.at(c.min(f64::from(cols) - 0.5), r.min(f64::from(rows) - 0.5))
                })
            })
            .collect();
        let outcomes = batch::run_starts(surface, spec, &starts, limits, seed, &batch::no_progress);
        let region = viewport.region();
        let labels = basin::label(surface.as_ref(), critical, &outcomes, basin::reach(region));
        let coarse: Vec<BasinCell> = outcomes
            .iter()
            .zip(&labels)
            .map(|(o, l)| BasinCell {
                basin: l.basin,
                status: o.status,
                steps: o.steps,
            })
            .collect();
        let mut cells = Vec::with_capacity(usize::from(cols) * usize::from(rows));
        for r in 0..rows {
            for c in 0..cols {
                let k = usize::from(r / stride) * usize::from(w) + usize::from(c / stride);
                cells.push(coarse[k]);
            }
        }
        let mut shares = vec![0.0; critical.len()];
        for cell in &cells {
            if let Some(b) = cell.basin {
                shares[b] += 1.0 / cells.len() as f64;
            }
        }
        BasinLayer {
            surface: surface.name().to_string(),
            viewport,
            spec: spec.clone(),
            stride,
            cells,
            shares,
            critical: critical.to_vec(),
            path,
        }
    }

    /// Whether this layer shows `spec` on this surface and view.
    pub fn is_for(&self, surface: &str, viewport: &Viewport, spec: &OptimizerSpec) -> bool {
        self.surface == surface && self.viewport == *viewport && self.spec == *spec
    }

    pub fn cell(&self, c: u16, r: u16) -> Option<BasinCell> {
        let vp = &self.viewport;
        (c < vp.cols && r < vp.rows)
            .then(|| self.cells[usize::from(r) * usize::from(vp.cols) + usize::from(c)])
    }

    /// The colour of critical point `i`: the minima cycle through a palette, in the list's
    /// order; other critical points (a run stuck at a saddle) are grey.
    pub fn color(&self, i: usize) -> Rgb {
        basin_color(&self.critical, i)
    }
}

/// The smallest stride whose coarse grid stays within the slow path's budget.
fn stride_for(cells: usize) -> u16 {
    let runs = (SLOW_BUDGET / OVERLAY_STEPS).max(1);
    let mut s = 1u16;
    while cells.div_ceil(usize::from(s) * usize::from(s)) > runs && s < 64 {
        s += 1;
    }
    s
}

/// Okabe & Ito's colour-blind-safe palette (without black), for up to seven minima at once.
const PALETTE: [Rgb; 7] = [
    Rgb(230, 159, 0),
    Rgb(86, 180, 233),
    Rgb(0, 158, 115),
    Rgb(240, 228, 66),
    Rgb(0, 114, 178),
    Rgb(213, 94, 0),
    Rgb(204, 121, 167),
];

/// A minimum's own colour (see [`BasinLayer::color`]).
pub fn basin_color(critical: &[CriticalPoint], i: usize) -> Rgb {
    match critical.get(i) {
        Some(c) if c.kind() == CriticalKind::Minimum => {
            let rank = critical[..i]
                .iter()
                .filter(|c| c.kind() == CriticalKind::Minimum)
                .count();
            PALETTE[rank % PALETTE.len()]
        }
        _ => Rgb(150, 150, 150),
    }
}
