use anyhow::Result;
use clap::Parser;
use losscape::cli::{Cli, Command};
use losscape::surface::{BUILTIN_NAMES, builtin};

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Run(args)) => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = losscape::commands::run::execute(&args, &mut out) {
                eprintln!("error: {e}");
                std::process::exit(e.exit_code());
            }
        }
        None | Some(Command::Surfaces) => {
            for name in BUILTIN_NAMES {
                if let Some(s) = builtin(name) {
                    println!("{:<16} {}", s.name(), s.formula());
                }
            }
        }
    }
    Ok(())
}
