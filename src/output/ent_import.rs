//! The ENT import file (FORMATS.md §3): `Identifiant ENT;Identifiant
//! PRONOTE-ENT` for every matched user, for the ENT side's own import.
//!
//! In: the matched pairs. Out: the file's bytes: UTF-8 without BOM, `;`,
//! CRLF, sorted by ENT id so that two runs give the same file.

use super::push_record;
use crate::model::{EntId, PronoteId};

/// Renders the ENT import file. A pair whose Pronote id a spreadsheet would
/// run as a formula (such an id is malformed anyway, and warned about) is
/// left out: the ENT ids are checked when read (`read::ids`), the Pronote
/// ids come from a file the tool does not control (issue 7).
pub fn render_ent_import(pairs: &[(EntId, PronoteId)]) -> Vec<u8> {
    let mut sorted: Vec<&(EntId, PronoteId)> = pairs
        .iter()
        .filter(|(_, pronote)| crate::report::csv::neutralize(&pronote.0) == pronote.0)
        .collect();
    sorted.sort();
    let mut out = String::from("Identifiant ENT;Identifiant PRONOTE-ENT\r\n");
    for (ent, pronote) in sorted {
        push_record(&mut out, [ent.0.as_str(), pronote.0.as_str()], b';');
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn pair(ent: &str, pronote: &str) -> (EntId, PronoteId) {
        (EntId(ent.into()), PronoteId(pronote.into()))
    }

    #[test]
    fn sorted_crlf_utf8_without_bom() {
        let pairs = [
            pair("b-2", "BBBBBBBBBBBBBBBB"),
            pair("a-1", "AAAAAAAAAAAAAAAA"),
        ];
        let expected = "Identifiant ENT;Identifiant PRONOTE-ENT\r\n\
                        a-1;AAAAAAAAAAAAAAAA\r\n\
                        b-2;BBBBBBBBBBBBBBBB\r\n";
        assert_eq!(
            String::from_utf8(render_ent_import(&pairs)).unwrap(),
            expected
        );
    }

    #[test]
    fn formula_like_pronote_ids_are_left_out() {
        let pairs = [
            pair("a-1", "=HYPERLINK(\"x\")"),
            pair("b-2", "@SUM(A1)"),
            pair("c-3", "CCCCCCCCCCCCCCCC"),
        ];
        assert_eq!(
            String::from_utf8(render_ent_import(&pairs)).unwrap(),
            "Identifiant ENT;Identifiant PRONOTE-ENT\r\nc-3;CCCCCCCCCCCCCCCC\r\n"
        );
    }

    #[test]
    fn no_pairs_gives_header_only() {
        assert_eq!(
            render_ent_import(&[]),
            b"Identifiant ENT;Identifiant PRONOTE-ENT\r\n"
        );
    }
}
