//! The integration tests: one binary (ripgrep, just), the real `rapproche`
//! run in a temporary directory per test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bad_inputs;
mod cli;
mod explain;
mod families;
mod fixture;
mod harness;
mod interop;
mod keygen;
mod man;
mod matching;
mod report;
