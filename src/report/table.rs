//! The terminal rendering of reports (comfy-table): the summary per
//! population with a totals row, and the accounts list laid out like
//! Pronote's supervision table. In: a `Summary` or `Row`s. Out: a `String`,
//! every value from the files escaped by `sanitize::field`.

use crate::report::summary::{Counts, Summary, population_label};
use crate::report::{PERSONAL_DATA_NOTICE, Row};
use crate::sanitize;
use crate::state::InputFile;
use comfy_table::{Cell, CellAlignment, Table, presets};

const SUMMARY_HEADER: [&str; 8] = [
    "Population",
    "Utilisateurs Pronote",
    "Comptes ENT",
    "Rapprochés (exact)",
    "Rapprochés (approché)",
    "À vérifier",
    "Non rapprochés Pronote",
    "Non rapprochés ENT",
];

fn new_table() -> Table {
    let mut table = Table::new();
    // Fixed layout: the same bytes whatever the terminal (tests, pipes).
    table.load_preset(presets::UTF8_FULL).force_no_tty();
    table
}

/// The summary table, totals last.
pub fn summary(summary: &Summary) -> String {
    if summary.lines.is_empty() {
        return "Aucun compte dans le résultat pour ces critères.\n".to_string();
    }
    let mut table = new_table();
    table.set_header(SUMMARY_HEADER);
    for line in &summary.lines {
        table.add_row(count_cells(population_label(line.population), &line.counts));
    }
    table.add_row(count_cells("Total", &summary.total));
    for column in table.column_iter_mut().skip(1) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    format!("{table}\n")
}

/// One line per Pronote list saying its establishment (issue 4), when the
/// export names establishments; empty otherwise.
pub fn establishments(inputs: &[InputFile]) -> String {
    let mut out = String::new();
    for input in inputs {
        if let Some(establishment) = &input.establishment {
            let name = input
                .path
                .file_name()
                .map_or_else(|| input.path.to_string_lossy(), |n| n.to_string_lossy());
            out.push_str(&format!(
                "Établissement de « {} » : {}\n",
                sanitize::field(&name),
                establishment.describe()
            ));
        }
    }
    out
}

fn count_cells(label: &str, c: &Counts) -> Vec<Cell> {
    let numbers = [
        c.pronote_users,
        c.ent_accounts,
        c.exact,
        c.fuzzy,
        c.review,
        c.unmatched_pronote,
        c.unmatched_ent,
    ];
    std::iter::once(Cell::new(label))
        .chain(numbers.iter().map(Cell::new))
        .collect()
}

/// The accounts list, with the personal-data notice as its last line.
pub fn list(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "Aucun compte ne correspond à ces critères.\n".to_string();
    }
    let mut table = new_table();
    table.set_header(super::LIST_HEADER);
    for row in rows {
        let candidates: Vec<String> = row
            .candidates
            .iter()
            .map(|c| sanitize::field(&c.short()).into_owned())
            .collect();
        let cells = [
            row.side.label().to_string(),
            population_label(row.population).to_string(),
            row.status.label().to_string(),
            clean(&row.last_name),
            clean(&row.given_names),
            clean(&row.birth_date),
            clean(&row.postal_code),
            clean(&row.class),
            clean(&row.pronote_id),
            clean(&row.ent_id),
            candidates.join("\n"),
        ];
        table.add_row(cells);
    }
    let count = match rows.len() {
        1 => "1 compte".to_string(),
        n => format!("{n} comptes"),
    };
    format!("{table}\n{count}. {PERSONAL_DATA_NOTICE}\n")
}

fn clean(text: &str) -> String {
    sanitize::field(text).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::config::ReportFilter;
    use crate::report::{fixture, rows, summary::summarize};

    #[test]
    fn summary_snapshot() {
        insta::assert_snapshot!(summary(&summarize(&fixture::state(), None)));
    }

    #[test]
    fn unmatched_list_snapshot() {
        let filter = ReportFilter {
            unmatched: true,
            ..ReportFilter::default()
        };
        insta::assert_snapshot!(list(&rows(&fixture::state(), &filter)));
    }

    #[test]
    fn escape_sequences_are_neutralized() {
        let text = list(&rows(&fixture::state(), &ReportFilter::default()));
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("6C\\u{1b}[31m"));
    }

    #[test]
    fn empty_results() {
        assert_eq!(list(&[]), "Aucun compte ne correspond à ces critères.\n");
        let empty = Summary {
            lines: vec![],
            total: Counts::default(),
        };
        assert_eq!(
            summary(&empty),
            "Aucun compte dans le résultat pour ces critères.\n"
        );
    }
}
