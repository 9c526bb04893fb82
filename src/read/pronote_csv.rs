//! Pronote user lists, as the client copies or exports them (FORMATS.md §2).
//!
//! In: a CSV file in any of the encodings of [`super::encoding`], with `;`,
//! `,` or tab as delimiter and the client's French header labels. Out: the
//! list as it is ([`PronoteList`]: format, header, rows, line numbers, so the
//! import file can be written back row for row) and one [`PronoteUser`] per
//! non-blank row.
//!
//! Choices where FORMATS.md is silent:
//! - Blank lines are skipped. A row whose cells are all empty is kept in the
//!   list (and in the output) but gives no user.
//! - A short row is padded with empty cells to the header's width. Extra
//!   cells beyond the header are dropped when empty, an error otherwise (a
//!   stray delimiter would shift the columns of the write-back).
//! - A quote opens a quoted field only at the start of a field; elsewhere it
//!   is a literal character. A quote left open at the end of the file is an
//!   error: the `csv` crate would silently read the rest of the file as one
//!   cell, hence this small reader.

use super::encoding::{self, TextEncoding};
use super::labels::{self, Column, Labels};
use crate::error::{Error, Result};
use crate::model::{EntId, Personal, Population, PronoteId, PronoteUser, Text};
use crate::normalize::date::parse_date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Line terminator of a list; the output uses the input's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LineEnding {
    Crlf,
    Lf,
}

impl LineEnding {
    /// The terminator's characters.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Crlf => "\r\n",
            LineEnding::Lf => "\n",
        }
    }
}

/// How a list is written, detected on reading and kept on writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CsvFormat {
    pub encoding: TextEncoding,
    /// `b';'`, `b','` or `b'\t'`.
    pub delimiter: u8,
    pub line_ending: LineEnding,
    /// Whether the file ends with a line terminator.
    pub trailing_newline: bool,
}

/// A Pronote list as read: enough to write it back row for row.
#[derive(Clone, Debug, PartialEq)]
pub struct PronoteList {
    pub path: PathBuf,
    pub format: CsvFormat,
    /// Header labels, as typed.
    pub header: Vec<String>,
    /// Data rows, each exactly as wide as the header (short cells stored
    /// in place: a region's lists hold millions).
    pub rows: Vec<Vec<Text>>,
    /// 1-based file line where each row starts.
    pub lines: Vec<u64>,
    /// Known columns and their index (the first one when a label repeats).
    pub columns: HashMap<Column, usize>,
}

impl PronoteList {
    /// Index of a known column, if the list has it.
    pub fn column(&self, column: Column) -> Option<usize> {
        self.columns.get(&column).copied()
    }
}

/// Reads a Pronote list from disk. `list_index` is the list's position in the
/// run's inputs (copied into each user); `default_population` is
/// `--population`, used for rows without a population value; `labels` are
/// the header labels known (built-in and from the configuration file).
pub fn read_list(
    path: &Path,
    list_index: usize,
    default_population: Option<Population>,
    labels: &Labels,
) -> Result<(PronoteList, Vec<PronoteUser>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
        path: path.to_path_buf(),
        reason: crate::error::io_reason(&e),
    })?;
    parse_list(&bytes, path, list_index, default_population, labels)
}

/// Same as [`read_list`] on bytes already read; `path` is for messages.
pub fn parse_list(
    bytes: &[u8],
    path: &Path,
    list_index: usize,
    default_population: Option<Population>,
    labels: &Labels,
) -> Result<(PronoteList, Vec<PronoteUser>)> {
    let (text, encoding) = encoding::decode(bytes, path)?;
    if text.trim().is_empty() {
        return Err(Error::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let (delimiter, line_ending) = detect_delimiter_and_line_ending(&text);
    let format = CsvFormat {
        encoding,
        delimiter,
        line_ending,
        trailing_newline: text.ends_with(['\n', '\r']),
    };
    let mut records = parse_records(&text, delimiter, path)?.into_iter();
    let Some(header) = records.next() else {
        return Err(Error::EmptyFile {
            path: path.to_path_buf(),
        });
    };
    let header: Vec<String> = header.cells.into_iter().map(String::from).collect();
    let columns = match_columns(&header, labels);
    // No known label at all: the first line is most likely a person, whose
    // name must not be echoed in the message (issue 7).
    if columns.is_empty() {
        return Err(Error::NoHeader {
            path: path.to_path_buf(),
        });
    }
    let missing: Vec<&str> = [Column::LastName, Column::GivenNames]
        .into_iter()
        .filter(|c| !columns.contains_key(c))
        .map(Column::label)
        .collect();
    if !missing.is_empty() {
        return Err(Error::MissingColumn {
            path: path.to_path_buf(),
            missing: missing.join(", "),
            found: header
                .iter()
                // Shown on a terminal: escape sequences made visible.
                .map(|h| format!("« {} »", crate::sanitize::field(h)))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }

    let mut rows = Vec::with_capacity(records.len());
    let mut lines = Vec::with_capacity(records.len());
    for record in records {
        rows.push(fit_to_header(
            record.cells,
            header.len(),
            path,
            record.line,
        )?);
        lines.push(record.line);
    }
    let list = PronoteList {
        path: path.to_path_buf(),
        format,
        header,
        rows,
        lines,
        columns,
    };
    let users = users_of(&list, list_index, default_population)?;
    Ok((list, users))
}

fn match_columns(header: &[String], labels: &Labels) -> HashMap<Column, usize> {
    let mut columns = HashMap::new();
    for (index, label) in header.iter().enumerate() {
        if let Some(column) = labels.column_for(label) {
            columns.entry(column).or_insert(index);
        }
    }
    columns
}

fn fit_to_header(mut cells: Vec<Text>, width: usize, path: &Path, line: u64) -> Result<Vec<Text>> {
    if cells.len() > width {
        if cells[width..].iter().any(|c| !c.trim().is_empty()) {
            return Err(Error::MalformedCsv {
                path: path.to_path_buf(),
                line,
                reason: format!(
                    "{} champs pour {width} colonnes dans l'en-tête (séparateur en trop ?)",
                    cells.len()
                ),
            });
        }
        cells.truncate(width);
    }
    cells.resize(width, Text::default());
    cells.shrink_to_fit();
    Ok(cells)
}

fn users_of(
    list: &PronoteList,
    list_index: usize,
    default_population: Option<Population>,
) -> Result<Vec<PronoteUser>> {
    let fallback = default_population.or_else(|| guess_population(&list.columns, &list.path));
    let mut users = Vec::with_capacity(list.rows.len());
    for (row, (cells, &line)) in list.rows.iter().zip(&list.lines).enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |column: Column| -> Option<&str> {
            let value = cells.get(list.column(column)?)?.trim();
            (!value.is_empty()).then_some(value)
        };
        let population = match cell(Column::Population) {
            Some(value) => {
                population_from_value(value).ok_or_else(|| Error::UnknownPopulationValue {
                    path: list.path.clone(),
                    line,
                    value: crate::sanitize::field(value).into_owned(),
                })?
            }
            None => fallback.ok_or_else(|| Error::UnknownPopulation {
                path: list.path.clone(),
            })?,
        };
        users.push(PronoteUser {
            list: list_index,
            row,
            line,
            population,
            id: cell(Column::PronoteId).map(|v| PronoteId(v.into())),
            last_name: Personal::new(cell(Column::LastName).unwrap_or_default()),
            given_names: Personal::new(cell(Column::GivenNames).unwrap_or_default()),
            birth_date: parse_date(cell(Column::BirthDate).unwrap_or_default()),
            class: cell(Column::Class).map(Text::from),
            postal_code: cell(Column::PostalCode).map(Text::from),
            civility: cell(Column::Civility).map(Text::from),
            children: cell(Column::Children)
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(Personal::new)
                        .collect()
                })
                .unwrap_or_default(),
            existing_ent_id: cell(Column::EntId).map(|v| EntId(v.into())),
            cas_id: cell(Column::CasId).map(Text::from),
        });
    }
    Ok(users)
}

/// A population cell's value (`Élève`, `Responsables`, `Parent`...).
pub fn population_from_value(value: &str) -> Option<Population> {
    match labels::fold_label(value).as_str() {
        "ELEVE" | "ELEVES" => Some(Population::Eleves),
        "RESPONSABLE" | "RESPONSABLES" | "PARENT" | "PARENTS" => Some(Population::Responsables),
        "PROFESSEUR" | "PROFESSEURS" | "PROF" | "PROFS" | "ENSEIGNANT" | "ENSEIGNANTS" => {
            Some(Population::Professeurs)
        }
        "PERSONNEL" | "PERSONNELS" => Some(Population::Personnels),
        "INSPECTEUR" | "INSPECTEURS" => Some(Population::Inspecteurs),
        _ => None,
    }
}

/// The population a list's columns suggest, else its file name
/// (`professeurs.csv`, `Liste des personnels.csv`): a teachers list cannot
/// be told from a staff list by its columns, and a birth-date column alone
/// says nothing. `None` when neither tells.
pub(crate) fn guess_population(
    columns: &HashMap<Column, usize>,
    path: &Path,
) -> Option<Population> {
    let has = |c: Column| columns.contains_key(&c);
    if has(Column::Children) {
        return Some(Population::Responsables);
    }
    if has(Column::Class) {
        return Some(Population::Eleves);
    }
    // The same words as in a Population column: `professeurs.csv`.
    let name =
        crate::normalize::name::fold(&path.file_stem().unwrap_or_default().to_string_lossy());
    if let Some(population) = name.split(' ').find_map(population_from_value) {
        return Some(population);
    }
    if has(Column::PostalCode) && !has(Column::BirthDate) {
        return Some(Population::Responsables);
    }
    None
}

/// Delimiter: the most frequent of `;`, `,`, tab outside quotes in the header
/// line (`;` wins ties, then tab). Line ending: the header's terminator
/// (CRLF when the file has a single line).
fn detect_delimiter_and_line_ending(text: &str) -> (u8, LineEnding) {
    let (mut semicolons, mut commas, mut tabs) = (0usize, 0usize, 0usize);
    let mut in_quotes = false;
    let mut line_ending = LineEnding::Crlf;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ';' if !in_quotes => semicolons += 1,
            ',' if !in_quotes => commas += 1,
            '\t' if !in_quotes => tabs += 1,
            '\n' if !in_quotes => {
                line_ending = LineEnding::Lf;
                break;
            }
            '\r' if !in_quotes => {
                // A lone CR (old Mac files) is written back as CRLF.
                line_ending = LineEnding::Crlf;
                break;
            }
            _ => {}
        }
    }
    let delimiter = if semicolons >= commas && semicolons >= tabs {
        b';'
    } else if tabs >= commas {
        b'\t'
    } else {
        b','
    };
    (delimiter, line_ending)
}

/// The field read so far, stored in place when short, else allocated to its
/// length (a region's lists hold millions of cells, kept until the import
/// files are written); the buffer is kept for the next field.
fn take_exact(field: &mut String) -> Text {
    let cell = Text::from(field.as_str());
    field.clear();
    cell
}

/// One CSV record and the 1-based line it starts on.
struct Record {
    line: u64,
    cells: Vec<Text>,
}

/// RFC 4180 records, leniently: quotes only open a field at its start, CR,
/// LF and CRLF all end a record, blank lines are skipped.
fn parse_records(text: &str, delimiter: u8, path: &Path) -> Result<Vec<Record>> {
    let delimiter = char::from(delimiter);
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let mut field = String::new();
    let mut field_quoted = false;
    let mut record_started = false;
    let mut in_quotes = false;
    let (mut line, mut record_line, mut quote_line) = (1u64, 1u64, 1u64);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\r' | '\n' => {
                    if !(c == '\r' && chars.peek() == Some(&'\n')) {
                        line += 1;
                    }
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if record_started {
                    cells.push(take_exact(&mut field));
                    records.push(Record {
                        line: record_line,
                        cells: std::mem::take(&mut cells),
                    });
                }
                field_quoted = false;
                record_started = false;
                line += 1;
                record_line = line;
            }
            c if c == delimiter => {
                cells.push(take_exact(&mut field));
                field_quoted = false;
                record_started = true;
            }
            '"' if field.is_empty() && !field_quoted => {
                in_quotes = true;
                field_quoted = true;
                quote_line = line;
                record_started = true;
            }
            _ => {
                field.push(c);
                record_started = true;
            }
        }
    }
    if in_quotes {
        return Err(Error::MalformedCsv {
            path: path.to_path_buf(),
            line: quote_line,
            reason: "guillemet ouvert et jamais refermé".to_string(),
        });
    }
    if record_started {
        cells.push(take_exact(&mut field));
        records.push(Record {
            line: record_line,
            cells,
        });
    }
    Ok(records)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
