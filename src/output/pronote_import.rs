//! The Pronote import file (FORMATS.md §3): the input list row for row and
//! column for column, with `Identifiant ENT` filled for each matched user.
//!
//! In: the list as read ([`PronoteList`]) and one optional ENT id per row.
//! Out: the file's bytes, in the input's encoding, BOM, delimiter and line
//! endings. Pure: writing to disk is [`super::atomic`]'s job.

use super::{push_header, push_record};
use crate::error::Result;
use crate::model::{EntId, Text};
use crate::read::encoding;
use crate::read::labels::Column;
use crate::read::pronote_csv::PronoteList;

/// What the import file does with one cell of a row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CellUpdate {
    /// Leave the cell as it was in the list.
    #[default]
    Keep,
    /// Write this value.
    Set(String),
    /// Empty the cell (a stale identifier).
    Clear,
}

/// The cells the tool writes in one row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowUpdate {
    /// `Identifiant ENT`.
    pub ent_id: CellUpdate,
    /// `Identifiant CAS` (only when the list has the column).
    pub cas_id: CellUpdate,
}

/// Renders the import file. `ent_ids[i]` is the id for `list.rows[i]`:
/// `Some` fills the cell, `None` (or a missing entry) leaves it as it was.
/// The `Identifiant ENT` column is appended when the list lacks it.
pub fn render_pronote_import(list: &PronoteList, ent_ids: &[Option<EntId>]) -> Result<Vec<u8>> {
    let updates: Vec<RowUpdate> = ent_ids
        .iter()
        .map(|id| RowUpdate {
            ent_id: id
                .as_ref()
                .map_or(CellUpdate::Keep, |id| CellUpdate::Set(id.0.to_string())),
            cas_id: CellUpdate::Keep,
        })
        .collect();
    render_pronote_import_with(list, &updates)
}

/// Renders the import file with `updates[i]` applied to `list.rows[i]`
/// (a missing entry leaves the row as it was). The `Identifiant ENT`
/// column is appended when the list lacks it; `Identifiant CAS` is only
/// changed where the list has it.
pub fn render_pronote_import_with(list: &PronoteList, updates: &[RowUpdate]) -> Result<Vec<u8>> {
    let format = list.format;
    let existing = list.column(Column::EntId);
    let cas_column = list.column(Column::CasId);
    let terminator = format.line_ending.as_str();
    let mut text = String::new();

    let mut header: Vec<&str> = list.header.iter().map(String::as_str).collect();
    if existing.is_none() {
        header.push(Column::EntId.label());
    }
    push_header(&mut text, header, format.delimiter);

    for (index, row) in list.rows.iter().enumerate() {
        text.push_str(terminator);
        let update = updates.get(index).cloned().unwrap_or_default();
        let mut cells: Vec<&str> = row.iter().map(Text::as_str).collect();
        match existing {
            Some(column) => {
                if let Some(cell) = cells.get_mut(column) {
                    match &update.ent_id {
                        CellUpdate::Keep => {}
                        CellUpdate::Set(id) => *cell = id,
                        CellUpdate::Clear => *cell = "",
                    }
                }
            }
            None => cells.push(match &update.ent_id {
                CellUpdate::Set(id) => id,
                _ => "",
            }),
        }
        if let Some(cell) = cas_column.and_then(|c| cells.get_mut(c)) {
            match &update.cas_id {
                CellUpdate::Keep => {}
                CellUpdate::Set(login) => *cell = login,
                CellUpdate::Clear => *cell = "",
            }
        }
        push_record(&mut text, cells, format.delimiter);
    }
    if format.trailing_newline {
        text.push_str(terminator);
    }
    encoding::encode(&text, format.encoding, &list.path)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
