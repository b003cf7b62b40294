use anyhow::Result;
use clap::Parser;
use losscape::cli::{Cli, Command};
use losscape::surface::{BUILTIN_NAMES, builtin};

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
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
