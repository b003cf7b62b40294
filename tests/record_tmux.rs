//! End to end: `tui --record` and `play --record` in a real terminal (tmux) write a live
//! asciicast v2: the terminal's size and the time in the header, frames as output events, and a
//! resize event when the terminal is resized.
//!
//! Without tmux the test prints "skipped: tmux not installed" and passes, unless
//! LOSSCAPE_REQUIRE_TMUX=1 (CI), where a missing tmux is a failure.

use serde_json::Value;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A private tmux server (its own socket), killed when the test ends, pass or fail.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "rec"]).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "rec"];
        args.extend(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("LOSSCAPE_REQUIRE_TMUX").as_deref() == Ok("1") {
            panic!("tmux is required (LOSSCAPE_REQUIRE_TMUX=1) but not installed");
        }
        println!("skipped: tmux not installed");
    }
    ok
}

/// Runs `args` in a 100x30 tmux pane, waits for `ready`, resizes to 90x26, quits with `q`,
/// and returns the recording's lines.
fn record_live(name: &str, args: &str, ready: &str) -> Vec<Value> {
    let id = std::process::id();
    let tmux = Tmux {
        socket: format!("losscape-rec-{name}-{id}"),
    };
    let dir = std::env::temp_dir().join(format!("losscape-rec-{name}-{id}"));
    std::fs::create_dir_all(&dir).unwrap();
    let cast = dir.join("live.cast");
    let bin = env!("CARGO_BIN_EXE_losscape");
    let cmd = format!(
        "cd '{}' && '{bin}' {args} --record '{}'; echo EXITED:$?; sleep 60",
        env!("CARGO_MANIFEST_DIR"),
        cast.display()
    );
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "rec",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &cmd,
    ]);
    assert!(started.status.success(), "tmux new-session: {started:?}");
    tmux.wait_for(ready, |s| s.contains(ready));
    assert!(
        tmux.run(&["resize-window", "-t", "rec", "-x", "90", "-y", "26"])
            .status
            .success()
    );
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
    if !tmux_available() {
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
