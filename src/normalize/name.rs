//! Folding of names and given names into comparable forms (issue 3,
//! "Normalization"): Unicode NFKD with combining marks removed, case folded,
//! ligatures expanded (œ→oe, æ→ae, ß→ss), apostrophes and dashes unified,
//! then split into tokens of `a-z0-9`. Hyphen, dot, apostrophe and space
//! variants therefore give the same tokens, and the concatenation of the
//! tokens ignores how a compound name was typed (`N'DIAYE` = `Ndiaye`,
//! `Jean-Michel` = `Jean Michel`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Particles that may be present or not in a last name (`DE LA FONTAINE`
/// vs `FONTAINE`, `D'ALMEIDA` vs `ALMEIDA`).
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "der", "den", "ter", "el", "al",
    "ben", "bin", "ibn", "da", "das", "dos", "di", "del", "della", "mac", "mc", "st", "saint",
    "sainte",
];

/// Folds a text to lower-case ASCII-ish letters, digits and single spaces.
/// Idempotent: `fold(fold(x)) == fold(x)`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' | 'ẞ' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ı' => out.push('i'),
            // Modifier letters used as apostrophes (ʼ ʻ) are alphabetic
            // for Unicode but separators in a name.
            'ʼ' | 'ʻ' | 'ʹ' | 'ˈ' => out.push(' '),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            // Apostrophes, dashes, dots, spaces and every other separator
            // become a token boundary.
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The tokens of a folded name.
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// True for a particle token (`de`, `d`, `van`, ...).
pub fn is_particle(token: &str) -> bool {
    PARTICLES.contains(&token)
}

/// A last name in its comparable forms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LastName {
    /// All tokens, concatenated: `DE LA FONTAINE` → `delafontaine`.
    pub full: String,
    /// Without particles: `fontaine`. Same as `full` when nothing is left.
    pub core: String,
    /// Non-particle tokens, for compound names (`MARTIN-DUBOIS`).
    pub parts: Vec<String>,
}

impl LastName {
    /// Folds a last name as typed.
    pub fn new(text: &str) -> LastName {
        let tokens = tokens(text);
        let full: String = tokens.concat();
        let parts: Vec<String> = tokens.iter().filter(|t| !is_particle(t)).cloned().collect();
        let core = if parts.is_empty() {
            full.clone()
        } else {
            parts.concat()
        };
        let parts = if parts.is_empty() && !full.is_empty() {
            vec![full.clone()]
        } else {
            parts
        };
        LastName { full, core, parts }
    }

    /// True when nothing comparable was typed.
    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }
}

/// Given names in their comparable forms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GivenNames {
    /// The first given name, tokens concatenated (`Jean-Michel` →
    /// `jeanmichel`).
    pub first: String,
    /// Every given name token (`jean`, `michel`, `pierre`), in order.
    pub tokens: Vec<String>,
    /// Every token concatenated (`Jean Michel` → `jeanmichel`), so that a
    /// compound typed with a space compares equal to the hyphenated form.
    pub joined: String,
}

impl GivenNames {
    /// From Pronote's `Prénom(s)` cell: given names separated by spaces;
    /// a hyphenated compound stays one given name.
    pub fn from_pronote(text: &str) -> GivenNames {
        let names: Vec<String> = text
            .split([' ', ','])
            .map(|n| tokens(n).concat())
            .filter(|n| !n.is_empty())
            .collect();
        GivenNames::from_names(&names)
    }

    /// From the ENT: `givenName` then `ENTPersonAutresPrenoms`, which may
    /// or may not repeat the first given name.
    pub fn from_ent(given: &str, others: &[&str]) -> GivenNames {
        let mut names: Vec<String> = Vec::new();
        for name in std::iter::once(given).chain(others.iter().copied()) {
            let folded = tokens(name).concat();
            if !folded.is_empty() && !names.contains(&folded) {
                names.push(folded);
            }
        }
        GivenNames::from_names(&names)
    }

    /// From given names already folded, in order (a last-name field that
    /// holds given names, for names typed the wrong way round).
    pub fn from_names(names: &[String]) -> GivenNames {
        let first = names.first().cloned().unwrap_or_default();
        let joined = names.concat();
        GivenNames {
            first,
            tokens: names.to_vec(),
            joined,
        }
    }

    /// True when nothing comparable was typed.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

/// Folds a class name (`5ème A`, `5A`, `5 A`) to a comparable key.
pub fn fold_class(text: &str) -> String {
    let folded = fold(text).replace(' ', "");
    // « 5eme a » and « 5e a » are written « 5A » in most lists.
    folded.replace("eme", "").replace("ieme", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_cases() {
        let cases = [
            ("accents", "Hélène Bérénice", "helene berenice"),
            ("case", "MARIE-josée", "marie josee"),
            ("ligature oe", "Cœur", "coeur"),
            ("ligature ae", "Lætitia", "laetitia"),
            ("eszett", "Strauß", "strauss"),
            ("curly apostrophe", "N’Diaye", "n diaye"),
            ("modifier apostrophe", "Nʼdiaye", "n diaye"),
            ("acute as apostrophe", "D´Almeida", "d almeida"),
            ("backtick", "D`Almeida", "d almeida"),
            ("en dash", "Martin–Dubois", "martin dubois"),
            ("non-breaking space", "Le\u{a0}Gall", "le gall"),
            ("dots", "St. Jean", "st jean"),
            ("cedilla", "François", "francois"),
            ("turkish dotless", "Yıldız", "yildiz"),
            ("double spaces", "  Le   Gall ", "le gall"),
            ("fullwidth", "ＭＡＲＴＩＮ", "martin"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(fold(input), expected, "{name}");
            assert_eq!(fold(&fold(input)), fold(input), "idempotent: {name}");
        }
    }

    #[test]
    fn last_name_forms() {
        let cases = [
            (
                "particles kept in full",
                "DE LA FONTAINE",
                "delafontaine",
                "fontaine",
            ),
            ("apostrophe particle", "D'ALMEIDA", "dalmeida", "almeida"),
            ("apostrophe not a particle", "N'DIAYE", "ndiaye", "ndiaye"),
            (
                "hyphenated compound",
                "Martin-Dubois",
                "martindubois",
                "martindubois",
            ),
            ("only particles", "LE", "le", "le"),
            ("breton le", "Le Gall", "legall", "gall"),
        ];
        for (name, input, full, core) in cases {
            let last = LastName::new(input);
            assert_eq!(
                (last.full.as_str(), last.core.as_str()),
                (full, core),
                "{name}"
            );
        }
        assert_eq!(
            LastName::new("MARTIN-DUBOIS").parts,
            vec!["martin", "dubois"]
        );
        assert_eq!(LastName::new("Le Gall").full, LastName::new("LEGALL").full);
    }

    #[test]
    fn given_name_forms() {
        let hyphen = GivenNames::from_pronote("Jean-Michel");
        let space = GivenNames::from_pronote("Jean Michel");
        let ent = GivenNames::from_ent("Jean-Michel", &["Jean-Michel", "Pierre"]);
        assert_eq!(hyphen.first, "jeanmichel");
        assert_eq!(space.first, "jean");
        assert_eq!(space.joined, "jeanmichel");
        assert_eq!(ent.tokens, vec!["jeanmichel", "pierre"]);
        let repeated = GivenNames::from_ent("Léa", &["Léa", "Marie"]);
        let not_repeated = GivenNames::from_ent("Léa", &["Marie"]);
        assert_eq!(repeated, not_repeated);
        assert!(GivenNames::from_pronote("  ").is_empty());
    }

    #[test]
    fn class_forms() {
        assert_eq!(fold_class("5ème A"), "5a");
        assert_eq!(fold_class("5A"), "5a");
        assert_eq!(fold_class("5 a"), "5a");
    }
}
