//! `rapproche link`, `unlink` and `reject`: records one manual decision in
//! the decisions file (atomic rewrite, mode 0600), replacing the older
//! decisions it contradicts, and says which. In: `DecideConfig`. Out: the
//! file, a few French lines on standard output, and warnings on standard
//! error when the last run does not know the ids (a typo, most often).

use crate::config::DecideConfig;
use crate::decisions::{self, Decision};
use crate::error::{Error, ExitStatus, Result};
use crate::state::{self, RunState};

/// Runs `link`, `unlink` or `reject`.
pub fn run(config: &DecideConfig) -> Result<ExitStatus> {
    let path = &config.decisions.path;
    let mut file = decisions::load(path, false)?;
    match state::load(&config.state_dir) {
        Ok(state) => {
            for warning in unknown_ids(&state, &config.decision) {
                eprintln!("attention : {warning}");
            }
        }
        Err(Error::NoState { .. }) => eprintln!(
            "attention : aucun résultat de rapprochement dans « {} » : les identifiants ne sont pas vérifiés.",
            config.state_dir.display()
        ),
        Err(e) => return Err(e),
    }
    let removed = file.record(config.decision.clone());
    decisions::save(path, &file)?;
    print!("{}", recorded_text(&config.decision, &removed, path));
    Ok(ExitStatus::Success)
}

/// What `link` and the others print once the decision is saved.
pub fn recorded_text(decision: &Decision, removed: &[Decision], path: &std::path::Path) -> String {
    let mut text = format!(
        "Décision enregistrée dans « {} » : {decision}\n",
        path.display()
    );
    for old in removed {
        text.push_str(&format!("Remplace : {old}\n"));
    }
    text.push_str("Relancez « rapproche match » pour l'appliquer.\n");
    text
}

/// Warnings for the ids the last run does not know (the decision is
/// recorded all the same: the export or the lists may be newer).
pub fn unknown_ids(state: &RunState, decision: &Decision) -> Vec<String> {
    let mut warnings = Vec::new();
    if !state
        .users
        .iter()
        .any(|u| u.id.as_ref() == Some(&decision.pronote))
    {
        warnings.push(format!(
            "le dernier rapprochement ne connaît pas l'utilisateur Pronote {} (décision enregistrée quand même).",
            decision.pronote
        ));
    }
    if let Some(ent) = decision.ent()
        && !state.accounts.iter().any(|a| &a.id == ent)
    {
        warnings.push(format!(
            "le dernier rapprochement ne connaît pas le compte ENT {ent} (décision enregistrée quand même)."
        ));
    }
    warnings
}
