//! The error a headless command returns, and the exit code it maps to.

use std::io;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Bad input on the command line: exit code 2, like clap's own usage errors.
    #[error("{0}")]
    Usage(String),
    #[error("cannot write output: {0}")]
    Io(#[from] io::Error),
}

impl CommandError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CommandError::Usage(_) => 2,
            CommandError::Io(_) => 1,
        }
    }

    /// A closed pipe (`losscape critical ... | head`) is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CommandError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
