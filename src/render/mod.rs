//! Rendering: a view of a surface turned into terminal cells (no terminal IO here).
