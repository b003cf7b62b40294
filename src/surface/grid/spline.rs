//! Bicubic spline interpolation of values on a rectilinear grid, with exact derivatives of the
//! interpolant.
//!
//! Slopes come from 1-D not-a-knot cubic splines along each axis (and ∂²f/∂x∂y from splining
//! the x-slopes along y), so the patches join with continuous first and second derivatives:
//! a C² tensor-product spline (de Boor, *A Practical Guide to Splines*, ch. XVII). Each cell is
//! then a bicubic Hermite patch, whose value, gradient and Hessian are exact polynomials.
//! Not-a-knot reproduces cubics exactly, and grids need at least 4 values along each axis.

use nalgebra::{Matrix2, Matrix4, Vector2};

/// A C² bicubic spline through `z` on the grid `xs` × `ys`.
#[derive(Debug, Clone)]
pub struct BicubicSpline {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Per cell (row-major, x fastest): coefficients c[a][b] of u^a·v^b in local (u, v) ∈ [0, 1]².
    cells: Vec<Matrix4<f64>>,
}

/// 1-D not-a-knot spline slopes f'(tᵢ) through (tᵢ, fᵢ); `t` increasing, at least 4 points.
pub fn spline_slopes(t: &[f64], f: &[f64]) -> Vec<f64> {
    let n = t.len();
    let h: Vec<f64> = t.windows(2).map(|w| w[1] - w[0]).collect();
    let d: Vec<f64> = (0..n - 1).map(|i| (f[i + 1] - f[i]) / h[i]).collect();
    let (mut sub, mut diag, mut sup, mut rhs) =
        (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for i in 1..n - 1 {
        sub[i] = h[i];
        diag[i] = 2.0 * (h[i - 1] + h[i]);
        sup[i] = h[i - 1];
        rhs[i] = 3.0 * (h[i] * d[i - 1] + h[i - 1] * d[i]);
    }
    // Not-a-knot at t₁: the third derivative is continuous there. The row also involves m₂,
    // eliminated with row 1 so the system stays tridiagonal.
    let (h0, h1) = (h[0], h[1]);
    let r0 = 2.0 * d[0] / (h0 * h0) - 2.0 * d[1] / (h1 * h1);
    let k = 1.0 / (h0 * h1 * h1);
    diag[0] = 1.0 / (h0 * h0) + k * h1;
    sup[0] = 1.0 / (h0 * h0) - 1.0 / (h1 * h1) + k * diag[1];
    rhs[0] = r0 + k * rhs[1];
    // Not-a-knot at t_{n−2}, m_{n−3} eliminated with row n−2.
    let (a, b) = (h[n - 3], h[n - 2]);
    let rk = 2.0 * d[n - 3] / (a * a) - 2.0 * d[n - 2] / (b * b);
    let k = 1.0 / (a * a * b);
    sub[n - 1] = 1.0 / (a * a) - 1.0 / (b * b) - k * diag[n - 2];
    diag[n - 1] = -1.0 / (b * b) - k * sup[n - 2];
    rhs[n - 1] = rk - k * rhs[n - 2];
    thomas(&sub, &diag, &sup, &rhs)
}

/// Solves a tridiagonal system (sub-, main and super-diagonal).
fn thomas(sub: &[f64], diag: &[f64], sup: &[f64], rhs: &[f64]) -> Vec<f64> {
    let n = diag.len();
    let (mut c, mut d) = (vec![0.0; n], vec![0.0; n]);
    c[0] = sup[0] / diag[0];
    d[0] = rhs[0] / diag[0];
    for i in 1..n {
        let m = diag[i] - sub[i] * c[i - 1];
        c[i] = sup[i] / m;
        d[i] = (rhs[i] - sub[i] * d[i - 1]) / m;
    }
    for i in (0..n - 1).rev() {
        d[i] -= c[i] * d[i + 1];
    }
    d
}

/// The cubic Hermite basis in power form: [p(0), p(1), p'(0), p'(1)] → coefficients of 1, u, u², u³.
fn hermite() -> Matrix4<f64> {
    Matrix4::new(
        1.0, 0.0, 0.0, 0.0, //
        0.0, 0.0, 1.0, 0.0, //
        -3.0, 3.0, -2.0, -1.0, //
        2.0, -2.0, 1.0, 1.0,
    )
}

impl BicubicSpline {
    /// `z[j·nx + i]` is the value at (xs[i], ys[j]); both axes increasing, ≥ 4 points each.
    pub fn new(xs: Vec<f64>, ys: Vec<f64>, z: &[f64]) -> Self {
        let (nx, ny) = (xs.len(), ys.len());
        let at = |j: usize, i: usize| j * nx + i;
        let mut fx = vec![0.0; nx * ny];
        for j in 0..ny {
            let s = spline_slopes(&xs, &z[at(j, 0)..at(j, 0) + nx]);
            fx[at(j, 0)..at(j, 0) + nx].copy_from_slice(&s);
        }
        let along_y = |src: &[f64], out: &mut [f64]| {
            for i in 0..nx {
                let col: Vec<f64> = (0..ny).map(|j| src[at(j, i)]).collect();
                for (j, s) in spline_slopes(&ys, &col).into_iter().enumerate() {
                    out[at(j, i)] = s;
                }
            }
        };
        let (mut fy, mut fxy) = (vec![0.0; nx * ny], vec![0.0; nx * ny]);
        along_y(z, &mut fy);
        along_y(&fx, &mut fxy);
        let m = hermite();
        let mut cells = Vec::with_capacity((nx - 1) * (ny - 1));
        for j in 0..ny - 1 {
            let hy = ys[j + 1] - ys[j];
            for i in 0..nx - 1 {
                let hx = xs[i + 1] - xs[i];
                let c = |a: usize, b: usize| at(j + b, i + a);
                // Rows: u-node 0, u-node 1, ∂u at 0, ∂u at 1; columns the same in v.
                let f = Matrix4::new(
                    z[c(0, 0)],
                    z[c(0, 1)],
                    fy[c(0, 0)] * hy,
                    fy[c(0, 1)] * hy, //
                    z[c(1, 0)],
                    z[c(1, 1)],
                    fy[c(1, 0)] * hy,
                    fy[c(1, 1)] * hy, //
                    fx[c(0, 0)] * hx,
                    fx[c(0, 1)] * hx,
                    fxy[c(0, 0)] * hx * hy,
                    fxy[c(0, 1)] * hx * hy, //
                    fx[c(1, 0)] * hx,
                    fx[c(1, 1)] * hx,
                    fxy[c(1, 0)] * hx * hy,
                    fxy[c(1, 1)] * hx * hy,
                );
                cells.push(m * f * m.transpose());
            }
        }
        Self { xs, ys, cells }
    }

    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    pub fn ys(&self) -> &[f64] {
        &self.ys
    }

    /// The cell holding (x, y) and the local coordinates there; None outside the grid.
    fn locate(&self, x: f64, y: f64) -> Option<(usize, f64, f64, f64, f64)> {
        let (i, u, hx) = locate_axis(&self.xs, x)?;
        let (j, v, hy) = locate_axis(&self.ys, y)?;
        Some((j * (self.xs.len() - 1) + i, u, v, hx, hy))
    }

    /// Value, gradient and Hessian of the interpolant at (x, y); None outside the grid.
    pub fn eval(&self, x: f64, y: f64) -> Option<(f64, Vector2<f64>, Matrix2<f64>)> {
        let (cell, u, v, hx, hy) = self.locate(x, y)?;
        let c = &self.cells[cell];
        let pu = [1.0, u, u * u, u * u * u];
        let du = [0.0, 1.0, 2.0 * u, 3.0 * u * u];
        let ddu = [0.0, 0.0, 2.0, 6.0 * u];
        let pv = [1.0, v, v * v, v * v * v];
        let dv = [0.0, 1.0, 2.0 * v, 3.0 * v * v];
        let ddv = [0.0, 0.0, 2.0, 6.0 * v];
        let form = |a: &[f64; 4], b: &[f64; 4]| -> f64 {
            let mut s = 0.0;
            for (r, ar) in a.iter().enumerate() {
                for (k, bk) in b.iter().enumerate() {
                    s += c[(r, k)] * ar * bk;
                }
            }
            s
        };
        let g = Vector2::new(form(&du, &pv) / hx, form(&pu, &dv) / hy);
        let hxy = form(&du, &dv) / (hx * hy);
        let h = Matrix2::new(
            form(&ddu, &pv) / (hx * hx),
            hxy,
            hxy,
            form(&pu, &ddv) / (hy * hy),
        );
        Some((form(&pu, &pv), g, h))
    }
}

/// Index of the interval of `t` holding `x`, its local coordinate in [0, 1] and its width. A
/// point a hair outside an end (round-off) belongs to the end interval.
fn locate_axis(t: &[f64], x: f64) -> Option<(usize, f64, f64)> {
    let (lo, hi) = (t[0], t[t.len() - 1]);
    let slack = 1e-9 * (hi - lo);
    if !(x >= lo - slack && x <= hi + slack) {
        return None;
    }
    let i = t.partition_point(|&v| v <= x).clamp(1, t.len() - 1) - 1;
    let h = t[i + 1] - t[i];
    Some((i, ((x - t[i]) / h).clamp(0.0, 1.0), h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_knot_reproduces_cubics_on_uneven_grids() {
        let t = [-1.0, -0.3, 0.5, 0.9, 2.0, 2.2];
        let p = |x: f64| 2.0 * x * x * x - x * x + 0.5 * x - 3.0;
        let dp = |x: f64| 6.0 * x * x - 2.0 * x + 0.5;
        let f: Vec<f64> = t.iter().map(|&x| p(x)).collect();
        for (m, &x) in spline_slopes(&t, &f).iter().zip(&t) {
            assert!((m - dp(x)).abs() < 1e-11, "{m} vs {}", dp(x));
        }
    }

    #[test]
    fn bicubic_reproduces_a_bicubic_with_its_derivatives() {
        let xs: Vec<f64> = (0..6).map(|i| -1.0 + 0.4 * i as f64).collect();
        let ys: Vec<f64> = (0..5)
            .map(|j| 0.5 * j as f64 + 0.1 * (j * j) as f64)
            .collect();
        let f = |x: f64, y: f64| x * x * x * y - 2.0 * x * y * y + y * y * y + x;
        let z: Vec<f64> = ys
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| f(x, y)))
            .collect();
        let s = BicubicSpline::new(xs, ys, &z);
        let (x, y) = (0.13, 1.37);
        let (v, g, h) = s.eval(x, y).unwrap();
        assert!((v - f(x, y)).abs() < 1e-11);
        assert!(
            (g - Vector2::new(
                3.0 * x * x * y - 2.0 * y * y + 1.0,
                x * x * x - 4.0 * x * y + 3.0 * y * y
            ))
            .norm()
                < 1e-10
        );
        let want = Matrix2::new(
            6.0 * x * y,
            3.0 * x * x - 4.0 * y,
            3.0 * x * x - 4.0 * y,
            -4.0 * x + 6.0 * y,
        );
        assert!((h - want).norm() < 1e-9, "{h} vs {want}");
        assert!(s.eval(-1.5, 1.0).is_none());
    }
}
