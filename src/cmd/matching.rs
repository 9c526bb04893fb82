//! `rapproche match`: recognises the inputs by their content, reads the ENT
//! exports (decrypted on the fly) and the Pronote lists, reconciles them,
//! then renders every output in memory and only then writes them, each
//! atomically: the Pronote import files, the ENT import file on request,
//! and the run's result for `report` and `explain`.
//!
//! Every output path is checked before any work (same path as an input, an
//! existing file without `--force`), so a mistake costs no decryption.

use crate::config::{MatchConfig, Verbosity};
use crate::engine;
use crate::error::{Error, ExitStatus, Result};
use crate::model::{EntId, PronoteId, PronoteUser};
use crate::output::atomic::{ensure_private_dir, write_atomic};
use crate::output::{ent_import, pronote_import};
use crate::read::decrypt::{TerminalPrompt, load_identities};
use crate::read::ent_xml::{ExportFile, read_exports};
use crate::read::ids::pronote_id_warnings;
use crate::read::profiles::ProfileMapping;
use crate::read::pronote_csv::{PronoteList, read_list};
use crate::read::sniff::{InputKind, sniff};
use crate::report::{summary, table};
use crate::state::{self, InputFile, RunState};
use crate::stop;
use std::path::{Path, PathBuf};

/// Runs `match`.
pub fn run(config: &MatchConfig) -> Result<ExitStatus> {
    let (exports, lists) = recognise_inputs(&config.inputs)?;
    let outputs = plan_outputs(config, &lists)?;

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
    let export = read_exports(
        &exports,
        &identities,
        &mut TerminalPrompt,
        &ProfileMapping::default(),
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
    }
    let mut read_lists: Vec<PronoteList> = Vec::new();
    let mut users: Vec<PronoteUser> = Vec::new();
    for &(index, ref path) in &lists {
        let (list, list_users) = read_list(path, index, config.population)?;
        read_lists.push(list);
        users.extend(list_users);
    }
    let indexes: Vec<usize> = lists.iter().map(|(index, _)| *index).collect();
    if config.verbosity != Verbosity::Quiet {
        for warning in pronote_id_warnings(&read_lists, &indexes, &users) {
            eprintln!("attention : {warning}");
        }
    }
    stop::point("lists-read");
    let accounts = export.accounts;

    let reconciliation = engine::reconcile(&accounts, &users, &config.settings);
    stop::point("matched");

    // Render everything before writing anything.
    let mut rendered: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (k, list) in read_lists.iter().enumerate() {
        let list_index = lists[k].0;
        let mut ent_ids: Vec<Option<EntId>> = vec![None; list.rows.len()];
        for (user, result) in users.iter().zip(&reconciliation.users) {
            if user.list == list_index {
                if let (Some(slot), Some(account)) = (ent_ids.get_mut(user.row), result.linked) {
                    *slot = Some(accounts[account].id.clone());
                }
            }
        }
        rendered.push((
            outputs[k].clone(),
            pronote_import::render_pronote_import(list, &ent_ids)?,
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
    let inputs = describe_inputs(config, &exports, &users);
    let run_state = RunState::new(inputs, accounts, users, reconciliation, &config.settings);

    stop::point("rendered");
    if let Some(dir) = &config.output_dir {
        // The import files hold names: a new folder for them is private.
        ensure_private_dir(dir)?;
    }
    for (path, bytes) in &rendered {
        write_atomic(path, bytes, config.force)?;
        stop::point("written");
    }
    stop::point("before-state");
    state::save(&config.state_dir, &run_state)?;

    let summary = summary::summarize(&run_state, None);
    if config.verbosity != Verbosity::Quiet {
        print!("{}", table::summary(&summary));
        for (path, _) in &rendered {
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
        println!("Avant d'importer dans Pronote, faites une sauvegarde de la base.");
    }
    let total = summary.total;
    Ok(if total.review == 0 && total.unmatched_pronote == 0 {
        ExitStatus::Success
    } else {
        ExitStatus::LeftToReview
    })
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
            (None, Some(dir)) => dir.join(import_name(path)),
            (None, None) => path.with_file_name(import_name(path)),
        })
        .collect();
    let mut all: Vec<&PathBuf> = outputs.iter().collect();
    all.extend(config.ent_import.iter());
    for (n, output) in all.iter().enumerate() {
        if config.inputs.iter().any(|input| same_file(input, output)) {
            return Err(Error::SameInputAndOutput {
                path: (*output).clone(),
            });
        }
        if all[..n].iter().any(|earlier| same_file(earlier, output)) {
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

/// `eleves.csv` → `eleves.rapproche.csv`.
fn import_name(list: &Path) -> String {
    let stem = list
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{stem}.rapproche.csv")
}

/// True when two paths name the same file (or would, once created).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => absolute(a) == absolute(b),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn describe_inputs(
    config: &MatchConfig,
    exports: &[ExportFile],
    users: &[PronoteUser],
) -> Vec<InputFile> {
    config
        .inputs
        .iter()
        .enumerate()
        .map(|(index, path)| {
            let is_export = exports.iter().any(|e| e.file_index == index);
            let mut populations: Vec<_> = if is_export {
                vec![]
            } else {
                users
                    .iter()
                    .filter(|u| u.list == index)
                    .map(|u| u.population)
                    .collect()
            };
            populations.sort();
            populations.dedup();
            InputFile {
                path: path.clone(),
                kind: if is_export {
                    state::InputKind::EntExport
                } else {
                    state::InputKind::PronoteList
                },
                populations,
            }
        })
        .collect()
}
