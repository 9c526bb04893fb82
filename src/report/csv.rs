//! The accounts list as CSV for spreadsheets: `;` separated, UTF-8 with a
//! byte-order mark (so that Excel reads the accents), CRLF line ends. In:
//! `Row`s. Out: bytes.
//!
//! Cells that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, tab or carriage return) get a leading `'` (OWASP, "CSV
//! injection"): the names come from files the tool does not control. The
//! personal-data notice is the last row, in the first column (a comment
//! line at the top would break the header; issue 7 wants every report
//! file to say what it holds).

use crate::report::Row;
use crate::report::summary::population_label;

/// UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Renders the rows.
pub fn render(rows: &[Row]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(BOM.to_vec());
    // Writing to a Vec cannot fail; a failure would only lose the row.
    let _ = writer.write_record(super::LIST_HEADER);
    for row in rows {
        let candidates: Vec<String> = row
            .remarks
            .iter()
            .cloned()
            .chain(row.candidates.iter().map(|c| c.short()))
            .collect();
        let cells = [
            row.side.label(),
            population_label(row.population),
            row.status.label(),
            &row.last_name,
            &row.given_names,
            &row.birth_date,
            &row.postal_code,
            &row.class,
            &row.pronote_id,
            &row.ent_id,
            &candidates.join(" | "),
        ];
        let _ = writer.write_record(cells.iter().map(|cell| neutralize(cell)));
    }
    let _ = writer.write_record([super::PERSONAL_DATA_NOTICE]);
    writer.into_inner().unwrap_or_default()
}

/// Prefixes a cell that a spreadsheet would read as a formula.
pub fn neutralize(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::config::ReportFilter;
    use crate::report::{fixture, rows};

    #[test]
    fn formula_cells() {
        let cases = [
            ("formula", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("plus", "+33 6", "'+33 6"),
            ("minus", "-2+3", "'-2+3"),
            ("at", "@SUM(A1)", "'@SUM(A1)"),
            ("tab", "\tx", "'\tx"),
            ("carriage return", "\rx", "'\rx"),
            ("hyphen inside is fine", "Marie-Josée", "Marie-Josée"),
            ("empty", "", ""),
            ("date", "14/03/2011", "14/03/2011"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(neutralize(input), expected, "{name}");
        }
    }

    #[test]
    fn layout() {
        let mut state = fixture::state();
        state.users[2].last_name = crate::model::Personal::new("=CMD|' /C calc'!A0");
        let filter = ReportFilter {
            unmatched: true,
            ..ReportFilter::default()
        };
        let bytes = render(&rows(&state, &filter));
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Source;Population;Statut;Nom;Prénom;Né(e) le;Code postal;Classe;\
             Identifiant PRONOTE-ENT;Identifiant ENT;Candidats les plus proches"
        );
        assert_eq!(
            lines[1],
            "Pronote;Élèves;à vérifier;MARTIN;Tom;03/04/2012;;6B;AAAAAAAAAAAAAAA2;;\
             \"ent-tom (8,5) : Né(e) le : inversion jour/mois ; écart insuffisant avec le candidat suivant (1,0 < 4,0)\""
        );
        assert_eq!(
            lines[2],
            "Pronote;Élèves;non rapproché;'=CMD|' /C calc'!A0;Chloé;31/02/2012;;6C\u{1b}[31m;AAAAAAAAAAAAAAA3;;"
        );
        assert_eq!(lines[4], crate::report::PERSONAL_DATA_NOTICE);
        assert_eq!(
            lines.len(),
            6,
            "header, 3 rows, the notice, empty after the last CRLF"
        );
    }
}
