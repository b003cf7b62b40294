//! The built-in surfaces, one file each (value, gradient, Hessian, literature facts).

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

use super::{LinearRegression, SharedSurface};
use std::sync::Arc;

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
