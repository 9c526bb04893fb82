//! Reports on a saved run: the summary per population and the list of
//! accounts, as a table, CSV, JSON or an HTML page. In: a `RunState` and a filter. Out:
//! strings or bytes; the renderers never touch the disk (hyperfine's
//! exporters), `cmd::report` prints or writes them.
//!
//! The rows are built here once, for every renderer: one row per Pronote
//! user (with its linked ENT id), plus one row per ENT account that is not
//! linked (side « ENT »), so that every account appears exactly once.

pub mod children;
pub mod csv;
pub mod diff;
pub mod html;
pub mod json;
pub mod summary;
pub mod table;

use crate::config::ReportFilter;
use crate::model::{DateField, EntAccount, Population, PronoteUser};
use crate::outcome::{Candidate, Field, Status};
use crate::state::RunState;

/// The warning every report file carries (JSON field, table footer).
pub const PERSONAL_DATA_NOTICE: &str =
    "Ce rapport contient des données personnelles : ne le diffusez pas, supprimez-le après usage.";

/// The columns of the accounts list, in the table and in CSV.
pub const LIST_HEADER: [&str; 11] = [
    "Source",
    "Population",
    "Statut",
    "Nom",
    "Prénom",
    "Né(e) le",
    "Code postal",
    "Classe",
    "Identifiant PRONOTE-ENT",
    "Identifiant ENT",
    "Candidats les plus proches",
];

/// How many candidates a row lists.
const ROW_CANDIDATES: usize = 3;

/// Which side of the reconciliation a row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Pronote,
    Ent,
}

impl Side {
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Side::Pronote => "Pronote",
            Side::Ent => "ENT",
        }
    }
}

/// One line of the accounts list, values as read from the files (not yet
/// sanitized: each renderer escapes for its medium).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub side: Side,
    /// `None` for an ENT account whose profile maps to no population.
    pub population: Option<Population>,
    pub status: Status,
    pub last_name: String,
    pub given_names: String,
    pub birth_date: String,
    pub postal_code: String,
    pub class: String,
    pub pronote_id: String,
    pub ent_id: String,
    /// Nearest candidates, for rows to review or unmatched.
    pub candidates: Vec<CandidateLine>,
    /// What the administrator should know first: the manual decision
    /// behind the row, or the problem with its existing identifier.
    pub remarks: Vec<String>,
    /// True when the existing identifier is stale, in conflict or not
    /// confirmed (`--stale-ids`).
    pub existing_problem: bool,
}

/// A candidate as a report shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateLine {
    /// The other side's id (ENT id, or Pronote id, or « ligne N »).
    pub id: String,
    pub score: f64,
    /// The fields that disagree (« Né(e) le : différente »), then the verdict.
    pub reasons: Vec<String>,
}

impl CandidateLine {
    /// One-line form: `id (9,5) : Né(e) le : différente ; score sous le seuil`.
    pub fn short(&self) -> String {
        format!(
            "{} ({}) : {}",
            self.id,
            score_text(self.score),
            self.reasons.join(" ; ")
        )
    }
}

/// A score with one decimal and the French decimal comma.
pub fn score_text(score: f64) -> String {
    format!("{score:.1}").replace('.', ",")
}

/// A date field as shown: the date, the invalid text as typed, or empty.
pub fn date_text(date: &DateField) -> String {
    match date {
        DateField::Absent => String::new(),
        DateField::Valid(d) => d.to_string(),
        DateField::Invalid(text) => text.clone(),
    }
}

/// The population an ENT account is counted in: its linked user's, else
/// the first it may belong to.
pub fn account_population(state: &RunState, account: usize) -> Option<Population> {
    let linked = state
        .reconciliation
        .accounts
        .get(account)
        .and_then(|r| r.linked);
    linked
        .and_then(|u| state.users.get(u))
        .map(|u| u.population)
        .or_else(|| {
            state
                .accounts
                .get(account)
                .and_then(|a| a.populations.iter().min().copied())
        })
}

/// The id shown for a Pronote user: its Pronote id, else its line.
pub fn user_label(state: &RunState, user: &PronoteUser) -> String {
    match &user.id {
        Some(id) => id.to_string(),
        None => {
            let file = state
                .inputs
                .get(user.list)
                .map(|f| f.path.display().to_string());
            match file {
                Some(file) => format!("{file}, ligne {}", user.line),
                None => format!("ligne {}", user.line),
            }
        }
    }
}

/// The rows of the accounts list, in a stable order (population, then side,
/// then input order), keeping those the filter selects.
pub fn rows(state: &RunState, filter: &ReportFilter) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, user) in state.users.iter().enumerate() {
        let Some(result) = state.reconciliation.users.get(i) else {
            continue;
        };
        let linked = result.linked.and_then(|j| state.accounts.get(j));
        let mut remarks: Vec<String> = Vec::new();
        if matches!(
            result.status,
            Status::Manual | Status::Kept | Status::Excluded
        ) {
            remarks.extend(result.notes.last().cloned());
        }
        let existing_problem = result
            .existing
            .as_ref()
            .is_some_and(|e| e.state.is_problem());
        if let Some(check) = result.existing.as_ref().filter(|e| e.state.is_problem()) {
            remarks.push(check.reason.clone());
        }
        rows.push(Row {
            side: Side::Pronote,
            population: Some(user.population),
            status: result.status,
            last_name: user.last_name.as_str().to_string(),
            given_names: user.given_names.as_str().to_string(),
            birth_date: date_text(&user.birth_date),
            postal_code: user.postal_code.as_deref().unwrap_or_default().to_string(),
            class: user.class.as_deref().unwrap_or_default().to_string(),
            pronote_id: user
                .id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            ent_id: linked.map(|a| a.id.to_string()).unwrap_or_default(),
            candidates: if result.status.is_linked() {
                linked_children_line(&result.candidates, result.linked, |k| {
                    state.accounts.get(k).map(|a| a.id.to_string())
                })
            } else {
                candidate_lines(result.status, &result.candidates, |k| {
                    state.accounts.get(k).map(|a| a.id.to_string())
                })
            },
            remarks,
            existing_problem,
        });
    }
    for (j, account) in state.accounts.iter().enumerate() {
        let Some(result) = state.reconciliation.accounts.get(j) else {
            continue;
        };
        if result.status.is_linked() {
            continue; // already shown on its Pronote user's row
        }
        rows.push(ent_row(
            state,
            j,
            account,
            result.status,
            &result.candidates,
        ));
    }
    rows.retain(|row| selected(row, filter));
    rows.sort_by_key(|row| {
        (
            row.population.is_none(),
            row.population,
            row.side == Side::Ent,
        )
    });
    rows
}

fn ent_row(
    state: &RunState,
    j: usize,
    account: &EntAccount,
    status: Status,
    candidates: &[Candidate],
) -> Row {
    Row {
        side: Side::Ent,
        population: account_population(state, j),
        status,
        last_name: account.last_name.as_str().to_string(),
        given_names: given_names_of(account),
        birth_date: date_text(&account.birth_date),
        postal_code: account
            .postal_code
            .as_deref()
            .unwrap_or_default()
            .to_string(),
        class: account.classes.join(", "),
        pronote_id: String::new(),
        ent_id: account.id.to_string(),
        candidates: candidate_lines(status, candidates, |k| {
            state.users.get(k).map(|u| user_label(state, u))
        }),
        remarks: Vec::new(),
        existing_problem: false,
    }
}

/// All given names of an account: `ENTPersonAutresPrenoms` when present
/// (it usually repeats the first), else `givenName`.
pub fn given_names_of(account: &EntAccount) -> String {
    let mut names: Vec<&str> = vec![account.given_name.as_str()];
    for other in &account.other_given_names {
        if !names.contains(&other.as_str()) {
            names.push(other.as_str());
        }
    }
    names.retain(|n| !n.trim().is_empty());
    names.join(" ")
}

fn candidate_lines(
    status: Status,
    candidates: &[Candidate],
    other_id: impl Fn(usize) -> Option<String>,
) -> Vec<CandidateLine> {
    if status.is_linked() {
        return Vec::new();
    }
    candidates
        .iter()
        .take(ROW_CANDIDATES)
        .map(|c| {
            let mut reasons: Vec<String> = children::short_reason(c).into_iter().collect();
            reasons.extend(
                c.comparisons
                    .iter()
                    .filter(|cmp| cmp.weight < 0.0 && cmp.field != Field::Children)
                    .map(|cmp| format!("{} : {}", cmp.field.label(), cmp.level)),
            );
            reasons.push(c.verdict.reason.to_string());
            CandidateLine {
                id: other_id(c.other).unwrap_or_else(|| "?".into()),
                score: c.score,
                reasons,
            }
        })
        .collect()
}

/// A linked parent's row: the linked account with what the children say
/// (« enfants communs : 2 »), when they say something.
fn linked_children_line(
    candidates: &[Candidate],
    linked: Option<usize>,
    other_id: impl Fn(usize) -> Option<String>,
) -> Vec<CandidateLine> {
    candidates
        .iter()
        .filter(|c| Some(c.other) == linked)
        .filter_map(|c| {
            Some(CandidateLine {
                id: other_id(c.other).unwrap_or_else(|| "?".into()),
                score: c.score,
                reasons: vec![children::short_reason(c)?],
            })
        })
        .collect()
}

fn selected(row: &Row, filter: &ReportFilter) -> bool {
    (!filter.unmatched || !row.status.is_linked())
        && filter.population.is_none_or(|p| row.population == Some(p))
        && filter.status.is_none_or(|s| row.status == s)
        && (!filter.stale_ids || row.existing_problem)
}

#[cfg(test)]
pub(crate) mod fixture;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn ids(rows: &[Row]) -> Vec<(Side, String, String)> {
        rows.iter()
            .map(|r| (r.side, r.pronote_id.clone(), r.ent_id.clone()))
            .collect()
    }

    #[test]
    fn every_account_appears_once() {
        let state = fixture::state();
        let all = rows(&state, &ReportFilter::default());
        // 4 Pronote users + 1 ENT account not linked.
        assert_eq!(all.len(), 5);
        let expected = [
            (Side::Pronote, "AAAAAAAAAAAAAAA1", "ent-lea"),
            (Side::Pronote, "AAAAAAAAAAAAAAA2", ""),
            (Side::Pronote, "AAAAAAAAAAAAAAA3", ""),
            (Side::Ent, "", "ent-tom"),
            (Side::Pronote, "AAAAAAAAAAAAAAA4", "ent-paul"),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(s, p, e)| (*s, p.to_string(), e.to_string()))
            .collect();
        assert_eq!(ids(&all), expected);
    }

    #[test]
    fn filters() {
        let state = fixture::state();
        let cases = [
            (
                "unmatched",
                ReportFilter {
                    unmatched: true,
                    ..Default::default()
                },
                vec!["AAAAAAAAAAAAAAA2", "AAAAAAAAAAAAAAA3", "ent-tom"],
            ),
            (
                "unmatched students",
                ReportFilter {
                    unmatched: true,
                    population: Some(Population::Eleves),
                    status: None,
                    stale_ids: false,
                },
                vec!["AAAAAAAAAAAAAAA2", "AAAAAAAAAAAAAAA3", "ent-tom"],
            ),
            (
                "parents",
                ReportFilter {
                    population: Some(Population::Responsables),
                    ..Default::default()
                },
                vec!["AAAAAAAAAAAAAAA4"],
            ),
            (
                "review",
                ReportFilter {
                    status: Some(Status::Review),
                    ..Default::default()
                },
                vec!["AAAAAAAAAAAAAAA2", "ent-tom"],
            ),
            (
                "exact and unmatched",
                ReportFilter {
                    unmatched: true,
                    status: Some(Status::Exact),
                    ..Default::default()
                },
                vec![],
            ),
            (
                "teachers",
                ReportFilter {
                    population: Some(Population::Professeurs),
                    ..Default::default()
                },
                vec![],
            ),
        ];
        for (name, filter, expected) in cases {
            let got: Vec<String> = rows(&state, &filter)
                .into_iter()
                .map(|r| {
                    if r.pronote_id.is_empty() {
                        r.ent_id
                    } else {
                        r.pronote_id
                    }
                })
                .collect();
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn candidates_shown_only_when_not_linked() {
        let state = fixture::state();
        let all = rows(&state, &ReportFilter::default());
        assert!(all[0].candidates.is_empty(), "linked row");
        assert_eq!(
            all[1].candidates[0].short(),
            "ent-tom (8,5) : Né(e) le : inversion jour/mois ; écart insuffisant avec le candidat suivant (1,0 < 4,0)"
        );
        assert_eq!(all[3].candidates[0].id, "AAAAAAAAAAAAAAA2");
    }

    #[test]
    fn given_names_do_not_repeat_the_first() {
        let state = fixture::state();
        assert_eq!(given_names_of(&state.accounts[0]), "Léa Marie");
    }
}
