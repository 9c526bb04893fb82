//! `rapproche explain ID`: why a Pronote user or an ENT account ended up
//! linked, left to review or unmatched. In: `ExplainConfig` (a Pronote id or
//! an ENT id) and the last run's result. Out: on standard output, what is
//! known of the record, its status, then each candidate with every field's
//! comparison and weight, the total score, its calibrated probability
//! (`score::probability`) and the verdict's reason.

use crate::config::ExplainConfig;
use crate::error::{Error, ExitStatus, Result};
use crate::model::{EntAccount, PronoteUser};
use crate::outcome::{Candidate, Status};
use crate::report::{children, date_text, given_names_of, score_text, user_label};
use crate::sanitize;
use crate::state::{self, RunState};
use std::fmt::Write as _;
use std::io::Write as _;

/// Runs `explain`.
pub fn run(config: &ExplainConfig) -> Result<ExitStatus> {
    let state = state::load(&config.state_dir)?;
    let text = render(&state, &config.id)?;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<sortie standard>".into(),
            reason: e.to_string(),
        }),
        _ => Ok(ExitStatus::Success),
    }
}

/// The explanation for every user and account carrying `id`.
pub fn render(state: &RunState, id: &str) -> Result<String> {
    let mut sections = Vec::new();
    for (i, user) in state.users.iter().enumerate() {
        if user.id.as_ref().is_some_and(|u| u.0 == id) {
            sections.push(explain_user(state, i, user));
        }
    }
    for (j, account) in state.accounts.iter().enumerate() {
        if account.id.0 == id {
            sections.push(explain_account(state, j, account));
        }
    }
    if sections.is_empty() {
        return Err(Error::UnknownId {
            id: sanitize::field(id).into_owned(),
        });
    }
    let mut text = sections.join("\n");
    let t = &state.thresholds;
    let _ = writeln!(
        text,
        "\nSeuils de ce rapprochement : score minimal {}, écart minimal {}.",
        score_text(t.accept),
        score_text(t.margin)
    );
    Ok(text)
}

/// What is known of a Pronote user, its status and its candidates (also
/// shown by `review`).
pub(crate) fn explain_user(state: &RunState, i: usize, user: &PronoteUser) -> String {
    let mut out = String::new();
    let file = input_name(state, user.list);
    let _ = writeln!(
        out,
        "Utilisateur Pronote {} ({}, {file}, ligne {})",
        clean(&user_label(state, user)),
        user.population.label(),
        user.line
    );
    field(&mut out, "Nom", user.last_name.as_str());
    field(&mut out, "Prénom(s)", user.given_names.as_str());
    field(&mut out, "Né(e) le", &date_text(&user.birth_date));
    field(
        &mut out,
        "Classe",
        user.class.as_deref().unwrap_or_default(),
    );
    field(
        &mut out,
        "Code postal",
        user.postal_code.as_deref().unwrap_or_default(),
    );
    field(
        &mut out,
        "Civilité",
        user.civility.as_deref().unwrap_or_default(),
    );
    let children: Vec<&str> = user.children.iter().map(|c| c.as_str()).collect();
    field(&mut out, "Enfants", &children.join(", "));
    let earlier = user
        .existing_ent_id
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    field(&mut out, "Identifiant ENT déjà présent", &earlier);
    field(
        &mut out,
        "Identifiant CAS",
        user.cas_id.as_deref().unwrap_or_default(),
    );
    let establishment = state
        .inputs
        .get(user.list)
        .and_then(|f| f.establishment.as_ref())
        .map(|e| e.describe())
        .unwrap_or_default();
    field(&mut out, "Établissement de la liste", &establishment);
    let Some(result) = state.reconciliation.users.get(i) else {
        return out;
    };
    status(&mut out, result.status, &result.notes);
    if let Some(check) = &result.existing {
        let _ = writeln!(
            out,
            "  Identifiant déjà présent : {} — {}",
            check.state.label(),
            clean(&check.reason)
        );
    }
    if let Some(account) = result.linked.and_then(|j| state.accounts.get(j)) {
        let _ = writeln!(
            out,
            "  Rapproché avec : compte ENT {}",
            describe_account(account)
        );
    }
    candidates(
        &mut out,
        &result.candidates,
        "aucun compte ENT de la même population n'est assez proche.",
        |k| {
            state
                .accounts
                .get(k)
                .map(|a| format!("compte ENT {}", describe_account(a)))
        },
        |k| children::evidence_lines(state, i, k),
    );
    out
}

fn explain_account(state: &RunState, j: usize, account: &EntAccount) -> String {
    let mut out = String::new();
    let populations: Vec<&str> = account.populations.iter().map(|p| p.label()).collect();
    let populations = if populations.is_empty() {
        "sans population".to_string()
    } else {
        populations.join(" ou ")
    };
    let line = match account.source.line {
        0 => String::new(),
        n => format!(", ligne {n}"),
    };
    let _ = writeln!(
        out,
        "Compte ENT {} ({populations}, {}{line})",
        clean(&account.id.0),
        input_name(state, account.source.file),
    );
    field(&mut out, "Nom", account.last_name.as_str());
    field(
        &mut out,
        "Nom de naissance",
        account
            .birth_name
            .as_ref()
            .map(|n| n.as_str())
            .unwrap_or_default(),
    );
    field(&mut out, "Prénom(s)", &given_names_of(account));
    field(&mut out, "Né(e) le", &date_text(&account.birth_date));
    field(&mut out, "Classe", &account.classes.join(", "));
    field(
        &mut out,
        "Code postal",
        account.postal_code.as_deref().unwrap_or_default(),
    );
    field(
        &mut out,
        "Civilité",
        account.title.as_deref().unwrap_or_default(),
    );
    field(
        &mut out,
        "Identifiant de connexion",
        account.login.as_deref().unwrap_or_default(),
    );
    field(&mut out, "Profils", &account.profiles.join(", "));
    field(
        &mut out,
        "Établissements",
        &account.establishments.join(", "),
    );
    let Some(result) = state.reconciliation.accounts.get(j) else {
        return out;
    };
    status(&mut out, result.status, &result.notes);
    if let Some(user) = result.linked.and_then(|i| state.users.get(i)) {
        let _ = writeln!(
            out,
            "  Rapproché avec : utilisateur Pronote {}",
            describe_user(state, user)
        );
    }
    candidates(
        &mut out,
        &result.candidates,
        "aucun utilisateur Pronote de la même population n'est assez proche.",
        |k| {
            state
                .users
                .get(k)
                .map(|u| format!("utilisateur Pronote {}", describe_user(state, u)))
        },
        |k| children::evidence_lines(state, k, j),
    );
    out
}

fn status(out: &mut String, status: Status, notes: &[String]) {
    let _ = writeln!(out, "  Statut : {}", status.label());
    for note in notes {
        let _ = writeln!(out, "  Remarque : {}", clean(note));
    }
}

fn candidates(
    out: &mut String,
    candidates: &[Candidate],
    none: &str,
    describe: impl Fn(usize) -> Option<String>,
    children: impl Fn(usize) -> Vec<String>,
) {
    if candidates.is_empty() {
        let _ = writeln!(out, "\nAucun candidat : {none}");
        return;
    }
    for (n, candidate) in candidates.iter().enumerate() {
        let who = describe(candidate.other).unwrap_or_else(|| "?".to_string());
        let _ = writeln!(out, "\nCandidat {} : {who}", n + 1);
        for cmp in candidate.comparisons.iter() {
            let weight = format!("{:+.1}", cmp.weight).replace('.', ",");
            let _ = writeln!(
                out,
                "  {:<12} {:<28} {weight:>6}",
                cmp.field.label(),
                clean(&cmp.level)
            );
        }
        // The score also holds the prior odds of the group's size (see
        // `score`): shown so that the lines add up.
        let prior = candidate.score - candidate.comparisons.iter().map(|c| c.weight).sum::<f64>();
        if prior.abs() >= 0.05 {
            let weight = format!("{prior:+.1}").replace('.', ",");
            let _ = writeln!(out, "  {:<41} {weight:>6}", "A priori (taille du groupe)");
        }
        let _ = writeln!(
            out,
            "  {:<41} {:>6}",
            "Score total",
            score_text(candidate.score)
        );
        if let Some(p) = candidate.probability {
            let _ = writeln!(
                out,
                "  {:<41} {:>6}",
                "Probabilité d'être la même personne",
                percent(p)
            );
        }
        let decision = if candidate.verdict.linked {
            "rapproché"
        } else {
            "non rapproché"
        };
        let _ = writeln!(
            out,
            "  Décision : {decision} — {}",
            clean(&candidate.verdict.reason)
        );
        // Parents: which children tie or set apart the two (issue 4).
        let lines = children(candidate.other);
        if !lines.is_empty() {
            let _ = writeln!(out, "  Enfants :");
            for line in lines {
                let _ = writeln!(out, "    {}", clean(&line));
            }
        }
    }
}

/// A probability as a French percentage: `97,3 %`, and `> 99,9 %` or
/// `< 0,1 %` at the ends (a calibrated probability is never certain).
pub fn percent(p: f64) -> String {
    if p > 0.999 {
        "> 99,9 %".to_string()
    } else if p < 0.001 {
        "< 0,1 %".to_string()
    } else {
        format!("{:.1} %", p * 100.0).replace('.', ",")
    }
}

fn describe_account(account: &EntAccount) -> String {
    let mut parts = vec![format!(
        "{} {}",
        account.last_name.as_str(),
        given_names_of(account)
    )];
    if let Some(date) = account.birth_date.date() {
        parts.push(format!("né(e) le {date}"));
    }
    if !account.classes.is_empty() {
        parts.push(format!("classe {}", account.classes.join(", ")));
    }
    if let Some(cp) = &account.postal_code {
        parts.push(format!("code postal {cp}"));
    }
    clean(&format!("{} : {}", account.id, parts.join(", ")))
}

fn describe_user(state: &RunState, user: &PronoteUser) -> String {
    let mut parts = vec![format!(
        "{} {}",
        user.last_name.as_str(),
        user.given_names.as_str()
    )];
    if let Some(date) = user.birth_date.date() {
        parts.push(format!("né(e) le {date}"));
    }
    if let Some(class) = &user.class {
        parts.push(format!("classe {class}"));
    }
    if let Some(cp) = &user.postal_code {
        parts.push(format!("code postal {cp}"));
    }
    clean(&format!(
        "{} : {}",
        user_label(state, user),
        parts.join(", ")
    ))
}

fn field(out: &mut String, label: &str, value: &str) {
    if !value.trim().is_empty() {
        let _ = writeln!(out, "  {label} : {}", clean(value));
    }
}

fn input_name(state: &RunState, index: usize) -> String {
    state
        .inputs
        .get(index)
        .map_or_else(|| "?".to_string(), |f| clean(&f.path.display().to_string()))
}

fn clean(text: &str) -> String {
    sanitize::field(text).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn user_to_review() {
        insta::assert_snapshot!(render(&fixture::state(), "AAAAAAAAAAAAAAA2").unwrap());
    }

    #[test]
    fn unmatched_user_with_note() {
        insta::assert_snapshot!(render(&fixture::state(), "AAAAAAAAAAAAAAA3").unwrap());
    }

    #[test]
    fn linked_account() {
        insta::assert_snapshot!(render(&fixture::state(), "ent-lea").unwrap());
    }

    #[test]
    fn percentages() {
        let cases = [
            ("certain-looking", 0.99995, "> 99,9 %"),
            ("high", 0.973, "97,3 %"),
            ("even", 0.5, "50,0 %"),
            ("tiny", 0.00002, "< 0,1 %"),
        ];
        for (name, p, expected) in cases {
            assert_eq!(percent(p), expected, "{name}");
        }
    }

    #[test]
    fn unknown_id() {
        match render(&fixture::state(), "nobody\u{1b}") {
            Err(Error::UnknownId { id }) => assert_eq!(id, "nobody\\u{1b}"),
            other => panic!("{other:?}"),
        }
    }
}
