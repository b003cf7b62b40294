//! Overlays: the help (generated from the key table) and the pick-from-a-list menus.

use super::styled;
use crate::optim::registry;
use crate::render::Rgb;
use crate::tui::app::{App, Menu};
use crate::tui::event::{MAP_KEYS, MENU_KEYS};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Clear, List, ListItem, ListState, Paragraph, StatefulWidget, Widget,
};

/// A rectangle of at most `w` × `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn frame(app: &App, title: &str) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(styled(app, Rgb(255, 200, 60)))
        .title(format!(" {title} "))
        .title_style(styled(app, Rgb(255, 255, 255)).add_modifier(Modifier::BOLD))
}

/// The help entries: every documented key in the map and list tables, and the mouse.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let key = styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    for b in MAP_KEYS
        .iter()
        .chain(MENU_KEYS)
        .filter(|b| !b.keys.is_empty())
    {
        out.push(Line::from(vec![
            Span::styled(format!(" {:<11}", b.keys), key),
            Span::raw(b.help),
        ]));
    }
    out.push(Line::from(vec![
        Span::styled(format!(" {:<11}", "mouse"), key),
        Span::raw("click: start · drag: pan · wheel: zoom"),
    ]));
    out
}

/// What the map's glyphs mean, under the keys.
fn glyph_lines(app: &App) -> Vec<Line<'static>> {
    let key = styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD);
    vec![
        Line::from(""),
        Line::from(vec![
            Span::styled(" glyphs     ", key),
            Span::raw(
                "◎ minimum  ▲ maximum  ✕ saddle  ◇ degenerate  ○ start  ✗ diverged  ░ f undefined",
            ),
        ]),
    ]
}

/// The help: one column when it fits the height, two otherwise (80x24 included).
pub fn draw_help(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = help_lines(app);
    let glyphs = glyph_lines(app);
    let one_col_h = (lines.len() + glyphs.len() + 2) as u16;
    let (cols, rows_per_col) = if one_col_h <= area.height {
        (1, lines.len())
    } else {
        (2, lines.len().div_ceil(2))
    };
    let w = if cols == 1 { 80 } else { 80.min(area.width) };
    let h = (rows_per_col + glyphs.len() + 2) as u16;
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    let block = frame(app, "Keys — any key closes");
    let inner = block.inner(rect);
    block.render(rect, buf);
    let col_w = inner.width / cols as u16;
    for (c, chunk) in lines.chunks(rows_per_col.max(1)).enumerate() {
        let r = Rect::new(inner.x + col_w * c as u16, inner.y, col_w, inner.height);
        Paragraph::new(chunk.to_vec()).render(r, buf);
    }
    let g = Rect::new(
        inner.x,
        inner.y + rows_per_col as u16,
        inner.width,
        inner.height.saturating_sub(rows_per_col as u16),
    );
    Paragraph::new(glyphs).render(g, buf);
}

pub fn draw_menu(app: &App, menu: &Menu, area: Rect, buf: &mut Buffer) {
    let (title, items, index): (&str, Vec<String>, usize) = match menu {
        Menu::Surfaces { index } => (
            "Surface",
            app.surfaces
                .iter()
                .map(|c| {
                    let tag = if c.origin == "built-in" {
                        String::new()
                    } else if c.broken {
                        "  (broken file)".into()
                    } else {
                        format!("  ({})", c.key)
                    };
                    format!("{}{tag}", c.name)
                })
                .collect(),
            *index,
        ),
        Menu::AddOptimizer { index } => (
            "Add optimizer",
            registry::names().map(String::from).collect(),
            *index,
        ),
    };
    let width = items.iter().map(|s| s.chars().count()).max().unwrap_or(10) as u16 + 8;
    let rect = centered(area, width.max(24), items.len() as u16 + 2);
    Clear.render(rect, buf);
    let list = List::new(items.into_iter().map(ListItem::new))
        .block(frame(app, title))
        .highlight_symbol("▸ ")
        .highlight_style(
            styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD | Modifier::REVERSED),
        );
    let mut state = ListState::default().with_selected(Some(index));
    StatefulWidget::render(list, rect, buf, &mut state);
}
