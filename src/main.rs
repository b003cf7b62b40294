use clap::Parser;
use losscape::cli::{Cli, Command};
use losscape::commands::{self, CommandError};
use std::io::Write;

/// Every command ends here: usage errors exit 2, runtime failures 1, each with one line on
/// stderr (clap reports its own parse errors, also with 2).
fn main() {
    let cli = Cli::parse();
    // Not locked for the whole run: the visualizer's signal thread must be able to restore
    // the terminal through stdout while the main thread draws.
    let mut out = std::io::stdout();
    let result: Result<(), CommandError> = match cli.command {
        None => commands::tui::run(&cli.tui),
        Some(Command::Tui(args)) => commands::tui::run(&args),
        Some(Command::Play(args)) => commands::play::run(&args).map_err(Into::into),
        Some(Command::Surfaces) => commands::surfaces::run(&mut out).map_err(Into::into),
        Some(Command::Critical(args)) => commands::critical::run(&args, &mut out),
        Some(Command::Gradcheck(args)) => commands::gradcheck::run(&args, &mut out),
        Some(Command::Run(args)) => commands::run::run(&args, &mut out),
        Some(Command::Explain(args)) => commands::explain::run(&args, &mut out),
        Some(Command::Render(args)) => commands::render::run(&args, &mut out),
        Some(Command::Gif(args)) => commands::gif::run(&args, &mut out),
        Some(Command::Train(args)) => commands::train::run(&args, &mut out),
        Some(Command::Hessian(args)) => commands::hessian::run(&args, &mut out),
        Some(Command::Slice(args)) => commands::slice::run(&args, &mut out),
        Some(Command::Basins(args)) => commands::basins::run(&args, &mut out),
        Some(Command::Sweep(args)) => commands::sweep::run(&args, &mut out),
        Some(Command::Tune(args)) => commands::tune::run(&args, &mut out),
    };
    let result = result.and_then(|()| out.flush().map_err(Into::into));
    std::process::exit(CommandError::report(result));
}
