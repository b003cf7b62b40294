use anyhow::Result;
use clap::Parser;
use losscape::cli::{Cli, Command, TuiArgs};
use losscape::commands::{self, CommandError};
use std::io::Write;

fn main() -> Result<()> {
    let cli = Cli::parse();
    let tui_args = match cli.command {
        None => Some(cli.tui.clone()),
        Some(Command::Tui(ref args)) => Some(args.clone()),
        _ => None,
    };
    if let Some(args) = tui_args {
        return tui(args);
    }
    if let Some(Command::Play(ref args)) = cli.command {
        return play(args);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result: Result<(), CommandError> = match cli.command {
        None | Some(Command::Tui(_) | Command::Play(_)) => Ok(()),
        Some(Command::Surfaces) => commands::surfaces::run(&mut out).map_err(Into::into),
        Some(Command::Critical(args)) => commands::critical::run(&args, &mut out),
        Some(Command::Gradcheck(args)) => commands::gradcheck::run(&args, &mut out),
        Some(Command::Run(args)) => commands::run::run(&args, &mut out),
        Some(Command::Render(args)) => commands::render::run(&args, &mut out),
        Some(Command::Gif(args)) => commands::gif::run(&args, &mut out),
    };
    exit_on_command_error(result.and_then(|()| out.flush().map_err(Into::into)))
}

/// Usage errors exit 2 with the message on stderr; a closed pipe is not an error.
fn exit_on_command_error(result: Result<(), CommandError>) -> Result<()> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.is_broken_pipe() => Ok(()),
        Err(e) if e.exit_code() == 2 => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
        Err(e) => Err(e.into()),
    }
}

/// The visualizer; bad options exit 2, no terminal points to the headless commands (exit 1).
fn tui(args: TuiArgs) -> Result<()> {
    let opts = losscape::tui::TuiOptions {
        surface: args.surface,
        specs: args.opts,
        start: args.start,
        seed: args.seed,
        color: None,
        surfaces_dir: None,
    };
    let result = losscape::tui::App::new(opts)
        .and_then(|app| losscape::tui::record::run(app, args.record.as_deref(), args.cast_version));
    // The terminal is restored by now; one clear line, no backtrace.
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(e.exit_code());
    }
    Ok(())
}

/// A lesson: a wrong lesson prints its caret diagnostic and exits 2.
fn play(args: &losscape::commands::play::PlayArgs) -> Result<()> {
    match losscape::commands::play::run(args) {
        Ok(()) => Ok(()),
        Err(e) => {
            let text = e.to_string();
            // A lesson diagnostic starts with its own "error: ".
            if text.starts_with("error") {
                eprintln!("{text}");
            } else {
                eprintln!("error: {text}");
            }
            std::process::exit(e.exit_code());
        }
    }
}
