//! The integration tests: one binary (ripgrep, just), the real `rapproche`
//! run in a temporary directory per test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod explain;
mod fixture;
mod harness;
mod man;
mod report;
