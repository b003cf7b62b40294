//! The inspector's lines about the constraint at the cursor: g, ∇g, the multiplier that best
//! explains ∇f, and how far ∇f and ∇g are from lining up (they do at a Lagrange point).

use super::styled;
use crate::render::Rgb;
use crate::render::constraint::{GRAD_F, GRAD_G, lagrange_reading};
use crate::render::ticks::fmt_val;
use crate::surface::ConstraintKind;
use crate::tui::app::App;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// Empty for a surface without constraints.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let s = app.surface.as_ref();
    let Some(c) = s.constraints().first() else {
        return Vec::new();
    };
    let key = styled(app, Rgb(150, 150, 170));
    let Some(r) = lagrange_reading(s, app.cursor) else {
        return vec![Line::from(vec![
            Span::styled(format!("{:<6}", "g"), key),
            Span::raw("∇g = 0 here: no multiplier"),
        ])];
    };
    let dx = app.viewport().dx;
    // Arrows and the verdict within three columns of the curve; "on" within half a column.
    let on = r.distance <= 3.0 * dx;
    let place = match c.kind() {
        _ if r.distance <= 0.5 * dx => "on the constraint",
        ConstraintKind::Inequality if r.g <= 0.0 => "feasible (inside)",
        ConstraintKind::Inequality => "infeasible",
        ConstraintKind::Equality => "off the constraint",
    };
    let aligned = r.misalignment_deg < 2.0;
    let verdict = if !on {
        "move onto the constraint to compare ∇f, ∇g".to_string()
    } else if aligned {
        format!(
            "∇f ∥ ∇g: a Lagrange point, ∇f = λ∇g with λ ≈ {}",
            fmt_val(r.lambda)
        )
    } else {
        format!(
            "∇f, ∇g {:.1}° apart: f changes along the constraint",
            r.misalignment_deg
        )
    };
    let bold = styled(app, Rgb(255, 255, 255)).add_modifier(Modifier::BOLD);
    vec![
        Line::from(vec![
            Span::styled(format!("{:<6}", "g"), key),
            Span::raw(format!("{} (g {})  ", fmt_val(r.g), c.kind().relation())),
            Span::styled(place, bold),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<6}", "∇g"), styled(app, GRAD_G)),
            Span::raw(format!(
                "({}, {})  λ ≈ {}",
                fmt_val(r.grad_g.x),
                fmt_val(r.grad_g.y),
                fmt_val(r.lambda)
            )),
        ]),
        Line::from(Span::styled(
            verdict,
            if on && aligned {
                bold
            } else {
                styled(app, GRAD_F)
            },
        )),
    ]
}
