//! `losscape gif` and `play --headless --gif`, through the real binary: the GIF decodes to the
//! recording's size, its last frame is, pixel for pixel, the recording replayed through vt100
//! and drawn by the still-frame rasteriser, a map pixel has its cell's background, and long
//! pauses are cut to the idle limit.

use losscape::asciicast::{self, EventKind};
use losscape::render::image::replay::screen_to_buffer;
use losscape::render::image::{ImageOptions, RgbImage, rasterize};
use ratatui::style::Color;
use std::path::{Path, PathBuf};
use std::process::Command;

const LESSON: &str = "surfaces/lessons/saddle_points.toml";

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("losscape-gif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn losscape(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A small headless recording of a real lesson.
fn recording() -> PathBuf {
    let cast = tmp("lesson.cast");
    let path = cast.to_str().unwrap();
    losscape(&[
        "play",
        LESSON,
        "--headless",
        "--record",
        path,
        "--size",
        "60x20",
    ]);
    cast
}

/// Every frame of a GIF composited as a viewer shows it, with its delay in centiseconds.
fn decode(path: &Path) -> (u16, u16, Vec<(RgbImage, u16)>) {
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::RGBA);
    let mut dec = opts
        .read_info(std::fs::File::open(path).unwrap())
        .expect("a GIF");
    let (w, h) = (dec.width(), dec.height());
    let mut canvas = vec![0u8; usize::from(w) * usize::from(h) * 3];
    let mut frames = Vec::new();
    while let Some(f) = dec.read_next_frame().expect("decodes") {
        for y in 0..usize::from(f.height) {
            for x in 0..usize::from(f.width) {
                let s = (y * usize::from(f.width) + x) * 4;
                if f.buffer[s + 3] == 0 {
                    continue; // transparent: the previous frame shows through
                }
                let (cx, cy) = (x + usize::from(f.left), y + usize::from(f.top));
                let d = (cy * usize::from(w) + cx) * 3;
                canvas[d..d + 3].copy_from_slice(&f.buffer[s..s + 3]);
            }
        }
        let img = RgbImage {
            width: u32::from(w),
            height: u32::from(h),
            pixels: canvas.clone(),
        };
        frames.push((img, f.delay));
    }
    (w, h, frames)
}

/// The recording's final screen, replayed here through vt100 on its own.
fn last_screen(cast: &Path) -> ratatui::buffer::Buffer {
    let cast = asciicast::load(cast).unwrap();
    let rows = std::num::NonZeroU16::new(cast.height).unwrap();
    let cols = std::num::NonZeroU16::new(cast.width).unwrap();
    let mut parser = vt100::Parser::new(rows, cols, 0);
    for e in &cast.events {
        if let EventKind::Output(text) = &e.kind {
            parser.process(text.as_bytes());
        }
    }
    screen_to_buffer(parser.screen())
}

#[test]
fn the_last_frame_is_the_recording_replayed_through_vt100() {
    let cast = recording();
    let gif = tmp("lesson.gif");
    let out = losscape(&["gif", cast.to_str().unwrap(), gif.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("screens in"), "{report}");

    let (w, h, frames) = decode(&gif);
    assert_eq!((w, h), (60 * 8, 20 * 16));
    assert!(frames.len() > 10, "{} frames", frames.len());
    assert!(
        frames.iter().all(|(_, d)| *d >= 2),
        "every delay is one browsers honour"
    );

    let screen = last_screen(&cast);
    let expected = rasterize(&screen, ImageOptions::default());
    let (last, _) = frames.last().unwrap();
    let differing = last
        .pixels
        .chunks_exact(3)
        .zip(expected.pixels.chunks_exact(3))
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(
        differing, 0,
        "pixels of the last frame that differ from vt100's screen"
    );

    // A map cell's pixel is its background colour.
    let (x, y, bg) = (0..screen.area.height)
        .flat_map(|y| (20..screen.area.width).map(move |x| (x, y)))
        .find_map(|(x, y)| match screen[(x, y)].bg {
            Color::Rgb(r, g, b) if screen[(x, y)].symbol() == " " => Some((x, y, (r, g, b))),
            _ => None,
        })
        .expect("a map cell");
    let px = last.get(u32::from(x) * 8 + 3, u32::from(y) * 16 + 3);
    assert_eq!((px.0, px.1, px.2), bg);
}

#[test]
fn play_headless_gif_matches_gif_of_its_recording() {
    let gif_direct = tmp("direct.gif");
    let cast = tmp("direct.cast");
    losscape(&[
        "play",
        LESSON,
        "--headless",
        "--size",
        "60x20",
        "--record",
        cast.to_str().unwrap(),
        "--gif",
        gif_direct.to_str().unwrap(),
        "--scale",
        "0.5",
    ]);
    let gif_after = tmp("after.gif");
    losscape(&[
        "gif",
        cast.to_str().unwrap(),
        gif_after.to_str().unwrap(),
        "--scale",
        "0.5",
    ]);
    let (w, h, _) = decode(&gif_direct);
    assert_eq!((w, h), (60 * 4, 20 * 8));
    assert_eq!(
        std::fs::read(&gif_direct).unwrap(),
        std::fs::read(&gif_after).unwrap()
    );
}

#[test]
fn pauses_are_cut_to_the_idle_limit_and_speed_shortens() {
    let cast = tmp("pause.cast");
    std::fs::write(
        &cast,
        "{\"version\": 3, \"term\": {\"cols\": 20, \"rows\": 4}}\n\
         [0.0, \"o\", \"one\"]\n[30.0, \"o\", \"\\r\\ntwo\"]\n[0.5, \"o\", \"\\r\\nthree\"]\n[1.0, \"x\", \"0\"]\n",
    )
    .unwrap();
    let total = |extra: &[&str]| {
        let gif = tmp("pause.gif");
        let mut args = vec!["gif", cast.to_str().unwrap(), gif.to_str().unwrap()];
        args.extend_from_slice(extra);
        losscape(&args);
        let (_, _, frames) = decode(&gif);
        (
            frames.len(),
            frames.iter().map(|(_, d)| u32::from(*d)).sum::<u32>(),
        )
    };
    // 0 → 2 (30 s cut to 2) → 2.5 → 3.5: three screens, 3.5 s.
    assert_eq!(total(&[]), (3, 350));
    assert_eq!(total(&["--idle-limit", "0"]), (3, 3150));
    assert_eq!(total(&["--speed", "2"]), (3, 175));
}

#[test]
fn a_bad_recording_names_its_line() {
    let cast = tmp("bad.cast");
    std::fs::write(
        &cast,
        "{\"version\": 2, \"width\": 20, \"height\": 4}\n[0.5, \"o\"]\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args([
            "gif",
            cast.to_str().unwrap(),
            tmp("bad.gif").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.cast:2:1: an event is a 3-element array"),
        "{err}"
    );
}
