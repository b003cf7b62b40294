//! One `[[beat]]` table: its caption, the panels and readouts it asks for, and its one action.

use super::{Action, Beat};
use crate::diagnostic::Diagnostic;
use crate::surface::Region;
use crate::surface::TomlValues;
use crate::surface::expr::closest_name;
use crate::toml_doc::{Doc, Field, Table};

pub const BEAT_KEYS: &[&str] = &[
    "caption",
    "run",
    "pause",
    "cursor",
    "highlight",
    "zoom",
    "show",
    "readout",
    "basins",
];
/// What `show = [...]` may open: the panels, overlays, then the teaching instruments (see
/// `tui::instruments::apply_show`).
pub const SHOW_NAMES: &[&str] = &[
    "optimizers",
    "loss",
    "inspector",
    "data",
    "arrows",
    "hessian-axes",
    "critical",
    "anatomy",
    "sharpness",
    "curvature",
    "forecast",
    "slice-step",
    "slice-v1",
    "slice-v2",
];
/// What `readout = [...]` may show per run: f, the multiplier λ (augmented Lagrangian), the
/// constraint's value g, the position; and `cursor`: f, |∇f| and the Hessian's eigenvalues at the cursor.
pub const READOUT_NAMES: &[&str] = &["f", "lambda", "g", "at", "cursor"];
/// The keys of a beat that are actions (a beat does at most one).
const ACTIONS: &[&str] = &["run", "pause", "cursor", "highlight", "zoom", "basins"];
/// Longest single run beat: a lesson is watched, not computed.
const MAX_RUN: u64 = 100_000;

/// Reads one beat; `view` is the view at this beat (after earlier zooms), where a cursor or a
/// highlight must land.
pub(super) fn parse_beat(
    doc: &Doc,
    t: &Table,
    view: Region,
    racers: usize,
) -> Result<Beat, Box<Diagnostic>> {
    t.only_keys(BEAT_KEYS)?;
    let before = doc.text().get(..t.span().start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let caption = t
        .get("caption")
        .map(|f| f.str())
        .transpose()?
        .map(str::to_string);
    let show = names(t, "show", SHOW_NAMES)?;
    let readout = names(t, "readout", READOUT_NAMES)?;
    let actions: Vec<Field> = t.fields().filter(|f| ACTIONS.contains(&f.key)).collect();
    if actions.len() > 1 {
        let second = &actions[1];
        return Err(doc.error(
            second.key_span(),
            format!("a beat does one thing; this one also has '{}'", actions[0].key),
            "expected one of run, pause, cursor, highlight, zoom, basins per beat: split it into two [[beat]]s",
        ));
    }
    let action = match actions.first() {
        None if caption.is_none() && show.is_none() && readout.is_none() => {
            return Err(doc.error(
                t.span(),
                "empty beat",
                "expected a caption and/or one of run, pause, cursor, highlight, zoom, basins",
            ));
        }
        None => Action::None,
        Some(f) => action(f, view, racers)?,
    };
    Ok(Beat {
        caption,
        action,
        show,
        readout,
        line,
    })
}

/// The action one of the `ACTIONS` keys asks for, checked against what a lesson may do (with
/// `racers` optimizers).
fn action(f: &Field, view: Region, racers: usize) -> Result<Action, Box<Diagnostic>> {
    Ok(match f.key {
        "run" => Action::Run { steps: run(f)? },
        "pause" => {
            let seconds = f.number()?;
            if !(seconds > 0.0 && seconds <= 60.0) {
                return Err(f.invalid(
                    format!("pause = {seconds} is out of range"),
                    "expected seconds, more than 0 and at most 60",
                ));
            }
            Action::Pause { seconds }
        }
        "zoom" => Action::Zoom(f.region()?),
        "basins" => Action::Basins(basins(f, racers)?),
        key => {
            let p = f.point()?;
            if !view.contains(p.x, p.y) {
                return Err(f.invalid(
                    format!(
                        "({}, {}) is outside the view at this beat ({view})",
                        p.x, p.y
                    ),
                    "expected a point on screen; zoom out first, or move the point",
                ));
            }
            if key == "cursor" {
                Action::Cursor(p)
            } else {
                Action::Highlight(p)
            }
        }
    })
}

/// `basins = N`: optimizer N's basin overlay (1-based, as the lesson lists them), 0 for off.
fn basins(f: &Field, racers: usize) -> Result<Option<usize>, Box<Diagnostic>> {
    let n = f.count()?;
    if n > racers as u64 {
        return Err(f.invalid(
            format!("basins = {n}, but the lesson races {racers} optimizer(s)"),
            &format!(
                "expected 1 to {racers} (an [[optimizer]], in the order listed), or 0 for off"
            ),
        ));
    }
    Ok(n.checked_sub(1).map(|i| i as usize))
}

/// `run = N`: at least one step (a caption-only beat has no `run`) and at most `MAX_RUN`.
fn run(f: &Field) -> Result<u64, Box<Diagnostic>> {
    let steps = f.count()?;
    if steps == 0 {
        return Err(f.invalid(
            "run = 0 takes no step",
            &format!(
                "expected 1 to {MAX_RUN} steps; a beat that only shows its caption \
                 needs no run"
            ),
        ));
    }
    if steps > MAX_RUN {
        return Err(f.invalid(
            format!("run = {steps} is more steps than a beat may take"),
            &format!("expected 1 to {MAX_RUN} steps"),
        ));
    }
    Ok(steps)
}

/// `key = ["a", "b"]`, each one of `allowed`, with a suggestion for a near miss.
fn names(t: &Table, key: &str, allowed: &[&str]) -> Result<Option<Vec<String>>, Box<Diagnostic>> {
    let Some(f) = t.get(key) else {
        return Ok(None);
    };
    let expected = format!("expected a list of: {}", allowed.join(", "));
    let mut out = Vec::new();
    for item in f.array(&format!("a list such as {key} = [\"{}\"]", allowed[0]))? {
        let name = item.str()?;
        if !allowed.contains(&name) {
            let mut d = item.invalid(format!("unknown {key} '{name}'"), &expected);
            if let Some(c) = closest_name(name, allowed.iter().copied()) {
                d.help = Some(format!("did you mean '{c}'?"));
            }
            return Err(d);
        }
        out.push(name.to_string());
    }
    Ok(Some(out))
}
