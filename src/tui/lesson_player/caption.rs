//! The lesson's text on screen: the caption bar under the map and the chapter marks of a
//! recording.

use crate::lesson;
use crate::tui::app::{App, Caption};

/// Puts the lesson's caption under the map: the latest caption, and on the frame the title,
/// the beat, and what the lesson keys do now.
pub fn sync_caption(app: &mut App) {
    let Some(player) = &app.lesson else {
        app.caption = None;
        return;
    };
    let lesson = player.script.lesson();
    let pause = matches!(
        player.script.current().map(|b| &b.action),
        Some(lesson::Action::Pause { .. })
    );
    // A recording plays itself: no key to press, nothing paused.
    let state = if player.plays_itself() {
        None
    } else if player.exploring {
        Some("exploring: Enter returns")
    } else if player.script.is_finished() && player.pending == 0 {
        Some("the end")
    } else if pause {
        Some("a pause: look at the map; PgDn to go on")
    } else {
        Some("PgDn next")
    };
    let text = player
        .caption()
        .unwrap_or_else(|| opening_text(&lesson.title));
    let mut title = format!("{} · {}", lesson.title, player.progress());
    if let Some(state) = state {
        title.push_str(&format!(" · {state}"));
    }
    app.caption = Some(Caption { title, text });
}

/// The caption before the first beat.
pub fn opening_text(title: &str) -> String {
    format!("{title}. Press PgDn or Enter to begin.")
}

/// A chapter mark for players: "beat 3/9: the caption's first words…" (None before the first
/// beat or without a lesson).
pub fn marker_label(app: &App) -> Option<String> {
    let player = app.lesson.as_ref()?;
    let beat = player.script.current()?;
    let progress = player.progress();
    Some(match beat.caption.as_deref() {
        Some(c) if c.chars().count() > 48 => {
            let head: String = c.chars().take(47).collect();
            format!("{progress}: {}…", head.trim_end())
        }
        Some(c) => format!("{progress}: {c}"),
        None => progress,
    })
}
