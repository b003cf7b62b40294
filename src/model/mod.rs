//! Real networks: a small MLP on a real data set, with its exact loss, gradient
//! (backpropagation) and dense Hessian (forward-over-reverse), parameters in PyTorch's
//! `nn.Linear` layout, and the planes through parameter space its landscape is drawn on.

mod backprop;
pub mod batched;
pub mod data;
pub mod directions;
pub mod file;
mod hessian;
mod mlp;
pub mod network;
pub mod objective;
pub mod params;
pub mod pca;
pub mod plane;
pub mod scalar;
pub mod slice;
pub mod train;

pub use backprop::row_loss;
pub use data::DataSet;
pub use directions::{filter_normalize, project, random_directions};
pub use file::{ModelFileError, load};
pub use hessian::{negative_count, spectrum};
pub use mlp::Mlp;
pub use network::{Activation, Architecture, Loss};
pub use params::{DirectionsJson, ParamsError, ParamsJson};
pub use pca::{PcaPlane, pca_plane};
