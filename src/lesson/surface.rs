//! The surface a lesson is drawn on: a built-in, a surface file, or the plane through a
//! network's initial parameters (`model = "..."` instead of `surface = "..."`).

use super::LessonError;
use crate::diagnostic::Diagnostic;
use crate::surface::expr::closest_name;
use crate::surface::file::{self, SurfaceFileError};
use crate::surface::{BUILTIN_NAMES, SharedSurface, builtin};
use crate::toml_doc::{Field, Table};
use std::path::Path;
use std::sync::Arc;

/// The surface's name as written and the surface; a path is relative to `base_dir`.
pub(super) fn resolve(
    root: &Table,
    base_dir: &Path,
) -> Result<(String, SharedSurface), LessonError> {
    let model_field = root.get("model");
    let field = match &model_field {
        Some(f) => *f,
        None => root.require("surface", "surface = \"himmelblau\"")?,
    };
    let name = field.str()?.to_string();
    let surface = if model_field.is_some() {
        model_plane(&field, &base_dir.join(&name))?
    } else if name.ends_with(".toml") {
        surface_file(&field, &base_dir.join(&name))?
    } else {
        named_builtin(&field, &name)?
    };
    Ok((name, surface))
}

/// A network's loss on the plane through its initial parameters.
fn model_plane(field: &Field, path: &Path) -> Result<SharedSurface, Box<Diagnostic>> {
    let mlp = crate::model::load(path).map_err(|e| {
        field.invalid(
            format!("cannot load model {}: {e}", path.display()),
            "expected a model file (surfaces/models/*.toml), path relative to this lesson",
        )
    })?;
    Ok(Arc::new(crate::model::plane::PlaneSurface::through_start(
        Arc::new(mlp),
    )))
}

/// A surface file: one that cannot be read is this lesson's mistake (a caret here); a mistake
/// inside it is reported in that file.
fn surface_file(field: &Field, path: &Path) -> Result<SharedSurface, LessonError> {
    match file::load(path) {
        Ok(f) => Ok(f.surface),
        Err(SurfaceFileError::Read { source, .. }) => Err(field
            .invalid(
                format!("cannot read surface file {}: {source}", path.display()),
                "expected a surface file, path relative to this lesson",
            )
            .into()),
        Err(e) => Err(LessonError::Surface(Box::new(e))),
    }
}

/// A built-in surface, with the nearest name (or the list) for a typo.
fn named_builtin(field: &Field, name: &str) -> Result<SharedSurface, Box<Diagnostic>> {
    builtin(name).ok_or_else(|| {
        let mut d = field.invalid(
            format!("unknown surface '{name}'"),
            "expected a built-in name or a path ending in .toml",
        );
        d.help = Some(match closest_name(name, BUILTIN_NAMES.iter().copied()) {
            Some(c) => format!("did you mean '{c}'?"),
            None => format!("built-ins: {}", BUILTIN_NAMES.join(", ")),
        });
        d
    })
}
