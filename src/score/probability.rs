//! Calibrated match probabilities (issue 10). In: the engine's decisions
//! (`Reconciliation`, with every kept candidate's score and verdict) and
//! the Pronote users (for their population). Out: the same decisions with
//! `Candidate::probability` filled on both sides.
//!
//! The score is the pair's log-odds in bits against "no account at all"
//! (see `score`). A pair also competes with the user's other candidates and
//! with the account's other candidates: the competition-adjusted log-odds
//! `z = s - log2(1 + Σ 2^rival)` is the posterior of "this account" among
//! "this account, another candidate, or none" (fastLink-style
//! normalisation over both sides). The weights are hand-set and not
//! independent, so `z` itself is not calibrated: a small logistic map per
//! group (linked; not linked, per kind of pool) turns it into a
//! probability. Its constants are fitted on the synthetic generator's
//! ground truth (see `CALIBRATION`).

use crate::model::{Population, PronoteUser};
use crate::outcome::{Candidate, Reconciliation};
use rayon::prelude::*;

/// One step of a calibration map: from adjusted log-odds `from` (bits)
/// up to the next step's, the probability is `p`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub from: f64,
    pub p: f64,
}

/// The group a pair is calibrated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Linked automatically.
    Linked,
    /// Not linked, students' pool.
    Students,
    /// Not linked, parents' pool.
    Parents,
    /// Not linked, staff pools (teachers, staff, inspectors).
    Staff,
}

impl Group {
    /// Every group, in the order of `Calibration::maps`.
    pub const ALL: [Group; 4] = [Group::Linked, Group::Students, Group::Parents, Group::Staff];

    /// The group of a pair.
    pub fn of(linked: bool, population: Population) -> Group {
        match (linked, population) {
            (true, _) => Group::Linked,
            (false, Population::Eleves) => Group::Students,
            (false, Population::Responsables) => Group::Parents,
            (false, _) => Group::Staff,
        }
    }

    fn index(self) -> usize {
        match self {
            Group::Linked => 0,
            Group::Students => 1,
            Group::Parents => 2,
            Group::Staff => 3,
        }
    }

    /// Short English name (calibration tables).
    pub fn name(self) -> &'static str {
        match self {
            Group::Linked => "linked",
            Group::Students => "students",
            Group::Parents => "parents",
            Group::Staff => "staff",
        }
    }
}

/// One monotone step map per group, in `Group::ALL` order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration<'a> {
    pub maps: [&'a [Step]; 4],
}

impl Calibration<'_> {
    /// The probability of a pair of group `group` and adjusted log-odds `z`.
    pub fn probability(&self, group: Group, z: f64) -> f64 {
        let steps = self.maps[group.index()];
        match steps.iter().rev().find(|s| s.from <= z).or(steps.first()) {
            Some(step) => step.p,
            // No map: the adjusted log-odds taken as they are.
            None => 1.0 / (1.0 + (-z).exp2()),
        }
    }
}

/// The fitted calibration: isotonic regression of the truth on `z`, per
/// group, on the synthetic generator (seeds 101–170, both profiles, 2,000
/// students; blocks of at least `MIN_BLOCK` pairs, each block's rate
/// smoothed as `(true + 0.5) / (pairs + 1)` so that no pair is ever
/// certain). Refit after any change to the scoring or the decisions with
/// `cargo run --release --example calibration -- --fit`, and paste the
/// printed tables here and in `estimate::BLOCKING_MISS_RATIO`.
// Fitted thresholds: one may happen to look like 1/π.
#[allow(clippy::approx_constant)]
pub const CALIBRATION: Calibration<'static> = Calibration {
    maps: [
        // linked: 587662 pairs, 587656 true
        &[
            Step {
                from: f64::NEG_INFINITY,
                p: 0.998005,
            },
            Step {
                from: 4.266,
                p: 0.998829,
            },
            Step {
                from: 5.162,
                p: 0.999336,
            },
            Step {
                from: 5.949,
                p: 0.999557,
            },
            Step {
                from: 6.812,
                p: 0.999967,
            },
            Step {
                from: 14.244,
                p: 0.999999,
            },
        ],
        // students: 180161 pairs, 3421 true
        &[
            Step {
                from: f64::NEG_INFINITY,
                p: 0.000003,
            },
            Step {
                from: -18.438,
                p: 0.001492,
            },
            Step {
                from: -12.701,
                p: 0.004225,
            },
            Step {
                from: -11.420,
                p: 0.035156,
            },
            Step {
                from: -10.579,
                p: 0.045775,
            },
            Step {
                from: -9.760,
                p: 0.118182,
            },
            Step {
                from: -9.385,
                p: 0.156250,
            },
            Step {
                from: -8.931,
                p: 0.197761,
            },
            Step {
                from: -8.268,
                p: 0.212821,
            },
            Step {
                from: -6.870,
                p: 0.358696,
            },
            Step {
                from: -5.112,
                p: 0.545238,
            },
            Step {
                from: -2.458,
                p: 0.603842,
            },
            Step {
                from: 5.101,
                p: 0.609091,
            },
            Step {
                from: 5.267,
                p: 0.611111,
            },
            Step {
                from: 5.411,
                p: 0.655280,
            },
            Step {
                from: 5.780,
                p: 0.747951,
            },
            Step {
                from: 6.271,
                p: 0.747951,
            },
            Step {
                from: 6.530,
                p: 0.787037,
            },
            Step {
                from: 6.679,
                p: 0.833333,
            },
            Step {
                from: 6.878,
                p: 0.911003,
            },
            Step {
                from: 7.857,
                p: 0.944888,
            },
            Step {
                from: 11.151,
                p: 0.959091,
            },
            Step {
                from: 12.766,
                p: 0.998775,
            },
        ],
        // parents: 1024892 pairs, 6821 true
        &[
            Step {
                from: f64::NEG_INFINITY,
                p: 0.000001,
            },
            Step {
                from: -16.421,
                p: 0.000604,
            },
            Step {
                from: -15.380,
                p: 0.000740,
            },
            Step {
                from: -11.921,
                p: 0.001738,
            },
            Step {
                from: -11.316,
                p: 0.006438,
            },
            Step {
                from: -10.345,
                p: 0.021654,
            },
            Step {
                from: -9.837,
                p: 0.036913,
            },
            Step {
                from: -9.552,
                p: 0.060000,
            },
            Step {
                from: -9.453,
                p: 0.090164,
            },
            Step {
                from: -9.352,
                p: 0.114010,
            },
            Step {
                from: -7.600,
                p: 0.135445,
            },
            Step {
                from: -6.243,
                p: 0.154762,
            },
            Step {
                from: -5.605,
                p: 0.181159,
            },
            Step {
                from: -5.445,
                p: 0.187500,
            },
            Step {
                from: -5.284,
                p: 0.195238,
            },
            Step {
                from: -5.078,
                p: 0.202381,
            },
            Step {
                from: -4.978,
                p: 0.241935,
            },
            Step {
                from: -4.632,
                p: 0.368966,
            },
            Step {
                from: -4.107,
                p: 0.426174,
            },
            Step {
                from: -3.599,
                p: 0.491701,
            },
            Step {
                from: -2.939,
                p: 0.539370,
            },
            Step {
                from: -2.617,
                p: 0.574830,
            },
            Step {
                from: -2.298,
                p: 0.634932,
            },
            Step {
                from: -1.101,
                p: 0.669014,
            },
            Step {
                from: -0.979,
                p: 0.677570,
            },
            Step {
                from: -0.799,
                p: 0.681373,
            },
            Step {
                from: -0.622,
                p: 0.706738,
            },
            Step {
                from: 0.464,
                p: 0.771845,
            },
            Step {
                from: 0.902,
                p: 0.778261,
            },
            Step {
                from: 1.102,
                p: 0.804094,
            },
            Step {
                from: 1.405,
                p: 0.810606,
            },
            Step {
                from: 1.657,
                p: 0.838462,
            },
            Step {
                from: 1.727,
                p: 0.874545,
            },
            Step {
                from: 2.156,
                p: 0.874545,
            },
            Step {
                from: 2.196,
                p: 0.897727,
            },
            Step {
                from: 2.257,
                p: 0.940268,
            },
        ],
        // staff: 2590 pairs, 1481 true
        &[
            Step {
                from: f64::NEG_INFINITY,
                p: 0.000514,
            },
            Step {
                from: -16.369,
                p: 0.116541,
            },
            Step {
                from: -7.750,
                p: 0.857664,
            },
            Step {
                from: 0.002,
                p: 0.998890,
            },
        ],
    ],
};

/// The smallest block of pairs the isotonic fit keeps (see `fit`).
pub const MIN_BLOCK: usize = 40;

/// Fits a monotone step map to `(z, true)` samples: pool-adjacent-violators
/// (isotonic regression), then adjacent blocks merged until each holds at
/// least `min_block` samples, each block's rate Jeffreys-smoothed. A step
/// starts halfway between its block's first `z` and the previous block's
/// last.
pub fn fit(samples: &[(f64, bool)], min_block: usize) -> Vec<Step> {
    let mut sorted: Vec<(f64, bool)> = samples
        .iter()
        .copied()
        .filter(|s| s.0.is_finite())
        .collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    // (first z, last z, pairs, true pairs)
    let mut blocks: Vec<(f64, f64, usize, usize)> = Vec::new();
    let rate = |b: &(f64, f64, usize, usize)| b.3 as f64 / b.2 as f64;
    let merge =
        |a: (f64, f64, usize, usize), b: (f64, f64, usize, usize)| (a.0, b.1, a.2 + b.2, a.3 + b.3);
    for &(z, truth) in &sorted {
        let mut block = (z, z, 1, usize::from(truth));
        while let Some(last) = blocks.last().copied() {
            // Same z, or out of order: pool.
            if last.1 == z || rate(&last) >= rate(&block) {
                blocks.pop();
                block = merge(last, block);
            } else {
                break;
            }
        }
        blocks.push(block);
    }
    // Small blocks join the neighbour closest in rate (order is kept).
    while blocks.len() > 1 {
        let Some(k) = (0..blocks.len())
            .filter(|&k| blocks[k].2 < min_block)
            .min_by_key(|&k| blocks[k].2)
        else {
            break;
        };
        let with = match (k.checked_sub(1), blocks.get(k + 1)) {
            (Some(before), Some(after)) => {
                let r = rate(&blocks[k]);
                if (rate(&blocks[before]) - r).abs() <= (rate(after) - r).abs() {
                    before
                } else {
                    k + 1
                }
            }
            (Some(before), None) => before,
            _ => k + 1,
        };
        let (a, b) = (k.min(with), k.max(with));
        blocks[a] = merge(blocks[a], blocks[b]);
        blocks.remove(b);
    }
    let mut steps = Vec::with_capacity(blocks.len());
    let mut previous_last = f64::NEG_INFINITY;
    let mut floor = 0.0_f64;
    for (first, last, n, t) in blocks {
        let from = if previous_last.is_finite() {
            (previous_last + first) / 2.0
        } else {
            f64::NEG_INFINITY
        };
        // The smoothing pulls small blocks towards 1/2 and may undo the
        // order by a hair: keep it.
        floor = floor.max((t as f64 + 0.5) / (n as f64 + 1.0));
        steps.push(Step { from, p: floor });
        previous_last = last;
    }
    steps
}

/// Competition-adjusted log-odds: `score - log2(1 + Σ 2^rival)`.
pub fn adjusted(score: f64, rivals: impl IntoIterator<Item = f64>) -> f64 {
    // Scaled by the largest term, so that 2^x cannot overflow.
    let rivals: Vec<f64> = rivals.into_iter().filter(|r| r.is_finite()).collect();
    let top = rivals.iter().copied().fold(0.0_f64, f64::max);
    let mass: f64 = (-top).exp2() + rivals.iter().map(|r| (r - top).exp2()).sum::<f64>();
    score - top - mass.log2()
}

/// The adjusted log-odds of user `user`'s candidate number `rank`: its
/// rivals are the user's other candidates and the account's other
/// candidates.
pub fn user_candidate_z(result: &Reconciliation, user: usize, rank: usize) -> Option<f64> {
    candidate_z(result, Side::Users, user, rank)
}

/// The adjusted log-odds of record `k`'s candidate number `rank`, on
/// `side`: its rivals are the record's other candidates and the other
/// record's candidates other than `k`.
fn candidate_z(result: &Reconciliation, side: Side, k: usize, rank: usize) -> Option<f64> {
    let candidates = side.candidates(result, k);
    let pair = candidates.get(rank)?;
    let rivals = candidates
        .iter()
        .enumerate()
        .filter(|&(r, _)| r != rank)
        .map(|(_, c)| c.score)
        .chain(
            side.other()
                .candidates(result, pair.other)
                .iter()
                .filter(|c| c.other != k)
                .map(|c| c.score),
        );
    Some(adjusted(pair.score, rivals))
}

/// The two sides of a result, each with its candidates.
#[derive(Clone, Copy)]
enum Side {
    Users,
    Accounts,
}

impl Side {
    /// Record `k`'s candidates (none when there is no such record).
    fn candidates(self, result: &Reconciliation, k: usize) -> &[Candidate] {
        match self {
            Side::Users => result.users.get(k).map_or(&[][..], |u| &u.candidates[..]),
            Side::Accounts => result
                .accounts
                .get(k)
                .map_or(&[][..], |a| &a.candidates[..]),
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Users => Side::Accounts,
            Side::Accounts => Side::Users,
        }
    }
}

/// Fills `probability` on every candidate of both sides, with `calibration`.
pub fn annotate_with(
    result: &mut Reconciliation,
    users: &[PronoteUser],
    calibration: &Calibration<'_>,
) {
    let population = |i: usize| users.get(i).map_or(Population::Eleves, |u| u.population);
    // Each candidate's probability reads the scores only: both cores share
    // them, a slice of records at a time (a region has millions of
    // candidates: gathering them all first would hold them twice), and each
    // slice's are set before the next.
    const SLICE: usize = 1 << 16;
    for side in [Side::Users, Side::Accounts] {
        let len = match side {
            Side::Users => result.users.len(),
            Side::Accounts => result.accounts.len(),
        };
        for start in (0..len).step_by(SLICE) {
            let result_ref = &*result;
            let found: Vec<(usize, usize, f64)> = (start..(start + SLICE).min(len))
                .into_par_iter()
                .flat_map_iter(|k| {
                    side.candidates(result_ref, k)
                        .iter()
                        .enumerate()
                        .filter_map(move |(rank, candidate)| {
                            let z = candidate_z(result_ref, side, k, rank)?;
                            let user = match side {
                                Side::Users => k,
                                Side::Accounts => candidate.other,
                            };
                            let group = Group::of(candidate.verdict.linked, population(user));
                            Some((k, rank, calibration.probability(group, z)))
                        })
                })
                .collect();
            for (k, rank, p) in found {
                let candidates = match side {
                    Side::Users => &mut result.users[k].candidates,
                    Side::Accounts => &mut result.accounts[k].candidates,
                };
                set(candidates, rank, p);
            }
        }
    }
}

/// Fills `probability` on every candidate with the fitted calibration.
pub fn annotate(result: &mut Reconciliation, users: &[PronoteUser]) {
    annotate_with(result, users, &CALIBRATION);
}

fn set(candidates: &mut [Candidate], rank: usize, p: f64) {
    if let Some(c) = candidates.get_mut(rank) {
        c.probability = Some(p);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::outcome::{AccountResult, Status, UserResult, Verdict};

    #[test]
    fn adjusted_log_odds() {
        let cases: [(&str, f64, &[f64], f64); 5] = [
            ("no rival: the score itself", 10.0, &[], 10.0),
            ("one equal rival at 0 bits", 0.0, &[0.0], -1.0),
            ("a rival far below changes nothing", 12.0, &[-60.0], 12.0),
            (
                "two rivals at the score",
                20.0,
                &[20.0, 20.0],
                20.0 - (1.0 + 2f64.powi(21)).log2(),
            ),
            ("huge scores do not overflow", 2000.0, &[2000.0], 0.0),
        ];
        for (name, score, rivals, expected) in cases {
            let z = adjusted(score, rivals.iter().copied());
            assert!((z - expected).abs() < 1e-9, "{name}: {z}");
        }
    }

    #[test]
    fn isotonic_fit_is_monotone_smoothed_and_pools_ties() {
        // Rates 0/4, 3/4, 1/4, 4/4 by z: the middle pair violates the
        // order and is pooled.
        let mut samples = Vec::new();
        for (z, truths) in [(0.0, 0), (1.0, 3), (2.0, 1), (3.0, 4)] {
            for k in 0..4 {
                samples.push((z, k < truths));
            }
        }
        let steps = fit(&samples, 1);
        let ps: Vec<f64> = steps.iter().map(|s| s.p).collect();
        assert_eq!(ps, [0.5 / 5.0, 4.5 / 9.0, 4.5 / 5.0]);
        assert_eq!(steps[0].from, f64::NEG_INFINITY);
        assert_eq!(steps[1].from, 0.5);
        assert_eq!(steps[2].from, 2.5);
        // Blocks of at least 8: the small lowest block joins the middle
        // one; with four more true pairs at z = 3, the top one stays.
        assert_eq!(fit(&samples, 8).len(), 1);
        samples.extend([(3.0, true); 4]);
        let merged: Vec<f64> = fit(&samples, 8).iter().map(|s| s.p).collect();
        assert_eq!(merged, [4.5 / 13.0, 8.5 / 9.0]);
        // Identical z always share a step, whatever their truths.
        let tied = fit(&[(1.0, true), (1.0, false), (1.0, true)], 1);
        assert_eq!(tied.len(), 1);
    }

    #[test]
    fn step_lookup() {
        let steps = [
            Step {
                from: f64::NEG_INFINITY,
                p: 0.1,
            },
            Step { from: 0.0, p: 0.5 },
            Step { from: 5.0, p: 0.9 },
        ];
        let calibration = Calibration {
            maps: [&steps, &steps, &[], &steps],
        };
        let cases = [
            (Group::Linked, -100.0, 0.1),
            (Group::Linked, 0.0, 0.5),
            (Group::Students, 4.9, 0.5),
            (Group::Staff, 50.0, 0.9),
            // No map: the logistic of z.
            (Group::Parents, 0.0, 0.5),
        ];
        for (group, z, expected) in cases {
            assert_eq!(calibration.probability(group, z), expected, "{group:?} {z}");
        }
    }

    #[test]
    fn the_committed_maps_are_monotone_probabilities() {
        for (group, steps) in Group::ALL.iter().zip(CALIBRATION.maps) {
            assert!(!steps.is_empty(), "{group:?}");
            assert_eq!(steps[0].from, f64::NEG_INFINITY, "{group:?}");
            assert!(
                steps
                    .windows(2)
                    .all(|w| w[0].from < w[1].from && w[0].p <= w[1].p),
                "{group:?}"
            );
            assert!(steps.iter().all(|s| s.p > 0.0 && s.p < 1.0), "{group:?}");
        }
    }

    fn candidate(other: usize, score: f64, linked: bool) -> Candidate {
        Candidate {
            other,
            score,
            comparisons: vec![].into(),
            verdict: Verdict {
                linked,
                reason: "".into(),
            },
            probability: None,
        }
    }

    #[test]
    fn both_sides_get_the_same_probability_and_rivals_lower_it() {
        let user = |status, linked, candidates| UserResult {
            status,
            linked,
            candidates,
            notes: vec![],
            existing: None,
        };
        let account = |status, linked, candidates| AccountResult {
            status,
            linked,
            candidates,
            notes: vec![],
        };
        // User 0 is linked to account 0; user 1 hesitates between
        // accounts 1 and 2 at the same score.
        let mut result = Reconciliation {
            users: vec![
                user(Status::Exact, Some(0), vec![candidate(0, 20.0, true)]),
                user(
                    Status::Review,
                    None,
                    vec![candidate(1, 6.0, false), candidate(2, 6.0, false)],
                ),
            ],
            accounts: vec![
                account(Status::Exact, Some(0), vec![candidate(0, 20.0, true)]),
                account(Status::Review, None, vec![candidate(1, 6.0, false)]),
                account(Status::Review, None, vec![candidate(1, 6.0, false)]),
            ],
        };
        // Without users, every pair counts as a student's.
        let users: &[PronoteUser] = &[];
        annotate(&mut result, users);
        let p = |c: &Candidate| c.probability.unwrap();
        let linked = p(&result.users[0].candidates[0]);
        assert_eq!(linked, p(&result.accounts[0].candidates[0]));
        assert!(linked > 0.99);
        let torn = p(&result.users[1].candidates[0]);
        assert_eq!(torn, p(&result.accounts[1].candidates[0]));
        assert_eq!(torn, p(&result.users[1].candidates[1]));
        // Alone, the same pair would be more likely.
        result.users[1].candidates.pop();
        annotate(&mut result, users);
        assert!(p(&result.users[1].candidates[0]) > torn);
    }
}
