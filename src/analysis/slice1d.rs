//! A 1-D slice: f along a line through a point, its second derivative along the line, and
//! the points of runs that lie near the line.
//!
//! Along a unit direction d through p, φ(t) = f(p + t·d) has φ''(t) = dᵀ H(p + t·d) d: the
//! curvature a step along d feels. Along the Hessian's eigenvectors φ''(0) is the eigenvalue,
//! so at a saddle the two eigenvector slices show "down one way, up the other".

use super::classify;
use crate::surface::{Point, Surface};
use nalgebra::Vector2;

/// A line through `origin` along the unit vector `direction`; t is the signed distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub origin: Point,
    pub direction: Vector2<f64>,
}

impl Line {
    /// The line through `origin` along `direction` (normalised); None for a zero or
    /// non-finite direction.
    pub fn new(origin: Point, direction: Vector2<f64>) -> Option<Self> {
        let n = direction.norm();
        (n > 0.0 && n.is_finite()).then(|| Self {
            origin,
            direction: direction / n,
        })
    }

    /// The point at distance `t` along the line.
    pub fn at(&self, t: f64) -> Point {
        self.origin + t * self.direction
    }

    /// The coordinate t of `p`'s projection onto the line, and p's distance from the line.
    pub fn project(&self, p: Point) -> (f64, f64) {
        let r = p - self.origin;
        let t = r.dot(&self.direction);
        (t, (r - t * self.direction).norm())
    }
}

/// Which line the slice follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SliceDirection {
    /// Along the selected run's last step.
    LastStep,
    /// Along the Hessian's eigenvector of the smaller eigenvalue at the slice's origin.
    EigenMin,
    /// Along the eigenvector of the larger eigenvalue.
    EigenMax,
}

impl SliceDirection {
    /// The next direction in the order a key cycles through them.
    pub fn next(self) -> Self {
        match self {
            SliceDirection::LastStep => SliceDirection::EigenMin,
            SliceDirection::EigenMin => SliceDirection::EigenMax,
            SliceDirection::EigenMax => SliceDirection::LastStep,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SliceDirection::LastStep => "last step",
            SliceDirection::EigenMin => "eigenvector v₁ (λ min)",
            SliceDirection::EigenMax => "eigenvector v₂ (λ max)",
        }
    }
}

/// The line through `origin` in `direction`: along `last_step` (the selected run's last
/// displacement) or a Hessian eigenvector at `origin`. None when the step is zero or missing.
pub fn slice_line(
    surface: &dyn Surface,
    origin: Point,
    direction: SliceDirection,
    last_step: Option<Vector2<f64>>,
) -> Option<Line> {
    match direction {
        SliceDirection::LastStep => Line::new(origin, last_step?),
        SliceDirection::EigenMin | SliceDirection::EigenMax => {
            let info = classify(surface.hessian(origin));
            let i = usize::from(direction == SliceDirection::EigenMax);
            Line::new(origin, info.eigenvectors[i])
        }
    }
}

/// φ''(t) = dᵀ H(p + t·d) d: f's second derivative along the line at t.
pub fn second_derivative(surface: &dyn Surface, line: &Line, t: f64) -> f64 {
    let d = line.direction;
    (surface.hessian(line.at(t)) * d).dot(&d)
}

/// f sampled along a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    pub line: Line,
    /// Sample coordinates, ascending, from `t0` to `t1` inclusive.
    pub ts: Vec<f64>,
    /// f at each sample (NaN where f is undefined).
    pub values: Vec<f64>,
    /// φ''(0): the curvature along the line at its origin.
    pub curvature: f64,
}

impl Slice {
    /// Samples f at `n` (at least 2) evenly spaced t in [t0, t1].
    pub fn sample(surface: &dyn Surface, line: Line, t0: f64, t1: f64, n: usize) -> Self {
        let n = n.max(2);
        let ts: Vec<f64> = (0..n)
            .map(|k| t0 + (t1 - t0) * k as f64 / (n - 1) as f64)
            .collect();
        let points: Vec<Point> = ts.iter().map(|&t| line.at(t)).collect();
        let mut values = vec![0.0; n];
        surface.values(&points, &mut values);
        Self {
            curvature: second_derivative(surface, &line, 0.0),
            line,
            ts,
            values,
        }
    }

    /// The smallest and largest finite value (None if there is none).
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let finite = self.values.iter().copied().filter(|v| v.is_finite());
        finite.fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
    }
}

/// A point of some run that lies near a slice's line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearPoint {
    /// Which of the runs handed in (their index).
    pub run: usize,
    /// Its step number in that run.
    pub step: usize,
    /// Its coordinate along the line.
    pub t: f64,
    /// Its distance from the line.
    pub distance: f64,
    /// f at the point itself (not at its projection).
    pub value: f64,
}

/// The points of each run (`runs[i]` lists (step, point)) within `tolerance` of the line and
/// with t in [t0, t1], in run order then step order.
pub fn points_near<'a>(
    surface: &dyn Surface,
    line: &Line,
    (t0, t1): (f64, f64),
    tolerance: f64,
    runs: impl IntoIterator<Item = &'a [(usize, Point)]>,
) -> Vec<NearPoint> {
    let mut out = Vec::new();
    for (run, points) in runs.into_iter().enumerate() {
        for &(step, p) in points {
            let (t, distance) = line.project(p);
            if distance <= tolerance && t >= t0 && t <= t1 {
                out.push(NearPoint {
                    run,
                    step,
                    t,
                    distance,
                    value: surface.value(p),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_splits_along_and_across() {
        let line = Line::new(Point::new(1.0, 1.0), Vector2::new(3.0, 4.0)).unwrap();
        assert!((line.direction - Vector2::new(0.6, 0.8)).norm() < 1e-15);
        let (t, d) = line.project(Point::new(1.0, 1.0) + 2.0 * Vector2::new(0.6, 0.8));
        assert!((t - 2.0).abs() < 1e-12 && d < 1e-12);
        let (t, d) = line.project(Point::new(1.0 + 0.8, 1.0 - 0.6));
        assert!(t.abs() < 1e-12 && (d - 1.0).abs() < 1e-12);
        assert_eq!(Line::new(Point::zeros(), Vector2::zeros()), None);
    }
}
