//! `rapproche review`: walks through the Pronote users the last run left to
//! review or unmatched, shows each as `explain` does (the record, then the
//! ranked candidates with every field's weight and the verdict), and asks
//! what to do. Every answer is saved at once in the decisions file (atomic
//! rewrite), so quitting loses nothing; `match` applies them next time.
//!
//! In: `ReviewConfig`, the last run's result, the decisions file, the
//! answers on standard input (a terminal: refused otherwise). Out: the
//! decisions file, the dialogue on standard output.

use crate::cmd::explain::explain_user;
use crate::config::ReviewConfig;
use crate::decisions::{self, Action, Decision, Decisions};
use crate::error::{Error, ExitStatus, Result};
use crate::outcome::Status;
use crate::state::{self, RunState};
use std::io::{BufRead, IsTerminal, Write};

/// The prompt's list of answers.
const CHOICES: &str = "[o] accepter le candidat 1, [2-9] choisir ce candidat, [r] ou [rN] refuser \
le candidat 1 ou N, [n] pas de compte ENT, [s] passer, [q] quitter";

/// Runs `review`.
pub fn run(config: &ReviewConfig) -> Result<ExitStatus> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::ReviewWithoutTerminal);
    }
    let state = state::load(&config.state_dir)?;
    let mut file = decisions::load(&config.decisions.path, false)?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::stdout().lock();
    review(
        &state,
        config,
        &mut file,
        &mut input,
        &mut output,
        &mut |decisions| decisions::save(&config.decisions.path, decisions),
    )?;
    Ok(ExitStatus::Success)
}

/// The users to review: left to review or unmatched, with a Pronote id,
/// of the population asked for, without a `lier` or `delier` decision yet.
pub fn users_to_review(state: &RunState, config: &ReviewConfig, file: &Decisions) -> Vec<usize> {
    state
        .users
        .iter()
        .zip(&state.reconciliation.users)
        .enumerate()
        .filter(|(_, (user, result))| {
            matches!(result.status, Status::Review | Status::Unmatched)
                && config.population.is_none_or(|p| p == user.population)
                && user.id.as_ref().is_some_and(|id| {
                    !file.iter().any(|d| {
                        &d.pronote == id && matches!(d.action, Action::Link(_) | Action::Unlink)
                    })
                })
        })
        .map(|(i, _)| i)
        .collect()
}

/// The dialogue, on any input and output; `save` is called after each
/// decision. Returns how many decisions were recorded.
pub fn review(
    state: &RunState,
    config: &ReviewConfig,
    file: &mut Decisions,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    save: &mut dyn FnMut(&Decisions) -> Result<()>,
) -> Result<usize> {
    let write_error = |e: std::io::Error| Error::Write {
        path: "<sortie standard>".into(),
        reason: e.to_string(),
    };
    let queue = users_to_review(state, config, file);
    let path = &config.decisions.path;
    if queue.is_empty() {
        writeln!(
            output,
            "Aucun utilisateur à vérifier ou non rapproché sans décision : rien à passer en revue."
        )
        .map_err(write_error)?;
        return Ok(0);
    }
    writeln!(
        output,
        "{} utilisateur(s) à passer en revue. Chaque réponse est enregistrée aussitôt dans « {} ».",
        queue.len(),
        path.display()
    )
    .map_err(write_error)?;
    let mut recorded = 0;
    'users: for (k, &i) in queue.iter().enumerate() {
        let (Some(user), Some(result)) = (state.users.get(i), state.reconciliation.users.get(i))
        else {
            continue;
        };
        let Some(pronote) = user.id.clone() else {
            continue;
        };
        writeln!(output, "\n[{}/{}] {}", k + 1, queue.len(), "—".repeat(30))
            .map_err(write_error)?;
        write!(output, "{}", explain_user(state, i, user)).map_err(write_error)?;
        let candidates: Vec<&crate::model::EntAccount> = result
            .candidates
            .iter()
            .filter_map(|c| state.accounts.get(c.other))
            .collect();
        loop {
            // Candidates the file already rejects are not offered again.
            let offered: Vec<(usize, &crate::model::EntAccount)> = candidates
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    !file
                        .iter()
                        .any(|d| d.pronote == pronote && d.action == Action::Reject(a.id.clone()))
                })
                .map(|(n, a)| (n + 1, *a))
                .collect();
            let numbers: Vec<String> = offered.iter().map(|(n, _)| n.to_string()).collect();
            writeln!(
                output,
                "\nCandidats proposés : {}",
                if numbers.is_empty() {
                    "aucun".to_string()
                } else {
                    numbers.join(", ")
                }
            )
            .map_err(write_error)?;
            write!(output, "{CHOICES}\nVotre choix : ").map_err(write_error)?;
            output.flush().map_err(write_error)?;
            let mut line = String::new();
            let read = input.read_line(&mut line).map_err(|e| Error::Unreadable {
                path: "<entrée standard>".into(),
                reason: e.to_string(),
            })?;
            if read == 0 {
                writeln!(output).map_err(write_error)?;
                break 'users;
            }
            let answer = line.trim().to_lowercase();
            let first = offered.first().map(|(n, _)| *n);
            let chosen = |n: usize| offered.iter().find(|(m, _)| *m == n).map(|(_, a)| *a);
            let action = match answer.as_str() {
                "q" => break 'users,
                "s" => continue 'users,
                "n" => Some(Action::Unlink),
                "o" | "" => first.and_then(chosen).map(|a| Action::Link(a.id.clone())),
                "r" => first.and_then(chosen).map(|a| Action::Reject(a.id.clone())),
                other => match (other.strip_prefix('r'), other.parse::<usize>()) {
                    (Some(n), _) => n
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(chosen)
                        .map(|a| Action::Reject(a.id.clone())),
                    (None, Ok(n)) => chosen(n).map(|a| Action::Link(a.id.clone())),
                    _ => None,
                },
            };
            let Some(action) = action else {
                writeln!(output, "Réponse non comprise (« {} »).", sanitize(&answer))
                    .map_err(write_error)?;
                continue;
            };
            let again = matches!(action, Action::Reject(_));
            let decision = Decision {
                pronote: pronote.clone(),
                action,
                date: Some(decisions::today()),
                comment: Some("rapproche review".to_string()),
            };
            let removed = file.record(decision.clone());
            save(file)?;
            recorded += 1;
            write!(output, "{}", saved_text(&decision, &removed)).map_err(write_error)?;
            if !again {
                continue 'users;
            }
        }
    }
    writeln!(
        output,
        "\n{recorded} décision(s) enregistrée(s) dans « {} ». Relancez « rapproche match » (avec --force) pour les appliquer.",
        path.display()
    )
    .map_err(write_error)?;
    Ok(recorded)
}

fn saved_text(decision: &Decision, removed: &[Decision]) -> String {
    let mut text = format!("Enregistré : {decision}\n");
    for old in removed {
        text.push_str(&format!("Remplace : {old}\n"));
    }
    text
}

fn sanitize(text: &str) -> String {
    crate::sanitize::field(text).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests;
