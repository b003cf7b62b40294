//! Contour lines by marching squares, and the choice of levels.

use super::colormap::ValueScale;

/// A line segment in grid coordinates (column, row), fractional.
pub type Segment = [(f64, f64); 2];

/// A row-major grid of samples, row 0 at the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub width: usize,
    pub height: usize,
    pub values: Vec<f64>,
}

impl Grid {
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.width + i]
    }
}

/// The segments where the grid crosses `level` (marching squares, linear interpolation along
/// edges; the two ambiguous saddle cases are split by the cell's mean value).
pub fn marching_squares(grid: &Grid, level: f64) -> Vec<Segment> {
    let mut out = Vec::new();
    if grid.width < 2 || grid.height < 2 {
        return out;
    }
    for j in 0..grid.height - 1 {
        for i in 0..grid.width - 1 {
            // Corners: a = top-left, b = top-right, c = bottom-right, d = bottom-left.
            let (a, b) = (grid.get(i, j), grid.get(i + 1, j));
            let (c, d) = (grid.get(i + 1, j + 1), grid.get(i, j + 1));
            if !(a.is_finite() && b.is_finite() && c.is_finite() && d.is_finite()) {
                continue;
            }
            let case = usize::from(a > level) << 3
                | usize::from(b > level) << 2
                | usize::from(c > level) << 1
                | usize::from(d > level);
            if case == 0 || case == 15 {
                continue;
            }
            let (x, y) = (i as f64, j as f64);
            let frac = |u: f64, v: f64| {
                let t = (level - u) / (v - u);
                if t.is_finite() {
                    t.clamp(0.0, 1.0)
                } else {
                    0.5
                }
            };
            let top = (x + frac(a, b), y);
            let right = (x + 1.0, y + frac(b, c));
            let bottom = (x + frac(d, c), y + 1.0);
            let left = (x, y + frac(a, d));
            let centre_above = (a + b + c + d) * 0.25 > level;
            let mut push = |p: (f64, f64), q: (f64, f64)| out.push([p, q]);
            match case {
                1 | 14 => push(left, bottom),
                2 | 13 => push(bottom, right),
                3 | 12 => push(left, right),
                4 | 11 => push(top, right),
                6 | 9 => push(top, bottom),
                7 | 8 => push(left, top),
                5 => {
                    // a and c below, b and d above.
                    if centre_above {
                        push(left, top);
                        push(bottom, right);
                    } else {
                        push(top, right);
                        push(left, bottom);
                    }
                }
                10 => {
                    // a and c above, b and d below.
                    if centre_above {
                        push(top, right);
                        push(left, bottom);
                    } else {
                        push(left, top);
                        push(bottom, right);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// `n` contour levels evenly spaced on the scale (so log-scaled fields get geometric levels),
/// each rounded to two significant figures, without duplicates, strictly inside (min, max).
pub fn levels(scale: &ValueScale, n: usize) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::with_capacity(n);
    for k in 1..=n {
        let v = round_sig(scale.value_at(k as f64 / (n + 1) as f64), 2);
        // A level at round-off distance from 0 is the 0 level ("3.6e-15" is not a height).
        let v = super::ticks::snap(v, scale.magnitude());
        if v > scale.min && v < scale.max && out.last().is_none_or(|&last| v > last) {
            out.push(v);
        }
    }
    out
}

/// `v` rounded to `sig` significant figures.
pub fn round_sig(v: f64, sig: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let mag = v.abs().log10().floor() as i32;
    let factor = 10f64.powi(sig - 1 - mag);
    (v * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;

    fn circle_grid(n: usize) -> Grid {
        // f = x² + y² sampled on [-1, 1]², grid point (i, j) at x = -1 + 2i/(n-1).
        let at = |k: usize| -1.0 + 2.0 * k as f64 / (n - 1) as f64;
        let mut values = Vec::new();
        for j in 0..n {
            for i in 0..n {
                values.push(at(i).powi(2) + at(j).powi(2));
            }
        }
        Grid {
            width: n,
            height: n,
            values,
        }
    }

    #[test]
    fn circle_contour_lies_on_the_circle() {
        let n = 41;
        let segs = marching_squares(&circle_grid(n), 0.25);
        assert!(segs.len() > 20);
        let to_world = |g: f64| -1.0 + 2.0 * g / (n - 1) as f64;
        for s in &segs {
            for &(gx, gy) in s {
                let r = (to_world(gx).powi(2) + to_world(gy).powi(2)).sqrt();
                // Linear interpolation of r² on cells of side 0.05: error well under 0.01.
                assert!((r - 0.5).abs() < 0.01, "r = {r}");
            }
        }
    }

    #[test]
    fn no_contour_outside_range() {
        assert!(marching_squares(&circle_grid(11), 5.0).is_empty());
    }

    #[test]
    fn saddle_case_yields_two_segments() {
        // Corners a=1, b=0, c=1, d=0 around level 0.5: case 10, two segments.
        let g = Grid {
            width: 2,
            height: 2,
            values: vec![1.0, 0.0, 0.0, 1.0],
        };
        assert_eq!(marching_squares(&g, 0.5).len(), 2);
    }

    #[test]
    fn levels_are_rounded_and_increasing() {
        let s = ValueScale {
            min: 0.0,
            max: 100.0,
            log: false,
            delta: 1.0,
        };
        assert_eq!(levels(&s, 4), vec![20.0, 40.0, 60.0, 80.0]);
        assert_eq!(round_sig(0.012345, 2), 0.012);
        assert_eq!(round_sig(181.6, 2), 180.0);
    }
}
