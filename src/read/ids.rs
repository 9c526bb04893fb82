//! Checks of the identifiers read from the inputs (issue 7, "CSV").
//!
//! ENT ids (`identifier/id`) are written into the Pronote import file and
//! the ENT import file, both CSV read by other tools: an id holding a CSV
//! delimiter, a quote, a control or invisible character, or starting like a
//! spreadsheet formula (`=`, `+`, `-`, `@`) is refused. A refused id is a
//! problem of one record (STYLE.md): its account is left out with a warning
//! naming the file, record and line, and the run goes on.
//!
//! Pronote ids (`Identifiant PRONOTE-ENT`, FORMATS.md §2) are Pronote's own
//! data and are never changed: a duplicate is reported with its files and
//! lines, an id of the wrong length or alphabet is warned about.
//!
//! Messages never quote the ids themselves (no ids in messages, issue 7):
//! the file and line find the record.

use crate::model::PronoteUser;
use crate::read::pronote_csv::PronoteList;
use std::collections::HashMap;

/// The alphabet of Pronote ids (FORMATS.md §2).
pub const PRONOTE_ID_ALPHABET: &str = "ABCDEFHJKMNPQRSTUVWXYZ23456789";
/// The length of a Pronote id.
pub const PRONOTE_ID_LEN: usize = 16;
/// How many line numbers a warning lists before « … ».
const SHOWN_LINES: usize = 10;

/// Why an ENT id is refused, in French (the id itself is not quoted).
pub fn check_ent_id(id: &str) -> Result<(), String> {
    if let Some(first) = id.chars().next().filter(|c| "=+-@".contains(*c)) {
        return Err(format!(
            "identifiant ENT refusé : il commence par « {first} », comme une formule de tableur"
        ));
    }
    for c in id.chars() {
        let what = match c {
            ';' | ',' => format!("« {c} », séparateur des fichiers CSV"),
            '"' => "un guillemet".to_string(),
            '\t' => "une tabulation".to_string(),
            c if c.is_control() => format!("un caractère de contrôle (U+{:04X})", u32::from(c)),
            c if is_invisible(c) => format!("un caractère invisible (U+{:04X})", u32::from(c)),
            _ => continue,
        };
        return Err(format!("identifiant ENT refusé : il contient {what}"));
    }
    Ok(())
}

/// Zero-width and bidirectional formatting characters: they would make two
/// ids look alike, or reorder the text around them on screen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{AD}')
}

/// True for an id of 16 characters of [`PRONOTE_ID_ALPHABET`].
pub fn is_wellformed_pronote_id(id: &str) -> bool {
    id.chars().count() == PRONOTE_ID_LEN && id.chars().all(|c| PRONOTE_ID_ALPHABET.contains(c))
}

/// Warnings about the Pronote ids of the lists of a run: ids used by more
/// than one row (across all lists), and ids that do not look like Pronote's.
/// `lists[k]` is the list whose users have `user.list == indexes[k]`.
pub fn pronote_id_warnings(
    lists: &[PronoteList],
    indexes: &[usize],
    users: &[PronoteUser],
) -> Vec<String> {
    let name_of = |list: usize| {
        indexes
            .iter()
            .position(|&i| i == list)
            .and_then(|k| lists.get(k))
            .map(|l| l.path.display().to_string())
            .unwrap_or_default()
    };
    let mut warnings = Vec::new();

    // Duplicates, in the order of their first row.
    let mut rows_of: HashMap<&str, Vec<&PronoteUser>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for user in users {
        if let Some(id) = &user.id {
            let rows = rows_of.entry(id.0.as_str()).or_default();
            if rows.is_empty() {
                order.push(id.0.as_str());
            }
            rows.push(user);
        }
    }
    for id in order {
        let rows = &rows_of[id];
        if rows.len() < 2 {
            continue;
        }
        let places: Vec<String> = rows
            .iter()
            .map(|u| format!("« {} », ligne {}", name_of(u.list), u.line))
            .collect();
        warnings.push(format!(
            "même Identifiant PRONOTE-ENT sur {} lignes : {}. Chaque utilisateur de Pronote a le \
             sien : vérifiez ces lignes (liste exportée deux fois, ligne copiée ?).",
            rows.len(),
            places.join(", ")
        ));
    }

    // Malformed ids, one warning per list; the users are read once, not
    // once per list (a region gives thousands of lists).
    let mut malformed: HashMap<usize, Vec<u64>> = HashMap::new();
    for user in users {
        if user
            .id
            .as_ref()
            .is_some_and(|id| !is_wellformed_pronote_id(&id.0))
        {
            malformed.entry(user.list).or_default().push(user.line);
        }
    }
    for (k, list) in lists.iter().enumerate() {
        let Some(lines) = indexes.get(k).and_then(|i| malformed.get(i)) else {
            continue;
        };
        let mut shown: Vec<String> = lines.iter().take(SHOWN_LINES).map(u64::to_string).collect();
        if lines.len() > SHOWN_LINES {
            shown.push("…".to_string());
        }
        warnings.push(format!(
            "« {} » : {} Identifiant PRONOTE-ENT mal formé{} (attendu : {PRONOTE_ID_LEN} \
             caractères parmi {PRONOTE_ID_ALPHABET}), ligne{} {}.",
            list.path.display(),
            lines.len(),
            if lines.len() > 1 { "s" } else { "" },
            if lines.len() > 1 { "s" } else { "" },
            shown.join(", ")
        ));
    }
    warnings
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::model::{Population, PronoteId};

    #[test]
    fn ent_ids_table() {
        let cases: [(&str, &str, Option<&str>); 15] = [
            ("uuid", "b7c1e0f2-3a1d-4c55-9f0e-1d2c3b4a5e6f", None),
            ("numeric", "2605692", None),
            ("with a space inside", "ab cd", None),
            ("accented", "é1", None),
            ("semicolon", "12;34", Some("« ; », séparateur")),
            ("comma", "12,34", Some("« , », séparateur")),
            ("quote", "12\"34", Some("guillemet")),
            ("tab", "12\t34", Some("tabulation")),
            ("line feed", "12\n34", Some("U+000A")),
            ("escape", "\u{1b}[31m", Some("U+001B")),
            ("bidi override", "12\u{202E}34", Some("invisible (U+202E)")),
            ("formula =", "=HYPERLINK(\"x\")", Some("commence par « = »")),
            ("formula +", "+33", Some("commence par « + »")),
            ("formula -", "-1", Some("commence par « - »")),
            ("formula @", "@SUM(A1)", Some("commence par « @ »")),
        ];
        for (name, id, expected) in cases {
            match (check_ent_id(id), expected) {
                (Ok(()), None) => {}
                (Err(reason), Some(part)) => {
                    assert!(reason.contains(part), "{name}: {reason}");
                    assert!(!reason.contains(id), "{name}: the id is quoted");
                }
                (got, _) => panic!("{name}: {got:?}"),
            }
        }
    }

    #[test]
    fn pronote_ids_table() {
        let cases = [
            ("well formed", "ABCDEFHJKMNPQRST", true),
            ("digits of the alphabet", "2345678923456789", true),
            ("15 characters", "ABCDEFHJKMNPQRS", false),
            ("17 characters", "ABCDEFHJKMNPQRSTU", false),
            ("letter G is not in the alphabet", "GBCDEFHJKMNPQRST", false),
            ("digit 1 is not in the alphabet", "1BCDEFHJKMNPQRST", false),
            ("lower case", "abcdefhjkmnpqrst", false),
            ("empty", "", false),
        ];
        for (name, id, expected) in cases {
            assert_eq!(is_wellformed_pronote_id(id), expected, "{name}");
        }
    }

    fn user(list: usize, line: u64, id: &str) -> PronoteUser {
        PronoteUser {
            list,
            row: 0,
            line,
            population: Population::Eleves,
            id: Some(PronoteId(id.into())),
            last_name: Default::default(),
            given_names: Default::default(),
            birth_date: Default::default(),
            class: None,
            postal_code: None,
            civility: None,
            children: vec![],
            existing_ent_id: None,
            cas_id: None,
        }
    }

    fn list(path: &str) -> PronoteList {
        PronoteList {
            path: path.into(),
            format: crate::read::pronote_csv::CsvFormat {
                encoding: crate::read::encoding::TextEncoding::Utf8,
                delimiter: b';',
                line_ending: crate::read::pronote_csv::LineEnding::Crlf,
                trailing_newline: true,
            },
            header: vec![],
            rows: vec![],
            lines: vec![],
            columns: HashMap::new(),
        }
    }

    #[test]
    fn duplicates_across_lists_and_malformed_ids() {
        let lists = [list("eleves.csv"), list("autres.csv")];
        let users = [
            user(1, 2, "ABCDEFHJKMNPQRST"),
            user(1, 3, "BBCDEFHJKMNPQRST"),
            user(1, 4, "court"),
            user(2, 7, "ABCDEFHJKMNPQRST"),
            user(2, 8, "court"),
            user(2, 9, "BBCDEFHJKMNPQRS1"),
        ];
        let warnings = pronote_id_warnings(&lists, &[1, 2], &users);
        assert_eq!(
            warnings,
            [
                "même Identifiant PRONOTE-ENT sur 2 lignes : « eleves.csv », ligne 2, « autres.csv », \
                 ligne 7. Chaque utilisateur de Pronote a le sien : vérifiez ces lignes (liste \
                 exportée deux fois, ligne copiée ?).",
                "même Identifiant PRONOTE-ENT sur 2 lignes : « eleves.csv », ligne 4, « autres.csv », \
                 ligne 8. Chaque utilisateur de Pronote a le sien : vérifiez ces lignes (liste \
                 exportée deux fois, ligne copiée ?).",
                "« eleves.csv » : 1 Identifiant PRONOTE-ENT mal formé (attendu : 16 caractères \
                 parmi ABCDEFHJKMNPQRSTUVWXYZ23456789), ligne 4.",
                "« autres.csv » : 2 Identifiant PRONOTE-ENT mal formés (attendu : 16 caractères \
                 parmi ABCDEFHJKMNPQRSTUVWXYZ23456789), lignes 8, 9.",
            ]
        );
        for warning in &warnings {
            assert!(
                !warning.contains("BBCDEF") && !warning.contains("court"),
                "{warning}"
            );
        }
    }
}
