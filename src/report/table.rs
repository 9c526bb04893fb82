//! The terminal rendering of reports (comfy-table): the summary per
//! population with a totals row, and the accounts list laid out like
//! Pronote's supervision table. In: a `Summary` or `Row`s. Out: a `String`,
//! every value from the files escaped by `sanitize::field`.

use crate::estimate::{Estimate, Estimates, HistogramBin};
use crate::report::summary::{Counts, Summary, population_label};
use crate::report::{PERSONAL_DATA_NOTICE, Row, score_text};
use crate::sanitize;
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

const ESTIMATES_HEADER: [&str; 4] = [
    "Population",
    "Liens automatiques",
    "Liens faux estimés",
    "Paires manquées estimées",
];

/// Width of the longest histogram bar, in characters.
const BAR_WIDTH: usize = 40;

/// The summary table, totals last, then the estimates and the histogram
/// of the scores.
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
    format!(
        "{table}\n\n{}\n{}",
        estimates(summary),
        histogram(&summary.histogram)
    )
}

/// The estimated wrong links and missed pairs, per population and in total.
fn estimates(summary: &Summary) -> String {
    let Some(total) = &summary.total_estimates else {
        return "Estimations indisponibles : ce résultat a été enregistré par une version \
                antérieure ; relancez rapproche match.\n"
            .to_string();
    };
    let mut table = new_table();
    table.set_header(ESTIMATES_HEADER);
    for line in &summary.lines {
        if let Some(e) = &line.estimates {
            table.add_row(estimate_cells(population_label(line.population), e));
        }
    }
    table.add_row(estimate_cells("Total", total));
    for column in table.column_iter_mut().skip(1) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    format!(
        "Fiabilité estimée (nombre attendu, intervalle à 95 %) :\n{table}\n\
         Estimations tirées des probabilités calibrées de chaque paire (man rapproche, FIABILITÉ).\n"
    )
}

fn estimate_cells(label: &str, e: &Estimates) -> Vec<Cell> {
    vec![
        Cell::new(label),
        Cell::new(e.links),
        Cell::new(estimate_text(&e.wrong_links)),
        Cell::new(estimate_text(&e.missed_pairs)),
    ]
}

/// `0,3 [0,0 ; 1,4]`.
pub fn estimate_text(e: &Estimate) -> String {
    format!(
        "{} [{} ; {}]",
        score_text(e.value),
        score_text(e.low),
        score_text(e.high)
    )
}

/// The text histogram of the best scores: `█` linked, `░` not linked.
fn histogram(bins: &[HistogramBin]) -> String {
    let first = bins.iter().position(|b| b.linked + b.unlinked > 0);
    let last = bins.iter().rposition(|b| b.linked + b.unlinked > 0);
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let largest = bins
        .iter()
        .map(|b| b.linked + b.unlinked)
        .max()
        .unwrap_or(1);
    // At least one character for any non-empty count.
    let width = |n: usize| {
        if n == 0 {
            0
        } else {
            (n * BAR_WIDTH).div_ceil(largest).max(1)
        }
    };
    let mut out = String::from(
        "Score du meilleur candidat de chaque utilisateur Pronote (█ rapprochés, ░ non rapprochés) :\n",
    );
    for bin in bins.get(first..=last).unwrap_or_default() {
        let label = match (bin.from, bin.to) {
            (None, Some(to)) => format!("< {to}"),
            (Some(from), None) => format!("≥ {from}"),
            (Some(from), Some(to)) => format!("[{from} ; {to}["),
            (None, None) => String::new(),
        };
        let bar = format!(
            "{}{}",
            "█".repeat(width(bin.linked)),
            "░".repeat(width(bin.unlinked))
        );
        let counts = [(bin.linked, "rapproché"), (bin.unlinked, "non rapproché")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}{}", if *n > 1 { "s" } else { "" }))
            .collect::<Vec<_>>()
            .join(", ");
        let line = format!("{label:>10} │{bar} {counts}");
        out.push_str(line.trim_end());
        out.push('\n');
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
    fn a_result_saved_without_probabilities_has_no_estimates() {
        let mut state = fixture::state();
        for user in &mut state.reconciliation.users {
            for candidate in &mut user.candidates {
                candidate.probability = None;
            }
        }
        let text = summary(&summarize(&state, None));
        assert!(text.contains("Estimations indisponibles"), "{text}");
        assert!(!text.contains("Liens faux estimés"), "{text}");
        assert!(text.contains("Score du meilleur candidat"), "{text}");
    }

    #[test]
    fn empty_results() {
        assert_eq!(list(&[]), "Aucun compte ne correspond à ces critères.\n");
        let empty = Summary {
            lines: vec![],
            total: Counts::default(),
            total_estimates: None,
            histogram: vec![],
        };
        assert_eq!(
            summary(&empty),
            "Aucun compte dans le résultat pour ces critères.\n"
        );
    }
}
