//! Scoring of a candidate pair (issue 3, "Scoring"): every field is compared
//! (`levels`), each comparison level carries a Fellegi–Sunter weight
//! `log2(m / u)`, where `m` is how often a true pair shows this level and
//! `u` how often two unrelated records do (for exact agreement, `u` is the
//! value's frequency in the data: `frequency`). The score is the pair's
//! posterior log-odds in bits: the prior `-log2(pool size)` plus the
//! weights. 10 bits ≈ 1000 to 1 that the pair is the same person.
//!
//! The `m` values are estimates for this kind of data (typing errors in
//! school lists run at a few per cent per field); they were set from the
//! accuracy benchmark, README "Précision".

pub mod frequency;
pub mod levels;
pub mod probability;

use crate::normalize::name::{GivenNames, LastName};
use crate::outcome::{Comparison, Field};
use crate::person::Person;
use frequency::Frequencies;
use levels::{Agreement, DateLevel, GivenLevel, LastLevel};

/// What is known of a parent's children on both sides (issue 4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChildrenEvidence {
    /// Nothing to compare (not a parent, or no child linked yet).
    #[default]
    Unknown,
    /// This many of the Pronote parent's children are linked to children
    /// of the ENT parent.
    Shared(usize),
    /// Not linked, but the Pronote parent names children as the ENT
    /// parent's children are named: weaker (two families may name a child
    /// alike), so it adds to the score and corroborates nothing.
    NamedAlike(usize),
    /// The Pronote parent's children are linked to other ENT students than
    /// this ENT parent's children.
    Conflict,
    /// Not linked, and both sides name children, but none alike (not even
    /// two letters apart): most likely another family of the same name.
    /// A true pair shows this only when no child is on both sides (one
    /// without ENT account, another without Pronote row).
    NamedOtherwise,
    /// As `NamedOtherwise`, but no child of the ENT parent is linked to a
    /// student of the lists (accounts of children who have left, beside a
    /// younger child whose account is not made yet), and the other parent
    /// has the same name on both sides: the same couple, not another
    /// family. Still weighs against, as `NamedOtherwise`, but forbids
    /// nothing.
    NamedOtherwiseSameCouple,
}

/// Every field's level for one pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Levels {
    pub last: LastLevel,
    pub given: GivenLevel,
    /// Last and given names typed the wrong way round.
    pub swapped_names: bool,
    pub date: DateLevel,
    pub postal: Agreement,
    pub class: Agreement,
    pub gender: Agreement,
    pub children: ChildrenEvidence,
}

/// One field's contribution, kept without allocating (scoring is the hot loop).
pub type Part = (Field, &'static str, f64);

/// A scored pair: the total and the per-field detail.
#[derive(Clone, Debug, PartialEq)]
pub struct PairScore {
    pub score: f64,
    pub levels: Levels,
    parts: [Option<Part>; 10],
}

impl PairScore {
    /// The per-field detail, for the saved result and `explain`.
    /// Allocated to its exact length: a region's run keeps millions of them.
    pub fn comparisons(&self) -> Vec<Comparison> {
        let mut comparisons = Vec::with_capacity(self.parts.iter().flatten().count());
        comparisons.extend(
            self.parts
                .iter()
                .flatten()
                .map(|&(field, level, weight)| Comparison {
                    field,
                    level: level.into(),
                    weight,
                }),
        );
        comparisons
    }
}

/// Probability that a person's last and given names are typed the wrong way round.
const SWAP_RATE: f64 = 0.005;

/// The pool-wide context of scoring.
pub struct Scorer<'a> {
    pub frequencies: &'a Frequencies,
    /// `-log2` of the number of records on the larger side of the pool.
    pub prior: f64,
    /// True for parents and staff, whose last names change.
    pub adults: bool,
}

impl Scorer<'_> {
    /// Compares a Pronote user (`u`) with an ENT account (`a`).
    pub fn score_pair(&self, u: &Person, a: &Person, children: ChildrenEvidence) -> PairScore {
        let f = self.frequencies;
        let mut parts: [Option<Part>; 10] = [None; 10];
        let mut count = 0;
        let mut total = 0.0;
        let mut push = |field, level: &'static str, weight: f64| {
            if let Some(slot) = parts.get_mut(count) {
                *slot = Some((field, level, weight));
                count += 1;
                total += weight;
            }
        };

        let mut last = levels::compare_last(&u.last, &a.last);
        let mut given = levels::compare_given(&u.given, &a.given);
        if given == GivenLevel::Typo && two_names(f, &u.given.first, &a.given.first) {
            given = GivenLevel::Different;
        }
        let swapped = swapped_levels(u, a, last, given);
        let swapped_names = swapped.is_some();
        if let Some((swapped_last, swapped_given)) = swapped {
            last = swapped_last;
            given = swapped_given;
        }
        let (label, weight) = match last {
            LastLevel::Exact => ("identique", log2(0.92 / f.last(&a.main_last().full))),
            LastLevel::BirthName => (
                "identique au nom de naissance",
                log2(
                    0.04 / (f.last(a.last.get(1).map_or("", |l| l.full.as_str()))
                        * f.birth_name_share()),
                ),
            ),
            LastLevel::Partial => (
                "partie du nom ou particule",
                log2(0.03 / (3.0 * f.last(&u.main_last().core)).min(1.0)),
            ),
            LastLevel::Typo => ("une faute de frappe", log2(0.03 / 0.002)),
            // Adults change last names (marriage); children hardly ever.
            LastLevel::Different if self.adults => ("différent", log2(0.06 / 0.99)),
            LastLevel::Different => ("différent", log2(0.005 / 0.99)),
            LastLevel::Missing => ("absent", 0.0),
        };
        push(Field::LastName, label, weight);

        let (label, weight) = match given {
            GivenLevel::Exact => ("identique", log2(0.90 / f.given(&a.given.first))),
            GivenLevel::Partial => ("prénom composé ou autre prénom", log2(0.05 / 0.02)),
            GivenLevel::Typo => ("une faute de frappe", log2(0.03 / 0.003)),
            // As likely for one person mistyped as for two similar names.
            GivenLevel::TwoTypos => ("deux fautes de frappe", 0.0),
            GivenLevel::GenderVariant => ("forme masculine/féminine", log2(0.002 / 0.01)),
            GivenLevel::Different => ("différent", log2(0.02 / 0.98)),
            GivenLevel::Missing => ("absent", 0.0),
        };
        push(Field::GivenName, label, weight);
        if swapped_names {
            push(Field::LastName, "nom et prénom inversés", log2(SWAP_RATE));
        }

        let date = levels::compare_dates(u.date, a.date);
        let (label, weight) = match (date, a.date) {
            (DateLevel::Exact, Some(d)) => ("identique", log2(0.95 / f.date(d))),
            (DateLevel::Swapped, _) => ("jour et mois inversés", log2(0.01 / 0.0008)),
            (DateLevel::OneDigit, _) => ("un chiffre diffère", log2(0.015 / 0.012)),
            (DateLevel::Different, _) => ("différente", log2(0.02 / 0.97)),
            _ => ("absente", 0.0),
        };
        push(Field::BirthDate, label, weight);

        let postal = levels::compare_value(u.postal.as_deref(), a.postal.as_deref());
        match (postal, &a.postal) {
            (Agreement::Equal, Some(p)) => {
                push(Field::PostalCode, "identique", log2(0.9 / f.postal(p)))
            }
            (Agreement::Different, _) => push(Field::PostalCode, "différent", log2(0.1 / 0.95)),
            _ => {}
        }

        let class = levels::compare_classes(&u.classes, &a.classes);
        match class {
            Agreement::Equal => {
                let share = u.classes.iter().map(|c| f.class(c)).fold(1.0, f64::min);
                push(Field::Class, "identique", log2(0.9 / share));
            }
            Agreement::Different => push(Field::Class, "différente", log2(0.15 / 0.95)),
            Agreement::Missing => {}
        }

        let mut gender = levels::compare_gender(u.gender, a.gender);
        match gender {
            Agreement::Equal => push(Field::Civility, "identique", log2(0.98 / 0.5)),
            Agreement::Different => push(Field::Civility, "différente", log2(0.01 / 0.5)),
            // A student has no civility in Pronote: the first given name
            // may tell the sex that the other side's civility contradicts
            // (`Marie` against `M.` Jean-Baptiste Marie, a twin brother).
            Agreement::Missing => {
                let told = |p: &Person| p.gender.or_else(|| f.gender_of_given(&p.given.first));
                if levels::compare_gender(told(u), told(a)) == Agreement::Different {
                    gender = Agreement::Different;
                    push(
                        Field::Civility,
                        "différente (déduite du prénom)",
                        log2(0.01 / 0.5),
                    );
                }
            }
        }

        match children {
            ChildrenEvidence::Shared(n) => {
                let label = match n {
                    1 => "enfants en commun : 1",
                    2 => "enfants en commun : 2",
                    _ => "enfants en commun : 3 ou plus",
                };
                push(Field::Children, label, 9.0 * n.min(2) as f64);
            }
            ChildrenEvidence::NamedAlike(_) => {
                push(Field::Children, "enfant de même nom (non rapproché)", 4.0)
            }
            ChildrenEvidence::NamedOtherwise => push(
                Field::Children,
                "enfants nommés autrement (aucun en commun)",
                log2(0.06 / 0.95),
            ),
            ChildrenEvidence::NamedOtherwiseSameCouple => push(
                Field::Children,
                "enfants nommés autrement, mais l'autre parent concorde",
                log2(0.06 / 0.95),
            ),
            ChildrenEvidence::Conflict => push(
                Field::Children,
                "enfants rapprochés à d'autres comptes",
                -9.0,
            ),
            ChildrenEvidence::Unknown => {}
        }

        PairScore {
            score: self.prior + total,
            levels: Levels {
                last,
                given,
                swapped_names,
                date,
                postal,
                class,
                gender,
                children,
            },
            parts,
        }
    }
}

/// Last and given names typed the wrong way round: each name field, read
/// as given names, agrees with the other record's given names (exactly, as
/// one of several given names, or with one typo), at least one of them
/// exactly, and the crossed reading agrees better than the straight one.
/// Returns the levels of the crossed comparisons.
fn swapped_levels(
    u: &Person,
    a: &Person,
    last: LastLevel,
    given: GivenLevel,
) -> Option<(LastLevel, GivenLevel)> {
    if matches!(last, LastLevel::Exact | LastLevel::BirthName) && given == GivenLevel::Exact {
        return None;
    }
    let (u_last, a_last) = (u.main_last(), a.main_last());
    if u_last.full.is_empty() || a_last.full.is_empty() {
        return None;
    }
    // The user's last-name field holds the account's given names, and the
    // account's last name is among the user's given names.
    let crossed_last = crossed(u_last, &a.given)?;
    let crossed_given = crossed(a_last, &u.given)?;
    if crossed_last != GivenLevel::Exact && crossed_given != GivenLevel::Exact {
        return None;
    }
    let crossed_last = match crossed_last {
        GivenLevel::Exact => LastLevel::Exact,
        GivenLevel::Partial => LastLevel::Partial,
        _ => LastLevel::Typo,
    };
    let straight = levels::rank_last(last) + levels::rank_given(given);
    (levels::rank_last(crossed_last) + levels::rank_given(crossed_given) < straight)
        .then_some((crossed_last, crossed_given))
}

/// A last name read as given names, against given names: `Exact`,
/// `Partial` (one of several given names, the start of a compound) or
/// `Typo`; `None` when they do not agree.
fn crossed(last: &LastName, given: &GivenNames) -> Option<GivenLevel> {
    if last.full == given.joined || last.full == given.first {
        return Some(GivenLevel::Exact);
    }
    match levels::compare_given(&GivenNames::from_names(&last.parts), given) {
        level @ (GivenLevel::Exact | GivenLevel::Partial | GivenLevel::Typo) => Some(level),
        _ if levels::is_typo(&last.full, &given.joined)
            || levels::is_typo(&last.full, &given.first) =>
        {
            Some(GivenLevel::Typo)
        }
        _ => None,
    }
}

/// Records that must bear each of two first given names one typo apart
/// for them to be two names, not one mistyped: a typo rarely makes a name
/// that others bear (`Léna` / `Léa` are twins, `Léna` / `Lénaa` a typo).
const NAME_BEARERS: u32 = 3;

/// Two first given names one typo apart that are both names of the pool.
fn two_names(f: &Frequencies, user: &str, account: &str) -> bool {
    user != account
        && levels::is_typo(user, account)
        && f.given_at_least(user, NAME_BEARERS)
        && f.given_at_least(account, NAME_BEARERS)
}

fn log2(x: f64) -> f64 {
    x.max(f64::MIN_POSITIVE).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(last: &str, given: &str) -> Person {
        Person {
            last: vec![LastName::new(last)],
            given: GivenNames::from_pronote(given),
            ..Person::default()
        }
    }

    fn account(last: &str, given: &str, others: &[&str]) -> Person {
        Person {
            last: vec![LastName::new(last)],
            given: GivenNames::from_ent(given, others),
            ..Person::default()
        }
    }

    #[test]
    fn names_typed_the_wrong_way_round() {
        use GivenLevel as G;
        use LastLevel as L;
        let cases = [
            (
                "plain",
                person("LÉA", "Dupont"),
                account("DUPONT", "Léa", &[]),
                Some((L::Exact, G::Exact)),
            ),
            (
                "a typo in one name",
                person("LÉ", "Jourtoux"),
                account("JOURTOUX", "Léo", &[]),
                Some((L::Typo, G::Exact)),
            ),
            (
                "another given name of the account",
                person("ANNICK", "Chassaud"),
                account("CHASSAUD", "Anne", &["Anne", "Annick", "Rose"]),
                Some((L::Partial, G::Exact)),
            ),
            (
                "start of a compound given name",
                person("VAN", "Nguyen"),
                account("NGUYEN", "Van Duc", &[]),
                Some((L::Partial, G::Exact)),
            ),
            (
                "a particle in the last name",
                person("IRIS", "De Saint-Jean"),
                account("DE SAINT-JEAN", "Iris", &["Iris", "Marie"]),
                Some((L::Exact, G::Exact)),
            ),
            (
                "straight names agree",
                person("DUPONT", "Léa"),
                account("DUPONT", "Léa", &[]),
                None,
            ),
            (
                "only one name crossed",
                person("LÉA", "Martin"),
                account("DUPONT", "Léa", &[]),
                None,
            ),
            (
                "both crossed names approximate",
                person("LÉ", "Dupond"),
                account("DUPONT", "Léo", &[]),
                None,
            ),
            // Straight: same last name, a typo in the given name; crossed
            // is no better.
            (
                "straight reading better",
                person("THOMAS", "Tomas"),
                account("THOMAS", "Thomas", &[]),
                None,
            ),
        ];
        for (name, u, a, expected) in cases {
            let last = levels::compare_last(&u.last, &a.last);
            let given = levels::compare_given(&u.given, &a.given);
            assert_eq!(swapped_levels(&u, &a, last, given), expected, "{name}");
        }
    }

    #[test]
    fn a_birth_name_agreement_weighs_more_when_few_accounts_carry_one() {
        let user = person("DURAND", "Claire");
        let mut married = account("MOREAU", "Claire", &[]);
        married.last.push(LastName::new("DURAND"));
        let weight = |pool: &[Person]| {
            let frequencies = frequency::Frequencies::count(pool.iter().chain([&user, &married]));
            let scorer = Scorer {
                frequencies: &frequencies,
                prior: 0.0,
                adults: true,
            };
            let pair = scorer.score_pair(&user, &married, ChildrenEvidence::Unknown);
            assert_eq!(pair.levels.last, LastLevel::BirthName);
            pair.comparisons()[0].weight
        };
        let single_names: Vec<Person> = (0..300)
            .map(|i| account(&format!("NOM{i}"), "Anne", &[]))
            .collect();
        let birth_names: Vec<Person> = (0..300)
            .map(|i| {
                let mut a = account(&format!("NOM{i}"), "Anne", &[]);
                a.last.push(LastName::new(&format!("AUTRE{i}")));
                a
            })
            .collect();
        assert!(weight(&single_names) > weight(&birth_names) + 1.0);
    }
}
