//! A real terminal for end-to-end tests: the binary runs in a private tmux server.
//!
//! Without tmux a test using [`available`] prints "skipped: tmux not installed" and passes,
//! unless LOSSCAPE_REQUIRE_TMUX=1 (CI), where a missing tmux is a failure.

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Whether tmux is installed; panics instead when LOSSCAPE_REQUIRE_TMUX=1 and it is not.
pub fn available() -> bool {
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

/// A private tmux server (its own socket) with one session, killed when the test ends, pass or
/// fail.
pub struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    /// Starts `sh -c cmd` in a detached `width`x`height` session `session` on server `socket`.
    pub fn start(socket: String, session: &str, width: u16, height: u16, cmd: &str) -> Tmux {
        let tmux = Tmux {
            socket,
            session: session.to_string(),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let started = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            "-c",
            cmd,
        ]);
        assert!(
            started.status.success(),
            "tmux new-session failed: {started:?}"
        );
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-p", "-t", &self.session])
                .stdout,
        )
        .into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let resized = self.run(&["resize-window", "-t", &self.session, "-x", &w, "-y", &h]);
        assert!(resized.status.success(), "resize-window: {resized:?}");
    }

    /// Polls the screen until `pred` holds (a generous deadline: the machine may be busy).
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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
