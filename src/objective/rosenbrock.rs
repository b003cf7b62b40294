//! The N-dimensional Rosenbrock function (Rosenbrock 1960; the "extended" form of
//! scipy.optimize.rosen and of argmin-testfunctions):
//!
//! ```text
//! f(x) = Σᵢ₌₀^{N−2} [100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²]
//! ∂f/∂xⱼ = −400·xⱼ(xⱼ₊₁ − xⱼ²) − 2(1 − xⱼ)   (j < N−1)   + 200·(xⱼ − xⱼ₋₁²)   (j > 0)
//! ∂²f/∂xⱼ² = 1200xⱼ² − 400xⱼ₊₁ + 2 (j < N−1) + 200 (j > 0);  ∂²f/∂xⱼ∂xⱼ₊₁ = −400xⱼ
//! ```
//! Global minimum f(1, …, 1) = 0; for 4 ≤ N ≤ 7 a second local minimum near x₀ = −1.
//! Start: (−1.2, 1, −1.2, 1, …), the classic start of the 2-D case repeated. N = 2 is the
//! built-in surface `rosenbrock`.

use super::Objective;
use nalgebra::DMatrix;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rosenbrock {
    dim: usize,
    name: String,
}

impl Rosenbrock {
    /// The N-D Rosenbrock function; None for N < 2.
    pub fn new(dim: usize) -> Option<Self> {
        (dim >= 2).then(|| Self {
            dim,
            name: format!("rosenbrock:{dim}"),
        })
    }
}

impl Objective for Rosenbrock {
    fn name(&self) -> &str {
        &self.name
    }
    fn dim(&self) -> usize {
        self.dim
    }
    fn value(&self, x: &[f64]) -> f64 {
        x.windows(2)
            .map(|w| {
                let a = w[1] - w[0] * w[0];
                let b = 1.0 - w[0];
                100.0 * a * a + b * b
            })
            .sum()
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        g.fill(0.0);
        for i in 0..self.dim - 1 {
            let a = x[i + 1] - x[i] * x[i];
            g[i] += -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
            g[i + 1] += 200.0 * a;
        }
    }
    fn hessian(&self, x: &[f64]) -> DMatrix<f64> {
        let n = self.dim;
        let mut h = DMatrix::zeros(n, n);
        for i in 0..n - 1 {
            h[(i, i)] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
            h[(i + 1, i + 1)] += 200.0;
            h[(i, i + 1)] = -400.0 * x[i];
            h[(i + 1, i)] = -400.0 * x[i];
        }
        h
    }
    fn start(&self) -> Vec<f64> {
        (0..self.dim)
            .map(|i| if i % 2 == 0 { -1.2 } else { 1.0 })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_value_gradient_and_hessian_by_hand() {
        let f = Rosenbrock::new(3).unwrap();
        assert_eq!(f.value(&[1.0, 1.0, 1.0]), 0.0);
        // x = (0, 1, 2): terms 100·1 + 1 and 100·(2 − 1)² + 0 = 201.
        let x = [0.0, 1.0, 2.0];
        assert_eq!(f.value(&x), 201.0);
        // ∂₀ = −0 − 2 = −2; ∂₁ = 200·(1 − 0) − 400·1·(2 − 1) − 0 = −200; ∂₂ = 200·(2 − 1) = 200.
        let mut g = [0.0; 3];
        f.gradient(&x, &mut g);
        assert_eq!(g, [-2.0, -200.0, 200.0]);
        // H₀₀ = 0 − 400 + 2 = −398, H₁₁ = 1200 − 800 + 2 + 200 = 602, H₂₂ = 200, H₀₁ = 0, H₁₂ = −400.
        let h = f.hessian(&x);
        assert_eq!(h[(0, 0)], -398.0);
        assert_eq!(h[(1, 1)], 602.0);
        assert_eq!(h[(2, 2)], 200.0);
        assert_eq!((h[(0, 1)], h[(1, 2)], h[(2, 1)]), (0.0, -400.0, -400.0));
        assert_eq!(f.start(), vec![-1.2, 1.0, -1.2]);
        assert!(Rosenbrock::new(1).is_none());
    }

    #[test]
    fn two_dimensional_case_is_the_builtin_surface() {
        let s = crate::surface::resolve("rosenbrock").unwrap();
        let f = Rosenbrock::new(2).unwrap();
        let p = [-0.7, 1.3];
        let mut g = [0.0; 2];
        f.gradient(&p, &mut g);
        let want = s.gradient(crate::surface::Point::new(p[0], p[1]));
        assert!((g[0] - want.x).abs() < 1e-12 && (g[1] - want.y).abs() < 1e-12);
        assert!((f.value(&p) - s.value(crate::surface::Point::new(p[0], p[1]))).abs() < 1e-12);
    }
}
