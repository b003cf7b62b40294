//! A recording replayed through a terminal emulator (`vt100`), sampled into timed frames of
//! cells: the screen a viewer of the recording sees, as a ratatui [`Buffer`] for the same
//! rasteriser as still frames.
//!
//! Timing follows the players: pauses longer than `idle_limit` are cut to it, everything runs
//! `speed` times faster, and at most `fps` frames a second are kept (of several screens in one
//! frame's slot, the last).

use crate::asciicast::{Cast, EventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use std::num::NonZeroU16;

/// How a recording's time becomes a GIF's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    pub fps: f64,
    pub speed: f64,
    /// Longest pause kept, in recorded seconds (`None`: all kept).
    pub idle_limit: Option<f64>,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            fps: 15.0,
            speed: 1.0,
            idle_limit: Some(2.0),
        }
    }
}

/// The screen from `time` (seconds into the animation, when its slot's first change came)
/// until the next frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub time: f64,
    pub screen: Buffer,
}

/// The screen of `parser` as cells.
pub fn screen_to_buffer(screen: &vt100::Screen) -> Buffer {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
    for row in 0..rows {
        for col in 0..cols {
            let (Some(src), Some(dst)) = (screen.cell(row, col), buf.cell_mut((col, row))) else {
                continue;
            };
            if src.is_wide_continuation() {
                continue;
            }
            let text = src.contents();
            dst.set_symbol(if text.is_empty() { " " } else { text });
            dst.fg = color(src.fgcolor());
            dst.bg = color(src.bgcolor());
            let mut m = Modifier::empty();
            for (on, flag) in [
                (src.bold(), Modifier::BOLD),
                (src.dim(), Modifier::DIM),
                (src.italic(), Modifier::ITALIC),
                (src.underline(), Modifier::UNDERLINED),
                (src.inverse(), Modifier::REVERSED),
            ] {
                if on {
                    m |= flag;
                }
            }
            dst.modifier = m;
        }
    }
    buf
}

/// A terminal colour; indices 0–15 become the named colours so the theme's palette applies.
fn color(c: vt100::Color) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) if i < 16 => NAMED[usize::from(i)],
        vt100::Color::Idx(i) => Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

/// The recording's frames under `timing`, and the animation's length (the last event's time,
/// so a recording's closing pause is kept, cut to the idle limit).
pub fn frames(cast: &Cast, timing: Timing) -> (Vec<Frame>, f64) {
    let mut out = Vec::new();
    let end = replay(cast, timing, |f| out.push(f));
    (out, end)
}

/// Calls `emit` with each frame in order, one screen at a time (a long recording is never held
/// in memory); returns the animation's length.
pub fn replay(cast: &Cast, timing: Timing, mut emit: impl FnMut(Frame)) -> f64 {
    let mut parser = vt100::Parser::new(nz(cast.height), nz(cast.width), 0);
    let slot_of = |t: f64| (t * timing.fps + 1e-9).floor();
    // The screen changed since the last frame: the slot and the time of the first change,
    // when the frame is shown.
    let mut pending: Option<(f64, f64)> = None;
    let (mut recorded, mut now) = (0.0f64, 0.0f64);
    for event in &cast.events {
        let mut gap = (event.time - recorded).max(0.0);
        if let Some(limit) = timing.idle_limit {
            gap = gap.min(limit);
        }
        recorded = event.time;
        now += gap / timing.speed;
        let slot = slot_of(now);
        if let Some((p, time)) = pending
            && slot > p
        {
            emit(Frame {
                time,
                screen: screen_to_buffer(parser.screen()),
            });
            pending = None;
        }
        match &event.kind {
            EventKind::Output(text) => parser.process(text.as_bytes()),
            EventKind::Resize(w, h) => parser.screen_mut().set_size(nz(*h), nz(*w)),
            EventKind::Marker(_) | EventKind::Other => continue,
        }
        pending = pending.or(Some((slot, now)));
    }
    if let Some((_, time)) = pending {
        emit(Frame {
            time,
            screen: screen_to_buffer(parser.screen()),
        });
    }
    now
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asciicast::parse;

    fn cast(events: &str) -> Cast {
        parse(
            "t.cast",
            &format!("{{\"version\":2,\"width\":6,\"height\":2}}\n{events}"),
        )
        .unwrap()
    }

    #[test]
    fn colours_and_text_come_through_the_emulator() {
        let c = cast("[0,\"o\",\"\\u001b[1;31mab\\u001b[0m\\u001b[48;2;1;2;3mc\"]\n");
        let (frames, _) = frames(&c, Timing::default());
        let buf = &frames[0].screen;
        assert_eq!(buf[(0, 0)].symbol(), "a");
        assert_eq!(buf[(0, 0)].fg, Color::Red);
        assert!(buf[(0, 0)].modifier.contains(Modifier::BOLD));
        assert_eq!(buf[(2, 0)].bg, Color::Rgb(1, 2, 3));
        assert_eq!(buf[(3, 0)].symbol(), " ");
    }

    #[test]
    fn pauses_are_cut_and_frames_share_a_slot() {
        // Two screens 10 ms apart (one slot at 15 fps), then a 9 s pause, cut to 2 s.
        let c =
            cast("[0,\"o\",\"a\"]\n[0.01,\"o\",\"b\"]\n[9.01,\"o\",\"c\"]\n[10.01,\"x\",\"0\"]\n");
        let (frames, end) = frames(&c, Timing::default());
        let text: Vec<(f64, String)> = frames
            .iter()
            .map(|f| {
                (
                    f.time,
                    f.screen[(0, 0)].symbol().to_string() + f.screen[(1, 0)].symbol(),
                )
            })
            .collect();
        assert_eq!(text, vec![(0.0, "ab".into()), (2.01, "ab".into())]);
        assert_eq!(frames[1].screen[(2, 0)].symbol(), "c");
        assert!((end - 3.01).abs() < 1e-9, "{end}");
        let fast = Timing {
            speed: 2.0,
            idle_limit: None,
            ..Timing::default()
        };
        let (frames, end) = super::frames(&c, fast);
        assert_eq!(frames.len(), 2);
        assert!((end - 5.005).abs() < 1e-9, "{end}");
    }
}
