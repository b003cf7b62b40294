//! The teaching instruments' switches and caches: the curvature map (`d`; the issue's `K`
//! pans), the forecast of the selected run ("what if", drawn faint ahead of its head), the
//! sharpness mode of the loss panel (`E`), the anatomy of the selected run's next step (`A`)
//! and the 1-D slice through the cursor (`I`).
//!
//! Brought up to date after every action by [`Instruments::sync`] (the TUI's `update` stays
//! the only place state changes): the curvature layer is sampled again only when the surface
//! or the view changes, the forecast rebuilt only when the selected run's spec, start or
//! surface changes, and otherwise only extended as the head walks; the anatomy's shadow run
//! likewise stays one step ahead of the selected run's head.

use crate::analysis::{DEFAULT_HORIZON, Forecasts, Lookahead, SliceDirection};
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
    /// Draw the anatomy of the selected run's next step at its head (and list it).
    pub anatomy: bool,
    /// The selected run's next step, explained (kept while `anatomy` is on).
    pub lookahead: Option<Lookahead>,
    /// The loss panel shows f along this line through the cursor (None: off).
    pub slice: Option<SliceDirection>,
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
        match (self.anatomy, selected) {
            (true, Some(run)) => {
                let fresh = self
                    .lookahead
                    .as_ref()
                    .is_some_and(|l| l.is_for(surface.name(), run, seed));
                match self.lookahead.as_mut() {
                    Some(l) if fresh => l.advance_to(run.current().step),
                    _ => self.lookahead = Some(Lookahead::for_run(surface.clone(), run, seed)),
                }
            }
            _ => self.lookahead = None,
        }
        if self.forecast {
            self.forecasts
                .refresh(surface, selected, seed, DEFAULT_HORIZON);
        } else if !self.forecasts.is_empty() {
            self.forecasts = Forecasts::default();
        }
    }
}

/// The slice directions in the order `I` cycles them: off, the last step, v₁, v₂, off.
pub fn next_slice(current: Option<SliceDirection>) -> Option<SliceDirection> {
    match current {
        None => Some(SliceDirection::LastStep),
        Some(SliceDirection::EigenMax) => None,
        Some(d) => Some(d.next()),
    }
}
