//! The constraint on the map: the curve, the shaded infeasible side, ∇f and ∇g at the cursor,
//! and the inspector's Lagrange reading.

use crate::common;

use common::screen::text;
use losscape::render::ColorMode;
use losscape::render::constraint::CURVE;
use losscape::surface::Point;
use losscape::tui::{Action, App, Setup, update};
use ratatui::buffer::Buffer;

const R: f64 = std::f64::consts::FRAC_1_SQRT_2;

fn app(surface: &str, color: ColorMode) -> App {
    let mut app = App::new(Setup {
        specs: vec!["projected".parse().expect("valid spec")],
        color,
        ..Setup::new(losscape::surface::resolve(surface).expect("valid surface"))
    });
    update(&mut app, Action::Resize(120, 36));
    app
}

/// One frame, with the field sampled for the current view first.
fn render(app: &mut App) -> Buffer {
    app.sync_field();
    common::screen::render(app)
}

#[test]
fn the_circle_is_drawn_and_the_arrows_line_up_at_the_minimum() {
    let mut a = app("circle-linear", ColorMode::TrueColor);
    a.cursor = Point::new(-R, -R);
    let buf = render(&mut a);
    let screen = text(&buf);
    assert!(screen.contains("∇f") && screen.contains("∇g"), "{screen}");
    assert!(screen.contains("a Lagrange point"), "{screen}");
    assert!(screen.contains("λ ≈ -0.7071"), "{screen}");
    // The circle passes through (1, 0): its cell (or a neighbour) carries white braille dots.
    let vp = *a.field.as_ref().unwrap().viewport();
    let f = a.layout().field;
    let (c, r) = vp.to_cell(Point::new(1.0, 0.0)).unwrap();
    let white = ColorMode::TrueColor.color(CURVE);
    let on_curve = (c.saturating_sub(1)..=c + 1).any(|c| {
        let cell = &buf[(f.x + c, f.y + r)];
        cell.fg == white
            && ('\u{2801}'..='\u{28FF}').contains(&cell.symbol().chars().next().unwrap())
    });
    assert!(on_curve, "no curve near (1, 0)");
    // The constrained minimum's glyph ◎ and maximum's ▲ are on the map.
    let layer = a.constraint_layer.as_ref().unwrap();
    assert_eq!(layer.points.len(), 2);
    let (c, r) = vp.to_cell(Point::new(R, R)).unwrap();
    assert_eq!(buf[(f.x + c, f.y + r)].symbol(), "▲");
}

#[test]
fn off_the_lagrange_point_the_inspector_says_how_far_apart() {
    let mut a = app("circle-linear", ColorMode::TrueColor);
    // At (1, 0): ∇f = (1, 1), ∇g = (2, 0): 45° apart, λ = 0.5.
    a.cursor = Point::new(1.0, 0.0);
    let screen = text(&render(&mut a));
    assert!(screen.contains("45.0° apart"), "{screen}");
    // Far from the circle there are no arrows.
    a.cursor = Point::new(0.3, 0.2);
    let screen = text(&render(&mut a));
    assert!(
        !screen.contains("° apart") && screen.contains("move onto the constraint"),
        "{screen}"
    );
}

#[test]
fn the_infeasible_side_is_shaded_and_hatched_without_colour() {
    let mut a = app("rosenbrock-disc", ColorMode::NoColor);
    let buf = render(&mut a);
    let f = a.layout().field;
    // The map's top-left corner (−2.x, 2.x) is outside the disc: hatched somewhere in the
    // first rows; the centre row around the origin is not.
    let top: String = (0..f.width)
        .map(|x| buf[(f.x + x, f.y + 1)].symbol())
        .collect();
    assert!(top.contains('╱'), "{top}");
    let layer = a.constraint_layer.as_ref().unwrap();
    assert!(layer.is_infeasible(0, 0));
    // The start (−1.2, 1) is outside the disc: g = 0.44.
    assert!(
        text(&buf).contains("0.4400 (g ≤ 0)  infeasible"),
        "{}",
        text(&buf)
    );
}

/// The runs panel on a constrained surface: plain gd leaves the line (f 7.6e-12, lower than
/// any feasible point) and reads "infeasible" in red, not as the winner; the constrained
/// methods on it converge; circle-linear's projected run (f linear: Hessian 0) is converged,
/// not "degenerate" (the Hessian of f says nothing on a constraint).
#[test]
fn an_infeasible_run_does_not_appear_to_win_and_lambda_is_shown() {
    let mut a = App::new(Setup {
        specs: ["gd:lr=0.1", "projected:lr=0.1", "auglag:lr=0.1"]
            .iter()
            .map(|s| s.parse().expect("valid spec"))
            .collect(),
        color: ColorMode::NoColor,
        ..Setup::new(losscape::surface::resolve("line-bowl").expect("built-in"))
    });
    update(&mut a, Action::Resize(160, 40));
    update(&mut a, Action::Steps(200));
    let screen = text(&render(&mut a));
    let row = |label: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!("▸{label} ")) || l.contains(&format!(" {label} ")))
            .unwrap_or_else(|| panic!("no row for {label}:\n{screen}"))
            .to_string()
    };
    assert!(row("gd").contains("infeasible"), "{}", row("gd"));
    assert!(
        !row("projected").contains("infeasible"),
        "{}",
        row("projected")
    );
    assert!(
        row("projected").contains("converged@"),
        "{}",
        row("projected")
    );
    // The multiplier the augmented Lagrangian learned: x + y = 1 at (0.5, 0.5) with
    // ∇f = (1, 1) = λ·(1, 1): λ = 1.
    let lambda = screen
        .lines()
        .find(|l| l.contains("learned λ = "))
        .unwrap_or_else(|| panic!("no λ line:\n{screen}"));
    let value: f64 = lambda
        .split("learned λ = ")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        lambda.contains("auglag") && (value - 1.0).abs() < 1e-2,
        "{lambda}"
    );

    let mut c = app("circle-linear", ColorMode::NoColor);
    update(&mut c, Action::Steps(300));
    let screen = text(&render(&mut c));
    assert!(screen.contains("conv@"), "{screen}");
    assert!(!screen.contains("degen@"), "{screen}");
}
