//! `losscape surfaces`: every built-in surface with its formula, view and start.

use crate::surface::{BUILTIN_NAMES, Region, builtin};
use std::io::{self, Write};

/// Writes the aligned table of built-in surfaces.
pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<[String; 4]> = BUILTIN_NAMES
        .iter()
        .filter_map(|name| builtin(name))
        .map(|s| {
            let (a, b) = s.axis_names();
            let p = s.start();
            [
                s.name().to_string(),
                s.formula().to_string(),
                view_text(s.view(), a, b),
                format!("({}, {})", p.x, p.y),
            ]
        })
        .collect();
    let header = ["NAME", "FORMULA", "VIEW", "START"].map(String::from);
    super::table::write(out, &header, &rows)
}

fn view_text(r: Region, a: &str, b: &str) -> String {
    format!("{a} ∈ [{}, {}], {b} ∈ [{}, {}]", r.x0, r.x1, r.y0, r.y1)
}
