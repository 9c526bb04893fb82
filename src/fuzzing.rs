//! Entry points for fuzzing (issue 7): each takes arbitrary bytes, runs
//! one reader or normalizer of the library on them, and checks the
//! invariants that must hold whatever the input. A wrong input must give
//! an error value, never a panic; only a broken invariant panics.
//!
//! The same functions serve the cargo-fuzz crate (`tests/fuzz/`, one
//! binary that picks its target from [`TARGETS`] by name) and the replay
//! of the committed corpora in the integration tests, so CI needs no
//! cargo-fuzz. Adding a target is one row in [`TARGETS`] (and its corpus
//! folder `tests/fuzz/corpus/<name>/`).

use crate::model::{DateField, EntId, Population};
use crate::normalize::date::parse_date;
use crate::normalize::name::{GivenNames, LastName, fold, fold_class, tokens};
use crate::normalize::phonetic::phonetic;
use crate::output::pronote_import::render_pronote_import;
use crate::read::encoding::{TextEncoding, encode};
use crate::read::ent_xml::read_accounts;
use crate::read::labels::Labels;
use crate::read::profiles::ProfileMapping;
use crate::read::pronote_csv::parse_list;
use std::io::{BufRead, Cursor};
use std::path::Path;

/// A fuzz target: arbitrary bytes in, a panic only on a broken invariant.
pub type Target = fn(&[u8]);

/// Every target, by the name used for its corpus folder and for
/// `RAPPROCHE_FUZZ_TARGET`.
pub const TARGETS: &[(&str, Target)] = &[
    ("xml", xml),
    ("csv", csv),
    ("date", date),
    ("name", name),
    ("decisions", decisions),
    ("config", config),
];

/// The target of that name.
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The ENT export reader on a decrypted stream.
pub fn xml(data: &[u8]) {
    let reader: Box<dyn BufRead> = Box::new(Cursor::new(data.to_vec()));
    if let Ok(export) = read_accounts(
        reader,
        Path::new("export.xml"),
        0,
        &ProfileMapping::default(),
    ) {
        for account in &export.accounts {
            // Ids that reach the import file never need CSV quoting.
            assert!(
                crate::read::ids::check_ent_id(&account.id.0).is_ok(),
                "an accepted ENT id fails the id check"
            );
        }
    }
}

/// The Pronote list reader in every encoding it accepts: the first byte
/// chooses how the rest is presented (as is, behind a UTF-8 BOM, in
/// UTF-16LE with BOM, in Windows-1252). A list that reads is written back
/// as the import file and read again: same rows, header and format.
pub fn csv(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let path = Path::new("liste.csv");
    let bytes = match selector % 4 {
        0 => rest.to_vec(),
        1 => encode(&text, TextEncoding::Utf8Bom, path).unwrap_or_default(),
        2 => encode(&text, TextEncoding::Utf16LeBom, path).unwrap_or_default(),
        _ => match encode(&text, TextEncoding::Windows1252, path) {
            Ok(bytes) => bytes,
            Err(_) => return,
        },
    };
    let Ok((list, _users)) = parse_list(
        &bytes,
        path,
        0,
        Some(Population::Eleves),
        &Labels::default(),
    ) else {
        return;
    };
    let ids: Vec<Option<EntId>> = (0..list.rows.len())
        .map(|i| (i % 2 == 0).then(|| EntId(format!("id-{i}").into())))
        .collect();
    let Ok(written) = render_pronote_import(&list, &ids) else {
        return;
    };
    let back = parse_list(
        &written,
        path,
        0,
        Some(Population::Eleves),
        &Labels::default(),
    );
    assert!(back.is_ok(), "the import file does not read back: {back:?}");
    let Ok((back, _)) = back else {
        return;
    };
    assert_eq!(back.rows.len(), list.rows.len(), "row count");
    assert_eq!(back.format.encoding, list.format.encoding, "encoding");
    assert_eq!(back.format.delimiter, list.format.delimiter, "delimiter");
    assert_eq!(back.header[..list.header.len()], list.header[..], "header");
}

/// The date parser: a valid date written `dd/mm/yyyy` parses to itself.
pub fn date(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let DateField::Valid(d) = parse_date(&text) {
        assert_eq!(parse_date(&d.to_string()), DateField::Valid(d), "{d}");
    }
}

/// The name normalizer: folding is idempotent, its output is lower-case
/// letters and digits in single-space-separated tokens, and the derived
/// forms (last name, given names, class, phonetic key) do not panic.
pub fn name(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let folded = fold(&text);
    assert_eq!(fold(&folded), folded, "fold is not idempotent");
    assert!(!folded.starts_with(' ') && !folded.ends_with(' ') && !folded.contains("  "));
    assert!(
        folded
            .chars()
            .all(|c| c == ' ' || (c.is_alphanumeric() && !c.is_uppercase())),
        "fold left {folded:?}"
    );
    assert_eq!(tokens(&folded), tokens(&text));
    let last = LastName::new(&text);
    assert_eq!(LastName::new(&last.full).full, last.full, "last name");
    let given = GivenNames::from_pronote(&text);
    let again = GivenNames::from_pronote(&given.tokens.join(" "));
    assert_eq!(again.tokens, given.tokens, "given names");
    let _ = fold_class(&text);
    let _ = phonetic(&folded);
}

/// The decisions file reader: a file that reads, written back, reads
/// again as the same decisions (the administrator's lines are kept as
/// typed).
pub fn decisions(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(decisions) = crate::decisions::parse(&text) {
        let again = crate::decisions::parse(&decisions.render());
        assert_eq!(again.as_ref(), Ok(&decisions), "decisions round trip");
    }
}

/// The `rapproche.toml` reader: any text, an error or settings, never a
/// panic.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::config_file::parse(&text, Path::new("rapproche.toml"));
}
