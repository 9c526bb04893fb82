//! `rapproche match`: recognises the inputs by their content, reads the ENT
//! exports (decrypted on the fly) and the Pronote lists, reconciles them,
//! then renders every output in memory and only then writes them, each
//! atomically: the Pronote import files, the ENT import file on request,
//! and the run's result for `report` and `explain`. Ends with the summary
//! and the estimates of how far to trust the links (`estimate`), and
//! `--max-estimated-wrong` turns those into the exit code.
//!
//! Every output path is checked before any work (same path as an input, an
//! existing file without `--force`), so a mistake costs no decryption.
//! With `--remove-export`, the exports are deleted only once every output
//! is written; `--json` prints the summary for scripts instead of the table.

use crate::config::{MatchConfig, Verbosity};
use crate::constraints;
use crate::error::{Error, ExitStatus, Result};
use crate::establishment::{self, Plan};
use crate::existing::{self, ExistingPolicy};
use crate::model::{EntAccount, EntCategory, EntId, Population, PronoteId, PronoteUser};
use crate::outcome::{ExistingState, Reconciliation};
use crate::output::atomic::{ensure_private_dir, write_all_atomic};
use crate::output::pronote_import::{CellUpdate, RowUpdate};
use crate::output::{ent_import, pronote_import};
use crate::progress::{Phase, Progress};
use crate::read::decrypt::{PassphrasePrompt, TerminalPrompt, load_identities};
use crate::read::ent_xml::{ExportFile, read_exports};
use crate::read::ids::pronote_id_warnings;
use crate::read::pronote_csv::{PronoteList, read_list};
use crate::read::sniff::{InputKind, sniff};
use crate::report::{json, score_text, summary, table};
use crate::score::probability;
use crate::state::{self, DecisionsRecord, InputFile, RunState};
use crate::stop;
use secrecy::SecretString;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The reminder printed at the end of a run (seeds: back up the Pronote
/// database before any import).
pub const BACKUP_REMINDER: &str =
    "Avant d'importer dans Pronote, faites une sauvegarde de la base.";

/// Runs `match`.
pub fn run(config: &MatchConfig) -> Result<ExitStatus> {
    let (exports, lists) = recognise_inputs(&config.inputs)?;
    let outputs = if config.read_only {
        Vec::new()
    } else {
        plan_outputs(config, &lists)?
    };
    // A mistake in the decisions file costs no decryption either.
    let decisions = config.decisions.load()?;

    if config.verbosity != Verbosity::Quiet {
        for export in exports
            .iter()
            .filter(|e| e.kind == InputKind::PlainXmlExport)
        {
            eprintln!(
                "attention : « {} » n'est pas chiffré. Il contient des données personnelles : \
                 ne le laissez pas traîner, supprimez-le après usage.",
                export.path.display()
            );
        }
    }
    let identities = load_identities(&config.identities)?;
    let progress = Progress::on_terminal(config.verbosity == Verbosity::Quiet);
    let reading = progress.phase("Déchiffrement et lecture");
    let export = read_exports(
        &exports,
        &identities,
        &mut SuspendingPrompt(&reading),
        &config.profiles,
    )?;
    stop::point("decrypted");
    if config.verbosity != Verbosity::Quiet {
        // A file given twice repeats every id: say the first few, count the rest.
        const SHOWN_WARNINGS: usize = 10;
        for warning in export.warnings.iter().take(SHOWN_WARNINGS) {
            eprintln!("attention : {warning}");
        }
        if export.warnings.len() > SHOWN_WARNINGS {
            eprintln!(
                "attention : … et {} autres avertissements du même genre.",
                export.warnings.len() - SHOWN_WARNINGS
            );
        }
        if let Some(warning) = without_population(&export.accounts) {
            eprintln!("attention : {}", crate::sanitize::output(&warning));
        }
    }
    let mut read_lists: Vec<PronoteList> = Vec::new();
    let mut users: Vec<PronoteUser> = Vec::new();
    for &(index, ref path) in &lists {
        let (list, list_users) = read_list(path, index, config.population, &config.labels)?;
        read_lists.push(list);
        users.extend(list_users);
    }
    drop(reading);
    let indexes: Vec<usize> = lists.iter().map(|(index, _)| *index).collect();
    if config.verbosity != Verbosity::Quiet {
        for warning in pronote_id_warnings(&read_lists, &indexes, &users) {
            eprintln!("attention : {warning}");
        }
    }
    stop::point("lists-read");
    if config.read_only {
        if config.verbosity != Verbosity::Quiet {
            println!(
                "Lecture seule : {} comptes ENT et {} utilisateurs Pronote lus ; rien n'est rapproché ni écrit.",
                export.accounts.len(),
                users.len()
            );
        }
        return Ok(ExitStatus::Success);
    }

    let matching = progress.phase("Rapprochement");
    // Each list's establishment; accounts of other establishments stay out
    // of the run (a regional export may hold thousands).
    let mut plan = establishment::plan(&export.accounts, &users, &lists, &config.uai)?;
    let keep = plan.scope();
    let left_out = keep.iter().filter(|k| !**k).count();
    let mut kept = keep.iter();
    let accounts: Vec<_> = export
        .accounts
        .into_iter()
        .filter(|_| kept.next().copied().unwrap_or(false))
        .collect();
    plan.retain_accounts(&keep);

    // The administrator's decisions first, then the existing identifiers
    // (`--existing keep`), then the engine; then each existing identifier
    // is checked against the result.
    let resolved = constraints::resolve(&decisions, &accounts, &users);
    let mut constraints = resolved.constraints.clone();
    if config.existing == ExistingPolicy::Keep {
        existing::keep_links(&accounts, &users, &mut constraints);
    }
    let mut reconciliation =
        establishment::reconcile(&accounts, &users, &plan, &config.settings, &constraints);
    for (user, _, note) in &resolved.rejections {
        if let Some(result) = reconciliation.users.get_mut(*user) {
            result.notes.push(note.clone());
        }
    }
    existing::check(&accounts, &users, config.existing, &mut reconciliation);
    probability::annotate(&mut reconciliation, &users);
    stop::point("matched");
    drop(matching);
    let writing = progress.phase("Écriture des fichiers");

    // Render everything before writing anything. Each list's rows are
    // freed once its import file is rendered: at a region's scale, rows
    // and rendered files together would be held twice.
    let mut rendered: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    // Each list's users, in one pass (a region has thousands of lists).
    let mut users_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, user) in users.iter().enumerate() {
        users_of.entry(user.list).or_default().push(i);
    }
    for (k, list) in read_lists.into_iter().enumerate() {
        let list_index = lists[k].0;
        let mut updates: Vec<RowUpdate> = vec![RowUpdate::default(); list.rows.len()];
        for &i in users_of.get(&list_index).map_or(&[][..], Vec::as_slice) {
            let (user, result) = (&users[i], &reconciliation.users[i]);
            if let Some(slot) = updates.get_mut(user.row) {
                *slot = row_update(user, result.linked.map(|j| &accounts[j]), config.existing);
            }
        }
        rendered.push((
            outputs[k].clone(),
            pronote_import::render_pronote_import_with(&list, &updates)?,
        ));
    }
    if let Some(path) = &config.ent_import {
        let pairs: Vec<(EntId, PronoteId)> = users
            .iter()
            .zip(&reconciliation.users)
            .filter_map(|(user, result)| {
                Some((accounts[result.linked?].id.clone(), user.id.clone()?))
            })
            .collect();
        rendered.push((path.clone(), ent_import::render_ent_import(&pairs)));
    }
    let inputs = describe_inputs(config, &exports, &users, &plan);
    let existing_line = existing_summary(&reconciliation);
    let mut run_state = RunState::new(inputs, accounts, users, reconciliation, &config.settings);
    run_state.decisions = DecisionsRecord {
        file: (!decisions.is_empty()).then(|| config.decisions.path.clone()),
        applied: resolved.applied,
        problems: resolved.problems,
    };

    stop::point("rendered");
    if let Some(dir) = &config.output_dir {
        // The import files hold names: a new folder for them is private.
        // Its warning, if any, is printed with the spinner out of the way.
        writing.suspend(|| ensure_private_dir(dir))?;
    }
    write_all_atomic(&rendered, config.force, || stop::point("written"))?;
    stop::point("before-state");
    state::save(&config.state_dir, &run_state)?;
    drop(writing);
    // Only now that every output is on disk (seeds: delete the export).
    let removed = if config.remove_export {
        remove_exports(&exports)?
    } else {
        Vec::new()
    };

    let summary = summary::summarize(&run_state, None);
    let written: Vec<PathBuf> = rendered.iter().map(|(path, _)| path.clone()).collect();
    if config.verbosity != Verbosity::Quiet {
        for problem in &run_state.decisions.problems {
            eprintln!("attention : décision sans effet : {problem}");
        }
    }
    if config.json {
        let run = json::MatchOutcome {
            written: &written,
            state_file: &state::state_path(&config.state_dir),
            removed: &removed,
            reminder: BACKUP_REMINDER,
        };
        print!(
            "{}",
            String::from_utf8_lossy(&json::render_match(&summary, &run_state.thresholds, &run))
        );
    } else if config.verbosity != Verbosity::Quiet {
        print!("{}", table::summary(&summary, table::Layout::for_stdout()));
        print!("{}", table::establishments(&run_state.inputs));
        if left_out > 0 {
            println!(
                "{left_out} comptes ENT d'autres établissements (ou sans établissement) laissés de côté."
            );
        }
        if let Some(line) = run_state.decisions.summary_line() {
            println!("{line}");
        }
        if let Some(line) = existing_line {
            println!("{line}");
        }
        for path in &written {
            println!("Écrit : {}", path.display());
        }
        let state_option = if config.state_dir == Path::new(".rapproche") {
            String::new()
        } else {
            format!(" --state-dir {}", config.state_dir.display())
        };
        println!(
            "Résultat gardé dans « {} » (données personnelles). Détail : rapproche report --unmatched{state_option}",
            config.state_dir.display()
        );
        for path in &removed {
            println!("Export supprimé : {}", path.display());
        }
        println!("{BACKUP_REMINDER}");
    }
    // Freeing a region's millions of records and candidates takes about a
    // second; the process ends right after, so a thread does it meanwhile.
    std::thread::spawn(move || drop((run_state, rendered, plan, users_of, constraints)));
    let total = summary.total;
    let too_many_wrong = too_many_wrong(&summary, config.max_estimated_wrong);
    if let Some(message) = &too_many_wrong {
        if config.verbosity != Verbosity::Quiet {
            eprintln!("{message}");
        }
    }
    Ok(
        if total.review == 0 && total.unmatched_pronote == 0 && too_many_wrong.is_none() {
            ExitStatus::Success
        } else {
            ExitStatus::LeftToReview
        },
    )
}

/// Why the run must end « left to review » under `--max-estimated-wrong`:
/// the estimated wrong links exceed the limit.
fn too_many_wrong(summary: &summary::Summary, limit: Option<f64>) -> Option<String> {
    let limit = limit?;
    let estimated = summary.total_estimates?.wrong_links.value;
    (estimated > limit).then(|| {
        format!(
            "attention : {} liens faux estimés, au-delà de la limite --max-estimated-wrong {} : \
             vérifiez les liens approchés (rapproche report --status approche) avant d'importer.",
            score_text(estimated),
            score_text(limit)
        )
    })
}

/// Deletes each export once: a file given twice (under two names) is one
/// file, recognised while both names still lead to it.
fn remove_exports(exports: &[ExportFile]) -> Result<Vec<PathBuf>> {
    let mut unique: Vec<(&PathBuf, Option<PathBuf>)> = Vec::new();
    for export in exports {
        let real = export.path.canonicalize().ok();
        if !unique
            .iter()
            .any(|(path, r)| *path == &export.path || (real.is_some() && *r == real))
        {
            unique.push((&export.path, real));
        }
    }
    let mut removed = Vec::new();
    for (path, _) in unique {
        std::fs::remove_file(path).map_err(|e| Error::RemoveExport {
            path: path.clone(),
            reason: crate::error::io_reason(&e),
        })?;
        removed.push(path.clone());
    }
    Ok(removed)
}

/// The warning for ENT accounts whose profile maps to no population (issue
/// 4: reported, never dropped), naming their profile codes and categories
/// so that the administrator can map them in `[profiles]`.
fn without_population(accounts: &[EntAccount]) -> Option<String> {
    let lost: Vec<&EntAccount> = accounts
        .iter()
        .filter(|a| a.populations.is_empty())
        .collect();
    if lost.is_empty() {
        return None;
    }
    let mut codes: Vec<String> = lost
        .iter()
        .flat_map(|a| a.profiles.iter().map(|p| p.trim().to_string()))
        .chain(lost.iter().filter_map(|a| match &a.category {
            Some(EntCategory::Other(name)) => Some(format!("categoriePersonne {name}")),
            _ => None,
        }))
        .filter(|c| !c.is_empty())
        .collect();
    codes.sort();
    codes.dedup();
    let what = match lost.len() {
        1 => "1 compte ENT n'a".to_string(),
        n => format!("{n} comptes ENT n'ont"),
    };
    let codes = if codes.is_empty() {
        "ni profil ni catégorie".to_string()
    } else {
        format!("profils inconnus : {}", codes.join(", "))
    };
    Some(format!(
        "{what} aucune population Pronote ({codes}) : comptés « (sans population) », non \
         rapprochés. Pour les rapprocher, associez ces profils à une population dans la \
         table [profiles] de rapproche.toml."
    ))
}

/// The cells of one row of the import file: `Identifiant ENT` is the run's
/// link, and an identifier the run does not link is cleared (stale, in
/// conflict, not confirmed, or reset); `Identifiant CAS` is kept only when
/// it is the linked account's login (see `existing`).
fn row_update(
    user: &PronoteUser,
    linked: Option<&crate::model::EntAccount>,
    policy: ExistingPolicy,
) -> RowUpdate {
    let ent_id = match linked {
        Some(account) => CellUpdate::Set(account.id.0.to_string()),
        None if user.existing_ent_id.is_some() => CellUpdate::Clear,
        None => CellUpdate::Keep,
    };
    let cas_id = match (&user.cas_id, existing::kept_cas_login(user, linked, policy)) {
        (Some(_), None) => CellUpdate::Clear,
        _ => CellUpdate::Keep,
    };
    RowUpdate { ent_id, cas_id }
}

/// « Identifiants déjà présents : 40 confirmés, 3 périmés... », when the
/// lists carried any.
fn existing_summary(reconciliation: &Reconciliation) -> Option<String> {
    let mut counts = [0usize; 5];
    let states = [
        ExistingState::Confirmed,
        ExistingState::Unconfirmed,
        ExistingState::Stale,
        ExistingState::Conflict,
        ExistingState::Cleared,
    ];
    for check in reconciliation
        .users
        .iter()
        .filter_map(|u| u.existing.as_ref())
    {
        if let Some(k) = states.iter().position(|s| *s == check.state) {
            counts[k] += 1;
        }
    }
    if counts.iter().all(|&c| c == 0) {
        return None;
    }
    let parts: Vec<String> = states
        .iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(s, c)| match (c, s) {
            (1, _) | (_, ExistingState::Conflict) => format!("{c} {}", s.label()),
            _ => format!("{c} {}s", s.label()),
        })
        .collect();
    let detail = if counts[1] + counts[2] + counts[3] > 0 {
        " Détail : rapproche report --stale-ids"
    } else {
        ""
    };
    Some(format!(
        "Identifiants déjà présents dans les listes : {}.{detail}",
        parts.join(", ")
    ))
}

/// Asks a passphrase on the terminal with the progress spinner out of the way.
struct SuspendingPrompt<'a>(&'a Phase);

impl PassphrasePrompt for SuspendingPrompt<'_> {
    fn passphrase(&mut self, path: &Path) -> Result<SecretString> {
        self.0.suspend(|| TerminalPrompt.passphrase(path))
    }
}

/// A Pronote list among the inputs: its position in the inputs, its path.
type ListInput = (usize, PathBuf);

/// Sorts the inputs into ENT exports and Pronote lists, by content.
fn recognise_inputs(inputs: &[PathBuf]) -> Result<(Vec<ExportFile>, Vec<ListInput>)> {
    let mut exports = Vec::new();
    let mut lists = Vec::new();
    for (index, path) in inputs.iter().enumerate() {
        match sniff(path)? {
            InputKind::PronoteList => lists.push((index, path.clone())),
            kind => exports.push(ExportFile {
                path: path.clone(),
                kind,
                file_index: index,
            }),
        }
    }
    if exports.is_empty() {
        return Err(Error::NoExport);
    }
    if lists.is_empty() {
        return Err(Error::NoPronoteList);
    }
    Ok((exports, lists))
}

/// The import file of each list: `-o` (one list), `--output-dir`, or
/// `<stem>.rapproche.csv` beside the list. Checked against the inputs and
/// against existing files before any work.
fn plan_outputs(config: &MatchConfig, lists: &[ListInput]) -> Result<Vec<PathBuf>> {
    if config.output.is_some() && lists.len() > 1 {
        return Err(Error::Usage(format!(
            "-o ne convient qu'à une seule liste, et {} listes sont données.\nUtilisez --output-dir DOSSIER pour écrire un fichier d'import par liste.",
            lists.len()
        )));
    }
    let outputs: Vec<PathBuf> = lists
        .iter()
        .map(|(_, path)| match (&config.output, &config.output_dir) {
            (Some(output), _) => output.clone(),
            (None, Some(dir)) => dir.join(import_name_in_dir(path, lists)),
            (None, None) => path.with_file_name(import_name(path)),
        })
        .collect();
    let mut all: Vec<&PathBuf> = outputs.iter().collect();
    all.extend(config.ent_import.iter());
    // Each path resolved once (thousands of lists in a region).
    let inputs: HashSet<PathBuf> = config.inputs.iter().map(|p| file_key(p)).collect();
    let mut earlier: HashSet<PathBuf> = HashSet::new();
    for output in &all {
        let key = file_key(output);
        if inputs.contains(&key) {
            return Err(Error::SameInputAndOutput {
                path: (*output).clone(),
            });
        }
        if !earlier.insert(key) {
            return Err(Error::Usage(format!(
                "deux sorties porteraient le même nom « {} ».\nDonnez aux listes des noms différents, ou choisissez --output-dir.",
                output.display()
            )));
        }
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            let created_by_us = config.output_dir.as_deref() == Some(parent);
            if !parent.is_dir() && !created_by_us {
                return Err(Error::Write {
                    path: (*output).clone(),
                    reason: "le dossier n'existe pas".to_string(),
                });
            }
        }
        if !config.force && output.exists() {
            return Err(Error::OutputExists {
                path: (*output).clone(),
            });
        }
    }
    if config.state_dir.exists() && !config.state_dir.is_dir() {
        return Err(Error::Write {
            path: config.state_dir.clone(),
            reason: "ce chemin existe et n'est pas un dossier".to_string(),
        });
    }
    Ok(outputs)
}

/// The import file's name in `--output-dir`: `eleves.rapproche.csv`, or,
/// when lists of several folders share that name (a region: one folder per
/// establishment), `0130001A-eleves.rapproche.csv` after the list's folder.
fn import_name_in_dir(list: &Path, lists: &[ListInput]) -> String {
    let name = import_name(list);
    let shared = lists
        .iter()
        .filter(|(_, other)| other.file_name() == list.file_name())
        .nth(1)
        .is_some();
    match list.parent().and_then(Path::file_name) {
        Some(folder) if shared => format!("{}-{name}", folder.to_string_lossy()),
        _ => name,
    }
}

/// `eleves.csv` → `eleves.rapproche.csv`.
fn import_name(list: &Path) -> String {
    let stem = list
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{stem}.rapproche.csv")
}

/// What names a file: its canonical path when it exists, else the absolute
/// path it would be created at. Two paths with the same key name the same
/// file (or would, once created).
fn file_key(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

fn describe_inputs(
    config: &MatchConfig,
    exports: &[ExportFile],
    users: &[PronoteUser],
    plan: &Plan,
) -> Vec<InputFile> {
    // The populations of each list, in one pass over the users (a region
    // gives thousands of lists).
    let mut populations_of: HashMap<usize, BTreeSet<Population>> = HashMap::new();
    for user in users {
        populations_of
            .entry(user.list)
            .or_default()
            .insert(user.population);
    }
    config
        .inputs
        .iter()
        .enumerate()
        .map(|(index, path)| {
            let is_export = exports.iter().any(|e| e.file_index == index);
            let populations: Vec<Population> = if is_export {
                vec![]
            } else {
                populations_of
                    .get(&index)
                    .map(|p| p.iter().copied().collect())
                    .unwrap_or_default()
            };
            InputFile {
                path: path.clone(),
                kind: if is_export {
                    state::InputKind::EntExport
                } else {
                    state::InputKind::PronoteList
                },
                populations,
                establishment: plan.lists.get(&index).cloned().flatten(),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::model::Personal;

    fn user(ent: Option<&str>, cas: Option<&str>) -> PronoteUser {
        PronoteUser {
            list: 0,
            row: 0,
            line: 2,
            population: Population::Eleves,
            id: None,
            last_name: Personal::new("X"),
            given_names: Personal::new("Y"),
            birth_date: Default::default(),
            class: None,
            postal_code: None,
            civility: None,
            children: vec![],
            existing_ent_id: ent.map(|e| EntId(e.into())),
            cas_id: cas.map(Into::into),
        }
    }

    fn account(profiles: &[&str], category: Option<EntCategory>, mapped: bool) -> EntAccount {
        EntAccount {
            profiles: profiles
                .iter()
                .map(|p| crate::model::Text::from(*p))
                .collect(),
            category,
            populations: if mapped {
                vec![Population::Eleves]
            } else {
                vec![]
            },
            ..EntAccount::default()
        }
    }

    #[test]
    fn accounts_without_population_are_reported() {
        let cases = [
            (
                "all mapped",
                vec![account(&["National_1"], None, true)],
                None,
            ),
            (
                "one local profile",
                vec![
                    account(&["National_1"], None, true),
                    account(&["ENT_X"], None, false),
                ],
                Some("1 compte ENT n'a aucune population Pronote (profils inconnus : ENT_X)"),
            ),
            (
                "codes and categories, once each",
                vec![
                    account(&["ENT_Y", "ENT_X"], None, false),
                    account(&["ENT_X"], Some(EntCategory::Other("Autre".into())), false),
                ],
                Some(
                    "2 comptes ENT n'ont aucune population Pronote (profils inconnus : ENT_X, ENT_Y, categoriePersonne Autre)",
                ),
            ),
            (
                "nothing at all",
                vec![account(&[], None, false)],
                Some("1 compte ENT n'a aucune population Pronote (ni profil ni catégorie)"),
            ),
        ];
        for (name, accounts, expected) in cases {
            let warning = without_population(&accounts);
            match (warning, expected) {
                (None, None) => {}
                (Some(w), Some(e)) => {
                    assert!(w.starts_with(e), "{name}: {w}");
                    assert!(w.ends_with("table [profiles] de rapproche.toml."), "{name}");
                }
                (w, e) => panic!("{name}: {w:?} / {e:?}"),
            }
        }
    }

    #[test]
    fn the_import_file_carries_the_runs_links_only() {
        let account = EntAccount {
            id: EntId("e-1".into()),
            login: Some("lea.dupont".into()),
            ..EntAccount::default()
        };
        let set = |id: &str| CellUpdate::Set(id.to_string());
        let cases = [
            (
                "new link",
                user(None, None),
                Some(&account),
                ExistingPolicy::Verify,
                set("e-1"),
                CellUpdate::Keep,
            ),
            (
                "same id again",
                user(Some("e-1"), Some("lea.dupont")),
                Some(&account),
                ExistingPolicy::Verify,
                set("e-1"),
                CellUpdate::Keep,
            ),
            (
                "replaced id, stale login",
                user(Some("e-0"), Some("lea.old")),
                Some(&account),
                ExistingPolicy::Verify,
                set("e-1"),
                CellUpdate::Clear,
            ),
            (
                "not linked: old id cleared",
                user(Some("e-0"), None),
                None,
                ExistingPolicy::Keep,
                CellUpdate::Clear,
                CellUpdate::Keep,
            ),
            (
                "not linked, nothing there",
                user(None, Some("x")),
                None,
                ExistingPolicy::Verify,
                CellUpdate::Keep,
                CellUpdate::Clear,
            ),
            (
                "reset clears the login",
                user(Some("e-1"), Some("lea.dupont")),
                Some(&account),
                ExistingPolicy::Reset,
                set("e-1"),
                CellUpdate::Clear,
            ),
        ];
        for (name, user, linked, policy, ent, cas) in cases {
            let update = row_update(&user, linked, policy);
            assert_eq!(
                update,
                RowUpdate {
                    ent_id: ent,
                    cas_id: cas
                },
                "{name}"
            );
        }
    }
}
