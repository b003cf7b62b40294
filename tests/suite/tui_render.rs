//! Rendering on ratatui's TestBackend at fixed sizes: what a person would check on screen.

use crate::common;

use common::screen::{render, text};
use losscape::render::glyphs::{critical_glyph, head};
use losscape::render::{ColorMode, Viewport};
use losscape::tui::{Action, App, Setup, ui, update};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

/// A built-in name or a surface file.
fn surface(name: &str) -> losscape::surface::SharedSurface {
    losscape::surface::resolve(name).expect("valid surface")
}

fn specs(texts: &[&str]) -> Vec<losscape::optim::OptimizerSpec> {
    texts
        .iter()
        .map(|s| s.parse().expect("valid spec"))
        .collect()
}

fn app(color: ColorMode, w: u16, h: u16) -> App {
    let mut app = App::new(Setup {
        specs: specs(&["gd:lr=0.01", "gd:lr=0.002"]),
        color,
        ..Setup::new(surface("himmelblau"))
    });
    update(&mut app, Action::Resize(w, h));
    app
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// Every critical point in view shows its kind's glyph in its own cell (unless a trajectory
/// head, the start or the cursor sits on that very cell).
fn assert_critical_glyphs(app: &App, buf: &Buffer) -> usize {
    let f = app.layout().field;
    let vp: Viewport = *app.field.as_ref().unwrap().viewport();
    let busy = [vp.to_cell(app.start), vp.to_cell(app.cursor)];
    let mut checked = 0;
    for cp in &app.critical {
        let Some((c, r)) = vp.to_cell(cp.point) else {
            continue;
        };
        if busy.contains(&Some((c, r))) {
            continue;
        }
        let sym = buf[(f.x + c, f.y + r)].symbol();
        assert_eq!(
            sym,
            critical_glyph(cp.kind()).to_string(),
            "{:?} at {:?}",
            cp.kind(),
            cp.point
        );
        checked += 1;
    }
    checked
}

#[test]
fn large_screen_shows_title_legend_inspector_and_critical_points() {
    let a = app(ColorMode::TrueColor, 160, 48);
    let buf = render(&a);
    let all = text(&buf);
    assert!(row(&buf, 0).contains("himmelblau"));
    assert!(row(&buf, 0).contains("(x² + y − 11)² + (x + y² − 7)²"));
    assert!(all.contains("◎ minimum  ▲ maximum  ✕ saddle  ◇ degenerate"));
    for title in ["Optimizers", "Loss vs step", "Inspector"] {
        assert!(all.contains(title), "{title} panel missing");
    }
    // Legend rows: glyph, label and lr of each optimizer.
    let selected = all
        .lines()
        .find(|l| l.contains("▸gd"))
        .expect("selected row");
    assert!(
        selected.contains(head(0)) && selected.contains("0.01"),
        "{selected}"
    );
    let second = all
        .lines()
        .find(|l| l.contains(head(1)) && l.contains("0.002"))
        .expect("second optimizer row");
    assert!(
        second.contains("gd") && second.contains("running"),
        "{second}"
    );
    // Inspector at the start (-0.3, -1.5): f = 12.41² + 5.05² = 179.5106; the Hessian
    // [[-46.92, -7.2], [-7.2, -0.2]] has eigenvalues (-47.12 ∓ √2390.11)/2 = -48.0044, 0.8844.
    assert!(all.contains("179.5106"));
    assert!(all.contains("-46.9200"));
    assert!(all.contains("-48.0044"));
    assert!(all.contains("0.8844"));
    // The start is on a slope, not a saddle: the shape is described, the kind is not claimed.
    assert!(all.contains("curves down along v₁, up along v₂"));
    assert!(!all.contains("saddle: curves"), "{all}");
    assert!(all.contains("not a critical point"));
    // Himmelblau has nine critical points, all inside the default view.
    assert_eq!(a.critical.len(), 9);
    assert!(assert_critical_glyphs(&a, &buf) >= 8);
    // The nearest is the saddle at (-0.1280, -1.9537).
    assert!(all.contains("nearest ✕ saddle at (-0.1280, -1.9537)"));
}

#[test]
fn small_screen_folds_panels_and_keeps_a_one_line_legend() {
    let a = app(ColorMode::TrueColor, 80, 24);
    let buf = render(&a);
    let all = text(&buf);
    assert!(row(&buf, 0).contains("himmelblau"));
    assert!(!all.contains("Inspector"));
    let footer = row(&buf, 23);
    assert!(footer.contains(&format!("{} gd", head(0))), "{footer}");
    assert!(footer.contains(&format!("{} gd", head(1))), "{footer}");
    assert!(footer.contains("◎min ▲max ✕saddle ◇degen"), "{footer}");
    assert!(assert_critical_glyphs(&a, &buf) >= 8);
}

#[test]
fn tab_shows_one_panel_on_a_small_screen() {
    let mut a = app(ColorMode::TrueColor, 80, 24);
    update(&mut a, Action::NextPanel);
    update(&mut a, Action::NextPanel);
    update(&mut a, Action::NextPanel); // Legend → Loss → Inspector
    let all = text(&render(&a));
    assert!(all.contains("Inspector"));
    assert!(all.contains("179.5106"));
    assert!(!all.contains("Optimizers"));
}

#[test]
fn trajectory_heads_move_on_screen() {
    let mut a = app(ColorMode::TrueColor, 160, 48);
    update(&mut a, Action::Tick(2.0));
    let buf = render(&a);
    let f = a.layout().field;
    let vp = *a.field.as_ref().unwrap().viewport();
    let x = a.racers[0].run.current().x;
    let (c, r) = vp.to_cell(x).expect("in view");
    assert_head_at(&buf, (f.x + c, f.y + r), &head(0).to_string());
}

/// The head is drawn at its cell, or, where a critical point's mark holds that cell, right
/// beside it (the mark is never covered).
fn assert_head_at(buf: &ratatui::buffer::Buffer, (c, r): (u16, u16), head: &str) {
    if buf[(c, r)].symbol() == head {
        return;
    }
    let mark = buf[(c, r)].symbol();
    assert!(
        "◎▲✕◇".contains(mark),
        "cell ({c}, {r}) holds {mark:?}, not the head {head}"
    );
    let beside = [c + 1, c.saturating_sub(1)]
        .iter()
        .any(|&x| buf[(x, r)].symbol() == head);
    assert!(
        beside,
        "the head {head} is not beside the mark {mark} at ({c}, {r})"
    );
}

#[test]
fn caption_shows_under_the_map_and_the_map_shrinks_for_it() {
    let mut a = app(ColorMode::TrueColor, 120, 40);
    let rows_before = a.layout().field.height;
    a.caption = Some(losscape::tui::app::Caption {
        title: "Saddle points · 2/5".into(),
        text: "Newton jumps to where the gradient vanishes: here, a saddle.".into(),
    });
    update(&mut a, Action::Resize(120, 40));
    let l = a.layout();
    let cap = l.caption.expect("room for the caption");
    assert!(l.field.height < rows_before);
    assert!(cap.y > l.field.y + l.field.height - 1);
    let all = text(&render(&a));
    assert!(all.contains("Saddle points · 2/5"));
    assert!(all.contains("Newton jumps to where the gradient vanishes"));
}

#[test]
fn footer_says_why_the_selected_run_diverged() {
    let mut a = App::new(Setup {
        // On x² + y² gradient descent multiplies x by (1 − 2·lr) = −9 each step: it explodes.
        specs: specs(&["gd:lr=5"]),
        color: ColorMode::NoColor,
        ..Setup::new(surface("bowl"))
    });
    update(&mut a, Action::Resize(120, 40));
    update(&mut a, Action::Tick(10.0));
    let all = text(&render(&a));
    let footer = all.lines().last().unwrap();
    assert!(footer.contains("gd diverged at step"), "{footer}");
    assert!(all.contains("div@"), "the table says so too");
}

#[test]
fn undefined_region_is_hatched_and_the_inspector_says_so() {
    use losscape::render::map::UNDEFINED;
    let dir = std::env::temp_dir().join(format!("losscape-tui-undef-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("barrier.toml");
    std::fs::write(
        &file,
        "name = \"barrier\"\nexpression = \"x^2 + y^2 - ln(x + y)\"\n\
         view = { x = [-2.0, 2.0], y = [-2.0, 2.0] }\nstart = [1.5, -1.0]\n",
    )
    .unwrap();
    let mut a = App::new(Setup {
        specs: specs(&["gd:lr=0.01"]),
        color: ColorMode::TrueColor,
        ..Setup::new(surface(&file.display().to_string()))
    });
    update(&mut a, Action::Resize(120, 40));
    // Put the cursor at (-1, -1): x + y < 0, ln undefined.
    let vp = a.viewport();
    let (cx, cy) = (a.cursor.x, a.cursor.y);
    update(
        &mut a,
        Action::MoveCursor(((-1.0 - cx) / vp.dx).round() as i16, 0),
    );
    update(
        &mut a,
        Action::MoveCursor(0, ((cy + 1.0) / vp.dy).round() as i16),
    );
    let buf = render(&a);
    let f = a.layout().field;
    // The bottom-left corner of the map lies in x + y < 0.
    assert_eq!(
        buf[(f.x + 1, f.y + f.height - 2)].symbol(),
        UNDEFINED.to_string()
    );
    let all = text(&buf);
    assert!(all.contains("undefined here"), "{all}");
    assert!(!all.contains("NaN"), "no NaN shown to the user");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut a = app(ColorMode::TrueColor, 120, 40);
    update(&mut a, Action::ToggleHelp);
    let all = text(&render(&a));
    assert!(all.contains("play / pause"));
    assert!(all.contains("one step (pauses)"));
    assert!(all.contains("◎ minimum"));
}

#[test]
fn color_modes_reach_the_cells() {
    let field_cell = |a: &App, buf: &Buffer| {
        let f = a.layout().field;
        buf[(f.x + 2, f.y + 2)].bg
    };
    let a = app(ColorMode::TrueColor, 120, 40);
    assert!(matches!(field_cell(&a, &render(&a)), Color::Rgb(..)));
    let a = app(ColorMode::Ansi256, 120, 40);
    assert!(matches!(field_cell(&a, &render(&a)), Color::Indexed(_)));
    let a = app(ColorMode::NoColor, 120, 40);
    let buf = render(&a);
    let coloured = buf
        .content()
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .count();
    assert_eq!(coloured, 0, "NO_COLOR must draw no colour at all");
    // Without colour, a path is drawn with dots, not braille like the contour lines.
    let mut a = app(ColorMode::NoColor, 120, 40);
    update(&mut a, Action::Tick(2.0));
    let buf = render(&a);
    let f = a.layout().field;
    let vp = *a.field.as_ref().unwrap().viewport();
    let mid = a.racers[1].run.trajectory()[20].x;
    let (c, r) = vp.to_cell(mid).expect("in view");
    assert_eq!(buf[(f.x + c, f.y + r)].symbol(), "•");
}

#[test]
fn survives_tiny_and_odd_sizes() {
    for (w, h) in [
        (1, 1),
        (10, 5),
        (30, 8),
        (45, 12),
        (109, 30),
        (110, 20),
        (250, 70),
    ] {
        let a = app(ColorMode::Ansi256, w, h);
        let buf = render(&a);
        assert_eq!(buf.area.width, w);
    }
}

#[test]
fn every_size_every_panel_and_overlay_renders() {
    let mut a = app(ColorMode::TrueColor, 80, 24);
    update(&mut a, Action::Tick(1.0));
    for w in (30..=250).step_by(22) {
        for h in (8..=70).step_by(9) {
            update(&mut a, Action::Resize(w, h));
            for _ in 0..6 {
                update(&mut a, Action::NextPanel);
                let buf = render(&a);
                assert_eq!((buf.area.width, buf.area.height), (w, h));
            }
            update(&mut a, Action::ToggleHelp);
            render(&a);
            update(&mut a, Action::ToggleHelp);
            update(&mut a, Action::OpenSurfaces);
            render(&a);
            update(&mut a, Action::CloseMenu);
        }
    }
}

#[test]
fn a_buffer_of_another_size_is_clipped_not_overrun() {
    // The terminal shrank (or grew) before the app heard of the resize.
    let a = app(ColorMode::TrueColor, 120, 40);
    for (w, h) in [(80, 24), (200, 60), (10, 3)] {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        ui::render(&a, area, &mut buf);
        assert!(row(&buf, 0).contains("losscape"));
    }
}

#[test]
fn snapshot_80x24_no_color() {
    let a = app(ColorMode::NoColor, 80, 24);
    insta::assert_snapshot!(text(&render(&a)));
}

#[test]
fn default_race_newton_stops_on_the_saddle() {
    let mut a = App::new(Setup {
        color: ColorMode::NoColor,
        ..Setup::new(surface("himmelblau"))
    });
    update(&mut a, Action::Resize(160, 48));
    let labels: Vec<String> = a.racers.iter().map(|r| r.label()).collect();
    assert_eq!(labels, ["gd", "momentum", "adam", "newton"]);
    update(&mut a, Action::Tick(5.0));
    // Plain Newton from (-0.3, -1.5) converges to the saddle (-0.1280, -1.9537), f = 178.3372:
    // it seeks ∇f = 0, not a minimum.
    let newton = &a.racers[3];
    let x = newton.run.current().x;
    assert!(
        (x.x + 0.12796).abs() < 1e-4 && (x.y + 1.95371).abs() < 1e-4,
        "{x:?}"
    );
    let buf = render(&a);
    let all = text(&buf);
    let row = all
        .lines()
        .find(|l| l.contains("newton"))
        .expect("newton row");
    assert!(
        row.contains("178.3372") && row.contains("saddle@") && !row.contains("converged@"),
        "{row}"
    );
    let f = a.layout().field;
    let (c, r) = a.field.as_ref().unwrap().viewport().to_cell(x).unwrap();
    // Newton's head sits beside the saddle's ✕, which stays visible.
    assert_eq!(buf[(f.x + c, f.y + r)].symbol(), "✕");
    assert_head_at(&buf, (f.x + c, f.y + r), &head(3).to_string());
}

#[test]
fn crowded_critical_points_thin_to_minima_and_p_hides_them() {
    let mut a = App::new(Setup {
        specs: specs(&["gd:lr=0.001"]),
        color: ColorMode::NoColor,
        ..Setup::new(surface("rastrigin"))
    });
    update(&mut a, Action::Resize(120, 40));
    // Rastrigin's view holds hundreds of critical points: only the minima are marked.
    assert!(a.critical.len() > 200, "{}", a.critical.len());
    let f = a.layout().field;
    // Count a glyph on the map only (panels mention glyphs in legends and the inspector).
    let count = |buf: &Buffer, g: char| {
        let g = g.to_string();
        (f.y..f.y + f.height)
            .flat_map(|y| (f.x..f.x + f.width).map(move |x| (x, y)))
            .filter(|&p| buf[p].symbol() == g)
            .count()
    };
    let buf = render(&a);
    use losscape::analysis::CriticalKind::{Maximum, Minimum};
    assert!(count(&buf, critical_glyph(Minimum)) > 50);
    assert_eq!(count(&buf, critical_glyph(Maximum)), 0);
    update(&mut a, Action::ToggleCritical);
    let buf = render(&a);
    assert_eq!(count(&buf, critical_glyph(Minimum)), 0);
}

/// `losscape render` is the frame a user gets by pressing the same keys: at 120x36, `n`
/// eighty times (the Hessian axes are off by default). Every row but the still frame's own title
/// and footer is the same cell for cell (symbols and colours).
#[test]
fn a_still_frame_is_what_the_user_sees_after_the_same_keys() {
    use clap::Parser;
    use losscape::cli::{Cli, Command};
    let cli = Cli::try_parse_from(["losscape", "render", "--size", "120x36", "--steps", "80"])
        .expect("valid arguments");
    let Some(Command::Render(args)) = cli.command else {
        panic!("parsed as another command");
    };
    let still = losscape::commands::render::frame(&args, ColorMode::TrueColor).expect("a frame");

    let mut user = App::new(Setup {
        color: ColorMode::TrueColor,
        ..Setup::new(surface("himmelblau"))
    });
    update(&mut user, Action::Resize(120, 36));
    for _ in 0..80 {
        update(&mut user, Action::Step);
    }
    let seen = render(&user);
    let l = user.layout();
    let chrome = [l.title.y, l.footer.y];
    let mut compared = 0;
    for y in (0..36).filter(|y| !chrome.contains(y)) {
        for x in 0..120 {
            assert_eq!(still[(x, y)], seen[(x, y)], "cell ({x}, {y})");
        }
        compared += 1;
    }
    assert_eq!(compared, 34);
    assert!(
        text(&seen).contains("paused"),
        "the user's title says paused"
    );
    assert!(
        !text(&still).contains("paused"),
        "the still frame's does not"
    );
}
