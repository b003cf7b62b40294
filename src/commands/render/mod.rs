//! `losscape render`: one still frame of the visualizer (map, trajectories after N steps,
//! legend) printed to stdout as plain or ANSI-coloured text, for slides, READMEs and pipes.
//!
//! The frame is the TUI's own: the same `App` is built headlessly, its runs are stepped, and
//! `tui::ui::render` draws it into a buffer that `render::ansi` turns into text. Same
//! arguments (and `COLORTERM` under colour), same bytes.

mod chrome;

use super::CommandError;
use crate::cli::{parse_point, parse_surface};
use crate::optim::OptimizerSpec;
use crate::render::ColorMode;
use crate::render::ansi::{to_ansi, to_plain};
use crate::surface::Point;
use crate::tui::app::Panel;
use crate::tui::{Action, App, TuiOptions, update};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Smallest frame: below it the TUI has no room for a map.
pub const MIN_FRAME: (u16, u16) = crate::tui::ui::MIN_SIZE;
/// Largest frame (bounded so a typo cannot ask for gigabytes).
pub const MAX_FRAME: (u16, u16) = (1000, 500);

/// `losscape render [--surface S] [--opt SPEC]... [--start X,Y] [--steps N] [--size WxH]
/// [--color auto|always|never] [--seed N]`.
#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// Surface: a built-in name or a surface file (default: himmelblau, as in the visualizer).
    #[arg(long, short, value_name = "NAME|FILE", value_parser = parse_surface)]
    pub surface: Option<String>,
    /// Optimizer spec NAME[:key=value,...]; repeat to race several (default: the visualizer's
    /// race: gd, momentum, adam, newton).
    #[arg(long = "opt", short = 'o', value_name = "SPEC", value_parser = parse_spec)]
    pub opts: Vec<String>,
    /// Common start point X,Y (default: the surface's own), e.g. --start -1.5,2.
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub start: Option<Point>,
    /// Steps each optimizer takes before the frame is drawn (fewer if it stops earlier).
    #[arg(long, default_value_t = 200, allow_hyphen_values = true, value_parser = crate::commands::values::parse_steps)]
    pub steps: usize,
    /// Frame size in terminal cells, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "100x30", value_parser = parse_size, allow_hyphen_values = true)]
    pub size: (u16, u16),
    /// auto: colour only when stdout is a terminal (and NO_COLOR is unset); always: ANSI
    /// colour (truecolor if COLORTERM says so, else 256 colours); never: plain text.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Seed for stochastic gradients (same seed, same frame).
    #[arg(long, default_value_t = 0, allow_hyphen_values = true, value_parser = crate::commands::values::parse_seed)]
    pub seed: u64,
    /// The map alone, whatever the width (no side panels); the legend stays on the last line.
    #[arg(long)]
    pub map_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The colour mode for this choice, given whether stdout is a terminal and the
    /// environment (`NO_COLOR` only counts under `auto`: `always` is an explicit request).
    pub fn mode(self, is_terminal: bool, no_color: bool, colorterm: Option<&str>) -> ColorMode {
        match self {
            ColorChoice::Never => ColorMode::NoColor,
            ColorChoice::Always => ColorMode::from_env(false, colorterm),
            ColorChoice::Auto if is_terminal => ColorMode::from_env(no_color, colorterm),
            ColorChoice::Auto => ColorMode::NoColor,
        }
    }
}

/// Parses `WxH` (e.g. `100x30`) within [`MIN_FRAME`] and [`MAX_FRAME`].
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (min, max) = (MIN_FRAME, MAX_FRAME);
    let expected = format!(
        "expected WIDTHxHEIGHT in cells, e.g. 100x30, from {}x{} to {}x{}",
        min.0, min.1, max.0, max.1
    );
    if let Some(e) = crate::commands::values::negative_size(s) {
        return Err(e);
    }
    let (w, h) = s
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse::<u16>().ok()?, h.trim().parse::<u16>().ok()?)))
        .ok_or_else(|| format!("invalid size '{s}': {expected}"))?;
    if !(min.0..=max.0).contains(&w) || !(min.1..=max.1).contains(&h) {
        return Err(format!("size {w}x{h} is out of range: {expected}"));
    }
    Ok((w, h))
}

fn parse_spec(s: &str) -> Result<String, String> {
    s.parse::<OptimizerSpec>()
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}

/// Builds the app, steps it, draws the frame: the buffer `losscape render` prints.
pub fn frame(args: &RenderArgs, color: ColorMode) -> Result<Buffer, CommandError> {
    let opts = TuiOptions {
        surface: args.surface.clone(),
        specs: args.opts.clone(),
        start: args.start,
        seed: args.seed,
        color: Some(color),
        // The surface list is not drawn in a still frame: do not load `./surfaces`.
        surfaces_dir: Some(PathBuf::new()),
    };
    let mut app = App::new(opts).map_err(|e| CommandError::Usage(e.to_string()))?;
    if let Some(msg) = app.message.take() {
        return Err(CommandError::Usage(msg));
    }
    let (w, h) = args.size;
    update(&mut app, Action::Resize(w, h));
    app.playing = false;
    // Principal axes belong to the interactive cursor; on a slide they only hide the paths.
    app.overlays.hessian_axes = false;
    if args.map_only {
        app.panel = Panel::MapOnly;
        app.sync_field();
    }
    for r in &mut app.racers {
        for _ in 0..args.steps {
            if !r.run.step() {
                break;
            }
        }
    }
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    crate::tui::ui::render(&app, area, &mut buf);
    if w >= MIN_FRAME.0 && h >= MIN_FRAME.1 {
        chrome::draw(&app, &app.layout(), &mut buf);
    }
    Ok(buf)
}

pub fn run(args: &RenderArgs, out: &mut impl Write) -> Result<(), CommandError> {
    let color = args.color.mode(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        std::env::var("COLORTERM").ok().as_deref(),
    );
    let buf = frame(args, color)?;
    let text = if color.has_color() {
        to_ansi(&buf)
    } else {
        to_plain(&buf)
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_bad_ones_say_the_form() {
        assert_eq!(parse_size("100x30"), Ok((100, 30)));
        assert_eq!(parse_size("80X24"), Ok((80, 24)));
        assert!(
            parse_size("-1x30")
                .unwrap_err()
                .contains("cannot be negative")
        );
        for bad in ["100", "100x", "x30", "ax30", "100*30", ""] {
            let e = parse_size(bad).unwrap_err();
            assert!(e.contains("expected WIDTHxHEIGHT"), "{bad}: {e}");
        }
        assert!(parse_size("10x30").unwrap_err().contains("out of range"));
        assert!(parse_size("2000x30").unwrap_err().contains("out of range"));
    }

    #[test]
    fn colour_choice_follows_terminal_and_environment() {
        use ColorChoice::*;
        use ColorMode::*;
        assert_eq!(Never.mode(true, false, Some("truecolor")), NoColor);
        assert_eq!(Always.mode(false, true, Some("truecolor")), TrueColor);
        assert_eq!(Always.mode(false, false, None), Ansi256);
        assert_eq!(Auto.mode(false, false, Some("truecolor")), NoColor);
        assert_eq!(Auto.mode(true, false, Some("24bit")), TrueColor);
        assert_eq!(Auto.mode(true, true, Some("truecolor")), NoColor);
    }
}
