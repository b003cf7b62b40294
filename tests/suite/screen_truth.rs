//! The screen tells the truth at every size: every run identifiable, numbers whole, the action
//! (heads, critical points, the start) never hidden, statuses honest. Through `render`, the
//! same frame the visualizer draws.

use losscape::tui::{Action, App, Setup, update};
use std::process::Command;

fn render(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .arg("render")
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("render");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

/// The map rows only (between the title and the x-axis labels), left of any side panel.
fn map_text(frame: &str, width: usize) -> String {
    frame
        .lines()
        .skip(1)
        .map(|l| l.chars().take(width).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn runs_that_differ_only_in_lr_are_told_apart_at_every_size() {
    for size in ["80x24", "100x30", "160x48"] {
        let f = render(&[
            "--surface",
            "ravine",
            "--opt",
            "gd:lr=0.1",
            "--opt",
            "gd:lr=0.45",
            "--size",
            size,
        ]);
        assert!(
            f.contains("gd lr=0.1") && f.contains("gd lr=0.45"),
            "{size}:\n{f}"
        );
    }
    // Wide: the lr column is there as well.
    let f = render(&[
        "--surface",
        "ravine",
        "--opt",
        "gd:lr=0.1",
        "--opt",
        "gd:lr=0.45",
        "--size",
        "160x48",
    ]);
    let header = f
        .lines()
        .find(|l| l.contains("optimizer"))
        .expect("legend header");
    assert!(header.contains(" lr "), "{header}");
}

#[test]
fn the_narrow_legend_shows_loss_and_status_not_step_counts() {
    let f = render(&["--size", "80x24"]);
    let last = f.lines().last().unwrap();
    // gd reaches a minimum (f = 0 at round-off), newton the saddle at f = 178.
    assert!(last.contains("● gd 0 conv@"), "{last}");
    assert!(last.contains("★ newton 178 saddle@"), "{last}");
    assert!(!last.contains("momentum 200"), "{last}");
}

#[test]
fn round_off_shows_as_zero_and_numbers_are_never_cut() {
    let f = render(&["-s", "monkey-saddle", "--size", "120x40"]);
    let newton = f
        .lines()
        .find(|l| l.contains("newton"))
        .expect("newton row");
    assert!(
        !newton.contains("e-1 ") && !newton.contains("-7.876e-1"),
        "{newton}"
    );
    let loss_col: Vec<&str> = newton.split_whitespace().collect();
    assert!(
        loss_col.contains(&"0"),
        "Newton's −7.9e-19 is round-off: {newton}"
    );
    // No colour-bar label or contour label is a cut-off number such as "3.6e-1".
    assert!(!f.contains("3.6e-1"), "{f}");
    assert!(!f.contains("e-15"), "round-off level shown: {f}");
}

#[test]
fn contour_labels_are_whole_or_absent() {
    for surface in ["monkey-saddle", "himmelblau", "rosenbrock"] {
        let mut app = App::new(Setup {
            color: losscape::render::ColorMode::NoColor,
            ..Setup::new(losscape::surface::resolve(surface).unwrap())
        });
        update(&mut app, Action::Resize(120, 40));
        for r in &mut app.racers {
            for _ in 0..200 {
                r.run.step();
            }
        }
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 120, 40));
        losscape::tui::ui::render(&app, buf.area, &mut buf);
        let field = app.layout().field;
        let labels = app.field.as_ref().unwrap().labels.clone();
        let mut whole = 0;
        for l in &labels {
            let shown = l
                .text
                .chars()
                .enumerate()
                .filter(|(k, ch)| {
                    buf[(field.x + l.col + *k as u16, field.y + l.row)].symbol() == ch.to_string()
                })
                .count();
            let len = l.text.chars().count();
            assert!(
                shown == 0 || shown == len,
                "{surface}: label {:?} split",
                l.text
            );
            whole += usize::from(shown == len);
        }
        assert!(whole > 0, "{surface}: no label drawn at all");
    }
}

#[test]
fn every_optimizer_is_seen_to_arrive_and_the_cursor_hides_nothing() {
    // The default race: gd, momentum and adam end in the same minimum cell; each head shows.
    let f = render(&["--size", "100x30"]);
    let map = map_text(&f, 92);
    for head in ['●', '■', '◆', '★'] {
        assert!(map.contains(head), "{head} hidden:\n{map}");
    }
    // The cursor starts on the start point: the start ○ stays, bracketed.
    assert!(map.contains("[○]"), "{map}");
    assert!(!map.contains('┼'), "{map}");
}

#[test]
fn a_diverged_run_is_marked_where_it_leaves_the_map() {
    // gd and momentum diverge on Rosenbrock from (−1.2, 1): their last points are far off.
    let f = render(&["-s", "rosenbrock", "--size", "100x30"]);
    let map = map_text(&f, 92);
    assert_eq!(map.matches('✗').count(), 2, "{map}");
}

#[test]
fn trails_have_their_own_glyph_without_colour_and_no_axes_by_default() {
    let f = render(&["--size", "100x30"]);
    let map = map_text(&f, 92);
    for plain in ['•', '+', '*', '~'] {
        assert!(map.contains(plain), "trail glyph {plain} missing:\n{map}");
    }
    // The Hessian-axes overlay is off: no ₁/₂ axis labels, no box-drawing axis lines.
    assert!(!map.contains('₁') && !map.contains("────"), "{map}");
}

/// Tick labels of the y axis (the text before each '┤') and of the x axis (after each '╵').
fn tick_texts(frame: &str) -> (Vec<String>, Vec<String>) {
    let ys = frame
        .lines()
        .filter_map(|l| l.split_once('┤'))
        .map(|(a, _)| a.trim().trim_start_matches('y').to_string())
        .collect();
    let xs = frame
        .lines()
        .find(|l| l.contains('╵'))
        .map(|l| {
            l.split('╵')
                .skip(1)
                .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    (ys, xs)
}

fn surface_file(name: &str, view: &str) -> String {
    let d = std::env::temp_dir().join(format!("losscape-ticks-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let p = d.join(format!("{name}.toml"));
    std::fs::write(
        &p,
        format!(
            "name = \"{name}\"\nexpression = \"(x + 0.3)^2 + (y - 1.2)^2 + x*y*0\"\nview = {view}\n"
        ),
    )
    .unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn ticks_are_whole_and_distinct_at_1e300_and_at_the_deepest_zoom() {
    let wide = surface_file("wide", "{ x = [-1e300, 1e300], y = [-1e300, 1e300] }");
    let f = render(&[
        "-s", &wide, "--opt", "gd", "--start", "0,0", "--size", "80x24",
    ]);
    let (ys, xs) = tick_texts(&f);
    assert!(ys.len() >= 3 && xs.len() >= 3, "{f}");
    for t in ys.iter().chain(&xs) {
        assert!(
            t.parse::<f64>().is_ok(),
            "tick {t:?} is not a whole number:\n{f}"
        );
    }
    let mut d = ys.clone();
    d.dedup();
    assert_eq!(d, ys, "{f}");
    // 1e-9 wide around (−0.3, 1.2): ticks are offsets from x₀ and y₀, all different.
    let deep = surface_file(
        "deep",
        "{ x = [-0.3000000005, -0.2999999995], y = [1.1999999995, 1.2000000005] }",
    );
    let f = render(&["-s", &deep, "--opt", "gd", "--size", "100x30"]);
    let (ys, xs) = tick_texts(&f);
    for ticks in [&ys, &xs] {
        let mut d = ticks.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), ticks.len(), "{ticks:?}\n{f}");
        assert!(ticks.len() >= 2, "{f}");
    }
    assert!(f.contains("x₀ = -0.3") && f.contains("y₀ = 1.1999"), "{f}");
}

#[test]
fn a_head_on_a_critical_point_sits_beside_its_mark() {
    // Plain Newton from (−0.3, −1.5) sits on himmelblau's saddle from step 10: both the
    // saddle's ✕ and Newton's head are on the map, the head in the next cell.
    let f = render(&[
        "--surface",
        "himmelblau",
        "--opt",
        "newton",
        "--start=-0.3,-1.5",
        "--steps",
        "20",
        "--size",
        "100x30",
    ]);
    let map = map_text(&f, 70);
    let saddle = map
        .lines()
        .find(|l| l.contains('✕') && l.contains('●'))
        .unwrap_or_else(|| panic!("no row with both the saddle and the head:\n{f}"));
    let cols: Vec<char> = saddle.chars().collect();
    let x = cols.iter().position(|&c| c == '✕').unwrap();
    assert!(
        cols.get(x + 1) == Some(&'●') || (x > 0 && cols[x - 1] == '●'),
        "{saddle}"
    );
}
