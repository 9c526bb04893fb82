//! The `rapproche` command: parses the command line, resolves it into a
//! configuration, runs the subcommand, prints the error once, and returns
//! the exit code documented in `rapproche(1)`.

use clap::Parser;
use rapproche::cli::{Cli, french_parse_error};
use rapproche::config::Config;
use rapproche::{ExitStatus, cmd};
use std::process::ExitCode;

// The engine makes and frees millions of short strings on both cores:
// glibc's allocator took about a quarter of the CPU of a regional run
// (README, « Performances »); jemalloc is faster there and holds less.
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            return match french_parse_error(&error) {
                Some(message) => fail(&message, ExitStatus::Usage),
                // Help and version: clap prints them (help on a bare
                // `rapproche` is a usage error, exit 2).
                None => {
                    let _ = error.print();
                    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
                }
            };
        }
    };
    let outcome = Config::from_cli(cli).and_then(|config| cmd::run(&config));
    match outcome {
        Ok(status) => ExitCode::from(status.code()),
        Err(error) => fail(&error.to_string(), error.exit_status()),
    }
}

fn fail(message: &str, status: ExitStatus) -> ExitCode {
    eprintln!("rapproche : erreur : {message}");
    ExitCode::from(status.code())
}
