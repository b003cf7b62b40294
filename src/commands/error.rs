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
}
