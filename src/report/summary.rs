//! The summary of a run: per population, how many Pronote users and ENT
//! accounts, and where they ended up. In: a `RunState`. Out: counts, for the
//! table and JSON renderers.
//!
//! The columns add up: Pronote users = exact + fuzzy + manual + kept +
//! review + unmatched (Pronote) + excluded, and ENT accounts = exact +
//! fuzzy + manual + kept + unmatched (ENT), where an
//! ENT account « non rapproché » is any account not linked (left to review
//! or without a candidate). A linked ENT account is counted in its Pronote
//! user's population.
//!
//! Beside the counts: the estimated wrong links and missed pairs of each
//! population (`estimate`), and the distribution of the users' best scores,
//! for the terminal histogram and for charts (HTML, JSON).

use crate::estimate::{self, Estimates, HistogramBin};
use crate::model::Population;
use crate::outcome::Status;
use crate::report::account_population;
use crate::state::RunState;

/// The counts of one population (or of the totals row).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pronote_users: usize,
    pub ent_accounts: usize,
    /// Pronote users linked exactly.
    pub exact: usize,
    /// Pronote users linked by the fuzzy fallback.
    pub fuzzy: usize,
    /// Pronote users left to review.
    pub review: usize,
    /// Pronote users without any candidate.
    pub unmatched_pronote: usize,
    /// Pronote users linked by a manual decision.
    pub manual: usize,
    /// Pronote users linked by their existing identifier (`--existing keep`).
    pub kept: usize,
    /// Pronote users without ENT account, by a manual decision.
    pub excluded: usize,
    /// ENT accounts not linked.
    pub unmatched_ent: usize,
    /// ENT accounts left to review (part of `unmatched_ent`).
    pub review_ent: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.pronote_users += other.pronote_users;
        self.ent_accounts += other.ent_accounts;
        self.exact += other.exact;
        self.fuzzy += other.fuzzy;
        self.review += other.review;
        self.unmatched_pronote += other.unmatched_pronote;
        self.manual += other.manual;
        self.kept += other.kept;
        self.excluded += other.excluded;
        self.unmatched_ent += other.unmatched_ent;
        self.review_ent += other.review_ent;
    }

    /// True when nothing is left to review or unmatched, on either side.
    pub fn all_linked(&self) -> bool {
        self.review == 0 && self.unmatched_pronote == 0 && self.unmatched_ent == 0
    }
}

/// One line of the summary: `population` is `None` for ENT accounts whose
/// profile maps to no population.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SummaryLine {
    pub population: Option<Population>,
    pub counts: Counts,
    /// How far to trust the population's links; `None` without Pronote
    /// users, or for a result saved without probabilities.
    pub estimates: Option<Estimates>,
}

/// The summary: one line per population present, then the totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub lines: Vec<SummaryLine>,
    pub total: Counts,
    /// The estimates over the lines' populations.
    pub total_estimates: Option<Estimates>,
    /// The best candidate's score of every Pronote user of those
    /// populations that has a candidate (the HTML report's chart).
    pub histogram: Vec<HistogramBin>,
}

/// The label of a population on a summary line.
pub fn population_label(population: Option<Population>) -> &'static str {
    population.map_or("(sans population)", Population::label)
}

/// Counts the run's result per population; only the `population` one when
/// given.
pub fn summarize(state: &RunState, only: Option<Population>) -> Summary {
    let mut by_population: Vec<SummaryLine> = Population::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|population| SummaryLine {
            population,
            counts: Counts::default(),
            estimates: None,
        })
        .collect();
    let slot = |population: Option<Population>| {
        Population::ALL
            .iter()
            .position(|p| Some(*p) == population)
            .unwrap_or(Population::ALL.len())
    };
    for (user, result) in state.users.iter().zip(&state.reconciliation.users) {
        let counts = &mut by_population[slot(Some(user.population))].counts;
        counts.pronote_users += 1;
        match result.status {
            Status::Exact => counts.exact += 1,
            Status::Fuzzy => counts.fuzzy += 1,
            Status::Review => counts.review += 1,
            Status::Unmatched => counts.unmatched_pronote += 1,
            Status::Manual => counts.manual += 1,
            Status::Kept => counts.kept += 1,
            Status::Excluded => counts.excluded += 1,
        }
    }
    for (j, result) in state.reconciliation.accounts.iter().enumerate() {
        let counts = &mut by_population[slot(account_population(state, j))].counts;
        counts.ent_accounts += 1;
        if !result.status.is_linked() {
            counts.unmatched_ent += 1;
        }
        if result.status == Status::Review {
            counts.review_ent += 1;
        }
    }
    by_population.retain(|line| {
        line.counts != Counts::default() && only.is_none_or(|p| line.population == Some(p))
    });
    let mut total = Counts::default();
    for line in &by_population {
        total.add(&line.counts);
    }
    let estimates = estimate::estimate(&state.reconciliation, &state.users, only);
    if let Some((per_population, _)) = &estimates {
        for line in &mut by_population {
            line.estimates = per_population
                .iter()
                .find(|(p, _)| Some(*p) == line.population)
                .map(|(_, e)| *e);
        }
    }
    let histogram = estimate::score_histogram(
        state
            .users
            .iter()
            .zip(&state.reconciliation.users)
            .filter(|(u, _)| only.is_none_or(|p| u.population == p))
            .map(|(_, r)| r),
    );
    Summary {
        lines: by_population,
        total,
        total_estimates: estimates.map(|(_, total)| total),
        histogram,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn counts_per_population_add_up() {
        let summary = summarize(&fixture::state(), None);
        let eleves = Counts {
            pronote_users: 3,
            ent_accounts: 2,
            exact: 1,
            fuzzy: 0,
            review: 1,
            unmatched_pronote: 1,
            unmatched_ent: 1,
            review_ent: 1,
            ..Counts::default()
        };
        let responsables = Counts {
            pronote_users: 1,
            ent_accounts: 1,
            exact: 1,
            ..Counts::default()
        };
        assert_eq!(
            summary.lines,
            [
                SummaryLine {
                    population: Some(Population::Eleves),
                    counts: eleves,
                    estimates: summary.lines[0].estimates,
                },
                SummaryLine {
                    population: Some(Population::Responsables),
                    counts: responsables,
                    estimates: summary.lines[1].estimates,
                },
            ]
        );
        let t = summary.total;
        assert_eq!(
            (t.pronote_users, t.ent_accounts, t.exact, t.unmatched_ent),
            (4, 3, 2, 1)
        );
        assert_eq!(
            t.pronote_users,
            t.exact + t.fuzzy + t.review + t.unmatched_pronote
        );
        assert_eq!(t.ent_accounts, t.exact + t.fuzzy + t.unmatched_ent);
        assert!(!t.all_linked());
    }

    #[test]
    fn one_population_only() {
        let summary = summarize(&fixture::state(), Some(Population::Responsables));
        assert_eq!(summary.lines.len(), 1);
        assert_eq!(summary.total.pronote_users, 1);
        assert!(summary.total.all_linked());
        assert!(
            summarize(&fixture::state(), Some(Population::Inspecteurs))
                .lines
                .is_empty()
        );
    }

    #[test]
    fn accounts_without_population_get_their_own_line() {
        let mut state = fixture::state();
        state.accounts[1].populations.clear();
        let summary = summarize(&state, None);
        let last = summary.lines.last().unwrap();
        assert_eq!(population_label(last.population), "(sans population)");
        assert_eq!(last.counts.unmatched_ent, 1);
        assert_eq!(summary.total.ent_accounts, 3);
    }
}
