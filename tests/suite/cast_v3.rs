//! asciicast v3: the header has the size in `term`, events carry the interval since the
//! previous event, and the same lesson recorded as v2 and v3 has the same output, the same
//! times and a marker per beat in both.

use losscape::asciicast::{self, EventKind};
use losscape::record::{CastVersion, Header, Recorder, VirtualClock};
use serde_json::Value;
use std::process::Command;
use std::time::Duration;

const LESSON: &str = "surfaces/lessons/saddle_points.toml";

#[test]
fn v3_header_has_term_and_events_have_intervals() {
    let clock = VirtualClock::new();
    let mut header = Header::new(40, 12)
        .in_version(CastVersion::V3)
        .with_title("t");
    header.env.insert("TERM".into(), "xterm-256color".into());
    header.env.insert("SHELL".into(), "/bin/sh".into());
    let mut r = Recorder::new(Vec::new(), &header, clock.clone()).unwrap();
    clock.advance(Duration::from_millis(500));
    r.output("a").unwrap();
    clock.advance(Duration::from_millis(1250));
    r.marker("beat 2/2").unwrap();
    r.output("b").unwrap();
    clock.advance(Duration::from_millis(250));
    r.resize(50, 10).unwrap();
    let text = String::from_utf8(r.into_inner()).unwrap();
    let mut lines = text.lines();

    let h: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(h["version"], 3);
    assert_eq!(h["term"]["cols"], 40);
    assert_eq!(h["term"]["rows"], 12);
    assert_eq!(h["term"]["type"], "xterm-256color");
    assert_eq!(h["env"]["SHELL"], "/bin/sh");
    assert!(h["env"].get("TERM").is_none(), "TERM is term.type in v3");
    assert!(h.get("width").is_none() && h.get("height").is_none());
    assert_eq!(h["title"], "t");

    let events: Vec<Value> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
    let intervals: Vec<f64> = events.iter().map(|e| e[0].as_f64().unwrap()).collect();
    assert_eq!(intervals, vec![0.5, 1.25, 0.0, 0.25]);
    let codes: Vec<&str> = events.iter().map(|e| e[1].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["o", "m", "o", "r"]);

    // Read back: absolute times again.
    let cast = asciicast::parse("t.cast", &text).unwrap();
    let times: Vec<f64> = cast.events.iter().map(|e| e.time).collect();
    assert_eq!(times, vec![0.5, 1.75, 1.75, 2.0]);
    assert_eq!(cast.events[3].kind, EventKind::Resize(50, 10));
}

fn record(version: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("losscape-v{version}-{}.cast", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["play", LESSON, "--headless", "--size", "60x20", "--record"])
        .arg(&path)
        .args(["--cast-version", version])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).ok();
    text
}

#[test]
fn a_lesson_in_v2_and_v3_has_the_same_events_and_a_marker_per_beat() {
    let (v2, v3) = (record("2"), record("3"));
    let first = |t: &str| serde_json::from_str::<Value>(t.lines().next().unwrap()).unwrap();
    assert_eq!(first(&v2)["version"], 2);
    assert_eq!(first(&v3)["version"], 3);
    assert_eq!(first(&v3)["term"]["cols"], 60);

    let a = asciicast::parse("v2", &v2).unwrap();
    let b = asciicast::parse("v3", &v3).unwrap();
    assert_eq!(a.events.len(), b.events.len());
    for (x, y) in a.events.iter().zip(&b.events) {
        assert_eq!(x.kind, y.kind);
        assert!((x.time - y.time).abs() < 1e-5, "{} vs {}", x.time, y.time);
    }
    // Intervals in v3 are never negative, and they add up to v2's times.
    let raw: Vec<f64> = v3
        .lines()
        .skip(1)
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()[0]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert!(raw.iter().all(|&d| d >= 0.0));

    let lesson = losscape::lesson::load(std::path::Path::new(LESSON)).unwrap();
    let markers: Vec<&str> = b
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Marker(m) => Some(m.as_str()),
            _ => None,
        })
        .collect();
    let beats = lesson.beats.len();
    assert_eq!(markers.len(), beats, "{markers:?}");
    for (i, (m, beat)) in markers.iter().zip(&lesson.beats).enumerate() {
        assert!(m.starts_with(&format!("beat {}/{beats}", i + 1)), "{m}");
        if let Some(caption) = &beat.caption {
            let head: String = caption.chars().take(20).collect();
            assert!(
                m.contains(head.trim_end()),
                "{m} should carry the caption {caption}"
            );
        }
    }
}
