//! The key table: which key does what, in which mode. One table, used for dispatch and for
//! the help overlay, so the two cannot disagree.

use super::action::Action;
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Map,
    Menu,
    Help,
}

/// One row of the key table.
pub struct Binding {
    pub code: KeyCode,
    pub action: Action,
    /// Shown in the help overlay; empty for aliases that repeat a row.
    pub keys: &'static str,
    pub help: &'static str,
}

const fn b(code: KeyCode, action: Action, keys: &'static str, help: &'static str) -> Binding {
    Binding {
        code,
        action,
        keys,
        help,
    }
}

use KeyCode::Char as C;

/// Keys on the map (the main screen).
pub const MAP_KEYS: &[Binding] = &[
    b(C(' '), Action::TogglePlay, "space", "play / pause"),
    b(C('n'), Action::Step, "n .", "one step (pauses)"),
    b(C('.'), Action::Step, "", ""),
    b(C('r'), Action::Reset, "r", "reset runs to their start"),
    b(C(']'), Action::Faster, "] [", "faster / slower"),
    b(C('['), Action::Slower, "", ""),
    b(
        KeyCode::Left,
        Action::MoveCursor(-1, 0),
        "←↓↑→ hjkl",
        "move the cursor",
    ),
    b(KeyCode::Right, Action::MoveCursor(1, 0), "", ""),
    b(KeyCode::Up, Action::MoveCursor(0, -1), "", ""),
    b(KeyCode::Down, Action::MoveCursor(0, 1), "", ""),
    b(C('h'), Action::MoveCursor(-1, 0), "", ""),
    b(C('l'), Action::MoveCursor(1, 0), "", ""),
    b(C('k'), Action::MoveCursor(0, -1), "", ""),
    b(C('j'), Action::MoveCursor(0, 1), "", ""),
    b(C('H'), Action::Pan(-1, 0), "HJKL", "pan the view"),
    b(C('L'), Action::Pan(1, 0), "", ""),
    b(C('K'), Action::Pan(0, 1), "", ""),
    b(C('J'), Action::Pan(0, -1), "", ""),
    b(
        C('+'),
        Action::ZoomIn,
        "+ - (= _)",
        "zoom in / out (or wheel)",
    ),
    b(C('='), Action::ZoomIn, "", ""),
    b(C('-'), Action::ZoomOut, "", ""),
    b(C('_'), Action::ZoomOut, "", ""),
    b(C('0'), Action::ResetView, "0", "reset the view"),
    b(
        C('c'),
        Action::StartAtCursor,
        "c",
        "restart all at the cursor",
    ),
    b(
        C('C'),
        Action::StartSelectedAtCursor,
        "C",
        "selected starts at cursor",
    ),
    b(
        C('g'),
        Action::ToggleArrows,
        "g",
        "gradient (descent) arrows",
    ),
    b(
        C('e'),
        Action::ToggleHessianAxes,
        "e",
        "Hessian axes at the cursor",
    ),
    b(C('t'), Action::ToggleLabels, "t", "contour labels"),
    b(C('w'), Action::ToggleContours, "w", "contour lines"),
    b(C('p'), Action::ToggleCritical, "p", "critical points"),
    b(
        C('d'),
        Action::ToggleCurvature,
        "d",
        "curvature map (definiteness)",
    ),
    b(
        C('f'),
        Action::ToggleForecast,
        "f",
        "forecast: next 500 steps",
    ),
    b(
        C('E'),
        Action::ToggleSharpness,
        "E",
        "loss panel: sharpness, 2/lr",
    ),
    b(C('B'), Action::ToggleBasins, "B", "basins of the selected"),
    b(
        C('W'),
        Action::ToggleSweep,
        "W",
        "sweep map: lr × main hyper",
    ),
    b(C('T'), Action::TuneRace, "T", "tune the race (fair lr)"),
    b(
        C('S'),
        Action::SaveScene,
        "S",
        "save this screen as a scene",
    ),
    b(
        C('A'),
        Action::ToggleAnatomy,
        "A",
        "anatomy of the next step (n)",
    ),
    b(
        C('I'),
        Action::CycleSlice,
        "I",
        "1-D slice: step / v₁ / v₂ / off",
    ),
    b(C('v'), Action::CycleScale, "v", "colour scale auto/lin/log"),
    b(
        C('P'),
        Action::SwitchPlane,
        "P",
        "network: random ↔ PCA plane",
    ),
    b(
        C('M'),
        Action::ToggleSpectrum,
        "M",
        "network: Hessian spectrum",
    ),
    b(KeyCode::Tab, Action::NextPanel, "tab", "cycle panels"),
    b(
        C('o'),
        Action::NextOptimizer,
        "o 1-9",
        "select an optimizer",
    ),
    b(C('>'), Action::LrUp, "> <", "selected: lr ×2 / ÷2"),
    b(C('<'), Action::LrDown, "", ""),
    b(C('}'), Action::HyperUp, "} {", "selected: main hyperparam"),
    b(C('{'), Action::HyperDown, "", ""),
    b(C('b'), Action::CycleNoise, "b", "mini-batches / grad noise"),
    b(C('s'), Action::OpenSurfaces, "s", "choose the surface"),
    b(C('a'), Action::OpenAddOptimizer, "a", "add an optimizer"),
    b(
        C('x'),
        Action::RemoveOptimizer,
        "x",
        "remove selected optimizer",
    ),
    b(
        KeyCode::PageDown,
        Action::LessonNext,
        "PgDn enter",
        "lesson: next beat",
    ),
    b(KeyCode::Enter, Action::LessonNext, "", ""),
    b(
        KeyCode::PageUp,
        Action::LessonBack,
        "PgUp Bksp",
        "lesson: previous beat",
    ),
    b(KeyCode::Backspace, Action::LessonBack, "", ""),
    b(
        KeyCode::Home,
        Action::LessonRestart,
        "Home",
        "lesson: restart",
    ),
    b(C('?'), Action::ToggleHelp, "?", "this help"),
    b(C('q'), Action::Quit, "q Esc", "quit"),
    b(KeyCode::Esc, Action::Quit, "", ""),
];

/// Keys in a list (surface or optimizer picker).
pub const MENU_KEYS: &[Binding] = &[
    b(KeyCode::Up, Action::MenuUp, "↑ k", "list: previous entry"),
    b(C('k'), Action::MenuUp, "", ""),
    b(KeyCode::Down, Action::MenuDown, "↓ j", "list: next entry"),
    b(C('j'), Action::MenuDown, "", ""),
    b(KeyCode::Enter, Action::MenuConfirm, "enter", "list: choose"),
    b(KeyCode::Esc, Action::CloseMenu, "Esc q", "list: close"),
    b(C('q'), Action::CloseMenu, "", ""),
];

/// The action for a key press in `mode`, if any. Only presses count (not repeats/releases
/// reported by some terminals); Ctrl-C always quits.
pub fn key_action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, C('c') | C('C')).then_some(Action::Quit);
    }
    match mode {
        Mode::Help => Some(Action::ToggleHelp),
        Mode::Menu => lookup(MENU_KEYS, key.code),
        Mode::Map => {
            if let C(d @ '1'..='9') = key.code {
                return Some(Action::Select(d as usize - '1' as usize));
            }
            lookup(MAP_KEYS, key.code)
        }
    }
}

fn lookup(table: &[Binding], code: KeyCode) -> Option<Action> {
    table.iter().find(|b| b.code == code).map(|b| b.action)
}

/// The action for a mouse event: a left click sets a start, a left drag pans, the wheel zooms.
pub fn mouse_action(mouse: MouseEvent) -> Option<Action> {
    let (col, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::MouseDown { col, row }),
        MouseEventKind::Drag(MouseButton::Left) => Some(Action::MouseDrag { col, row }),
        MouseEventKind::Up(MouseButton::Left) => Some(Action::MouseUp { col, row }),
        MouseEventKind::ScrollUp => Some(Action::ZoomAt {
            col,
            row,
            zoom_in: true,
        }),
        MouseEventKind::ScrollDown => Some(Action::ZoomAt {
            col,
            row,
            zoom_in: false,
        }),
        _ => None,
    }
}
