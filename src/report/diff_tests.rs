#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use crate::model::{EntId, Personal};
use crate::outcome::UserResult;
use crate::report::fixture;

/// The sample run a year later: Léa has another ENT account, Tom is now
/// linked, Paul lost his link, Chloé went from unmatched to review, and a
/// new student without a Pronote id arrived, linked.
fn next_year() -> RunState {
    let mut state = fixture::state();
    let mut other = state.accounts[0].clone();
    other.id = EntId("ent-lea-2".into());
    state.accounts.push(other);
    state.reconciliation.users[0].linked = Some(3);
    state.reconciliation.users[1].status = Status::Fuzzy;
    state.reconciliation.users[1].linked = Some(1);
    state.reconciliation.users[3].status = Status::Review;
    state.reconciliation.users[3].linked = None;
    state.reconciliation.users[2].status = Status::Review;
    let mut ana = state.users[1].clone();
    ana.id = None;
    ana.last_name = Personal::new("NOUVEAU");
    ana.given_names = Personal::new("Ana");
    state.users.push(ana);
    state.reconciliation.users.push(UserResult {
        status: Status::Exact,
        linked: Some(1),
        candidates: vec![],
        notes: vec![],
        existing: None,
    });
    state
}

#[test]
fn identical_runs_have_no_change() {
    let state = fixture::state();
    assert_eq!(compare(&state, &state), []);
    assert_eq!(table(&[]), "Aucune différence entre les deux résultats.\n");
}

#[test]
fn every_kind_of_change() {
    let changes = compare(&fixture::state(), &next_year());
    type Line<'a> = (
        ChangeKind,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<Status>,
        Option<Status>,
    );
    let summary: Vec<Line> = changes
        .iter()
        .map(|c| {
            (
                c.kind,
                c.last_name.as_str(),
                c.old_ent_id.as_deref(),
                c.new_ent_id.as_deref(),
                c.old_status,
                c.new_status,
            )
        })
        .collect();
    use ChangeKind::*;
    use Status::*;
    assert_eq!(
        summary,
        [
            (
                NewLink,
                "MARTIN",
                None,
                Some("ent-tom"),
                Some(Review),
                Some(Fuzzy)
            ),
            (NewLink, "NOUVEAU", None, Some("ent-tom"), None, Some(Exact)),
            (
                LostLink,
                "DURAND",
                Some("ent-paul"),
                None,
                Some(Exact),
                Some(Review)
            ),
            (
                ChangedId,
                "DUPONT",
                Some("ent-lea"),
                Some("ent-lea-2"),
                Some(Exact),
                Some(Exact)
            ),
            (
                StatusChanged,
                "BERNARD",
                None,
                None,
                Some(Unmatched),
                Some(Review)
            ),
        ]
    );
    // The other way round, the arrival is a departure with a lost link.
    let back = compare(&next_year(), &fixture::state());
    let ana = back.iter().find(|c| c.last_name == "NOUVEAU").unwrap();
    assert_eq!((ana.kind, ana.new_status), (LostLink, None));
}

#[test]
fn renderings() {
    let changes = compare(&fixture::state(), &next_year());
    let text = table(&changes);
    assert!(text.contains("│ identifiant changé ┆ Élèves"), "{text}");
    assert!(
        text.contains(
            "nouveau lien : 2, lien perdu : 1, identifiant changé : 1, statut changé : 1."
        )
    );
    let csv = String::from_utf8(csv(&changes)).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], HEADER.join(";"));
    assert_eq!(
        lines[4],
        "identifiant-change;eleves;DUPONT;Léa Marie;AAAAAAAAAAAAAAA1;ent-lea;ent-lea-2;exact;exact"
    );
    let value: serde_json::Value = serde_json::from_slice(&json(&changes)).unwrap();
    assert_eq!(value["changements"].as_array().unwrap().len(), 5);
    assert_eq!(
        value["changements"][1]["identifiant_pronote"],
        serde_json::Value::Null
    );
    assert_eq!(
        value["changements"][1]["ancien_statut"],
        serde_json::Value::Null
    );
    assert_eq!(value["changements"][2]["changement"], "lien-perdu");
}
