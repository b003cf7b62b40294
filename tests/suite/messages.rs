//! Inputs that used to break the program or mislead: each gets a message naming the real
//! problem (exit 2), never a panic, an abort or a raw escape code.

use losscape::surface::{Point, Region};
use losscape::tui::{Action, App, Setup, update};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin(args: &[&str], dir: Option<&Path>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_losscape"));
    c.args(args);
    if let Some(d) = dir {
        c.current_dir(d);
    }
    c.output().expect("run losscape")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("losscape-msg-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `text` as a surface file and runs `critical` on it: the usage error's text.
fn file_error(name: &str, text: &str) -> String {
    let d = temp_dir(name);
    let p = d.join(format!("{name}.toml"));
    std::fs::write(&p, text).unwrap();
    let o = bin(&["critical", "--surface", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2), "{name}: {o:?}");
    stderr(&o)
}

#[test]
fn negative_numbers_for_counts_are_named_not_taken_for_flags() {
    for (args, want) in [
        (vec!["render", "--seed", "-1"], "a seed cannot be negative"),
        (
            vec!["render", "--steps", "-1"],
            "a step count cannot be negative",
        ),
        (vec!["render", "--size", "-10x10"], "cannot be negative"),
        (
            vec!["run", "--surface", "bowl", "--opt", "gd", "--steps", "-1"],
            "cannot be negative",
        ),
        (vec!["tui", "--seed", "-1"], "a seed cannot be negative"),
    ] {
        let o = bin(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(e.contains(want), "{args:?}: {e}");
        assert!(!e.contains("unexpected argument"), "{args:?}: {e}");
    }
}

#[test]
fn numbers_in_files_say_what_is_wrong_with_them() {
    let e = file_error(
        "nan",
        "name = \"t\"\nexpression = \"x^2\"\nstart = [nan, 0]\n",
    );
    assert!(
        e.contains("'start' must be a finite number, found nan"),
        "{e}"
    );
    assert!(!e.contains("wrong type"), "{e}");
    let e = file_error(
        "big",
        "name = \"t\"\nexpression = \"x^2\"\nstart = [1e400, 0]\n",
    );
    assert!(e.contains("1e400 is out of range"), "{e}");
    let e = file_error("dots", "name = \"t\"\nexpression = \"1.2.3 * x\"\n");
    assert!(e.contains("malformed number '1.2.3'"), "{e}");
    assert!(
        !e.contains("2*x"),
        "advice about multiplication is beside the point: {e}"
    );
    let e = file_error("inf", "name = \"t\"\nexpression = \"1e400 * x\"\n");
    assert!(e.contains("the number 1e400 is out of range"), "{e}");
    let e = file_error("num", "name = \"t\"\nexpression = \"x 3\"\n");
    assert!(e.contains("unexpected number 3"), "{e}");
    assert!(!e.contains("unexpected a number"), "{e}");
}

#[test]
fn a_view_whose_width_overflows_is_refused() {
    let e = file_error(
        "wide",
        "name = \"t\"\nexpression = \"x^2\"\nview = { x = [-1e308, 1e308], y = [-1.0, 1.0] }\n",
    );
    assert!(e.contains("too wide") && e.contains("overflows"), "{e}");
}

#[test]
fn invisible_characters_and_escape_codes_are_spelled_out() {
    let e = file_error("zw", "name = \"t\"\nexpression = \"x^2 +\u{200B} y\"\n");
    assert!(e.contains("U+200B"), "{e}");
    assert!(!e.contains('\u{200B}'), "{e}");
    let e = file_error("bom", "name = \"t\"\nexpression = \"x^2 + \u{FEFF}y\"\n");
    assert!(e.contains("U+FEFF") && !e.contains('\u{FEFF}'), "{e}");
    let e = file_error("nul", "name = \"t\"\nexpression = \"x^2 + \\u0000 y\"\n");
    assert!(e.contains("U+0000") && !e.contains('\0'), "{e}");
    // A name that would clear the screen.
    let e = file_error(
        "esc",
        "name = \"\\u001b[2J\\u001b[Hevil\"\nexpression = \"x^2\"\n",
    );
    assert!(e.contains("U+001B") && !e.contains('\u{1b}'), "{e}");
    // `surfaces` lists such a file (and a file name with an escape code) without sending it.
    let d = temp_dir("list");
    std::fs::create_dir_all(d.join("surfaces")).unwrap();
    std::fs::write(
        d.join("surfaces/evil.toml"),
        "name = \"\\u001b[2Jevil\"\nexpression = \"x^2\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("surfaces/a\u{1b}[31m.toml"),
        "expression = \"x^2\"\n",
    )
    .unwrap();
    let o = bin(&["surfaces"], Some(&d));
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(
        out.contains("a<U+001B>[31m.toml") && out.contains("U+001B"),
        "{out}"
    );
}

#[test]
fn lesson_run_counts_name_the_problem() {
    let d = temp_dir("lesson");
    let lesson = |run: &str| {
        let p = d.join(format!("l{}.toml", run.replace('-', "m")));
        std::fs::write(
            &p,
            format!(
                "title = \"t\"\nsurface = \"bowl\"\n[[optimizer]]\nspec = \"gd\"\n\
                 [[beat]]\ncaption = \"go\"\nrun = {run}\n"
            ),
        )
        .unwrap();
        let o = bin(&["play", p.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        stderr(&o)
    };
    let e = lesson("-5");
    assert!(e.contains("'run' cannot be negative, found -5"), "{e}");
    let e = lesson("0");
    assert!(e.contains("run = 0 takes no step"), "{e}");
}

#[test]
fn overflowing_starts_and_checks_are_usage_errors() {
    let o = bin(
        &[
            "run",
            "--surface",
            "himmelblau",
            "--opt",
            "gd",
            "--start",
            "1e300,1e300",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("too far out") && e.contains("overflows"), "{e}");
    assert!(!e.contains("undefined") && !e.contains("000000000"), "{e}");
    let o = bin(&["render", "--start", "1e300,1e300"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = bin(
        &[
            "gradcheck",
            "--surface",
            "himmelblau",
            "--at",
            "1e308,1e308",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("f overflows") && !e.contains("NaN"), "{e}");
}

#[test]
fn regression_data_that_overflows_and_an_empty_csv_are_named() {
    let d = temp_dir("csv");
    std::fs::write(d.join("empty.csv"), "").unwrap();
    std::fs::write(
        d.join("big.csv"),
        "a,b\n1e300,2e300\n2e300,1e300\n3e300,1e300\n",
    )
    .unwrap();
    for (csv, want) in [("empty.csv", "is empty"), ("big.csv", "too large")] {
        let p = d.join(format!("{csv}.toml"));
        std::fs::write(
            &p,
            format!("name = \"r\"\nkind = \"linear-regression\"\ndata = \"{csv}\"\ncolumns = [\"a\", \"b\"]\n"),
        )
        .unwrap();
        let o = bin(&["critical", "--surface", p.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(e.contains(want), "{csv}: {e}");
        assert!(!e.contains("expected one of its columns: \n"), "{e}");
    }
}

#[test]
fn a_view_at_the_edge_of_the_floats_survives_every_cursor_key() {
    // ±1e300 is accepted (the width 2e300 is a float); moving, zooming and panning there must
    // not panic (a ±1e308 view used to, in `clamp`).
    let d = temp_dir("edge");
    let p = d.join("edge.toml");
    std::fs::write(
        &p,
        "name = \"edge\"\nexpression = \"x + y\"\nview = { x = [-1e300, 1e300], y = [-1e300, 1e300] }\nstart = [0.0, 0.0]\n",
    )
    .unwrap();
    let surface = losscape::surface::resolve(p.to_str().unwrap()).expect("a ±1e300 view is valid");
    let mut app = App::new(Setup {
        specs: vec!["gd".parse().unwrap()],
        start: Some(Point::new(0.0, 0.0)),
        ..Setup::new(surface)
    });
    update(&mut app, Action::Resize(100, 30));
    for a in [
        Action::MoveCursor(-1, 0),
        Action::MoveCursor(0, 1),
        Action::Pan(1, 0),
        Action::ZoomOut,
        Action::ZoomIn,
        Action::MoveCursor(-1000, 1000),
    ] {
        update(&mut app, a);
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 100, 30));
        losscape::tui::ui::render(&app, buf.area, &mut buf);
    }
    let r: Region = app.view;
    assert!(r.width().is_finite() && r.height().is_finite());
}

/// The visualizer's first act is a resize (the live loop sends the terminal's size): the
/// start-overflow message must still be on the screen after it.
#[test]
fn the_start_overflow_message_survives_the_first_resize() {
    use losscape::render::ColorMode;
    use losscape::surface::Point;
    use losscape::tui::{Action, App, Setup, update};
    let mut app = App::new(Setup {
        start: Some(Point::new(1e200, 1e200)),
        color: ColorMode::NoColor,
        ..Setup::new(losscape::surface::resolve("bowl").expect("built-in"))
    });
    update(&mut app, Action::Resize(100, 30));
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.contains("too far out"), "{msg:?}");
    update(&mut app, Action::ZoomIn);
    assert_eq!(app.message, None, "a key the user presses clears it");
}
