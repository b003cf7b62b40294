//! The clock of a run beat: how many of its steps each tick animates, at the speed the user or
//! the lesson set.

use super::LessonPlayer;
use crate::tui::app::SPEEDS;

/// At most this many steps per optimizer per tick while animating a run beat.
const MAX_STEPS_PER_TICK: u64 = 2_000;

/// How a run beat is animated by the clock.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Pace {
    /// At the visualizer's speed (`[` `]`), as the user set it.
    #[default]
    Speed,
    /// In whole frames of `frame` seconds, at `steps_per_second`, unless that would take
    /// longer than `max_seconds`: then faster (a recording keeps long runs short).
    Frames {
        frame: f64,
        steps_per_second: f64,
        max_seconds: f64,
    },
}

impl Pace {
    /// Under [`Pace::Frames`], the lesson's own `speed = N` when it sets one.
    pub(super) fn at_lesson_speed(self, speed: Option<f64>) -> Pace {
        match (self, speed) {
            (
                Pace::Frames {
                    frame, max_seconds, ..
                },
                Some(v),
            ) => Pace::Frames {
                frame,
                steps_per_second: v,
                max_seconds,
            },
            (pace, _) => pace,
        }
    }

    /// Steps per frame for a run beat of `steps` ([`Pace::Frames`] only).
    pub(super) fn steps_per_frame(self, steps: u64) -> Option<u64> {
        let Pace::Frames {
            frame,
            steps_per_second,
            max_seconds,
        } = self
        else {
            return None;
        };
        let frames = ((steps as f64 / steps_per_second) / frame)
            .min(max_seconds / frame)
            .ceil()
            .max(1.0);
        Some((steps as f64 / frames).ceil() as u64)
    }
}

impl LessonPlayer {
    /// The steps the clock owes after `dt` seconds: at `steps_per_second` (the visualizer's
    /// speed), or in whole frames.
    pub(super) fn owed(&mut self, dt: f64, steps_per_second: f64) -> u64 {
        match self.pace {
            Pace::Speed => {
                self.debt += steps_per_second * dt;
                let n = self.debt.floor();
                self.debt -= n;
                (n as u64).min(MAX_STEPS_PER_TICK)
            }
            // The frame count was bounded when the beat started: no cap here.
            Pace::Frames { frame, .. } => {
                self.debt += dt / frame;
                let n = self.debt.floor();
                self.debt -= n;
                (n as u64).saturating_mul(self.per_frame)
            }
        }
    }
}

/// The index of the speed key's setting nearest `v` steps per second (by ratio).
pub(super) fn nearest_speed(v: f64) -> usize {
    (0..SPEEDS.len())
        .min_by(|&a, &b| {
            let d = |i: usize| (SPEEDS[i] / v).ln().abs();
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(0)
}
