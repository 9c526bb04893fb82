//! The one fuzz target: `RAPPROCHE_FUZZ_TARGET=<name>` picks the entry
//! function from `rapproche::fuzzing::TARGETS` (xml, csv, date, name, ...).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static TARGET: OnceLock<rapproche::fuzzing::Target> = OnceLock::new();

fn target() -> rapproche::fuzzing::Target {
    *TARGET.get_or_init(|| {
        let name = std::env::var("RAPPROCHE_FUZZ_TARGET").unwrap_or_default();
        match rapproche::fuzzing::target(&name) {
            Some(target) => target,
            None => {
                let names: Vec<&str> = rapproche::fuzzing::TARGETS.iter().map(|(n, _)| *n).collect();
                eprintln!("RAPPROCHE_FUZZ_TARGET must be one of {names:?}, not {name:?}");
                std::process::exit(2)
            }
        }
    })
}

fuzz_target!(|data: &[u8]| target()(data));
