//! An optimizer's `spec = "NAME[:key=value,...]"`, with the caret under the part that is wrong.

use crate::diagnostic::Diagnostic;
use crate::optim::{OptimizerSpec, SpecError, registry};
use crate::surface::expr::closest_name;
use crate::toml_doc::Field;
use std::ops::Range;

/// Where the parts of a well-shaped spec are, for the caret of a later error.
struct Layout<'s> {
    name: Range<usize>,
    params: Vec<Param<'s>>,
}

/// One `key=value` of a spec: the key, and where the key and the value are in the spec.
struct Param<'s> {
    key: &'s str,
    key_range: Range<usize>,
    value_range: Range<usize>,
}

/// Parses an optimizer spec, with a caret under the part that is wrong: the shape
/// `NAME[:key=value,...]` first, then names, keys and values by `OptimizerSpec`.
pub(super) fn check_spec(field: &Field, spec: &str) -> Result<OptimizerSpec, Box<Diagnostic>> {
    let layout = shape(field, spec)?;
    spec.parse::<OptimizerSpec>()
        .map_err(|e| spec_error(field, spec, &layout, e))
}

/// Checks the shape `NAME[:key=value,...]` (which `OptimizerSpec` reports without positions)
/// and returns where the name and each key and value are.
fn shape<'s>(field: &Field, spec: &'s str) -> Result<Layout<'s>, Box<Diagnostic>> {
    let name_end = spec.find(':').unwrap_or(spec.len());
    let name = &spec[..name_end];
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !name_ok {
        return Err(field.string_error(
            spec,
            0..name.len().max(1),
            "malformed optimizer name",
            "expected a name such as gd, sgd, adam, newton",
        ));
    }
    let mut params = Vec::new();
    if name_end < spec.len() {
        let mut at = name_end + 1;
        for part in spec[name_end + 1..].split(',') {
            let range = at..at + part.len().max(1);
            match part.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                    let v_start = at + k.len() + 1;
                    params.push(Param {
                        key: k.trim(),
                        key_range: at..at + k.len(),
                        value_range: v_start..v_start + v.len(),
                    });
                }
                _ => {
                    return Err(field.string_error(
                        spec,
                        range,
                        format!("'{part}' is not key=value"),
                        "expected NAME:key=value,..., e.g. sgd:lr=0.01,momentum=0.9",
                    ));
                }
            }
            at += part.len() + 1;
        }
    }
    Ok(Layout {
        name: 0..name_end,
        params,
    })
}

/// `OptimizerSpec`'s error as a caret under the name, the key or the value it is about.
fn spec_error(field: &Field, spec: &str, layout: &Layout, e: SpecError) -> Box<Diagnostic> {
    let bad = |range: Range<usize>, message: &str, expected: &str| {
        field.string_error(spec, range, message, expected)
    };
    let find = |key: &str| layout.params.iter().find(|p| p.key == key);
    match e {
        SpecError::UnknownName { name } => {
            let mut d = bad(
                layout.name.clone(),
                &format!("unknown optimizer '{name}'"),
                &format!(
                    "expected one of: {}",
                    registry::names().collect::<Vec<_>>().join(", ")
                ),
            );
            if let Some(c) = closest_name(&name, registry::names()) {
                d.help = Some(format!("did you mean '{c}'?"));
            }
            d
        }
        SpecError::UnknownKey { name, key, valid } => {
            let range = find(&key).map_or(0..spec.len(), |p| p.key_range.clone());
            let mut d = bad(
                range,
                &format!("optimizer '{name}' has no key '{key}'"),
                &format!("expected one of: {valid}"),
            );
            if let Some(c) = closest_name(&key, valid.split(", ")) {
                d.help = Some(format!("did you mean '{c}'?"));
            }
            d
        }
        SpecError::BadValue {
            key,
            value,
            expected,
            ..
        } => {
            let range = find(&key).map_or(0..spec.len(), |p| p.value_range.clone());
            bad(
                range,
                &format!("bad value '{value}' for '{key}'"),
                &expected,
            )
        }
        SpecError::Malformed { reason, .. } => bad(
            0..spec.len(),
            &format!("malformed optimizer spec: {reason}"),
            "expected NAME[:key=value,...], e.g. adam:lr=0.05",
        ),
    }
}
