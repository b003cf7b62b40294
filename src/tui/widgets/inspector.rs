//! The inspector at the cursor: f, ∇f, |∇f|, the Hessian, its eigen-decomposition, what it
//! means, and the nearest critical point.

use super::{panel_block, styled};
use crate::analysis::classify;
use crate::render::Rgb;
use crate::render::glyphs::critical_glyph;
use crate::render::map::{CURVES_DOWN, CURVES_UP};
use crate::render::ticks::fmt_val;
use crate::tui::app::{App, Panel};
use crate::tui::reading::{curvature_reading, gradient_reading, nearest_critical};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The inspector's lines (also used by tests).
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let p = app.cursor;
    let s = app.surface.as_ref();
    let (xn, yn) = s.axis_names();
    let f = s.value(p);
    let g = s.gradient(p);
    let h = s.hessian(p);
    let info = classify(h);
    let key = styled(app, Rgb(150, 150, 170));
    let bold = styled(app, Rgb(255, 255, 255)).add_modifier(Modifier::BOLD);
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
    let kv =
        |k: &str, v: String| Line::from(vec![Span::styled(format!("{k:<6}"), key), Span::raw(v)]);
    let mut out = vec![
        kv(
            "at",
            format!("({xn}, {yn}) = ({}, {})", fmt_val(p.x), fmt_val(p.y)),
        ),
        Line::from(vec![
            Span::styled(format!("{:<6}", "f"), key),
            Span::styled(
                if f.is_finite() {
                    fmt_val(f)
                } else {
                    "undefined here (outside the domain)".into()
                },
                bold,
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
    ];
    if f.is_finite() {
        // On a constrained surface, g and the Lagrange condition come right after ∇f.
        out.splice(3..3, super::constraint::lines(app));
    } else {
        // Outside the domain there is no slope or curvature to read.
        out.truncate(2);
    }
    let defined = f.is_finite();
    for (k, sub) in ["₁", "₂"].iter().enumerate().filter(|_| defined) {
        let l = info.eigenvalues[k];
        let v = info.eigenvectors[k];
        out.push(Line::from(vec![
            Span::styled(format!("λ{sub:<5}"), key),
            Span::styled(format!("{:>11}", fmt_val(l)), eig_color(l)),
            Span::styled(format!("   v{sub} = "), key),
            Span::raw(format!("({:.3}, {:.3})", v.x, v.y)),
        ]));
    }
    if defined {
        let at_critical = g.norm() < crate::tui::reading::CRITICAL_GRADIENT;
        out.push(Line::from(Span::styled(
            curvature_reading(&info, at_critical),
            bold,
        )));
        out.push(Line::from(gradient_reading(g.norm())));
    }
    match nearest_critical(&app.critical, p) {
        Some((c, d)) => out.push(Line::from(vec![
            Span::styled("nearest ", key),
            Span::styled(
                format!("{} {}", critical_glyph(c.kind()), c.kind().as_str()),
                bold,
            ),
            Span::raw(format!(
                " at ({}, {}), f = {}, {} away",
                fmt_val(c.point.x),
                fmt_val(c.point.y),
                fmt_val(c.value),
                fmt_val(d)
            )),
        ])),
        None => out.push(Line::from(Span::styled(
            "no isolated critical points in view",
            key,
        ))),
    }
    for line in crate::tui::reading::findings_reading(
        app.findings.analysis_for(&app.surface),
        app.findings.pending.is_some(),
        app.viewport().region(),
    ) {
        out.push(Line::from(Span::styled(line, bold)));
    }
    out
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
