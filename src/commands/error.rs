//! The error every command returns, and the one place it becomes an exit code and a line on
//! stderr ([`CommandError::report`]): usage errors exit 2, runtime failures 1.

use crate::commands::play::PlayError;
use crate::tui::TuiError;
use std::io;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Bad input on the command line or in a file it names: exit code 2, like clap's own.
    #[error("{0}")]
    Usage(String),
    /// Something failed while running (no terminal, a file that cannot be written): exit 1.
    #[error("{0}")]
    Failed(String),
    #[error("cannot write output: {0}")]
    Io(#[from] io::Error),
}

impl From<TuiError> for CommandError {
    fn from(e: TuiError) -> Self {
        match e.exit_code() {
            2 => CommandError::Usage(e.to_string()),
            _ => CommandError::Failed(e.to_string()),
        }
    }
}

impl From<PlayError> for CommandError {
    fn from(e: PlayError) -> Self {
        match e.exit_code() {
            2 => CommandError::Usage(e.to_string()),
            _ => CommandError::Failed(e.to_string()),
        }
    }
}

impl CommandError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CommandError::Usage(_) => 2,
            CommandError::Failed(_) | CommandError::Io(_) => 1,
        }
    }

    /// The line(s) for stderr: "error: ..." once (file diagnostics carry their own prefix).
    pub fn message(&self) -> String {
        let text = self.to_string();
        if text.starts_with("error") {
            text
        } else {
            format!("error: {text}")
        }
    }

    /// The exit code of the process for `result`, after printing the error on stderr; a
    /// closed pipe (`losscape run ... | head`) is not a failure.
    pub fn report(result: Result<(), CommandError>) -> i32 {
        match result {
            Ok(()) => 0,
            Err(e) if e.is_broken_pipe() => 0,
            Err(e) => {
                eprintln!("{}", e.message());
                e.exit_code()
            }
        }
    }

    /// A closed pipe (`losscape critical ... | head`) is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CommandError::Io(e) if is_broken_pipe(e))
    }
}

/// Also looks inside wrapped errors: the csv writer turns a closed pipe into `Other`.
fn is_broken_pipe(e: &io::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
            // An io::Error's wrapped payload is reached through get_ref, not source.
            if let Some(inner) = io.get_ref() {
                cause = Some(inner);
                continue;
            }
        }
        if let Some(csv::ErrorKind::Io(io)) = c.downcast_ref::<csv::Error>().map(csv::Error::kind)
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return true;
        }
        cause = c.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_behind_the_csv_writer_is_still_a_closed_pipe() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        let through_csv: io::Error = csv::Error::from(pipe).into();
        assert!(CommandError::Io(through_csv).is_broken_pipe());
        assert!(!CommandError::Io(io::Error::other("disk full")).is_broken_pipe());
        assert!(!CommandError::Usage("bad".into()).is_broken_pipe());
    }

    #[test]
    fn usage_is_2_runtime_is_1_and_error_is_said_once() {
        let usage = CommandError::Usage("unknown surface 'x'".into());
        assert_eq!(
            (usage.exit_code(), usage.message()),
            (2, "error: unknown surface 'x'".into())
        );
        let diagnostic = CommandError::Usage("error: bad value\n --> a.toml:2:3".into());
        assert!(diagnostic.message().starts_with("error: bad value"));
        assert_eq!(CommandError::from(TuiError::NotATerminal).exit_code(), 1);
        assert_eq!(CommandError::report(Ok(())), 0);
    }
}
