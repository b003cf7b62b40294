//! Signals through a pseudo-terminal: TERM, HUP, INT and QUIT sent to the visualizer (`tui`,
//! `play`, `--record`) restore the terminal — cooked mode, main screen, cursor shown, mouse
//! reporting off — and exit with the shell's status for the signal, 128 + n.

#![cfg(unix)]

use std::fs::File;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";

struct Pty {
    master: File,
    slave: OwnedFd,
}

fn open_pty() -> Pty {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two fds into the pointers; no name buffer, default termios.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed");
    // SAFETY: both fds were just opened and are owned here alone.
    unsafe {
        Pty {
            master: File::from_raw_fd(master),
            slave: OwnedFd::from_raw_fd(slave),
        }
    }
}

/// Starts the binary on the pty's slave side as a session leader with it as controlling
/// terminal, like a shell would.
fn spawn(pty: &Pty, args: &[&str]) -> Child {
    let io = || Stdio::from(pty.slave.try_clone().expect("dup slave"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_losscape"));
    cmd.args(args)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .stdin(io())
        .stdout(io())
        .stderr(io());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.spawn().expect("spawn losscape")
}

/// Everything the program writes to the terminal, in chunks, from a reader thread.
fn reader(pty: &Pty) -> Receiver<Vec<u8>> {
    let mut master = pty.master.try_clone().expect("dup master");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    rx
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Reads until `done(output)` or the deadline; returns everything read.
fn read_until(rx: &Receiver<Vec<u8>>, out: &mut Vec<u8>, done: impl Fn(&[u8]) -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done(out) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => out.extend_from_slice(&chunk),
            Err(_) => return false,
        }
    }
    true
}

fn wait_with_deadline(child: &mut Child) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

fn termios_of(pty: &Pty) -> libc::termios {
    use std::os::fd::AsRawFd;
    // SAFETY: tcgetattr fills a plain struct for an open fd.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(pty.slave.as_raw_fd(), &mut t), 0);
        t
    }
}

/// Sends `signal` once the first frame is on screen; checks the restore and the status.
fn signal_restores(args: &[&str], signal: i32) {
    let pty = open_pty();
    let cooked = termios_of(&pty);
    let rx = reader(&pty);
    let mut child = spawn(&pty, args);
    let mut out = Vec::new();
    // The first frame: the alternate screen, then the title bar's name.
    let drawn = read_until(&rx, &mut out, |o| {
        contains(o, ENTER_ALT) && contains(o, b"losscape")
    });
    assert!(
        drawn,
        "{args:?}: no first frame; got {:?}",
        String::from_utf8_lossy(&out)
    );
    let raw = termios_of(&pty);
    assert_eq!(raw.c_lflag & libc::ICANON, 0, "{args:?}: not in raw mode");
    let before = out.len();
    // SAFETY: sending a signal to our own child.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = wait_with_deadline(&mut child);
    let _ = read_until(&rx, &mut out, |o| {
        contains(&o[before..], LEAVE_ALT) && contains(&o[before..], SHOW_CURSOR)
    });
    let status = status.unwrap_or_else(|| panic!("{args:?}: still running after signal {signal}"));
    assert_eq!(
        status.code(),
        Some(128 + signal),
        "{args:?}: signal {signal} gave {status:?}"
    );
    let after = &out[before..];
    for (what, seq) in [
        ("leave the alternate screen", LEAVE_ALT),
        ("show the cursor", SHOW_CURSOR),
        ("stop mouse reporting", MOUSE_OFF),
    ] {
        assert!(
            contains(after, seq),
            "{args:?}: signal {signal} did not {what}: {:?}",
            String::from_utf8_lossy(after)
        );
    }
    let t = termios_of(&pty);
    assert_eq!(
        t.c_lflag & (libc::ICANON | libc::ECHO),
        cooked.c_lflag & (libc::ICANON | libc::ECHO),
        "{args:?}: signal {signal} left the terminal in raw mode"
    );
}

#[test]
fn tui_restores_the_terminal_on_term_hup_int_and_quit() {
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT, libc::SIGQUIT] {
        signal_restores(&["tui", "--surface", "bowl"], signal);
    }
}

#[test]
fn bare_visualizer_restores_the_terminal_on_term() {
    signal_restores(&["--surface", "ravine"], libc::SIGTERM);
}

#[test]
fn play_restores_the_terminal_on_hup_and_int() {
    let lesson = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/surfaces/lessons/saddle_points.toml"
    );
    signal_restores(&["play", lesson], libc::SIGHUP);
    signal_restores(&["play", lesson], libc::SIGINT);
}

#[test]
fn recording_restores_the_terminal_on_term_and_quit_and_keeps_the_cast() {
    let dir = std::env::temp_dir().join(format!("losscape-signals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for signal in [libc::SIGTERM, libc::SIGQUIT] {
        let cast = dir.join(format!("s{signal}.cast"));
        let cast_arg = cast.to_str().unwrap();
        signal_restores(&["tui", "--surface", "bowl", "--record", cast_arg], signal);
        let text = std::fs::read_to_string(&cast).unwrap();
        let header = text.lines().next().unwrap_or_default();
        assert!(
            header.contains("\"version\": 2") || header.contains("\"version\":2"),
            "{header}"
        );
        assert!(text.lines().count() > 1, "the cast has no frame");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
