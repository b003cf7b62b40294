//! Lessons: every shipped lesson loads, the saddle lesson's story is true, the script cursor
//! folds beats into what the screen shows, and mistakes get caret messages.

use losscape::lesson::{self, Action, LessonScript};
use losscape::surface::{Point, SharedSurface};
use nalgebra::SymmetricEigen;
use std::path::{Path, PathBuf};

fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("surfaces/lessons")
}

fn load(name: &str) -> lesson::Lesson {
    lesson::load(&lessons_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_shipped_lesson_loads() {
    let mut names: Vec<String> = std::fs::read_dir(lessons_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "adam_anatomy.toml",
            "adaptive_learning_rates.toml",
            "basins_of_attraction.toml",
            "batch_sizes.toml",
            "cross_entropy_likelihood.toml",
            "deep_learning_nonconvex.toml",
            "edge_of_stability.toml",
            "lagrange_multipliers.toml",
            "learning_rate.toml",
            "saddle_points.toml",
            "why_momentum.toml"
        ]
    );
    for n in &names {
        let l = load(n);
        assert!(!l.beats.is_empty() && !l.optimizers.is_empty(), "{n}");
    }
    // The batch lesson opens a surface file relative to itself: the advertising regression.
    let batch = load("batch_sizes.toml");
    assert_eq!(batch.surface.data().map(|d| d.rows()), Some(200));
    let specs: Vec<&str> = batch.optimizers.iter().map(|o| o.spec.as_str()).collect();
    assert_eq!(
        specs,
        ["sgd:lr=0.1", "sgd:lr=0.1,batch=1", "sgd:lr=0.1,batch=16"]
    );
}

/// Newton's method x ← x − H⁻¹∇f, with the surface's exact derivatives.
fn newton(s: &SharedSurface, mut p: Point, steps: usize) -> Point {
    for _ in 0..steps {
        let step = s
            .hessian(p)
            .lu()
            .solve(&s.gradient(p))
            .expect("invertible Hessian");
        p -= step;
    }
    p
}

#[test]
fn saddle_lesson_newton_is_drawn_into_the_saddle_and_gradient_descent_escapes() {
    let l = load("saddle_points.toml");
    assert_eq!(l.optimizers[0].spec, "newton");
    assert_eq!(l.optimizers[1].spec, "gd:lr=0.01");
    let start = l.optimizers[0].start;
    assert_eq!(start, Point::new(-0.3, -1.5));
    let highlights: Vec<Point> = l
        .beats
        .iter()
        .filter_map(|b| match b.action {
            Action::Highlight(p) => Some(p),
            _ => None,
        })
        .collect();
    // Newton from the start converges to the first highlighted point, a saddle: Hessian
    // eigenvalues about −50.6 and +20.3 (Himmelblau's saddle at (−0.127961, −1.953715)).
    let saddle = newton(&l.surface, start, 20);
    assert!((saddle - highlights[0]).norm() < 1e-3, "{saddle}");
    assert!(l.surface.gradient(saddle).norm() < 1e-9);
    let eig = SymmetricEigen::new(l.surface.hessian(saddle)).eigenvalues;
    let (lo, hi) = (eig.min(), eig.max());
    assert!(
        (lo + 50.61).abs() < 0.01 && (hi - 20.28).abs() < 0.01,
        "{eig}"
    );
    // Gradient descent (lr 0.01, as in the lesson) from the same start reaches the second
    // highlighted point, the minimum (−3.779310, −3.283186) with f = 0.
    let mut p = start;
    for _ in 0..100 {
        p -= 0.01 * l.surface.gradient(p);
    }
    assert!((p - highlights[1]).norm() < 1e-3, "{p}");
    assert!(l.surface.value(p) < 1e-12);
}

#[test]
fn the_script_moves_forward_and_back_and_folds_its_beats() {
    let l = load("saddle_points.toml");
    let total: u64 = l
        .beats
        .iter()
        .map(|b| match b.action {
            Action::Run { steps } => steps,
            _ => 0,
        })
        .sum();
    assert_eq!(total, 10 + 25 + 200 + 25);
    let mut s = LessonScript::new(l);
    assert_eq!(s.state().steps, 0);
    assert_eq!(s.state().caption, None);
    assert!(!s.back(), "nothing to go back to at the start");
    // Beat 1: caption only. Beat 2: highlight the saddle. Beat 3: cursor. Beat 4: run 10.
    assert_eq!(s.forward().map(|b| b.action.clone()), Some(Action::None));
    s.forward();
    s.forward();
    let b = s.forward().unwrap();
    assert_eq!(b.action, Action::Run { steps: 10 });
    let st = s.state();
    assert_eq!(st.steps, 10);
    assert_eq!(st.cursor, Some(Point::new(-0.12796134673, -1.95371498024)));
    assert_eq!(st.highlight, Some(Point::new(-0.128, -1.954)));
    assert!(st.caption.unwrap().starts_with("Newton's method jumps"));
    // Back one beat: the 10 steps are undone, the caption is the cursor beat's.
    assert!(s.back());
    assert_eq!(s.state().steps, 0);
    assert!(
        s.state()
            .caption
            .unwrap()
            .starts_with("The cursor is on the saddle")
    );
    // To the end: every step has run and the last beat zoomed in.
    while s.forward().is_some() {}
    assert!(s.is_finished());
    let end = s.state();
    assert_eq!(end.steps, 260);
    assert_eq!((end.view.x0, end.view.x1), (-4.8, 0.5));
    assert_eq!(end.highlight, Some(Point::new(-3.779, -3.283)));
    s.jump(0);
    assert_eq!(s.state().view, s.lesson().view);
}

fn error_of(text: &str) -> String {
    match lesson::parse_str("l.toml", text, &lessons_dir()) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

const HEAD: &str = "title = \"t\"\nsurface = \"bowl\"\n[[optimizer]]\nspec = \"gd:lr=0.1\"\n";

#[test]
fn a_beat_does_one_thing() {
    let e = error_of(&format!(
        "{HEAD}[[beat]]\nrun = 5\nzoom = {{ x = [0, 1], y = [0, 1] }}\n"
    ));
    assert!(
        e.starts_with("error: a beat does one thing; this one also has 'run'\n --> l.toml:7:1"),
        "{e}"
    );
    let e = error_of(&format!("{HEAD}[[beat]]\n"));
    assert!(e.starts_with("error: empty beat"), "{e}");
    let e = error_of(&format!("{HEAD}[[beat]]\nrun = 0\n"));
    assert!(e.contains("run = 0 takes no step"), "{e}");
    let e = error_of(&format!("{HEAD}[[beat]]\ncaptoin = \"hi\"\n"));
    assert!(
        e.contains("unknown key 'captoin'") && e.contains("did you mean 'caption'?"),
        "{e}"
    );
}

#[test]
fn points_must_be_on_screen_at_their_beat() {
    // The bowl's view is [-2, 2]²; after zooming out, (5, 5) is visible.
    let e = error_of(&format!("{HEAD}[[beat]]\ncursor = [5.0, 5.0]\n"));
    assert!(
        e.contains("(5, 5) is outside the view at this beat (-2:2,-2:2)"),
        "{e}"
    );
    let ok = format!(
        "{HEAD}[[beat]]\nzoom = {{ x = [-6, 6], y = [-6, 6] }}\n[[beat]]\ncursor = [5.0, 5.0]\n"
    );
    assert!(lesson::parse_str("l.toml", &ok, &lessons_dir()).is_ok());
}

#[test]
fn basins_names_one_of_the_lessons_optimizers() {
    // One optimizer: basins = 2 would show nobody's basins (it used to turn the overlay off).
    let e = error_of(&format!("{HEAD}[[beat]]\nbasins = 2\n"));
    assert!(
        e.starts_with("error: basins = 2, but the lesson races 1 optimizer(s)\n --> l.toml:6:10")
            && e.contains("expected 1 to 1 (an [[optimizer]], in the order listed), or 0 for off"),
        "{e}"
    );
    for ok in ["basins = 1", "basins = 0"] {
        let text = format!("{HEAD}[[beat]]\n{ok}\n");
        assert!(
            lesson::parse_str("l.toml", &text, &lessons_dir()).is_ok(),
            "{ok}"
        );
    }
    let e = error_of(&format!("{HEAD}[[beat]]\n"));
    assert!(
        e.contains("one of run, pause, cursor, highlight, zoom, basins"),
        "{e}"
    );
}

#[test]
fn surface_and_spec_mistakes_point_at_the_problem() {
    let e = error_of("title = \"t\"\nsurface = \"himmelblua\"\n");
    assert!(
        e.starts_with("error: unknown surface 'himmelblua'\n --> l.toml:2:11"),
        "{e}"
    );
    assert!(e.contains("did you mean 'himmelblau'?"), "{e}");
    let e = error_of(
        "title = \"t\"\nsurface = \"bowl\"\n[[optimizer]]\nspec = \"sgd:lr=0.1,momentum\"\n[[beat]]\nrun = 1\n",
    );
    // The caret is under "momentum": `spec = "` is 8 columns, `sgd:lr=0.1,` 11 more.
    assert!(
        e.starts_with("error: 'momentum' is not key=value\n --> l.toml:4:20"),
        "{e}"
    );
    assert!(e.contains("^^^^^^^^ expected NAME:key=value"), "{e}");
    let e = error_of("surface = \"bowl\"\n");
    assert!(e.starts_with("error: missing key 'title'"), "{e}");
    // A broken surface file reports the error inside that file.
    let dir = std::env::temp_dir().join(format!("losscape-lesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("s.toml"),
        "name = \"s\"\nexpression = \"x +* y\"\n",
    )
    .unwrap();
    let e = lesson::parse_str("l.toml", "title = \"t\"\nsurface = \"s.toml\"\n", &dir)
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.contains("s.toml:2:18") && e.contains("unexpected '*'"),
        "{e}"
    );
}

#[test]
fn beats_know_their_line() {
    let l = load("saddle_points.toml");
    let text = std::fs::read_to_string(lessons_dir().join("saddle_points.toml")).unwrap();
    let headers: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "[[beat]]")
        .map(|(i, _)| i + 1)
        .collect();
    let lines: Vec<usize> = l.beats.iter().map(|b| b.line).collect();
    assert_eq!(lines, headers);
}
