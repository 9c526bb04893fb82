//! The terminal rendering of reports (comfy-table): the summary per
//! population with a totals row, and the accounts list laid out like
//! Pronote's supervision table. In: a `Summary` or `Row`s, and a `Layout`
//! (width, colours) that the caller decides from the terminal. Out: a
//! `String`, every value from the files escaped by `sanitize::field`.

use crate::estimate::{Estimate, Estimates, HistogramBin};
use crate::outcome::Status;
use crate::report::summary::{Counts, Summary, population_label};
use crate::report::{PERSONAL_DATA_NOTICE, Row, score_text};
use crate::sanitize;
use crate::state::InputFile;
use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use std::io::IsTerminal;

/// Width of a terminal whose size cannot be read.
const FALLBACK_WIDTH: u16 = 80;

/// Words up to this long are never cut when a table is fitted to a width;
/// longer ones (ids, UUIDs) may be.
const WHOLE_WORD: usize = 16;

/// How a table is laid out. The default (no width, no colour) gives the
/// same bytes wherever it runs: for files and pipes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Columns to fit in, cells wrapped as needed; `None`: as wide as the
    /// content, one line per account (for files, `grep`).
    pub width: Option<u16>,
    /// Statuses in colour.
    pub colour: bool,
}

/// What the environment says about standard output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terminal {
    /// `COLUMNS`, as set.
    pub columns: Option<String>,
    /// `NO_COLOR`, as set (https://no-color.org: any non-empty value).
    pub no_color: Option<String>,
    /// `TERM`, as set.
    pub term: Option<String>,
    /// Standard output is a terminal...
    pub is_terminal: bool,
    /// ...of this many columns, when it can be read.
    pub size: Option<u16>,
}

impl Terminal {
    /// Standard output's terminal and the environment of this process.
    pub fn stdout() -> Terminal {
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let stdout = std::io::stdout();
        let is_terminal = stdout.is_terminal();
        Terminal {
            columns: var("COLUMNS"),
            no_color: var("NO_COLOR"),
            term: var("TERM"),
            is_terminal,
            size: terminal_size::terminal_size_of(&stdout).map(|(w, _)| w.0),
        }
    }
}

impl Layout {
    /// The layout for `terminal`: `COLUMNS` when set (as clap does for the
    /// help), else the terminal's width, else the content's width when
    /// not a terminal. Colours only on a terminal, unless `NO_COLOR` or a
    /// `dumb` terminal.
    pub fn for_terminal(terminal: &Terminal) -> Layout {
        let columns = terminal
            .columns
            .as_deref()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c > 0);
        let width = match columns {
            Some(c) => Some(c),
            None if terminal.is_terminal => {
                Some(terminal.size.filter(|&w| w > 0).unwrap_or(FALLBACK_WIDTH))
            }
            None => None,
        };
        let colour = terminal.is_terminal
            && terminal.no_color.as_deref().is_none_or(str::is_empty)
            && terminal.term.as_deref() != Some("dumb");
        Layout { width, colour }
    }

    /// The layout for standard output.
    pub fn for_stdout() -> Layout {
        Layout::for_terminal(&Terminal::stdout())
    }
}

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

fn new_table(layout: Layout) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL);
    // The layout decides, not comfy-table's own look at the terminal:
    // the same bytes for the same layout (tests, pipes).
    if layout.colour {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = layout.width {
        table
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
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

/// Keeps words whole when the table is fitted to a width: each column is
/// at least as wide as its longest word (up to `WHOLE_WORD`), so that
/// « Responsables » is never cut into « Responsabl / es ». When even that
/// is too wide for `width`, fitting wins and comfy-table cuts words.
fn keep_words_whole(table: &mut Table, width: u16) {
    let mut widths = vec![0usize; table.column_count()];
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (width, cell) in widths.iter_mut().zip(row.cell_iter()) {
            let longest = cell
                .content()
                .split_whitespace()
                .map(|word| word.chars().count().min(WHOLE_WORD))
                .max()
                .unwrap_or(0);
            *width = (*width).max(longest);
        }
    }
    // A constraint counts the cell's padding, one space each side; the
    // borders take one column each, plus one.
    let needed: usize = widths.iter().map(|w| w + 3).sum::<usize>() + 1;
    if needed > usize::from(width) {
        return;
    }
    for (column, min) in table.column_iter_mut().zip(widths) {
        let min = u16::try_from(min + 2).unwrap_or(u16::MAX);
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(min)));
    }
}

/// The colour of a status on a terminal: sober, one per outcome.
fn status_colour(status: Status) -> Color {
    match status {
        Status::Exact | Status::Manual | Status::Kept => Color::DarkGreen,
        Status::Fuzzy => Color::Green,
        Status::Excluded => Color::Grey,
        Status::Review => Color::DarkYellow,
        Status::Unmatched => Color::DarkRed,
    }
}

/// The summary table, totals last, then the estimates and the histogram
/// of the scores.
pub fn summary(summary: &Summary, layout: Layout) -> String {
    if summary.lines.is_empty() {
        return "Aucun compte dans le résultat pour ces critères.\n".to_string();
    }
    let mut table = new_table(layout);
    // The columns of the yearly cycle only when some row has them, so that
    // a first run's table stays as narrow as it was.
    let extra = ExtraColumns::of(&summary.total);
    let mut header: Vec<&str> = SUMMARY_HEADER.to_vec();
    header.splice(5..5, extra.labels());
    if extra.excluded {
        header.push("Sans compte ENT (décision)");
    }
    table.set_header(header);
    for line in &summary.lines {
        table.add_row(count_cells(
            population_label(line.population),
            &line.counts,
            extra,
        ));
    }
    table.add_row(count_cells("Total", &summary.total, extra));
    for column in table.column_iter_mut().skip(1) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    if let Some(width) = layout.width {
        keep_words_whole(&mut table, width);
    }
    format!(
        "{table}\n\n{}\n{}",
        estimates(summary, layout),
        histogram(&summary.histogram, layout)
    )
}

/// The estimated wrong links and missed pairs, per population and in total.
fn estimates(summary: &Summary, layout: Layout) -> String {
    let Some(total) = &summary.total_estimates else {
        return "Estimations indisponibles : ce résultat a été enregistré par une version \
                antérieure ; relancez rapproche match.\n"
            .to_string();
    };
    let mut table = new_table(layout);
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
fn histogram(bins: &[HistogramBin], layout: Layout) -> String {
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
    // Room for the label (12 characters) and the longest counts (39)
    // within the terminal's width.
    let bar_width = layout.width.map_or(BAR_WIDTH, |w| {
        usize::from(w).saturating_sub(51).clamp(8, BAR_WIDTH)
    });
    // At least one character for any non-empty count.
    let width = |n: usize| {
        if n == 0 {
            0
        } else {
            (n * bar_width).div_ceil(largest).max(1)
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

/// Which optional columns the summary shows.
#[derive(Clone, Copy)]
struct ExtraColumns {
    manual: bool,
    kept: bool,
    excluded: bool,
}

impl ExtraColumns {
    fn of(total: &Counts) -> ExtraColumns {
        ExtraColumns {
            manual: total.manual > 0,
            kept: total.kept > 0,
            excluded: total.excluded > 0,
        }
    }

    /// The linked columns, placed after « Rapprochés (approché) ».
    fn labels(self) -> Vec<&'static str> {
        let mut labels = Vec::new();
        if self.manual {
            labels.push("Rapprochés (décision)");
        }
        if self.kept {
            labels.push("Rapprochés (identifiant existant)");
        }
        labels
    }
}

fn count_cells(label: &str, c: &Counts, extra: ExtraColumns) -> Vec<Cell> {
    let mut numbers = vec![c.pronote_users, c.ent_accounts, c.exact, c.fuzzy];
    if extra.manual {
        numbers.push(c.manual);
    }
    if extra.kept {
        numbers.push(c.kept);
    }
    numbers.extend([c.review, c.unmatched_pronote, c.unmatched_ent]);
    if extra.excluded {
        numbers.push(c.excluded);
    }

    std::iter::once(Cell::new(label))
        .chain(numbers.iter().map(Cell::new))
        .collect()
}

/// One line per Pronote list saying its establishment (issue 4), when the
/// export names establishments; empty otherwise.
pub fn establishments(inputs: &[InputFile]) -> String {
    let mut out = String::new();
    for input in inputs {
        if let Some(establishment) = &input.establishment {
            // The file name, or the whole path when lists of several
            // folders share it (a region: one folder per establishment).
            let shared = inputs
                .iter()
                .filter(|other| other.path.file_name() == input.path.file_name())
                .nth(1)
                .is_some();
            let name = match input.path.file_name() {
                Some(file) if !shared => file.to_string_lossy(),
                _ => input.path.to_string_lossy(),
            };
            out.push_str(&format!(
                "Établissement de « {} » : {}\n",
                sanitize::field(&name),
                establishment.describe()
            ));
        }
    }
    out
}

/// The accounts list, with the personal-data notice as its last line.
pub fn list(rows: &[Row], layout: Layout) -> String {
    if rows.is_empty() {
        return "Aucun compte ne correspond à ces critères.\n".to_string();
    }
    let mut table = new_table(layout);
    table.set_header(super::LIST_HEADER);
    for row in rows {
        let candidates: Vec<String> = row
            .remarks
            .iter()
            .map(|r| sanitize::field(r).into_owned())
            .chain(
                row.candidates
                    .iter()
                    .map(|c| sanitize::field(&c.short()).into_owned()),
            )
            .collect();
        let mut status = Cell::new(row.status.label());
        if layout.colour {
            status = status.fg(status_colour(row.status));
        }
        let cells = [
            Cell::new(row.side.label()),
            Cell::new(population_label(row.population)),
            status,
        ];
        let values = [
            clean(&row.last_name),
            clean(&row.given_names),
            clean(&row.birth_date),
            clean(&row.postal_code),
            clean(&row.class),
            clean(&row.pronote_id),
            clean(&row.ent_id),
            candidates.join("\n"),
        ];
        table.add_row(cells.into_iter().chain(values.into_iter().map(Cell::new)));
    }
    if let Some(width) = layout.width {
        keep_words_whole(&mut table, width);
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
    fn establishment_lines_name_the_folder_when_list_names_repeat() {
        use crate::establishment::{EstablishmentSource, ListEstablishment};
        use crate::state::InputKind;
        let list = |path: &str, uai: &str| InputFile {
            path: path.into(),
            kind: InputKind::PronoteList,
            populations: vec![],
            establishment: Some(ListEstablishment {
                uais: vec![uai.to_string()],
                source: EstablishmentSource::Given,
            }),
        };
        let text = establishments(&[
            list("0130001A/eleves.csv", "0130001A"),
            list("0130002B/eleves.csv", "0130002B"),
            list("0130002B/professeurs.csv", "0130002B"),
        ]);
        let names: Vec<&str> = text
            .lines()
            .map(|l| l.split(" » : ").next().unwrap_or(""))
            .collect();
        assert_eq!(
            names,
            [
                "Établissement de « 0130001A/eleves.csv",
                "Établissement de « 0130002B/eleves.csv",
                "Établissement de « professeurs.csv",
            ],
            "{text}"
        );
    }

    #[test]
    fn summary_snapshot() {
        insta::assert_snapshot!(summary(
            &summarize(&fixture::state(), None),
            Layout::default()
        ));
    }

    #[test]
    fn unmatched_list_snapshot() {
        let filter = ReportFilter {
            unmatched: true,
            ..ReportFilter::default()
        };
        insta::assert_snapshot!(list(&rows(&fixture::state(), &filter), Layout::default()));
    }

    #[test]
    fn escape_sequences_are_neutralized() {
        let text = list(
            &rows(&fixture::state(), &ReportFilter::default()),
            Layout::default(),
        );
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
        let text = summary(&summarize(&state, None), Layout::default());
        assert!(text.contains("Estimations indisponibles"), "{text}");
        assert!(!text.contains("Liens faux estimés"), "{text}");
        assert!(text.contains("Score du meilleur candidat"), "{text}");
    }

    #[test]
    fn empty_results() {
        assert_eq!(
            list(&[], Layout::default()),
            "Aucun compte ne correspond à ces critères.\n"
        );
        let empty = Summary {
            lines: vec![],
            total: Counts::default(),
            total_estimates: None,
            histogram: vec![],
        };
        assert_eq!(
            summary(&empty, Layout::default()),
            "Aucun compte dans le résultat pour ces critères.\n"
        );
    }

    #[test]
    fn layout_from_the_environment() {
        let terminal =
            |columns: Option<&str>, no_color: Option<&str>, size: Option<u16>| Terminal {
                columns: columns.map(str::to_string),
                no_color: no_color.map(str::to_string),
                term: Some("xterm-256color".into()),
                is_terminal: true,
                size,
            };
        let pipe = |columns: Option<&str>| Terminal {
            is_terminal: false,
            ..terminal(columns, None, None)
        };
        let dumb = Terminal {
            term: Some("dumb".into()),
            ..terminal(None, None, Some(90))
        };
        let cases = [
            ("terminal", terminal(None, None, Some(132)), Some(132), true),
            (
                "COLUMNS wins",
                terminal(Some("70"), None, Some(132)),
                Some(70),
                true,
            ),
            ("size unknown", terminal(None, None, None), Some(80), true),
            (
                "bad COLUMNS",
                terminal(Some("large"), None, Some(120)),
                Some(120),
                true,
            ),
            (
                "zero COLUMNS",
                terminal(Some("0"), None, Some(120)),
                Some(120),
                true,
            ),
            (
                "NO_COLOR",
                terminal(None, Some("1"), Some(100)),
                Some(100),
                false,
            ),
            (
                "empty NO_COLOR",
                terminal(None, Some(""), Some(100)),
                Some(100),
                true,
            ),
            ("dumb terminal", dumb, Some(90), false),
            ("pipe", pipe(None), None, false),
            ("pipe with COLUMNS", pipe(Some("100")), Some(100), false),
        ];
        for (name, terminal, width, colour) in cases {
            assert_eq!(
                Layout::for_terminal(&terminal),
                Layout { width, colour },
                "{name}"
            );
        }
    }

    #[test]
    fn tables_fit_the_width() {
        let all = rows(&fixture::state(), &ReportFilter::default());
        let summary_text = summary(&summarize(&fixture::state(), None), Layout::default());
        let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest(&list(&all, Layout::default())) > 120, "a wide list");
        for width in [60u16, 80, 120] {
            let layout = Layout {
                width: Some(width),
                colour: false,
            };
            let text = list(&all, layout);
            let table = text.rsplit_once("\n5 comptes.").unwrap().0;
            assert!(
                widest(table) <= usize::from(width),
                "list at {width}:\n{text}"
            );
            let text = summary(&summarize(&fixture::state(), None), layout);
            // Tables and histogram bars fit; sentences wrap in the terminal.
            let drawn: String = text
                .lines()
                .filter(|l| l.contains(['│', '┆']))
                .map(|l| format!("{l}\n"))
                .collect();
            assert!(
                widest(&drawn) <= usize::from(width),
                "summary at {width}:\n{text}"
            );
            // Every count still there, wrapped or not.
            assert_eq!(
                text.matches(char::is_numeric).count(),
                summary_text.matches(char::is_numeric).count()
            );
        }
    }

    #[test]
    fn statuses_in_colour_only_when_asked() {
        let all = rows(&fixture::state(), &ReportFilter::default());
        let plain = list(&all, Layout::default());
        assert!(!plain.contains('\u{1b}'));
        let coloured = list(
            &all,
            Layout {
                width: None,
                colour: true,
            },
        );
        // Dark yellow and dark red, around the status cells only.
        assert!(
            coloured.contains("\u{1b}[38;5;3m à vérifier "),
            "{coloured:?}"
        );
        assert!(
            coloured.contains("\u{1b}[38;5;1m non rapproché "),
            "{coloured:?}"
        );
        assert_eq!(coloured.matches("\u{1b}[38;5;").count(), all.len());
    }
}
