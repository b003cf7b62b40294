//! One block of runs stepping together: small enough that its buffers stay in the L1 cache
//! while it takes a step (a `group` of blocks takes each step in turn).
//!
//! Each step: f and ∇f at every active run's point (one batch call to the surface, with the
//! coordinates stored apart); the checks `run::Run` makes after a step (diverged, converged,
//! out of steps; see `checks`), which also keep the point before the step, and one
//! element-wise update of every active run, in one call; then the runs that finished leave the
//! block (swapped out, so the loops stay dense), ending at the point the checks kept.
//! A run's arithmetic does not depend on its neighbours or its position, so results are the
//! same whatever the block size or the thread that steps it.

use super::checks::{CONVERGED, Checks, DIVERGED, Scan};
use super::{EndStatus, Outcome};
use crate::optim::Scheduler;
use crate::optim::elementwise::{Rule, Slots};
use crate::run::RunLimits;
use crate::simd::{self, Kernel};
use crate::surface::{Apart, Point, Surface};

/// Runs per block: x, the previous x, ∇f, f, the verdicts and two state buffers of 256 runs
/// (and their ids) take 25 KiB.
pub const BLOCK: usize = 256;

/// What a block needs from its batch.
pub struct Setup<'a> {
    pub surface: &'a dyn Surface,
    pub limits: RunLimits,
    /// The schedule at step 0 (cloned per group: every run of a batch shares it).
    pub scheduler: &'a Scheduler,
}

/// The block's buffers; the first `n` runs are active. A run's two coordinates are stored
/// apart — the first at `i`, the second at `cap + i` — in x, prev, g and every state buffer,
/// so each loop over them is a plain vector loop.
pub struct Block {
    /// Active runs.
    pub n: usize,
    cap: usize,
    x: Vec<f64>,
    /// The point before the last step (a diverged run ends there).
    prev: Vec<f64>,
    g: Vec<f64>,
    f: Vec<f64>,
    /// The rule's state buffers (`Rule::BUFFERS`), 2·cap elements each, end to end.
    state: Vec<f64>,
    /// Verdict bits of the last scan (see `checks`).
    code: Vec<u64>,
    /// Each active run's index in the batch's slice.
    id: Vec<u32>,
}

impl Block {
    /// A block of capacity `cap` holding `starts`, whose ids count from `first`, every state
    /// buffer at `initial(slot)`.
    pub fn new(
        starts: &[Point],
        first: usize,
        cap: usize,
        buffers: usize,
        initial: impl Fn(usize) -> f64,
    ) -> Self {
        let n = starts.len();
        debug_assert!(n <= cap);
        let mut x = vec![0.0; 2 * cap];
        for (i, p) in starts.iter().enumerate() {
            (x[i], x[cap + i]) = (p.x, p.y);
        }
        Block {
            n,
            cap,
            prev: x.clone(),
            x,
            g: vec![0.0; 2 * cap],
            f: vec![0.0; cap],
            state: (0..buffers)
                .flat_map(|i| std::iter::repeat_n(initial(i), 2 * cap))
                .collect(),
            code: vec![0; cap],
            id: (first as u32..(first + cap) as u32).collect(),
        }
    }

    /// Free slots.
    pub fn room(&self) -> usize {
        self.cap - self.n
    }

    /// Moves the last `count` active runs of `other` (their points and state) into this
    /// block's free slots. Between steps only x, prev and the state carry over: f, ∇f and the
    /// verdicts are written afresh by the next pass.
    pub fn take_from(&mut self, other: &mut Block, count: usize) {
        debug_assert!(count <= other.n && count <= self.room());
        let (to, from) = (self.n, other.n - count);
        let (tc, fc) = (self.cap, other.cap);
        for half in 0..2 {
            let (t, f) = (half * tc + to, half * fc + from);
            self.x[t..t + count].copy_from_slice(&other.x[f..f + count]);
            self.prev[t..t + count].copy_from_slice(&other.prev[f..f + count]);
            let buffers = self.state.chunks_exact_mut(2 * tc);
            for (mine, theirs) in buffers.zip(other.state.chunks_exact(2 * fc)) {
                mine[t..t + count].copy_from_slice(&theirs[f..f + count]);
            }
        }
        self.id[to..to + count].copy_from_slice(&other.id[from..from + count]);
        self.n += count;
        other.n = from;
    }

    /// Gives every run's state a value of its own (id + slot/10), so tests can follow it.
    #[cfg(test)]
    pub fn mark_state(&mut self) {
        let cap = self.cap;
        for (slot, buf) in self.state.chunks_exact_mut(2 * cap).enumerate() {
            for i in 0..cap {
                let v = f64::from(self.id[i]) + slot as f64 / 10.0;
                (buf[i], buf[cap + i]) = (v, -v);
            }
        }
    }

    /// Every active run: its id, x, and state (each buffer's two coordinates).
    #[cfg(test)]
    pub fn runs(&self) -> Vec<(u32, [f64; 2], Vec<f64>)> {
        let cap = self.cap;
        (0..self.n)
            .map(|i| {
                let state = self
                    .state
                    .chunks_exact(2 * cap)
                    .flat_map(|buf| [buf[i], buf[cap + i]])
                    .chain([self.prev[i], self.prev[cap + i]])
                    .collect();
                (self.id[i], [self.x[i], self.x[cap + i]], state)
            })
            .collect()
    }

    fn prev_point(&self, i: usize) -> Point {
        Point::new(self.prev[i], self.prev[self.cap + i])
    }

    /// One step of every active run: f and ∇f at x_t, the verdicts on x_t (`code`; `prev`
    /// becomes x_t unless the run left the bound), and — unless `t` is the last step — the
    /// update to x_{t+1}. Runs that finish at x_t are updated too, and their results thrown
    /// away when they retire (a run's arithmetic never touches another's): the checks and the
    /// update are then one call, and the update's loops stay dense. Returns how many runs
    /// finished.
    pub fn pass<R: Rule>(
        &mut self,
        rule: &R,
        scalars: &R::Scalars,
        surface: &dyn Surface,
        checks: &Checks,
        t: u64,
    ) -> usize {
        let (n, cap) = (self.n, self.cap);
        let (x0, x1) = self.x.split_at_mut(cap);
        let (g0, g1) = self.g.split_at_mut(cap);
        let (p0, p1) = self.prev.split_at_mut(cap);
        surface.values_and_gradients_apart(Apart {
            x: &x0[..n],
            y: &x1[..n],
            f: &mut self.f[..n],
            gx: &mut g0[..n],
            gy: &mut g1[..n],
        });
        let mut bad = 0;
        if t == 0 {
            for i in 0..n {
                let out = checks.bad_start(Point::new(x0[i], x1[i]), self.f[i]);
                self.code[i] = u64::from(out) * DIVERGED;
                bad += usize::from(out);
            }
        }
        bad + simd::run(Step {
            checks: (t > 0).then_some(checks),
            advance: (t < checks.max_steps).then_some((rule, scalars)),
            x: [&mut x0[..n], &mut x1[..n]],
            prev: [&mut p0[..n], &mut p1[..n]],
            f: &self.f[..n],
            g: [&mut g0[..n], &mut g1[..n]],
            code: &mut self.code[..n],
            state: &mut self.state,
            cap,
        })
    }

    /// Ends the `finished` runs whose verdict after `t` steps finishes them (every run, at
    /// the step limit), as `Run::step` would: a run that is not updated further ends at `prev`
    /// (x_t, or the point before x_t for a run that left).
    pub fn retire(
        &mut self,
        checks: &Checks,
        t: u64,
        finished: usize,
        surface: &dyn Surface,
        out: &mut [Outcome],
    ) {
        let at_limit = t >= checks.max_steps;
        let mut left = if at_limit { self.n } else { finished };
        let mut i = 0;
        while left > 0 && i < self.n {
            let code = self.code[i];
            if code == 0 && !at_limit {
                // Most runs go on: skip ahead to the next verdict.
                i += self.code[i..self.n]
                    .iter()
                    .position(|&c| c != 0)
                    .unwrap_or(self.n - i);
                continue;
            }
            let status = if code & DIVERGED != 0 {
                EndStatus::Diverged
            } else if code & CONVERGED != 0 {
                EndStatus::Converged
            } else {
                EndStatus::Running
            };
            let end = self.prev_point(i);
            let loss = match status {
                // The point that left is never recorded; the run ends where it was.
                EndStatus::Diverged if t > 0 => surface.value(end),
                _ => self.f[i],
            };
            out[self.id[i] as usize] = Outcome {
                end,
                loss,
                status,
                steps: t as usize,
            };
            self.swap_out(i);
            left -= 1;
        }
    }

    /// Moves the last active run into slot `i` (its state too) and shrinks the block. The
    /// run in slot `i` has ended, so its values are overwritten, not kept; ∇f is not moved
    /// (the next pass writes it before anything reads it).
    fn swap_out(&mut self, i: usize) {
        let (last, cap) = (self.n - 1, self.cap);
        for buf in [&mut self.x, &mut self.prev] {
            buf[i] = buf[last];
            buf[cap + i] = buf[cap + last];
        }
        for buf in self.state.chunks_exact_mut(2 * cap) {
            buf[i] = buf[last];
            buf[cap + i] = buf[cap + last];
        }
        self.f[i] = self.f[last];
        self.code[i] = self.code[last];
        self.id[i] = self.id[last];
        self.n = last;
    }
}

/// A slice's checks (after the first step) and update (before the last), compiled together
/// for the CPU's widest vectors.
struct Step<'a, R: Rule> {
    checks: Option<&'a Checks>,
    advance: Option<(&'a R, &'a R::Scalars)>,
    x: [&'a mut [f64]; 2],
    prev: [&'a mut [f64]; 2],
    f: &'a [f64],
    g: [&'a mut [f64]; 2],
    code: &'a mut [u64],
    /// Every state buffer, 2·cap elements each (see `Block`).
    state: &'a mut [f64],
    cap: usize,
}

impl<R: Rule> Kernel for Step<'_, R> {
    type Output = usize;
    #[inline(always)]
    fn run(self) -> usize {
        let [x0, x1] = self.x;
        let [g0, g1] = self.g;
        // A match, not a closure: a closure may be compiled apart, outside the kernel's
        // instruction set.
        let finished = match self.checks {
            None => 0,
            Some(checks) => Scan {
                checks,
                x: [&*x0, &*x1],
                prev: self.prev,
                f: self.f,
                g: [&*g0, &*g1],
                code: self.code,
            }
            .run(),
        };
        if let Some((rule, scalars)) = self.advance {
            let (n, cap) = (x0.len(), self.cap);
            for (half, x, g) in [(0, x0, g0), (cap, x1, g1)] {
                let mut slots: Slots = [&mut [], &mut [], &mut []];
                for (slot, buf) in slots.iter_mut().zip(self.state.chunks_exact_mut(2 * cap)) {
                    *slot = &mut buf[half..half + n];
                }
                rule.update(scalars, x, g, slots);
            }
        }
        finished
    }
}
