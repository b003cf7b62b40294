//! A buffer of cells as SVG: vector and small. Backgrounds are one path per colour (runs of
//! equal cells merged), braille dots, blocks and box lines one path per colour, and text one
//! `<text>` per run of cells in the same style, stretched to its cells with `textLength` so
//! columns line up whatever monospace font the viewer substitutes.
//!
//! User units are cell units (a cell is 8×16); `width`/`height` are those times the scale.

use super::cells::{Painted, paint};
use super::font::{FAMILY, size_for_cell};
use super::geometry::{CELL_H, CELL_W, Shape, shapes};
use super::{CellPixels, ImageOptions};
use crate::render::Rgb;
use ratatui::buffer::Buffer;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The SVG document of `buf`.
pub fn to_svg(buf: &Buffer, opts: ImageOptions) -> String {
    let (cols, rows) = (f32::from(buf.area.width), f32::from(buf.area.height));
    let (vw, vh) = (cols * CELL_W, rows * CELL_H);
    let px = CellPixels::at(opts.scale);
    let (w, h) = (
        u32::from(buf.area.width) * px.width,
        u32::from(buf.area.height) * px.height,
    );
    let palette = opts.theme.palette();
    let cells = paint(buf, opts.theme);
    let (font_px, baseline) = size_for_cell(CELL_W, CELL_H);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {vw} {vh}\" font-family=\"'{FAMILY}', Menlo, Consolas, monospace\" \
         font-size=\"{}\" xml:space=\"preserve\">",
        num(font_px)
    );
    let _ = writeln!(
        out,
        "<rect width=\"{vw}\" height=\"{vh}\" fill=\"{}\"/>",
        hex(palette.bg)
    );
    backgrounds(&cells, palette.bg, &mut out);
    geometry(&cells, &mut out);
    text(&cells, baseline, &mut out);
    out.push_str("</svg>\n");
    out
}

/// One path per background colour (the theme's own is the canvas), equal neighbours merged.
fn backgrounds(cells: &[Painted<'_>], canvas: Rgb, out: &mut String) {
    let mut paths: BTreeMap<u32, String> = BTreeMap::new();
    let mut run: Option<(Rgb, u16, u16, u16)> = None; // colour, row, first col, end col
    let mut flush = |run: Option<(Rgb, u16, u16, u16)>| {
        if let Some((c, row, c0, c1)) = run
            && c != canvas
        {
            let d = paths.entry(key(c)).or_default();
            let (x, y, w) = (
                f32::from(c0) * CELL_W,
                f32::from(row) * CELL_H,
                f32::from(c1 - c0) * CELL_W,
            );
            let _ = write!(d, "M{x} {y}h{w}v{CELL_H}h-{w}z");
        }
    };
    for cell in cells {
        match run {
            Some((c, row, c0, c1)) if c == cell.bg && row == cell.row && c1 == cell.col => {
                run = Some((c, row, c0, c1 + cell.width));
            }
            _ => {
                flush(run);
                run = Some((cell.bg, cell.row, cell.col, cell.col + cell.width));
            }
        }
    }
    flush(run);
    for (c, d) in paths {
        let _ = writeln!(out, "<path fill=\"{}\" d=\"{d}\"/>", hex(unkey(c)));
    }
}

/// Braille, blocks and box lines: one path per colour (shades: per colour and opacity).
/// Braille dots are zero-length strokes with round caps, a dozen bytes each.
fn geometry(cells: &[Painted<'_>], out: &mut String) {
    // Key: colour and opacity in percent.
    let mut fills: BTreeMap<(u32, u8), String> = BTreeMap::new();
    let mut dots: BTreeMap<u32, String> = BTreeMap::new();
    let mut dot_r = 0.0f32;
    for cell in cells {
        let mut chars = cell.symbol.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        let Some(list) = shapes(c) else { continue };
        let (ox, oy) = (f32::from(cell.col) * CELL_W, f32::from(cell.row) * CELL_H);
        for s in list {
            match s {
                Shape::Dot { cx, cy, r } => {
                    dot_r = r;
                    let d = dots.entry(key(cell.fg)).or_default();
                    let _ = write!(d, "M{} {}h0", num(ox + cx), num(oy + cy));
                }
                Shape::Shade(a) => {
                    let d = fills.entry((key(cell.fg), (a * 100.0).round() as u8));
                    shape_path(s, ox, oy, d.or_default());
                }
                _ => shape_path(s, ox, oy, fills.entry((key(cell.fg), 100)).or_default()),
            }
        }
    }
    for ((c, opacity), d) in fills {
        let alpha = if opacity == 100 {
            String::new()
        } else {
            format!(" fill-opacity=\"{}\"", num(f32::from(opacity) / 100.0))
        };
        let _ = writeln!(out, "<path fill=\"{}\"{alpha} d=\"{d}\"/>", hex(unkey(c)));
    }
    for (c, d) in dots {
        let _ = writeln!(
            out,
            "<path stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\" d=\"{d}\"/>",
            hex(unkey(c)),
            num(2.0 * dot_r)
        );
    }
}

fn shape_path(s: Shape, ox: f32, oy: f32, d: &mut String) {
    match s {
        Shape::Rect { x0, y0, x1, y1 } => {
            let (w, h) = (num(x1 - x0), num(y1 - y0));
            let _ = write!(d, "M{} {}h{w}v{h}h-{w}z", num(ox + x0), num(oy + y0));
        }
        Shape::Shade(_) => {
            let _ = write!(d, "M{ox} {oy}h{CELL_W}v{CELL_H}h-{CELL_W}z");
        }
        // Dots are strokes (see `geometry`).
        Shape::Dot { .. } => {}
        Shape::Arc {
            cx,
            cy,
            r,
            t,
            sx,
            sy,
        } => {
            // The quarter ring: out along one axis, around the outer arc, back in, around the
            // inner arc.
            let (ro, ri) = (r + t / 2.0, r - t / 2.0);
            let (cx, cy) = (ox + cx, oy + cy);
            // From the x axis to the y axis: clockwise when sx·sy > 0 in screen coordinates.
            let sweep = u8::from(sx * sy > 0.0);
            let _ = write!(
                d,
                "M{} {}A{} {} 0 0 {sweep} {} {}L{} {}A{} {} 0 0 {} {} {}z",
                num(cx + sx * ro),
                num(cy),
                num(ro),
                num(ro),
                num(cx),
                num(cy + sy * ro),
                num(cx),
                num(cy + sy * ri),
                num(ri),
                num(ri),
                1 - sweep,
                num(cx + sx * ri),
                num(cy)
            );
        }
    }
}

/// The style a text run shares.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TextStyle {
    fg: Rgb,
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
}

impl TextStyle {
    fn of(c: &Painted<'_>) -> Self {
        Self {
            fg: c.fg,
            bold: c.bold,
            italic: c.italic,
            underline: c.underline,
            strike: c.strike,
        }
    }
}

/// A run of text cells in one row and one style (blanks inside a run join it).
struct Run {
    style: TextStyle,
    row: u16,
    col: u16,
    /// Columns covered, up to the last non-blank cell.
    cols: u16,
    text: String,
    /// Blanks seen since the last non-blank cell (added only if more text follows).
    pending: String,
    pending_cols: u16,
}

fn text(cells: &[Painted<'_>], baseline: f32, out: &mut String) {
    let mut run: Option<Run> = None;
    for cell in cells {
        let geometric = {
            let mut chars = cell.symbol.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if shapes(c).is_some())
        };
        let blank = cell.is_blank();
        let same_row = run.as_ref().is_some_and(|r| r.row == cell.row);
        if geometric || !same_row {
            emit(run.take(), baseline, out);
            if geometric {
                continue;
            }
        }
        if blank {
            if let Some(r) = run.as_mut() {
                r.pending.push_str(cell.symbol);
                r.pending_cols += cell.width;
            }
            continue;
        }
        let style = TextStyle::of(cell);
        if run.as_ref().is_some_and(|r| r.style != style) {
            emit(run.take(), baseline, out);
        }
        let r = run.get_or_insert_with(|| Run {
            style,
            row: cell.row,
            col: cell.col,
            cols: 0,
            text: String::new(),
            pending: String::new(),
            pending_cols: 0,
        });
        r.text.push_str(&std::mem::take(&mut r.pending));
        r.cols += std::mem::take(&mut r.pending_cols) + cell.width;
        r.text.push_str(cell.symbol);
    }
    emit(run, baseline, out);
}

fn emit(run: Option<Run>, baseline: f32, out: &mut String) {
    let Some(r) = run else { return };
    let s = r.style;
    let x = f32::from(r.col) * CELL_W;
    let y = f32::from(r.row) * CELL_H + baseline;
    let _ = write!(
        out,
        "<text x=\"{x}\" y=\"{}\" fill=\"{}\"",
        num(y),
        hex(s.fg)
    );
    if s.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if s.italic {
        out.push_str(" font-style=\"italic\"");
    }
    match (s.underline, s.strike) {
        (true, true) => out.push_str(" text-decoration=\"underline line-through\""),
        (true, false) => out.push_str(" text-decoration=\"underline\""),
        (false, true) => out.push_str(" text-decoration=\"line-through\""),
        (false, false) => {}
    }
    // Stretched to its cells: columns line up whatever monospace font the viewer uses.
    let _ = write!(out, " textLength=\"{}\"", f32::from(r.cols) * CELL_W);
    out.push('>');
    escape(&r.text, out);
    out.push_str("</text>\n");
}

/// XML text: markup characters escaped, control characters (not allowed in XML) as spaces.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A colour as a sortable key (paths come out in a fixed order: same buffer, same bytes).
fn key(Rgb(r, g, b): Rgb) -> u32 {
    u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b)
}

fn unkey(k: u32) -> Rgb {
    Rgb((k >> 16) as u8, (k >> 8) as u8, k as u8)
}

fn hex(Rgb(r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A number with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}
