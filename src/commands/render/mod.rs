//! `losscape render`: one still frame of the visualizer (map, trajectories after N steps,
//! legend) printed to stdout as plain or ANSI-coloured text, for slides, READMEs and pipes.
//!
//! The frame is the TUI's own: the same `App`, driven by the same [`Driver`] with the actions
//! a user would press (pause and step N times, `e` to hide the Hessian axes, `--map-only` as
//! the map-only panel), drawn by `tui::ui::render` into a buffer that `render::ansi` turns
//! into text. Same arguments (and `COLORTERM` under colour), same bytes.

mod chrome;

use super::{CommandError, load_surface};
use crate::args::{DEFAULT_SEED, parse_opt, parse_point, parse_size, parse_surface_name};
use crate::optim::OptimizerSpec;
use crate::render::ColorMode;
use crate::render::ansi::{to_ansi, to_plain};
use crate::render::image::still::{StillFormat, encode_image, write_output};
use crate::render::image::{ImageOptions, Theme, parse_scale};
use crate::surface::Point;
use crate::tui::app::{DEFAULT_SURFACE, Panel};
use crate::tui::driver::{Driver, Sink};
use crate::tui::{Action, App, Setup};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

pub use crate::args::{MAX_FRAME, MIN_FRAME};

/// `losscape render [--surface S] [--opt SPEC]... [--start X,Y] [--steps N] [--size WxH]
/// [--color auto|always|never] [--seed N]`.
#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// Surface: a built-in name or a surface file (default: himmelblau, as in the visualizer).
    #[arg(long, short, value_name = "NAME|FILE", value_parser = parse_surface_name, conflicts_with = "scene")]
    pub surface: Option<String>,
    /// Optimizer spec NAME[:key=value,...]; repeat to race several (default: the visualizer's
    /// race: gd, momentum, adam, newton).
    #[arg(long = "opt", short = 'o', value_name = "SPEC", value_parser = parse_opt, conflicts_with = "scene")]
    pub opts: Vec<OptimizerSpec>,
    /// Common start point X,Y (default: the surface's own), e.g. --start -1.5,2.
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point, conflicts_with = "scene")]
    pub start: Option<Point>,
    /// Steps each optimizer takes before the frame is drawn (fewer if it stops earlier).
    #[arg(long, default_value_t = 200, allow_hyphen_values = true, value_parser = crate::commands::values::parse_steps, conflicts_with = "scene")]
    pub steps: usize,
    /// Frame size in terminal cells, WIDTHxHEIGHT [default: 100x30, or the scene's].
    #[arg(long, value_name = "WxH", value_parser = parse_size, allow_hyphen_values = true)]
    pub size: Option<(u16, u16)>,
    /// auto: colour only when stdout is a terminal (and NO_COLOR is unset); always: ANSI
    /// colour (truecolor if COLORTERM says so, else 256 colours); never: plain text.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Seed for stochastic gradients (same seed, same frame).
    #[arg(long, default_value_t = DEFAULT_SEED, allow_hyphen_values = true, value_parser = crate::commands::values::parse_seed, conflicts_with = "scene")]
    pub seed: u64,
    /// The map alone, whatever the width (no side panels); the legend stays on the last line.
    #[arg(long)]
    pub map_only: bool,
    /// text (plain or ANSI, see --color), svg or png [default: from --output's extension,
    /// else text].
    #[arg(long, value_enum)]
    pub format: Option<StillFormat>,
    /// Write to FILE instead of stdout (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Image size: 1 draws a cell as 8x16 pixels, 2 as 16x32 (svg and png).
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f32,
    /// Image colours: dark (as in a terminal) or light (for slides on white).
    #[arg(long, value_enum, default_value_t = Theme::Dark)]
    pub theme: Theme,
    /// Draw the screen a scene file holds (saved with `S` in the visualizer): its surface,
    /// runs, steps, seed, view, cursor, overlays and size (unless --size).
    #[arg(long, value_name = "FILE.toml")]
    pub scene: Option<PathBuf>,
}

/// Frame size of a still frame unless `--size` (or a scene) says otherwise.
pub const DEFAULT_SIZE: (u16, u16) = (100, 30);

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

/// A still frame as the sink: the visualizer's frame with the still frame's own title and
/// footer (see `chrome`).
struct StillSink {
    buf: Buffer,
}

impl Sink for StillSink {
    fn frame(&mut self, app: &App) -> std::io::Result<()> {
        let area = self.buf.area;
        crate::tui::ui::render(app, area, &mut self.buf);
        if area.width >= MIN_FRAME.0 && area.height >= MIN_FRAME.1 {
            chrome::draw(app, &app.layout(), &mut self.buf);
        }
        Ok(())
    }
}

/// What a user would press to get this frame: the size, the map-only panel, and N steps (a
/// scene has taken its steps already).
fn script(args: &RenderArgs, size: (u16, u16)) -> Vec<Action> {
    let (w, h) = size;
    // The Hessian axes are off by default (the cursor's overlay, not a slide's).
    let mut actions = vec![Action::Resize(w, h)];
    if args.map_only {
        actions.push(Action::ShowPanel(Panel::MapOnly));
    }
    if args.scene.is_none() {
        actions.push(Action::Steps(args.steps));
    }
    actions
}

/// The app a still frame shows, at its size: built from the arguments (or the scene) and
/// driven through [`script`], as the visualizer would be.
pub fn still_app(args: &RenderArgs, color: ColorMode) -> Result<App, CommandError> {
    let (app, size) = setup(args, color)?;
    let mut app = app;
    for action in script(args, size) {
        crate::tui::driver::apply(&mut app, action);
    }
    Ok(app)
}

/// The app before the script, and the frame size.
fn setup(args: &RenderArgs, color: ColorMode) -> Result<(App, (u16, u16)), CommandError> {
    if let Some(path) = &args.scene {
        let lesson = crate::commands::tui::load_scene(path)?;
        let size = args
            .size
            .or(lesson.scene.as_ref().and_then(|s| s.size))
            .unwrap_or(DEFAULT_SIZE);
        let setup = Setup {
            color,
            ..Setup::new(lesson.surface.clone())
        };
        return Ok((crate::tui::scene::open(&lesson, setup), size));
    }
    let surface = load_surface(args.surface.as_deref().unwrap_or(DEFAULT_SURFACE))?;
    // The surface list is not drawn in a still frame: the built-ins do.
    let mut app = App::new(Setup {
        specs: args.opts.clone(),
        start: args.start,
        seed: args.seed,
        color,
        ..Setup::new(surface)
    });
    if let Some(msg) = app.message.take() {
        return Err(CommandError::Usage(msg));
    }
    Ok((app, args.size.unwrap_or(DEFAULT_SIZE)))
}

/// Builds the app ([`still_app`]) and draws the frame: the buffer `losscape render` prints.
pub fn frame(args: &RenderArgs, color: ColorMode) -> Result<Buffer, CommandError> {
    let app = still_app(args, color)?;
    let (w, h) = app.size;
    let sink = StillSink {
        buf: Buffer::empty(Rect::new(0, 0, w, h)),
    };
    let mut driver = Driver::new(app, sink);
    driver.draw()?;
    Ok(driver.into_parts().1.buf)
}

pub fn run(args: &RenderArgs, out: &mut impl Write) -> Result<(), CommandError> {
    let format = StillFormat::choose(args.format, args.output.as_deref());
    let to_file = args.output.as_ref().is_some_and(|p| p.as_os_str() != "-");
    let bytes = if format == StillFormat::Text {
        let color = args.color.mode(
            std::io::stdout().is_terminal() && !to_file,
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            std::env::var("COLORTERM").ok().as_deref(),
        );
        let buf = frame(args, color)?;
        if color.has_color() {
            to_ansi(&buf)
        } else {
            to_plain(&buf)
        }
        .into_bytes()
    } else {
        // An image shows what a truecolor terminal shows, whatever this one can.
        let buf = frame(args, ColorMode::TrueColor)?;
        let opts = ImageOptions {
            theme: args.theme,
            scale: args.scale,
        };
        encode_image(&buf, format, opts)?
    };
    write_output(args.output.as_deref(), format, &bytes, out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidInput {
            CommandError::Usage(e.to_string())
        } else {
            e.into()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
