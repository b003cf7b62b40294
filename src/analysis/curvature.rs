//! The curvature map: where f is locally convex, saddle-shaped or concave, and the curves
//! det H = 0 that separate those regions.
//!
//! For a 2×2 symmetric Hessian the signs of det H = λ₁λ₂ and tr H = λ₁ + λ₂ decide the
//! class without an eigen-decomposition: det > 0 means both eigenvalues share a sign (the
//! trace's), det < 0 means opposite signs. That keeps a full-screen map cheap.

use crate::surface::{Point, Region, Surface};
use nalgebra::Matrix2;

/// The local shape of f, from the Hessian's definiteness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Curvature {
    /// Both eigenvalues positive: f curves up in every direction (locally convex).
    Convex,
    /// Eigenvalues of opposite signs: up in one direction, down in the other.
    Saddle,
    /// Both eigenvalues negative: f curves down in every direction (locally concave).
    Concave,
    /// det H = 0 within round-off (on a boundary), or H undefined: no class.
    Flat,
}

impl Curvature {
    pub fn as_str(self) -> &'static str {
        match self {
            Curvature::Convex => "convex",
            Curvature::Saddle => "saddle",
            Curvature::Concave => "concave",
            Curvature::Flat => "flat",
        }
    }
}

/// Relative size of det H, against the square of the Hessian's scale, below which it counts
/// as zero.
pub const FLAT_DET_TOL: f64 = 1e-12;

/// The definiteness class of a Hessian (symmetrised first).
pub fn curvature_class(h: Matrix2<f64>) -> Curvature {
    let (a, b, d) = (h[(0, 0)], 0.5 * (h[(0, 1)] + h[(1, 0)]), h[(1, 1)]);
    let det = a * d - b * b;
    let trace = a + d;
    let scale = a.abs().max(d.abs()).max(b.abs());
    if !(det.is_finite() && trace.is_finite()) || det.abs() <= FLAT_DET_TOL * scale * scale {
        Curvature::Flat
    } else if det < 0.0 {
        Curvature::Saddle
    } else if trace > 0.0 {
        Curvature::Convex
    } else {
        Curvature::Concave
    }
}

/// det H of the symmetrised Hessian.
pub fn hessian_det(h: Matrix2<f64>) -> f64 {
    let b = 0.5 * (h[(0, 1)] + h[(1, 0)]);
    h[(0, 0)] * h[(1, 1)] - b * b
}

/// The sharpness: the largest eigenvalue of the (symmetrised) Hessian, in closed form,
/// (a + d)/2 + √(((a − d)/2)² + b²). Gradient descent at learning rate lr is stable on the
/// local quadratic only while lr · sharpness < 2 (Cohen et al. 2021, the edge of stability).
pub fn sharpness(h: Matrix2<f64>) -> f64 {
    let (a, b, d) = (h[(0, 0)], 0.5 * (h[(0, 1)] + h[(1, 0)]), h[(1, 1)]);
    0.5 * (a + d) + (0.5 * (a - d)).hypot(b)
}

/// det H and its class at a grid of points over a region, row 0 at the top (largest y), as
/// the map draws it. Samples sit at the centres of `width × height` equal boxes.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvatureGrid {
    pub region: Region,
    pub width: usize,
    pub height: usize,
    /// Row-major det H (NaN where the Hessian is undefined).
    pub det: Vec<f64>,
    /// Row-major class.
    pub classes: Vec<Curvature>,
}

impl CurvatureGrid {
    /// Samples the Hessian of `surface` at `width × height` points covering `region`.
    pub fn sample(surface: &dyn Surface, region: Region, width: usize, height: usize) -> Self {
        let n = width * height;
        let (mut det, mut classes) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for j in 0..height {
            for i in 0..width {
                let h = surface.hessian(grid_point(region, width, height, i, j));
                det.push(hessian_det(h));
                classes.push(curvature_class(h));
            }
        }
        Self {
            region,
            width,
            height,
            det,
            classes,
        }
    }

    /// The world point of sample (i, j).
    pub fn point(&self, i: usize, j: usize) -> Point {
        grid_point(self.region, self.width, self.height, i, j)
    }

    pub fn class(&self, i: usize, j: usize) -> Curvature {
        self.classes[j * self.width + i]
    }

    /// How many samples fall in each class: (convex, saddle, concave, flat).
    pub fn counts(&self) -> [usize; 4] {
        let mut out = [0; 4];
        for c in &self.classes {
            out[*c as usize] += 1;
        }
        out
    }
}

fn grid_point(region: Region, width: usize, height: usize, i: usize, j: usize) -> Point {
    let u = (i as f64 + 0.5) / width.max(1) as f64;
    let v = (j as f64 + 0.5) / height.max(1) as f64;
    Point::new(
        region.x0 + u * region.width(),
        region.y1 - v * region.height(),
    )
}

/// Points on the curves det H = 0: every grid edge whose ends have det of opposite signs,
/// refined by bisection until det at the point is zero to round-off (or the edge is 2⁻⁴⁰ of
/// its length). What the map draws as lines, as exact points for a caller that wants them.
pub fn boundary_points(surface: &dyn Surface, grid: &CurvatureGrid) -> Vec<Point> {
    let mut out = Vec::new();
    let det_at = |p: Point| hessian_det(surface.hessian(p));
    let mut edge = |i0: usize, j0: usize, i1: usize, j1: usize| {
        let (d0, d1) = (
            grid.det[j0 * grid.width + i0],
            grid.det[j1 * grid.width + i1],
        );
        if d0.is_finite()
            && d1.is_finite()
            && (d0 < 0.0) != (d1 < 0.0)
            && let Some(p) = bisect(&det_at, grid.point(i0, j0), grid.point(i1, j1), d0)
        {
            out.push(p);
        }
    };
    for j in 0..grid.height {
        for i in 0..grid.width {
            if i + 1 < grid.width {
                edge(i, j, i + 1, j);
            }
            if j + 1 < grid.height {
                edge(i, j, i, j + 1);
            }
        }
    }
    out
}

/// A root of `f` between `a` and `b` where f(a) = `fa` and f(b) has the other sign.
fn bisect(f: &impl Fn(Point) -> f64, mut a: Point, mut b: Point, fa: f64) -> Option<Point> {
    let negative_at_a = fa < 0.0;
    for _ in 0..40 {
        let m = 0.5 * (a + b);
        let fm = f(m);
        if !fm.is_finite() {
            return None;
        }
        if fm == 0.0 {
            return Some(m);
        }
        if (fm < 0.0) == negative_at_a {
            a = m;
        } else {
            b = m;
        }
    }
    Some(0.5 * (a + b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_of_det_and_trace_give_the_class() {
        assert_eq!(
            curvature_class(Matrix2::new(2.0, 0.0, 0.0, 1.0)),
            Curvature::Convex
        );
        assert_eq!(
            curvature_class(Matrix2::new(2.0, 0.0, 0.0, -1.0)),
            Curvature::Saddle
        );
        assert_eq!(
            curvature_class(Matrix2::new(-2.0, 0.5, 0.5, -1.0)),
            Curvature::Concave
        );
        // Positive diagonal, but the off-diagonal makes it indefinite: det = 1 − 4 < 0.
        assert_eq!(
            curvature_class(Matrix2::new(1.0, 2.0, 2.0, 1.0)),
            Curvature::Saddle
        );
        assert_eq!(
            curvature_class(Matrix2::new(2.0, 0.0, 0.0, 0.0)),
            Curvature::Flat
        );
        assert_eq!(curvature_class(Matrix2::zeros()), Curvature::Flat);
        assert_eq!(
            curvature_class(Matrix2::new(f64::NAN, 0.0, 0.0, 1.0)),
            Curvature::Flat
        );
    }
}
