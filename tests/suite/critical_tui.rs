//! The visualizer shows the certified search's findings (issue 10): curves drawn as curves,
//! unresolved parts hatched and named, a constant f named, new points found after panning.
//! TestBackend renders at 80x24 and 160x48.

use crate::common::screen::{render, text};
use losscape::analysis::{CriticalKind, SearchOptions, search};
use losscape::render::ColorMode;
use losscape::render::map::{CURVES_UP, UNRESOLVED};
use losscape::surface::{Expression, ExpressionSurface, Region, SharedSurface};
use losscape::tui::app::Panel;
use losscape::tui::{Action, App, Setup, driver};
use ratatui::style::Color;
use std::sync::Arc;

fn expr(text: &str) -> SharedSurface {
    Arc::new(ExpressionSurface::new(
        text,
        Expression::parse(text).expect("parses"),
    ))
}

fn app(surface: SharedSurface, w: u16, h: u16) -> App {
    let mut app = App::new(Setup {
        specs: vec!["gd:lr=0.01".parse().expect("spec")],
        color: ColorMode::TrueColor,
        ..Setup::new(surface)
    });
    driver::apply(&mut app, Action::Resize(w, h));
    app
}

fn is_braille(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
}

#[test]
fn a_ring_of_minima_is_drawn_as_a_closed_curve_in_the_minimum_colour() {
    for (w, h) in [(80, 24), (160, 48)] {
        let a = app(expr("(x^2+y^2-1)^2"), w, h);
        let found = a.findings.analysis_for(&a.surface).expect("searched");
        assert_eq!(found.curves.len(), 1, "{w}x{h}");
        assert!(found.curves[0].closed && found.curves[0].kind == CriticalKind::Minimum);
        // No pile of points along it: the one isolated point is the maximum at the centre.
        assert_eq!(a.critical.len(), 1, "{:?}", a.critical);
        assert_eq!(a.critical[0].kind(), CriticalKind::Maximum);
        let buf = render(&a);
        let f = a.layout().field;
        let vp = *a.field.as_ref().unwrap().viewport();
        let ring = Color::Rgb(CURVES_UP.0, CURVES_UP.1, CURVES_UP.2);
        let mut on_ring = 0;
        let mut angles = [false; 8];
        for r in 0..f.height {
            for c in 0..f.width {
                let cell = &buf[(f.x + c, f.y + r)];
                if cell.fg != ring || !is_braille(cell.symbol()) {
                    continue;
                }
                let p = vp.cell_center(c, r);
                // Every ring cell is within a cell or two of the unit circle.
                let slack = 2.0 * vp.dx.max(vp.dy);
                assert!(
                    (p.norm() - 1.0).abs() < slack,
                    "{w}x{h}: ring cell at {p:?}"
                );
                on_ring += 1;
                let k = ((p.y.atan2(p.x) + std::f64::consts::PI) / (std::f64::consts::PI / 4.0))
                    as usize;
                angles[k.min(7)] = true;
            }
        }
        // Closed: drawn all the way round.
        assert!(
            angles.iter().all(|s| *s),
            "{w}x{h}: {angles:?}\n{}",
            text(&buf)
        );
        assert!(on_ring >= 8, "{w}x{h}: {on_ring} ring cells");
    }
}

#[test]
fn a_constant_f_says_every_point_is_critical() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut a = app(expr("0*x + 3"), w, h);
        let found = a.findings.analysis_for(&a.surface).expect("searched");
        assert_eq!(found.constant, Some(3.0));
        // Said in the footer when the search ends, and in the inspector.
        assert!(
            text(&render(&a)).contains("every point is critical"),
            "{w}x{h}:\n{}",
            text(&render(&a))
        );
        driver::apply(&mut a, Action::ShowPanel(Panel::Inspector));
        let screen = text(&render(&a)).replace('\n', " ");
        assert!(screen.contains("every point"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn panning_into_new_territory_finds_new_points() {
    let mut a = app(expr("(x - 40)^2 + y^2"), 80, 24);
    assert!(a.critical.is_empty());
    for _ in 0..7 {
        driver::apply(&mut a, Action::Pan(10, 0));
    }
    assert_eq!(a.critical.len(), 1, "{:?}", a.critical);
    let m = a.critical[0];
    assert_eq!(m.kind(), CriticalKind::Minimum);
    assert!((m.point.x - 40.0).abs() < 1e-12 && m.point.y.abs() < 1e-12);
    // Zooming out far from the searched region searches again, and keeps the point.
    for _ in 0..12 {
        driver::apply(&mut a, Action::ZoomOut);
    }
    let region = a.findings.analysis_for(&a.surface).unwrap().region;
    let visible = a.viewport().region();
    assert!(
        region.x0 <= visible.x0 && region.x1 >= visible.x1,
        "{region:?} {visible:?}"
    );
    assert_eq!(a.critical.len(), 1);
}

#[test]
fn unresolved_parts_are_hatched_and_named() {
    let mut a = app(expr("x^2 + y^2"), 160, 48);
    // A search whose budget ran out, as on a surface with millions of critical points.
    let s = a.surface.clone();
    let mut analysis = search(
        s.as_ref(),
        Region::new(-10.0, 10.0, -10.0, 10.0),
        &SearchOptions::default(),
    );
    analysis.unresolved = vec![Region::new(0.5, 2.5, 0.5, 2.5)];
    let job = losscape::tui::critical::Job {
        surface: s,
        region: analysis.region,
        generation: u64::MAX,
    };
    a.message = None;
    losscape::tui::critical::found(&mut a, &job, analysis);
    let buf = render(&a);
    let f = a.layout().field;
    let vp = *a.field.as_ref().unwrap().viewport();
    let mut hatched = 0;
    for r in 0..f.height {
        for c in 0..f.width {
            let p = vp.cell_center(c, r);
            let inside = (0.5..2.5).contains(&p.x) && (0.5..2.5).contains(&p.y);
            let is_hatch = buf[(f.x + c, f.y + r)].symbol() == UNRESOLVED.to_string();
            assert!(
                !is_hatch || inside,
                "hatch outside the unresolved part at {p:?}"
            );
            hatched += usize::from(is_hatch);
        }
    }
    assert!(hatched > 3, "{}", text(&buf));
    assert!(text(&buf).contains("could not decide"), "{}", text(&buf));
    driver::apply(&mut a, Action::ShowPanel(Panel::Inspector));
    let screen = text(&render(&a)).replace('\n', " ");
    assert!(screen.contains("unresolved"), "{screen}");
}
