//! `losscape surfaces`: every built-in surface with its formula, view and start, then the
//! surface files of `./surfaces/` (what to pass to `--surface`), broken ones with their error.

use crate::diagnostic::sanitize;
use crate::surface::file::SurfaceFileError;
use crate::surface::{BUILTIN_NAMES, Region, Surface, builtin, catalog, format_number as num};
use std::io::{self, Write};
use std::path::Path;

/// Where `losscape surfaces` looks for surface files (relative to the working directory).
pub const SURFACES_DIR: &str = "surfaces";

/// Writes the table of built-in surfaces, then the files of [`SURFACES_DIR`].
pub fn run(out: &mut dyn Write) -> io::Result<()> {
    run_in(out, Path::new(SURFACES_DIR))
}

/// Writes the table of built-in surfaces, then, if `dir` holds any `.toml` surface files, a
/// second table of them.
pub fn run_in(out: &mut dyn Write, dir: &Path) -> io::Result<()> {
    let rows: Vec<[String; 4]> = BUILTIN_NAMES
        .iter()
        .filter_map(|name| builtin(name))
        .map(|s| {
            let [formula, view, start] = described(s.as_ref());
            [s.name().to_string(), formula, view, start]
        })
        .collect();
    let header = ["NAME", "FORMULA", "VIEW", "START"].map(String::from);
    super::table::write(out, &header, &rows)?;
    let files: Vec<[String; 5]> = catalog(dir)
        .into_iter()
        .map(|e| {
            // A file name can hold escape codes too: shown spelled out, never sent raw.
            let path = sanitize(&e.path.display().to_string());
            let name = sanitize(&e.name);
            match e.surface {
                Ok(s) => {
                    let [formula, view, start] = described(s.as_ref());
                    [path, name, formula, view, start]
                }
                Err(err) => [
                    path,
                    name,
                    format!("does not load: {}", sanitize(&brief(&err))),
                    String::new(),
                    String::new(),
                ],
            }
        })
        .collect();
    if files.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let header = ["FILE", "NAME", "FORMULA", "VIEW", "START"].map(String::from);
    super::table::write(out, &header, &files)
}

/// Formula, view and start as the table shows them.
fn described(s: &dyn Surface) -> [String; 3] {
    let (a, b) = s.axis_names();
    let p = s.start();
    [
        s.formula().to_string(),
        view_text(s.view(), a, b),
        format!("({}, {})", num(p.x), num(p.y)),
    ]
}

/// One line for a file that does not load: what is wrong and where (the full snippet with a
/// caret is what `--surface FILE` prints).
fn brief(e: &SurfaceFileError) -> String {
    match e {
        SurfaceFileError::Read { source, .. } => format!("cannot read it ({source})"),
        SurfaceFileError::Invalid(d) => {
            format!("{} (line {}, column {})", d.message, d.line, d.column)
        }
    }
}

pub(super) fn view_text(r: Region, a: &str, b: &str) -> String {
    let [x0, x1, y0, y1] = [r.x0, r.x1, r.y0, r.y1].map(num);
    format!("{a} ∈ [{x0}, {x1}], {b} ∈ [{y0}, {y1}]")
}
