//! A batch's handle on an element-wise rule: the optimizer core's [`Rule`] (each optimizer's
//! update, written once), type-erased once per batch so the block loop is compiled per rule.

use super::Outcome;
use super::block::Setup;
use super::group;
use crate::optim::elementwise::Rule;
use crate::surface::Point;

/// Steps groups of blocks of runs with one element-wise rule.
pub trait BatchRule: Send + Sync {
    /// Steps every run of `starts` to its end, writing `out[i]` for `starts[i]`.
    fn step_group(&self, setup: &Setup, starts: &[Point], out: &mut [Outcome]);
}

struct RuleBatch<R>(R);

impl<R: Rule> BatchRule for RuleBatch<R> {
    fn step_group(&self, setup: &Setup, starts: &[Point], out: &mut [Outcome]) {
        group::step_group(&self.0, setup, starts, out);
    }
}

/// The batch stepper of `rule` (with its hyperparameters, before any step).
pub fn of_rule<R: Rule>(rule: R) -> Box<dyn BatchRule> {
    Box::new(RuleBatch(rule))
}
