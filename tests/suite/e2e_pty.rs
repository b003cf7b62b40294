//! End to end through a pseudo-terminal, with no outside tool: the real binary runs on a pty
//! of 100x30, its output is parsed by `vt100` (as television's tests do), keys are typed into
//! the pty. It draws its first frame on the alternate screen, pauses (space), single-steps
//! (n), quits (q) with exit code 0, and leaves the terminal as it found it: main screen,
//! cursor shown, mouse reporting off.

#![cfg(unix)]

use rustix::fd::{BorrowedFd, OwnedFd};
use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{JoinHandle, sleep};
use std::time::{Duration, Instant};

const COLS: u16 = 100;
const ROWS: u16 = 30;
/// Generous: the machine may be busy compiling.
const DEADLINE: Duration = Duration::from_secs(30);

/// The binary on a pty, and the screen its output draws.
struct Session {
    keyboard: File,
    child: Child,
    screen: Arc<Mutex<vt100::Parser>>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("a pseudo-terminal");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let user: OwnedFd = rustix::fs::open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .expect("the pty's user side");
        let size = Winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&user, size).expect("window size");
        let stdio = || Stdio::from(user.try_clone().expect("dup"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_losscape"));
        cmd.args(args)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .stdin(stdio())
            .stdout(stdio())
            .stderr(stdio());
        // SAFETY: between fork and exec only two system calls, no allocation: a new session
        // whose controlling terminal is the pty (stdin), as a terminal emulator sets it up.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(BorrowedFd::borrow_raw(0))?;
                Ok(())
            });
        }
        let child = cmd.spawn().expect("losscape starts");
        drop(cmd);
        drop(user);
        let master = File::from(master);
        let keyboard = master.try_clone().expect("dup");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            ROWS.try_into().unwrap(),
            COLS.try_into().unwrap(),
            0,
        )));
        let reader = Some(spawn_reader(master, screen.clone()));
        Session {
            keyboard,
            child,
            screen,
            reader,
        }
    }

    fn keys(&mut self, keys: &str) {
        self.keyboard.write_all(keys.as_bytes()).expect("type");
        self.keyboard.flush().expect("type");
    }

    /// Polls the parsed screen until `pred` holds.
    fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            {
                let parser = self.screen.lock().unwrap();
                if pred(parser.screen()) {
                    return parser.screen().contents();
                }
                if Instant::now() > deadline {
                    panic!(
                        "timed out waiting for {what}; screen:\n{}",
                        parser.screen().contents()
                    );
                }
            }
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the process to end and everything it wrote to be parsed.
    fn exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                break s;
            }
            assert!(Instant::now() < deadline, "losscape still running after q");
            sleep(Duration::from_millis(50));
        };
        if let Some(r) = self.reader.take() {
            r.join().expect("reader");
        }
        status
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave the binary running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Feeds everything the binary writes into the parser, until the pty closes.
fn spawn_reader(mut master: File, screen: Arc<Mutex<vt100::Parser>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        // Linux reports the closed user side as EIO: either way, the output is over.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.lock().unwrap().process(&buf[..n]);
        }
    })
}

/// The "step N" counter of the title bar.
fn step_counter(screen: &vt100::Screen) -> Option<usize> {
    step_in(&screen.contents())
}

fn step_in(text: &str) -> Option<usize> {
    let title = text.lines().next()?;
    let rest = &title[title.find("step ")? + 5..];
    rest.split_whitespace().next()?.parse().ok()
}

#[test]
fn first_frame_pause_step_and_quit_restore_the_terminal() {
    // Learning rates so small that no run converges during the test.
    let mut s = Session::start(&[
        "tui",
        "--surface",
        "himmelblau",
        "--opt",
        "gd:lr=0.0001",
        "--opt",
        "gd:lr=0.0002",
    ]);
    // The whole first frame: the title on the first row, the key hints on the last.
    let first = s.wait_for("the first frame", |sc| {
        let text = sc.contents();
        step_counter(sc).is_some() && text.lines().last().is_some_and(|l| l.contains("help"))
    });
    {
        let parser = s.screen.lock().unwrap();
        let sc = parser.screen();
        assert!(sc.alternate_screen(), "drawn on the alternate screen");
        assert!(sc.hide_cursor(), "cursor hidden while drawing");
        assert_ne!(sc.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        let (rows, cols) = sc.size();
        assert_eq!((rows.get(), cols.get()), (ROWS, COLS));
    }
    assert!(first.lines().count() <= usize::from(ROWS), "{first}");
    assert!(first.contains("himmelblau"), "{first}");
    assert!(first.contains("gd"), "the race is listed:\n{first}");

    s.keys(" ");
    s.wait_for("pause", |sc| sc.contents().contains("paused"));
    // Read the counter once the paused frame has arrived whole (nothing changes after it).
    sleep(Duration::from_millis(200));
    let s0 = step_in(&s.wait_for("pause", |_| true)).expect("step counter");
    s.keys("n");
    s.wait_for("one step", |sc| step_counter(sc) == Some(s0 + 1));
    // Paused: the counter stays where the single step left it.
    sleep(Duration::from_millis(300));
    s.wait_for("still paused", |sc| step_counter(sc) == Some(s0 + 1));

    s.keys("q");
    let status = s.exit();
    assert!(status.success(), "{status:?}");
    let parser = s.screen.lock().unwrap();
    let sc = parser.screen();
    assert!(!sc.alternate_screen(), "alternate screen left");
    assert!(!sc.hide_cursor(), "cursor shown again");
    assert_eq!(sc.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(
        !sc.contents().contains("Optimizers"),
        "the visualizer's screen is gone:\n{}",
        sc.contents()
    );
}
