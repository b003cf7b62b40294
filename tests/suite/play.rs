//! Lessons in the visualizer: the lesson keys through `update()`, the caption panel on a
//! TestBackend at 80x24, and `play --headless --record` (asciicast v2, replayed through vt100,
//! byte-for-byte reproducible).

use losscape::lesson::{self, Lesson};
use losscape::render::ColorMode;
use losscape::render::ticks::fmt_fit;
use losscape::surface::{Point, Region};
use losscape::tui::app::Panel;
use losscape::tui::lesson_player::highlighted;
use losscape::tui::{Action, App, Setup, ui, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Four beats: a caption, a run of 10 steps, a zoom, a highlight of Himmelblau's minimum at
/// (3, 2) (asked for near it, at (2.9, 2.1)).
const LESSON: &str = r#"
title = "Test lesson"
surface = "himmelblau"
view = { x = [-5.0, 5.0], y = [-5.0, 5.0] }

[[optimizer]]
spec = "gd:lr=0.01"
start = [0.0, 0.0]

[[optimizer]]
spec = "adam:lr=0.1"
start = [1.0, 1.0]

[[beat]]
caption = "First caption: two optimizers on Himmelblau."

[[beat]]
caption = "Ten steps."
run = 10

[[beat]]
zoom = { x = [0.0, 4.0], y = [0.0, 4.0] }

[[beat]]
caption = "A minimum."
highlight = [2.9, 2.1]
"#;

fn lesson() -> Lesson {
    lesson::parse_str("test.toml", LESSON, Path::new(".")).expect("valid lesson")
}

fn app() -> App {
    let mut app = App::new(Setup {
        color: ColorMode::NoColor,
        ..Setup::lesson(lesson())
    });
    update(&mut app, Action::Resize(100, 30));
    app
}

fn position(app: &App) -> usize {
    app.lesson.as_ref().unwrap().script.position()
}

fn steps(app: &App) -> Vec<usize> {
    app.racers.iter().map(|r| r.run.current().step).collect()
}

#[test]
fn opens_on_the_first_beat_with_each_optimizer_at_its_own_start() {
    let app = app();
    assert_eq!(position(&app), 1);
    let p = app.lesson.as_ref().unwrap();
    assert_eq!(
        p.caption().as_deref(),
        Some("First caption: two optimizers on Himmelblau.")
    );
    assert_eq!(app.surface.name(), "himmelblau");
    let starts: Vec<Point> = app.racers.iter().map(|r| r.run.start()).collect();
    assert_eq!(starts, vec![Point::new(0.0, 0.0), Point::new(1.0, 1.0)]);
    assert!(!app.playing, "a lesson waits for its keys");
}

#[test]
fn a_run_beat_is_animated_by_the_clock_at_the_current_speed() {
    let mut app = app();
    update(&mut app, Action::LessonNext);
    assert_eq!(position(&app), 2);
    assert_eq!(app.lesson.as_ref().unwrap().pending, 10);
    assert_eq!(steps(&app), vec![0, 0]);
    // 20 steps/s (the default speed) × 0.25 s = 5 steps.
    update(&mut app, Action::Tick(0.25));
    assert_eq!(steps(&app), vec![5, 5]);
    update(&mut app, Action::Tick(1.0));
    assert_eq!(steps(&app), vec![10, 10], "never more than the beat asks");
    assert_eq!(app.lesson.as_ref().unwrap().pending, 0);
    update(&mut app, Action::Tick(1.0));
    assert_eq!(steps(&app), vec![10, 10], "paused after the beat");
}

/// A recording's pace: whole frames of 0.1 s at 40 steps/s, so the 10 steps take
/// ⌈10 / 4⌉ = 3 frames of ⌈10 / 3⌉ = 4 steps (the last one the remaining 2), whatever the
/// visualizer's speed.
#[test]
fn a_recording_animates_a_run_beat_in_whole_frames() {
    use losscape::tui::lesson_player::Pace;
    let mut app = App::new(Setup {
        color: ColorMode::NoColor,
        pace: Pace::Frames {
            frame: 0.1,
            steps_per_second: 40.0,
            max_seconds: 4.0,
        },
        ..Setup::lesson(lesson())
    });
    update(&mut app, Action::LessonNext);
    let mut seen = Vec::new();
    while app.lesson.as_ref().unwrap().pending > 0 {
        update(&mut app, Action::Tick(0.1));
        seen.push(steps(&app)[0]);
    }
    assert_eq!(seen, [4, 8, 10]);
}

#[test]
fn next_finishes_the_running_beat_and_plays_zoom_and_highlight() {
    let mut app = app();
    update(&mut app, Action::LessonNext); // run 10, not yet animated
    update(&mut app, Action::LessonNext); // zoom: the 10 steps are done at once first
    assert_eq!(steps(&app), vec![10, 10]);
    assert_eq!(app.view, Region::new(0.0, 4.0, 0.0, 4.0));
    update(&mut app, Action::LessonNext);
    let h = highlighted(&app).expect("a highlight");
    // Himmelblau's minimum at (3, 2), found by the critical-point search.
    assert!((h - Point::new(3.0, 2.0)).norm() < 1e-6, "{h:?}");
    assert!(app.lesson.as_ref().unwrap().script.is_finished());
    update(&mut app, Action::LessonNext);
    assert_eq!(position(&app), 4, "the end stays the end");
}

#[test]
fn back_rebuilds_the_screen_of_the_previous_beat() {
    let mut app = app();
    for _ in 0..3 {
        update(&mut app, Action::LessonNext);
    }
    assert_eq!(position(&app), 4);
    update(&mut app, Action::LessonBack); // before the highlight
    assert_eq!(position(&app), 3);
    assert_eq!(highlighted(&app), None);
    assert_eq!(app.view, Region::new(0.0, 4.0, 0.0, 4.0));
    update(&mut app, Action::LessonBack); // before the zoom: the lesson's view
    assert_eq!(app.view, Region::new(-5.0, 5.0, -5.0, 5.0));
    assert_eq!(steps(&app), vec![10, 10]);
    update(&mut app, Action::LessonBack); // before the run
    assert_eq!(steps(&app), vec![0, 0]);
    assert_eq!(
        app.lesson.as_ref().unwrap().caption().as_deref(),
        Some("First caption: two optimizers on Himmelblau.")
    );
    update(&mut app, Action::LessonRestart); // Home: the opening beat, as `play` opens
    assert_eq!(position(&app), 1);
    assert_eq!(steps(&app), vec![0, 0]);
}

#[test]
fn exploring_leaves_the_script_and_next_returns_to_it() {
    let mut app = app();
    update(&mut app, Action::LessonNext);
    update(&mut app, Action::Tick(1.0)); // all 10 steps
    update(&mut app, Action::Pan(1, 0));
    update(&mut app, Action::TogglePlay);
    update(&mut app, Action::Tick(0.5)); // free play at 20 steps/s: 10 more
    assert!(app.lesson.as_ref().unwrap().exploring);
    assert_eq!(steps(&app), vec![20, 20]);
    assert_eq!(app.view, Region::new(-4.0, 6.0, -5.0, 5.0));
    // Returns to the script where it was left, without moving on.
    update(&mut app, Action::LessonNext);
    let p = app.lesson.as_ref().unwrap();
    assert!(!p.exploring);
    assert_eq!(p.script.position(), 2);
    assert_eq!(steps(&app), vec![10, 10]);
    assert_eq!(app.view, Region::new(-5.0, 5.0, -5.0, 5.0));
    assert!(!app.playing);
}

#[test]
fn looking_around_does_not_leave_the_script() {
    let mut app = app();
    for a in [
        Action::ToggleHelp,
        Action::ToggleHelp,
        Action::NextPanel,
        Action::Faster,
        Action::Select(1),
    ] {
        update(&mut app, a);
    }
    assert!(!app.lesson.as_ref().unwrap().exploring);
}

#[test]
fn without_a_lesson_the_lesson_keys_do_nothing() {
    let himmelblau = losscape::surface::builtin("himmelblau").unwrap();
    let mut app = App::new(Setup::new(himmelblau));
    let before = steps(&app);
    for a in [
        Action::LessonNext,
        Action::LessonBack,
        Action::LessonRestart,
    ] {
        update(&mut app, a);
    }
    assert!(app.lesson.is_none());
    assert_eq!(steps(&app), before);
}

#[test]
fn caption_and_surface_name_show_at_80x24() {
    let app = {
        let mut a = app();
        update(&mut a, Action::Resize(80, 24));
        a
    };
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| ui::draw(&app, f)).unwrap();
    let buf = term.backend().buffer();
    let rows: Vec<String> = (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    let screen = rows.join("\n");
    assert!(rows[0].contains("himmelblau"), "{screen}");
    assert!(
        screen.contains("First caption: two optimizers on Himmelblau."),
        "{screen}"
    );
    assert!(screen.contains("Test lesson · beat 1/4"), "{screen}");
}

// ---- play --headless --record ----

const SADDLE: &str = "surfaces/lessons/saddle_points.toml";

/// Records the saddle lesson; `other_env` runs from another directory with NO_COLOR set and
/// COLORTERM empty, which must not change the file.
fn record(out: &Path, size: &str, other_env: bool) -> Vec<u8> {
    let lesson = Path::new(env!("CARGO_MANIFEST_DIR")).join(SADDLE);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_losscape"));
    cmd.arg("play")
        .arg(&lesson)
        .args(["--headless", "--record"])
        .arg(out)
        .args(["--size", size]);
    if other_env {
        cmd.current_dir(std::env::temp_dir())
            .env("NO_COLOR", "1")
            .env("COLORTERM", "");
    }
    let status = cmd.status().expect("losscape runs");
    assert!(status.success());
    std::fs::read(out).expect("the recording")
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

#[test]
fn headless_recording_is_asciicast_v2_and_ends_on_the_last_caption() {
    let dir = std::env::temp_dir().join(format!("losscape-play-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bytes = record(&dir.join("a.cast"), "90x28", false);
    let again = record(&dir.join("b.cast"), "90x28", true);
    std::fs::remove_dir_all(&dir).ok();
    assert!(bytes == again, "same lesson, same bytes");

    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], 90);
    assert_eq!(header["height"], 28);
    assert!(header.get("timestamp").is_none(), "no wall-clock time");

    let mut vt = vt100::Parser::new(nz(28), nz(90), 0);
    let mut last = 0.0;
    let mut events = 0;
    let mut markers = Vec::new();
    for line in lines {
        let e: Value = serde_json::from_str(line).unwrap();
        let e = e.as_array().expect("an event is an array");
        assert_eq!(e.len(), 3);
        let t = e[0].as_f64().unwrap();
        assert!(t >= last, "time went back: {t} after {last}");
        last = t;
        let data = e[2].as_str().unwrap();
        match e[1].as_str().unwrap() {
            "o" => {
                vt.process(data.as_bytes());
                events += 1;
            }
            "m" => markers.push(data.to_string()),
            other => panic!("unexpected event {other}: {line}"),
        }
    }
    assert!(events > 20, "an animated lesson has many frames: {events}");
    // One chapter mark per beat.
    assert_eq!(markers.len(), 10, "{markers:?}");
    assert!(
        markers[0].starts_with("beat 1/10: Himmelblau's function has four minima"),
        "{}",
        markers[0]
    );
    assert_eq!(markers[8], "beat 9/10");
    // Ten beats: captions held 2-8 s each, two pauses of 2 s... at least half a minute.
    assert!(last > 30.0, "{last}");

    let screen = vt.screen().contents();
    let rows: Vec<&str> = screen.lines().collect();
    assert!(rows[0].contains("himmelblau"), "{screen}");
    // The last caption, whole, in the panel; a recording shows no key hints.
    let lesson = lesson::load(Path::new(SADDLE)).unwrap();
    let last_caption = lesson
        .beats
        .iter()
        .rev()
        .find_map(|b| b.caption.clone())
        .unwrap();
    let top = rows
        .iter()
        .position(|r| r.contains(" Saddle points versus minima · beat 10/10 "))
        .unwrap_or_else(|| panic!("no caption panel:\n{screen}"));
    let shown: Vec<&str> = rows[top + 1..]
        .iter()
        .take_while(|r| !r.starts_with('┗'))
        .map(|r| r.trim_matches(|c: char| c == '┃' || c.is_whitespace()))
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(shown.join(" "), last_caption, "{screen}");
    assert!(
        !screen.contains("PgDn") && !screen.contains("⏸"),
        "{screen}"
    );
    for label in ["newton", "gd", "sgd m=0.9", "saddle-free"] {
        assert!(screen.contains(label), "{label} missing:\n{screen}");
    }
}

#[test]
fn a_wrong_lesson_prints_a_caret_diagnostic_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("losscape-badlesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(
        &path,
        "title = \"x\"\nsurface = \"himmelblau\"\n[[optimizer]]\nspec = \"adma\"\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .arg("play")
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("bad.toml:4:"), "{err}");
    assert!(err.contains('^'), "{err}");
    assert!(!err.contains("error: error"), "{err}");
}

#[test]
fn caption_lines_are_counted_as_words_wrap() {
    use losscape::tui::widgets::caption::wrapped_lines;
    // "Newton walks" / "right into" / "the saddle." at 12 columns.
    assert_eq!(wrapped_lines("Newton walks right into the saddle.", 12), 3);
    // "abcd" / "efgh" / "ij" / "xy" at 4 columns: a long word is cut.
    assert_eq!(wrapped_lines("abcdefghij xy", 4), 4);
    assert_eq!(wrapped_lines("one\ntwo", 40), 2);
}

/// While a run beat animates, free play is paused but the screen moves: the title says
/// "lesson", not "paused"; once the beat's steps are done it is paused again.
#[test]
fn title_says_lesson_while_a_run_beat_animates() {
    use losscape::tui::widgets::title;
    let text = |app: &App| -> String {
        title::line(app, 100)
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect()
    };
    let mut app = app();
    assert!(text(&app).contains("paused"), "{}", text(&app));
    update(&mut app, Action::LessonNext);
    assert!(text(&app).contains("▶ lesson"), "{}", text(&app));
    update(&mut app, Action::Tick(1.0));
    assert!(text(&app).contains("paused"), "{}", text(&app));
}

// ---- lesson keys: speed, show, readout, enters; Home, PgUp from exploring, pauses ----

/// A lesson using every key a beat can set besides its action.
const KEYS: &str = r#"
title = "Keys"
surface = "himmelblau"
view = { x = [-5.0, 5.0], y = [-5.0, 5.0] }
speed = 200

[[optimizer]]
spec = "gd:lr=0.01"
start = [0.0, 0.0]

[[optimizer]]
spec = "newton:mode=saddle-free,label=late"
start = [-0.128, -1.954]
enters = 4

[[beat]]
caption = "Short."

[[beat]]
caption = """A much longer caption that takes several lines at eighty columns, so that a \
caption bar sized for each beat would grow here and shrink again on the next beat."""
run = 10
show = ["inspector"]
readout = ["f"]

[[beat]]
pause = 1.0

[[beat]]
caption = "Late one enters."
run = 5
"#;

fn keys_app(w: u16, h: u16) -> App {
    let lesson = lesson::parse_str("keys.toml", KEYS, Path::new(".")).expect("valid lesson");
    let mut app = App::new(Setup {
        color: ColorMode::NoColor,
        ..Setup::lesson(lesson)
    });
    update(&mut app, Action::Resize(w, h));
    app
}

fn screen(app: &App) -> String {
    let mut a_buf =
        ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1));
    ui::render(app, a_buf.area, &mut a_buf);
    (0..app.size.1)
        .map(|y| {
            (0..app.size.0)
                .map(|x| a_buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn home_goes_to_the_opening_beat_play_starts_on() {
    let mut app = app();
    update(&mut app, Action::LessonNext);
    update(&mut app, Action::LessonNext);
    update(&mut app, Action::LessonRestart);
    assert_eq!(position(&app), 1, "the beat `play` opens on");
    assert_eq!(
        app.lesson.as_ref().unwrap().caption().as_deref(),
        Some("First caption: two optimizers on Himmelblau.")
    );
}

#[test]
fn back_from_exploring_goes_to_the_beat_before_the_one_left() {
    let mut app = app();
    update(&mut app, Action::LessonNext);
    update(&mut app, Action::LessonNext);
    assert_eq!(position(&app), 3);
    update(&mut app, Action::ZoomIn);
    assert!(app.lesson.as_ref().unwrap().exploring);
    update(&mut app, Action::LessonBack);
    assert_eq!(position(&app), 2, "PgUp from exploring: the previous beat");
    assert!(!app.lesson.as_ref().unwrap().exploring);
}

#[test]
fn the_caption_bar_keeps_its_height_so_the_map_never_re_lays_out() {
    let mut app = keys_app(80, 24);
    let first = app.layout();
    update(&mut app, Action::LessonNext);
    let second = app.layout();
    assert_eq!(
        first.caption, second.caption,
        "same caption rect on every beat"
    );
    assert_eq!(first.field, second.field, "same map");
    // The long caption is not cut: it has its rows from the first beat on.
    let s = screen(&app);
    assert!(
        s.contains("shrink again on the next") && s.contains("┃beat."),
        "{s}"
    );
}

#[test]
fn a_lesson_sets_its_speed() {
    let app = keys_app(100, 30);
    assert_eq!(app.steps_per_second(), 200.0);
}

#[test]
fn show_opens_the_inspector_and_readout_puts_the_numbers_in_the_caption_bar() {
    let mut app = keys_app(120, 40);
    update(&mut app, Action::LessonNext);
    assert_eq!(app.panel, Panel::Inspector);
    assert!(app.layout().panels.iter().any(|p| p.0 == Panel::Inspector));
    update(&mut app, Action::Tick(1.0));
    let f = app.racers[0].run.current().loss;
    let s = screen(&app);
    assert!(s.contains(&format!("f={}", fmt_fit(f, 8))), "{s}");
    // Going back to the first beat closes what the lesson opened.
    update(&mut app, Action::LessonBack);
    assert_eq!(app.panel, Panel::None);
    // At 80x24 the opened panel would leave the map a sliver: it stays folded, the numbers
    // are in the caption bar.
    let mut small = keys_app(80, 24);
    update(&mut small, Action::LessonNext);
    assert!(
        small.layout().panels.is_empty(),
        "{:?}",
        small.layout().panels
    );
    assert!(small.layout().field.height >= 10);
    assert!(screen(&small).contains("f="));
}

#[test]
fn a_pause_beat_says_it_is_a_pause_and_an_optimizer_enters_at_its_beat() {
    let mut app = keys_app(100, 30);
    update(&mut app, Action::LessonNext);
    update(&mut app, Action::LessonNext);
    assert_eq!(position(&app), 3);
    let title = &app.caption.as_ref().unwrap().title;
    assert!(
        title.contains("a pause: look at the map; PgDn to go on"),
        "{title}"
    );
    assert_eq!(
        app.racers.len(),
        1,
        "the late optimizer is not on screen yet"
    );
    update(&mut app, Action::LessonNext);
    assert_eq!(app.racers.len(), 2);
    update(&mut app, Action::Tick(1.0));
    assert_eq!(steps(&app), vec![15, 5], "it runs from the beat it entered");
    // Back before its beat it leaves; rebuilt the same way when coming back to the beat.
    update(&mut app, Action::LessonBack);
    assert_eq!(app.racers.len(), 1);
    update(&mut app, Action::LessonNext);
    update(&mut app, Action::ZoomIn);
    update(&mut app, Action::LessonNext);
    assert_eq!(steps(&app), vec![15, 5]);
}

#[test]
fn a_headless_recording_shows_no_key_hints_and_is_never_paused() {
    use losscape::tui::lesson_player::Pace;
    let lesson = lesson::parse_str("keys.toml", KEYS, Path::new(".")).unwrap();
    let mut app = App::new(Setup {
        color: ColorMode::NoColor,
        pace: Pace::Frames {
            frame: 0.1,
            steps_per_second: 40.0,
            max_seconds: 4.0,
        },
        ..Setup::lesson(lesson)
    });
    update(&mut app, Action::Resize(100, 30));
    for _ in 0..3 {
        let s = screen(&app);
        assert!(!s.contains("PgDn"), "{s}");
        assert!(!s.contains("⏸ paused"), "{s}");
        update(&mut app, Action::LessonNext);
    }
    let s = screen(&app);
    assert!(!s.contains("a pause"), "{s}");
}

#[test]
fn unknown_show_and_readout_names_point_at_the_name() {
    let bad = KEYS.replace(r#"show = ["inspector"]"#, r#"show = ["inspecter"]"#);
    let Err(e) = lesson::parse_str("keys.toml", &bad, Path::new(".")) else {
        panic!("accepted");
    };
    let e = e.to_string();
    assert!(
        e.contains("unknown show 'inspecter'") && e.contains("did you mean 'inspector'"),
        "{e}"
    );
    let bad = KEYS.replace("enters = 4", "enters = 9");
    let e = lesson::parse_str("keys.toml", &bad, Path::new("."))
        .err()
        .expect("rejected")
        .to_string();
    assert!(e.contains("enters = 9 is past the last beat"), "{e}");
}

#[test]
fn the_highlight_brackets_give_way_to_a_head_beside_the_saddle() {
    // The saddle lesson: the highlight and the cursor are on himmelblau's saddle, where
    // Newton's head ● arrives at step 10. Its ✕ and the head stay visible at 80x24 and 120x40.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/surfaces/lessons/saddle_points.toml"
    );
    let l = lesson::load(Path::new(path)).expect("the saddle lesson");
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(Setup {
            color: ColorMode::NoColor,
            ..Setup::lesson(l.clone())
        });
        update(&mut app, Action::Resize(w, h));
        for _ in 0..4 {
            update(&mut app, Action::LessonNext);
        }
        update(&mut app, Action::LessonNext); // finishes beat 4's run of 10 at once
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| ui::draw(&app, f)).unwrap();
        let buf = t.backend().buffer().clone();
        let field = app.layout().field;
        let (c, r) = app
            .viewport()
            .to_cell(Point::new(-0.12796, -1.95371))
            .expect("the saddle in view");
        let (x, y) = (field.x + c, field.y + r);
        assert_eq!(buf[(x, y)].symbol(), "✕", "{w}x{h}");
        assert!(
            buf[(x + 1, y)].symbol() == "●" || buf[(x - 1, y)].symbol() == "●",
            "{w}x{h}: beside the ✕: {:?} {:?}",
            buf[(x - 1, y)].symbol(),
            buf[(x + 1, y)].symbol()
        );
    }
}
