//! Rendering: a view of a surface turned into terminal cells (no terminal IO here).
//!
//! [`Viewport`] maps world to cells with true aspect; [`Field`] samples f once per view
//! (colours, contours, labels) and is cached by the caller; [`draw_map`] paints a frame.

pub mod ansi;
pub mod colormap;
pub mod constraint;
pub mod contour;
pub mod curvature;
mod dots;
pub mod field;
pub mod glyphs;
pub mod image;
pub mod map;
pub mod marks;
pub mod ticks;
pub mod viewport;

pub use colormap::{ColorMode, Rgb, ScaleMode, ValueScale, viridis};
pub use constraint::ConstraintLayer;
pub use field::{Field, FieldKey};
pub use map::{MapScene, Trail, draw_map};
pub use viewport::{CELL_ASPECT, Viewport};
