//! The "main hyperparameter" of an optimizer (momentum's β, Adam's β₁, Newton's damping...)
//! and how the `{` `}` keys change it.

use crate::optim::OptimizerSpec;

/// The key and current value of the spec's main hyperparameter, if it has one.
///
/// Delegates to the optimizer module, which knows each optimizer's defaults.
pub fn main_hyperparameter(spec: &OptimizerSpec) -> Option<(&'static str, f64)> {
    spec.main_hyperparameter()
}

/// Keys that are decay factors in [0, 1).
const DECAYS: &[&str] = &["momentum", "beta1", "beta2", "alpha", "rho"];
/// Keys that are counts.
const COUNTS: &[&str] = &["history_size"];

/// One key press worth of change to hyperparameter `key`.
///
/// Decay factors (β, momentum, ρ): the gap to 1 halves going up and doubles going down, so
/// 0.9 → 0.95 → 0.975 and 0.9 → 0.8 → 0.6 → 0.2 → 0. Counts double or halve and stay ≥ 1.
/// Anything else (damping, lr_decay) doubles or halves, and leaves 0 for 0.1 going up.
pub fn nudge(key: &str, value: f64, up: bool) -> f64 {
    if DECAYS.contains(&key) {
        let gap = (1.0 - value).clamp(0.0, 1.0);
        let gap = if up { gap * 0.5 } else { (gap * 2.0).min(1.0) };
        round4(1.0 - gap)
    } else if COUNTS.contains(&key) {
        if up {
            (value * 2.0).round()
        } else {
            (value * 0.5).round().max(1.0)
        }
    } else if value == 0.0 {
        if up { 0.1 } else { 0.0 }
    } else if up {
        value * 2.0
    } else {
        value * 0.5
    }
}

fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_factors_move_their_gap_to_one() {
        assert_eq!(nudge("momentum", 0.9, true), 0.95);
        assert_eq!(nudge("beta1", 0.9, false), 0.8);
        assert_eq!(nudge("momentum", 0.6, false), 0.2);
        assert_eq!(nudge("momentum", 0.2, false), 0.0);
        assert_eq!(nudge("momentum", 0.0, true), 0.5);
    }

    #[test]
    fn counts_stay_whole_and_others_double_or_halve() {
        assert_eq!(nudge("history_size", 5.0, false), 3.0);
        assert_eq!(nudge("history_size", 1.0, false), 1.0);
        assert_eq!(nudge("history_size", 10.0, true), 20.0);
        assert_eq!(nudge("damping", 0.0, true), 0.1);
        assert_eq!(nudge("damping", 0.1, true), 0.2);
        assert_eq!(nudge("damping", 1.0, false), 0.5);
        assert_eq!(nudge("damping", 0.0, false), 0.0);
    }
}
