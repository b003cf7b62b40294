//! One small file per screen region; each draws from `&App` into a buffer.

pub mod anatomy;
pub mod basins;
pub mod caption;
pub mod constraint;
pub mod data;
pub mod data_panel;
pub mod footer;
pub mod highlight;
pub mod inspector;
pub mod legend;
pub mod loss;
pub mod map;
pub mod network;
pub mod popup;
pub mod runs;
pub mod sharpness;
pub mod slice;
pub mod sweep;
pub mod title;

use crate::render::Rgb;
use crate::tui::app::{App, Panel};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType};

/// A foreground colour, or plain text under NO_COLOR.
pub fn styled(app: &App, rgb: Rgb) -> Style {
    if app.color_mode.has_color() {
        Style::default().fg(app.color_mode.color(rgb))
    } else {
        Style::default()
    }
}

/// The frame around a panel; the focused panel's frame is bright and thick.
pub fn panel_block(app: &App, panel: Panel) -> Block<'static> {
    let focused = app.panel == panel;
    let border = if focused {
        styled(app, Rgb(255, 200, 60)).add_modifier(Modifier::BOLD)
    } else {
        styled(app, Rgb(110, 110, 130))
    };
    let title = format!(" {} ", panel.title());
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(border)
        .title(title)
        .title_style(styled(app, Rgb(230, 230, 230)).add_modifier(Modifier::BOLD))
}
