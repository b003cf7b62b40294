//! `losscape render` end to end: the real binary's still frames, plain and coloured.

use std::process::{Command, Output};

/// Runs the binary with a controlled colour environment (`COLORTERM` as given, `NO_COLOR`
/// as given), so the bytes do not depend on the terminal running the tests.
fn losscape_env(args: &[&str], colorterm: Option<&str>, no_color: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_losscape"));
    cmd.arg("render").args(args);
    cmd.env_remove("COLORTERM").env_remove("NO_COLOR");
    if let Some(c) = colorterm {
        cmd.env("COLORTERM", c);
    }
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    cmd.output().expect("the binary runs")
}

fn frame(args: &[&str], colorterm: Option<&str>) -> String {
    let out = losscape_env(args, colorterm, false);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn with(base: &[&str], extra: &[&'static str]) -> Vec<String> {
    base.iter()
        .chain(extra)
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Asserts the plain-text contract: no escape byte, exactly `h` lines of at most `w` chars.
fn assert_plain_shape(text: &str, w: usize, h: usize) {
    assert!(!text.contains('\x1b'), "plain text has an escape:\n{text}");
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), h, "{text}");
    for (i, l) in lines.iter().enumerate() {
        assert!(l.chars().count() <= w, "line {i} is wider than {w}: {l:?}");
        assert_eq!(l.trim_end(), *l, "line {i} has trailing spaces");
    }
}

const RACE: &[&str] = &[
    "--surface",
    "himmelblau",
    "--opt",
    "gd:lr=0.01",
    "--opt",
    "adam:lr=0.1",
    "--opt",
    "newton",
    "--steps",
    "50",
];

#[test]
fn plain_default_frame_has_the_shape_names_and_glyphs() {
    let text = frame(&["--color", "never"], Some("truecolor"));
    assert_plain_shape(&text, 100, 30);
    // Defaults are the visualizer's: Himmelblau, the four-optimizer race.
    assert!(text.contains("himmelblau"), "{text}");
    for label in ["gd", "momentum", "adam", "newton"] {
        assert!(text.contains(label), "missing {label}:\n{text}");
    }
    // Himmelblau in its default view: four minima, saddles, and the maximum near (−0.27, −0.92).
    for glyph in ["◎", "✕", "▲"] {
        assert!(text.contains(glyph), "missing {glyph}:\n{text}");
    }
    assert!(text.contains("step 200"), "default is 200 steps:\n{text}");
    // The keys of the interactive footer mean nothing in a still frame.
    assert!(
        !text.contains("? help") && !text.contains("steps/s"),
        "{text}"
    );
}

#[test]
fn plain_frames_of_other_sizes_keep_their_shape() {
    for (size, w, h) in [("80x24", 80, 24), ("140x40", 140, 40), ("30x8", 30, 8)] {
        let args = with(RACE, &["--color", "never", "--size", size]);
        let text = frame(&refs(&args), None);
        assert_plain_shape(&text, w, h);
        assert!(text.contains("himmelblau"), "{size}:\n{text}");
    }
    // Wide enough for the legend panel: labels, steps and status columns.
    let args = with(RACE, &["--color", "never", "--size", "140x40"]);
    let text = frame(&refs(&args), None);
    for s in ["Optimizers", "gd", "adam", "newton", "◎ minimum", "step 50"] {
        assert!(text.contains(s), "missing {s}:\n{text}");
    }
}

#[test]
fn steps_decide_how_far_the_runs_went() {
    let at = |steps: &'static str| {
        let args = [
            "--color",
            "never",
            "--surface",
            "rosenbrock",
            "--opt",
            "gd:lr=0.0001",
            "--steps",
            steps,
        ];
        frame(&args, None)
    };
    // Rosenbrock with lr 1e-4 neither converges nor diverges in 7 steps.
    assert!(at("7").contains("step 7"));
    assert!(at("0").contains("step 0"));
}

/// Replays ANSI output through a terminal emulator of `w`×`h` cells, as a terminal would
/// receive it (the tty turns `\n` into `\r\n`); the final newline is left out, since on a
/// screen exactly `h` rows high it would scroll the first row away.
fn replay(ansi: &str, w: u16, h: u16) -> Vec<String> {
    let nz = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(nz(h), nz(w), 0);
    let body = ansi.strip_suffix('\n').unwrap_or(ansi);
    parser.process(body.replace('\n', "\r\n").as_bytes());
    parser
        .screen()
        .rows(0, w)
        .map(|r| r.trim_end().to_string())
        .collect()
}

#[test]
fn coloured_frame_replays_to_the_plain_text() {
    for (size, w, h) in [("100x30", 100, 30), ("140x40", 140, 40)] {
        let plain_args = with(RACE, &["--color", "never", "--size", size]);
        let ansi_args = with(RACE, &["--color", "always", "--size", size]);
        let plain = frame(&refs(&plain_args), Some("truecolor"));
        let ansi = frame(&refs(&ansi_args), Some("truecolor"));
        // Truecolor: the map's background is 24-bit.
        assert!(ansi.contains("\x1b[") && ansi.contains("48;2;"), "{size}");
        assert_eq!(ansi.lines().count(), usize::from(h));
        // The coloured frame is drawn with colour in mind (more contour levels, colour bar
        // as a gradient), so compare it with a plain rendering of the same buffer: the
        // emulator's text must be exactly the text the ANSI bytes carry.
        let screen = replay(&ansi, w, h);
        let stripped: Vec<String> = strip_sgr(&ansi)
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
        assert_eq!(screen, stripped, "{size}");
        // And the words of the plain frame are all there.
        for s in ["himmelblau", "gd", "adam", "newton", "◎", "✕"] {
            assert!(plain.contains(s) && stripped.join("\n").contains(s), "{s}");
        }
    }
}

/// Removes `ESC [ params m` sequences (the only ones `render` writes).
fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            assert_eq!(chars.next(), Some('['), "only CSI sequences");
            for p in chars.by_ref() {
                if p == 'm' {
                    break;
                }
                assert!(p.is_ascii_digit() || p == ';', "only SGR parameters: {p:?}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn colour_modes_follow_colorterm_no_color_and_the_pipe() {
    let args = with(RACE, &["--color", "always", "--size", "80x24"]);
    let c256 = frame(&refs(&args), None);
    assert!(c256.contains("48;5;") && !c256.contains("48;2;"));
    // `always` is an explicit request: NO_COLOR does not turn it off.
    let out = losscape_env(&refs(&args), Some("24bit"), true);
    assert!(String::from_utf8(out.stdout).unwrap().contains("48;2;"));
    // `auto` (the default) into a pipe: plain text, whatever COLORTERM says.
    let auto = frame(&refs(&with(RACE, &["--size", "80x24"])), Some("truecolor"));
    assert_plain_shape(&auto, 80, 24);
}

#[test]
fn same_arguments_same_bytes_and_the_seed_matters_with_noise() {
    let noisy = |seed: &'static str| {
        let args = [
            "--color",
            "always",
            "--surface",
            "bowl",
            "--opt",
            "sgd:lr=0.05,noise=5",
            "--steps",
            "30",
            "--seed",
            seed,
        ];
        frame(&args, Some("truecolor"))
    };
    assert_eq!(noisy("3"), noisy("3"));
    assert_ne!(noisy("3"), noisy("4"), "another seed, another noisy path");
    let plain = with(RACE, &["--color", "never"]);
    assert_eq!(frame(&refs(&plain), None), frame(&refs(&plain), None));
}

#[test]
fn bad_input_exits_2_and_says_what_was_expected() {
    for size in ["100", "ax30", "100x", "100*30"] {
        let out = losscape_env(&["--size", size], None, false);
        assert_eq!(out.status.code(), Some(2), "--size {size}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("expected WIDTHxHEIGHT"), "{size}: {err}");
        assert!(out.stdout.is_empty());
    }
    let out = losscape_env(&["--size", "20x5"], None, false);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("from 30x8"));
    for args in [
        &["--surface", "nope"][..],
        &["--opt", "adamx"],
        &["--start", "1"],
        &["--color", "sometimes"],
    ] {
        let out = losscape_env(args, None, false);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn one_frame_as_ansi_replays_to_its_plain_text() {
    use clap::Parser;
    use losscape::cli::{Cli, Command};
    use losscape::render::ColorMode;
    use losscape::render::ansi::{to_ansi, to_plain};
    // The frame `render` draws, parsed from the same arguments as the binary's.
    let cli = Cli::try_parse_from(["losscape", "render", "--size", "120x36", "--steps", "80"])
        .expect("valid arguments");
    let Some(Command::Render(args)) = cli.command else {
        panic!("parsed as another command");
    };
    for mode in [ColorMode::TrueColor, ColorMode::Ansi256] {
        let buf = losscape::commands::render::frame(&args, mode).expect("a frame");
        let plain: Vec<String> = to_plain(&buf).lines().map(String::from).collect();
        assert_eq!(replay(&to_ansi(&buf), 120, 36), plain, "{mode:?}");
    }
}

#[test]
fn map_only_drops_the_panels_but_keeps_the_legend_line() {
    let args = with(
        RACE,
        &["--color", "never", "--size", "140x40", "--map-only"],
    );
    let text = frame(&refs(&args), None);
    assert_plain_shape(&text, 140, 40);
    assert!(
        !text.contains("Optimizers") && !text.contains("Inspector"),
        "{text}"
    );
    let last = text.lines().last().unwrap();
    for s in ["● gd", "■ adam", "◆ newton", "◎min"] {
        assert!(last.contains(s), "{s} not in the last line: {last}");
    }
}
