//! `rapproche report`: loads the last run's result, selects the rows the
//! filters ask for, renders them, and prints them or writes them (`-o`,
//! atomically, mode 0600). In: `ReportConfig`. Out: the report.

use crate::config::{ReportConfig, ReportFilter, ReportFormat};
use crate::error::{Error, ExitStatus, Result};
use crate::report::table::Layout;
use crate::report::{self, summary::summarize};
use crate::{sanitize, state};
use std::io::{IsTerminal, Write};

/// Runs `report`.
pub fn run(config: &ReportConfig) -> Result<ExitStatus> {
    let state = state::load(&config.state_dir)?;
    // A file gets the plain layout; standard output the terminal's.
    let layout = match config.output {
        Some(_) => Layout::default(),
        None => Layout::for_stdout(),
    };
    let bytes = render(&state, config, layout);
    match &config.output {
        Some(path) => crate::output::atomic::write_atomic(path, &bytes, config.force)?,
        None => print(&bytes, config.format)?,
    }
    Ok(ExitStatus::Success)
}

/// The report's bytes; `layout` for the table format.
pub fn render(state: &state::RunState, config: &ReportConfig, layout: Layout) -> Vec<u8> {
    let filter = &config.filter;
    let rows = || report::rows(state, filter);
    match config.format {
        ReportFormat::Table if filter.is_empty() => {
            let mut text = report::table::summary(&summarize(state, None), layout);
            text.push_str(&report::table::establishments(&state.inputs));
            if let Some(line) = state.decisions.summary_line() {
                text.push_str(&line);
                text.push('\n');
            }
            for problem in &state.decisions.problems {
                text.push_str(&format!(
                    "Décision sans effet : {}\n",
                    sanitize::field(problem)
                ));
            }
            text.into_bytes()
        }
        ReportFormat::Table => report::table::list(&rows(), layout).into_bytes(),
        ReportFormat::Csv => report::csv::render(&rows()),
        ReportFormat::Json => report::json::render(
            &summarize(state, filter.population),
            &rows(),
            &state.thresholds,
            &state.inputs,
            &state.decisions,
        ),
        // The page is for acting on the run: it lists the accounts left
        // to review or unmatched, unless a status is asked for.
        ReportFormat::Html => {
            let listed = ReportFilter {
                unmatched: filter.unmatched || filter.status.is_none(),
                ..filter.clone()
            };
            report::html::render(
                &summarize(state, filter.population),
                &report::rows(state, &listed),
                &state.thresholds,
            )
        }
    }
}

/// Prints rendered bytes; CSV and JSON on a terminal are cleaned first.
pub(crate) fn print(bytes: &[u8], format: ReportFormat) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    let terminal = stdout.is_terminal();
    let shown = if terminal && format != ReportFormat::Table {
        for_terminal(bytes)
    } else {
        bytes.to_vec()
    };
    match stdout.write_all(&shown).and_then(|()| stdout.flush()) {
        // `rapproche report | head`: the reader has seen enough.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: "<sortie standard>".into(),
            reason: e.to_string(),
        }),
        Ok(()) => Ok(()),
    }
}

/// CSV or JSON shown on a terminal: without the byte-order mark, and with
/// hidden characters from the files made visible (the table renderer does
/// this per cell).
fn for_terminal(bytes: &[u8]) -> Vec<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    sanitize::output(&String::from_utf8_lossy(bytes))
        .into_owned()
        .into_bytes()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn terminal_output_is_cleaned() {
        let cases: [(&str, &[u8], &[u8]); 3] = [
            ("bom dropped", b"\xEF\xBB\xBFa;b\r\n", b"a;b\r\n"),
            ("escape made visible", b"a\x1b[2J\n", b"a\\u{1b}[2J\n"),
            ("json kept", b"{\n  \"a\": 1\n}\n", b"{\n  \"a\": 1\n}\n"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(for_terminal(input), expected, "{name}");
        }
    }
}
