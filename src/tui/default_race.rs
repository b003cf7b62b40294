//! The race the visualizer opens on: the optimizers that show a surface best.

use crate::analysis::classify;
use crate::optim::OptimizerSpec;
use crate::surface::Surface;

/// The default race: plain Newton heads for the saddle it starts near, the others for minima.
pub const DEFAULT_SPECS: &[&str] = &["gd:lr=0.01", "momentum:lr=0.01", "adam:lr=0.1", "newton"];

/// The default race, keeping only the specs this build's optimizers understand (gd always).
pub fn default_specs() -> Vec<OptimizerSpec> {
    parse_specs(DEFAULT_SPECS.iter().map(|s| s.to_string()))
}

/// The race that shows a surface best: the constraint-honouring methods beside plain gradient
/// descent on a constrained surface; on data and constrained surfaces, learning rates scaled
/// to the curvature at the start (2/λmax is the stability limit of gradient descent, so the
/// raw advertising data, λmax ≈ 5.8·10⁴, needs lr ≈ 10⁻⁵ where a test function takes 0.01);
/// else the default race.
pub fn default_specs_for(surface: &dyn Surface) -> Vec<OptimizerSpec> {
    if surface.network().is_some() {
        return parse_specs(super::model::MODEL_SPECS.iter().map(|s| s.to_string()));
    }
    let lmax = classify(surface.hessian(surface.start())).eigenvalues[1];
    let stable_lr = (lmax.is_finite() && lmax > 0.0).then(|| round_to_one_digit(1.0 / lmax));
    if !surface.constraints().is_empty() {
        let lr = stable_lr.unwrap_or(0.1).min(0.1);
        return parse_specs(
            ["gd", "projected", "penalty", "auglag"]
                .iter()
                .map(|name| format!("{name}:lr={lr}")),
        );
    }
    if surface.data().is_some()
        && let Some(lr) = stable_lr
    {
        return parse_specs(
            [
                format!("gd:lr={lr}"),
                format!("momentum:lr={lr}"),
                "adam:lr=0.1".to_string(),
                "newton".to_string(),
            ]
            .into_iter(),
        );
    }
    default_specs()
}

/// Rounds down to one significant digit (0.0000173 → 0.00001), so labels stay short.
fn round_to_one_digit(v: f64) -> f64 {
    let scale = 10f64.powf(v.log10().floor());
    let rounded = (v / scale).floor() * scale;
    // Printing through the shortest round-trip form keeps 1e-5 from reading 0.000010000000000000001.
    format!("{rounded:.1e}").parse().unwrap_or(rounded)
}

fn parse_specs(texts: impl Iterator<Item = String>) -> Vec<OptimizerSpec> {
    let specs: Vec<OptimizerSpec> = texts.filter_map(|s| s.parse().ok()).collect();
    if specs.is_empty() {
        "gd:lr=0.01".parse().into_iter().collect()
    } else {
        specs
    }
}
