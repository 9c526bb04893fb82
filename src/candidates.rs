//! Candidate generation (blocking): each Pronote user is compared only with
//! the ENT accounts that share at least one block key with it, never with
//! every account (issue 3, "Candidates").
//!
//! The blocks, and what a pair must share to be compared at all:
//! - `date+nom`: the birth date (or, from the Pronote side, a variant of it:
//!   day and month swapped, one digit changed, two adjacent digits
//!   transposed) and the phonetic key of a last name (usage or birth name,
//!   or one part of a compound name);
//! - `date+prénom`: the birth date and the phonetic key of a given name
//!   (finds typos and married names in the last name);
//! - the `date+nom` and `date+prénom` keys crossed (the user's given name
//!   as a last name, its last name as a given name, exact date only): last
//!   and given names typed the wrong way round, one of them misspelt;
//! - `nom+prénom`: the phonetic keys of the last name and of the first given
//!   name, with no date (missing or wrong dates, parents); looked up the other
//!   way round too, for last and given names typed in each other's place;
//! - `cp+nom`, `cp+prénom`: the postal code and the phonetic key of the last
//!   or first given name (parents, whose names are often misspelt);
//! - `date+classe`: the exact birth date and the class (a student whose
//!   last and given names are both misspelt);
//! - `classe+nom`, `classe+prénom`: the class and the phonetic key of the
//!   last or first given name (students with a missing date and a typo),
//!   crossed too (names the wrong way round);
//! - `prénom+initiales`, `nom+initiales`: the phonetic key of the first
//!   given name and the first two letters of the last name, and the other
//!   way round (a typo that changes one name's sound, with no date to lean
//!   on);
//! - children: for a parent, the ENT parents of the students its children
//!   are linked to (added by the engine, not here).
//!
//! A block holding more than `MAX_BLOCK` accounts is not used: such a key
//! (a very common name with no other distinction, a class name shared by
//! every establishment of a region) would compare far too many pairs, and
//! its pairs are found through the narrower blocks. This cap keeps the
//! number of pairs per user bounded whatever the size of the pool, so the
//! cost grows linearly (README, « Performances »).

use crate::model::BirthDate;
use crate::normalize::date::days_in_month;
use crate::normalize::phonetic::phonetic;
use crate::person::Person;
use crate::score::levels::digits;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Blocks larger than this are skipped (see the module documentation).
/// At 500, the pairs per user grew with the pool: 7 at 10,000 accounts, 53
/// at 100,000, 149 at 300,000; at 50, 31 at 100,000 and 38 at 300,000. On
/// the accuracy benchmark (5 × 2,000 students, and one pool of 50,000
/// accounts) 50 links exactly the same pairs as 500.
pub const MAX_BLOCK: usize = 50;

/// The block index of one pool's ENT accounts.
#[derive(Debug, Default)]
pub struct BlockIndex {
    // Keys are hashed with Fx, not SipHash: they come from the run's own
    // inputs, not from an adversary, and hashing is most of the lookup cost
    // (about a hundred keys per user with the date variants).
    blocks: FxHashMap<u64, Vec<u32>>,
}

#[derive(Hash)]
enum Key<'a> {
    DateLast(BirthDate, &'a str),
    DateGiven(BirthDate, &'a str),
    LastGiven(&'a str, &'a str),
    PostalLast(&'a str, &'a str),
    PostalGiven(&'a str, &'a str),
    ClassLast(&'a str, &'a str),
    ClassGiven(&'a str, &'a str),
    DateClass(BirthDate, &'a str),
    GivenInitials(&'a str, &'a str),
    LastInitials(&'a str, &'a str),
}

fn hash(key: Key<'_>) -> u64 {
    let mut hasher = FxHasher::default();
    key.hash(&mut hasher);
    hasher.finish()
}

/// Phonetic keys of a person's last names: each form's core, and the parts
/// of compound names.
fn last_keys(person: &Person) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for last in &person.last {
        let mut add = |s: &str| {
            let key = phonetic(s);
            if !key.is_empty() && !keys.contains(&key) {
                keys.push(key);
            }
        };
        add(&last.core);
        if last.parts.len() > 1 {
            for part in &last.parts {
                add(part);
            }
        }
    }
    keys
}

fn given_keys(person: &Person) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for name in std::iter::once(&person.given.joined).chain(&person.given.tokens) {
        let key = phonetic(name);
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

impl BlockIndex {
    /// Indexes the accounts of a pool (`accounts[i]` gets id `i`).
    pub fn build(accounts: &[&Person]) -> BlockIndex {
        let mut index = BlockIndex::default();
        for (i, person) in accounts.iter().enumerate() {
            let id = i as u32;
            let lasts = last_keys(person);
            let first_given = phonetic(&person.given.first);
            let mut keys = Vec::with_capacity(8);
            for last in &lasts {
                if let Some(date) = person.date {
                    keys.push(hash(Key::DateLast(date, last)));
                }
                keys.push(hash(Key::LastGiven(last, &first_given)));
                if let Some(postal) = &person.postal {
                    keys.push(hash(Key::PostalLast(postal, last)));
                }
            }
            if let Some(date) = person.date {
                keys.push(hash(Key::DateGiven(date, &first_given)));
            }
            if let Some(postal) = &person.postal {
                keys.push(hash(Key::PostalGiven(postal, &first_given)));
            }
            for last in &person.last {
                keys.push(hash(Key::GivenInitials(&first_given, initials(&last.core))));
            }
            for last in &lasts {
                keys.push(hash(Key::LastInitials(last, initials(&person.given.first))));
            }
            for class in &person.classes {
                if let Some(date) = person.date {
                    keys.push(hash(Key::DateClass(date, class)));
                }
                keys.push(hash(Key::ClassGiven(class, &first_given)));
                for last in &lasts {
                    keys.push(hash(Key::ClassLast(class, last)));
                }
            }
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                index.blocks.entry(key).or_default().push(id);
            }
        }
        index
    }

    /// Adds to `out` the accounts that share a block with the user.
    pub fn candidates_for(&self, user: &Person, out: &mut Vec<u32>) {
        let start = out.len();
        let lasts = last_keys(user);
        let givens = given_keys(user);
        let dates: Vec<BirthDate> = user.date.map(date_variants).unwrap_or_default();
        let mut look = |key: Key<'_>| {
            if let Some(block) = self.blocks.get(&hash(key)) {
                if block.len() <= MAX_BLOCK {
                    out.extend_from_slice(block);
                }
            }
        };
        for date in &dates {
            for last in &lasts {
                look(Key::DateLast(*date, last));
            }
        }
        if let Some(date) = user.date {
            for given in &givens {
                look(Key::DateGiven(date, given));
                // Names typed the wrong way round, one of them misspelt.
                look(Key::DateLast(date, given));
            }
            for last in &lasts {
                look(Key::DateGiven(date, last));
            }
        }
        for last in &lasts {
            for given in &givens {
                look(Key::LastGiven(last, given));
                // Last and given names typed the wrong way round.
                look(Key::LastGiven(given, last));
            }
            if let Some(postal) = &user.postal {
                look(Key::PostalLast(postal, last));
            }
        }
        if let Some(postal) = &user.postal {
            for given in &givens {
                look(Key::PostalGiven(postal, given));
            }
        }
        for last in &user.last {
            for given in &givens {
                look(Key::GivenInitials(given, initials(&last.core)));
            }
        }
        for last in &lasts {
            for given in &user.given.tokens {
                look(Key::LastInitials(last, initials(given)));
            }
        }
        for class in &user.classes {
            if let Some(date) = user.date {
                look(Key::DateClass(date, class));
            }
            for given in &givens {
                look(Key::ClassGiven(class, given));
                look(Key::ClassLast(class, given));
            }
            for last in &lasts {
                look(Key::ClassLast(class, last));
                look(Key::ClassGiven(class, last));
            }
        }
        let mut found = out.split_off(start);
        found.sort_unstable();
        found.dedup();
        out.append(&mut found);
    }
}

/// The first two letters of a folded name (fewer when it is shorter).
fn initials(name: &str) -> &str {
    let end = name.char_indices().nth(2).map_or(name.len(), |(i, _)| i);
    &name[..end]
}

/// The date itself, then its day/month swap, its one-digit neighbours and
/// its adjacent-digit transpositions, when they are valid dates.
pub fn date_variants(date: BirthDate) -> Vec<BirthDate> {
    let mut others = Vec::with_capacity(80);
    others.extend(make(
        u32::from(date.month),
        u32::from(date.day),
        u32::from(date.year),
    ));
    let base = digits(date);
    for position in 0..8 {
        for digit in 0..10u8 {
            if digit != base[position] {
                let mut changed = base;
                changed[position] = digit;
                others.extend(from_digits(changed));
            }
        }
        if position < 7 && base[position] != base[position + 1] {
            let mut swapped = base;
            swapped.swap(position, position + 1);
            others.extend(from_digits(swapped));
        }
    }
    // Sorted, not searched one by one: about 60 variants per date.
    others.sort_unstable();
    others.dedup();
    others.retain(|&d| d != date);
    let mut variants = Vec::with_capacity(others.len() + 1);
    variants.push(date);
    variants.append(&mut others);
    variants
}

fn from_digits(d: [u8; 8]) -> Option<BirthDate> {
    let n = |range: std::ops::Range<usize>| {
        d[range]
            .iter()
            .fold(0u32, |acc, &x| acc * 10 + u32::from(x))
    };
    make(n(0..2), n(2..4), n(4..8))
}

fn make(day: u32, month: u32, year: u32) -> Option<BirthDate> {
    let valid = (1900..=2100).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(month, year);
    valid.then_some(BirthDate {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::name::{GivenNames, LastName};

    fn person(last: &str, given: &str, date: Option<(u8, u8, u16)>) -> Person {
        Person {
            last: vec![LastName::new(last)],
            given: GivenNames::from_pronote(given),
            date: date.map(|(day, month, year)| BirthDate { year, month, day }),
            ..Person::default()
        }
    }

    #[test]
    fn variants_cover_swaps_and_one_digit_typos() {
        let d = BirthDate {
            year: 2011,
            month: 4,
            day: 3,
        };
        let variants = date_variants(d);
        assert_eq!(variants[0], d);
        assert!(
            variants.contains(&BirthDate {
                year: 2011,
                month: 3,
                day: 4
            }),
            "swap"
        );
        assert!(
            variants.contains(&BirthDate {
                year: 2012,
                month: 4,
                day: 3
            }),
            "one digit"
        );
        assert!(
            variants.contains(&BirthDate {
                year: 2011,
                month: 4,
                day: 30
            }),
            "transposition 03→30"
        );
        assert!(variants.iter().all(|v| v.day <= 31 && v.month <= 12));
    }

    #[test]
    fn blocks_find_the_errors_real_lists_have() {
        let in_class = |p: Person| Person {
            classes: vec!["6a".to_string()],
            ..p
        };
        let accounts = [
            in_class(person("DUPONT", "Léa", Some((14, 3, 2011)))),
            person("MARTIN-DUBOIS", "Jean-Michel", None),
            person("LEFEVRE", "Thibault", Some((1, 2, 2010))),
            person("UNRELATED", "Nobody", Some((9, 9, 1999))),
            person("JOURTOUX", "Léo", Some((12, 5, 2012))),
            person("DE SAINT-JEAN", "Iris", Some((18, 12, 2013))),
        ];
        let index = BlockIndex::build(&accounts.iter().collect::<Vec<_>>());
        let cases = [
            ("exact", person("Dupont", "Lea", Some((14, 3, 2011))), 0),
            (
                "last name typo",
                person("DUPOND", "Léa", Some((14, 3, 2011))),
                0,
            ),
            (
                "given name typo",
                person("DUPONT", "Lae", Some((14, 3, 2011))),
                0,
            ),
            (
                "swapped day and month",
                person("DUPONT", "Léa", Some((3, 11, 2011))),
                99,
            ),
            (
                "one-digit date",
                person("DUPONT", "Léa", Some((14, 3, 2012))),
                0,
            ),
            ("no date", person("DUPONT", "Léa", None), 0),
            (
                "names swapped",
                person("Léa", "Dupont", Some((14, 3, 2011))),
                0,
            ),
            (
                "both names misspelt, same date and class",
                in_class(person("DIPONT", "Lae", Some((14, 3, 2011)))),
                0,
            ),
            (
                "names swapped, given name misspelt",
                person("LÉ", "Jourtoux", Some((12, 5, 2012))),
                4,
            ),
            (
                "names swapped, with a particle",
                person("IRIS", "De Saint-Jean", Some((18, 12, 2013))),
                5,
            ),
            ("compound part", person("MARTIN", "Jean-Michel", None), 1),
            ("phonetic", person("LEFEBVRE", "Thibaut", None), 2),
        ];
        for (name, user, expected) in cases {
            let mut found = Vec::new();
            index.candidates_for(&user, &mut found);
            if expected == 99 {
                // 14/03 cannot be swapped: 03/11 is a different date; the
                // name block still finds it.
                assert!(found.contains(&0), "{name}: {found:?}");
            } else {
                assert!(found.contains(&expected), "{name}: {found:?}");
            }
            assert!(!found.contains(&3), "{name}: unrelated account compared");
        }
    }
}
