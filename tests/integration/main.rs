//! The integration tests: one binary (ripgrep, just), the real `rapproche`
//! run in a temporary directory per test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bad_inputs;
mod cli;
mod crash;
mod explain;
mod fixture;
mod fuzz_corpora;
mod harness;
mod interop;
mod keygen;
mod man;
mod matching;
mod personal_data;
mod properties;
mod report;
