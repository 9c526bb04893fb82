//! The run's saved result (FORMATS.md §3, "The run's result"): what `match`
//! read and decided, kept in `<state dir>/resultat.json` for `report` and
//! `explain`. In: the records and the engine's `Reconciliation`. Out: a
//! deterministic JSON file (no timestamps, no hash-map order), written
//! atomically with mode 0600 in a directory created 0700, since it holds
//! personal data. Its layout on disk, compact and readable back from the
//! previous version too, is `file`'s.

use crate::engine::MatchSettings;
use crate::error::{Error, Result};
use crate::model::{EntAccount, Population, PronoteUser};
use crate::outcome::{Candidate, Reconciliation};
use crate::output::atomic::{ensure_private_dir, write_atomic_with};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

mod file;

/// The version of the file's layout; bumped when it changes.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest version still read (`diff` compares with last year's result).
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// The file's name inside the state directory.
pub const STATE_FILE: &str = "resultat.json";

/// What a run read and decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunState {
    pub format_version: u32,
    /// The input files, in the order given: `SourceRef::file` and
    /// `PronoteUser::list` index into this list.
    pub inputs: Vec<InputFile>,
    pub accounts: Vec<EntAccount>,
    pub users: Vec<PronoteUser>,
    pub reconciliation: Reconciliation,
    pub thresholds: Thresholds,
    /// The manual decisions the run applied, and those it could not.
    #[serde(default, skip_serializing_if = "DecisionsRecord::is_empty")]
    pub decisions: DecisionsRecord,
}

/// What became of the manual decisions in a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionsRecord {
    /// The decisions file read.
    pub file: Option<PathBuf>,
    /// How many decisions applied.
    pub applied: usize,
    /// The decisions that no longer apply, one French sentence each.
    pub problems: Vec<String>,
}

impl DecisionsRecord {
    /// True when the run read no decision.
    pub fn is_empty(&self) -> bool {
        self.applied == 0 && self.problems.is_empty()
    }

    /// The one-line summary (« Décisions manuelles : 3 appliquées, 1 sans
    /// effet. »), or `None` when there was none.
    pub fn summary_line(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let file = self
            .file
            .as_ref()
            .map(|f| format!(" ({})", f.display()))
            .unwrap_or_default();
        Some(format!(
            "Décisions manuelles{file} : {} appliquée(s), {} sans effet.",
            self.applied,
            self.problems.len()
        ))
    }
}

/// One input file of the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputFile {
    pub path: PathBuf,
    pub kind: InputKind,
    /// The populations found in it.
    pub populations: Vec<Population>,
    /// A list's establishment, and how it was chosen (issue 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub establishment: Option<crate::establishment::ListEstablishment>,
}

/// What an input file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    EntExport,
    PronoteList,
}

/// The thresholds the run used (`engine::MatchSettings`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub accept: f64,
    pub margin: f64,
    pub review_floor: f64,
}

impl From<&MatchSettings> for Thresholds {
    fn from(settings: &MatchSettings) -> Self {
        Thresholds {
            accept: settings.accept,
            margin: settings.margin,
            review_floor: settings.review_floor,
        }
    }
}

impl RunState {
    /// A state of the current format version.
    pub fn new(
        inputs: Vec<InputFile>,
        accounts: Vec<EntAccount>,
        users: Vec<PronoteUser>,
        reconciliation: Reconciliation,
        settings: &MatchSettings,
    ) -> RunState {
        RunState {
            format_version: FORMAT_VERSION,
            inputs,
            accounts,
            users,
            reconciliation,
            thresholds: settings.into(),
            decisions: DecisionsRecord::default(),
        }
    }

    /// Checks that every index points at a record, so that readers of a
    /// loaded state can follow links without checking again. The error is
    /// the reason, in French.
    fn check_indexes(&self) -> std::result::Result<(), String> {
        let (users, accounts) = (self.users.len(), self.accounts.len());
        if self.reconciliation.users.len() != users {
            return Err(format!(
                "{} décisions pour {users} utilisateurs Pronote",
                self.reconciliation.users.len()
            ));
        }
        if self.reconciliation.accounts.len() != accounts {
            return Err(format!(
                "{} décisions pour {accounts} comptes ENT",
                self.reconciliation.accounts.len()
            ));
        }
        let in_range = |linked: Option<usize>, candidates: &[Candidate], others: usize| {
            linked.is_none_or(|i| i < others) && candidates.iter().all(|c| c.other < others)
        };
        let users_ok = self
            .reconciliation
            .users
            .iter()
            .all(|r| in_range(r.linked, &r.candidates, accounts));
        let accounts_ok = self
            .reconciliation
            .accounts
            .iter()
            .all(|r| in_range(r.linked, &r.candidates, users));
        if !(users_ok && accounts_ok) {
            return Err("un lien désigne un compte absent".to_string());
        }
        Ok(())
    }
}

/// The path of the state file in `dir`.
pub fn state_path(dir: &Path) -> PathBuf {
    dir.join(STATE_FILE)
}

/// Saves the run's result into `dir`, replacing the previous one. The JSON
/// is streamed into the file: at a region's scale it is gigabytes.
pub fn save(dir: &Path, state: &RunState) -> Result<()> {
    let path = state_path(dir);
    ensure_private_dir(dir)?;
    write_atomic_with(&path, true, |out| file::write(out, state))
}

/// Loads the last run's result from `dir`.
pub fn load(dir: &Path) -> Result<RunState> {
    let path = state_path(dir);
    match std::fs::read(&path) {
        Ok(bytes) => parse(&bytes, &path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Error::NoState {
            dir: dir.to_path_buf(),
        }),
        Err(e) => Err(Error::Unreadable {
            path,
            reason: e.to_string(),
        }),
    }
}

/// Loads a run's result from a state directory or from a state file (a
/// `resultat.json` kept or renamed elsewhere, as `diff` accepts).
pub fn load_any(path: &Path) -> Result<RunState> {
    if path.is_dir() {
        return load(path);
    }
    match std::fs::read(path) {
        Ok(bytes) => parse(&bytes, path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Error::NoState {
            dir: path.to_path_buf(),
        }),
        Err(e) => Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: crate::error::io_reason(&e),
        }),
    }
}

/// Parses the bytes of a state file; `path` is for messages.
fn parse(bytes: &[u8], path: &Path) -> Result<RunState> {
    let bad = |reason: String| Error::BadState {
        path: path.to_path_buf(),
        reason,
    };
    let supported = OLDEST_FORMAT_VERSION..=FORMAT_VERSION;
    let other_version = |version: u32| {
        bad(format!(
            "version de format {version} (cette version de rapproche lit les versions {} à {FORMAT_VERSION})",
            OLDEST_FORMAT_VERSION
        ))
    };
    let file: file::FileState = match serde_json::from_slice(bytes) {
        Ok(file) => file,
        Err(error) => {
            // A file of another version says so, instead of failing on
            // some field it lacks.
            #[derive(Deserialize)]
            struct Version {
                format_version: u32,
            }
            return Err(match serde_json::from_slice::<Version>(bytes) {
                Ok(v) if !supported.contains(&v.format_version) => other_version(v.format_version),
                _ => bad(json_reason(&error)),
            });
        }
    };
    if !supported.contains(&file.version()) {
        return Err(other_version(file.version()));
    }
    let state = file.into_state().map_err(bad)?;
    state.check_indexes().map_err(bad)?;
    Ok(state)
}

/// serde_json's messages are English; keep the position, say it in French.
fn json_reason(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Io => "lecture interrompue",
        Category::Syntax => "JSON invalide",
        Category::Data => "contenu inattendu",
        Category::Eof => "fichier tronqué",
    };
    format!(
        "{what} (ligne {}, colonne {})",
        error.line(),
        error.column()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::model::{EntId, Personal, PronoteId};
    use crate::outcome::{AccountResult, Status, UserResult, Verdict};

    fn sample() -> RunState {
        let account = EntAccount {
            id: EntId("ent-1".into()),
            last_name: Personal::new("DUPONT"),
            given_name: Personal::new("Léa"),
            populations: vec![Population::Eleves],
            ..EntAccount::default()
        };
        let user = PronoteUser {
            list: 1,
            row: 0,
            line: 2,
            population: Population::Eleves,
            id: Some(PronoteId("ABCDEFHJKMNPQRST".into())),
            last_name: Personal::new("DUPONT"),
            given_names: Personal::new("Léa Marie"),
            birth_date: crate::normalize::date::parse_date("14/03/2011"),
            class: Some("5A".into()),
            postal_code: None,
            civility: None,
            children: vec![],
            existing_ent_id: None,
            cas_id: None,
        };
        let verdict = Verdict {
            linked: true,
            reason: "lien exact unique".into(),
        };
        let candidate = Candidate {
            other: 0,
            score: 20.0,
            comparisons: vec![crate::outcome::Comparison {
                field: crate::outcome::Field::LastName,
                level: "identique".into(),
                weight: 9.5,
            }]
            .into(),
            verdict,
            probability: Some(0.999),
        };
        let reconciliation = Reconciliation {
            users: vec![UserResult {
                status: Status::Exact,
                linked: Some(0),
                candidates: vec![candidate.clone()],
                notes: vec![],
                existing: None,
            }],
            accounts: vec![AccountResult {
                status: Status::Exact,
                linked: Some(0),
                candidates: vec![candidate],
                notes: vec![],
            }],
        };
        let inputs = vec![
            InputFile {
                path: "export.xml.age".into(),
                kind: InputKind::EntExport,
                populations: vec![Population::Eleves],
                establishment: None,
            },
            InputFile {
                path: "eleves.csv".into(),
                kind: InputKind::PronoteList,
                populations: vec![Population::Eleves],
                establishment: None,
            },
        ];
        RunState::new(
            inputs,
            vec![account],
            vec![user],
            reconciliation,
            &MatchSettings::default(),
        )
    }

    #[test]
    fn round_trip_is_identical_and_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let state = sample();
        save(dir.path(), &state).unwrap();
        let first = std::fs::read(state_path(dir.path())).unwrap();
        assert_eq!(load(dir.path()).unwrap(), state);
        save(dir.path(), &state).unwrap();
        assert_eq!(std::fs::read(state_path(dir.path())).unwrap(), first);
        // No stray temporary file left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_account_candidate_that_repeats_its_users_is_written_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = sample();
        save(dir.path(), &state).unwrap();
        let text = std::fs::read_to_string(state_path(dir.path())).unwrap();
        assert_eq!(text.matches("\"identique\"").count(), 1, "{text}");
        assert!(text.contains("[\"last_name\",\"identique\",9.5]"), "{text}");
        // Told otherwise on the account's side, it is written whole there.
        state.reconciliation.accounts[0].candidates[0]
            .verdict
            .reason = "autre".into();
        save(dir.path(), &state).unwrap();
        let text = std::fs::read_to_string(state_path(dir.path())).unwrap();
        assert_eq!(text.matches("\"identique\"").count(), 2, "{text}");
        assert_eq!(load(dir.path()).unwrap(), state);
    }

    #[test]
    fn a_result_of_the_previous_version_is_read() {
        // Version 1: the whole state as pretty JSON, as `match` wrote it
        // before version 2.
        let dir = tempfile::tempdir().unwrap();
        let mut old = sample();
        old.format_version = 1;
        let text = serde_json::to_string_pretty(&old).unwrap();
        assert!(text.contains("\"level\": \"identique\""));
        std::fs::write(state_path(dir.path()), text).unwrap();
        assert_eq!(load(dir.path()).unwrap(), sample());
    }

    #[cfg(unix)]
    #[test]
    fn private_modes() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/.rapproche");
        save(&dir, &sample()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&state_path(&dir)), 0o600);
    }

    #[test]
    fn load_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("absent");
        assert!(matches!(load(&missing), Err(Error::NoState { dir }) if dir == missing));
        assert!(matches!(load(dir.path()), Err(Error::NoState { .. })));

        let mut broken_link = sample();
        broken_link.reconciliation.users[0].linked = Some(7);
        let mut broken_count = sample();
        broken_count.reconciliation.accounts.clear();
        // The sample as saved, edited.
        let saved = tempfile::tempdir().unwrap();
        save(saved.path(), &sample()).unwrap();
        let edited = |edit: fn(&mut serde_json::Value)| {
            let mut value: serde_json::Value =
                serde_json::from_slice(&std::fs::read(state_path(saved.path())).unwrap()).unwrap();
            edit(&mut value);
            value.to_string()
        };
        let cases = [
            (
                "not JSON",
                "{oops".to_string(),
                "JSON invalide (ligne 1, colonne 2)",
            ),
            (
                "truncated",
                "{\"format_version\": 1".to_string(),
                "fichier tronqué",
            ),
            (
                "other version",
                "{\"format_version\": 99}".to_string(),
                "version de format 99",
            ),
            (
                "missing fields",
                "{\"format_version\": 1}".to_string(),
                "contenu inattendu",
            ),
            (
                "repeated candidate missing on its user's side",
                edited(|v| v["reconciliation"]["users"][0]["candidates"] = serde_json::json!([])),
                "un candidat du compte n° 0 ne figure pas chez son utilisateur",
            ),
            (
                "account candidate half written",
                edited(|v| {
                    v["reconciliation"]["accounts"][0]["candidates"][0] =
                        serde_json::json!({"other": 0, "score": 1.5})
                }),
                "un candidat du compte n° 0 est incomplet",
            ),
            (
                "dangling link",
                serde_json::to_string(&broken_link).unwrap(),
                "un lien désigne un compte absent",
            ),
            (
                "missing decisions",
                serde_json::to_string(&broken_count).unwrap(),
                "0 décisions pour 1 comptes ENT",
            ),
        ];
        for (name, text, expected) in cases {
            std::fs::write(state_path(dir.path()), text).unwrap();
            match load(dir.path()) {
                Err(Error::BadState { reason, .. }) => {
                    assert!(reason.contains(expected), "{name}: {reason}")
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}
