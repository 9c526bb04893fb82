//! How far to trust a run (issue 10): from the calibrated probabilities of
//! the candidates (`score::probability`), the expected number of wrong
//! links among the automatic links and of true pairs left unlinked, each
//! with an interval, and the distribution of the scores. In: the engine's
//! decisions with probabilities, and the Pronote users (for their
//! population). Out: plain numbers for the reports.
//!
//! Assumptions (man page `rapproche(1)`, « FIABILITÉ ») :
//! - a linked pair is wrong with probability `1 - p`, independently of the
//!   others: the count of wrong links is a sum of Bernoulli draws (Poisson
//!   binomial), its interval the normal approximation, ±1.96 σ;
//! - an unlinked Pronote user has its true account among its candidates
//!   with probability `min(1, Σ p)`;
//! - true pairs that never became candidates (the blocking missed them)
//!   are `BLOCKING_MISS_RATIO` times those found among the candidates, the
//!   ratio measured on the synthetic generator; their count is taken as
//!   Poisson, with a further ±50 % for the ratio itself.

use crate::model::{Population, PronoteUser};
use crate::outcome::{Reconciliation, Status, UserResult};

/// True pairs the blocking never offered as candidates, per true pair left
/// unlinked among the candidates: measured on the synthetic generator
/// (seeds 101–170, both profiles), refitted with
/// `cargo run --release --example calibration -- --fit`.
pub const BLOCKING_MISS_RATIO: f64 = 0.108;

/// The relative uncertainty granted to `BLOCKING_MISS_RATIO` (the
/// generator's two profiles differ by about this much).
const RATIO_UNCERTAINTY: f64 = 0.5;

/// Two-sided 95 % normal quantile.
const Z95: f64 = 1.96;

/// An estimated count and its 95 % interval.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

impl Estimate {
    fn normal(mean: f64, variance: f64) -> Estimate {
        let half = Z95 * variance.max(0.0).sqrt();
        Estimate {
            value: mean,
            low: (mean - half).max(0.0),
            high: mean + half,
        }
    }
}

/// The estimates of one population, or of the whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Estimates {
    /// Automatic links counted.
    pub links: usize,
    /// Expected wrong links among them: `Σ (1 - p)`.
    pub wrong_links: Estimate,
    /// Expected true pairs not linked: found among the candidates of the
    /// unlinked users, plus those the blocking missed.
    pub missed_pairs: Estimate,
}

/// Sums over users, before the intervals are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Sums {
    links: usize,
    wrong: f64,
    wrong_variance: f64,
    found: f64,
    found_variance: f64,
}

impl Sums {
    fn add_user(&mut self, user: &UserResult) -> Option<()> {
        // A person decided these (or `--existing keep` kept last year's
        // link): they are neither the model's links nor pairs it missed.
        if matches!(
            user.status,
            Status::Manual | Status::Kept | Status::Excluded
        ) {
            return Some(());
        }
        if let Some(account) = user.linked.filter(|_| user.status.is_linked()) {
            let p = user
                .candidates
                .iter()
                .find(|c| c.other == account)?
                .probability?;
            self.links += 1;
            self.wrong += 1.0 - p;
            self.wrong_variance += p * (1.0 - p);
        } else {
            let mut q = 0.0;
            for candidate in &user.candidates {
                q += candidate.probability?;
            }
            let q = q.min(1.0);
            self.found += q;
            self.found_variance += q * (1.0 - q);
        }
        Some(())
    }

    fn add(&mut self, other: &Sums) {
        self.links += other.links;
        self.wrong += other.wrong;
        self.wrong_variance += other.wrong_variance;
        self.found += other.found;
        self.found_variance += other.found_variance;
    }

    fn estimates(&self) -> Estimates {
        let unseen = BLOCKING_MISS_RATIO * self.found;
        let missed_variance = self.found_variance * (1.0 + BLOCKING_MISS_RATIO).powi(2)
            + unseen
            + (RATIO_UNCERTAINTY * unseen).powi(2);
        Estimates {
            links: self.links,
            wrong_links: Estimate::normal(self.wrong, self.wrong_variance),
            missed_pairs: Estimate::normal(self.found + unseen, missed_variance),
        }
    }
}

/// The estimates per population (those with Pronote users, in
/// `Population::ALL` order, only `only` when given) and in total over
/// them; `None` when a candidate has no probability (a result saved by an
/// older version).
pub fn estimate(
    result: &Reconciliation,
    users: &[PronoteUser],
    only: Option<Population>,
) -> Option<(Vec<(Population, Estimates)>, Estimates)> {
    let mut sums: Vec<(Population, Sums, bool)> = Population::ALL
        .iter()
        .filter(|&&p| only.is_none_or(|o| o == p))
        .map(|&p| (p, Sums::default(), false))
        .collect();
    for (user, decision) in users.iter().zip(&result.users) {
        if let Some((_, slot, seen)) = sums.iter_mut().find(|(p, _, _)| *p == user.population) {
            slot.add_user(decision)?;
            *seen = true;
        }
    }
    let mut total = Sums::default();
    let mut lines = Vec::new();
    for (population, s, seen) in &sums {
        if *seen {
            total.add(s);
            lines.push((*population, s.estimates()));
        }
    }
    Some((lines, total.estimates()))
}

/// One bar of the score histogram: Pronote users whose best candidate's
/// score falls in `[from, to[` (`None`: unbounded).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistogramBin {
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// ...linked automatically.
    pub linked: usize,
    /// ...left to review or unmatched.
    pub unlinked: usize,
}

/// Width of a histogram bar, in bits.
pub const HISTOGRAM_STEP: i32 = 5;
/// The first and last bounded bars start here and end there.
const HISTOGRAM_RANGE: (i32, i32) = (-10, 40);

/// The distribution of the best candidate's score of every Pronote user
/// that has one (users without candidate are left out), in bars of
/// `HISTOGRAM_STEP` bits, open-ended at both ends.
pub fn score_histogram<'a>(users: impl IntoIterator<Item = &'a UserResult>) -> Vec<HistogramBin> {
    let (first, last) = HISTOGRAM_RANGE;
    let mut bins: Vec<HistogramBin> = std::iter::once((None, Some(first)))
        .chain(
            (first..last)
                .step_by(HISTOGRAM_STEP as usize)
                .map(|from| (Some(from), Some(from + HISTOGRAM_STEP))),
        )
        .chain([(Some(last), None)])
        .map(|(from, to)| HistogramBin {
            from,
            to,
            ..HistogramBin::default()
        })
        .collect();
    for user in users {
        let best = user
            .candidates
            .iter()
            .map(|c| c.score)
            .filter(|s| s.is_finite())
            .reduce(f64::max);
        let Some(score) = best else { continue };
        let slot = bins
            .iter()
            .position(|b| b.to.is_none_or(|to| score < f64::from(to)))
            .unwrap_or(bins.len() - 1);
        if user.status.is_linked() {
            bins[slot].linked += 1;
        } else {
            bins[slot].unlinked += 1;
        }
    }
    bins
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::outcome::{Candidate, Verdict};
    use crate::report::fixture;

    fn candidate(other: usize, score: f64, p: Option<f64>) -> Candidate {
        Candidate {
            other,
            score,
            comparisons: vec![].into(),
            verdict: Verdict {
                linked: false,
                reason: "".into(),
            },
            probability: p,
        }
    }

    fn user(status: Status, linked: Option<usize>, candidates: Vec<Candidate>) -> UserResult {
        UserResult {
            status,
            linked,
            candidates,
            notes: vec![],
            existing: None,
        }
    }

    #[test]
    fn sums_of_probabilities_per_user() {
        let cases = [
            (
                "linked at 0.9: a tenth of a wrong link",
                user(Status::Fuzzy, Some(3), vec![candidate(3, 9.0, Some(0.9))]),
                (1, 0.1, 0.09, 0.0, 0.0),
            ),
            (
                "review between two: the chances add up",
                user(
                    Status::Review,
                    None,
                    vec![candidate(1, 5.0, Some(0.5)), candidate(2, 4.0, Some(0.25))],
                ),
                (0, 0.0, 0.0, 0.75, 0.1875),
            ),
            (
                "never more than one true account",
                user(
                    Status::Review,
                    None,
                    vec![candidate(1, 5.0, Some(0.7)), candidate(2, 5.0, Some(0.7))],
                ),
                (0, 0.0, 0.0, 1.0, 0.0),
            ),
            (
                "unmatched without candidate",
                user(Status::Unmatched, None, vec![]),
                (0, 0.0, 0.0, 0.0, 0.0),
            ),
        ];
        for (name, decision, (links, wrong, wrong_var, found, found_var)) in cases {
            let mut sums = Sums::default();
            assert!(sums.add_user(&decision).is_some(), "{name}");
            assert_eq!(sums.links, links, "{name}");
            for (got, expected) in [
                (sums.wrong, wrong),
                (sums.wrong_variance, wrong_var),
                (sums.found, found),
                (sums.found_variance, found_var),
            ] {
                assert!((got - expected).abs() < 1e-12, "{name}: {got} ≠ {expected}");
            }
        }
        let old = user(Status::Review, None, vec![candidate(1, 5.0, None)]);
        assert!(Sums::default().add_user(&old).is_none(), "no probability");
    }

    #[test]
    fn intervals_hold_the_value_and_stay_positive() {
        let sums = Sums {
            links: 100,
            wrong: 0.2,
            wrong_variance: 0.19,
            found: 10.0,
            found_variance: 2.0,
        };
        let e = sums.estimates();
        assert_eq!(e.links, 100);
        assert_eq!(e.wrong_links.low, 0.0);
        assert!(e.wrong_links.high > 0.2 && e.wrong_links.high < 2.0);
        let missed = 10.0 * (1.0 + BLOCKING_MISS_RATIO);
        assert!((e.missed_pairs.value - missed).abs() < 1e-12);
        assert!(e.missed_pairs.low < missed && e.missed_pairs.high > missed);
    }

    #[test]
    fn per_population_and_total() {
        let state = fixture::state();
        let (lines, total) = estimate(&state.reconciliation, &state.users, None).unwrap();
        let populations: Vec<Population> = lines.iter().map(|(p, _)| *p).collect();
        assert_eq!(populations, [Population::Eleves, Population::Responsables]);
        assert_eq!(total.links, 2);
        let students = lines[0].1;
        assert!((students.wrong_links.value - 0.0005).abs() < 1e-9);
        assert!((students.missed_pairs.value - 0.62 * (1.0 + BLOCKING_MISS_RATIO)).abs() < 1e-9);
        let sum = lines[0].1.wrong_links.value + lines[1].1.wrong_links.value;
        assert!((total.wrong_links.value - sum).abs() < 1e-12);
        let (only, parents) = estimate(
            &state.reconciliation,
            &state.users,
            Some(Population::Responsables),
        )
        .unwrap();
        assert_eq!(only.len(), 1);
        assert_eq!(parents.links, 1);
        assert_eq!(parents.missed_pairs.value, 0.0);
    }

    #[test]
    fn histogram_of_the_best_scores() {
        let users = [
            user(Status::Exact, Some(0), vec![candidate(0, 22.0, None)]),
            user(
                Status::Review,
                None,
                vec![candidate(1, -3.0, None), candidate(2, 2.5, None)],
            ),
            user(Status::Unmatched, None, vec![candidate(3, -40.0, None)]),
            user(Status::Fuzzy, Some(4), vec![candidate(4, 55.0, None)]),
            user(Status::Unmatched, None, vec![]),
        ];
        let bins = score_histogram(&users);
        let find = |score: i32| {
            bins.iter()
                .find(|b| b.from.is_none_or(|f| f <= score) && b.to.is_none_or(|t| score < t))
                .copied()
                .unwrap()
        };
        assert_eq!(
            bins.first().map(|b| (b.from, b.to)),
            Some((None, Some(-10)))
        );
        assert_eq!(bins.last().map(|b| (b.from, b.to)), Some((Some(40), None)));
        assert_eq!((find(22).linked, find(22).unlinked), (1, 0));
        assert_eq!(
            (find(2).linked, find(2).unlinked),
            (0, 1),
            "the best of two"
        );
        assert_eq!(find(-40).unlinked, 1);
        assert_eq!(find(55).linked, 1);
        let counted: usize = bins.iter().map(|b| b.linked + b.unlinked).sum();
        assert_eq!(counted, 4, "users without candidate are left out");
    }
}
