//! A comparison's level (« identique », « inversion jour/mois »...), kept
//! as a number into one table of phrases: a region's run holds tens of
//! millions of comparisons, and a phrase per comparison (even borrowed)
//! took more room than the rest of the comparison.
//!
//! The engine's phrases are static: entering one in the table allocates
//! nothing. A phrase read from a saved result that the engine does not
//! (or no longer) use is allocated once for the process: the table only
//! grows by the distinct phrases met, a few dozen.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::sync::{LazyLock, Mutex, PoisonError};

/// One level phrase, by its number in the table.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Level(u32);

/// Every phrase entered, by number and by text.
#[derive(Default)]
struct Table {
    phrases: Vec<&'static str>,
    numbers: HashMap<&'static str, u32>,
}

static TABLE: LazyLock<Mutex<Table>> = LazyLock::new(Mutex::default);

thread_local! {
    /// The engine's phrases already entered, by address: scoring enters
    /// millions of them, and the table's lock and hashing of the text are
    /// paid once per phrase and thread.
    static SEEN: RefCell<HashMap<(usize, usize), Level>> = RefCell::new(HashMap::new());
    /// This thread's copy of the table, refreshed when a number is not in
    /// it yet: saving a result reads millions of phrases on every core.
    static PHRASES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

impl Level {
    /// The level of a phrase, entering it in the table when new. `make`
    /// gives the phrase to keep when it is new (a static one as it is, an
    /// owned one allocated for the process).
    fn enter(text: &str, make: impl FnOnce() -> &'static str) -> Level {
        let mut table = TABLE.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&number) = table.numbers.get(text) {
            return Level(number);
        }
        let phrase = make();
        // More than 4 billion distinct phrases cannot be met: the count
        // saturates rather than wraps.
        let number = u32::try_from(table.phrases.len()).unwrap_or(u32::MAX);
        table.phrases.push(phrase);
        table.numbers.insert(phrase, number);
        Level(number)
    }

    /// The phrase.
    pub fn as_str(self) -> &'static str {
        let number = self.0 as usize;
        if let Some(phrase) = PHRASES.with(|p| p.borrow().get(number).copied()) {
            return phrase;
        }
        let all = TABLE
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .phrases
            .clone();
        let phrase = all.get(number).copied().unwrap_or("");
        PHRASES.with(|p| *p.borrow_mut() = all);
        phrase
    }
}

impl From<&'static str> for Level {
    fn from(text: &'static str) -> Level {
        let key = (text.as_ptr() as usize, text.len());
        if let Some(level) = SEEN.with(|seen| seen.borrow().get(&key).copied()) {
            return level;
        }
        let level = Level::enter(text, || text);
        SEEN.with(|seen| seen.borrow_mut().insert(key, level));
        level
    }
}

impl From<String> for Level {
    fn from(text: String) -> Level {
        Level::enter(&text, || Box::leak(text.clone().into_boxed_str()))
    }
}

impl std::ops::Deref for Level {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Level {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Level {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Level {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
        String::deserialize(d).map(Level::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_keeps_its_text_whichever_way_it_enters() {
        let cases: [(&str, Level); 3] = [
            ("static", Level::from("identique")),
            ("owned", Level::from("identique".to_string())),
            (
                "new owned",
                Level::from("phrase d'une autre version".to_string()),
            ),
        ];
        for (name, level) in cases {
            let text = level.as_str();
            assert_eq!(Level::from(text.to_string()), level, "{name}");
            assert_eq!(level.to_string(), text, "{name}");
            let json = serde_json::to_string(&level).unwrap_or_default();
            let back: Option<Level> = serde_json::from_str(&json).ok();
            assert_eq!(back, Some(level), "{name}: {json}");
        }
        assert_eq!(
            Level::from("identique"),
            Level::from("identique".to_string())
        );
        assert_ne!(Level::from("identique"), Level::from("différent"));
        assert_eq!(Level::from("identique").as_str(), "identique");
    }
}
