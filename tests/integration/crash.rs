//! Crash safety (issue 7): the real `rapproche match` is stopped at a
//! chosen point of its run (`RAPPROCHE_STOP_AT`, see `src/stop.rs`: the
//! process sends itself SIGSTOP there), the test waits for the stopped
//! state, then kills it with SIGKILL. No sleeping, no timing luck.
//!
//! After each kill, every output is either complete (byte-identical to an
//! uninterrupted run's) or absent; the only other files are hidden
//! temporary files (`.rapproche-*.tmp`, mode 0600) in the output folders,
//! never at an output's name; the inputs are unchanged; and a new run
//! completes and gives the same outputs.

#![cfg(unix)]

use crate::harness::{binary, fixture_bytes, mode, tree};
use nix::sys::signal::Signal;
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

const INPUTS: &[&str] = &[
    "cle-demo.txt",
    "export.xml.age",
    "eleves.csv",
    "responsables.csv",
    DECISIONS_FILE,
];

/// The administrator's decisions file, read by `match` and never written
/// by it: it must come out of every kill intact too.
const DECISIONS_FILE: &str = "rapproche-decisions.txt";
const DECISIONS: &str = "# Décisions de l'an passé\n\
    refuser AAAAAAAAAAAAAAA2 ent-inconnu 2025-09-10 # homonyme\n";

/// The bytes an input starts with.
fn input_bytes(name: &str) -> Vec<u8> {
    if name == DECISIONS_FILE {
        DECISIONS.as_bytes().to_vec()
    } else {
        fixture_bytes(name)
    }
}

const ARGS: &[&str] = &[
    "match",
    "-q",
    "-i",
    "cle-demo.txt",
    "export.xml.age",
    "eleves.csv",
    "responsables.csv",
    "--output-dir",
    "import",
    "--ent-import",
    "ent.csv",
    "--state-dir",
    "etat",
    "--decisions",
    DECISIONS_FILE,
    "--force",
];

/// The stop points, with how many outputs are complete when the process
/// stops there (outputs are written in this order: the two import files,
/// the ENT import file, the state).
const POINTS: &[(&str, usize)] = &[
    ("decrypted", 0),
    ("lists-read", 0),
    ("matched", 0),
    ("rendered", 0),
    ("before-rename:1", 0),
    ("written:1", 1),
    ("before-rename:2", 1),
    ("written:2", 2),
    ("before-rename:3", 2),
    ("written:3", 3),
    ("before-state", 3),
    ("before-rename:4", 3),
];

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in INPUTS {
        std::fs::write(dir.path().join(name), input_bytes(name)).unwrap();
    }
    dir
}

fn command(dir: &Path) -> Command {
    let mut command = Command::new(binary());
    command
        .args(ARGS)
        .current_dir(dir)
        .env_remove("RAPPROCHE_IDENTITY")
        .env_remove("RAPPROCHE_STOP_AT")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Every file under `dir` that is not an input, with its bytes.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
        .into_iter()
        .filter(|f| !INPUTS.contains(&f.as_str()) && dir.join(f).is_file())
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

fn uninterrupted() -> BTreeMap<String, Vec<u8>> {
    let dir = setup();
    let status = command(dir.path()).status().unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "the demo run leaves cases to review"
    );
    let outputs = outputs(dir.path());
    assert_eq!(
        outputs.keys().collect::<Vec<_>>(),
        [
            "ent.csv",
            "etat/resultat.json",
            "import/eleves.rapproche.csv",
            "import/responsables.rapproche.csv"
        ]
    );
    outputs
}

fn is_temporary(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.starts_with(".rapproche-") && file.ends_with(".tmp")
}

#[test]
fn killed_at_any_point_leaves_complete_outputs_or_none() {
    let reference = uninterrupted();
    for &(point, complete) in POINTS {
        let dir = setup();
        let mut child = command(dir.path())
            .env("RAPPROCHE_STOP_AT", point)
            .spawn()
            .unwrap();
        let pid = Pid::from_raw(i32::try_from(child.id()).unwrap());
        match waitpid(pid, Some(WaitPidFlag::WUNTRACED)).unwrap() {
            WaitStatus::Stopped(_, Signal::SIGSTOP) => {}
            other => panic!("{point}: the run did not stop there: {other:?}"),
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9),
            "{point}: killed by SIGKILL"
        );

        let mut found = 0;
        for (name, bytes) in outputs(dir.path()) {
            if is_temporary(&name) {
                assert_eq!(mode(&dir.path().join(&name)), 0o600, "{point}: {name}");
                continue;
            }
            let expected = reference
                .get(&name)
                .unwrap_or_else(|| panic!("{point}: unexpected file {name}"));
            assert!(&bytes == expected, "{point}: {name} is not complete");
            assert_eq!(mode(&dir.path().join(&name)), 0o600, "{point}: {name}");
            found += 1;
        }
        assert_eq!(found, complete, "{point}: complete outputs");
        for name in INPUTS {
            assert_eq!(
                std::fs::read(dir.path().join(name)).unwrap(),
                input_bytes(name),
                "{point}: input {name} changed"
            );
        }
        for folder in ["import", "etat"] {
            let path = dir.path().join(folder);
            if path.exists() {
                assert_eq!(mode(&path), 0o700, "{point}: {folder}");
            }
        }

        // The next run completes, with the same outputs.
        let status = command(dir.path()).status().unwrap();
        assert_eq!(status.code(), Some(1), "{point}: run after the crash");
        let after: BTreeMap<String, Vec<u8>> = outputs(dir.path())
            .into_iter()
            .filter(|(name, _)| !is_temporary(name))
            .collect();
        assert!(after == reference, "{point}: outputs after a new run");
    }
}
