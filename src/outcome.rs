//! What the matching engine decides, per Pronote user and per ENT account,
//! with the evidence behind each decision. These types are the contract
//! between the engine, the run's saved result (state), the reports and
//! `explain`; they hold indexes into the run's input vectors, not copies.

mod level;

pub use level::Level;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where an account ends up after a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Linked on the exact normalized keys, unambiguously.
    Exact,
    /// Linked by the fuzzy fallback: score above the acceptance threshold
    /// and ahead of every rival, on either side, by the margin.
    Fuzzy,
    /// Has candidates, but none can be linked safely: a human decides.
    Review,
    /// No candidate worth showing.
    Unmatched,
    /// Linked by the administrator's decision (`rapproche link`).
    Manual,
    /// Linked by the identifier already in the Pronote list
    /// (`--existing keep`).
    Kept,
    /// Never linked, by the administrator's decision (`rapproche unlink`).
    Excluded,
}

impl Status {
    /// True for the two linked statuses.
    pub fn is_linked(self) -> bool {
        matches!(
            self,
            Status::Exact | Status::Fuzzy | Status::Manual | Status::Kept
        )
    }

    /// French label for reports.
    pub fn label(self) -> &'static str {
        match self {
            Status::Exact => "rapproché (exact)",
            Status::Fuzzy => "rapproché (approché)",
            Status::Review => "à vérifier",
            Status::Unmatched => "non rapproché",
            Status::Manual => "rapproché (décision manuelle)",
            Status::Kept => "rapproché (identifiant existant)",
            Status::Excluded => "sans compte ENT (décision manuelle)",
        }
    }
}

/// The compared field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    LastName,
    GivenName,
    BirthDate,
    PostalCode,
    Class,
    Children,
    Civility,
}

impl Field {
    /// French label for reports and `explain`.
    pub fn label(self) -> &'static str {
        match self {
            Field::LastName => "Nom",
            Field::GivenName => "Prénom",
            Field::BirthDate => "Né(e) le",
            Field::PostalCode => "Code postal",
            Field::Class => "Classe",
            Field::Children => "Enfants",
            Field::Civility => "Civilité",
        }
    }
}

/// One field's comparison: its level (a short French phrase such as
/// « identique », « inversion jour/mois ») and the log-likelihood weight it
/// adds to the score. The level is a number into the table of phrases
/// (`level`): a region's run holds tens of millions of comparisons, 16
/// bytes each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub field: Field,
    pub level: Level,
    pub weight: f64,
}

/// Why a candidate was linked, left to review or rejected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub linked: bool,
    /// A French sentence: « lien exact unique », « écart insuffisant avec
    /// le candidat suivant (0,8 < 3,0) », « score sous le seuil »...
    /// Shared: a region's run repeats a few hundred sentences over millions
    /// of candidates.
    pub reason: Arc<str>,
}

/// A scored pair: one ENT account seen from a Pronote user (or the reverse).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Index of the ENT account (in `Reconciliation`'s account list) or of
    /// the Pronote user, depending on the side it is listed on.
    pub other: usize,
    pub score: f64,
    /// Shared by the pair's two sides (the user's candidate and the
    /// account's), which compare the same fields.
    pub comparisons: Arc<[Comparison]>,
    pub verdict: Verdict,
    /// Calibrated probability that the pair is the same person, given its
    /// rivals on both sides (`score::probability`); absent in results saved
    /// before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
}

/// The decision for one Pronote user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserResult {
    pub status: Status,
    /// The linked ENT account, by index.
    pub linked: Option<usize>,
    /// Candidates, best first (at most a handful).
    pub candidates: Vec<Candidate>,
    /// Problems found in the row itself (an invalid date, ...), in French.
    pub notes: Vec<String>,
    /// The check of the identifier already in the Pronote list, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing: Option<ExistingCheck>,
}

/// What became of an identifier already in the Pronote list
/// (`Identifiant ENT`, or the login in `Identifiant CAS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExistingState {
    /// The run links the user to the same account.
    Confirmed,
    /// The account exists, but the run does not link this pair.
    Unconfirmed,
    /// No account of the export carries it any more.
    Stale,
    /// Another user carries it too, or the run links either side elsewhere.
    Conflict,
    /// Cleared without check (`--existing reset`, or a `delier` decision).
    Cleared,
}

impl ExistingState {
    /// French label for reports.
    pub fn label(self) -> &'static str {
        match self {
            ExistingState::Confirmed => "confirmé",
            ExistingState::Unconfirmed => "non confirmé",
            ExistingState::Stale => "périmé",
            ExistingState::Conflict => "en conflit",
            ExistingState::Cleared => "effacé",
        }
    }

    /// True for the states a report of problems lists.
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            ExistingState::Unconfirmed | ExistingState::Stale | ExistingState::Conflict
        )
    }
}

/// The check of one existing identifier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExistingCheck {
    /// The identifier as found (`Identifiant ENT`, else the CAS login).
    pub id: String,
    pub state: ExistingState,
    /// Why, in French.
    pub reason: String,
}

/// The decision for one ENT account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountResult {
    pub status: Status,
    /// The linked Pronote user, by index.
    pub linked: Option<usize>,
    /// Candidates, best first: `other` is a Pronote user index.
    pub candidates: Vec<Candidate>,
    pub notes: Vec<String>,
}

/// The whole decision of a run: `users[i]` is about Pronote user `i`,
/// `accounts[j]` about ENT account `j`, in the engine's input order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reconciliation {
    pub users: Vec<UserResult>,
    pub accounts: Vec<AccountResult>,
}
