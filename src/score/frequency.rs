//! Term frequencies taken from the data itself (issue 3): agreement on a
//! rare name counts more than on MARTIN. Counted once per pool over both
//! sides, they give the `u` probability of an exact agreement: the chance
//! that two unrelated records share this very value. Small pools (a few
//! teachers) say little about how common a name is, so every share is
//! smoothed towards a national base rate with `PSEUDO_RECORDS` weight.

use crate::model::BirthDate;
use crate::person::{Gender, Person};
use std::collections::HashMap;
use std::hash::Hash;

/// Weight, in records, of the base rates in the smoothed shares.
const PSEUDO_RECORDS: f64 = 200.0;

/// Base rates: the chance that two unrelated people in France share a
/// last name, a first given name, a birth date (people born over ~40
/// years), a postal code, a class.
const BASE_LAST: f64 = 0.002;
const BASE_GIVEN: f64 = 0.005;
const BASE_DATE: f64 = 1.0 / 5000.0;
const BASE_POSTAL: f64 = 0.02;
const BASE_CLASS: f64 = 0.05;
/// Base share of records that carry a birth name other than their usage
/// name (married staff: about half the women, who are most of the staff).
const BASE_BIRTH_NAME: f64 = 0.3;

/// Value counts for one pool.
#[derive(Clone, Debug, Default)]
pub struct Frequencies {
    records: f64,
    /// Records with a birth name other than their usage name.
    with_birth_name: f64,
    last: HashMap<String, u32>,
    given: HashMap<String, u32>,
    dates: HashMap<BirthDate, u32>,
    postal: HashMap<String, u32>,
    class: HashMap<String, u32>,
    /// Per first given name: how many records with a civility bear it,
    /// men then women.
    given_gender: HashMap<String, [u32; 2]>,
}

/// Records with a civility that must bear a first given name, and the
/// share of them of one sex, before the name tells the sex of a record
/// without civility (`Marie`: yes; `Camille`, `Dominique`: no).
const GENDERED_BEARERS: u32 = 5;
const GENDERED_SHARE: f64 = 0.95;

impl Frequencies {
    /// Counts the values of every prepared record of a pool.
    pub fn count<'a>(people: impl IntoIterator<Item = &'a Person>) -> Frequencies {
        let mut f = Frequencies::default();
        for person in people {
            f.records += 1.0;
            if person.last.len() > 1 {
                f.with_birth_name += 1.0;
            }
            for last in &person.last {
                bump(&mut f.last, last.full.clone());
                if last.core != last.full {
                    bump(&mut f.last, last.core.clone());
                }
            }
            bump(&mut f.given, person.given.first.clone());
            if let Some(gender) = person.gender {
                let counts = f
                    .given_gender
                    .entry(person.given.first.clone())
                    .or_default();
                counts[usize::from(gender == Gender::Female)] += 1;
            }
            if let Some(date) = person.date {
                bump(&mut f.dates, date);
            }
            if let Some(postal) = &person.postal {
                bump(&mut f.postal, postal.clone());
            }
            for class in &person.classes {
                bump(&mut f.class, class.clone());
            }
        }
        f
    }

    /// Number of records counted.
    pub fn records(&self) -> f64 {
        self.records.max(1.0)
    }

    /// Share of records with this last name (never below one record).
    pub fn last(&self, value: &str) -> f64 {
        self.share(self.last.get(value), BASE_LAST)
    }

    /// Share of records that carry a distinct birth name: a user's last
    /// name can only agree with the birth name of one of those.
    pub fn birth_name_share(&self) -> f64 {
        (self.with_birth_name + PSEUDO_RECORDS * BASE_BIRTH_NAME)
            / (self.records() + PSEUDO_RECORDS)
    }

    /// Share of records with this first given name.
    pub fn given(&self, value: &str) -> f64 {
        self.share(self.given.get(value), BASE_GIVEN)
    }

    /// True when this first given name is borne by at least `records`
    /// records of the pool (both sides counted).
    pub fn given_at_least(&self, value: &str, records: u32) -> bool {
        self.given.get(value).is_some_and(|&count| count >= records)
    }

    /// The sex that this first given name tells in this pool, when nearly
    /// all its bearers with a civility share it.
    pub fn gender_of_given(&self, value: &str) -> Option<Gender> {
        let [men, women] = *self.given_gender.get(value)?;
        let bearers = men + women;
        let share = |n: u32| f64::from(n) / f64::from(bearers.max(1));
        if bearers < GENDERED_BEARERS {
            None
        } else if share(men) >= GENDERED_SHARE {
            Some(Gender::Male)
        } else if share(women) >= GENDERED_SHARE {
            Some(Gender::Female)
        } else {
            None
        }
    }

    /// Share of records born that day.
    pub fn date(&self, value: BirthDate) -> f64 {
        self.share(self.dates.get(&value), BASE_DATE)
    }

    /// Share of records with this postal code.
    pub fn postal(&self, value: &str) -> f64 {
        self.share(self.postal.get(value), BASE_POSTAL)
    }

    /// Share of records in this class.
    pub fn class(&self, value: &str) -> f64 {
        self.share(self.class.get(value), BASE_CLASS)
    }

    fn share(&self, count: Option<&u32>, base: f64) -> f64 {
        // A value compared equal is held by two records at least; one of
        // them is the record itself, so the share of *others* is counted.
        let others = f64::from(count.copied().unwrap_or(0).max(2) - 1);
        (others + PSEUDO_RECORDS * base) / (self.records() + PSEUDO_RECORDS)
    }
}

fn bump<K: Eq + Hash>(map: &mut HashMap<K, u32>, key: K) {
    *map.entry(key).or_insert(0) += 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::name::GivenNames;

    fn bearer(given: &str, gender: Gender) -> Person {
        Person {
            given: GivenNames::from_pronote(given),
            gender: Some(gender),
            ..Person::default()
        }
    }

    #[test]
    fn a_first_given_name_tells_the_sex_only_when_its_bearers_agree() {
        use Gender::{Female, Male};
        let mut people: Vec<Person> = (0..6).map(|_| bearer("Marie", Female)).collect();
        people.extend((0..3).map(|_| bearer("Camille", Female)));
        people.extend((0..3).map(|_| bearer("Camille", Male)));
        people.extend((0..4).map(|_| bearer("Hugo", Male)));
        let f = Frequencies::count(&people);
        let cases = [
            ("six women", "marie", Some(Female)),
            ("borne by both", "camille", None),
            ("too few bearers", "hugo", None),
            ("unknown name", "lea", None),
        ];
        for (name, given, expected) in cases {
            assert_eq!(f.gender_of_given(given), expected, "{name}");
        }
    }
}
