//! Normalization of the values that are compared: names and dates.

pub mod date;
