//! Identifiers already in the Pronote lists (issue 5, "Existing
//! identifiers"): `Identifiant ENT` from earlier years, and the ENT login
//! Pronote kept in `Identifiant CAS` (seeds 001 and 004: it goes stale when
//! a user changes login, and is reset every year).
//!
//! Each is checked against the export and the run: confirmed, not
//! confirmed, stale (no account carries it any more) or in conflict (another
//! user carries it too, or the run links either side elsewhere). The policy
//! (`--existing`) says what they are worth:
//! - `keep`: valid ones are links made before matching (status « identifiant
//!   existant »), after the manual decisions;
//! - `verify` (default): the matcher decides alone; an existing id it does
//!   not confirm sends its user to review, with the reason;
//! - `reset`: ignored, and every one cleared.
//!
//! Whatever the policy, the import file carries the run's links only: an
//! existing `Identifiant ENT` that the run does not link is cleared, and an
//! `Identifiant CAS` is kept only when it is the linked account's login
//! (never with `reset`).
//!
//! In: records, the policy, the run's result. Out: forced links (`keep`),
//! then an [`ExistingCheck`] on each user that carries an identifier.

use crate::constraints::same_pool;
use crate::engine::{Constraints, ForcedLink};
use crate::model::{EntAccount, PronoteUser, Text};
use crate::outcome::{ExistingCheck, ExistingState, Reconciliation, Status};
use std::collections::HashMap;

/// `--existing`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExistingPolicy {
    /// Valid existing identifiers are kept as links.
    Keep,
    /// Kept only when the matcher agrees; else to review.
    #[default]
    Verify,
    /// Ignored and cleared: the yearly reset.
    Reset,
}

impl ExistingPolicy {
    /// Parses `keep`, `verify` or `reset` (or the French `garder`,
    /// `verifier`, `effacer`).
    pub fn from_name(name: &str) -> Option<ExistingPolicy> {
        match crate::normalize::name::fold(name).as_str() {
            "keep" | "garder" => Some(ExistingPolicy::Keep),
            "verify" | "verifier" => Some(ExistingPolicy::Verify),
            "reset" | "effacer" => Some(ExistingPolicy::Reset),
            _ => None,
        }
    }
}

/// Where a user's existing identifier points.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// The account carrying it.
    Account(usize),
    /// No account carries it.
    Missing,
}

/// The existing identifier of a user: `Identifiant ENT`, else the account
/// whose login is the `Identifiant CAS`.
struct Existing {
    shown: String,
    target: Target,
    /// What was found, for messages: « identifiant ENT » or « login CAS ».
    what: &'static str,
}

struct Lookup<'a> {
    by_id: HashMap<&'a str, usize>,
    /// Lower-cased logins, stored in place when short.
    by_login: HashMap<Text, usize>,
}

impl<'a> Lookup<'a> {
    /// The maps the users' identifiers need: none is built for lists that
    /// carry no identifier (a region's million accounts cost seconds).
    fn new(accounts: &'a [EntAccount], users: &[PronoteUser]) -> Lookup<'a> {
        let ids = users.iter().any(|u| u.existing_ent_id.is_some());
        let logins = users
            .iter()
            .any(|u| u.existing_ent_id.is_none() && u.cas_id.is_some());
        Lookup {
            by_id: if ids {
                accounts
                    .iter()
                    .enumerate()
                    .map(|(j, a)| (a.id.0.as_str(), j))
                    .collect()
            } else {
                HashMap::new()
            },
            by_login: if logins {
                accounts
                    .iter()
                    .enumerate()
                    .filter_map(|(j, a)| Some((Text::from(a.login.as_deref()?.to_lowercase()), j)))
                    .collect()
            } else {
                HashMap::new()
            },
        }
    }

    fn existing(&self, user: &PronoteUser) -> Option<Existing> {
        if let Some(id) = &user.existing_ent_id {
            let target = self
                .by_id
                .get(id.0.as_str())
                .map_or(Target::Missing, |&j| Target::Account(j));
            return Some(Existing {
                shown: id.0.to_string(),
                target,
                what: "identifiant ENT",
            });
        }
        let login = user.cas_id.as_deref()?;
        let target = self
            .by_login
            .get(login.to_lowercase().as_str())
            .map_or(Target::Missing, |&j| Target::Account(j));
        Some(Existing {
            shown: login.to_string(),
            target,
            what: "login CAS",
        })
    }
}

/// True when the row carries an identifier of an earlier year.
fn carries_identifier(user: &PronoteUser) -> bool {
    user.existing_ent_id.is_some() || user.cas_id.is_some()
}

/// How many users point at each account.
fn claims(lookup: &Lookup, users: &[PronoteUser]) -> HashMap<usize, usize> {
    let mut claims: HashMap<usize, usize> = HashMap::new();
    for user in users {
        if let Some(Existing {
            target: Target::Account(j),
            ..
        }) = lookup.existing(user)
        {
            *claims.entry(j).or_default() += 1;
        }
    }
    claims
}

/// `--existing keep`: adds a forced link for each valid existing identifier
/// whose user and account the decisions leave free.
pub fn keep_links(accounts: &[EntAccount], users: &[PronoteUser], constraints: &mut Constraints) {
    let lookup = Lookup::new(accounts, users);
    let claims = claims(&lookup, users);
    let mut taken_users: Vec<bool> = vec![false; users.len()];
    let mut taken_accounts: Vec<bool> = vec![false; accounts.len()];
    for f in &constraints.forced {
        taken_users[f.user] = true;
        taken_accounts[f.account] = true;
    }
    let mut kept = Vec::new();
    for (i, user) in users.iter().enumerate() {
        let Some(Existing {
            target: Target::Account(j),
            what,
            ..
        }) = lookup.existing(user)
        else {
            continue;
        };
        let free = !taken_users[i]
            && !taken_accounts[j]
            && !constraints.excluded.contains_key(&i)
            && !constraints.vetoed.contains(&(i, j))
            && claims.get(&j) == Some(&1)
            && same_pool(user, &accounts[j]);
        if free {
            taken_accounts[j] = true;
            kept.push(ForcedLink {
                user: i,
                account: j,
                status: Status::Kept,
                note: format!("{what} déjà présent dans Pronote, conservé (--existing keep)"),
            });
        }
    }
    constraints.forced.extend(kept);
}

/// Checks every existing identifier against the run's result, records the
/// check on its user, and (`verify`) sends to review the users whose
/// identifier the run does not confirm.
pub fn check(
    accounts: &[EntAccount],
    users: &[PronoteUser],
    policy: ExistingPolicy,
    result: &mut Reconciliation,
) {
    // Lists without identifiers (a first year) need no lookup of a
    // region's million accounts.
    if !users.iter().any(carries_identifier) {
        return;
    }
    let lookup = Lookup::new(accounts, users);
    let claims = claims(&lookup, users);
    for (i, user) in users.iter().enumerate() {
        let Some(existing) = lookup.existing(user) else {
            continue;
        };
        let Some(outcome) = result.users.get(i) else {
            continue;
        };
        let linked = outcome.linked;
        let (state, reason) = if policy == ExistingPolicy::Reset {
            (
                ExistingState::Cleared,
                "effacé (--existing reset)".to_string(),
            )
        } else if outcome.status == Status::Excluded {
            (
                ExistingState::Cleared,
                "effacé : décision « delier »".to_string(),
            )
        } else {
            match existing.target {
                Target::Missing => (
                    ExistingState::Stale,
                    format!(
                        "{} {} : aucun compte de l'export ne le porte (périmé, effacé)",
                        existing.what, existing.shown
                    ),
                ),
                Target::Account(j) if linked == Some(j) => (
                    ExistingState::Confirmed,
                    format!("{} {} : confirmé", existing.what, existing.shown),
                ),
                Target::Account(j) => {
                    let account_elsewhere = result
                        .accounts
                        .get(j)
                        .and_then(|a| a.linked)
                        .is_some_and(|u| u != i);
                    let twice = claims.get(&j).copied().unwrap_or(0) > 1;
                    if let Some(k) = linked {
                        let new = accounts.get(k).map(|a| a.id.0.as_str()).unwrap_or("?");
                        (
                            ExistingState::Conflict,
                            format!(
                                "{} {} : remplacé par le compte {new}, que le rapprochement désigne",
                                existing.what, existing.shown
                            ),
                        )
                    } else if account_elsewhere {
                        (
                            ExistingState::Conflict,
                            format!(
                                "{} {} : ce compte est rapproché d'un autre utilisateur (effacé)",
                                existing.what, existing.shown
                            ),
                        )
                    } else if twice {
                        (
                            ExistingState::Conflict,
                            format!(
                                "{} {} : porté aussi par un autre utilisateur Pronote (effacé)",
                                existing.what, existing.shown
                            ),
                        )
                    } else {
                        (
                            ExistingState::Unconfirmed,
                            format!(
                                "{} {} : non confirmé par le rapprochement (effacé) ; à vérifier, puis « rapproche link » pour le garder",
                                existing.what, existing.shown
                            ),
                        )
                    }
                }
            }
        };
        // An `Identifiant ENT` was checked; the CAS login beside it, if it
        // is not the linked account's, is cleared too: say so.
        let reason = match (&user.existing_ent_id, user.cas_id.as_deref()) {
            (Some(_), Some(login)) if state != ExistingState::Cleared => {
                let linked_account = linked.and_then(|j| accounts.get(j));
                if kept_cas_login(user, linked_account, policy).is_some() {
                    reason
                } else {
                    format!("{reason} ; login CAS {login} périmé (effacé)")
                }
            }
            _ => reason,
        };
        let Some(outcome) = result.users.get_mut(i) else {
            continue;
        };
        // Anything but a stale id deserves a look when the user is left
        // without link (verify; with keep, only conflicts get here).
        if !outcome.status.is_linked()
            && outcome.status != Status::Excluded
            && matches!(state, ExistingState::Unconfirmed | ExistingState::Conflict)
        {
            outcome.status = Status::Review;
        }
        outcome.existing = Some(ExistingCheck {
            id: existing.shown,
            state,
            reason,
        });
    }
}

/// The `Identifiant CAS` the import file keeps for a user: its current one
/// when it is the login of the account the run links (and not `reset`),
/// else none (cleared).
pub fn kept_cas_login<'a>(
    user: &'a PronoteUser,
    linked: Option<&EntAccount>,
    policy: ExistingPolicy,
) -> Option<&'a str> {
    let login = user.cas_id.as_deref()?;
    let linked_login = linked?.login.as_deref()?;
    (policy != ExistingPolicy::Reset && login.eq_ignore_ascii_case(linked_login)).then_some(login)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests;
