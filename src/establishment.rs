//! Establishments (UAI) of a run (issue 4, "Several establishments"): an
//! ENT export may cover a whole territory, while a Pronote list belongs to
//! one establishment. This module decides each list's establishment
//! (`--uai`, or inferred from the accounts its users match exactly, by
//! majority), which accounts belong to the run, and reconciles each
//! establishment on its own: one pool per establishment, so that a user is
//! never linked to an account of another establishment, and the scorer's
//! term frequencies and priors are those of the establishment (the chance
//! that two unrelated people share a name is the chance within the school
//! they are compared in, not within the region).
//!
//! In: the accounts, the users, the lists, the `--uai` values. Out: a
//! [`Plan`] (each list's establishment, each account's establishments) and
//! the merged `Reconciliation`.

use crate::engine::{self, Constraints, ForcedLink, MatchSettings};
use crate::error::{Error, Result};
use crate::model::{BirthDate, EntAccount, EntId, Population, PronoteUser, Text};
use crate::outcome::{AccountResult, Candidate, Reconciliation, Status, UserResult};
use crate::person::Person;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// How a list's establishment was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EstablishmentSource {
    /// Named by `--uai`.
    Given,
    /// The only establishment of the export (or of the `--uai` values).
    Only,
    /// Inferred: `votes` of the list's `voters` users that match an account
    /// exactly match one of this establishment.
    Inferred { votes: usize, voters: usize },
    /// No user of the list matches exactly; every other list of the run
    /// belongs to this establishment.
    WithTheOthers,
}

/// The establishment of one Pronote list: one UAI, or several when one
/// Pronote base covers several establishments (a « cité scolaire », named
/// by several `--uai`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEstablishment {
    pub uais: Vec<String>,
    pub source: EstablishmentSource,
}

/// Share of a list's exactly matched users that must point to one
/// establishment for it to be inferred: a school's own list gives nearly
/// all its votes to it (the rest: homonyms elsewhere in the region, which
/// weigh more in a small list), while a list covering two establishments
/// splits them. The summary states the count, so a doubtful share shows.
const INFERENCE_SHARE: f64 = 0.75;

impl ListEstablishment {
    /// « 0130001A (déduit : 412 comptes sur 415) », for the summary and report.
    pub fn describe(&self) -> String {
        let uais = self.uais.join(" + ");
        match self.source {
            EstablishmentSource::Given => format!("{uais} (--uai)"),
            EstablishmentSource::Only => format!("{uais} (seul établissement de l'export)"),
            EstablishmentSource::WithTheOthers => {
                format!(
                    "{uais} (comme les autres listes : aucun rapprochement exact dans celle-ci)"
                )
            }
            EstablishmentSource::Inferred { votes, voters } => {
                format!("{uais} (déduit des rapprochements exacts : {votes} sur {voters})")
            }
        }
    }
}

/// The establishments of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Per list (by its index among the run's inputs): its establishment,
    /// `None` when the export names no establishment at all.
    pub lists: BTreeMap<usize, Option<ListEstablishment>>,
    /// Per account: the establishments it belongs to (see
    /// [`account_establishments`]).
    pub accounts: Vec<Vec<String>>,
}

/// A UAI as written in the files: trimmed, upper case (`0130001a`).
fn fold_uai(uai: &str) -> String {
    uai.trim().to_ascii_uppercase()
}

/// The establishments of each account: its own `ENTPersonStructRattach`;
/// for a parent without any, its children's (parents are attached through
/// their children's establishments).
pub fn account_establishments(accounts: &[EntAccount]) -> Vec<Vec<String>> {
    let own: Vec<Vec<String>> = accounts
        .iter()
        .map(|a| {
            let mut uais: Vec<String> = a
                .establishments
                .iter()
                .map(|u| fold_uai(u))
                .filter(|u| !u.is_empty())
                .collect();
            uais.sort();
            uais.dedup();
            uais
        })
        .collect();
    let by_id: HashMap<&EntId, usize> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    // Computed before `own` is moved into the result, not copied (a
    // region's million accounts).
    let inherited: Vec<Option<Vec<String>>> = accounts
        .iter()
        .enumerate()
        .map(|(i, account)| {
            if !own[i].is_empty() || account.populations.contains(&Population::Eleves) {
                return None;
            }
            let inherited: BTreeSet<String> = account
                .relatives
                .iter()
                .filter_map(|id| by_id.get(id))
                .filter(|&&c| accounts[c].populations.contains(&Population::Eleves))
                .flat_map(|&c| own[c].iter().cloned())
                .collect();
            Some(inherited.into_iter().collect())
        })
        .collect();
    own.into_iter()
        .zip(inherited)
        .map(|(own, inherited)| inherited.unwrap_or(own))
        .collect()
}

/// The exact key a list's user and an account must share to vote: the
/// population, a last name, the first given name, and the birth date or,
/// without one, the postal code.
type ExactKey<'a> = (
    Population,
    &'a str,
    &'a str,
    Option<BirthDate>,
    Option<&'a str>,
);

/// The folded forms of one account that its exact keys are made of (the
/// rest of its prepared `Person` is not kept: a region has a million).
struct ExactForms {
    last: Vec<Text>,
    given: Text,
    date: Option<BirthDate>,
    postal: Option<Text>,
}

impl ExactForms {
    fn of(account: &EntAccount) -> ExactForms {
        let person = Person::from_account(account);
        ExactForms {
            last: person
                .last
                .iter()
                .map(|l| Text::from(l.full.as_str()))
                .collect(),
            given: Text::from(person.given.first.as_str()),
            date: person.date,
            postal: person.postal.as_deref().map(Text::from),
        }
    }
}

/// The accounts' exact keys, each with its account, sorted (a sorted
/// vector rather than a map: a region's million accounts).
struct ExactIndex<'a>(Vec<(ExactKey<'a>, usize)>);

impl<'a> ExactIndex<'a> {
    fn build(forms: &'a [ExactForms], accounts: &[EntAccount]) -> ExactIndex<'a> {
        let mut keys = Vec::new();
        for (j, (form, account)) in forms.iter().zip(accounts).enumerate() {
            for &population in &account.populations {
                for last in &form.last {
                    if form.date.is_some() {
                        keys.push((
                            (
                                population,
                                last.as_str(),
                                form.given.as_str(),
                                form.date,
                                None,
                            ),
                            j,
                        ));
                    }
                    if let Some(postal) = form.postal.as_deref() {
                        keys.push((
                            (
                                population,
                                last.as_str(),
                                form.given.as_str(),
                                None,
                                Some(postal),
                            ),
                            j,
                        ));
                    }
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        ExactIndex(keys)
    }

    /// The only account with this key, if exactly one has it.
    fn only(&self, key: &ExactKey) -> Option<usize> {
        let start = self.0.partition_point(|(k, _)| k < key);
        match self.0.get(start..).unwrap_or_default() {
            [(first, j), rest @ ..] if first == key => {
                rest.first().is_none_or(|(k, _)| k != key).then_some(*j)
            }
            _ => None,
        }
    }
}

/// Counts, for one list, the establishments of the accounts its users match
/// exactly and unambiguously (one account with the key). Returns the votes
/// per establishment and the number of users that voted.
fn votes(
    index: &ExactIndex,
    establishments: &[Vec<String>],
    users: &[(&PronoteUser, Person)],
) -> (BTreeMap<String, usize>, usize) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut voters = 0;
    for (user, person) in users {
        let key = (
            user.population,
            person.main_last().full.as_str(),
            person.given.first.as_str(),
            person.date,
            if person.date.is_some() {
                None
            } else {
                person.postal.as_deref()
            },
        );
        if key.1.is_empty() || key.2.is_empty() || (key.3.is_none() && key.4.is_none()) {
            continue;
        }
        if let Some(j) = index.only(&key) {
            if !establishments[j].is_empty() {
                voters += 1;
                for uai in &establishments[j] {
                    *counts.entry(uai.clone()).or_default() += 1;
                }
            }
        }
    }
    (counts, voters)
}

/// Decides each list's establishment. `lists` are the lists' input indexes
/// and paths; `given` the `--uai` values: `UAI` for every list, or
/// `LISTE=UAI` for one list (a list too small to be inferred).
pub fn plan(
    accounts: &[EntAccount],
    users: &[PronoteUser],
    lists: &[(usize, PathBuf)],
    given: &[String],
) -> Result<Plan> {
    let establishments = account_establishments(accounts);
    let present: BTreeSet<&String> = establishments.iter().flatten().collect();
    let mut general: BTreeSet<String> = BTreeSet::new();
    let mut per_list: BTreeMap<usize, String> = BTreeMap::new();
    for value in given {
        let uai = match value.rsplit_once('=') {
            Some((file, uai)) => {
                let uai = fold_uai(uai);
                let list = lists
                    .iter()
                    .find(|(_, path)| names_list(path, file.trim()))
                    .ok_or_else(|| {
                        Error::Usage(format!(
                            "--uai {value} : aucune liste « {} » parmi les fichiers donnés.",
                            file.trim()
                        ))
                    })?;
                per_list.insert(list.0, uai.clone());
                uai
            }
            None => {
                let uai = fold_uai(value);
                general.insert(uai.clone());
                uai
            }
        };
        if !present.contains(&uai) {
            return Err(Error::UnknownEstablishment {
                uai,
                present: list_uais(present.iter().map(|u| u.as_str())),
            });
        }
    }
    let choices: Vec<String> = if general.is_empty() {
        present.iter().map(|u| (*u).clone()).collect()
    } else {
        general.iter().cloned().collect()
    };
    let mut plan = Plan {
        lists: BTreeMap::new(),
        accounts: establishments,
    };
    // Prepared only when there is something to infer.
    let forms: Vec<ExactForms> = if choices.len() > 1 {
        accounts.par_iter().map(ExactForms::of).collect()
    } else {
        Vec::new()
    };
    let index = ExactIndex::build(&forms, accounts);
    // Lists that no exact link ties to any establishment.
    let mut silent: Vec<&(usize, PathBuf)> = Vec::new();
    // One pass over the users, not one per list.
    let mut users_of_list: HashMap<usize, Vec<&PronoteUser>> = HashMap::new();
    for user in users {
        users_of_list.entry(user.list).or_default().push(user);
    }
    // Each list's votes, on every core: lists are independent.
    let mut list_votes: Vec<Option<(BTreeMap<String, usize>, usize)>> = lists
        .par_iter()
        .map(|(list, _)| {
            if per_list.contains_key(list) || choices.len() <= 1 {
                return None;
            }
            let list_users: Vec<(&PronoteUser, Person)> = users_of_list
                .get(list)
                .into_iter()
                .flatten()
                .map(|&u| (u, Person::from_user(u)))
                .collect();
            Some(votes(&index, &plan.accounts, &list_users))
        })
        .collect();
    for (entry @ (list, path), list_votes) in lists.iter().zip(&mut list_votes) {
        let chosen = if let Some(uai) = per_list.get(list) {
            Some(ListEstablishment {
                uais: vec![uai.clone()],
                source: EstablishmentSource::Given,
            })
        } else if choices.is_empty() {
            None
        } else if let [only] = choices.as_slice() {
            Some(ListEstablishment {
                uais: vec![only.clone()],
                source: if general.is_empty() {
                    EstablishmentSource::Only
                } else {
                    EstablishmentSource::Given
                },
            })
        } else {
            let (counts, voters) = list_votes.take().unwrap_or_default();
            if voters == 0 && general.is_empty() {
                silent.push(entry);
                continue;
            }
            Some(infer(&counts, voters, &choices, !general.is_empty(), path)?)
        };
        plan.lists.insert(*list, chosen);
    }
    // A list without any exact link (a handful of inspectors) goes with the
    // others when they all belong to one establishment; else it is asked.
    let others: BTreeSet<Option<&[String]>> = plan.keys();
    let common = match others.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(uais)] => Some(uais.to_vec()),
        _ => None,
    };
    for (list, path) in silent {
        let Some(uais) = common.clone() else {
            return Err(Error::AmbiguousEstablishment {
                path: path.clone(),
                detail: "aucun utilisateur de la liste ne correspond exactement à un compte ENT"
                    .to_string(),
                present: list_uais(choices.iter().map(String::as_str)),
            });
        };
        plan.lists.insert(
            *list,
            Some(ListEstablishment {
                uais,
                source: EstablishmentSource::WithTheOthers,
            }),
        );
    }
    Ok(plan)
}

/// True when `file` (as typed after `--uai`) names this list: its path as
/// given, or its file name.
fn names_list(path: &Path, file: &str) -> bool {
    path == Path::new(file) || path.file_name().is_some_and(|n| n == file)
}

/// The establishment a list's votes point to: one that gathers
/// `INFERENCE_SHARE` of them, ahead of every other; when the user named
/// several (`spans`), a list that spans them belongs to all of them.
fn infer(
    counts: &BTreeMap<String, usize>,
    voters: usize,
    choices: &[String],
    spans: bool,
    path: &Path,
) -> Result<ListEstablishment> {
    let mut ranked: Vec<(&String, usize)> = counts
        .iter()
        .filter(|(uai, _)| choices.contains(uai))
        .map(|(uai, &n)| (uai, n))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(uai, n), rest @ ..]
            if *n as f64 >= INFERENCE_SHARE * voters as f64
                && rest.first().is_none_or(|(_, m)| m < n) =>
        {
            Ok(ListEstablishment {
                uais: vec![(*uai).clone()],
                source: EstablishmentSource::Inferred { votes: *n, voters },
            })
        }
        _ if spans => Ok(ListEstablishment {
            uais: choices.to_vec(),
            source: EstablishmentSource::Given,
        }),
        _ => {
            let detail = ranked
                .iter()
                .take(3)
                .map(|(uai, n)| format!("{uai} : {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            Err(Error::AmbiguousEstablishment {
                path: path.to_path_buf(),
                detail: format!(
                    "{voters} utilisateurs correspondent exactement à des comptes de plusieurs établissements ({detail})"
                ),
                present: list_uais(choices.iter().map(String::as_str)),
            })
        }
    }
}

fn list_uais<'a>(uais: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = uais.collect();
    if all.is_empty() {
        "aucun".to_string()
    } else {
        all.join(", ")
    }
}

impl Plan {
    /// The distinct establishments of the lists (`None` when the export
    /// names none).
    fn keys(&self) -> BTreeSet<Option<&[String]>> {
        self.lists
            .values()
            .map(|e| e.as_ref().map(|e| e.uais.as_slice()))
            .collect()
    }

    /// Per account, true when it belongs to this run: attached to one of the
    /// lists' establishments, or attached to none while the run has a single
    /// establishment (with several, an account without establishment could
    /// be anybody's: it is left out rather than guessed).
    pub fn scope(&self) -> Vec<bool> {
        let keys = self.keys();
        let any_list_without = keys.iter().any(Option::is_none);
        let uais: BTreeSet<&str> = keys
            .iter()
            .flatten()
            .flat_map(|k| k.iter().map(String::as_str))
            .collect();
        self.accounts
            .iter()
            .map(|own| match (own.as_slice(), keys.len()) {
                ([], n) => n <= 1,
                (own, _) => any_list_without || own.iter().any(|u| uais.contains(u.as_str())),
            })
            .collect()
    }

    /// The plan restricted to the accounts kept (`keep[j]`), in order.
    pub fn retain_accounts(&mut self, keep: &[bool]) {
        let mut k = keep.iter();
        self.accounts.retain(|_| k.next().copied().unwrap_or(false));
    }
}

/// Reconciles each establishment's lists with its accounts, and merges the
/// results. A staff member or a parent attached to several establishments
/// may be linked once in each (one Pronote base per establishment); the
/// account keeps its first link and notes the others.
pub fn reconcile(
    accounts: &[EntAccount],
    users: &[PronoteUser],
    plan: &Plan,
    settings: &MatchSettings,
    constraints: &Constraints,
) -> Reconciliation {
    let keys = plan.keys();
    let single = keys.len() <= 1;
    // (Whether every account is in scope matters only for a single pool.)
    if single && plan.scope().iter().all(|&k| k) {
        return engine::reconcile_with(accounts, users, settings, constraints);
    }
    let mut result = Reconciliation {
        users: Vec::with_capacity(users.len()),
        accounts: Vec::with_capacity(accounts.len()),
    };
    let mut user_results = vec![None; users.len()];
    let mut account_results: Vec<Option<AccountResult>> = vec![None; accounts.len()];
    // Users and accounts sorted into their pools in one pass each: a region
    // has hundreds of establishments, and a pass over everything per pool
    // would grow with their product.
    let mut users_of: BTreeMap<Option<&[String]>, Vec<usize>> = BTreeMap::new();
    for (i, user) in users.iter().enumerate() {
        if let Some(key) = plan.lists.get(&user.list) {
            let key = key.as_ref().map(|e| e.uais.as_slice());
            users_of.entry(key).or_default().push(i);
        }
    }
    let mut accounts_of: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut without_establishment: Vec<usize> = Vec::new();
    for (j, own) in plan.accounts.iter().enumerate() {
        if own.is_empty() {
            without_establishment.push(j);
        }
        for uai in own {
            accounts_of.entry(uai.as_str()).or_default().push(j);
        }
    }
    // Each pool's users and accounts (global indices, sorted), in the
    // order of the keys.
    let pools: Vec<PoolMembers<'_>> = keys
        .into_iter()
        .map(|key| {
            let pool_users: Vec<usize> = users_of.remove(&key).unwrap_or_default();
            // An account the administrator linked to a user of this pool
            // joins it, whatever its establishment: the decision is theirs.
            let forced_here: BTreeSet<usize> = constraints
                .forced
                .iter()
                .filter(|f| pool_users.binary_search(&f.user).is_ok())
                .map(|f| f.account)
                .collect();
            let mut pool_accounts: Vec<usize> = match key {
                None => (0..accounts.len()).collect(),
                Some(uais) => {
                    let mut pool: Vec<usize> = uais
                        .iter()
                        .filter_map(|u| accounts_of.get(u.as_str()))
                        .flatten()
                        .copied()
                        .collect();
                    if single {
                        pool.extend(&without_establishment);
                    }
                    pool
                }
            };
            pool_accounts.extend(forced_here);
            pool_accounts.sort_unstable();
            pool_accounts.dedup();
            (key, pool_users, pool_accounts)
        })
        .collect();
    // Pools are independent: both cores share them (and each pool's own
    // scoring), a batch at a time so that only a batch's results wait to be
    // merged. The indexed collect keeps the keys' order, and the merge runs
    // in that order, so the result is the one a loop over the pools gives.
    for batch in pools.chunks(POOL_BATCH) {
        let subs: Vec<Reconciliation> = batch
            .par_iter()
            .map(|(_, pool_users, pool_accounts)| {
                let sub_users: Vec<PronoteUser> =
                    pool_users.iter().map(|&i| users[i].clone()).collect();
                let sub_accounts: Vec<EntAccount> =
                    pool_accounts.iter().map(|&j| accounts[j].clone()).collect();
                let sub_constraints = restrict(constraints, pool_users, pool_accounts);
                engine::reconcile_with(&sub_accounts, &sub_users, settings, &sub_constraints)
            })
            .collect();
        for ((key, pool_users, pool_accounts), sub) in batch.iter().zip(subs) {
            merge_pool(
                sub,
                *key,
                pool_users,
                pool_accounts,
                users,
                &mut user_results,
                &mut account_results,
            );
        }
    }
    result.users = user_results
        .into_iter()
        .map(|u| {
            u.unwrap_or(crate::outcome::UserResult {
                status: Status::Unmatched,
                linked: None,
                candidates: vec![],
                notes: vec!["liste sans établissement connu".to_string()],
                existing: None,
            })
        })
        .collect();
    result.accounts = account_results
        .into_iter()
        .map(|a| {
            a.unwrap_or(AccountResult {
                status: Status::Unmatched,
                linked: None,
                candidates: vec![],
                notes: vec![
                    "compte d'un établissement sans liste Pronote dans ce rapprochement"
                        .to_string(),
                ],
            })
        })
        .collect();
    result
}

/// A pool's establishments, users and accounts (global indices, sorted).
type PoolMembers<'a> = (Option<&'a [String]>, Vec<usize>, Vec<usize>);

/// Pools matched together, on every core.
const POOL_BATCH: usize = 16;

/// Puts one pool's results, in its own indices, into the run's slots.
fn merge_pool(
    sub: Reconciliation,
    key: Option<&[String]>,
    pool_users: &[usize],
    pool_accounts: &[usize],
    users: &[PronoteUser],
    user_results: &mut [Option<UserResult>],
    account_results: &mut [Option<AccountResult>],
) {
    for (k, mut user) in sub.users.into_iter().enumerate() {
        user.linked = user.linked.map(|m| pool_accounts[m]);
        remap(&mut user.candidates, pool_accounts);
        user_results[pool_users[k]] = Some(user);
    }
    for (m, mut account) in sub.accounts.into_iter().enumerate() {
        account.linked = account.linked.map(|k| pool_users[k]);
        remap(&mut account.candidates, pool_users);
        let slot = &mut account_results[pool_accounts[m]];
        *slot = Some(match slot.take() {
            None => account,
            Some(earlier) => merge(earlier, account, &key.unwrap_or(&[]).join(" + "), users),
        });
    }
}

/// The constraints of one pool, in its own indices (`users` and
/// `accounts` are the pool's global indices, sorted).
fn restrict(constraints: &Constraints, users: &[usize], accounts: &[usize]) -> Constraints {
    let user = |i: usize| users.binary_search(&i).ok();
    let account = |j: usize| accounts.binary_search(&j).ok();
    Constraints {
        forced: constraints
            .forced
            .iter()
            .filter_map(|f| {
                Some(ForcedLink {
                    user: user(f.user)?,
                    account: account(f.account)?,
                    ..f.clone()
                })
            })
            .collect(),
        vetoed: constraints
            .vetoed
            .iter()
            .filter_map(|&(i, j)| Some((user(i)?, account(j)?)))
            .collect(),
        excluded: constraints
            .excluded
            .iter()
            .filter_map(|(&i, note)| Some((user(i)?, note.clone())))
            .collect(),
    }
}

fn remap(candidates: &mut [Candidate], global: &[usize]) {
    for c in candidates {
        c.other = global[c.other];
    }
}

/// One account seen from two establishments: the first link stays, a
/// second one is noted; candidates are pooled, best first.
fn merge(
    earlier: AccountResult,
    later: AccountResult,
    uai: &str,
    users: &[PronoteUser],
) -> AccountResult {
    let (mut kept, other) = if earlier.linked.is_none() && later.linked.is_some() {
        (later, earlier)
    } else {
        (earlier, later)
    };
    if kept.linked.is_some() {
        if let Some(i) = other.linked {
            let id = users[i]
                .id
                .as_ref()
                .map_or("(sans identifiant)", |id| id.0.as_str());
            kept.notes.push(format!(
                "rapproché aussi dans un autre établissement ({uai}) : utilisateur Pronote {id}"
            ));
        }
    } else if other.status == Status::Review {
        kept.status = Status::Review;
    }
    for note in other.notes {
        if !kept.notes.contains(&note) {
            kept.notes.push(note);
        }
    }
    kept.candidates.extend(other.candidates);
    kept.candidates
        .sort_by(|a, b| b.score.total_cmp(&a.score).then(a.other.cmp(&b.other)));
    kept.candidates.truncate(5);
    kept
}
