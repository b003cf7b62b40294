//! Without a terminal the visualizer draws nothing: it says why, names the headless commands
//! and exits non-zero.

use std::process::{Command, Stdio};

#[test]
fn piped_stdout_gets_a_clear_message_and_exit_1() {
    // A bare `losscape` takes the visualizer's options too.
    for args in [
        &[][..],
        &["tui", "--surface", "bowl"][..],
        &["--surface", "bowl", "--start=-1,1"][..],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("binary runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "nothing drawn on stdout");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("needs an interactive terminal"), "{err}");
        assert!(
            err.contains("losscape run") && err.contains("losscape critical"),
            "{err}"
        );
    }
}

#[test]
fn bad_options_are_usage_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["tui", "--surface", "nope"])
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown surface 'nope'"));
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["--surface", "nope"])
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown surface 'nope'"));
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["tui", "--start", "1;2"])
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected X,Y"));
    // A bad optimizer spec is a usage error too, even without a terminal.
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["tui", "--opt", "gd:speed=3"])
        .stdin(Stdio::null())
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no key 'speed'"), "{err}");
}
