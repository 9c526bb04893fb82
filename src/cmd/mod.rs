//! One module per subcommand, each running the stages it needs on a
//! resolved configuration and returning the exit status (`match` is a
//! keyword, hence `matching`). In: `config::Config`. Out: `ExitStatus`, or
//! the error `main` prints.

pub mod decide;
pub mod diff;
pub mod explain;
pub mod keygen;
pub mod matching;
pub mod report;
pub mod review;

use crate::config::Config;
use crate::error::{ExitStatus, Result};

/// Runs the subcommand.
pub fn run(config: &Config) -> Result<ExitStatus> {
    match config {
        Config::Match(c) => matching::run(c),
        Config::Report(c) => report::run(c),
        Config::Explain(c) => explain::run(c),
        Config::Decide(c) => decide::run(c),
        Config::Review(c) => review::run(c),
        Config::Keygen(c) => keygen::run(c),
        Config::Diff(c) => diff::run(c),
    }
}
