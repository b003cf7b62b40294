//! `losscape sweep --format table`: the sweep as a map in hyperparameter space, one character
//! per cell: how fast the run converged, whether it ran out of steps or diverged.

use super::sweep::{Sweep, SweepArgs, best};
use crate::optim::batch::EndStatus;
use crate::surface::format_number as num;
use std::io::{self, Write};

/// Converged in the fastest quarter of the converged runs' steps ... the slowest.
const SHADES: [char; 4] = ['█', '▓', '▒', '░'];
const RUNNING: char = '·';
const DIVERGED: char = '×';

pub fn write(sweep: &Sweep, args: &SweepArgs, out: &mut dyn Write) -> io::Result<()> {
    let (s, x, y) = (sweep.start, &args.x.key, &args.y.key);
    writeln!(
        out,
        "{} on {} from ({}, {}), up to {} steps: {y} (rows) × {x} (columns)",
        args.opt,
        args.surface,
        num(s.x),
        num(s.y),
        args.steps
    )?;
    let glyph = glyphs(sweep);
    let w = sweep.xs.len();
    let labels: Vec<String> = sweep.ys.iter().map(|v| short(*v)).collect();
    let pad = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for j in (0..sweep.ys.len()).rev() {
        let row: String = glyph[j * w..(j + 1) * w].iter().collect();
        writeln!(out, "{:>pad$} │{row}", labels[j])?;
    }
    writeln!(out, "{:>pad$} └{}", "", "─".repeat(w))?;
    let (lo, hi) = (short(sweep.xs[0]), short(sweep.xs[w - 1]));
    let gap = w
        .saturating_sub(lo.chars().count() + hi.chars().count())
        .max(1);
    writeln!(out, "{:>pad$}  {lo}{}{hi}  {x}", "", " ".repeat(gap))?;
    writeln!(
        out,
        "{} converged (fastest … slowest quarter)   {RUNNING} out of steps   {DIVERGED} diverged",
        SHADES.iter().collect::<String>()
    )?;
    match best(sweep) {
        Some((bx, by, o)) => {
            let how = match o.status {
                EndStatus::Converged => format!("converged at step {}", o.steps),
                _ => format!("still running after {} steps", o.steps),
            };
            writeln!(
                out,
                "best: {x}={}, {y}={}: loss {:e}, {how}",
                num(bx),
                num(by),
                o.loss
            )
        }
        None => writeln!(out, "every setting diverged"),
    }
}

fn glyphs(sweep: &Sweep) -> Vec<char> {
    let mut steps: Vec<usize> = sweep
        .outcomes
        .iter()
        .filter(|o| o.status == EndStatus::Converged)
        .map(|o| o.steps)
        .collect();
    steps.sort_unstable();
    let quartile = |s: usize| {
        // Which quarter of the sorted converged steps `s` falls in.
        let rank = steps.partition_point(|&v| v < s);
        (4 * rank / steps.len().max(1)).min(3)
    };
    sweep
        .outcomes
        .iter()
        .map(|o| match o.status {
            EndStatus::Converged => SHADES[quartile(o.steps)],
            EndStatus::Running => RUNNING,
            EndStatus::Diverged => DIVERGED,
        })
        .collect()
}

/// A value in at most 4 significant digits, for axis labels.
fn short(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e5).contains(&a) {
        format!("{v:.2e}")
    } else {
        let s = format!("{v:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s.is_empty() || s == "-" {
            "0".into()
        } else {
            s.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_labels() {
        assert_eq!(short(0.0), "0");
        assert_eq!(short(0.95), "0.95");
        assert_eq!(short(1.5), "1.5");
        assert_eq!(short(0.01), "0.01");
        assert_eq!(short(1e-4), "1.00e-4");
    }
}
