//! One full frame of the visualizer at 200x60 (field, contours, 5 trajectories, panels), with
//! the field cache warm; the cold field sampling for comparison; and the bytes a terminal
//! receives per animation frame (ratatui sends only the cells that changed).
//!
//! Run: `cargo bench --bench frame`.

use losscape::render::ColorMode;
use losscape::tui::{Action, App, Setup, ui, update};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SPECS: [&str; 5] = [
    "gd:lr=0.01",
    "gd:lr=0.005",
    "gd:lr=0.002",
    "gd:lr=0.015",
    "gd:lr=0.001",
];

fn racing_app(w: u16, h: u16) -> App {
    let mut app = App::new(Setup {
        specs: SPECS
            .iter()
            .map(|s| s.parse().expect("valid spec"))
            .collect(),
        color: ColorMode::TrueColor,
        ..Setup::new(losscape::surface::resolve("himmelblau").expect("built in"))
    });
    update(&mut app, Action::Resize(w, h));
    // 10 s at 20 steps/s: 200 steps per run, trails well spread over the map.
    update(&mut app, Action::Tick(10.0));
    app
}

fn main() {
    report_bytes_per_frame();
    divan::main();
}

#[divan::bench]
fn full_frame_200x60_warm(bencher: divan::Bencher) {
    let app = racing_app(200, 60);
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        ui::render(divan::black_box(&app), area, &mut buf);
    });
}

#[divan::bench]
fn field_sampling_200x60_cold(bencher: divan::Bencher) {
    let mut app = racing_app(200, 60);
    bencher.bench_local(|| {
        app.field = None;
        app.sync_field();
    });
}

/// Bytes written to a terminal: the first full frame, then the mean of 60 animation frames
/// (1/30 s each at the default 20 steps/s), via ratatui's buffer diff and crossterm backend.
fn report_bytes_per_frame() {
    let (w, h) = (200, 60);
    let mut app = racing_app(w, h);
    update(&mut app, Action::Reset);
    let area = Rect::new(0, 0, w, h);
    let mut prev = Buffer::empty(area);
    let frame_bytes = |prev: &mut Buffer, app: &App| {
        let mut cur = Buffer::empty(area);
        ui::render(app, area, &mut cur);
        let mut out = Vec::<u8>::new();
        let mut backend = CrosstermBackend::new(&mut out);
        backend
            .draw(prev.diff(&cur).into_iter())
            .expect("write to memory");
        Backend::flush(&mut backend).expect("flush to memory");
        *prev = cur;
        out.len()
    };
    let first = frame_bytes(&mut prev, &app);
    let frames = 60;
    let mut total = 0;
    for _ in 0..frames {
        update(&mut app, Action::Tick(1.0 / 30.0));
        total += frame_bytes(&mut prev, &app);
    }
    println!(
        "bytes to the terminal at {w}x{h}: first frame {first}, animation frames {} on average \
         ({frames} frames of 1/30 s, 5 runs at 20 steps/s)",
        total / frames
    );
}
