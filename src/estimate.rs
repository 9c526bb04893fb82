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
use crate::outcome::{Reconciliation, UserResult};

/// True pairs the blocking never offered as candidates, per true pair left
/// unlinked among the candidates: measured on the synthetic generator
/// (seeds 101–130, both profiles), refitted with
/// `cargo run --release --example calibration -- --fit`.
pub const BLOCKING_MISS_RATIO: f64 = 0.237;

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
/// `Population::ALL` order) and in total; `None` when a candidate has no
/// probability (a result saved by an older version).
pub fn estimate(
    result: &Reconciliation,
    users: &[PronoteUser],
) -> Option<(Vec<(Population, Estimates)>, Estimates)> {
    let mut sums: Vec<(Population, Sums, bool)> = Population::ALL
        .iter()
        .map(|&p| (p, Sums::default(), false))
        .collect();
    for (user, decision) in users.iter().zip(&result.users) {
        let (_, slot, seen) = sums.iter_mut().find(|(p, _, _)| *p == user.population)?;
        slot.add_user(decision)?;
        *seen = true;
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
        .chain((first..last).step_by(HISTOGRAM_STEP as usize).map(|from| {
            (Some(from), Some(from + HISTOGRAM_STEP))
        }))
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
