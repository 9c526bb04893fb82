//! The Pronote import file (FORMATS.md §3): the input list row for row and
//! column for column, with `Identifiant ENT` filled for each matched user.
//!
//! In: the list as read ([`PronoteList`]) and one optional ENT id per row.
//! Out: the file's bytes, in the input's encoding, BOM, delimiter and line
//! endings. Pure: writing to disk is [`super::atomic`]'s job.

use super::{push_header, push_record};
use crate::error::Result;
use crate::model::EntId;
use crate::read::encoding;
use crate::read::labels::Column;
use crate::read::pronote_csv::PronoteList;

/// Renders the import file. `ent_ids[i]` is the id for `list.rows[i]`:
/// `Some` fills the cell, `None` (or a missing entry) leaves it as it was.
/// The `Identifiant ENT` column is appended when the list lacks it.
pub fn render_pronote_import(list: &PronoteList, ent_ids: &[Option<EntId>]) -> Result<Vec<u8>> {
    let format = list.format;
    let existing = list.column(Column::EntId);
    let terminator = format.line_ending.as_str();
    let mut text = String::new();

    let mut header: Vec<&str> = list.header.iter().map(String::as_str).collect();
    if existing.is_none() {
        header.push(Column::EntId.label());
    }
    push_header(&mut text, header, format.delimiter);

    for (index, row) in list.rows.iter().enumerate() {
        text.push_str(terminator);
        let id = ent_ids
            .get(index)
            .and_then(Option::as_ref)
            .map(|id| id.0.as_str());
        let mut cells: Vec<&str> = row.iter().map(String::as_str).collect();
        match existing {
            Some(column) => {
                if let (Some(id), Some(cell)) = (id, cells.get_mut(column)) {
                    *cell = id;
                }
            }
            None => cells.push(id.unwrap_or_default()),
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
