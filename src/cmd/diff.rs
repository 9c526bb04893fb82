//! `rapproche diff OLD NEW`: loads two runs' results (state directories or
//! `resultat.json` files), lists what changed, and exits like diff(1): 0
//! without change, 1 with changes. In: `DiffConfig`. Out: the changes on
//! standard output.

use crate::config::{DiffConfig, ReportFormat};
use crate::error::{ExitStatus, Result};
use crate::report::diff;
use crate::state;

/// Runs `diff`.
pub fn run(config: &DiffConfig) -> Result<ExitStatus> {
    let old = state::load_any(&config.old)?;
    let new = state::load_any(&config.new)?;
    let changes = diff::compare(&old, &new);
    let bytes = match config.format {
        ReportFormat::Table => diff::table(&changes).into_bytes(),
        ReportFormat::Csv => diff::csv(&changes),
        // Refused when the configuration is resolved.
        ReportFormat::Json | ReportFormat::Html => diff::json(&changes),
    };
    super::report::print(&bytes, config.format)?;
    Ok(if changes.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::LeftToReview
    })
}
