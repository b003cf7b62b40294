//! The built-in surfaces, one file each: the formula written once as a generic function of
//! its number type, its view and start, and the literature facts.

/// `value`, `gradient`, `hessian` and `enclose` of a built-in from its one generic formula
/// `Self::f`, evaluated over `f64`, `Grad`, `Hyper` and `Hyper<Interval>`: the derivatives are
/// exact (automatic differentiation), with none derived by hand to get wrong.
macro_rules! generic_formula {
    () => {
        fn value(&self, p: $crate::surface::Point) -> f64 {
            Self::f(p.x, p.y)
        }
        fn gradient(&self, p: $crate::surface::Point) -> nalgebra::Vector2<f64> {
            $crate::surface::builtin::gradient_of(Self::f, p)
        }
        fn hessian(&self, p: $crate::surface::Point) -> nalgebra::Matrix2<f64> {
            $crate::surface::builtin::hessian_of(Self::f, p)
        }
        fn value_and_gradient(&self, p: $crate::surface::Point) -> (f64, nalgebra::Vector2<f64>) {
            $crate::surface::builtin::value_and_gradient_of(Self::f, p)
        }
        fn gradient_and_value_xy(&self, x: f64, y: f64, value: &mut f64) -> (f64, f64) {
            let d = Self::f(
                $crate::surface::scalar::Grad::variable(x, 0),
                $crate::surface::scalar::Grad::variable(y, 1),
            );
            *value = d.v;
            (d.g[0], d.g[1])
        }
        fn values_and_gradients_apart(&self, at: $crate::surface::Apart<'_>) {
            let f = |x, y| Self::f(x, y);
            $crate::simd::run($crate::surface::builtin::ApartKernel { at, f });
        }
        fn enclose(
            &self,
            x: $crate::surface::scalar::Interval,
            y: $crate::surface::scalar::Interval,
        ) -> Option<$crate::surface::scalar::Hyper<$crate::surface::scalar::Interval>> {
            Some($crate::surface::builtin::enclosure_of(Self::f, x, y))
        }
        fn enclose_along(
            &self,
            x: $crate::surface::scalar::Interval,
            y: $crate::surface::scalar::Interval,
            basis: &$crate::surface::scalar::Basis,
        ) -> Option<$crate::surface::scalar::Hyper<$crate::surface::scalar::Interval>> {
            use $crate::surface::scalar::Hyper;
            Some(Self::f(
                Hyper::along(x, 0, basis),
                Hyper::along(y, 1, basis),
            ))
        }
        fn enclose_gradient(
            &self,
            x: $crate::surface::scalar::Interval,
            y: $crate::surface::scalar::Interval,
        ) -> Option<$crate::surface::scalar::Grad<$crate::surface::scalar::Interval>> {
            use $crate::surface::scalar::Grad;
            Some(Self::f(Grad::variable(x, 0), Grad::variable(y, 1)))
        }
    };
}

mod ackley;
mod beale;
mod booth;
mod bowl;
mod circle_linear;
mod goldstein_price;
mod himmelblau;
mod line_bowl;
mod matyas;
mod monkey_saddle;
mod rastrigin;
mod ravine;
mod rosenbrock;
mod rosenbrock_disc;
mod saddle;
mod six_hump_camel;
mod three_hump_camel;

pub use ackley::Ackley;
pub use beale::Beale;
pub use booth::Booth;
pub use bowl::Bowl;
pub use circle_linear::CircleLinear;
pub use goldstein_price::GoldsteinPrice;
pub use himmelblau::Himmelblau;
pub use line_bowl::LineBowl;
pub use matyas::Matyas;
pub use monkey_saddle::MonkeySaddle;
pub use rastrigin::Rastrigin;
pub use ravine::Ravine;
pub use rosenbrock::Rosenbrock;
pub use rosenbrock_disc::RosenbrockDisc;
pub use saddle::Saddle;
pub use six_hump_camel::SixHumpCamel;
pub use three_hump_camel::ThreeHumpCamel;

use super::scalar::{Grad, Hyper, Interval};
use super::{LinearRegression, Point, SharedSurface};
use nalgebra::{Matrix2, Vector2};
use std::sync::Arc;

/// ∇f(p) by forward-mode automatic differentiation of a generic formula.
#[inline]
pub(crate) fn gradient_of(f: fn(Grad<f64>, Grad<f64>) -> Grad<f64>, p: Point) -> Vector2<f64> {
    let d = f(Grad::variable(p.x, 0), Grad::variable(p.y, 1));
    Vector2::new(d.g[0], d.g[1])
}

/// f(p) and ∇f(p) from one forward-mode pass.
#[inline]
pub(crate) fn value_and_gradient_of(
    f: fn(Grad<f64>, Grad<f64>) -> Grad<f64>,
    p: Point,
) -> (f64, Vector2<f64>) {
    let d = f(Grad::variable(p.x, 0), Grad::variable(p.y, 1));
    (d.v, Vector2::new(d.g[0], d.g[1]))
}

/// f and ∇f of a generic formula at points stored apart, as one loop the compiler vectorises
/// (`f` a function item, not a pointer, so it inlines into the loop).
pub(crate) struct ApartKernel<'a, F> {
    pub at: super::Apart<'a>,
    pub f: F,
}

impl<F: Fn(Grad<f64>, Grad<f64>) -> Grad<f64>> crate::simd::Kernel for ApartKernel<'_, F> {
    type Output = ();
    #[inline(always)]
    fn run(self) {
        let a = self.at;
        let n = a.x.len();
        let (y, f, gx, gy) = (&a.y[..n], &mut a.f[..n], &mut a.gx[..n], &mut a.gy[..n]);
        for i in 0..n {
            let d = (self.f)(Grad::variable(a.x[i], 0), Grad::variable(y[i], 1));
            (f[i], gx[i], gy[i]) = (d.v, d.g[0], d.g[1]);
        }
    }
}

/// ∇²f(p) by second-order automatic differentiation of a generic formula.
#[inline]
pub(crate) fn hessian_of(f: fn(Hyper<f64>, Hyper<f64>) -> Hyper<f64>, p: Point) -> Matrix2<f64> {
    let d = f(Hyper::variable(p.x, 0), Hyper::variable(p.y, 1));
    Matrix2::new(d.h[0], d.h[1], d.h[1], d.h[2])
}

/// Enclosures of f, ∇f, ∇²f over the box x × y.
pub(crate) fn enclosure_of(
    f: fn(Hyper<Interval>, Hyper<Interval>) -> Hyper<Interval>,
    x: Interval,
    y: Interval,
) -> Hyper<Interval> {
    f(Hyper::variable(x, 0), Hyper::variable(y, 1))
}

/// Every built-in name, in the order they are listed. These names are part of the command line.
pub const BUILTIN_NAMES: &[&str] = &[
    "bowl",
    "ravine",
    "rosenbrock",
    "saddle",
    "monkey-saddle",
    "himmelblau",
    "six-hump-camel",
    "three-hump-camel",
    "beale",
    "booth",
    "matyas",
    "goldstein-price",
    "rastrigin",
    "ackley",
    "linear-regression",
    "linear-regression-standardized",
    "circle-linear",
    "line-bowl",
    "rosenbrock-disc",
];

/// The advertising data (ISLR; see surfaces/data/README.md), embedded so the binary works from
/// any directory.
pub const ADVERTISING_CSV: &str = include_str!("../../../surfaces/data/advertising.csv");

/// Sales against TV spending, raw or with TV standardized.
fn advertising(name: &str, standardize: bool) -> Option<SharedSurface> {
    // The bundled file is checked by the tests, so this cannot fail in practice.
    let s = LinearRegression::from_csv(name, ADVERTISING_CSV, "TV", "sales", standardize).ok()?;
    Some(Arc::new(s))
}

/// The built-in surface with this name, if any.
pub fn builtin(name: &str) -> Option<SharedSurface> {
    let s: SharedSurface = match name {
        "bowl" => Arc::new(Bowl),
        "ravine" => Arc::new(Ravine),
        "rosenbrock" => Arc::new(Rosenbrock),
        "saddle" => Arc::new(Saddle),
        "monkey-saddle" => Arc::new(MonkeySaddle),
        "himmelblau" => Arc::new(Himmelblau),
        "six-hump-camel" => Arc::new(SixHumpCamel),
        "three-hump-camel" => Arc::new(ThreeHumpCamel),
        "beale" => Arc::new(Beale),
        "booth" => Arc::new(Booth),
        "matyas" => Arc::new(Matyas),
        "goldstein-price" => Arc::new(GoldsteinPrice),
        "rastrigin" => Arc::new(Rastrigin),
        "ackley" => Arc::new(Ackley),
        "circle-linear" => Arc::new(CircleLinear::default()),
        "line-bowl" => Arc::new(LineBowl::default()),
        "rosenbrock-disc" => Arc::new(RosenbrockDisc::default()),
        "linear-regression" => return advertising(name, false),
        "linear-regression-standardized" => return advertising(name, true),
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run reads f and ∇f from one call (`gradient_and_value_xy` in a 2-D run, the batch
    /// methods in a batch): each must be the two calls bit for bit, or runs
    /// would drift from torch's, which evaluates them separately.
    #[test]
    fn value_and_gradient_is_value_and_gradient_bit_for_bit() {
        let expression = crate::surface::Expression::parse("sin(x)*y^2 + exp(x/3)").unwrap();
        let surfaces = BUILTIN_NAMES
            .iter()
            .map(|name| (*name, builtin(name).expect("built in")))
            .chain([(
                "an expression (the default batch methods)",
                std::sync::Arc::new(crate::surface::ExpressionSurface::new("e", expression))
                    as SharedSurface,
            )]);
        for (name, s) in surfaces {
            let v = s.view();
            let points: Vec<Point> = (0..21 * 21)
                .map(|k| {
                    let (i, j) = ((k % 21) as f64, (k / 21) as f64);
                    Point::new(
                        v.x0 + (v.x1 - v.x0) * i / 20.0 + 1e-3,
                        v.y0 + (v.y1 - v.y0) * j / 20.0 - 1e-3,
                    )
                })
                .collect();
            let n = points.len();
            let (xs, ys): (Vec<f64>, Vec<f64>) = points.iter().map(|p| (p.x, p.y)).unzip();
            let (mut fa, mut gx, mut gy) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
            s.values_and_gradients_apart(crate::surface::Apart {
                x: &xs,
                y: &ys,
                f: &mut fa,
                gx: &mut gx,
                gy: &mut gy,
            });
            for (k, &p) in points.iter().enumerate() {
                let (ef, eg) = (s.value(p), s.gradient(p));
                let apart = (fa[k], Vector2::new(gx[k], gy[k]));
                let mut f_xy = f64::NAN;
                let (gx_xy, gy_xy) = s.gradient_and_value_xy(p.x, p.y, &mut f_xy);
                let xy = (f_xy, Vector2::new(gx_xy, gy_xy));
                for (f, g) in [s.value_and_gradient(p), apart, xy] {
                    assert_eq!(f.to_bits(), ef.to_bits(), "{name} f at {p:?}");
                    assert_eq!(g.x.to_bits(), eg.x.to_bits(), "{name} ∂x at {p:?}");
                    assert_eq!(g.y.to_bits(), eg.y.to_bits(), "{name} ∂y at {p:?}");
                }
            }
        }
    }
}
