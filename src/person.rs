//! A record prepared for comparison: the folded forms of an ENT account or
//! a Pronote user, computed once per run so that scoring compares strings
//! without re-normalizing them (issue 3, "Normalization").

use crate::model::{BirthDate, EntAccount, PronoteUser};
use crate::normalize::name::{GivenNames, LastName, fold, fold_class};

/// Gender as told by a civility or a personal title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Reads `M.`, `Mme`, `Mlle`, `Monsieur`, `Madame`...
pub fn gender_of(civility: &str) -> Option<Gender> {
    match fold(civility).as_str() {
        "m" | "mr" | "monsieur" => Some(Gender::Male),
        "mme" | "mlle" | "madame" | "mademoiselle" | "mle" => Some(Gender::Female),
        _ => None,
    }
}

/// The comparable forms of one side of a pair.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// Last names to try: Pronote's `Nom`; the ENT's `sn` then
    /// `ENTPersonNomPatro` when it differs (married staff).
    pub last: Vec<LastName>,
    pub given: GivenNames,
    pub date: Option<BirthDate>,
    pub postal: Option<String>,
    /// Folded class names (students).
    pub classes: Vec<String>,
    pub gender: Option<Gender>,
}

impl Person {
    /// Prepares an ENT account.
    pub fn from_account(account: &EntAccount) -> Person {
        let mut last = vec![LastName::new(account.last_name.as_str())];
        if let Some(birth) = &account.birth_name {
            let birth = LastName::new(birth.as_str());
            if !birth.is_empty() && birth.full != last[0].full {
                last.push(birth);
            }
        }
        let others: Vec<&str> = account
            .other_given_names
            .iter()
            .map(|n| n.as_str())
            .collect();
        Person {
            last,
            given: GivenNames::from_ent(account.given_name.as_str(), &others),
            date: account.birth_date.date(),
            postal: account
                .postal_code
                .as_deref()
                .map(fold_postal)
                .filter(|p| !p.is_empty()),
            classes: account
                .classes
                .iter()
                .map(|c| fold_class(c))
                .filter(|c| !c.is_empty())
                .collect(),
            gender: account.title.as_deref().and_then(gender_of),
        }
    }

    /// Prepares a Pronote user.
    pub fn from_user(user: &PronoteUser) -> Person {
        Person {
            last: vec![LastName::new(user.last_name.as_str())],
            given: GivenNames::from_pronote(user.given_names.as_str()),
            date: user.birth_date.date(),
            postal: user
                .postal_code
                .as_deref()
                .map(fold_postal)
                .filter(|p| !p.is_empty()),
            classes: user
                .class
                .iter()
                .map(|c| fold_class(c))
                .filter(|c| !c.is_empty())
                .collect(),
            gender: user.civility.as_deref().and_then(gender_of),
        }
    }

    /// The usage last name (first form).
    pub fn main_last(&self) -> &LastName {
        static EMPTY: std::sync::OnceLock<LastName> = std::sync::OnceLock::new();
        self.last
            .first()
            .unwrap_or_else(|| EMPTY.get_or_init(LastName::default))
    }
}

/// Postal codes compared on their digits only (`13 013` = `13013`).
fn fold_postal(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civilities() {
        let cases = [
            ("M.", Some(Gender::Male)),
            ("Mme", Some(Gender::Female)),
            ("Mlle", Some(Gender::Female)),
            ("Monsieur", Some(Gender::Male)),
            ("", None),
            ("Dr", None),
        ];
        for (text, expected) in cases {
            assert_eq!(gender_of(text), expected, "{text}");
        }
    }
}
