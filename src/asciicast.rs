//! Reading asciicast recordings, v2 (absolute event times) and v3 (intervals since the
//! previous event, a `term` object in the header, `#` comment lines), into one form: the
//! terminal's size and every event at its time since the start. The writer is
//! [`crate::record`]; formats: <https://docs.asciinema.org/manual/asciicast/v2>, `.../v3`.

use serde_json::Value;
use std::path::Path;

/// A parsed recording.
#[derive(Debug, Clone, PartialEq)]
pub struct Cast {
    /// 2 or 3.
    pub version: u8,
    pub width: u16,
    pub height: u16,
    pub title: Option<String>,
    pub events: Vec<Event>,
}

/// One event at `time` seconds since the recording started.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub time: f64,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// Text the terminal printed ("o").
    Output(String),
    /// The terminal's new size, columns × rows ("r").
    Resize(u16, u16),
    /// A chapter mark with its label ("m").
    Marker(String),
    /// Anything else: input ("i"), exit ("x"), codes of later versions. Only its time counts.
    Other,
}

#[derive(Debug, thiserror::Error)]
pub enum CastError {
    #[error("cannot read recording {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}:{line}:{column}: {message}\n  = help: {help}")]
    Invalid {
        origin: String,
        line: usize,
        column: usize,
        message: String,
        help: &'static str,
    },
}

const HEADER_HELP: &str = "the first line must be an asciicast header, e.g. \
     {\"version\": 2, \"width\": 100, \"height\": 30} or \
     {\"version\": 3, \"term\": {\"cols\": 100, \"rows\": 30}}";
const EVENT_HELP: &str =
    "each line after the header is [TIME, CODE, DATA], e.g. [0.5, \"o\", \"text\"]";

/// Reads and parses the recording at `path`.
pub fn load(path: &Path) -> Result<Cast, CastError> {
    let text = std::fs::read_to_string(path).map_err(|source| CastError::Read {
        path: path.display().to_string(),
        source,
    })?;
    parse(&path.display().to_string(), &text)
}

/// Parses a recording's text; `origin` names it in messages.
pub fn parse(origin: &str, text: &str) -> Result<Cast, CastError> {
    let invalid = |line: usize, column: usize, message: String, help| CastError::Invalid {
        origin: origin.to_string(),
        line,
        column,
        message,
        help,
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    let (_, first) = lines
        .next()
        .ok_or_else(|| invalid(1, 1, "the recording is empty".into(), HEADER_HELP))?;
    let header: Value = serde_json::from_str(first).map_err(|e| {
        invalid(
            1,
            e.column(),
            format!("the header is not JSON: {e}"),
            HEADER_HELP,
        )
    })?;
    let (version, width, height) =
        header_fields(&header).map_err(|m| invalid(1, 1, m, HEADER_HELP))?;
    let title = header
        .get("title")
        .and_then(Value::as_str)
        .map(String::from);

    let mut events = Vec::new();
    let mut clock = 0.0f64;
    for (n, line) in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || (version == 3 && trimmed.starts_with('#')) {
            continue;
        }
        let value: Value = serde_json::from_str(trimmed)
            .map_err(|e| invalid(n, e.column(), format!("not JSON: {e}"), EVENT_HELP))?;
        let (t, code, data) = event_fields(&value).map_err(|m| invalid(n, 1, m, EVENT_HELP))?;
        // v2 times are since the start, v3 times since the previous event.
        let time = if version == 3 {
            clock + t
        } else {
            t.max(clock)
        };
        clock = time;
        let kind = match code {
            "o" => EventKind::Output(data.to_string()),
            "m" => EventKind::Marker(data.to_string()),
            "r" => {
                let size = parse_size(data).ok_or_else(|| {
                    invalid(
                        n,
                        1,
                        format!("bad resize '{data}'"),
                        "a resize is \"COLSxROWS\"",
                    )
                })?;
                EventKind::Resize(size.0, size.1)
            }
            _ => EventKind::Other,
        };
        events.push(Event { time, kind });
    }
    Ok(Cast {
        version,
        width,
        height,
        title,
        events,
    })
}

fn header_fields(h: &Value) -> Result<(u8, u16, u16), String> {
    let version = h
        .get("version")
        .and_then(Value::as_u64)
        .ok_or("the header has no \"version\"")?;
    let dim = |v: Option<&Value>, name: &str| {
        v.and_then(Value::as_u64)
            .and_then(|n| u16::try_from(n).ok())
            .filter(|&n| n > 0)
            .ok_or(format!("the header has no valid \"{name}\""))
    };
    match version {
        2 => Ok((
            2,
            dim(h.get("width"), "width")?,
            dim(h.get("height"), "height")?,
        )),
        3 => {
            let term = h.get("term");
            let cols = dim(term.and_then(|t| t.get("cols")), "term.cols")?;
            let rows = dim(term.and_then(|t| t.get("rows")), "term.rows")?;
            Ok((3, cols, rows))
        }
        v => Err(format!(
            "asciicast version {v} is not supported (2 and 3 are)"
        )),
    }
}

fn event_fields(v: &Value) -> Result<(f64, &str, &str), String> {
    let e = v
        .as_array()
        .filter(|a| a.len() >= 3)
        .ok_or("an event is a 3-element array")?;
    let t = e[0]
        .as_f64()
        .filter(|t| t.is_finite() && *t >= 0.0)
        .ok_or("the time is not a non-negative number")?;
    let code = e[1].as_str().ok_or("the event code is not a string")?;
    let data = e[2].as_str().ok_or("the event data is not a string")?;
    Ok((t, code, data))
}

/// `COLSxROWS`, e.g. `120x40`.
fn parse_size(s: &str) -> Option<(u16, u16)> {
    let (w, h) = s.split_once('x')?;
    let (w, h) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_times_are_absolute_and_v3_times_are_intervals() {
        let v2 =
            "{\"version\":2,\"width\":10,\"height\":3}\n[0.5,\"o\",\"a\"]\n[1.5,\"m\",\"x\"]\n";
        let v3 = "{\"version\":3,\"term\":{\"cols\":10,\"rows\":3}}\n# note\n[0.5,\"o\",\"a\"]\n\
                  [1.0,\"m\",\"x\"]\n[0.25,\"r\",\"20x5\"]\n[0,\"x\",\"0\"]\n";
        let a = parse("a.cast", v2).unwrap();
        let b = parse("b.cast", v3).unwrap();
        assert_eq!((a.width, a.height, b.width, b.height), (10, 3, 10, 3));
        let times = |c: &Cast| c.events.iter().map(|e| e.time).collect::<Vec<_>>();
        assert_eq!(times(&a), vec![0.5, 1.5]);
        assert_eq!(times(&b), vec![0.5, 1.5, 1.75, 1.75]);
        assert_eq!(b.events[2].kind, EventKind::Resize(20, 5));
        assert_eq!(a.events[1].kind, EventKind::Marker("x".into()));
    }

    #[test]
    fn mistakes_name_the_line_and_say_what_is_expected() {
        let e = parse(
            "c.cast",
            "{\"version\":2,\"width\":10,\"height\":3}\n[0.5,\"o\"]\n",
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("c.cast:2:1: an event is a 3-element array"),
            "{msg}"
        );
        assert!(msg.contains("help: each line after the header"), "{msg}");
        let e = parse("d.cast", "{\"version\":1}").unwrap_err().to_string();
        assert!(e.contains("version 1 is not supported"), "{e}");
        assert!(
            parse("e.cast", "")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        let e = parse(
            "f.cast",
            "{\"version\":2,\"width\":10,\"height\":3}\n[0.5,\"o\",\"a\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("f.cast:2:"), "{e}");
    }
}
