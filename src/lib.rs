//! `rapproche`: reconciles ENT accounts with Pronote users, locally, from
//! the ENT's age-encrypted export and Pronote's user lists.
//!
//! The pipeline, in the order the data flows: `read` (decrypt, ENT XML,
//! Pronote CSV) → `model` → `normalize` and `person` → `candidates`
//! (blocking) → `score` → `assign` (with `family` for parents), run by
//! `engine` (under the administrator's `decisions` and the `existing`
//! identifiers, turned into `constraints`) → `state` → `output` →
//! `report`. `cmd` holds one module per subcommand; `main.rs` only parses
//! the command line and prints errors.

pub mod assign;
pub mod candidates;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod config_file;
pub mod constraints;
pub mod decisions;
pub mod engine;
pub mod error;
pub mod establishment;
pub mod estimate;
pub mod existing;
pub mod family;
#[doc(hidden)]
pub mod fuzzing;
pub mod keys;
pub mod model;
pub mod normalize;
pub mod outcome;
pub mod output;
pub mod person;
pub mod progress;
pub mod read;
pub mod report;
pub mod sanitize;
pub mod score;
pub mod state;
#[doc(hidden)]
pub mod stop;
#[doc(hidden)]
pub mod synth;

pub use error::{Error, ExitStatus, Result};

#[cfg(test)]
mod engine_tests;
