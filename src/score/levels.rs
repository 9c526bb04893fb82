//! Comparison levels, field by field (issue 3, "Scoring"). Each function
//! compares the folded forms of two records and says how they agree; the
//! weights live in `score::model`. Names use Damerau-Levenshtein and
//! Jaro-Winkler from strsim.

use crate::model::BirthDate;
use crate::normalize::name::{GivenNames, LastName};
use crate::person::Gender;
use strsim::{damerau_levenshtein, jaro_winkler};

/// How two last names agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LastLevel {
    /// Same tokens once folded (case, accents, hyphens, apostrophes).
    Exact,
    /// Equal to the ENT's birth name (`ENTPersonNomPatro`), not its usage name.
    BirthName,
    /// Equal once particles are dropped, or one is a part of the other's
    /// compound name (`DE LA FONTAINE`/`FONTAINE`, `MARTIN-DUBOIS`/`MARTIN`).
    Partial,
    /// One typing error apart (or very close for long names).
    Typo,
    Different,
    Missing,
}

/// How two sets of given names agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GivenLevel {
    /// Same first given name (a compound typed with a space or a hyphen counts).
    Exact,
    /// The first given name of one is another given name of the other, or
    /// the start of a compound (`Jean` / `Jean-Michel`).
    Partial,
    /// One typing error apart.
    Typo,
    /// Two typing errors apart, names of five letters or more (`Olivia` /
    /// `Olisia`, or a typo on each side): as often two names (`Manon` /
    /// `Marion`) as one mistyped, so it links only where the rest ties the
    /// pair (`assign::veto`).
    TwoTypos,
    /// Masculine and feminine forms (`Jean`/`Jeanne`, `Pascal`/`Pascale`):
    /// usually two different people, often a couple.
    GenderVariant,
    Different,
    Missing,
}

/// How two birth dates agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateLevel {
    Exact,
    /// Day and month swapped (`03/04` / `04/03`).
    Swapped,
    /// One digit changed, or two adjacent digits transposed.
    OneDigit,
    Different,
    Missing,
}

/// Agreement of an optional attribute (postal code, class).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Agreement {
    Equal,
    Different,
    Missing,
}

/// Compares two last names, trying every form of the account's name.
pub fn compare_last(user: &[LastName], account: &[LastName]) -> LastLevel {
    let mut best = LastLevel::Missing;
    for (u_index, u) in user.iter().enumerate() {
        for (a_index, a) in account.iter().enumerate() {
            if u.is_empty() || a.is_empty() {
                continue;
            }
            let level = compare_one_last(u, a);
            let level = match level {
                // A match on the ENT's birth name rather than its usage name.
                LastLevel::Exact if u_index == 0 && a_index > 0 => LastLevel::BirthName,
                other => other,
            };
            if rank_last(level) < rank_last(best) {
                best = level;
            }
        }
    }
    best
}

/// Order of the last-name levels, best first.
pub fn rank_last(level: LastLevel) -> u8 {
    match level {
        LastLevel::Exact => 0,
        LastLevel::BirthName => 1,
        LastLevel::Partial => 2,
        LastLevel::Typo => 3,
        LastLevel::Different => 4,
        LastLevel::Missing => 5,
    }
}

fn compare_one_last(u: &LastName, a: &LastName) -> LastLevel {
    if u.full == a.full {
        return LastLevel::Exact;
    }
    if u.core == a.core
        || (u.parts.len() > 1 && u.parts.contains(&a.core))
        || (a.parts.len() > 1 && a.parts.contains(&u.core))
    {
        return LastLevel::Partial;
    }
    if is_typo(&u.full, &a.full) || is_typo(&u.core, &a.core) {
        return LastLevel::Typo;
    }
    LastLevel::Different
}

/// One typing error: Damerau-Levenshtein 1 for names of 4 letters or more;
/// for shorter names only a letter left out or added (`An`/`Ana`), since a
/// changed letter makes another name (`Léa`/`Léo`); 2 for names of 9 or more
/// with a high Jaro-Winkler similarity.
pub fn is_typo(a: &str, b: &str) -> bool {
    let (len_a, len_b) = (a.chars().count(), b.chars().count());
    let shortest = len_a.min(len_b);
    if shortest < 2 {
        return false;
    }
    // Most compared names are far apart: tell 0 or 1 edit without the
    // full distance (which allocates), and compute it only when a
    // distance of 2 can still count.
    let near = if a.is_ascii() && b.is_ascii() {
        edits_at_most_one(a.as_bytes(), b.as_bytes())
    } else {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edits_at_most_one(&x, &y)
    };
    let distance = match near {
        Some(distance) => distance,
        None if shortest >= 9 => damerau_levenshtein(a, b),
        None => 2,
    };
    if shortest < 4 {
        // A letter left out or added, or two letters swapped (`Rui`/`Riu`).
        let same_letters = || {
            let (mut x, mut y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            x.sort_unstable();
            y.sort_unstable();
            x == y
        };
        return distance == 1 && (len_a != len_b || same_letters());
    }
    distance == 1 || (distance == 2 && shortest >= 9 && jaro_winkler(a, b) >= 0.93)
}

/// The Damerau-Levenshtein distance when it is 0 or 1 (one letter changed,
/// left out, added, or two neighbours swapped), `None` when it is more.
fn edits_at_most_one<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > 1 {
        return None;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if a.len() < b.len() {
        return (a[p..] == b[p + 1..]).then_some(1);
    }
    if p == a.len() {
        return Some(0);
    }
    let substituted = a[p + 1..] == b[p + 1..];
    let transposed =
        p + 1 < a.len() && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..];
    (substituted || transposed).then_some(1)
}

/// Masculine and feminine forms of one given name: one is the other plus a
/// French feminine ending (`jean`/`jeanne`, `daniel`/`danielle`,
/// `louis`/`louise`, `michel`/`michele`).
pub fn is_gender_variant(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 || !long.starts_with(short) {
        return false;
    }
    let ending = &long[short.len()..];
    matches!(ending, "e" | "ne" | "le" | "te" | "ette" | "ine")
        || (short.ends_with('e') && matches!(ending, "tte" | "lle"))
}

/// Compares given names.
pub fn compare_given(user: &GivenNames, account: &GivenNames) -> GivenLevel {
    if user.is_empty() || account.is_empty() {
        return GivenLevel::Missing;
    }
    if user.first == account.first
        || user.joined == account.first
        || user.first == account.joined
        || user.joined == account.joined
    {
        return GivenLevel::Exact;
    }
    if is_gender_variant(&user.first, &account.first) {
        return GivenLevel::GenderVariant;
    }
    let shares_name = user.tokens.iter().any(|t| account.tokens.contains(t));
    let compound_start = account.first.starts_with(&user.first) && user.first.len() >= 3
        || user.first.starts_with(&account.first) && account.first.len() >= 3;
    if shares_name || compound_start {
        return GivenLevel::Partial;
    }
    // A typo in the first given name, or in another given name when the
    // order differs (`Catherine Clémece` / `Clémence`).
    let any_typo = user
        .tokens
        .iter()
        .any(|u| account.tokens.iter().any(|a| is_typo(u, a)));
    if is_typo(&user.first, &account.first) || any_typo {
        return GivenLevel::Typo;
    }
    if two_typos(&user.first, &account.first) {
        return GivenLevel::TwoTypos;
    }
    GivenLevel::Different
}

/// Two edits apart (Damerau-Levenshtein), both names five letters or more.
fn two_typos(a: &str, b: &str) -> bool {
    a.chars().count().min(b.chars().count()) >= 5 && damerau_levenshtein(a, b) == 2
}

/// Order of the given-name levels, best first.
pub fn rank_given(level: GivenLevel) -> u8 {
    match level {
        GivenLevel::Exact => 0,
        GivenLevel::Partial => 1,
        GivenLevel::Typo => 2,
        GivenLevel::TwoTypos => 3,
        GivenLevel::GenderVariant => 4,
        GivenLevel::Different => 5,
        GivenLevel::Missing => 6,
    }
}

/// Compares birth dates.
pub fn compare_dates(user: Option<BirthDate>, account: Option<BirthDate>) -> DateLevel {
    let (Some(u), Some(a)) = (user, account) else {
        return DateLevel::Missing;
    };
    if u == a {
        return DateLevel::Exact;
    }
    if u.year == a.year && u.day == a.month && u.month == a.day {
        return DateLevel::Swapped;
    }
    let (us, as_) = (digits(u), digits(a));
    let differing: Vec<usize> = (0..8).filter(|&i| us[i] != as_[i]).collect();
    let one_digit = differing.len() == 1;
    let transposed = differing.len() == 2
        && differing[1] == differing[0] + 1
        && us[differing[0]] == as_[differing[1]]
        && us[differing[1]] == as_[differing[0]];
    if one_digit || transposed {
        DateLevel::OneDigit
    } else {
        DateLevel::Different
    }
}

/// The eight digits of `ddmmyyyy`.
pub fn digits(date: BirthDate) -> [u8; 8] {
    // Arithmetic, not formatting: this runs for every compared pair.
    let (d, m, y) = (date.day, date.month, date.year);
    [
        d / 10,
        d % 10,
        m / 10,
        m % 10,
        (y / 1000 % 10) as u8,
        (y / 100 % 10) as u8,
        (y / 10 % 10) as u8,
        (y % 10) as u8,
    ]
}

/// Compares optional single values (postal codes).
pub fn compare_value(user: Option<&str>, account: Option<&str>) -> Agreement {
    match (user, account) {
        (Some(u), Some(a)) if u == a => Agreement::Equal,
        (Some(_), Some(_)) => Agreement::Different,
        _ => Agreement::Missing,
    }
}

/// Compares a user's class with an account's classes.
pub fn compare_classes(user: &[String], account: &[String]) -> Agreement {
    if user.is_empty() || account.is_empty() {
        Agreement::Missing
    } else if user.iter().any(|c| account.contains(c)) {
        Agreement::Equal
    } else {
        Agreement::Different
    }
}

/// Compares civilities.
pub fn compare_gender(user: Option<Gender>, account: Option<Gender>) -> Agreement {
    match (user, account) {
        (Some(u), Some(a)) if u == a => Agreement::Equal,
        (Some(_), Some(_)) => Agreement::Different,
        _ => Agreement::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u8, m: u8, y: u16) -> Option<BirthDate> {
        Some(BirthDate {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn last_name_levels() {
        let l = |s: &str| vec![LastName::new(s)];
        let married = vec![LastName::new("Durand"), LastName::new("Martin")];
        let cases = [
            ("same", l("DUPONT"), l("Dupont"), LastLevel::Exact),
            (
                "accents and case",
                l("LEFÈVRE"),
                l("Lefevre"),
                LastLevel::Exact,
            ),
            (
                "hyphen vs space",
                l("MARTIN DUBOIS"),
                l("Martin-Dubois"),
                LastLevel::Exact,
            ),
            ("apostrophe", l("N DIAYE"), l("N'Diaye"), LastLevel::Exact),
            (
                "particle dropped",
                l("FONTAINE"),
                l("DE LA FONTAINE"),
                LastLevel::Partial,
            ),
            (
                "compound part",
                l("MARTIN"),
                l("MARTIN-DUBOIS"),
                LastLevel::Partial,
            ),
            (
                "birth name",
                l("MARTIN"),
                married.clone(),
                LastLevel::BirthName,
            ),
            ("usage name", l("DURAND"), married, LastLevel::Exact),
            ("substitution", l("DUPONT"), l("DUPOND"), LastLevel::Typo),
            ("transposition", l("BERNARD"), l("BERNRAD"), LastLevel::Typo),
            (
                "short names are not typos",
                l("LE"),
                l("LI"),
                LastLevel::Different,
            ),
            ("different", l("DUPONT"), l("MARTIN"), LastLevel::Different),
            ("missing", l(""), l("MARTIN"), LastLevel::Missing),
        ];
        for (name, u, a, expected) in cases {
            assert_eq!(compare_last(&u, &a), expected, "{name}");
        }
    }

    #[test]
    fn given_name_levels() {
        let p = GivenNames::from_pronote;
        let e = |g: &str, o: &[&str]| GivenNames::from_ent(g, o);
        let cases = [
            ("same", p("Léa"), e("Lea", &[]), GivenLevel::Exact),
            (
                "compound with space",
                p("Jean Michel"),
                e("Jean-Michel", &[]),
                GivenLevel::Exact,
            ),
            (
                "several given names",
                p("Léa Marie"),
                e("Léa", &["Léa", "Marie"]),
                GivenLevel::Exact,
            ),
            (
                "start of compound",
                p("Jean"),
                e("Jean-Michel", &[]),
                GivenLevel::Partial,
            ),
            (
                "order swapped",
                p("Marie Léa"),
                e("Léa", &["Marie"]),
                GivenLevel::Partial,
            ),
            ("typo", p("Mathis"), e("Matis", &[]), GivenLevel::Typo),
            (
                "two typos",
                p("Olisia"),
                e("Oliiva", &[]),
                GivenLevel::TwoTypos,
            ),
            (
                "two letters off, short",
                p("Léa"),
                e("Lou", &[]),
                GivenLevel::Different,
            ),
            (
                "typo inside",
                p("Nathalie"),
                e("Natahlie", &[]),
                GivenLevel::Typo,
            ),
            (
                "feminine form",
                p("Jean"),
                e("Jeanne", &[]),
                GivenLevel::GenderVariant,
            ),
            (
                "feminine form 2",
                p("Pascale"),
                e("Pascal", &[]),
                GivenLevel::GenderVariant,
            ),
            (
                "twins Léa / Léo",
                p("Léa"),
                e("Léo", &[]),
                GivenLevel::Different,
            ),
            (
                "different",
                p("Sabine"),
                e("Valéry", &[]),
                GivenLevel::Different,
            ),
            ("missing", p(""), e("Léa", &[]), GivenLevel::Missing),
        ];
        for (name, u, a, expected) in cases {
            assert_eq!(compare_given(&u, &a), expected, "{name}");
        }
    }

    #[test]
    fn date_levels() {
        let cases = [
            (
                "same",
                date(14, 3, 2011),
                date(14, 3, 2011),
                DateLevel::Exact,
            ),
            (
                "day and month swapped",
                date(3, 4, 2011),
                date(4, 3, 2011),
                DateLevel::Swapped,
            ),
            (
                "one digit of the day",
                date(14, 3, 2011),
                date(15, 3, 2011),
                DateLevel::OneDigit,
            ),
            (
                "one digit of the year",
                date(14, 3, 2011),
                date(14, 3, 2012),
                DateLevel::OneDigit,
            ),
            (
                "transposed year digits",
                date(14, 3, 2012),
                date(14, 3, 2021),
                DateLevel::OneDigit,
            ),
            (
                "two digits",
                date(14, 3, 2011),
                date(25, 3, 2011),
                DateLevel::Different,
            ),
            (
                "same year only",
                date(1, 1, 2011),
                date(30, 6, 2011),
                DateLevel::Different,
            ),
            ("missing", None, date(14, 3, 2011), DateLevel::Missing),
        ];
        for (name, u, a, expected) in cases {
            assert_eq!(compare_dates(u, a), expected, "{name}");
        }
    }

    #[test]
    fn one_edit_or_none() {
        let cases = [
            ("identical", "martin", "martin", Some(0)),
            ("changed letter", "martin", "martan", Some(1)),
            ("left out", "martin", "matin", Some(1)),
            ("added at the end", "martin", "martins", Some(1)),
            ("added at the start", "artin", "martin", Some(1)),
            ("neighbours swapped", "martin", "mratin", Some(1)),
            ("last two swapped", "martin", "martni", Some(1)),
            ("two changes", "martin", "morton", None),
            ("two letters added", "martin", "martinez", None),
            ("swapped far apart", "martin", "nartim", None),
            ("accents", "hélène", "helène", Some(1)),
        ];
        for (name, a, b, expected) in cases {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(edits_at_most_one(&x, &y), expected, "{name}");
            assert_eq!(edits_at_most_one(&y, &x), expected, "{name}, reversed");
        }
    }

    proptest::proptest! {
        // The shortcut agrees with the full distance wherever it answers.
        #[test]
        fn shortcut_agrees_with_damerau_levenshtein(a in "[abé]{0,7}", b in "[abé]{0,7}") {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let full = damerau_levenshtein(&a, &b);
            match edits_at_most_one(&x, &y) {
                Some(d) => proptest::prop_assert_eq!(d, full),
                None => proptest::prop_assert!(full > 1),
            }
        }
    }
}
