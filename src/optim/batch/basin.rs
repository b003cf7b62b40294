//! Basins of attraction: which critical point each run of a batch reached.

use super::{EndStatus, Outcome};
use crate::analysis::{CriticalKind, CriticalPoint, classify};
use crate::surface::{Point, Region, Surface};

/// The start of every cell of a `width`×`height` grid over `region`, at the cell centres,
/// row by row from the bottom (y0) up, x varying fastest.
pub fn grid_starts(region: Region, width: usize, height: usize) -> Vec<Point> {
    let dx = region.width() / width as f64;
    let dy = region.height() / height as f64;
    (0..height)
        .flat_map(|j| {
            let y = region.y0 + (j as f64 + 0.5) * dy;
            (0..width).map(move |i| Point::new(region.x0 + (i as f64 + 0.5) * dx, y))
        })
        .collect()
}

/// What a run's end point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// The index (in `critical`'s order) of the critical point the run ended at, if it ended
    /// within `reach` of one and did not diverge.
    pub basin: Option<usize>,
    /// For a converged run: the kind of point it converged to (that critical point's kind, or
    /// from the Hessian where it stopped when no listed point is near).
    pub converged_to: Option<CriticalKind>,
}

/// How near a run must end to a critical point to have reached it: a thousandth of the
/// region's larger side (converged runs end far closer; a run still creeping in when its steps
/// ran out is counted once it is this close).
pub fn reach(region: Region) -> f64 {
    1e-3 * region.width().max(region.height())
}

/// Labels every outcome against `critical` (the points `losscape critical` lists), in
/// parallel.
pub fn label(
    surface: &dyn Surface,
    critical: &[CriticalPoint],
    outcomes: &[Outcome],
    reach: f64,
) -> Vec<Label> {
    use rayon::prelude::*;
    outcomes
        .par_iter()
        .with_min_len(1024)
        .map(|o| {
            let basin = match o.status {
                EndStatus::Diverged => None,
                _ => nearest(critical, o.end)
                    .filter(|&(_, d)| d <= reach)
                    .map(|(i, _)| i),
            };
            let converged_to = (o.status == EndStatus::Converged).then(|| match basin {
                Some(i) => critical[i].kind(),
                None => classify(surface.hessian(o.end)).kind,
            });
            Label {
                basin,
                converged_to,
            }
        })
        .collect()
}

fn nearest(critical: &[CriticalPoint], p: Point) -> Option<(usize, f64)> {
    critical
        .iter()
        .map(|c| (c.point - p).norm())
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// One line of a basin summary: a critical point (or none) and the runs that reached it.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub basin: Option<usize>,
    pub runs: usize,
    /// Median steps of the converged runs among them (None if none converged).
    pub median_steps: Option<f64>,
}

/// Runs per basin, in `critical`'s order, for every point some run reached.
pub fn shares(critical_len: usize, outcomes: &[Outcome], labels: &[Label]) -> Vec<Share> {
    let mut steps: Vec<Vec<usize>> = vec![Vec::new(); critical_len];
    let mut runs = vec![0usize; critical_len];
    for (o, l) in outcomes.iter().zip(labels) {
        if let Some(b) = l.basin {
            runs[b] += 1;
            if o.status == EndStatus::Converged {
                steps[b].push(o.steps);
            }
        }
    }
    (0..critical_len)
        .filter(|&b| runs[b] > 0)
        .map(|b| Share {
            basin: Some(b),
            runs: runs[b],
            median_steps: median(&mut steps[b]),
        })
        .collect()
}

fn median(v: &mut [usize]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_starts_are_cell_centres_bottom_row_first() {
        let s = grid_starts(Region::new(0.0, 4.0, -1.0, 1.0), 4, 2);
        assert_eq!(s.len(), 8);
        assert_eq!(s[0], Point::new(0.5, -0.5));
        assert_eq!(s[3], Point::new(3.5, -0.5));
        assert_eq!(s[4], Point::new(0.5, 0.5));
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
