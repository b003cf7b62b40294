//! Headless subcommands: each writes to stdout and returns an error for the binary to report.

pub mod run;
