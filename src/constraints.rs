//! Turns the administrator's decisions (file of ids, `decisions`) into the
//! engine's constraints (indexes, `engine::Constraints`), and says which
//! decisions no longer apply: an id that left the export or the lists, two
//! links claiming one account, a link to an account of another population.
//! Nothing is silently dropped: every decision is applied or reported.
//!
//! In: the decisions and the run's records. Out: [`Resolved`].

use crate::assign::PoolKind;
use crate::decisions::{Action, Decision, Decisions};
use crate::engine::{Constraints, ForcedLink};
use crate::model::{EntAccount, EntId, PronoteUser};
use crate::outcome::Status;
use std::collections::HashMap;

/// The decisions, resolved against the run's records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    pub constraints: Constraints,
    /// How many decisions apply.
    pub applied: usize,
    /// The decisions that do not apply, one French sentence each (ids
    /// only, no names).
    pub problems: Vec<String>,
    /// The rejections that apply: (user, account), for the users' notes.
    pub rejections: Vec<(usize, usize, String)>,
}

/// Resolves the decisions against the records.
pub fn resolve(decisions: &Decisions, accounts: &[EntAccount], users: &[PronoteUser]) -> Resolved {
    // Nothing to resolve: no index of a region's million records either.
    if decisions.is_empty() {
        return Resolved::default();
    }
    let mut user_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, user) in users.iter().enumerate() {
        if let Some(id) = &user.id {
            user_of.entry(id.0.as_str()).or_default().push(i);
        }
    }
    let account_of: HashMap<&str, usize> = accounts
        .iter()
        .enumerate()
        .map(|(j, a)| (a.id.0.as_str(), j))
        .collect();

    // The last link or unlink of a user wins (the file may be edited by
    // hand); a rejection of the same pair beats a link.
    let mut last_choice: HashMap<&str, usize> = HashMap::new();
    let all: Vec<&Decision> = decisions.iter().collect();
    for (n, d) in all.iter().enumerate() {
        if matches!(d.action, Action::Link(_) | Action::Unlink) {
            last_choice.insert(d.pronote.0.as_str(), n);
        }
    }
    let mut claims: HashMap<&EntId, Vec<&str>> = HashMap::new();
    for (n, d) in all.iter().enumerate() {
        if let Action::Link(ent) = &d.action
            && last_choice.get(d.pronote.0.as_str()) == Some(&n)
        {
            claims.entry(ent).or_default().push(d.pronote.0.as_str());
        }
    }

    let mut resolved = Resolved::default();
    for (n, d) in all.iter().enumerate() {
        let line = format!("« {d} »");
        let user = match user_of.get(d.pronote.0.as_str()).map(Vec::as_slice) {
            Some([i]) => *i,
            Some(_) => {
                resolved.problems.push(format!(
                    "{line} : l'identifiant PRONOTE-ENT {} est sur plusieurs lignes des listes",
                    d.pronote
                ));
                continue;
            }
            None => {
                resolved.problems.push(format!(
                    "{line} : l'utilisateur Pronote {} n'est plus dans les listes",
                    d.pronote
                ));
                continue;
            }
        };
        let account = match d.ent() {
            Some(ent) => match account_of.get(ent.0.as_str()) {
                Some(&j) => Some(j),
                None => {
                    resolved.problems.push(format!(
                        "{line} : le compte ENT {ent} n'est plus dans l'export"
                    ));
                    continue;
                }
            },
            None => None,
        };
        let date = d
            .date
            .as_deref()
            .map(|date| format!(" du {date}"))
            .unwrap_or_default();
        match (&d.action, account) {
            (Action::Link(ent), Some(j)) => {
                if last_choice.get(d.pronote.0.as_str()) != Some(&n) {
                    resolved.problems.push(format!(
                        "{line} : remplacée par une décision plus loin dans le fichier"
                    ));
                } else if claims.get(ent).is_some_and(|c| c.len() > 1) {
                    resolved.problems.push(format!(
                        "{line} : le compte ENT {ent} est aussi lié à un autre utilisateur par une autre décision ; aucune des deux n'est appliquée"
                    ));
                } else if all.iter().any(|r| {
                    r.pronote == d.pronote && matches!(&r.action, Action::Reject(e) if e == ent)
                }) {
                    resolved.problems.push(format!(
                        "{line} : contredite par un « refuser » du même couple ; le refus l'emporte"
                    ));
                } else if !same_pool(&users[user], &accounts[j]) {
                    resolved.problems.push(format!(
                        "{line} : le compte ENT {ent} n'est pas de la population {} ; vérifiez les identifiants",
                        users[user].population.label()
                    ));
                } else {
                    resolved.constraints.forced.push(ForcedLink {
                        user,
                        account: j,
                        status: Status::Manual,
                        note: format!("décision manuelle{date} : lier à {ent}"),
                    });
                    resolved.applied += 1;
                }
            }
            (Action::Unlink, _) => {
                if last_choice.get(d.pronote.0.as_str()) != Some(&n) {
                    resolved.problems.push(format!(
                        "{line} : remplacée par une décision plus loin dans le fichier"
                    ));
                } else {
                    resolved.constraints.excluded.insert(
                        user,
                        format!("décision manuelle{date} : pas de compte ENT (delier)"),
                    );
                    resolved.applied += 1;
                }
            }
            (Action::Reject(ent), Some(j)) => {
                resolved.constraints.vetoed.insert((user, j));
                resolved.rejections.push((
                    user,
                    j,
                    format!("décision manuelle{date} : jamais le compte ENT {ent} (refuser)"),
                ));
                resolved.applied += 1;
            }
            // A link or rejection always names an account (parse checks it).
            (_, None) => {}
        }
    }
    resolved
}

/// True when the account may belong to the user's pool.
pub fn same_pool(user: &PronoteUser, account: &EntAccount) -> bool {
    let kind = pool_of(user.population);
    account.populations.iter().any(|&p| pool_of(p) == kind)
}

fn pool_of(population: crate::model::Population) -> PoolKind {
    use crate::model::Population::*;
    match population {
        Eleves => PoolKind::Students,
        Responsables => PoolKind::Parents,
        Professeurs | Personnels | Inspecteurs => PoolKind::Staff,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::parse;
    use crate::model::{Personal, Population, PronoteId};

    fn user(id: &str, population: Population) -> PronoteUser {
        PronoteUser {
            list: 0,
            row: 0,
            line: 2,
            population,
            id: Some(PronoteId(id.into())),
            last_name: Personal::new("X"),
            given_names: Personal::new("Y"),
            birth_date: Default::default(),
            class: None,
            postal_code: None,
            civility: None,
            children: vec![],
            existing_ent_id: None,
            cas_id: None,
        }
    }

    fn account(id: &str, population: Population) -> EntAccount {
        EntAccount {
            id: EntId(id.into()),
            populations: vec![population],
            ..EntAccount::default()
        }
    }

    const A: &str = "AAAAAAAAAAAAAAAA";
    const B: &str = "BBBBBBBBBBBBBBBB";
    const C: &str = "CCCCCCCCCCCCCCCC";

    fn records() -> (Vec<EntAccount>, Vec<PronoteUser>) {
        (
            vec![
                account("e1", Population::Eleves),
                account("e2", Population::Eleves),
                account("p1", Population::Responsables),
            ],
            vec![
                user(A, Population::Eleves),
                user(B, Population::Eleves),
                user(C, Population::Responsables),
            ],
        )
    }

    #[test]
    fn decisions_applied_or_reported() {
        let (accounts, users) = records();
        let cases: [(&str, &str, usize, &[&str]); 9] = [
            ("link", "lier AAAAAAAAAAAAAAAA e1", 1, &[]),
            ("unlink", "delier AAAAAAAAAAAAAAAA", 1, &[]),
            ("reject", "refuser AAAAAAAAAAAAAAAA e1", 1, &[]),
            (
                "user gone",
                "lier DDDDDDDDDDDDDDDD e1",
                0,
                &["n'est plus dans les listes"],
            ),
            (
                "account gone",
                "lier AAAAAAAAAAAAAAAA e9",
                0,
                &["n'est plus dans l'export"],
            ),
            (
                "one account claimed twice",
                "lier AAAAAAAAAAAAAAAA e1\nlier BBBBBBBBBBBBBBBB e1",
                0,
                &["aucune des deux", "aucune des deux"],
            ),
            (
                "later choice wins",
                "lier AAAAAAAAAAAAAAAA e1\ndelier AAAAAAAAAAAAAAAA",
                1,
                &["remplacée par une décision plus loin"],
            ),
            (
                "rejection beats link",
                "lier AAAAAAAAAAAAAAAA e1\nrefuser AAAAAAAAAAAAAAAA e1",
                1,
                &["le refus l'emporte"],
            ),
            (
                "other population",
                "lier CCCCCCCCCCCCCCCC e1",
                0,
                &["n'est pas de la population Responsables"],
            ),
        ];
        for (name, text, applied, problems) in cases {
            let resolved = resolve(&parse(text).unwrap(), &accounts, &users);
            assert_eq!(resolved.applied, applied, "{name}");
            assert_eq!(resolved.problems.len(), problems.len(), "{name}");
            for (got, want) in resolved.problems.iter().zip(problems) {
                assert!(got.contains(want), "{name}: {got}");
            }
        }
    }

    #[test]
    fn constraints_in_indexes() {
        let (accounts, users) = records();
        let text = "lier AAAAAAAAAAAAAAAA e2 2026-09-14\ndelier BBBBBBBBBBBBBBBB\nrefuser CCCCCCCCCCCCCCCC p1";
        let resolved = resolve(&parse(text).unwrap(), &accounts, &users);
        let c = &resolved.constraints;
        assert_eq!(c.forced.len(), 1);
        assert_eq!((c.forced[0].user, c.forced[0].account), (0, 1));
        assert_eq!(c.forced[0].status, Status::Manual);
        assert_eq!(
            c.forced[0].note,
            "décision manuelle du 2026-09-14 : lier à e2"
        );
        assert!(c.excluded.contains_key(&1));
        assert!(c.vetoed.contains(&(2, 2)));
    }

    fn student(n: usize, last: &str, given: &str, date: &str) -> (EntAccount, PronoteUser) {
        let mut a = account(&format!("e{n}"), Population::Eleves);
        a.last_name = Personal::new(last);
        a.given_name = Personal::new(given);
        a.birth_date = crate::normalize::date::parse_date(date);
        a.classes = vec!["5A".into()];
        let mut u = user(&format!("{n:A>16}"), Population::Eleves);
        u.last_name = Personal::new(last);
        u.given_names = Personal::new(given);
        u.birth_date = a.birth_date.clone();
        u.class = Some("5A".into());
        (a, u)
    }

    /// The engine under constraints: forced links first, excluded users
    /// and vetoed pairs out of the pools.
    #[test]
    fn engine_applies_the_constraints() {
        use crate::engine::{MatchSettings, reconcile, reconcile_with};
        let names = [
            ("DUPONT", "Léa", "14/03/2011"),
            ("MARTIN", "Paul", "01/01/2011"),
            ("DURAND", "Tom", "02/02/2011"),
            ("BERNARD", "Inès", "03/04/2011"),
            ("PETIT", "Hugo", "05/06/2011"),
            ("ROBERT", "Chloé", "07/08/2011"),
        ];
        let (accounts, users): (Vec<_>, Vec<_>) = names
            .iter()
            .enumerate()
            .map(|(n, (l, g, d))| student(n, l, g, d))
            .unzip();
        let settings = MatchSettings::default();
        let plain = reconcile(&accounts, &users, &settings);
        for (i, r) in plain.users.iter().enumerate() {
            assert_eq!((r.status, r.linked), (Status::Exact, Some(i)), "user {i}");
        }
        let mut constraints = Constraints::default();
        constraints.forced.push(ForcedLink {
            user: 0,
            account: 1,
            status: Status::Manual,
            note: "décision manuelle".into(),
        });
        constraints.excluded.insert(1, "pas de compte ENT".into());
        constraints.vetoed.insert((2, 2));
        let r = reconcile_with(&accounts, &users, &settings, &constraints);
        assert_eq!(
            (r.users[0].status, r.users[0].linked),
            (Status::Manual, Some(1))
        );
        assert_eq!(r.accounts[1].linked, Some(0));
        assert_eq!(r.users[0].notes, ["décision manuelle"]);
        assert_eq!(
            (r.users[1].status, r.users[1].linked),
            (Status::Excluded, None)
        );
        assert_eq!(r.users[2].linked, None);
        assert!(r.users[2].candidates.iter().all(|c| c.other != 2));
        assert!(!r.accounts[0].status.is_linked() && !r.accounts[2].status.is_linked());
        // The others are linked as before (their scores move a little:
        // the pool is smaller).
        for i in 3..names.len() {
            assert_eq!(
                (r.users[i].status, r.users[i].linked),
                (Status::Exact, Some(i))
            );
        }
    }
}
