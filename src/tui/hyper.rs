//! The "main hyperparameter" of an optimizer (momentum's β, Adam's β₁, Newton's damping...)
//! and how the `{` `}` keys change it.

use crate::optim::OptimizerSpec;

/// The key and current value of the spec's main hyperparameter, if it has one.
///
/// Delegates to the optimizer module, which knows each optimizer's defaults.
pub fn main_hyperparameter(spec: &OptimizerSpec) -> Option<(&'static str, f64)> {
    // Until `OptimizerSpec::main_hyperparameter` lands (agent/optim), no optimizer has one.
    let _ = spec;
    None
}

/// One key press worth of change. Values in (0, 1) are read as decay factors (β, momentum):
/// the gap to 1 halves (up) or doubles (down), so 0.9 → 0.95 → 0.975 and 0.9 → 0.8 → 0.6.
/// Other values (damping, ε, ...) double or halve; zero steps to 0.1 going up.
pub fn nudge(value: f64, up: bool) -> f64 {
    if value > 0.0 && value < 1.0 {
        let gap = 1.0 - value;
        let gap = if up { gap * 0.5 } else { (gap * 2.0).min(1.0) };
        round4(1.0 - gap)
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
        assert_eq!(nudge(0.9, true), 0.95);
        assert_eq!(nudge(0.9, false), 0.8);
        assert_eq!(nudge(0.6, false), 0.2);
        assert_eq!(nudge(0.2, false), 0.0);
        assert_eq!(nudge(0.0, true), 0.1);
    }

    #[test]
    fn other_values_double_or_halve() {
        assert_eq!(nudge(1.0, true), 2.0);
        assert_eq!(nudge(4.0, false), 2.0);
    }
}
