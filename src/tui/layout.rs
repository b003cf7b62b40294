//! Where everything goes, as a pure function of the terminal size and the app state, so the
//! event loop (mouse hits) and the drawing agree.

use super::app::{App, Panel};
use ratatui::layout::Rect;

/// Width from which panels sit beside the map instead of folding away.
pub const WIDE: u16 = 110;
/// Columns for the y-axis tick labels, left of the field.
pub const Y_AXIS_W: u16 = 7;
/// Columns for the colour bar and its labels, right of the field.
pub const COLORBAR_W: u16 = 10;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub title: Rect,
    /// The field's cells (one cell per map sample).
    pub field: Rect,
    pub y_axis: Rect,
    pub x_axis: Rect,
    pub colorbar: Rect,
    pub panels: Vec<(Panel, Rect)>,
    /// The caption under the map, when the app has one.
    pub caption: Option<Rect>,
    pub footer: Rect,
    /// True when panels sit beside the map.
    pub wide: bool,
}

pub fn layout(app: &App) -> Layout {
    let (w, h) = app.size;
    let mut out = Layout {
        title: Rect::new(0, 0, w, 1.min(h)),
        footer: Rect::new(0, h.saturating_sub(1), w, 1.min(h.saturating_sub(1))),
        ..Layout::default()
    };
    let body = Rect::new(0, 1, w, h.saturating_sub(2));
    let wide = w >= WIDE && h >= 20;
    out.wide = wide;
    let mut map = body;
    if wide && app.panel != Panel::MapOnly {
        let side_w = (w * 40 / 100).clamp(50, 96);
        map.width = w.saturating_sub(side_w);
        let side = Rect::new(map.width, body.y, side_w, body.height);
        out.panels = stack_panels(app, side);
    } else if !wide && !matches!(app.panel, Panel::None | Panel::MapOnly) {
        // Each panel takes the rows it needs, at most 60% of the screen: the map stays.
        let natural = match app.panel {
            Panel::Legend => app.racers.len() as u16 + 3,
            Panel::Loss => 9,
            Panel::Inspector => 13,
            _ => 11,
        };
        let strip_h = natural.min(body.height * 3 / 5).max(3);
        if !lesson_panel_crowds_map(app, body.height, strip_h) {
            map.height = body.height.saturating_sub(strip_h);
            out.panels = vec![(
                app.panel,
                Rect::new(0, map.y + map.height, w, strip_h.min(body.height)),
            )];
        }
    }
    if app.caption.is_some() {
        // Rows for the lesson's longest caption (the same on every beat, so the map never
        // re-lays out between beats) plus the frame, at most a third of the map.
        let lines = super::widgets::caption::text_rows(app, map.width.saturating_sub(2));
        let lines = u16::try_from(lines).unwrap_or(u16::MAX);
        let h = lines.saturating_add(2).clamp(3, (map.height / 3).max(3));
        if map.height > h + 4 {
            map.height -= h;
            out.caption = Some(Rect::new(map.x, map.y + map.height, map.width, h));
        }
    }
    // Inside the map: y labels | field | colour bar, and x labels below.
    let cb_w = if map.width > 40 { COLORBAR_W } else { 0 };
    let field_w = map.width.saturating_sub(Y_AXIS_W + cb_w).max(1);
    let field_h = map.height.saturating_sub(1).max(1);
    out.y_axis = Rect::new(map.x, map.y, Y_AXIS_W.min(map.width), field_h);
    out.field = Rect::new(map.x + Y_AXIS_W, map.y, field_w, field_h);
    out.x_axis = Rect::new(map.x + Y_AXIS_W, map.y + field_h, field_w, 1);
    out.colorbar = Rect::new(map.x + Y_AXIS_W + field_w, map.y, cb_w, field_h);
    out
}

/// Map rows a lesson's caption and a panel it opened must leave, or the panel stays folded
/// (the beat's numbers are in its caption bar instead).
const LESSON_MAP_ROWS: u16 = 12;

/// True when the panel on a small screen was opened by the lesson (`show`) and, with the
/// caption, would leave the map too few rows to show the action.
fn lesson_panel_crowds_map(app: &App, body_h: u16, strip_h: u16) -> bool {
    let Some(player) = &app.lesson else {
        return false;
    };
    if player.opened_panel != Some(app.panel) {
        return false;
    }
    let caption_h =
        super::widgets::caption::text_rows(app, app.size.0.saturating_sub(2)) as u16 + 2;
    body_h < strip_h + caption_h + LESSON_MAP_ROWS
}

/// The sidebar's panels, top to bottom; when they do not all fit, the focused one stays.
fn stack_panels(app: &App, side: Rect) -> Vec<(Panel, Rect)> {
    let legend_h = app.racers.len() as u16 + 3;
    let mut wanted: Vec<(Panel, u16, bool)> = vec![
        (Panel::Legend, legend_h.max(4), false),
        (Panel::Loss, 8, true),
        (Panel::Inspector, 14, false),
    ];
    if app.is_data_surface() {
        wanted.push((Panel::Data, 10, true));
    }
    let total = |v: &[(Panel, u16, bool)]| v.iter().map(|p| p.1).sum::<u16>();
    while total(&wanted) > side.height && wanted.len() > 1 {
        // Drop the last panel that is not focused.
        match wanted.iter().rposition(|p| p.0 != app.panel) {
            Some(i) => {
                wanted.remove(i);
            }
            None => break,
        }
    }
    let flex_count = wanted.iter().filter(|p| p.2).count() as u16;
    let spare = side.height.saturating_sub(total(&wanted));
    let mut y = side.y;
    let mut out = Vec::new();
    let mut flex_seen = 0;
    for (panel, min_h, flex) in wanted {
        let mut ht = min_h;
        if flex && flex_count > 0 {
            flex_seen += 1;
            // Share the spare rows; the last flexible panel takes the remainder.
            ht += if flex_seen == flex_count {
                spare - (spare / flex_count) * (flex_count - 1)
            } else {
                spare / flex_count
            };
        }
        let ht = ht.min(side.y + side.height - y);
        out.push((panel, Rect::new(side.x, y, side.width, ht)));
        y += ht;
    }
    out
}
