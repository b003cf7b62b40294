use anyhow::Result;
use clap::Parser;
use losscape::cli::{Cli, Command, TuiArgs};
use losscape::surface::{BUILTIN_NAMES, builtin};

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        None => tui(TuiArgs::default())?,
        Some(Command::Tui(args)) => tui(args)?,
        Some(Command::Surfaces) => {
            for name in BUILTIN_NAMES {
                if let Some(s) = builtin(name) {
                    println!("{:<16} {}", s.name(), s.formula());
                }
            }
        }
    }
    Ok(())
}

fn tui(args: TuiArgs) -> Result<()> {
    let opts = losscape::tui::TuiOptions {
        surface: args.surface,
        specs: args.opts,
        start: args.start,
        seed: args.seed,
        color: None,
    };
    match losscape::tui::run(opts) {
        // Not a terminal: say what to use instead, plainly (no backtrace), and fail.
        Err(e @ losscape::tui::TuiError::NotATerminal) => {
            eprintln!("losscape: {e}");
            std::process::exit(1);
        }
        r => Ok(r?),
    }
}
