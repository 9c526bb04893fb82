//! `rapproche keygen`: creates the establishment's age identity.
//!
//! PLACEHOLDER: the lead wires `keys::generate_identity` here.

use crate::config::KeygenConfig;
use crate::error::{Error, ExitStatus, Result};

/// Runs `keygen`.
pub fn run(_config: &KeygenConfig) -> Result<ExitStatus> {
    Err(Error::Usage("pas encore branché".into()))
}
