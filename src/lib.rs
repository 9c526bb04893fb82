//! `rapproche`: reconciles ENT accounts with Pronote users, locally, from
//! the ENT's age-encrypted export and Pronote's user lists.
//!
//! The pipeline, in the order the data flows: `read` (decrypt, ENT XML,
//! Pronote CSV) → `model` → `normalize` → `candidates` → `score` →
//! `assign` → `state` → `output` → `report`. `cmd` holds one module per
//! subcommand; `main.rs` only parses the command line and prints errors.

pub mod engine;
pub mod error;
pub mod model;
pub mod normalize;
pub mod outcome;
#[doc(hidden)]
pub mod synth;

pub use error::{Error, ExitStatus, Result};
