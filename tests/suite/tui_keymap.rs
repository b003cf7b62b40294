//! The key table: the documented keys (DESIGN.md) map to the right actions in each mode.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use losscape::tui::Action;
use losscape::tui::event::{MAP_KEYS, MENU_KEYS, Mode, key_action, mouse_action};

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn map(c: char) -> Option<Action> {
    key_action(Mode::Map, press(KeyCode::Char(c)))
}

#[test]
fn design_keys_on_the_map() {
    assert_eq!(map(' '), Some(Action::TogglePlay));
    assert_eq!(map('n'), Some(Action::Step));
    assert_eq!(map('.'), Some(Action::Step));
    assert_eq!(map('r'), Some(Action::Reset));
    assert_eq!(map('['), Some(Action::Slower));
    assert_eq!(map(']'), Some(Action::Faster));
    assert_eq!(map('+'), Some(Action::ZoomIn));
    assert_eq!(map('-'), Some(Action::ZoomOut));
    assert_eq!(map('?'), Some(Action::ToggleHelp));
    assert_eq!(map('q'), Some(Action::Quit));
    assert_eq!(map('h'), Some(Action::MoveCursor(-1, 0)));
    assert_eq!(map('j'), Some(Action::MoveCursor(0, 1)));
    assert_eq!(map('k'), Some(Action::MoveCursor(0, -1)));
    assert_eq!(map('l'), Some(Action::MoveCursor(1, 0)));
    assert_eq!(map('L'), Some(Action::Pan(1, 0)));
    assert_eq!(map('c'), Some(Action::StartAtCursor));
    assert_eq!(map('s'), Some(Action::OpenSurfaces));
    assert_eq!(map('a'), Some(Action::OpenAddOptimizer));
    assert_eq!(map('x'), Some(Action::RemoveOptimizer));
    assert_eq!(map('b'), Some(Action::CycleNoise));
    assert_eq!(map('>'), Some(Action::LrUp));
    assert_eq!(map('}'), Some(Action::HyperUp));
    assert_eq!(map('3'), Some(Action::Select(2)));
    assert_eq!(map('Z'), None);
    let k = |code| key_action(Mode::Map, press(code));
    assert_eq!(k(KeyCode::Left), Some(Action::MoveCursor(-1, 0)));
    assert_eq!(k(KeyCode::Down), Some(Action::MoveCursor(0, 1)));
    assert_eq!(k(KeyCode::Tab), Some(Action::NextPanel));
    assert_eq!(k(KeyCode::Esc), Some(Action::Quit));
}

#[test]
fn only_presses_count() {
    let mut ev = press(KeyCode::Char(' '));
    ev.kind = KeyEventKind::Release;
    assert_eq!(key_action(Mode::Map, ev), None);
    ev.kind = KeyEventKind::Repeat;
    assert_eq!(key_action(Mode::Map, ev), None);
}

#[test]
fn ctrl_c_quits_in_every_mode() {
    let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for mode in [Mode::Map, Mode::Menu, Mode::Help] {
        assert_eq!(key_action(mode, ev), Some(Action::Quit));
    }
}

#[test]
fn menu_and_help_modes() {
    let m = |code| key_action(Mode::Menu, press(code));
    assert_eq!(m(KeyCode::Down), Some(Action::MenuDown));
    assert_eq!(m(KeyCode::Char('k')), Some(Action::MenuUp));
    assert_eq!(m(KeyCode::Enter), Some(Action::MenuConfirm));
    assert_eq!(m(KeyCode::Esc), Some(Action::CloseMenu));
    // In a list, q closes the list instead of quitting.
    assert_eq!(m(KeyCode::Char('q')), Some(Action::CloseMenu));
    assert_eq!(m(KeyCode::Char(' ')), None);
    // Any key closes the help.
    assert_eq!(
        key_action(Mode::Help, press(KeyCode::Char('z'))),
        Some(Action::ToggleHelp)
    );
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    for table in [MAP_KEYS, MENU_KEYS] {
        for (i, a) in table.iter().enumerate() {
            for b in &table[i + 1..] {
                assert_ne!(a.code, b.code, "{:?} bound twice", a.code);
            }
        }
    }
}

#[test]
fn every_alias_is_named_in_the_help_line_above_it() {
    let label = |code: KeyCode| match code {
        KeyCode::Char(' ') => "space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Backspace => "Bksp".into(),
        other => format!("{other:?}"),
    };
    for table in [MAP_KEYS, MENU_KEYS] {
        let mut doc = "";
        for b in table {
            if !b.keys.is_empty() {
                doc = b.keys;
            }
            assert!(
                doc.contains(&label(b.code)),
                "{:?} is not named in the help line '{doc}'",
                b.code
            );
        }
    }
}

#[test]
fn mouse_click_and_wheel() {
    let ev = |kind| MouseEvent {
        kind,
        column: 12,
        row: 7,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(
        mouse_action(ev(MouseEventKind::Down(MouseButton::Left))),
        Some(Action::MouseDown { col: 12, row: 7 })
    );
    assert_eq!(
        mouse_action(ev(MouseEventKind::Drag(MouseButton::Left))),
        Some(Action::MouseDrag { col: 12, row: 7 })
    );
    assert_eq!(
        mouse_action(ev(MouseEventKind::Up(MouseButton::Left))),
        Some(Action::MouseUp { col: 12, row: 7 })
    );
    assert_eq!(
        mouse_action(ev(MouseEventKind::ScrollUp)),
        Some(Action::ZoomAt {
            col: 12,
            row: 7,
            zoom_in: true
        })
    );
    assert_eq!(
        mouse_action(ev(MouseEventKind::ScrollDown)),
        Some(Action::ZoomAt {
            col: 12,
            row: 7,
            zoom_in: false
        })
    );
    assert_eq!(mouse_action(ev(MouseEventKind::Moved)), None);
}
