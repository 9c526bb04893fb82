//! The matching engine's entry point: runs every stage (normalize →
//! candidates → score → assign) per population and returns one decision per
//! Pronote user and per ENT account.
//!
//! PLACEHOLDER SIGNATURE: the implementation lands with issue 3.

use crate::model::{EntAccount, PronoteUser};
use crate::outcome::{AccountResult, Reconciliation, Status, UserResult};

/// Thresholds of the assignment (log-likelihood units, base 2).
#[derive(Clone, Debug, PartialEq)]
pub struct MatchSettings {
    /// A fuzzy pair is linked only at or above this score.
    pub accept: f64,
    /// ...and only when it beats every rival, on either side, by this much.
    pub margin: f64,
    /// Candidates below this score are not shown for review.
    pub review_floor: f64,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings { accept: 12.0, margin: 4.0, review_floor: 0.0 }
    }
}

/// Reconciles the ENT accounts with the Pronote users.
pub fn reconcile(
    accounts: &[EntAccount],
    users: &[PronoteUser],
    _settings: &MatchSettings,
) -> Reconciliation {
    Reconciliation {
        users: users
            .iter()
            .map(|_| UserResult { status: Status::Unmatched, linked: None, candidates: vec![], notes: vec![] })
            .collect(),
        accounts: accounts
            .iter()
            .map(|_| AccountResult { status: Status::Unmatched, linked: None, candidates: vec![], notes: vec![] })
            .collect(),
    }
}
