//! The CSV of `losscape basins`: `x,y,end_x,end_y,loss,status,converged_to,steps,basin`, one
//! row per start; no field ever needs quoting (numbers and fixed words).
//!
//! Formatting numbers is most of the output's cost, so chunks of rows are formatted by one
//! thread per core while this thread writes them in order. Each formatter owns two buffers,
//! which go to the writer and come back: fresh memory costs a page fault per 4 KiB (a fifth of
//! the formatting's time when every chunk had a buffer of its own), and a formatter waits on
//! nothing but its own buffers coming back.

use super::BasinMap;
use crate::surface::Number;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

const HEADER: &str = "x,y,end_x,end_y,loss,status,converged_to,steps,basin\n";

/// Rows per chunk.
const ROWS: usize = 4096;

/// A row is at most about 128 bytes: 5 numbers of ≤ 24 and the short words.
const ROW_BYTES: usize = 128;

/// Buffers per formatter: one being written while it fills the other.
const BUFFERS: usize = 2;

/// Writes `map` as CSV with `threads` formatters (the batch's workers).
pub fn write(map: &BasinMap, out: &mut dyn Write, threads: usize) -> io::Result<()> {
    out.write_all(HEADER.as_bytes())?;
    let starts = StartTexts::of(map);
    let chunks = map.starts.len().div_ceil(ROWS);
    let formatters = threads.clamp(1, chunks.max(1));
    std::thread::scope(|s| {
        let mut lanes = Vec::with_capacity(formatters);
        for f in 0..formatters {
            let (done, formatted) = sync_channel::<String>(BUFFERS);
            let (give_back, free) = sync_channel::<String>(BUFFERS);
            for _ in 0..BUFFERS {
                let _ = give_back.send(String::new());
            }
            let starts = &starts;
            s.spawn(move || {
                // Chunks f, f + formatters, ...: chunk c's rows are c·ROWS onwards.
                for c in (f..chunks).step_by(formatters) {
                    let Ok(mut text) = free.recv() else { return };
                    text.clear();
                    text.reserve(ROWS * ROW_BYTES);
                    let first = c * ROWS;
                    for i in first..(first + ROWS).min(map.starts.len()) {
                        row(&mut text, map, starts, i);
                    }
                    if done.send(text).is_err() {
                        return;
                    }
                }
            });
            lanes.push((formatted, give_back));
        }
        write_in_order(out, &lanes, chunks)
    })?;
    out.flush()
}

/// Writes chunk 0, 1, 2, ... as each arrives from its formatter (chunk c from lane
/// c mod lanes) and hands its buffer back. On a write error the channels close, and the
/// formatters stop.
fn write_in_order(
    out: &mut dyn Write,
    lanes: &[(Receiver<String>, SyncSender<String>)],
    chunks: usize,
) -> io::Result<()> {
    for c in 0..chunks {
        let (formatted, give_back) = &lanes[c % lanes.len()];
        let text = formatted
            .recv()
            .map_err(|_| io::Error::other("a CSV formatter stopped"))?;
        out.write_all(text.as_bytes())?;
        let _ = give_back.send(text);
    }
    Ok(())
}

/// The starts' coordinates as text, once per grid column and row (`x,` and `y,`): a start's x
/// is its column's, its y its row's (`basin::grid_starts`).
struct StartTexts {
    width: usize,
    columns: Vec<String>,
    rows: Vec<String>,
}

impl StartTexts {
    fn of(map: &BasinMap) -> Self {
        let width = map.grid.width;
        debug_assert!(map.starts.iter().enumerate().all(|(i, p)| {
            p.x == map.starts[i % width].x && p.y == map.starts[i / width * width].y
        }));
        let text = |v: f64| {
            let mut t = String::new();
            Number(v).push_to(&mut t);
            t.push(',');
            t
        };
        StartTexts {
            width,
            columns: map.starts.iter().take(width).map(|p| text(p.x)).collect(),
            rows: map
                .starts
                .iter()
                .step_by(width)
                .map(|p| text(p.y))
                .collect(),
        }
    }

    fn push(&self, text: &mut String, i: usize) {
        text.push_str(&self.columns[i % self.width]);
        text.push_str(&self.rows[i / self.width]);
    }
}

fn row(text: &mut String, map: &BasinMap, starts: &StartTexts, i: usize) {
    let (o, l) = (&map.outcomes[i], &map.labels[i]);
    starts.push(text, i);
    for v in [o.end.x, o.end.y, o.loss] {
        Number(v).push_to(text);
        text.push(',');
    }
    text.push_str(o.status.name());
    text.push(',');
    text.push_str(l.converged_to.map_or("", |k| k.as_str()));
    text.push(',');
    let mut digits = itoa::Buffer::new();
    text.push_str(digits.format(o.steps));
    text.push(',');
    if let Some(b) = l.basin {
        text.push_str(digits.format(b));
    }
    text.push('\n');
}
