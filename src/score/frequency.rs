//! Term frequencies taken from the data itself (issue 3): agreement on a
//! rare name counts more than on MARTIN. Counted once per pool over both
//! sides, they give the `u` probability of an exact agreement: the chance
//! that two unrelated records share this very value.

use crate::model::BirthDate;
use crate::person::Person;
use std::collections::HashMap;
use std::hash::Hash;

/// Value counts for one pool.
#[derive(Clone, Debug, Default)]
pub struct Frequencies {
    records: f64,
    last: HashMap<String, u32>,
    given: HashMap<String, u32>,
    dates: HashMap<BirthDate, u32>,
    postal: HashMap<String, u32>,
    class: HashMap<String, u32>,
}

impl Frequencies {
    /// Counts the values of every prepared record of a pool.
    pub fn count<'a>(people: impl IntoIterator<Item = &'a Person>) -> Frequencies {
        let mut f = Frequencies::default();
        for person in people {
            f.records += 1.0;
            for last in &person.last {
                bump(&mut f.last, last.full.clone());
                if last.core != last.full {
                    bump(&mut f.last, last.core.clone());
                }
            }
            bump(&mut f.given, person.given.first.clone());
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
        self.share(self.last.get(value))
    }

    /// Share of records with this first given name.
    pub fn given(&self, value: &str) -> f64 {
        self.share(self.given.get(value))
    }

    /// Share of records born that day.
    pub fn date(&self, value: BirthDate) -> f64 {
        self.share(self.dates.get(&value))
    }

    /// Share of records with this postal code.
    pub fn postal(&self, value: &str) -> f64 {
        self.share(self.postal.get(value))
    }

    /// Share of records in this class.
    pub fn class(&self, value: &str) -> f64 {
        self.share(self.class.get(value))
    }

    fn share(&self, count: Option<&u32>) -> f64 {
        // Two records at least share a value that is being compared equal.
        f64::from((*count.unwrap_or(&0)).max(2)) / self.records()
    }
}

fn bump<K: Eq + Hash>(map: &mut HashMap<K, u32>, key: K) {
    *map.entry(key).or_insert(0) += 1;
}
