//! The "main hyperparameter" of an optimizer (momentum's β, Adam's β₁, Newton's damping...)
//! and how the `{` `}` keys change it.

use crate::optim::OptimizerSpec;
use crate::optim::registry::Nudge;

/// The key and current value of the spec's main hyperparameter, if it has one.
///
/// Delegates to the optimizer module, which knows each optimizer's defaults.
pub fn main_hyperparameter(spec: &OptimizerSpec) -> Option<(&'static str, f64)> {
    spec.main_hyperparameter()
}

/// How `key` moves on a key press: as its optimizer's registry entry declares.
pub fn nudge_kind(spec: &OptimizerSpec, key: &str) -> Nudge {
    let entry = spec.entry();
    entry
        .keys
        .iter()
        .find(|k| k.name == key)
        .map_or(Nudge::Scale, |k| k.nudge)
}

/// One key press worth of change to a hyperparameter that moves as `how`.
///
/// Decay factors (β, momentum, ρ): the gap to 1 halves going up and doubles going down, so
/// 0.9 → 0.95 → 0.975 and 0.9 → 0.8 → 0.6 → 0.2 → 0. Counts double or halve and stay ≥ 1.
/// Anything else (damping, lr_decay) doubles or halves, and leaves 0 for 0.1 going up.
pub fn nudge(how: Nudge, value: f64, up: bool) -> f64 {
    match how {
        Nudge::Decay => {
            let gap = (1.0 - value).clamp(0.0, 1.0);
            let gap = if up { gap * 0.5 } else { (gap * 2.0).min(1.0) };
            round4(1.0 - gap)
        }
        Nudge::Count if up => (value * 2.0).round(),
        Nudge::Count => (value * 0.5).round().max(1.0),
        Nudge::Scale if value == 0.0 => {
            if up {
                0.1
            } else {
                0.0
            }
        }
        Nudge::Scale if up => value * 2.0,
        Nudge::Scale => value * 0.5,
    }
}

fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn how(spec: &str, key: &str) -> Nudge {
        nudge_kind(&spec.parse::<OptimizerSpec>().expect("spec"), key)
    }

    #[test]
    fn the_registry_says_how_each_main_hyperparameter_moves() {
        assert_eq!(how("momentum", "momentum"), Nudge::Decay);
        assert_eq!(how("adam", "beta1"), Nudge::Decay);
        assert_eq!(how("rmsprop", "alpha"), Nudge::Decay);
        assert_eq!(how("adadelta", "rho"), Nudge::Decay);
        assert_eq!(how("lbfgs", "history_size"), Nudge::Count);
        assert_eq!(how("newton", "damping"), Nudge::Scale);
        assert_eq!(how("adagrad", "lr_decay"), Nudge::Scale);
    }

    #[test]
    fn decay_factors_move_their_gap_to_one() {
        assert_eq!(nudge(Nudge::Decay, 0.9, true), 0.95);
        assert_eq!(nudge(Nudge::Decay, 0.9, false), 0.8);
        assert_eq!(nudge(Nudge::Decay, 0.6, false), 0.2);
        assert_eq!(nudge(Nudge::Decay, 0.2, false), 0.0);
        assert_eq!(nudge(Nudge::Decay, 0.0, true), 0.5);
    }

    #[test]
    fn counts_stay_whole_and_others_double_or_halve() {
        assert_eq!(nudge(Nudge::Count, 5.0, false), 3.0);
        assert_eq!(nudge(Nudge::Count, 1.0, false), 1.0);
        assert_eq!(nudge(Nudge::Count, 10.0, true), 20.0);
        assert_eq!(nudge(Nudge::Scale, 0.0, true), 0.1);
        assert_eq!(nudge(Nudge::Scale, 0.1, true), 0.2);
        assert_eq!(nudge(Nudge::Scale, 1.0, false), 0.5);
        assert_eq!(nudge(Nudge::Scale, 0.0, false), 0.0);
    }
}
