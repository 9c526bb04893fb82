//! Normalization of the values that are compared: names, given names,
//! classes, dates, and the phonetic key used for blocking.

pub mod date;
pub mod name;
pub mod phonetic;
