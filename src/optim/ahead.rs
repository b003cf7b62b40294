//! Per-step values that depend only on the step count and a rule's hyperparameters (the Adam
//! family's bias corrections), prepared one step ahead.
//!
//! A step of one run waits on the step before it (x → ∇f → moments → x), so everything a step
//! computes from scratch lies on that chain unless the processor can start it early — and it
//! cannot start a step's `1 − β₂ᵗ`, its `** 0.5` and the division behind it before the step
//! begins. Prepared during the previous step, they are ready when the chain gets there (a
//! 2-D Adam step on rosenbrock: about half the time). The values are the same pure functions
//! of t and the hyperparameters either way, so the same bits.

/// The values of step `t` for hyperparameters `key`, prepared during step t − 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ahead<K, const N: usize> {
    /// The step the prepared value is for (0: none; steps count from 1).
    t: u64,
    key: [u64; N],
    value: K,
}

impl<K: Default, const N: usize> Default for Ahead<K, N> {
    fn default() -> Self {
        Self {
            t: 0,
            key: [0; N],
            value: K::default(),
        }
    }
}

impl<K: Copy, const N: usize> Ahead<K, N> {
    /// The value prepared for step `t` with hyperparameters `key`, if the last call of
    /// [`Ahead::prepare`] was for them (compute it otherwise, and prepare step t + 1).
    ///
    /// A rule calls its computation at both sites by an `#[inline(always)]` function, not a
    /// closure: a closure called twice is not inlined, and its call would keep the step's
    /// point and gradient in memory rather than registers.
    #[inline(always)]
    pub fn take(&self, t: u64, key: [f64; N]) -> Option<K> {
        (self.t == t && t != 0 && self.key == key.map(f64::to_bits)).then_some(self.value)
    }

    /// Keeps `value`, the value for step `t` with hyperparameters `key`. It must depend on
    /// nothing but t and `key`.
    #[inline(always)]
    pub fn prepare(&mut self, t: u64, key: [f64; N], value: K) {
        *self = Self {
            t,
            key: key.map(f64::to_bits),
            value,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::Ahead;
    use crate::optim::torch_pow::{self, Powers};

    /// √(1 − βᵗ) as torch's Adam computes it, from scratch.
    fn torch(beta: f64, t: u64) -> f64 {
        torch_pow::pow(1.0 - torch_pow::pow(beta, t as f64), 0.5)
    }

    #[test]
    fn prepared_values_are_those_computed_from_scratch() {
        let mut ahead = Ahead::<f64, 1>::default();
        let mut powers = Powers::default();
        let mut calls = 0;
        let mut compute = |beta: f64, t: u64| {
            calls += 1;
            torch_pow::sqrt(powers.one_minus(beta, t))
        };
        let mut get = |ahead: &mut Ahead<f64, 1>, beta: f64, t: u64| {
            let value = ahead.take(t, [beta]).unwrap_or_else(|| compute(beta, t));
            ahead.prepare(t + 1, [beta], compute(beta, t + 1));
            value
        };
        // In order, then a restart, a jump, a new β (cyclic momentum) and back.
        for t in 1..=3000 {
            assert_eq!(
                get(&mut ahead, 0.999, t).to_bits(),
                torch(0.999, t).to_bits()
            );
        }
        for (beta, t) in [(0.999, 1), (0.999, 2), (0.999, 50), (0.95, 51), (0.999, 52)] {
            assert_eq!(get(&mut ahead, beta, t).to_bits(), torch(beta, t).to_bits());
        }
        // In order, each call computed only the next step's value (plus step 1's own); the
        // four out of order (all but step 2 after the restart) computed their own as well.
        assert_eq!(calls, 3001 + 1 + 4 * 2);
    }
}
