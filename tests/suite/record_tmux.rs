//! End to end: `tui --record` and `play --record` in a real terminal (tmux) write a live
//! asciicast v2: the terminal's size and the time in the header, frames as output events, and a
//! resize event when the terminal is resized.
//!
//! Without tmux the test prints "skipped: tmux not installed" and passes, unless
//! LOSSCAPE_REQUIRE_TMUX=1 (CI), where a missing tmux is a failure.

use crate::common;

use common::tmux::{self, Tmux};
use serde_json::Value;

/// Runs `args` in a 100x30 tmux pane, waits for `ready`, resizes to 90x26, quits with `q`,
/// and returns the recording's lines.
fn record_live(name: &str, args: &str, ready: &str) -> Vec<Value> {
    let id = std::process::id();
    let dir = std::env::temp_dir().join(format!("losscape-rec-{name}-{id}"));
    std::fs::create_dir_all(&dir).unwrap();
    let cast = dir.join("live.cast");
    let bin = env!("CARGO_BIN_EXE_losscape");
    let cmd = format!(
        "cd '{}' && '{bin}' {args} --record '{}'; echo EXITED:$?; sleep 60",
        env!("CARGO_MANIFEST_DIR"),
        cast.display()
    );
    let tmux = Tmux::start(format!("losscape-rec-{name}-{id}"), "rec", 100, 30, &cmd);
    tmux.wait_for(ready, |s| s.contains(ready));
    tmux.resize(90, 26);
    tmux.wait_for("the smaller screen", |s| s.lines().count() <= 26);
    // Let the resized frame be drawn before quitting.
    tmux.wait_for("the redrawn title", |s| s.contains("himmelblau"));
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", |s| s.contains("EXITED:"));
    assert!(after.contains("EXITED:0"), "{after}");
    let text = std::fs::read_to_string(&cast).expect("the recording exists");
    std::fs::remove_dir_all(&dir).ok();
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn check(lines: &[Value], shown: &str) {
    let header = &lines[0];
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], 100);
    assert_eq!(header["height"], 30);
    assert!(header["timestamp"].as_u64().is_some(), "{header}");
    let events: Vec<&Vec<Value>> = lines[1..].iter().map(|e| e.as_array().unwrap()).collect();
    let mut last = 0.0;
    for e in &events {
        let t = e[0].as_f64().unwrap();
        assert!(t >= last);
        last = t;
    }
    let output: String = events
        .iter()
        .filter(|e| e[1] == "o")
        .map(|e| e[2].as_str().unwrap())
        .collect();
    assert!(output.contains(shown), "'{shown}' never drawn");
    assert!(
        events.iter().any(|e| e[1] == "r" && e[2] == "90x26"),
        "no resize event: {:?}",
        events.iter().filter(|e| e[1] != "o").collect::<Vec<_>>()
    );
}

#[test]
fn tui_and_play_record_live_sessions_with_resizes() {
    if !tmux::available() {
        return;
    }
    let lines = record_live("tui", "tui --surface himmelblau", "himmelblau");
    check(&lines, "himmelblau");
    let lines = record_live(
        "play",
        "play surfaces/lessons/saddle_points.toml",
        "Saddle points versus minima",
    );
    check(&lines, "Saddle points versus minima");
}
