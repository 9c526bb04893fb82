//! Invariants checked on random inputs (proptest, issue 7): folding is
//! idempotent and ignores accents; field comparisons do not depend on the
//! side; a list read, written as the import file and read again keeps its
//! rows, their order, its encoding, delimiter and BOM; the engine never
//! links an account or a user twice.

use proptest::prelude::*;
use rapproche::engine::{MatchSettings, reconcile};
use rapproche::model::{
    BirthDate, DateField, EntAccount, EntCategory, EntId, Personal, Population, PronoteId,
    PronoteUser, SourceRef,
};
use rapproche::normalize::name::fold;
use rapproche::output::pronote_import::render_pronote_import;
use rapproche::read::encoding::{TextEncoding, encode};
use rapproche::read::pronote_csv::parse_list;
use rapproche::score::levels::{
    compare_classes, compare_dates, compare_value, is_gender_variant, is_typo,
};
use std::collections::HashSet;
use std::path::Path;

fn date() -> impl Strategy<Value = Option<BirthDate>> {
    proptest::option::of(
        (2008u16..2014, 1u8..13, 1u8..29).prop_map(|(year, month, day)| BirthDate {
            year,
            month,
            day,
        }),
    )
}

const NAMES: &[&str] = &[
    "MARTIN",
    "Martín",
    "MARTINE",
    "DUPONT",
    "DUPOND",
    "Léa",
    "Lea",
    "Noé",
    "Zoë",
    "N'DIAYE",
    "Ndiaye",
    "DE LA FONTAINE",
    "Fontaine",
    "Jean-Michel",
    "Jean Michel",
    "Œdipe",
];

proptest! {
    #[test]
    fn folding_is_idempotent(text in "\\PC{0,24}") {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn folding_ignores_accents_and_case(word in "[a-zA-Z]{1,12}") {
        // The same word with an acute accent (combining) on every letter.
        let accented: String = word.chars().flat_map(|c| [c, '\u{301}']).collect();
        prop_assert_eq!(fold(&accented), fold(&word.to_lowercase()));
    }

    #[test]
    fn comparisons_do_not_depend_on_the_side(
        a in proptest::sample::select(NAMES),
        b in proptest::sample::select(NAMES),
        d1 in date(),
        d2 in date(),
        c1 in proptest::collection::vec("[3-6][AB]", 0..3),
        c2 in proptest::collection::vec("[3-6][AB]", 0..3),
    ) {
        let (fa, fb) = (fold(a).replace(' ', ""), fold(b).replace(' ', ""));
        prop_assert_eq!(is_typo(&fa, &fb), is_typo(&fb, &fa));
        prop_assert_eq!(is_gender_variant(&fa, &fb), is_gender_variant(&fb, &fa));
        prop_assert_eq!(compare_dates(d1, d2), compare_dates(d2, d1));
        prop_assert_eq!(compare_value(Some(a), Some(b)), compare_value(Some(b), Some(a)));
        prop_assert_eq!(compare_classes(&c1, &c2), compare_classes(&c2, &c1));
    }
}

/// Cells a Pronote list may hold, with what forces quoting; all of them
/// fit in Windows-1252.
fn cell() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            'a', 'Z', '0', ' ', 'é', 'Œ', '\'', '-', ';', ',', '"', '\t',
        ]),
        0..6,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn import_file_keeps_rows_order_and_format(
        encoding in proptest::sample::select(vec![
            TextEncoding::Utf8, TextEncoding::Utf8Bom, TextEncoding::Windows1252, TextEncoding::Utf16LeBom,
        ]),
        delimiter in proptest::sample::select(vec![';', ',', '\t']),
        crlf in any::<bool>(),
        rows in proptest::collection::vec((cell(), cell(), cell()), 1..8),
    ) {
        // A list as a spreadsheet writes it: header, quoted cells where needed.
        let quote = |c: &str| {
            if c.contains([delimiter, '"']) || c.is_empty() {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_string()
            }
        };
        let end = if crlf { "\r\n" } else { "\n" };
        let d = delimiter.to_string();
        let mut text = ["Nom", "Prénom", "Observations"].join(&d) + end;
        for (a, b, c) in &rows {
            text += &([quote(a), quote(b), quote(c)].join(&d) + end);
        }
        let path = Path::new("liste.csv");
        let bytes = encode(&text, encoding, path).unwrap();
        let (list, users) = parse_list(&bytes, path, 0, Some(Population::Eleves), &rapproche::read::labels::Labels::default()).unwrap();
        prop_assert_eq!(list.rows.len(), rows.len());
        // A row of blank cells stays in the list but is nobody.
        let people = rows
            .iter()
            .filter(|(a, b, c)| [a, b, c].iter().any(|v| !v.trim().is_empty()))
            .count();
        prop_assert_eq!(users.len(), people);

        let ids: Vec<Option<EntId>> = (0..rows.len())
            .map(|i| (i % 2 == 0).then(|| EntId(format!("ent-{i}").into())))
            .collect();
        let written = render_pronote_import(&list, &ids).unwrap();
        let (back, _) = parse_list(&written, path, 0, Some(Population::Eleves), &rapproche::read::labels::Labels::default()).unwrap();
        prop_assert_eq!(back.format.encoding, encoding);
        prop_assert_eq!(back.format.delimiter, delimiter as u8);
        prop_assert_eq!(back.format.line_ending, list.format.line_ending);
        prop_assert_eq!(back.rows.len(), rows.len());
        for (i, ((a, b, c), row)) in rows.iter().zip(&back.rows).enumerate() {
            let id = ids[i].as_ref().map(|id| id.0.clone()).unwrap_or_default();
            prop_assert_eq!(row, &vec![a.clone(), b.clone(), c.clone(), id.to_string()]);
        }
        // BOM kept (or not) exactly.
        let bom: &[u8] = match encoding {
            TextEncoding::Utf8Bom => b"\xEF\xBB\xBF",
            TextEncoding::Utf16LeBom => b"\xFF\xFE",
            _ => b"",
        };
        prop_assert!(written.starts_with(bom) && bytes.starts_with(bom));
    }
}

/// One person of a small, collision-prone world: a name, a given name and
/// a birth date picked from short lists.
fn person() -> impl Strategy<Value = (usize, usize, Option<BirthDate>, usize)> {
    (
        0..4usize,
        0..3usize,
        proptest::option::of((0..3u8).prop_map(|d| BirthDate {
            year: 2012,
            month: 3,
            day: 10 + d,
        })),
        0..2usize,
    )
}

const LAST: &[&str] = &["MARTIN", "MARTINE", "DUPONT", "DUPOND"];
const GIVEN: &[&str] = &["Léa", "Lea", "Noé"];
const CLASSES: &[&str] = &["5A", "5B"];

fn account(i: usize, (l, g, d, c): (usize, usize, Option<BirthDate>, usize)) -> EntAccount {
    EntAccount {
        id: EntId(format!("ent-{i}").into()),
        category: Some(EntCategory::Eleve),
        populations: vec![Population::Eleves],
        last_name: Personal::new(LAST[l]),
        given_name: Personal::new(GIVEN[g]),
        birth_date: d.map_or(DateField::Absent, DateField::Valid),
        classes: vec![CLASSES[c].into()],
        source: SourceRef {
            file: 0,
            line: i as u64 + 1,
        },
        ..EntAccount::default()
    }
}

fn user(i: usize, (l, g, d, c): (usize, usize, Option<BirthDate>, usize)) -> PronoteUser {
    PronoteUser {
        list: 1,
        row: i,
        line: i as u64 + 2,
        population: Population::Eleves,
        id: Some(PronoteId(format!("P{i:015}").into())),
        last_name: Personal::new(LAST[l]),
        given_names: Personal::new(GIVEN[g]),
        birth_date: d.map_or(DateField::Absent, DateField::Valid),
        class: Some(CLASSES[c].into()),
        postal_code: None,
        civility: None,
        children: vec![],
        existing_ent_id: None,
        cas_id: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_link_is_never_made_twice(
        account_people in proptest::collection::vec(person(), 0..10),
        user_people in proptest::collection::vec(person(), 0..10),
        accept in proptest::sample::select(vec![-5.0, 0.0, 3.0]),
        margin in proptest::sample::select(vec![0.0, 3.0]),
    ) {
        let accounts: Vec<EntAccount> =
            account_people.into_iter().enumerate().map(|(i, p)| account(i, p)).collect();
        let users: Vec<PronoteUser> =
            user_people.into_iter().enumerate().map(|(i, p)| user(i, p)).collect();
        let settings = MatchSettings { accept, margin, ..MatchSettings::default() };
        let result = reconcile(&accounts, &users, &settings);
        prop_assert_eq!(result.users.len(), users.len());
        prop_assert_eq!(result.accounts.len(), accounts.len());
        let mut taken = HashSet::new();
        for (u, r) in result.users.iter().enumerate() {
            if let Some(a) = r.linked {
                prop_assert!(a < accounts.len());
                prop_assert!(taken.insert(a), "account {} linked twice", a);
                // Both sides agree.
                prop_assert_eq!(result.accounts[a].linked, Some(u));
            }
        }
        let linked_accounts = result.accounts.iter().filter(|r| r.linked.is_some()).count();
        prop_assert_eq!(linked_accounts, taken.len());
    }
}

proptest! {
    #[test]
    fn a_tie_never_gives_a_link(p in person(), others in proptest::collection::vec(person(), 0..4)) {
        // Two accounts alike in everything but their id, and the user they
        // both fit: neither may be linked.
        let mut accounts = vec![account(0, p), account(1, p)];
        accounts.extend(others.into_iter().enumerate().map(|(i, o)| account(i + 2, o)));
        let users = vec![user(0, p)];
        let result = reconcile(&accounts, &users, &MatchSettings::default());
        prop_assert_eq!(result.users[0].linked, None);
    }
}

#[test]
fn the_world_of_the_properties_does_link() {
    // The one-to-one property is not vacuous: alike pairs are linked.
    let p = (
        0,
        0,
        Some(BirthDate {
            year: 2012,
            month: 3,
            day: 10,
        }),
        0,
    );
    let q = (
        2,
        2,
        Some(BirthDate {
            year: 2012,
            month: 3,
            day: 12,
        }),
        1,
    );
    let result = reconcile(
        &[account(0, p), account(1, q)],
        &[user(0, q), user(1, p)],
        &MatchSettings::default(),
    );
    assert_eq!(result.users[0].linked, Some(1));
    assert_eq!(result.users[1].linked, Some(0));
}
