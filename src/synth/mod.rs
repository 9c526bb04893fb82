//! Synthetic establishments with ground truth, to measure the matching
//! engine's accuracy (benchmark, tests). Not part of the tool's pipeline.
//!
//! In: a [`SynthConfig`] (seed, size, profile). Out: a [`Synthetic`]: ENT
//! accounts and Pronote users as the readers would produce them, which
//! account each user truly is, and the traps and typing errors applied to
//! each user. `write` turns it into real files (FORMATS.md shapes), `score`
//! grades a `Reconciliation` against the truth.
//!
//! Every draw goes through a `ChaCha8Rng` seeded from the config, with
//! integer-bounded ranges, so that a seed gives the same data on every
//! platform.

mod families;
mod names;
mod noise;
#[rustfmt::skip]
mod pools;
mod records;
pub mod score;
mod world;
pub mod write;

use crate::model::{EntAccount, PronoteUser};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt;

/// How hard the generated data is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// A typical establishment: ~10 % of the true pairs carry an error,
    /// 3–6 % of users or accounts have no counterpart.
    Realistic,
    /// A stress test: ~35 % of the pairs carry errors (several at times),
    /// ~11 % without counterpart, many planted homonyms.
    Hard,
}

impl Profile {
    /// Both profiles, in the order the benchmark runs them.
    pub const ALL: [Profile; 2] = [Profile::Realistic, Profile::Hard];

    /// The command-line name (`realistic`, `hard`).
    pub fn name(self) -> &'static str {
        match self {
            Profile::Realistic => "realistic",
            Profile::Hard => "hard",
        }
    }

    /// Parses a command-line name.
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthConfig {
    pub seed: u64,
    /// Number of students; every other population is sized from it.
    pub students: usize,
    pub profile: Profile,
    /// Establishments (UAI) in the ENT export; the Pronote lists hold the
    /// users of all of them (a « cité scolaire »).
    pub establishments: usize,
    /// One Pronote base per establishment (a regional export): each
    /// establishment's users in their own lists, `list = 5 × establishment
    /// + population`. Else the lists hold the users of every establishment.
    pub regional: bool,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            seed: 1,
            students: 400,
            profile: Profile::Realistic,
            establishments: 1,
            regional: false,
        }
    }
}

/// Generated inputs of one run, with the truth.
#[derive(Clone, Debug, PartialEq)]
pub struct Synthetic {
    /// ENT accounts, grouped by `categoriePersonne` as in real exports.
    pub accounts: Vec<EntAccount>,
    /// Pronote users, by population then by name as Pronote lists them;
    /// `list` is the population's position in `Population::ALL`.
    pub users: Vec<PronoteUser>,
    /// `users[i]` is truly `accounts[truth[i]]`; `None` when the user has
    /// no ENT account.
    pub truth: Vec<Option<usize>>,
    /// Per user, the traps and errors it carries (sorted, no repeats).
    pub difficulty: Vec<Vec<Difficulty>>,
}

/// A trap or an error carried by a Pronote user (or its true account).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Difficulty {
    // ---- traps: the data is right, but confusable ----
    /// Another person of the same population has the same last name and
    /// first given name.
    Homonym,
    /// ...and a birth date one digit apart.
    HomonymNearDate,
    /// A twin: same last name, birth date and parents as a sibling.
    Twin,
    /// A triplet.
    Triplet,
    /// The user has no ENT account.
    NoEntAccount,
    /// No ENT account, but a same-name account of the population exists.
    AccountlessWithHomonym,
    /// A parent without ENT account whose co-parent (same children) has one.
    AccountlessCoParent,
    /// A parent who is also a teacher: two accounts, two lists.
    ParentAlsoTeacher,
    // ---- errors: the two sides disagree ----
    /// Married name on one side, birth name on the other.
    MarriedName,
    /// One letter substituted, deleted, inserted or two transposed.
    Typo,
    AccentDropped,
    AccentAdded,
    Case,
    /// A compound given name cut (`Marie` for `Marie-Josée`).
    MissingGivenName,
    /// Several given names where the other side has one.
    ExtraGivenNames,
    GivenNamesOrder,
    /// Hyphen, space or apostrophe changed in a compound name.
    HyphenSpace,
    /// `FONTAINE` for `DE LA FONTAINE`.
    ParticleDropped,
    DayMonthSwap,
    DateDigitTypo,
    MissingDate,
    /// Last and given names typed the wrong way round.
    NamesSwapped,
    /// The family moved: another postal code on one side.
    PostalCodeChanged,
}

impl Difficulty {
    /// Every kind, traps first.
    pub const ALL: [Difficulty; 23] = [
        Difficulty::Homonym,
        Difficulty::HomonymNearDate,
        Difficulty::Twin,
        Difficulty::Triplet,
        Difficulty::NoEntAccount,
        Difficulty::AccountlessWithHomonym,
        Difficulty::AccountlessCoParent,
        Difficulty::ParentAlsoTeacher,
        Difficulty::MarriedName,
        Difficulty::Typo,
        Difficulty::AccentDropped,
        Difficulty::AccentAdded,
        Difficulty::Case,
        Difficulty::MissingGivenName,
        Difficulty::ExtraGivenNames,
        Difficulty::GivenNamesOrder,
        Difficulty::HyphenSpace,
        Difficulty::ParticleDropped,
        Difficulty::DayMonthSwap,
        Difficulty::DateDigitTypo,
        Difficulty::MissingDate,
        Difficulty::NamesSwapped,
        Difficulty::PostalCodeChanged,
    ];

    /// A short kebab-case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Homonym => "homonym",
            Difficulty::HomonymNearDate => "homonym-near-date",
            Difficulty::Twin => "twin",
            Difficulty::Triplet => "triplet",
            Difficulty::NoEntAccount => "no-ent-account",
            Difficulty::AccountlessWithHomonym => "accountless-with-homonym",
            Difficulty::AccountlessCoParent => "accountless-co-parent",
            Difficulty::ParentAlsoTeacher => "parent-also-teacher",
            Difficulty::MarriedName => "married-name",
            Difficulty::Typo => "typo",
            Difficulty::AccentDropped => "accent-dropped",
            Difficulty::AccentAdded => "accent-added",
            Difficulty::Case => "case",
            Difficulty::MissingGivenName => "missing-given-name",
            Difficulty::ExtraGivenNames => "extra-given-names",
            Difficulty::GivenNamesOrder => "given-names-order",
            Difficulty::HyphenSpace => "hyphen-space",
            Difficulty::ParticleDropped => "particle-dropped",
            Difficulty::DayMonthSwap => "day-month-swap",
            Difficulty::DateDigitTypo => "date-digit-typo",
            Difficulty::MissingDate => "missing-date",
            Difficulty::NamesSwapped => "names-swapped",
            Difficulty::PostalCodeChanged => "postal-code-changed",
        }
    }

    /// True for a disagreement between the two sides (as opposed to a trap
    /// where both sides are right).
    pub fn is_error(self) -> bool {
        self >= Difficulty::MarriedName
    }
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Generates one synthetic run: same config, same output.
pub fn generate(config: &SynthConfig) -> Synthetic {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let rates = Rates::of(config.profile);
    let world = world::populate(config, &rates, &mut rng);
    let mut synthetic = records::build(world, &rates, &mut rng);
    // Each account starts where `write_ent_xml` puts its `<addRequest>`,
    // as the reader would record it.
    let lines = write::record_lines(&synthetic);
    for (account, line) in synthetic.accounts.iter_mut().zip(lines) {
        account.source.line = line;
    }
    synthetic
}

/// The profile's knobs, in one place.
#[derive(Clone, Debug)]
pub(crate) struct Rates {
    /// Share of persons without ENT account (Pronote only).
    pub missing_ent: f64,
    /// Share of persons without Pronote row (ENT only).
    pub missing_pronote: f64,
    /// Probabilities of 1, 2, 3 errors on a true pair (the rest: none).
    pub errors: [f64; 3],
    /// Planted same-name student pairs, per student.
    pub homonyms: f64,
    /// Planted « Pronote-only user, homonym ENT-only account with a date
    /// one digit apart », per student.
    pub accountless_homonyms: f64,
    /// Two-parent families where exactly one parent has an ENT account.
    pub accountless_co_parent: f64,
    /// Families with twins, and with triplets.
    pub twins: f64,
    pub triplets: f64,
}

impl Rates {
    fn of(profile: Profile) -> Rates {
        match profile {
            Profile::Realistic => Rates {
                missing_ent: 0.045,
                missing_pronote: 0.045,
                errors: [0.085, 0.013, 0.002],
                homonyms: 0.004,
                accountless_homonyms: 0.0015,
                accountless_co_parent: 0.02,
                twins: 0.015,
                triplets: 0.0015,
            },
            Profile::Hard => Rates {
                missing_ent: 0.11,
                missing_pronote: 0.11,
                errors: [0.22, 0.09, 0.04],
                homonyms: 0.015,
                accountless_homonyms: 0.005,
                accountless_co_parent: 0.06,
                twins: 0.03,
                triplets: 0.004,
            },
        }
    }
}

// ---- portable random helpers: integer ranges only, never `usize` ----

/// True with probability `p`.
pub(crate) fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.r#gen::<f64>() < p
}

/// A uniform index below `n` (`n > 0`).
pub(crate) fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    rng.gen_range(0..n as u64) as usize
}

/// A uniform element of a non-empty slice (the first one if empty slices
/// ever reach it, which the callers prevent).
pub(crate) fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[below(rng, items.len())]
}

/// An index drawn with the given integer weights.
pub(crate) fn pick_weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
    if total == 0 {
        return 0;
    }
    let mut roll = rng.gen_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        let w = u64::from(*w);
        if roll < w {
            return i;
        }
        roll -= w;
    }
    weights.len() - 1
}

/// Fisher–Yates with the portable index draw.
pub(crate) fn shuffle<T>(rng: &mut ChaCha8Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i + 1);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests;
