//! Scenes: `S` writes the screen as a scene file, and `tui --scene` / `render --scene` /
//! `play` put the same screen back — the same TestBackend frame, the same `render` bytes.

use clap::Parser;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use losscape::commands::render::{RenderArgs, still_app};
use losscape::lesson::{self, Lesson};
use losscape::render::ColorMode;
use losscape::run::RunStatus;
use losscape::scene::Scene;
use losscape::tui::event::{Mode, key_action};
use losscape::tui::scene::{capture, open, write_new};
use losscape::tui::{Action, App, Effect, Setup, ui, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("losscape-scene-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir.join(name)
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| ui::draw(app, f)).expect("a frame");
    t.backend().buffer().clone()
}

/// The scene of `app`, written out and read back as a lesson.
fn round_trip(app: &App) -> (String, Lesson) {
    let text = capture(app).expect("a scene").to_toml();
    let lesson = lesson::parse_str("scene.toml", &text, Path::new("."))
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    (text, lesson)
}

fn reopened(lesson: &Lesson, app: &App) -> App {
    let mut back = open(
        lesson,
        Setup {
            color: app.color_mode,
            ..Setup::new(lesson.surface.clone())
        },
    );
    let (w, h) = app.size;
    update(&mut back, Action::Resize(w, h));
    back
}

/// Three runs (one diverges), stepped unevenly, noisy gradients, overlays and the cursor
/// moved, the view zoomed and panned, the third run restarted at its own point.
fn explored(color: ColorMode, size: (u16, u16)) -> App {
    let specs = [
        "gd:lr=0.01",
        "adam:lr=0.1,label=fast adam",
        "momentum:lr=0.005",
    ];
    let mut app = App::new(Setup {
        specs: specs.iter().map(|s| s.parse().unwrap()).collect(),
        seed: 7,
        color,
        ..Setup::new(losscape::surface::resolve("himmelblau").unwrap())
    });
    let actions = [
        Action::Resize(size.0, size.1),
        Action::CycleNoise,
        Action::Steps(40),
        Action::ToggleArrows,
        Action::ToggleCritical,
        Action::ToggleForecast,
        Action::ToggleAnatomy,
        Action::CycleSlice,
        Action::CycleSlice,
        Action::MoveCursor(5, -3),
        Action::ZoomIn,
        Action::Pan(1, 0),
        Action::Select(2),
        Action::StartSelectedAtCursor,
        Action::Steps(7),
        Action::Select(1),
        Action::CycleScale,
        Action::Faster,
        Action::NextPanel,
    ];
    for a in actions {
        update(&mut app, a);
    }
    app.message = None; // the status line is not part of a scene
    app
}

#[test]
fn a_saved_scene_reopens_to_the_same_frame() {
    for (color, size) in [
        (ColorMode::NoColor, (100, 30)),
        (ColorMode::TrueColor, (140, 45)),
    ] {
        let app = explored(color, size);
        let (text, lesson) = round_trip(&app);
        let steps: Vec<usize> = app.racers.iter().map(|r| r.run.current().step).collect();
        assert_eq!(steps[0], 47, "{text}");
        assert_eq!(steps[2], 7, "the restarted run has its own count: {text}");
        let back = reopened(&lesson, &app);
        assert_eq!(draw(&back), draw(&app), "{text}");
        // Not only the pixels: the state the next key acts on.
        assert_eq!(back.cursor, app.cursor);
        assert_eq!(back.view, app.view);
        assert_eq!(back.selected, 1);
        assert_eq!(back.speed, app.speed);
        for (a, b) in app.racers.iter().zip(&back.racers) {
            assert_eq!(a.run.trajectory(), b.run.trajectory());
            assert_eq!(a.run.status(), b.run.status());
            assert_eq!((a.slot, a.own_start), (b.slot, b.own_start));
        }
    }
}

#[test]
fn a_run_that_diverged_is_replayed_until_it_diverges_again() {
    let mut app = App::new(Setup {
        specs: vec!["gd:lr=0.2".parse().unwrap()],
        color: ColorMode::NoColor,
        ..Setup::new(losscape::surface::resolve("himmelblau").unwrap())
    });
    update(&mut app, Action::Resize(100, 30));
    update(&mut app, Action::Steps(60));
    let status = app.racers[0].run.status().clone();
    let RunStatus::Diverged { step, .. } = status else {
        panic!("gd at lr 0.2 diverges on Himmelblau, got {status:?}");
    };
    let (text, lesson) = round_trip(&app);
    assert!(text.contains(&format!("steps = [{step}]")), "{text}");
    let back = reopened(&lesson, &app);
    assert_eq!(back.racers[0].run.status(), &status);
    assert_eq!(draw(&back), draw(&app));
}

#[test]
fn the_s_key_asks_the_driver_to_write_the_scene() {
    let mut app = explored(ColorMode::NoColor, (100, 30));
    let key = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
    let action = key_action(Mode::Map, key).expect("S is bound");
    assert_eq!(action, Action::SaveScene);
    let effects = update(&mut app, action);
    let [Effect::WriteScene { stem, text }] = effects.as_slice() else {
        panic!("one write, got {effects:?}");
    };
    assert_eq!(stem, "losscape-scene-himmelblau");
    assert_eq!(text, &capture(&app).unwrap().to_toml());
    // The sharpness panel moved to E.
    let e = KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT);
    assert_eq!(key_action(Mode::Map, e), Some(Action::ToggleSharpness));

    // The driver writes STEM-1.toml, then -2: never over a file.
    let dir = tmp("writes");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let first = write_new(&dir, stem, text).unwrap();
    let second = write_new(&dir, stem, "other").unwrap();
    assert_eq!(first, dir.join("losscape-scene-himmelblau-1.toml"));
    assert_eq!(second, dir.join("losscape-scene-himmelblau-2.toml"));
    assert_eq!(std::fs::read_to_string(&first).unwrap(), *text);
    losscape::tui::scene::saved(&mut app, Ok(first.clone()));
    let msg = app.message.clone().unwrap();
    assert!(msg.contains(&first.display().to_string()), "{msg}");
}

fn losscape(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[derive(Parser)]
struct Wrap {
    #[command(flatten)]
    args: RenderArgs,
}

#[test]
fn render_scene_prints_the_same_bytes_as_the_render_it_was_saved_from() {
    let frame = [
        "--surface",
        "rosenbrock",
        "--opt",
        "adam:lr=0.05",
        "--opt",
        "lbfgs",
        "--start",
        "-1.5,2",
        "--steps",
        "50",
        "--size",
        "100x30",
    ];
    let args = Wrap::parse_from(std::iter::once("render").chain(frame)).args;
    let app = still_app(&args, ColorMode::NoColor).expect("a frame");
    let path = tmp("rosenbrock.toml");
    std::fs::write(&path, capture(&app).unwrap().to_toml()).unwrap();
    let scene = path.to_str().unwrap();
    for look in [
        &["--color", "never"][..],
        &["--format", "svg", "--theme", "light"],
    ] {
        let direct = losscape(&[&["render"], &frame[..], look].concat());
        let again = losscape(&[&["render", "--scene", scene], look].concat());
        assert!(
            again.status.success(),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        assert!(direct.stdout.len() > 1000);
        assert_eq!(direct.stdout, again.stdout, "{look:?}");
    }
}

const WITH_SCENE: &str = r#"
title = "From a scene"
surface = "himmelblau"
view = { x = [-5.0, 5.0], y = [-5.0, 5.0] }

[[optimizer]]
spec = "gd:lr=0.01"
start = [0.0, 0.0]

[[optimizer]]
spec = "adam:lr=0.1"
start = [1.0, 1.0]

[scene]
steps = [30, 12]
show = ["contours", "arrows"]
panel = "loss"
cursor = [2.5, 1.5]

[[beat]]
caption = "Thirty steps in."

[[beat]]
run = 10
"#;

#[test]
fn a_lesson_can_start_from_a_scene() {
    let lesson = lesson::parse_str("s.toml", WITH_SCENE, Path::new(".")).unwrap();
    let want = Scene {
        steps: vec![30, 12],
        show: Some(vec!["contours".into(), "arrows".into()]),
        panel: Some("loss".into()),
        cursor: Some(losscape::surface::Point::new(2.5, 1.5)),
        ..Scene::default()
    };
    assert_eq!(lesson.scene.as_ref(), Some(&want));
    let mut app = App::new(Setup {
        color: ColorMode::NoColor,
        ..Setup::lesson(lesson)
    });
    let steps =
        |app: &App| -> Vec<usize> { app.racers.iter().map(|r| r.run.current().step).collect() };
    assert_eq!(steps(&app), [30, 12]);
    assert!(app.overlays.arrows && !app.overlays.critical && !app.overlays.labels);
    assert_eq!(app.cursor, losscape::surface::Point::new(2.5, 1.5));
    update(&mut app, Action::LessonNext);
    for _ in 0..100 {
        update(&mut app, Action::Tick(0.1));
    }
    assert_eq!(
        steps(&app),
        [40, 22],
        "a run beat plays on top of the scene"
    );
    update(&mut app, Action::LessonRestart);
    assert_eq!(steps(&app), [30, 12], "back to the scene, not to step 0");
}

#[test]
fn play_plays_a_scene_headless() {
    let app = explored(ColorMode::TrueColor, (100, 30));
    let path = tmp("play.toml");
    std::fs::write(&path, capture(&app).unwrap().to_toml()).unwrap();
    let cast = tmp("play.cast");
    let out = losscape(&[
        "play",
        path.to_str().unwrap(),
        "--headless",
        "--record",
        cast.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&cast).unwrap();
    let header: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(100), Some(30))
    );
    assert!(
        text.contains("himmelblau at step 47, as it was saved."),
        "the caption"
    );
}

/// A scene with one mistake per line: each is reported with the file, line and column.
#[test]
fn scene_mistakes_get_caret_messages() {
    let base = WITH_SCENE.replace("[[beat]]\nrun = 10\n", "");
    let cases = [
        (
            "panel = \"loss\"",
            "panel = \"lose\"",
            "unknown panel 'lose'",
            "did you mean 'loss'?",
        ),
        (
            "steps = [30, 12]",
            "steps = [30]",
            "'steps' has 1 entries for 2 optimizers",
            "one entry per [[optimizer]]",
        ),
        (
            "show = [\"contours\", \"arrows\"]",
            "show = [\"contour\"]",
            "unknown overlay 'contour'",
            "did you mean 'contours'?",
        ),
        (
            "cursor = [2.5, 1.5]",
            "cursor = [2.5, 1.5]\nselected = 3",
            "selected = 3 is not one of the 2 optimizers",
            "expected 1 to 2",
        ),
        (
            "cursor = [2.5, 1.5]",
            "cursor = [2.5, 1.5]\nzoom = 2",
            "unknown key 'zoom'",
            "expected one of: size, seed",
        ),
    ];
    for (old, new, message, hint) in cases {
        let text = base.replace(old, new);
        let line = text
            .lines()
            .position(|l| l.starts_with(new.lines().last().unwrap()))
            .unwrap()
            + 1;
        let path = tmp("bad.toml");
        std::fs::write(&path, &text).unwrap();
        let out = losscape(&["render", "--scene", path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(message), "{err}");
        assert!(err.contains(hint), "{err}");
        let at = format!("{}:{line}:", path.display());
        assert!(err.contains(&at), "want {at} in {err}");
        assert!(err.contains('^'), "{err}");
    }
}

#[test]
fn a_scene_of_a_network_names_its_model_and_reopens_to_the_same_frame() {
    // `tui --model` remembers the model's file under the driver's `model:` key.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/surfaces/models/moons.toml");
    let surface = losscape::tui::model::load(path).expect("the moons model");
    let mut surfaces = losscape::tui::app::builtin_choices();
    losscape::tui::scene::remember_surface(
        &mut surfaces,
        &format!("{}{path}", losscape::tui::driver::MODEL_KEY),
        &surface,
    );
    let mut app = App::new(Setup {
        specs: vec!["adam:lr=0.05".parse().unwrap()],
        surfaces,
        ..Setup::new(surface)
    });
    for a in [Action::Resize(80, 24), Action::Steps(12)] {
        update(&mut app, a);
    }
    let (text, lesson) = round_trip(&app);
    assert!(text.contains(&format!("model = \"{path}\"")), "{text}");
    let back = reopened(&lesson, &app);
    assert_eq!(back.racers[0].run.params(), app.racers[0].run.params());
    assert_eq!(draw(&back), draw(&app), "{text}");
}
