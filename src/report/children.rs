//! Children as evidence for a parent pair, as `explain` and `report` show
//! it (issue 4): which children tie a Pronote responsable to an ENT parent
//! account (children in common), which set them apart (a child linked to
//! another account), and which only share a name. In: the saved run, a
//! Pronote parent and an ENT account. Out: French lines (`explain`) or a
//! short phrase (`report`); pure, nothing is written.

use crate::family::{child_key, student_keys};
use crate::model::{EntAccount, EntId, Population};
use crate::outcome::{Candidate, Field};
use crate::state::RunState;
use std::collections::HashMap;

/// The short form of a candidate's children comparison, for the report:
/// « enfants communs : 2 », « enfant en conflit »...
pub fn short_reason(candidate: &Candidate) -> Option<String> {
    let cmp = candidate
        .comparisons
        .iter()
        .find(|c| c.field == Field::Children)?;
    let level = cmp.level.as_ref();
    Some(
        if let Some(n) = level.strip_prefix("enfants en commun : ") {
            format!("enfants communs : {n}")
        } else if level.starts_with("enfants rapprochés") {
            "enfant en conflit".to_string()
        } else if level.starts_with("enfant de même nom") {
            "enfant de même nom (non rapproché)".to_string()
        } else if level.ends_with("l'autre parent concorde") {
            "enfants nommés autrement, même couple".to_string()
        } else if level.starts_with("enfants nommés autrement") {
            "enfants nommés autrement".to_string()
        } else {
            level.to_string()
        },
    )
}

/// What each child says about the pair (Pronote user `user`, ENT account
/// `account`), one line per child, Pronote's children first, then the ENT
/// account's children that Pronote does not name. Empty when the user is
/// not a responsable or neither side names children.
pub fn evidence_lines(state: &RunState, user: usize, account: usize) -> Vec<String> {
    let (Some(parent), Some(ent_parent)) = (state.users.get(user), state.accounts.get(account))
    else {
        return Vec::new();
    };
    if parent.population != Population::Responsables {
        return Vec::new();
    }
    let by_id: HashMap<&EntId, usize> = state
        .accounts
        .iter()
        .enumerate()
        .map(|(j, a)| (&a.id, j))
        .collect();
    let ent_children: Vec<usize> = ent_parent
        .relatives
        .iter()
        .filter_map(|id| by_id.get(id).copied())
        .filter(|&c| state.accounts[c].populations.contains(&Population::Eleves))
        .collect();
    let mut students_by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in state.users.iter().enumerate() {
        if u.population == Population::Eleves {
            for key in student_keys(u) {
                students_by_key.entry(key).or_default().push(i);
            }
        }
    }
    let linked_account = |student: usize| {
        state
            .reconciliation
            .users
            .get(student)
            .and_then(|r| r.linked)
    };
    let mut lines = Vec::new();
    let mut explained: Vec<usize> = Vec::new();
    for child in &parent.children {
        let name = child.as_str();
        let key = child_key(name);
        let line = match students_by_key.get(&key).map(Vec::as_slice) {
            None | Some([]) => match ent_children
                .iter()
                .find(|&&c| account_keys(&state.accounts[c]).contains(&key))
            {
                Some(&c) => {
                    explained.push(c);
                    format!(
                        "{name} : absent de la liste des élèves ; même nom que l'enfant ENT {}",
                        state.accounts[c].id
                    )
                }
                None => format!("{name} : absent de la liste des élèves"),
            },
            Some([student]) => match linked_account(*student) {
                Some(c) if ent_children.contains(&c) => {
                    explained.push(c);
                    format!(
                        "{name} : en commun (élève rapproché du compte {}, enfant de ce compte)",
                        state.accounts[c].id
                    )
                }
                Some(c) => format!(
                    "{name} : en conflit (élève rapproché du compte {}, qui n'est pas un enfant de ce compte)",
                    state.accounts[c].id
                ),
                None => match ent_children
                    .iter()
                    .find(|&&c| account_keys(&state.accounts[c]).contains(&key))
                {
                    Some(&c) => {
                        explained.push(c);
                        format!(
                            "{name} : élève non rapproché, même nom que l'enfant ENT {}",
                            state.accounts[c].id
                        )
                    }
                    None => format!("{name} : élève non rapproché"),
                },
            },
            Some(_) => format!("{name} : plusieurs élèves portent ce nom"),
        };
        lines.push(format!("côté Pronote, {line}"));
    }
    for &c in &ent_children {
        if explained.contains(&c) {
            continue;
        }
        let child = &state.accounts[c];
        let who = format!(
            "{} {} {}",
            child.id,
            child.last_name.as_str(),
            child.given_name.as_str()
        );
        let owner = state
            .reconciliation
            .accounts
            .get(c)
            .and_then(|r| r.linked)
            .and_then(|i| state.users.get(i));
        lines.push(match owner {
            Some(student) => format!(
                "côté ENT, {who} : rapproché de l'élève {} {}, que ce responsable ne nomme pas",
                student.last_name.as_str(),
                student.given_names.as_str()
            ),
            None => format!("côté ENT, {who} : non rapproché"),
        });
    }
    lines
}

/// Keys under which an ENT child may be named by a Pronote parent.
fn account_keys(account: &EntAccount) -> Vec<String> {
    let last = child_key(account.last_name.as_str());
    let first = child_key(account.given_name.as_str());
    let mut all = first.clone();
    for other in &account.other_given_names {
        let other = child_key(other.as_str());
        if other != first {
            all.push_str(&other);
        }
    }
    vec![format!("{last}{first}"), format!("{last}{all}")]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{Comparison, Verdict};

    fn with_children(level: Option<&str>) -> Candidate {
        let mut comparisons = vec![Comparison {
            field: Field::LastName,
            level: "identique".into(),
            weight: 7.0,
        }];
        if let Some(level) = level {
            comparisons.push(Comparison {
                field: Field::Children,
                level: level.to_string().into(),
                weight: 0.0,
            });
        }
        Candidate {
            other: 0,
            score: 0.0,
            comparisons: comparisons.into(),
            verdict: Verdict {
                linked: false,
                reason: "".into(),
            },
            probability: None,
        }
    }

    #[test]
    fn short_reasons() {
        let cases = [
            ("no children compared", None, None),
            (
                "two in common",
                Some("enfants en commun : 2"),
                Some("enfants communs : 2"),
            ),
            (
                "conflict",
                Some("enfants rapprochés à d'autres comptes"),
                Some("enfant en conflit"),
            ),
            (
                "same name",
                Some("enfant de même nom (non rapproché)"),
                Some("enfant de même nom (non rapproché)"),
            ),
            (
                "named otherwise",
                Some("enfants nommés autrement (aucun en commun)"),
                Some("enfants nommés autrement"),
            ),
            (
                "named otherwise, the same couple",
                Some("enfants nommés autrement, mais l'autre parent concorde"),
                Some("enfants nommés autrement, même couple"),
            ),
        ];
        for (name, level, expected) in cases {
            assert_eq!(
                short_reason(&with_children(level)).as_deref(),
                expected,
                "{name}"
            );
        }
    }
}
