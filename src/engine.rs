//! The matching engine's entry point: prepares every record (`person`),
//! then, pool by pool (students, staff, then parents, who use their
//! children's links as evidence), finds candidates (`candidates`), scores
//! them (`score`) and decides (`assign`). Returns one decision per Pronote
//! user and per ENT account, with the ranked candidates and the reasons.

use crate::assign::{self, PairContext, PoolKind};
use crate::candidates::BlockIndex;
use crate::family::Families;
use crate::model::{DateField, EntAccount, Population, PronoteUser};
use crate::normalize::date::invalid_date_message;
use crate::outcome::{
    AccountResult, Candidate, Comparison, Reconciliation, Status, UserResult, Verdict,
};
use crate::person::Person;
use crate::score::frequency::Frequencies;
use crate::score::{ChildrenEvidence, PairScore, Scorer};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Thresholds of the assignment, in bits of posterior log-odds (see `score`).
#[derive(Clone, Debug, PartialEq)]
pub struct MatchSettings {
    /// A pair is linked only at or above this score.
    pub accept: f64,
    /// ...and only when it beats every rival, on either side, by this much.
    pub margin: f64,
    /// An unlinked account whose best candidate reaches this score is « à
    /// vérifier »; below, « non rapproché ».
    pub review_floor: f64,
}

impl Default for MatchSettings {
    fn default() -> Self {
        // Chosen on the accuracy benchmark (README, « Précision »): on
        // school-sized pools the hard rules of `assign::veto` alone keep
        // wrong links at zero; on a 50,000-account pool, accepting at 2, 1
        // or 0 bits lets 3, 9 or 13 wrong links through, 3 bits none.
        MatchSettings {
            accept: 3.0,
            margin: 4.0,
            review_floor: -12.0,
        }
    }
}

/// How many candidates are kept per account for review and `explain`.
const KEPT_CANDIDATES: usize = 5;

impl PoolKind {
    fn of(population: Population) -> PoolKind {
        match population {
            Population::Eleves => PoolKind::Students,
            Population::Responsables => PoolKind::Parents,
            _ => PoolKind::Staff,
        }
    }
}

/// What the administrator decided before the engine runs (`decisions`,
/// and existing identifiers kept by `--existing keep`), in indexes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// Links made first, whatever the scores: both sides leave the pools.
    pub forced: Vec<ForcedLink>,
    /// Pairs never linked (user, account): not even scored, so that a
    /// rejected account is no rival either.
    pub vetoed: HashSet<(usize, usize)>,
    /// Users never linked (no ENT account): they leave the pools.
    pub excluded: HashMap<usize, String>,
}

/// A link made before matching.
#[derive(Clone, Debug, PartialEq)]
pub struct ForcedLink {
    pub user: usize,
    pub account: usize,
    /// `Status::Manual` or `Status::Kept`.
    pub status: Status,
    /// Why, in French (« décision manuelle du 2026-09-14 »).
    pub note: String,
}

/// Reconciles the ENT accounts with the Pronote users.
pub fn reconcile(
    accounts: &[EntAccount],
    users: &[PronoteUser],
    settings: &MatchSettings,
) -> Reconciliation {
    reconcile_with(accounts, users, settings, &Constraints::default())
}

/// Reconciles under the administrator's constraints: forced links first,
/// excluded users and vetoed pairs kept out of the pools.
pub fn reconcile_with(
    accounts: &[EntAccount],
    users: &[PronoteUser],
    settings: &MatchSettings,
    constraints: &Constraints,
) -> Reconciliation {
    let account_people: Vec<Person> = accounts.iter().map(Person::from_account).collect();
    let user_people: Vec<Person> = users.iter().map(Person::from_user).collect();
    let mut result = Reconciliation {
        users: users.iter().map(|u| empty_user(&u.birth_date)).collect(),
        accounts: accounts.iter().map(empty_account).collect(),
    };
    let mut taken: HashSet<usize> = HashSet::new();
    let mut settled: HashSet<usize> = HashSet::new();
    for link in &constraints.forced {
        let (Some(user), Some(account)) = (
            result.users.get_mut(link.user),
            result.accounts.get_mut(link.account),
        ) else {
            continue;
        };
        user.status = link.status;
        user.linked = Some(link.account);
        user.notes.push(link.note.clone());
        account.status = link.status;
        account.linked = Some(link.user);
        account.notes.push(link.note.clone());
        taken.insert(link.account);
        settled.insert(link.user);
    }
    for (&i, note) in &constraints.excluded {
        if let Some(user) = result.users.get_mut(i).filter(|_| !settled.contains(&i)) {
            user.status = Status::Excluded;
            user.notes.push(note.clone());
            settled.insert(i);
        }
    }
    for kind in [PoolKind::Students, PoolKind::Staff, PoolKind::Parents] {
        let families = (kind == PoolKind::Parents).then(|| {
            let links: Vec<Option<usize>> = result
                .users
                .iter()
                .zip(users)
                .map(|(r, u)| {
                    if u.population == Population::Eleves {
                        r.linked
                    } else {
                        None
                    }
                })
                .collect();
            Families::new(accounts, users, &links)
        });
        let pool_users: Vec<usize> = (0..users.len())
            .filter(|&i| PoolKind::of(users[i].population) == kind && !settled.contains(&i))
            .collect();
        let pool_accounts: Vec<usize> = (0..accounts.len())
            .filter(|&j| {
                !taken.contains(&j)
                    && accounts[j]
                        .populations
                        .iter()
                        .any(|&p| PoolKind::of(p) == kind)
            })
            .collect();
        let pool = Pool {
            kind,
            users: &pool_users,
            accounts: &pool_accounts,
            families: families.as_ref(),
            vetoed: &constraints.vetoed,
        };
        pool.run(
            accounts,
            users,
            &account_people,
            &user_people,
            settings,
            &mut result,
        );
        taken.extend(
            pool_accounts
                .iter()
                .copied()
                .filter(|&j| result.accounts[j].linked.is_some()),
        );
    }
    result
}

fn empty_user(date: &DateField) -> UserResult {
    let notes = match date {
        DateField::Invalid(text) => vec![invalid_date_message(text)],
        _ => vec![],
    };
    UserResult {
        status: Status::Unmatched,
        linked: None,
        candidates: vec![],
        notes,
        existing: None,
    }
}

fn empty_account(account: &EntAccount) -> AccountResult {
    let mut notes = Vec::new();
    if let DateField::Invalid(text) = &account.birth_date {
        notes.push(invalid_date_message(text));
    }
    if account.populations.is_empty() {
        notes.push("profil ENT sans population Pronote correspondante".to_string());
    }
    AccountResult {
        status: Status::Unmatched,
        linked: None,
        candidates: vec![],
        notes,
    }
}

/// One pool: the users and accounts (global indexes) compared together.
struct Pool<'a> {
    kind: PoolKind,
    users: &'a [usize],
    accounts: &'a [usize],
    families: Option<&'a Families>,
    vetoed: &'a HashSet<(usize, usize)>,
}

/// A user's scored pair: the account (global index) and the score, nothing
/// more (a million users have tens of millions of pairs).
struct Scored {
    account: u32,
    score: f64,
}

impl Pool<'_> {
    fn run(
        &self,
        accounts: &[EntAccount],
        users: &[PronoteUser],
        account_people: &[Person],
        user_people: &[Person],
        settings: &MatchSettings,
        result: &mut Reconciliation,
    ) {
        if self.users.is_empty() || self.accounts.is_empty() {
            return;
        }
        // The pool's accounts, by reference: `local` index → prepared record.
        let local_accounts: Vec<&Person> =
            self.accounts.iter().map(|&j| &account_people[j]).collect();
        let frequencies = Frequencies::count(
            local_accounts
                .iter()
                .copied()
                .chain(self.users.iter().map(|&i| &user_people[i])),
        );
        let scorer = Scorer {
            frequencies: &frequencies,
            prior: -(self.users.len().max(self.accounts.len()) as f64).log2(),
            adults: self.kind != PoolKind::Students,
        };
        let index = BlockIndex::build(&local_accounts);
        let local_of: HashMap<usize, u32> = self
            .accounts
            .iter()
            .enumerate()
            .map(|(l, &g)| (g, l as u32))
            .collect();
        let twin_accounts = twins(self.accounts.iter().map(|&j| (j, &account_people[j])));
        let twin_users = twins(self.users.iter().map(|&i| (i, &user_people[i])));

        // Score every candidate pair; keep each user's pairs, and each
        // account's two best scores for the margin on its side.
        // Scoring is pure and per user: both cores share it, and the indexed
        // collect keeps the users' order, so every later step sees exactly
        // what the sequential loop saw.
        let per_user: Vec<Vec<Scored>> = self
            .users
            .par_iter()
            .map_init(Vec::new, |found, &i| {
                self.score_user(
                    i,
                    &index,
                    &local_of,
                    &scorer,
                    user_people,
                    account_people,
                    found,
                )
            })
            .collect();
        let mut account_best: HashMap<usize, [(f64, usize); 2]> = HashMap::new();
        for (pairs, &i) in per_user.iter().zip(self.users) {
            for p in pairs {
                let best = account_best
                    .entry(p.account as usize)
                    .or_insert([(f64::NEG_INFINITY, usize::MAX); 2]);
                if p.score > best[0].0 {
                    best[1] = best[0];
                    best[0] = (p.score, i);
                } else if p.score > best[1].0 {
                    best[1] = (p.score, i);
                }
            }
        }

        let names_only_extra = assign::names_only_extra(self.users.len().max(self.accounts.len()));
        // Decide, then record every kept candidate with its verdict. Each
        // account keeps only its best few candidates as they come. A verdict
        // shows only on a kept candidate and only a user's best pair can be
        // linked: the other pairs need no decision, and only the pairs that
        // are decided are scored again for their per-field detail.
        let mut account_candidates: HashMap<usize, Vec<Candidate>> = HashMap::new();
        let mut reasons = Reasons::default();
        for (pairs, &i) in per_user.iter().zip(self.users) {
            let user_second = pairs.get(1).map(|p| p.score);
            // Exact sizes: a region's run keeps millions of candidates.
            result.users[i]
                .candidates
                .reserve_exact(pairs.len().min(KEPT_CANDIDATES));
            for (rank, s) in pairs.iter().enumerate() {
                let j = s.account as usize;
                let kept = account_candidates.entry(j).or_default();
                let position = kept_position(kept, s.score, i);
                if rank >= KEPT_CANDIDATES && position >= KEPT_CANDIDATES {
                    continue;
                }
                let pair = self.score_pair(i, j, &scorer, user_people, account_people);
                let best = account_best
                    .get(&j)
                    .copied()
                    .unwrap_or([(f64::NEG_INFINITY, usize::MAX); 2]);
                let is_accounts_best = best[0].1 == i;
                let account_rival = if is_accounts_best {
                    best[1].0
                } else {
                    best[0].0
                };
                let user_rival = if rank == 0 {
                    user_second
                } else {
                    pairs.first().map(|p| p.score)
                };
                let rival = [user_rival, Some(account_rival)]
                    .into_iter()
                    .flatten()
                    .filter(|r| r.is_finite())
                    .reduce(f64::max);
                let context = PairContext {
                    twin: twin_accounts.contains(&j) || twin_users.contains(&i),
                    invalid_date: matches!(users[i].birth_date, DateField::Invalid(_))
                        || matches!(accounts[j].birth_date, DateField::Invalid(_)),
                    no_children_listed: users[i].children.is_empty(),
                    names_only_short_of_extra: pair.score < settings.accept + names_only_extra,
                    staff_names_only_short: pair.score < settings.accept + names_only_extra + 2.0,
                };
                let decision = assign::decide(
                    &pair,
                    rival,
                    rank == 0,
                    is_accounts_best,
                    self.kind,
                    context,
                    settings,
                );
                if decision.linked {
                    let status = assign::status_of(&pair.levels, self.kind);
                    let user = &mut result.users[i];
                    user.status = status;
                    user.linked = Some(j);
                    let account = &mut result.accounts[j];
                    account.status = status;
                    account.linked = Some(i);
                }
                let verdict = Verdict {
                    linked: decision.linked,
                    reason: reasons.share(decision.reason),
                };
                let comparisons: Arc<[Comparison]> = pair.comparisons().into();
                if rank < KEPT_CANDIDATES {
                    result.users[i].candidates.push(candidate(
                        j,
                        &pair,
                        Arc::clone(&comparisons),
                        verdict.clone(),
                    ));
                }
                if position < KEPT_CANDIDATES {
                    kept.insert(position, candidate(i, &pair, comparisons, verdict));
                    kept.truncate(KEPT_CANDIDATES);
                }
            }
        }
        for (j, mut kept) in account_candidates {
            // Grown by insertions past its final length.
            kept.shrink_to_fit();
            result.accounts[j].candidates = kept;
        }
        for &i in self.users {
            let user = &mut result.users[i];
            user.status = unlinked_status(user.status, user.candidates.first(), settings);
        }
        for &j in self.accounts {
            let account = &mut result.accounts[j];
            account.status = unlinked_status(account.status, account.candidates.first(), settings);
        }
    }
}

impl Pool<'_> {
    /// Scores user `i` against every account it shares a block with (and,
    /// for parents, the parents of its children's accounts), best first.
    #[allow(clippy::too_many_arguments)]
    fn score_user(
        &self,
        i: usize,
        index: &BlockIndex,
        local_of: &HashMap<usize, u32>,
        scorer: &Scorer<'_>,
        user_people: &[Person],
        account_people: &[Person],
        found: &mut Vec<u32>,
    ) -> Vec<Scored> {
        found.clear();
        index.candidates_for(&user_people[i], found);
        if let Some(families) = self.families {
            found.extend(
                families
                    .parent_candidates(i)
                    .iter()
                    .filter_map(|g| local_of.get(g).copied()),
            );
            found.sort_unstable();
            found.dedup();
        }
        let mut pairs: Vec<Scored> = found
            .iter()
            .filter(|&&local| !self.vetoed.contains(&(i, self.accounts[local as usize])))
            .map(|&local| {
                let j = self.accounts[local as usize];
                let pair = self.score_pair(i, j, scorer, user_people, account_people);
                Scored {
                    account: j as u32,
                    score: pair.score,
                }
            })
            .collect();
        pairs.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.account.cmp(&b.account)));
        pairs
    }
}

impl Pool<'_> {
    /// Scores one pair, with its children evidence for parents.
    fn score_pair(
        &self,
        i: usize,
        j: usize,
        scorer: &Scorer<'_>,
        user_people: &[Person],
        account_people: &[Person],
    ) -> PairScore {
        let children = self
            .families
            .map_or(ChildrenEvidence::Unknown, |f| f.evidence(i, j));
        scorer.score_pair(&user_people[i], &account_people[j], children)
    }
}

/// Where a candidate of this score and user goes among an account's kept
/// candidates (best score first, then the lower user index): the same
/// order as sorting every pair, so keeping the first `KEPT_CANDIDATES` as
/// they come gives the same list as sorting all and truncating.
fn kept_position(kept: &[Candidate], score: f64, user: usize) -> usize {
    kept.partition_point(|k| {
        k.score
            .total_cmp(&score)
            .reverse()
            .then(k.other.cmp(&user))
            .is_le()
    })
}

/// The verdicts' sentences, each allocated once per pool and shared by
/// every candidate that gives it.
#[derive(Default)]
struct Reasons(HashMap<String, Arc<str>>);

impl Reasons {
    fn share(&mut self, reason: String) -> Arc<str> {
        if let Some(shared) = self.0.get(&reason) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(reason.as_str());
        self.0.insert(reason, Arc::clone(&shared));
        shared
    }
}

fn candidate(
    other: usize,
    pair: &PairScore,
    comparisons: Arc<[Comparison]>,
    verdict: Verdict,
) -> Candidate {
    Candidate {
        other,
        score: pair.score,
        comparisons,
        verdict,
        probability: None,
    }
}

fn unlinked_status(status: Status, best: Option<&Candidate>, settings: &MatchSettings) -> Status {
    match best {
        _ if status.is_linked() => status,
        Some(c) if c.score >= settings.review_floor => Status::Review,
        _ => Status::Unmatched,
    }
}

/// Records that share last name and birth date with another record of the
/// same side under another given name: twins (or triplets). A record is
/// also read with its names the wrong way round (`ROSE Broard` beside its
/// twin `BROARD Maëlle`), or one twin typed that way would hide the other.
fn twins<'a>(people: impl Iterator<Item = (usize, &'a Person)>) -> HashSet<usize> {
    let mut groups: HashMap<(&str, crate::model::BirthDate), Vec<(usize, &str)>> = HashMap::new();
    for (i, person) in people {
        if let Some(date) = person.date {
            let last = person.main_last().full.as_str();
            groups
                .entry((last, date))
                .or_default()
                .push((i, person.given.first.as_str()));
            if !person.given.first.is_empty() && person.given.first != last {
                groups
                    .entry((person.given.first.as_str(), date))
                    .or_default()
                    .push((i, last));
            }
        }
    }
    let mut out = HashSet::new();
    for members in groups.values() {
        for (i, given) in members {
            if members.iter().any(|(j, other)| j != i && other != given) {
                out.insert(*i);
            }
        }
    }
    out
}
