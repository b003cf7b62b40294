//! Still frames as images, through the real binary: SVG is XML with a viewBox of 8×16 units
//! per cell and one `<text>` per run of same-styled cells; PNG decodes to the frame's size,
//! and a pixel of the map has the colour of its cell's background in the same frame drawn by
//! the library.

use clap::Parser;
use losscape::commands::render::{RenderArgs, frame};
use losscape::render::ColorMode;
use losscape::render::image::palette::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use std::process::Command;

const FRAME: &[&str] = &[
    "--surface",
    "himmelblau",
    "--steps",
    "30",
    "--size",
    "80x24",
];

fn losscape(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .arg("render")
        .args(FRAME)
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

#[derive(Parser)]
struct Wrap {
    #[command(flatten)]
    args: RenderArgs,
}

/// The frame the binary draws for `FRAME`, from the library.
fn library_frame() -> Buffer {
    let w = Wrap::parse_from(std::iter::once("render").chain(FRAME.iter().copied()));
    frame(&w.args, ColorMode::TrueColor).expect("the frame renders")
}

/// A map cell: a truecolor background under a blank or a braille pattern with no top-left dot
/// (so the cell's top-left pixel shows the background).
fn map_cell(buf: &Buffer) -> (u16, u16, (u8, u8, u8)) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if let Color::Rgb(r, g, b) = c.bg
                && c.symbol() == " "
                && x > 10
            {
                return (x, y, (r, g, b));
            }
        }
    }
    panic!("no map cell in the frame");
}

fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("sized")];
    let info = reader.next_frame(&mut pixels).expect("decodes");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

fn pixel(rgb: &[u8], width: u32, x: u32, y: u32) -> (u8, u8, u8) {
    let i = ((y * width + x) * 3) as usize;
    (rgb[i], rgb[i + 1], rgb[i + 2])
}

#[test]
fn svg_is_xml_with_a_viewbox_of_eight_by_sixteen_per_cell() {
    let out = losscape(&["--format", "svg", "--output", "-", "--scale", "2"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    let svg = doc.root_element();
    assert_eq!(svg.tag_name().name(), "svg");
    assert_eq!(svg.attribute("viewBox"), Some("0 0 640 384"));
    assert_eq!(svg.attribute("width"), Some("1280"));
    assert_eq!(svg.attribute("height"), Some("768"));

    // One <text> per run: two texts that touch on one row never share a style.
    let texts: Vec<_> = svg.children().filter(|n| n.has_tag_name("text")).collect();
    assert!(texts.len() > 10, "the frame has text");
    let style = |n: &roxmltree::Node| {
        (
            n.attribute("fill").map(String::from),
            n.attribute("font-weight").map(String::from),
        )
    };
    let num = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f32>().unwrap();
    for pair in texts.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if num(a, "y") == num(b, "y") && num(a, "x") + num(a, "textLength") == num(b, "x") {
            assert_ne!(style(a), style(b), "{a:?} and {b:?} should be one run");
        }
    }
    let cells = 80 * 24;
    assert!(
        texts.len() < cells / 10,
        "{} texts: not one per cell",
        texts.len()
    );
    assert!(
        text.contains("himmelblau"),
        "the title's words are one run of text"
    );
}

#[test]
fn png_has_the_frame_size_and_the_map_colours() {
    let dir = std::env::temp_dir().join(format!("losscape-image-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("frame.png");
    losscape(&["--output", path.to_str().unwrap()]);
    let (w, h, rgb) = decode_png(&std::fs::read(&path).unwrap());
    assert_eq!((w, h), (80 * 8, 24 * 16));

    let buf = library_frame();
    let (cx, cy, bg) = map_cell(&buf);
    for (dx, dy) in [(0, 0), (4, 8), (7, 15)] {
        assert_eq!(
            pixel(&rgb, w, u32::from(cx) * 8 + dx, u32::from(cy) * 16 + dy),
            bg,
            "cell ({cx}, {cy})"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn png_at_scale_two_to_stdout_in_the_light_theme() {
    let out = losscape(&[
        "--format", "png", "--output", "-", "--scale", "2", "--theme", "light",
    ]);
    assert!(out.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
    let (w, h, rgb) = decode_png(&out.stdout);
    assert_eq!((w, h), (80 * 16, 24 * 32));
    let buf = library_frame();
    // The map keeps its colours on white...
    let (cx, cy, bg) = map_cell(&buf);
    assert_eq!(
        pixel(&rgb, w, u32::from(cx) * 16 + 1, u32::from(cy) * 32 + 1),
        bg
    );
    // ...and a default-background cell is white.
    let blank = (0..buf.area.width)
        .map(|x| (x, buf.area.height - 1))
        .find(|&p| buf[p].bg == Color::Reset && buf[p].symbol() == " ")
        .expect("a blank cell on the last row");
    let white = Theme::Light.palette().bg;
    assert_eq!(
        pixel(
            &rgb,
            w,
            u32::from(blank.0) * 16 + 3,
            u32::from(blank.1) * 32 + 3
        ),
        (white.0, white.1, white.2)
    );
}

#[test]
fn a_bad_scale_says_the_range() {
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args(["render", "--format", "png", "--scale", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected a number from 0.5 to 8"));
}

/// The README's images are made by its own `losscape render ... --output docs/...` lines: each
/// still runs (into a temporary directory) and writes an image of the right kind.
#[test]
fn the_readme_image_commands_still_run() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let dir = std::env::temp_dir().join(format!("losscape-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let commands: Vec<&str> = readme
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("losscape render") && l.contains("--output docs/"))
        .collect();
    assert!(commands.len() >= 2, "{commands:?}");
    for line in commands {
        let mut args: Vec<String> = line.split_whitespace().skip(1).map(String::from).collect();
        let out = args.iter_mut().find(|a| a.starts_with("docs/")).unwrap();
        let target = dir.join(out.trim_start_matches("docs/"));
        *out = target.to_str().unwrap().to_string();
        let status = Command::new(env!("CARGO_BIN_EXE_losscape"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let bytes = std::fs::read(&target).unwrap();
        if target.extension().is_some_and(|e| e == "png") {
            assert!(bytes.starts_with(b"\x89PNG"), "{line}");
        } else {
            roxmltree::Document::parse(std::str::from_utf8(&bytes).unwrap()).expect(line);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
