//! Grades an engine's decision against the ground truth.
//!
//! In: a [`Synthetic`] and the `Reconciliation` the engine returned for
//! its accounts and users. Out: an [`Evaluation`]: counts per population,
//! overall and per kind of difficulty, and every wrong link (ids and
//! difficulties only, no names) for debugging.

use super::{Difficulty, Synthetic};
use crate::model::Population;
use crate::outcome::{Reconciliation, Status};

/// Counts for one slice of the users.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Pronote users in the slice.
    pub users: usize,
    /// Users that truly have an ENT account.
    pub true_pairs: usize,
    /// True pairs the engine linked to the right account.
    pub linked_true: usize,
    /// Links to an account that is not the user's (including any link of a
    /// user who has no account).
    pub wrong_links: usize,
    /// True pairs left « à vérifier ».
    pub review_true: usize,
    /// ...of which the true account is the first candidate.
    pub review_true_first: usize,
}

impl Tally {
    /// Right links among all links (1 when nothing is linked).
    pub fn precision(&self) -> f64 {
        let links = self.linked_true + self.wrong_links;
        if links == 0 {
            1.0
        } else {
            self.linked_true as f64 / links as f64
        }
    }

    /// Right links among true pairs (1 when there is no true pair).
    pub fn recall(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.linked_true as f64 / self.true_pairs as f64
        }
    }

    /// Share of the true pairs in review whose true account comes first.
    pub fn review_first_share(&self) -> Option<f64> {
        (self.review_true > 0).then(|| self.review_true_first as f64 / self.review_true as f64)
    }

    fn add(&mut self, other: &Tally) {
        self.users += other.users;
        self.true_pairs += other.true_pairs;
        self.linked_true += other.linked_true;
        self.wrong_links += other.wrong_links;
        self.review_true += other.review_true;
        self.review_true_first += other.review_true_first;
    }
}

/// One link the truth contradicts.
#[derive(Clone, Debug, PartialEq)]
pub struct WrongLink {
    /// Index of the user in `Synthetic::users`.
    pub user: usize,
    pub population: Population,
    pub pronote_id: String,
    pub status: Status,
    /// The account the engine chose (index and ENT id).
    pub linked: usize,
    pub linked_ent_id: String,
    /// The true account, if any.
    pub expected: Option<usize>,
    pub expected_ent_id: Option<String>,
    pub difficulty: Vec<Difficulty>,
}

/// The whole grade of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub overall: Tally,
    /// Per population, in `Population::ALL` order.
    pub populations: Vec<(Population, Tally)>,
    /// Per kind of difficulty (users carrying it), in `Difficulty::ALL`
    /// order, kinds nobody carries left out.
    pub difficulties: Vec<(Difficulty, Tally)>,
    pub wrong_links: Vec<WrongLink>,
    /// Links not mirrored on the account side, or accounts linked twice:
    /// the engine's two views disagree.
    pub inconsistent: usize,
}

/// Grades `result` against the truth of `synthetic`.
pub fn evaluate(synthetic: &Synthetic, result: &Reconciliation) -> Evaluation {
    let mut populations: Vec<(Population, Tally)> = Population::ALL
        .iter()
        .map(|p| (*p, Tally::default()))
        .collect();
    let mut difficulties: Vec<(Difficulty, Tally)> = Difficulty::ALL
        .iter()
        .map(|d| (*d, Tally::default()))
        .collect();
    let mut wrong_links = Vec::new();
    let mut inconsistent = 0;
    let mut account_links = vec![0usize; synthetic.accounts.len()];

    for (i, user) in synthetic.users.iter().enumerate() {
        let truth = synthetic.truth.get(i).copied().flatten();
        let decision = result.users.get(i);
        let status = decision.map_or(Status::Unmatched, |d| d.status);
        let link = decision
            .filter(|d| d.status.is_linked())
            .and_then(|d| d.linked);
        let mut tally = Tally {
            users: 1,
            ..Tally::default()
        };
        if truth.is_some() {
            tally.true_pairs = 1;
        }
        match (link, truth) {
            (Some(l), Some(t)) if l == t => tally.linked_true = 1,
            (Some(l), _) => {
                tally.wrong_links = 1;
                let ent_id = |a: usize| synthetic.accounts.get(a).map(|a| a.id.0.to_string());
                wrong_links.push(WrongLink {
                    user: i,
                    population: user.population,
                    pronote_id: user
                        .id
                        .as_ref()
                        .map(|id| id.0.to_string())
                        .unwrap_or_default(),
                    status,
                    linked: l,
                    linked_ent_id: ent_id(l).unwrap_or_default(),
                    expected: truth,
                    expected_ent_id: truth.and_then(ent_id),
                    difficulty: synthetic.difficulty.get(i).cloned().unwrap_or_default(),
                });
            }
            (None, Some(t)) if status == Status::Review => {
                tally.review_true = 1;
                let first = decision.and_then(|d| d.candidates.first()).map(|c| c.other);
                if first == Some(t) {
                    tally.review_true_first = 1;
                }
            }
            _ => {}
        }
        if let Some(l) = link {
            if let Some(count) = account_links.get_mut(l) {
                *count += 1;
            }
            let mirrored = result.accounts.get(l).and_then(|a| a.linked) == Some(i);
            if !mirrored {
                inconsistent += 1;
            }
        }
        if let Some((_, t)) = populations.iter_mut().find(|(p, _)| *p == user.population) {
            t.add(&tally);
        }
        for d in synthetic.difficulty.get(i).into_iter().flatten() {
            if let Some((_, t)) = difficulties.iter_mut().find(|(k, _)| k == d) {
                t.add(&tally);
            }
        }
    }
    inconsistent += account_links.iter().filter(|&&n| n > 1).count();
    let mut overall = Tally::default();
    for (_, t) in &populations {
        overall.add(t);
    }
    difficulties.retain(|(_, t)| t.users > 0);
    Evaluation {
        overall,
        populations,
        difficulties,
        wrong_links,
        inconsistent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{AccountResult, Candidate, UserResult, Verdict};
    use crate::synth::{SynthConfig, generate};

    fn decision(status: Status, linked: Option<usize>, first: Option<usize>) -> UserResult {
        UserResult {
            status,
            linked,
            candidates: first
                .map(|other| Candidate {
                    other,
                    score: 1.0,
                    comparisons: Vec::new().into(),
                    verdict: Verdict {
                        linked: false,
                        reason: "".into(),
                    },
                    probability: None,
                })
                .into_iter()
                .collect(),
            notes: Vec::new(),
            existing: None,
        }
    }

    /// An engine that knows the truth links everything right.
    fn oracle(s: &Synthetic) -> Reconciliation {
        let mut accounts: Vec<AccountResult> = s
            .accounts
            .iter()
            .map(|_| AccountResult {
                status: Status::Unmatched,
                linked: None,
                candidates: Vec::new(),
                notes: Vec::new(),
            })
            .collect();
        let users = s
            .truth
            .iter()
            .enumerate()
            .map(|(i, t)| match t {
                Some(t) => {
                    accounts[*t].status = Status::Exact;
                    accounts[*t].linked = Some(i);
                    decision(Status::Exact, Some(*t), Some(*t))
                }
                None => decision(Status::Unmatched, None, None),
            })
            .collect();
        Reconciliation { users, accounts }
    }

    #[test]
    fn the_truth_scores_perfectly() {
        let s = generate(&SynthConfig {
            students: 300,
            ..SynthConfig::default()
        });
        let e = evaluate(&s, &oracle(&s));
        assert_eq!(e.overall.wrong_links, 0);
        assert_eq!(e.overall.linked_true, e.overall.true_pairs);
        assert_eq!(e.overall.users, s.users.len());
        assert_eq!(e.inconsistent, 0);
        assert!((e.overall.recall() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn wrong_links_review_and_missing_decisions_are_counted() {
        let s = generate(&SynthConfig {
            students: 300,
            ..SynthConfig::default()
        });
        let mut r = oracle(&s);
        let paired: Vec<usize> = (0..s.users.len())
            .filter(|&i| s.truth[i].is_some())
            .collect();
        let accountless = (0..s.users.len()).find(|&i| s.truth[i].is_none());
        let (a, b, c) = (paired[0], paired[1], paired[2]);
        let (ta, tb) = (s.truth[a].unwrap_or(0), s.truth[b].unwrap_or(0));
        // Case 1: a linked to b's account (wrong, and not mirrored).
        r.users[a] = decision(Status::Fuzzy, Some(tb), Some(tb));
        // Case 2: b to review, true account first.
        r.users[b] = decision(Status::Review, None, Some(tb));
        // Case 3: c to review, another account first.
        r.users[c] = decision(Status::Review, None, Some(ta));
        // Case 4: a user without account linked: wrong too.
        if let Some(n) = accountless {
            r.users[n] = decision(Status::Exact, Some(ta), None);
        }
        let e = evaluate(&s, &r);
        let expected_wrong = 1 + usize::from(accountless.is_some());
        assert_eq!(e.overall.wrong_links, expected_wrong);
        assert_eq!(e.wrong_links.len(), expected_wrong);
        let first = e.wrong_links.iter().find(|w| w.user == a);
        assert_eq!(first.map(|w| (w.linked, w.expected)), Some((tb, Some(ta))));
        assert_eq!(e.overall.linked_true, e.overall.true_pairs - 3);
        assert_eq!(e.overall.review_true, 2);
        assert_eq!(e.overall.review_true_first, 1);
        assert!(e.inconsistent >= 1);
        assert!(e.overall.precision() < 1.0);
    }

    #[test]
    fn an_engine_that_links_nothing_has_full_precision_and_no_recall() {
        let s = generate(&SynthConfig {
            students: 200,
            ..SynthConfig::default()
        });
        let e = evaluate(&s, &Reconciliation::default());
        assert_eq!(e.overall.wrong_links, 0);
        assert_eq!(e.overall.linked_true, 0);
        assert!((e.overall.precision() - 1.0).abs() < 1e-12);
        assert!(e.overall.recall() < 1e-12);
    }
}
