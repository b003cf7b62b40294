//! End to end: the real binary in a real terminal (tmux). It starts, animates (the step
//! counter advances), single-steps, quits with `q`, restores the screen and exits 0.
//!
//! Without tmux the test prints "skipped: tmux not installed" and passes, unless
//! LOSSCAPE_REQUIRE_TMUX=1 (CI), where a missing tmux is a failure.

use crate::common;

use common::tmux::{self, Tmux};

/// The "step N" counter of the title bar.
fn step_counter(screen: &str) -> Option<usize> {
    let title = screen.lines().next()?;
    let rest = &title[title.find("step ")? + 5..];
    rest.split_whitespace().next()?.parse().ok()
}

/// Processes whose command line holds `marker`, from /proc (Linux); None elsewhere.
fn processes_with(marker: &str) -> Option<usize> {
    let dir = std::fs::read_dir("/proc").ok()?;
    let me = std::process::id().to_string();
    Some(
        dir.filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy() != me)
            .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
            .filter(|c| {
                let c = String::from_utf8_lossy(c);
                c.contains("losscape") && c.contains(marker) && !c.contains("sh\0-c")
            })
            .count(),
    )
}

#[test]
fn animates_steps_and_quits_cleanly() {
    if !tmux::available() {
        return;
    }
    let id = std::process::id();
    // Learning rates so small that no run converges during the test (the counter keeps going).
    // A seed unique to this test run marks our process in /proc.
    let seed = format!("{}", 900_000_000 + u64::from(id));
    let bin = env!("CARGO_BIN_EXE_losscape");
    let cmd = format!(
        "'{bin}' tui --surface himmelblau --opt gd:lr=0.0001 --opt gd:lr=0.0002 --seed {seed}; \
         echo EXITED:$?; sleep 60"
    );
    let tmux = Tmux::start(format!("losscape-e2e-{id}"), "e2e", 120, 40, &cmd);

    // The visualizer is up: title, and panels beside the map at 120 columns.
    let screen = tmux.wait_for("the title bar", |s| {
        s.contains("himmelblau") && s.contains("step ")
    });
    assert!(screen.contains("Optimizers"), "{screen}");

    // Pause, then one single step advances the counter by exactly one.
    tmux.keys(&["Space"]);
    let paused = tmux.wait_for("pause", |s| s.contains("paused"));
    let s0 = step_counter(&paused).expect("step counter");
    tmux.keys(&["n"]);
    tmux.wait_for("one step", |s| step_counter(s) == Some(s0 + 1));

    // Play: the counter keeps advancing on its own.
    tmux.keys(&["Space"]);
    let a = step_counter(&tmux.wait_for("playing", |s| {
        s.contains("playing") && step_counter(s).is_some_and(|n| n > s0 + 2)
    }))
    .unwrap();
    tmux.wait_for("more steps", |s| step_counter(s).is_some_and(|n| n > a));

    if let Some(n) = processes_with(&seed) {
        assert_eq!(n, 1, "exactly our losscape process is running");
    }

    // Resize to 80x24: the panels fold away into a one-line legend; and back again.
    tmux.resize(80, 24);
    tmux.wait_for("the small layout", |s| {
        s.lines().count() <= 24 && s.contains("? help") && !s.contains("Inspector")
    });
    tmux.resize(120, 40);
    tmux.wait_for("the wide layout", |s| s.contains("Inspector"));

    // Quit: the screen is restored (the shell prints our exit status) and the process is gone.
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", |s| s.contains("EXITED:"));
    assert!(after.contains("EXITED:0"), "{after}");
    assert!(
        !after.contains("Optimizers"),
        "alternate screen left behind:\n{after}"
    );
    if let Some(n) = processes_with(&seed) {
        assert_eq!(n, 0, "losscape still running after q");
    }
}
