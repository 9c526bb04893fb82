//! The integration tests: one binary (ripgrep, just), the real `rapproche`
//! run in a temporary directory per test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bad_inputs;
mod browser;
mod cli;
mod completions;
mod crash;
mod decisions;
mod estimates;
mod explain;
mod families;
mod fixture;
mod fuzz_corpora;
mod harness;
mod html;
mod interop;
mod keygen;
mod man;
mod matching;
mod personal_data;
mod properties;
mod report;
mod scripting;
mod terminal;
mod two_years;
