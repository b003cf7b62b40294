//! The surface files of a directory, for the TUI's surface list (beside the built-ins).

use super::SharedSurface;
use super::file::{self, SurfaceFileError};
use std::path::{Path, PathBuf};

/// One `.toml` file of a directory: its surface, or why it could not be loaded.
pub struct CatalogEntry {
    pub path: PathBuf,
    /// The file's `name` if it loaded, else the file name without `.toml`.
    pub name: String,
    pub description: Option<String>,
    pub surface: Result<SharedSurface, SurfaceFileError>,
}

/// Every `*.toml` file directly in `dir` (not in subdirectories such as `lessons/`), sorted by
/// file name. A missing or unreadable directory gives an empty list.
pub fn catalog(dir: &Path) -> Vec<CatalogEntry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            match file::load(&path) {
                Ok(f) => CatalogEntry {
                    name: f.surface.name().to_string(),
                    description: f.description,
                    surface: Ok(f.surface),
                    path,
                },
                Err(e) => CatalogEntry {
                    name: stem,
                    description: None,
                    surface: Err(e),
                    path,
                },
            }
        })
        .collect()
}
