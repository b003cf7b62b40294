//! Everything the user (or the clock, or a script) can ask the app to do, and what the app
//! asks of the outside world in return.

use super::app::{Panel, SurfaceChoice};

/// What `update` asks the driver to do; the driver performs it and hands the outcome back
/// (see `update::surface_loaded`), so `update` itself never reads a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load this surface (a built-in, or a file read now) and show it.
    LoadSurface(SurfaceChoice),
    /// Write this scene file as `STEM-N.toml` in the working directory, N the first free.
    WriteScene { stem: String, text: String },
}

/// A semantic event; `update(&mut App, Action)` is the only way state changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    Quit,
    /// Time passed (seconds): advance the runs if playing.
    Tick(f64),
    TogglePlay,
    /// Pause and advance every run by one iteration.
    Step,
    /// Pause and advance every run by this many iterations (a still frame's `--steps`).
    Steps(usize),
    /// Every run back to its start.
    Reset,
    Faster,
    Slower,
    /// Move the cursor by whole cells (columns, rows; rows grow downwards).
    MoveCursor(i16, i16),
    /// Pan the view by tenths of its size (x right, y up).
    Pan(i16, i16),
    ZoomIn,
    ZoomOut,
    /// Zoom in (true) or out around a terminal cell (mouse wheel).
    ZoomAt {
        col: u16,
        row: u16,
        zoom_in: bool,
    },
    ResetView,
    /// A click on a terminal cell: on the map, every run restarts from there.
    Click {
        col: u16,
        row: u16,
    },
    /// The left button went down here (a click or the start of a drag).
    MouseDown {
        col: u16,
        row: u16,
    },
    /// The mouse moved with the button down: the map follows it (pan).
    MouseDrag {
        col: u16,
        row: u16,
    },
    /// The button came up: without a drag in between, that was a click.
    MouseUp {
        col: u16,
        row: u16,
    },
    /// Every run restarts from the cursor.
    StartAtCursor,
    /// Only the selected run restarts from the cursor (its own start).
    StartSelectedAtCursor,
    ToggleArrows,
    ToggleHessianAxes,
    ToggleLabels,
    ToggleContours,
    ToggleCritical,
    /// The curvature map: tint by the Hessian's definiteness, det H = 0 curves.
    ToggleCurvature,
    /// The selected run's next steps drawn faint ahead of its head.
    ToggleForecast,
    /// The loss panel shows sharpness vs step with 2/lr lines.
    ToggleSharpness,
    /// The anatomy of the selected run's next step at its head (pauses, so `n` walks it).
    ToggleAnatomy,
    /// The 1-D slice panel: off → along the last step → v₁ → v₂ → off.
    CycleSlice,
    CycleScale,
    NextPanel,
    /// Focus this panel (a still frame's `--map-only`); the data panel only on data surfaces.
    ShowPanel(Panel),
    ToggleHelp,
    /// Select optimizer by index (0-based).
    Select(usize),
    NextOptimizer,
    LrUp,
    LrDown,
    HyperUp,
    HyperDown,
    /// Exact → mini-batch → stochastic gradients (data) or exact → noisy (closed form).
    CycleNoise,
    OpenSurfaces,
    OpenAddOptimizer,
    RemoveOptimizer,
    MenuUp,
    MenuDown,
    MenuConfirm,
    CloseMenu,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// The basin overlay of the selected optimizer.
    ToggleBasins,
    /// The sweep map (lr × main hyperparameter) of the selected optimizer.
    ToggleSweep,
    /// Tune every racer's lr for the same budget (a fair race).
    TuneRace,
    /// Lesson: play the next beat (or, while exploring, return to the script).
    LessonNext,
    /// Lesson: back one beat (or, while exploring, return to the script one beat back).
    LessonBack,
    /// Lesson: back to the first beat.
    LessonRestart,
    /// Write what is on screen as a scene file (see `tui::scene`).
    SaveScene,
    /// A network's map: random plane ↔ PCA plane of the runs so far.
    SwitchPlane,
    /// A network's inspector: the Hessian spectrum and index at the cursor.
    ToggleSpectrum,
}
