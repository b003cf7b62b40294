//! `losscape surfaces`: every built-in surface with its formula, view and start.

use crate::surface::{BUILTIN_NAMES, Region, builtin, format_number as num};
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
                format!("({}, {})", num(p.x), num(p.y)),
            ]
        })
        .collect();
    let header = ["NAME", "FORMULA", "VIEW", "START"].map(String::from);
    super::table::write(out, &header, &rows)
}

pub(super) fn view_text(r: Region, a: &str, b: &str) -> String {
    let [x0, x1, y0, y1] = [r.x0, r.x1, r.y0, r.y1].map(num);
    format!("{a} ∈ [{x0}, {x1}], {b} ∈ [{y0}, {y1}]")
}
