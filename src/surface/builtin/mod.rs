//! The built-in surfaces, one file each (value, gradient, Hessian, literature facts).

mod bowl;
mod himmelblau;
mod monkey_saddle;
mod ravine;
mod rosenbrock;
mod saddle;

pub use bowl::Bowl;
pub use himmelblau::Himmelblau;
pub use monkey_saddle::MonkeySaddle;
pub use ravine::Ravine;
pub use rosenbrock::Rosenbrock;
pub use saddle::Saddle;

use super::SharedSurface;
use std::sync::Arc;

/// Every built-in name, in the order they are listed. These names are part of the command line.
pub const BUILTIN_NAMES: &[&str] = &[
    "bowl",
    "ravine",
    "rosenbrock",
    "saddle",
    "monkey-saddle",
    "himmelblau",
];

/// The built-in surface with this name, if any.
pub fn builtin(name: &str) -> Option<SharedSurface> {
    let s: SharedSurface = match name {
        "bowl" => Arc::new(Bowl),
        "ravine" => Arc::new(Ravine),
        "rosenbrock" => Arc::new(Rosenbrock),
        "saddle" => Arc::new(Saddle),
        "monkey-saddle" => Arc::new(MonkeySaddle),
        "himmelblau" => Arc::new(Himmelblau),
        _ => return None,
    };
    Some(s)
}
