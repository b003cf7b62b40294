//! The teaching instruments' switches and caches: the curvature map (`K`... see the key
//! table), the forecast of the selected run ("what if", drawn faint ahead of its head) and
//! the sharpness mode of the loss panel.
//!
//! Brought up to date after every action by [`Instruments::sync`] (the TUI's `update` stays
//! the only place state changes): the curvature layer is sampled again only when the surface
//! or the view changes, the forecast rebuilt only when the selected run's spec, start or
//! surface changes, and otherwise only extended as the head walks.

use crate::analysis::{DEFAULT_HORIZON, Forecasts};
use crate::render::Viewport;
use crate::render::curvature::CurvatureLayer;
use crate::run::Run;
use crate::surface::SharedSurface;

#[derive(Default)]
pub struct Instruments {
    /// Tint the map by the Hessian's definiteness, with the det H = 0 curves.
    pub curvature: bool,
    pub curvature_layer: Option<CurvatureLayer>,
    /// Draw the selected run's next [`DEFAULT_HORIZON`] steps faint ahead of its head.
    pub forecast: bool,
    pub forecasts: Forecasts,
    /// The loss panel shows sharpness (λmax of the Hessian) vs step, with 2/lr per run.
    pub sharpness: bool,
}

impl Instruments {
    /// Brings the caches in line with what is switched on.
    pub fn sync(
        &mut self,
        surface: &SharedSurface,
        viewport: Viewport,
        selected: Option<&Run>,
        seed: u64,
    ) {
        if self.curvature {
            let stale = self
                .curvature_layer
                .as_ref()
                .is_none_or(|l| !l.is_for(surface.name(), &viewport));
            if stale {
                self.curvature_layer = Some(CurvatureLayer::compute(surface.as_ref(), viewport));
            }
        }
        if self.forecast {
            self.forecasts
                .refresh(surface, selected, seed, DEFAULT_HORIZON);
        } else if !self.forecasts.is_empty() {
            self.forecasts = Forecasts::default();
        }
    }
}
