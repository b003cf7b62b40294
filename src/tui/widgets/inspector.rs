//! The inspector at the cursor: f, ∇f, |∇f|, the Hessian, its eigen-decomposition, what it
//! means, and the nearest critical point.

use super::{panel_block, styled};
use crate::analysis::classify;
use crate::render::Rgb;
use crate::render::glyphs::{critical_glyph, head, trail_color};
use crate::render::map::{CURVES_DOWN, CURVES_UP};
use crate::render::ticks::fmt_val;
use crate::tui::app::{App, Panel};
use crate::tui::reading::{curvature_reading, gradient_reading, nearest_critical};
use nalgebra::{Matrix2, Vector2};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The styles the inspector's lines share: labels, and the readings that matter most.
#[derive(Clone, Copy)]
struct Styles {
    key: Style,
    bold: Style,
}

/// The inspector's lines (also used by tests).
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let p = app.cursor;
    let s = app.surface.as_ref();
    let (f, g, h) = (s.value(p), s.gradient(p), s.hessian(p));
    let st = Styles {
        key: styled(app, Rgb(150, 150, 170)),
        bold: styled(app, Rgb(255, 255, 255)).add_modifier(Modifier::BOLD),
    };
    let mut out = derivative_lines(app, f, g, h, st);
    if f.is_finite() {
        // On a constrained surface, g and the Lagrange condition come right after ∇f.
        let mut constrained = super::constraint::lines(app);
        constrained.extend(multiplier_lines(app));
        out.splice(3..3, constrained);
        out.extend(curvature_lines(app, g, h, st));
    } else {
        // Outside the domain there is no slope or curvature to read.
        out.truncate(2);
    }
    out.push(nearest_line(app, st));
    for line in crate::tui::reading::findings_reading(
        app.findings.analysis_for(&app.surface),
        app.findings.pending.is_some(),
        app.viewport().region(),
    ) {
        out.push(Line::from(Span::styled(line, st.bold)));
    }
    out
}

/// The cursor, f, ∇f and the Hessian's two rows.
fn derivative_lines(
    app: &App,
    f: f64,
    g: Vector2<f64>,
    h: Matrix2<f64>,
    st: Styles,
) -> Vec<Line<'static>> {
    let p = app.cursor;
    let (xn, yn) = app.surface.axis_names();
    let kv = |k: &str, v: String| {
        Line::from(vec![Span::styled(format!("{k:<6}"), st.key), Span::raw(v)])
    };
    vec![
        kv(
            "at",
            format!("({xn}, {yn}) = ({}, {})", fmt_val(p.x), fmt_val(p.y)),
        ),
        Line::from(vec![
            Span::styled(format!("{:<6}", "f"), st.key),
            Span::styled(
                if f.is_finite() {
                    fmt_val(f)
                } else {
                    "undefined here (outside the domain)".into()
                },
                st.bold,
            ),
        ]),
        kv(
            "∇f",
            format!(
                "({}, {})   |∇f| = {}",
                fmt_val(g.x),
                fmt_val(g.y),
                fmt_val(g.norm())
            ),
        ),
        kv(
            "H",
            format!("⎡{:>11} {:>11}⎤", fmt_val(h[(0, 0)]), fmt_val(h[(0, 1)])),
        ),
        kv(
            "",
            format!("⎣{:>11} {:>11}⎦", fmt_val(h[(1, 0)]), fmt_val(h[(1, 1)])),
        ),
    ]
}

/// The eigenvalues (coloured by the way the surface curves) with their eigenvectors, then
/// what the curvature and the slope mean.
fn curvature_lines(app: &App, g: Vector2<f64>, h: Matrix2<f64>, st: Styles) -> Vec<Line<'static>> {
    let info = classify(h);
    let eig_color = |l: f64| {
        styled(
            app,
            if l > 0.0 {
                CURVES_UP
            } else if l < 0.0 {
                CURVES_DOWN
            } else {
                Rgb(200, 200, 200)
            },
        )
    };
    let mut out: Vec<Line<'static>> = ["₁", "₂"]
        .iter()
        .enumerate()
        .map(|(k, sub)| {
            let l = info.eigenvalues[k];
            let v = info.eigenvectors[k];
            Line::from(vec![
                Span::styled(format!("λ{sub:<5}"), st.key),
                Span::styled(format!("{:>11}", fmt_val(l)), eig_color(l)),
                Span::styled(format!("   v{sub} = "), st.key),
                Span::raw(format!("({:.3}, {:.3})", v.x, v.y)),
            ])
        })
        .collect();
    let at_critical = g.norm() < crate::tui::reading::CRITICAL_GRADIENT;
    out.push(Line::from(Span::styled(
        curvature_reading(&info, at_critical),
        st.bold,
    )));
    out.push(Line::from(gradient_reading(g.norm())));
    out
}

/// The nearest critical point the search found, or that there is none in view.
fn nearest_line(app: &App, st: Styles) -> Line<'static> {
    match nearest_critical(&app.critical, app.cursor) {
        Some((c, d)) => Line::from(vec![
            Span::styled("nearest ", st.key),
            Span::styled(
                format!("{} {}", critical_glyph(c.kind()), c.kind().as_str()),
                st.bold,
            ),
            Span::raw(format!(
                " at ({}, {}), f = {}, {} away",
                fmt_val(c.point.x),
                fmt_val(c.point.y),
                fmt_val(c.value),
                fmt_val(d)
            )),
        ]),
        None => Line::from(Span::styled("no isolated critical points in view", st.key)),
    }
}

/// The multiplier each constrained run has learned ("◆ auglag  λ = -0.7071"): the number
/// the Lagrange condition ∇f = λ∇g asks for, as the run estimates it.
fn multiplier_lines(app: &App) -> Vec<Line<'static>> {
    let labels = crate::tui::widgets::runs::labels(app);
    app.racers
        .iter()
        .zip(labels)
        .filter_map(|(r, label)| {
            let m = crate::tui::widgets::runs::multipliers(r)?;
            let values: Vec<String> = m.iter().map(|v| fmt_val(*v)).collect();
            Some(Line::from(vec![
                Span::styled(
                    format!("{} {label}", head(r.slot)),
                    styled(app, trail_color(r.slot)),
                ),
                Span::raw(format!("  learned λ = {}", values.join(", "))),
            ]))
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    // The anatomy of the next step (when `A` is on) comes first: it is what was asked for.
    let mut all = super::anatomy::inspector_lines(app);
    all.extend(lines(app));
    Paragraph::new(all)
        .wrap(Wrap { trim: false })
        .block(panel_block(app, Panel::Inspector))
        .render(area, buf);
}
