//! The errors people make when they type the same person twice: one side's
//! record (a [`Face`]) is altered, the other is left as it was.
//!
//! In: the two faces of a true pair, the person, a generator. Out: the
//! altered face and the [`Difficulty`] applied. Also the date helpers the
//! generator shares (random dates, dates one digit apart).

use super::world::Person;
use super::{Difficulty, below, chance, pick, pick_weighted};
use crate::model::BirthDate;
use rand_chacha::ChaCha8Rng;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One side's description of a person, before it becomes an `EntAccount`
/// or a `PronoteUser`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Face {
    pub last: String,
    /// ENT only: `ENTPersonNomPatro`.
    pub birth_last: Option<String>,
    /// ENT `givenName`, Pronote `Prénom`.
    pub given: String,
    /// ENT only: `ENTPersonAutresPrenoms`.
    pub other_given: Vec<String>,
    pub date: Option<BirthDate>,
    pub postal: Option<String>,
}

/// Which side is altered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Ent,
    Pronote,
}

/// Error kinds and their relative frequency among errors.
const ERRORS: &[(Difficulty, u32)] = &[
    (Difficulty::Typo, 20),
    (Difficulty::AccentDropped, 10),
    (Difficulty::AccentAdded, 4),
    (Difficulty::Case, 5),
    (Difficulty::MissingGivenName, 8),
    (Difficulty::ExtraGivenNames, 8),
    (Difficulty::GivenNamesOrder, 4),
    (Difficulty::HyphenSpace, 6),
    (Difficulty::ParticleDropped, 4),
    (Difficulty::MarriedName, 6),
    (Difficulty::DayMonthSwap, 6),
    (Difficulty::DateDigitTypo, 8),
    (Difficulty::MissingDate, 6),
    (Difficulty::NamesSwapped, 4),
    (Difficulty::PostalCodeChanged, 8),
];

const PARTICLES: &[&str] = &[
    "DE LA ", "DE ", "DES ", "DU ", "D'", "LE ", "LA ", "VAN DER ", "DI ", "DA ", "DOS ", "EL ",
];

/// Applies one random error to one side of a pair; returns what it did, or
/// `None` when no kind could apply after a few draws.
pub(crate) fn apply_one(
    rng: &mut ChaCha8Rng,
    person: &Person,
    ent: &mut Face,
    pronote: &mut Face,
    postal_pool: &[&str],
) -> Option<Difficulty> {
    let weights: Vec<u32> = ERRORS.iter().map(|(_, w)| *w).collect();
    for _ in 0..12 {
        let kind = ERRORS[pick_weighted(rng, &weights)].0;
        // Names are typed the wrong way round in Pronote far more often.
        let pronote_share = if kind == Difficulty::NamesSwapped {
            0.85
        } else {
            0.55
        };
        let side = if chance(rng, pronote_share) {
            Side::Pronote
        } else {
            Side::Ent
        };
        let (target, other) = match side {
            Side::Ent => (&mut *ent, &*pronote),
            Side::Pronote => (&mut *pronote, &*ent),
        };
        if apply(rng, kind, side, person, target, other, postal_pool) {
            return Some(kind);
        }
    }
    None
}

/// Applies `kind` to `target` when it makes sense; false otherwise.
fn apply(
    rng: &mut ChaCha8Rng,
    kind: Difficulty,
    side: Side,
    person: &Person,
    target: &mut Face,
    other: &Face,
    postal_pool: &[&str],
) -> bool {
    match kind {
        Difficulty::Typo => {
            if chance(rng, 0.55) {
                typo(rng, &mut target.last)
            } else {
                typo(rng, &mut target.given)
            }
        }
        Difficulty::AccentDropped => {
            let field =
                if has_accent(&target.given) && (chance(rng, 0.7) || !has_accent(&target.last)) {
                    &mut target.given
                } else {
                    &mut target.last
                };
            let stripped = strip_accents(field);
            changed(field, stripped)
        }
        Difficulty::AccentAdded => {
            let field = if chance(rng, 0.6) {
                &mut target.given
            } else {
                &mut target.last
            };
            if has_accent(field) {
                return false;
            }
            let added = add_accent(rng, field);
            changed(field, added)
        }
        Difficulty::Case => {
            let recased = match below(rng, 3) {
                0 => target.given.to_uppercase(),
                1 => target.given.to_lowercase(),
                _ => lower_after_hyphen(&target.given),
            };
            if recased == target.given {
                let last = title_case(&target.last);
                return changed(&mut target.last, last);
            }
            changed(&mut target.given, recased)
        }
        Difficulty::MissingGivenName => {
            let Some(cut) = target.given.find(['-', ' ']) else {
                return false;
            };
            if cut == 0 {
                return false;
            }
            target.given.truncate(cut);
            if side == Side::Ent && !target.other_given.is_empty() {
                target.other_given[0] = target.given.clone();
            }
            true
        }
        Difficulty::ExtraGivenNames => {
            if person.given.len() < 2 || target.given.contains(' ') {
                return false;
            }
            target.given = person.given.join(" ");
            true
        }
        Difficulty::GivenNamesOrder => {
            if person.given.len() < 2 {
                return false;
            }
            match side {
                Side::Pronote => target.given = format!("{} {}", person.given[1], person.given[0]),
                Side::Ent => {
                    target.given = person.given[1].clone();
                    let mut all = person.given.clone();
                    all.swap(0, 1);
                    target.other_given = all;
                }
            }
            true
        }
        Difficulty::HyphenSpace => {
            let field = if target.last.contains(['-', ' ', '\'']) {
                &mut target.last
            } else {
                &mut target.given
            };
            let replaced = if field.contains('\'') {
                if chance(rng, 0.5) {
                    field.replace('\'', "")
                } else {
                    field.replace('\'', " ")
                }
            } else if field.contains('-') {
                field.replace('-', " ")
            } else if chance(rng, 0.5) {
                field.replacen(' ', "-", 1)
            } else {
                field.replacen(' ', "", 1)
            };
            changed(field, replaced)
        }
        Difficulty::ParticleDropped => {
            let upper = target.last.to_uppercase();
            let Some(particle) = PARTICLES.iter().find(|p| upper.starts_with(**p)) else {
                return false;
            };
            let rest = target.last[particle.len()..].to_string();
            if rest.chars().count() < 2 {
                return false;
            }
            target.last = rest;
            true
        }
        Difficulty::MarriedName => {
            let usage = fold(&person.last);
            if usage == fold(&person.birth_last)
                || fold(&target.last) != usage
                || fold(&other.last) != usage
            {
                return false;
            }
            target.last = person.birth_last.clone();
            true
        }
        Difficulty::DayMonthSwap => {
            let (Some(date), Some(_)) = (target.date, other.date) else {
                return false;
            };
            if date.day > 12 || date.day == date.month {
                return false;
            }
            target.date = Some(BirthDate {
                year: date.year,
                month: date.day,
                day: date.month,
            });
            true
        }
        Difficulty::DateDigitTypo => {
            let (Some(date), Some(_)) = (target.date, other.date) else {
                return false;
            };
            target.date = Some(near_date(rng, date));
            target.date != Some(date)
        }
        Difficulty::MissingDate => {
            if target.date.is_none() || other.date.is_none() {
                return false;
            }
            target.date = None;
            true
        }
        Difficulty::NamesSwapped => {
            let last = std::mem::take(&mut target.last);
            let given = std::mem::take(&mut target.given);
            // Each field keeps its usual case: Pronote upper-cases the name.
            target.last = given.to_uppercase();
            target.given = title_case(&last);
            true
        }
        Difficulty::PostalCodeChanged => {
            let (Some(code), Some(_)) = (target.postal.clone(), other.postal.as_ref()) else {
                return false;
            };
            let others: Vec<&&str> = postal_pool.iter().filter(|c| **c != code).collect();
            if others.is_empty() {
                return false;
            }
            target.postal = Some(pick(rng, &others).to_string());
            true
        }
        _ => false,
    }
}

fn changed(field: &mut String, new: String) -> bool {
    if *field == new {
        return false;
    }
    *field = new;
    true
}

/// One letter substituted, deleted, inserted, or two neighbours swapped.
fn typo(rng: &mut ChaCha8Rng, field: &mut String) -> bool {
    let mut chars: Vec<char> = field.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 3 {
        return false;
    }
    // Not the first letter: people rarely get that one wrong.
    let at = letters[1 + below(rng, letters.len() - 1)];
    let upper = chars[at].is_uppercase();
    let mut letter = (b'a' + below(rng, 26) as u8) as char;
    if upper {
        letter = letter.to_ascii_uppercase();
    }
    match below(rng, 4) {
        0 => chars[at] = letter,
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, letter),
        _ => {
            if at + 1 < chars.len() && chars[at + 1].is_alphabetic() {
                chars.swap(at, at + 1);
            } else {
                chars.swap(at - 1, at);
            }
        }
    }
    let new: String = chars.into_iter().collect();
    changed(field, new)
}

fn has_accent(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
}

/// Removes diacritics: `Léa` → `Lea`, `ÇELIK` → `CELIK`.
pub(crate) fn strip_accents(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}

/// Case- and accent-insensitive form, for the generator's own checks.
pub(crate) fn fold(text: &str) -> String {
    strip_accents(text).to_uppercase()
}

fn add_accent(rng: &mut ChaCha8Rng, text: &str) -> String {
    let spots: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, 'e' | 'E'))
        .map(|(i, _)| i)
        .collect();
    if spots.is_empty() {
        return text.to_string();
    }
    let at = *pick(rng, &spots);
    let accented = if text[at..].starts_with('e') {
        "é"
    } else {
        "É"
    };
    format!("{}{}{}", &text[..at], accented, &text[at + 1..])
}

/// `Marie-Josée` → `Marie-josée` (the ENT exports this).
fn lower_after_hyphen(text: &str) -> String {
    match text.find('-') {
        Some(at) => format!("{}{}", &text[..at], text[at..].to_lowercase()),
        None => text.to_lowercase(),
    }
}

/// `LE GALL` → `Le Gall`, `N'DIAYE` → `N'Diaye`, `MARTIN-DUBOIS` → `Martin-Dubois`.
pub(crate) fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-' | '\'');
    }
    out
}

// ---- dates ----

pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn is_valid(year: u16, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// A uniform date of the given year.
pub(crate) fn random_date(rng: &mut ChaCha8Rng, year: u16) -> BirthDate {
    let month = 1 + below(rng, 12) as u8;
    let day = 1 + below(rng, usize::from(days_in_month(year, month))) as u8;
    BirthDate { year, month, day }
}

/// A valid date whose `dd/mm/yyyy` form differs from `date` by exactly one
/// digit of the day or the month (the year stays: same school level).
pub(crate) fn near_date(rng: &mut ChaCha8Rng, date: BirthDate) -> BirthDate {
    let mut options = Vec::new();
    for digit in 0..10u8 {
        let days = [(date.day / 10) * 10 + digit, digit * 10 + date.day % 10];
        for day in days {
            if day != date.day && is_valid(date.year, date.month, day) {
                options.push(BirthDate { day, ..date });
            }
        }
        let months = [(date.month / 10) * 10 + digit, digit * 10 + date.month % 10];
        for month in months {
            if month != date.month && is_valid(date.year, month, date.day) {
                options.push(BirthDate { month, ..date });
            }
        }
    }
    options.sort();
    options.dedup();
    if options.is_empty() {
        return date;
    }
    *pick(rng, &options)
}

/// Number of differing digits between the `dd/mm/yyyy` forms.
pub(crate) fn digit_distance(a: BirthDate, b: BirthDate) -> usize {
    let (a, b) = (a.to_string(), b.to_string());
    a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn near_dates_are_valid_and_one_digit_apart() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let cases = [
            (
                "end of month",
                BirthDate {
                    year: 2011,
                    month: 1,
                    day: 31,
                },
            ),
            (
                "leap day",
                BirthDate {
                    year: 2012,
                    month: 2,
                    day: 29,
                },
            ),
            (
                "december",
                BirthDate {
                    year: 2010,
                    month: 12,
                    day: 9,
                },
            ),
            (
                "plain",
                BirthDate {
                    year: 2013,
                    month: 3,
                    day: 14,
                },
            ),
        ];
        for (name, date) in cases {
            for _ in 0..30 {
                let near = near_date(&mut rng, date);
                assert_eq!(digit_distance(date, near), 1, "{name}: {near}");
                assert!(is_valid(near.year, near.month, near.day), "{name}: {near}");
            }
        }
    }

    #[test]
    fn text_helpers() {
        let cases = [
            ("title compound", title_case("LE GALL"), "Le Gall"),
            ("title apostrophe", title_case("N'DIAYE"), "N'Diaye"),
            ("title hyphen", title_case("MARTIN-DUBOIS"), "Martin-Dubois"),
            (
                "strip",
                strip_accents("Maëlys Çelik Hélène"),
                "Maelys Celik Helene",
            ),
            ("fold", fold("Léa"), "LEA"),
            (
                "hyphen case",
                lower_after_hyphen("Marie-Josée"),
                "Marie-josée",
            ),
        ];
        for (name, got, want) in cases {
            assert_eq!(got, want, "{name}");
        }
    }

    fn person() -> Person {
        use super::super::names::Sex;
        use super::super::world::Role;
        Person {
            role: Role::Parent,
            sex: Sex::Female,
            last: "DE LA FONTAINE".into(),
            birth_last: "N'DIAYE".into(),
            given: vec!["Marie-Josée".into(), "Anne".into()],
            date: BirthDate {
                year: 1980,
                month: 3,
                day: 7,
            },
            postal: "13013".into(),
            establishment: 0,
            class: None,
            relatives: Vec::new(),
            family: None,
            ent: true,
            pronote: true,
            traps: Vec::new(),
        }
    }

    fn face(p: &Person) -> Face {
        Face {
            last: p.last.clone(),
            birth_last: Some(p.birth_last.clone()),
            given: p.given[0].clone(),
            other_given: p.given.clone(),
            date: Some(p.date),
            postal: Some(p.postal.clone()),
        }
    }

    #[test]
    fn each_error_alters_the_target_side_as_named() {
        type Check = fn(&Face) -> bool;
        let cases: &[(Difficulty, Side, Check)] = &[
            (Difficulty::AccentDropped, Side::Pronote, |f| {
                f.given == "Marie-Josee"
            }),
            (Difficulty::MissingGivenName, Side::Pronote, |f| {
                f.given == "Marie"
            }),
            (Difficulty::ExtraGivenNames, Side::Pronote, |f| {
                f.given == "Marie-Josée Anne"
            }),
            (Difficulty::GivenNamesOrder, Side::Pronote, |f| {
                f.given == "Anne Marie-Josée"
            }),
            (Difficulty::GivenNamesOrder, Side::Ent, |f| {
                f.given == "Anne" && f.other_given == ["Anne", "Marie-Josée"]
            }),
            (Difficulty::HyphenSpace, Side::Pronote, |f| {
                f.last == "DE-LA FONTAINE" || f.last == "DELA FONTAINE"
            }),
            (Difficulty::ParticleDropped, Side::Pronote, |f| {
                f.last == "FONTAINE"
            }),
            (Difficulty::MarriedName, Side::Pronote, |f| {
                f.last == "N'DIAYE"
            }),
            (Difficulty::DayMonthSwap, Side::Ent, |f| {
                f.date
                    == Some(BirthDate {
                        year: 1980,
                        month: 7,
                        day: 3,
                    })
            }),
            (Difficulty::DateDigitTypo, Side::Ent, |f| {
                f.date.is_some_and(|d| {
                    digit_distance(
                        d,
                        BirthDate {
                            year: 1980,
                            month: 3,
                            day: 7,
                        },
                    ) == 1
                })
            }),
            (Difficulty::MissingDate, Side::Pronote, |f| f.date.is_none()),
            (Difficulty::NamesSwapped, Side::Pronote, |f| {
                f.last == "MARIE-JOSÉE" && f.given == "De La Fontaine"
            }),
            (Difficulty::PostalCodeChanged, Side::Ent, |f| {
                f.postal
                    .as_deref()
                    .is_some_and(|c| c != "13013" && c.starts_with("13"))
            }),
            (Difficulty::Typo, Side::Pronote, |f| {
                strsim::damerau_levenshtein(&f.last, "DE LA FONTAINE")
                    + strsim::damerau_levenshtein(&f.given, "Marie-Josée")
                    == 1
            }),
        ];
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let pool = ["13013", "13012", "13011"];
        for (kind, side, check) in cases {
            let p = person();
            let (mut target, other) = (face(&p), face(&p));
            // Typo may pick an unchanged edit (same letter): retry a few times.
            let applied =
                (0..10).any(|_| apply(&mut rng, *kind, *side, &p, &mut target, &other, &pool));
            assert!(applied, "{kind} did not apply");
            assert!(check(&target), "{kind} on {side:?}: {target:?}");
        }
    }

    #[test]
    fn errors_that_cannot_apply_say_so() {
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        let mut p = person();
        p.given = vec!["Léa".into()];
        p.last = "MARTIN".into();
        p.birth_last = "MARTIN".into();
        let mut dateless = face(&p);
        dateless.date = None;
        let cases: &[(&str, Difficulty, Face)] = &[
            ("one given name", Difficulty::ExtraGivenNames, face(&p)),
            (
                "one given name, order",
                Difficulty::GivenNamesOrder,
                face(&p),
            ),
            ("no particle", Difficulty::ParticleDropped, face(&p)),
            ("not married", Difficulty::MarriedName, face(&p)),
            (
                "no date to swap",
                Difficulty::DayMonthSwap,
                dateless.clone(),
            ),
            ("no date to drop", Difficulty::MissingDate, dateless),
        ];
        for (name, kind, start) in cases {
            let mut target = start.clone();
            let other = face(&p);
            assert!(
                !apply(
                    &mut rng,
                    *kind,
                    Side::Pronote,
                    &p,
                    &mut target,
                    &other,
                    &["13013"]
                ),
                "{name}"
            );
            assert_eq!(&target, start, "{name}: face changed");
        }
    }

    #[test]
    fn typo_changes_exactly_one_edit() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for _ in 0..100 {
            let mut name = "FONTAINE".to_string();
            assert!(typo(&mut rng, &mut name));
            assert_eq!(strsim::damerau_levenshtein(&name, "FONTAINE"), 1, "{name}");
            assert!(name.starts_with('F'), "{name}");
        }
    }
}
