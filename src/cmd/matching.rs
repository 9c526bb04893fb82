//! `rapproche match`: reads the inputs, reconciles, writes the import files
//! and saves the run's result.
//!
//! PLACEHOLDER: the lead wires the readers and the engine here.

use crate::config::MatchConfig;
use crate::error::{Error, ExitStatus, Result};

/// Runs `match`.
pub fn run(_config: &MatchConfig) -> Result<ExitStatus> {
    Err(Error::Usage("pas encore branché".into()))
}
