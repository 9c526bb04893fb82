//! Reading the inputs: text encodings, Pronote header labels, Pronote lists.

pub mod encoding;
pub mod labels;
pub mod pronote_csv;
