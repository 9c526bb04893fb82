//! What changed between two runs' results (`rapproche diff`): for each
//! Pronote user, a new link, a lost link, another ENT id, or another status.
//! In: two `RunState`s. Out: `Change`s, and their table, CSV or JSON
//! renderings (pure: `cmd::diff` prints them).
//!
//! A user is the same in both runs when its `Identifiant PRONOTE-ENT` is the
//! same; a row without one is recognised by its population, names and birth
//! date (folded), the n-th such row of one run paired with the n-th of the
//! other. Outputs are deterministic, so two identical runs give no change.

use crate::config::status_name;
use crate::model::{Population, PronoteUser};
use crate::normalize::name::fold;
use crate::outcome::Status;
use crate::report::csv::neutralize;
use crate::report::summary::population_label;
use crate::report::{PERSONAL_DATA_NOTICE, date_text};
use crate::sanitize;
use crate::state::RunState;
use serde::Serialize;
use std::collections::BTreeMap;

/// The kinds of change, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Linked now, not before (or new in the lists).
    NewLink,
    /// Linked before, not now (or gone from the lists).
    LostLink,
    /// Linked in both runs, to different ENT accounts.
    ChangedId,
    /// Same link (or none in both), another status.
    StatusChanged,
}

impl ChangeKind {
    /// French label for the table.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::NewLink => "nouveau lien",
            ChangeKind::LostLink => "lien perdu",
            ChangeKind::ChangedId => "identifiant changé",
            ChangeKind::StatusChanged => "statut changé",
        }
    }

    /// Name for CSV and JSON (ASCII, like the status names).
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::NewLink => "nouveau-lien",
            ChangeKind::LostLink => "lien-perdu",
            ChangeKind::ChangedId => "identifiant-change",
            ChangeKind::StatusChanged => "statut-change",
        }
    }
}

/// One user's change. `None` on a side where the user is absent.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub population: Population,
    pub last_name: String,
    pub given_names: String,
    pub birth_date: String,
    pub pronote_id: String,
    pub old_ent_id: Option<String>,
    pub new_ent_id: Option<String>,
    pub old_status: Option<Status>,
    pub new_status: Option<Status>,
}

/// A user's state in one run: its status and linked ENT id.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    status: Status,
    ent_id: Option<String>,
}

/// The users of a run by identity key; several for homonyms without id.
fn by_key(state: &RunState) -> BTreeMap<String, Vec<usize>> {
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, user) in state.users.iter().enumerate() {
        map.entry(key(user)).or_default().push(index);
    }
    map
}

fn key(user: &PronoteUser) -> String {
    match &user.id {
        Some(id) => format!("id:{id}"),
        None => format!(
            "nom:{}|{}|{}|{}",
            user.population.cli_name(),
            fold(user.last_name.as_str()),
            fold(user.given_names.as_str()),
            date_text(&user.birth_date)
        ),
    }
}

fn seen(state: &RunState, user: usize) -> Option<Seen> {
    let result = state.reconciliation.users.get(user)?;
    Some(Seen {
        status: result.status,
        ent_id: result
            .linked
            .and_then(|a| state.accounts.get(a))
            .map(|a| a.id.to_string()),
    })
}

/// The changes from `old` to `new`, sorted by kind, population, name.
pub fn compare(old: &RunState, new: &RunState) -> Vec<Change> {
    let (old_keys, new_keys) = (by_key(old), by_key(new));
    let mut changes = Vec::new();
    let mut keys: Vec<&String> = old_keys.keys().chain(new_keys.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let olds = old_keys.get(key).map_or(&[][..], Vec::as_slice);
        let news = new_keys.get(key).map_or(&[][..], Vec::as_slice);
        for n in 0..olds.len().max(news.len()) {
            let before = olds.get(n).and_then(|&u| seen(old, u));
            let after = news.get(n).and_then(|&u| seen(new, u));
            let Some(kind) = kind_of(before.as_ref(), after.as_ref()) else {
                continue;
            };
            // Names as the newer run has them, else as the older had.
            let user = match news.get(n) {
                Some(&u) => &new.users[u],
                None => &old.users[olds[n]],
            };
            changes.push(Change {
                kind,
                population: user.population,
                last_name: user.last_name.as_str().to_string(),
                given_names: user.given_names.as_str().to_string(),
                birth_date: date_text(&user.birth_date),
                pronote_id: user.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                old_ent_id: before.as_ref().and_then(|s| s.ent_id.clone()),
                new_ent_id: after.as_ref().and_then(|s| s.ent_id.clone()),
                old_status: before.map(|s| s.status),
                new_status: after.map(|s| s.status),
            });
        }
    }
    changes.sort_by(|a, b| {
        (
            a.kind,
            a.population,
            fold(&a.last_name),
            fold(&a.given_names),
            &a.pronote_id,
        )
            .cmp(&(
                b.kind,
                b.population,
                fold(&b.last_name),
                fold(&b.given_names),
                &b.pronote_id,
            ))
    });
    changes
}

/// What changed for one user, if anything.
fn kind_of(before: Option<&Seen>, after: Option<&Seen>) -> Option<ChangeKind> {
    let old_link = before.and_then(|s| s.ent_id.as_ref());
    let new_link = after.and_then(|s| s.ent_id.as_ref());
    match (old_link, new_link) {
        (None, Some(_)) => Some(ChangeKind::NewLink),
        (Some(_), None) => Some(ChangeKind::LostLink),
        (Some(a), Some(b)) if a != b => Some(ChangeKind::ChangedId),
        _ => match (before, after) {
            (Some(a), Some(b)) if a.status != b.status => Some(ChangeKind::StatusChanged),
            _ => None,
        },
    }
}

/// The columns of the table and the CSV.
const HEADER: [&str; 9] = [
    "Changement",
    "Population",
    "Nom",
    "Prénom",
    "Identifiant PRONOTE-ENT",
    "Ancien identifiant ENT",
    "Nouvel identifiant ENT",
    "Ancien statut",
    "Nouveau statut",
];

/// A status as the table shows it; « absent » when the user is not in
/// that run.
fn status_label(status: Option<Status>) -> &'static str {
    status.map_or("absent", Status::label)
}

/// The table: the changes, then a count per kind.
pub fn table(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "Aucune différence entre les deux résultats.\n".to_string();
    }
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_FULL)
        .force_no_tty()
        .set_header(HEADER);
    let clean = |text: &str| sanitize::field(text).into_owned();
    for change in changes {
        table.add_row([
            change.kind.label().to_string(),
            population_label(Some(change.population)).to_string(),
            clean(&change.last_name),
            clean(&change.given_names),
            clean(&change.pronote_id),
            clean(change.old_ent_id.as_deref().unwrap_or_default()),
            clean(change.new_ent_id.as_deref().unwrap_or_default()),
            status_label(change.old_status).to_string(),
            status_label(change.new_status).to_string(),
        ]);
    }
    let counts: Vec<String> = [
        ChangeKind::NewLink,
        ChangeKind::LostLink,
        ChangeKind::ChangedId,
        ChangeKind::StatusChanged,
    ]
    .into_iter()
    .map(|kind| {
        let n = changes.iter().filter(|c| c.kind == kind).count();
        format!("{} : {n}", kind.label())
    })
    .collect();
    format!("{table}\n{}.\n{PERSONAL_DATA_NOTICE}\n", counts.join(", "))
}

/// The CSV: `;` separated, UTF-8 with a BOM, CRLF, as the report's.
pub fn csv(changes: &[Change]) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = writer.write_record(HEADER);
    for change in changes {
        let cells = [
            change.kind.name(),
            change.population.cli_name(),
            &change.last_name,
            &change.given_names,
            &change.pronote_id,
            change.old_ent_id.as_deref().unwrap_or_default(),
            change.new_ent_id.as_deref().unwrap_or_default(),
            change.old_status.map_or("", status_name),
            change.new_status.map_or("", status_name),
        ];
        let _ = writer.write_record(cells.iter().map(|cell| neutralize(cell)));
    }
    writer.into_inner().unwrap_or_default()
}

#[derive(Serialize)]
struct DiffJson<'a> {
    avertissement: &'static str,
    version: u32,
    changements: Vec<ChangeJson<'a>>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    changement: &'static str,
    population: Population,
    nom: &'a str,
    prenom: &'a str,
    date_naissance: Option<&'a str>,
    identifiant_pronote: Option<&'a str>,
    ancien_identifiant_ent: Option<&'a str>,
    nouvel_identifiant_ent: Option<&'a str>,
    ancien_statut: Option<&'static str>,
    nouveau_statut: Option<&'static str>,
}

/// The JSON: the personal-data notice, then the changes.
pub fn json(changes: &[Change]) -> Vec<u8> {
    let non_empty = |s: &str| !s.is_empty();
    let value = DiffJson {
        avertissement: PERSONAL_DATA_NOTICE,
        version: 1,
        changements: changes
            .iter()
            .map(|c| ChangeJson {
                changement: c.kind.name(),
                population: c.population,
                nom: &c.last_name,
                prenom: &c.given_names,
                date_naissance: Some(c.birth_date.as_str()).filter(|s| non_empty(s)),
                identifiant_pronote: Some(c.pronote_id.as_str()).filter(|s| non_empty(s)),
                ancien_identifiant_ent: c.old_ent_id.as_deref(),
                nouvel_identifiant_ent: c.new_ent_id.as_deref(),
                ancien_statut: c.old_status.map(status_name),
                nouveau_statut: c.new_status.map(status_name),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
