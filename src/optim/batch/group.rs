//! A group of blocks stepping in lockstep, kept full.
//!
//! Runs converge at different steps, so a lone block thins out: on a basin map a block is
//! three quarters full on average, and its last few runs pay for a whole block's pass each
//! step. Every run of a group is at the same step t, so the group can pour the runs of its
//! emptiest block into the others' free slots whenever they fit, and then drop that block:
//! its blocks stay nearly full, and the stragglers of eight blocks share one. A run's
//! arithmetic does not depend on its slot or its neighbours, so moving it changes no bit.
//! The per-step scalars (lr, bias corrections, ...) are computed once per group.

use super::Outcome;
use super::block::{BLOCK, Block, Setup};
use super::checks::Checks;
use crate::optim::elementwise::Rule;
use crate::surface::Point;

/// Blocks per group: eight blocks' buffers (200 KiB) stay in the L2 cache.
pub const GROUP_BLOCKS: usize = 8;

/// Runs per group.
pub const GROUP: usize = GROUP_BLOCKS * BLOCK;

/// Steps every run of `starts` with `rule` to its end, writing `out[i]` for `starts[i]`, as
/// `Elementwise::step` inside `Run::step` would, run by run.
pub fn step_group<R: Rule>(rule: &R, setup: &Setup, starts: &[Point], out: &mut [Outcome]) {
    // Rules may carry per-step scalar state (NAdam's μ product): each group its own copy.
    let mut rule = rule.clone();
    let mut blocks: Vec<Block> = starts
        .chunks(BLOCK)
        .enumerate()
        .map(|(k, starts)| {
            Block::new(starts, k * BLOCK, BLOCK, R::BUFFERS.len(), |i| {
                rule.initial(i)
            })
        })
        .collect();
    let checks = Checks::new(setup.limits);
    let mut scheduler = setup.scheduler.clone();
    let mut t = 0u64;
    loop {
        if let Some(m) = scheduler.momentum() {
            rule.set_momentum(m);
        }
        let scalars = rule.scalars(scheduler.lr(), t + 1);
        for block in &mut blocks {
            let finished = block.pass(&rule, &scalars, setup.surface, &checks, t);
            block.retire(&checks, t, finished, setup.surface, out);
        }
        blocks.retain(|block| block.n > 0);
        if blocks.is_empty() {
            return;
        }
        compact(&mut blocks);
        // Only ReduceLROnPlateau reads the loss, and it never steps a batch (see `fast_rule`).
        scheduler.step(0.0);
        t += 1;
    }
}

/// While the other blocks have room for the emptiest block's runs, moves them there and drops
/// it.
fn compact(blocks: &mut Vec<Block>) {
    loop {
        let active: usize = blocks.iter().map(|b| b.n).sum();
        if blocks.len() < 2 || active > BLOCK * (blocks.len() - 1) {
            return;
        }
        let emptiest = (0..blocks.len()).min_by_key(|&k| blocks[k].n).unwrap_or(0);
        let mut from = blocks.swap_remove(emptiest);
        for block in blocks.iter_mut() {
            let count = block.room().min(from.n);
            block.take_from(&mut from, count);
        }
        debug_assert_eq!(from.n, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of `sizes` active runs; run `id` starts at (id, −id) with state id + slot/10.
    fn blocks(sizes: &[usize]) -> Vec<Block> {
        let starts: Vec<Point> = (0..sizes.len() * BLOCK)
            .map(|i| Point::new(i as f64, -(i as f64)))
            .collect();
        starts
            .chunks(BLOCK)
            .zip(sizes)
            .enumerate()
            .map(|(k, (starts, &n))| {
                let mut block = Block::new(starts, k * BLOCK, BLOCK, 2, |slot| slot as f64);
                block.mark_state();
                block.n = n;
                block
            })
            .collect()
    }

    fn runs(blocks: &[Block]) -> Vec<(u32, [f64; 2], Vec<f64>)> {
        let mut all: Vec<_> = blocks.iter().flat_map(Block::runs).collect();
        all.sort_by_key(|r| r.0);
        all
    }

    #[test]
    fn compaction_keeps_every_run_and_its_state_and_fills_the_blocks() {
        let mut group = blocks(&[200, 10, 256, 90, 0, 120]);
        let before = runs(&group);
        group.retain(|b| b.n > 0);
        compact(&mut group);
        assert_eq!(runs(&group), before);
        // 676 runs fit three blocks of 256.
        assert_eq!(group.len(), 3);
        assert_eq!(group.iter().map(|b| b.n).sum::<usize>(), 676);
    }

    #[test]
    fn a_group_that_cannot_lose_a_block_is_left_alone() {
        let mut group = blocks(&[256, 200, 130]);
        let before = runs(&group);
        compact(&mut group);
        assert_eq!(
            group.iter().map(|b| b.n).collect::<Vec<_>>(),
            [256, 200, 130]
        );
        assert_eq!(runs(&group), before);
    }
}
