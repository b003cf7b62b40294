//! Fuzz-style: random expressions, surface files, lessons and command lines. Whatever comes
//! in, the program answers (a value or a message) — no panic, no abort, no hang.

use losscape::surface::expr::Expression;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Pieces that expressions are made of, including the awkward ones.
const EXPR_PIECES: &[&str] = &[
    "x",
    "y",
    "1",
    "0",
    "2.5",
    "1e308",
    "1e400",
    "1.2.3",
    ".",
    "e",
    "pi",
    "+",
    "-",
    "*",
    "/",
    "^",
    "**",
    "(",
    ")",
    ",",
    "sin(",
    "exp(",
    "ln(",
    "sqrt(",
    "abs(",
    "min(",
    "max(",
    "pow(",
    "tanh(",
    " ",
    "−",
    "×",
    "\u{200B}",
    "\u{FEFF}",
    "\0",
    "\u{1b}[2J",
    "é",
    "🙂",
    "--",
    "((((",
    "))))",
    "x^x^x^x",
    "1/0",
    "0/0",
    "-1^0.5",
];

fn expression() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(EXPR_PIECES), 0..40).prop_map(|v| v.concat())
}

const TOML_VALUES: &[&str] = &[
    "\"x^2 + y^2\"",
    "\"sin(x\"",
    "1",
    "-5",
    "0",
    "nan",
    "inf",
    "-inf",
    "1e400",
    "1e308",
    "[1.0, 2.0]",
    "[nan, 0]",
    "[1e308, -1e308]",
    "[]",
    "[1, 2, 3]",
    "{ x = [-2.0, 2.0], y = [-1.0, 1.0] }",
    "{ x = [2.0, -2.0], y = [0, 1] }",
    "{ x = [-1e308, 1e308], y = [-1, 1] }",
    "true",
    "\"\\u001b[2J\"",
    "\"\\u200b\"",
    "\"\"",
    "\"linear-regression\"",
    "\"data.csv\"",
    "\"gd:lr=0.1\"",
    "\"newton\"",
    "\"himmelblau\"",
    "\"nope\"",
    "\"x <= 1\"",
];

const SURFACE_KEYS: &[&str] = &[
    "name",
    "expression",
    "view",
    "start",
    "description",
    "kind",
    "constraint",
    "inequality",
    "data",
    "columns",
    "standardize",
    "bogus",
];

const LESSON_KEYS: &[&str] = &["title", "surface", "view", "seed", "bogus"];
const BEAT_KEYS: &[&str] = &[
    "caption",
    "run",
    "pause",
    "cursor",
    "highlight",
    "zoom",
    "panel",
];

fn toml_doc(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(keys),
            prop::sample::select(TOML_VALUES),
        ),
        0..8,
    )
    .prop_map(|kv| {
        kv.into_iter()
            .map(|(k, v)| format!("{k} = {v}\n"))
            .collect::<String>()
    })
}

fn lesson_doc() -> impl Strategy<Value = String> {
    (
        toml_doc(LESSON_KEYS),
        prop::collection::vec(prop::sample::select(TOML_VALUES), 0..3),
        prop::collection::vec(toml_doc(BEAT_KEYS), 0..4),
    )
        .prop_map(|(head, specs, beats)| {
            let mut s = head;
            for spec in specs {
                s.push_str(&format!("[[optimizer]]\nspec = {spec}\n"));
            }
            for b in beats {
                s.push_str("[[beat]]\n");
                s.push_str(&b);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_expression_parses_or_is_refused_with_a_message(text in expression()) {
        match Expression::parse(&text) {
            Ok(e) => {
                for (x, y) in [(0.0, 0.0), (1.5, -2.0), (1e300, -1e300), (f64::NAN, 1.0)] {
                    let _ = (e.value(x, y), e.gradient(x, y), e.hessian(x, y));
                }
            }
            Err(err) => {
                let d = err.diagnostic("<expression>", &text).to_string();
                prop_assert!(d.starts_with("error: "), "{}", d);
                prop_assert!(!d.contains('\u{1b}') && !d.contains('\u{200B}'), "{}", d);
            }
        }
    }

    #[test]
    fn any_surface_file_loads_or_is_refused_with_a_message(text in toml_doc(SURFACE_KEYS)) {
        match losscape::surface::file::parse_str("f.toml", &text, Path::new(".")) {
            Ok(f) => {
                let s = &f.surface;
                let _ = (s.value(s.start()), s.gradient(s.start()), s.hessian(s.start()));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn any_lesson_loads_or_is_refused_with_a_message(text in lesson_doc()) {
        if let Err(e) = losscape::lesson::parse_str("l.toml", &text, Path::new(".")) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}

/// Runs the binary with `args`; it must finish within the deadline without a panic.
fn answers(args: &[String]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert!(
        matches!(status.code(), Some(0..=2)),
        "{args:?}: {status:?}\n{err}"
    );
    assert!(!err.contains("panicked"), "{args:?}: {err}");
}

const ARG_POOL: &[&str] = &[
    "--surface",
    "rosenbrock",
    "monkey-saddle",
    "nope",
    "--opt",
    "gd:lr=1e4",
    "newton",
    "adam:lr=-1",
    "lbfgs",
    "--start",
    "1e308,1e308",
    "nan,0",
    "-1.5,2",
    "--steps",
    "-1",
    "0",
    "3",
    "--size",
    "30x8",
    "-10x10",
    "1000x500",
    "0x0",
    "--seed",
    "18446744073709551616",
    "--color",
    "never",
    "always",
    "--region",
    "-3:3,-2:2",
    "3:-3,0:1",
    "--at",
    "1e308,1e308",
    "--format",
    "json",
    "--",
    "\u{1b}[2J",
    "",
];

#[test]
fn random_command_lines_get_an_answer_not_a_panic() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    const COMMANDS: &[&str] = &["render", "run", "critical", "gradcheck", "surfaces"];
    let args = (
        prop::sample::select(COMMANDS),
        prop::collection::vec(prop::sample::select(ARG_POOL), 0..7),
    );
    for _ in 0..30 {
        let (cmd, rest) = args.new_tree(&mut runner).expect("value").current();
        let mut all = vec![cmd.to_string()];
        all.extend(rest.into_iter().map(str::to_string));
        // Keep still frames small so thirty of them stay quick.
        if cmd == "render" && !all.iter().any(|a| a == "--size") {
            all.extend([
                "--size".into(),
                "60x20".into(),
                "--steps".into(),
                "20".into(),
            ]);
        }
        answers(&all);
    }
}
