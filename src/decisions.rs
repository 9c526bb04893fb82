//! The administrator's manual decisions (issue 5, "Manual decisions"): a
//! plain text file kept from year to year, one decision per line, that
//! `match` applies before anything else. It holds identifiers only, never a
//! name, so it is not nominative; it is still written `0600`, atomically.
//!
//! ```text
//! # Décisions manuelles de rapproche
//! lier ABCDEFHJKMNPQRST b7c1e0f2-3a1d-4c55-9f0e-1d2c3b4a5e6f 2026-09-14 # homonyme en 5B
//! delier QJBSEV5YK3U98ZTD 2026-09-14 # pas de compte ENT
//! refuser T9VZQF5JEC74BNPM 2605692
//! ```
//!
//! In: the file's text ([`parse`], pure, so a fuzz target can call it).
//! Out: [`Decisions`], which keeps every line (comments, blank lines, the
//! admin's order) so that [`Decisions::record`] can add a decision and
//! [`Decisions::render`] give back the file with only the superseded lines
//! changed.

use crate::error::{Error, Result};
use crate::model::{EntId, PronoteId};
use crate::output::atomic::write_atomic_ids_only;
use std::fmt;
use std::path::{Path, PathBuf};

/// The default file, in the current directory: visible (not inside the
/// hidden state directory, which `match` rewrites) and next to the lists.
pub const DEFAULT_FILE: &str = "rapproche-decisions.txt";

/// The letters of a Pronote id (FORMATS.md §2, `Identifiant PRONOTE-ENT`).
const PRONOTE_ALPHABET: &str = "ABCDEFHJKMNPQRSTUVWXYZ23456789";

/// Header written at the top of a new file.
const NEW_FILE_HEADER: &str = "\
# Décisions manuelles de rapproche : appliquées par « rapproche match » avant tout le reste.
# Une décision par ligne, identifiants seulement (aucun nom) :
#   lier PRONOTE_ID ENT_ID      toujours rapprocher ces deux comptes
#   delier PRONOTE_ID           ne jamais rapprocher cet utilisateur (pas de compte ENT)
#   refuser PRONOTE_ID ENT_ID   ne jamais rapprocher ces deux comptes
# Une date (AAAA-MM-JJ) et un commentaire après # peuvent suivre. Gardez ce fichier d'une année sur l'autre.
";

/// What a decision says.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// `lier`: always link this user to this account.
    Link(EntId),
    /// `delier`: never link this user (no ENT account, or a wrong link cleared).
    Unlink,
    /// `refuser`: never link this user to this account.
    Reject(EntId),
}

/// One decision about one Pronote user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decision {
    pub pronote: PronoteId,
    pub action: Action,
    /// `AAAA-MM-JJ`, when the line carries one.
    pub date: Option<String>,
    /// The text after `#`, when the line carries one.
    pub comment: Option<String>,
}

impl Decision {
    /// The ENT account the decision names, if any.
    pub fn ent(&self) -> Option<&EntId> {
        match &self.action {
            Action::Link(ent) | Action::Reject(ent) => Some(ent),
            Action::Unlink => None,
        }
    }

    /// The French verb of the line (`lier`, `delier`, `refuser`).
    pub fn verb(&self) -> &'static str {
        match self.action {
            Action::Link(_) => "lier",
            Action::Unlink => "delier",
            Action::Reject(_) => "refuser",
        }
    }

    /// True when `self` and a newer `other` cannot both hold, so that
    /// recording `other` removes `self`: a new link or unlink of the same
    /// user replaces its link or unlink; a link and a rejection of the same
    /// pair contradict; two links to the same ENT account contradict.
    pub fn superseded_by(&self, other: &Decision) -> bool {
        let same_user = self.pronote == other.pronote;
        match (&self.action, &other.action) {
            (Action::Link(_) | Action::Unlink, Action::Link(_) | Action::Unlink) if same_user => {
                true
            }
            (Action::Link(a), Action::Reject(b)) | (Action::Reject(a), Action::Link(b)) => {
                same_user && a == b
            }
            (Action::Reject(a), Action::Reject(b)) => same_user && a == b,
            (Action::Link(a), Action::Link(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Decision {
    /// The line as written in the file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.verb(), self.pronote)?;
        if let Some(ent) = self.ent() {
            write!(f, " {ent}")?;
        }
        if let Some(date) = &self.date {
            write!(f, " {date}")?;
        }
        if let Some(comment) = &self.comment {
            write!(f, " # {comment}")?;
        }
        Ok(())
    }
}

/// One line of the file: kept as typed, with the decision it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Line {
    text: String,
    decision: Option<Decision>,
}

/// The decisions file, every line kept in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    lines: Vec<Line>,
}

/// A line that is not a decision: the 1-based line number and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub reason: String,
}

/// Parses the file's text. Comments (`#` to the end of the line) and blank
/// lines are allowed anywhere.
pub fn parse(text: &str) -> std::result::Result<Decisions, ParseError> {
    let mut lines = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        // `lines` leaves the CR of a last line that ends the file without
        // LF (and all but one of several CRs before an LF); written back,
        // such a line would lose one. Carriage returns end a line here.
        let raw = raw.trim_end_matches('\r');
        let decision = parse_line(raw).map_err(|reason| ParseError {
            line: n + 1,
            reason,
        })?;
        lines.push(Line {
            text: raw.to_string(),
            decision,
        });
    }
    Ok(Decisions { lines })
}

fn parse_line(raw: &str) -> std::result::Result<Option<Decision>, String> {
    let (body, comment) = match raw.split_once('#') {
        Some((body, comment)) => (body, Some(comment.trim())),
        None => (raw, None),
    };
    let words: Vec<&str> = body.split_whitespace().collect();
    let Some((&verb, rest)) = words.split_first() else {
        return Ok(None);
    };
    let wants_ent = match verb.to_lowercase().as_str() {
        "lier" => Some(true),
        "delier" | "délier" => Some(false),
        "refuser" => Some(true),
        _ => None,
    };
    let Some(wants_ent) = wants_ent else {
        return Err(format!(
            "« {verb} » n'est pas une décision (attendu : lier, delier ou refuser)"
        ));
    };
    let expected = if wants_ent {
        "PRONOTE_ID ENT_ID [DATE]"
    } else {
        "PRONOTE_ID [DATE]"
    };
    let ids = if wants_ent { 2 } else { 1 };
    if rest.len() < ids || rest.len() > ids + 1 {
        return Err(format!("« {verb} » attend {expected}"));
    }
    let pronote = pronote_id(rest[0])?;
    let ent = if wants_ent {
        Some(ent_id(rest[1])?)
    } else {
        None
    };
    let date = match rest.get(ids) {
        Some(date) if is_date(date) => Some((*date).to_string()),
        Some(other) => {
            return Err(format!(
                "« {other} » : attendu une date AAAA-MM-JJ ou un commentaire après #"
            ));
        }
        None => None,
    };
    let action = match (verb.to_lowercase().as_str(), ent) {
        ("lier", Some(ent)) => Action::Link(ent),
        ("refuser", Some(ent)) => Action::Reject(ent),
        _ => Action::Unlink,
    };
    Ok(Some(Decision {
        pronote,
        action,
        date,
        comment: comment.filter(|c| !c.is_empty()).map(str::to_string),
    }))
}

/// Checks and normalizes a Pronote id: 16 characters of Pronote's alphabet,
/// upper case. The error is the French reason.
pub fn pronote_id(text: &str) -> std::result::Result<PronoteId, String> {
    let upper = text.trim().to_uppercase();
    if upper.chars().count() == 16 && upper.chars().all(|c| PRONOTE_ALPHABET.contains(c)) {
        Ok(PronoteId(upper.into()))
    } else {
        Err(format!(
            "« {} » n'est pas un identifiant PRONOTE-ENT (16 caractères parmi {PRONOTE_ALPHABET})",
            crate::sanitize::field(text)
        ))
    }
}

/// Checks an ENT id: one word, printable, without `#`.
pub fn ent_id(text: &str) -> std::result::Result<EntId, String> {
    let text = text.trim();
    if !text.is_empty()
        && text.len() <= 200
        && !text.contains('#')
        && text.chars().all(|c| c.is_ascii_graphic())
    {
        Ok(EntId(text.into()))
    } else {
        Err(format!(
            "« {} » n'est pas un identifiant ENT (un mot sans espace ni #)",
            crate::sanitize::field(text)
        ))
    }
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

impl Decisions {
    /// The decisions, in the file's order.
    pub fn iter(&self) -> impl Iterator<Item = &Decision> {
        self.lines.iter().filter_map(|l| l.decision.as_ref())
    }

    /// How many decisions the file holds.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// True when the file holds no decision.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `decision` at the end, after removing the decisions it
    /// supersedes ([`Decision::superseded_by`]), which are returned. The
    /// same decision already present is kept where it is (its date and
    /// comment updated): nothing is duplicated.
    pub fn record(&mut self, decision: Decision) -> Vec<Decision> {
        let mut removed = Vec::new();
        let mut kept_in_place = false;
        self.lines.retain_mut(|line| {
            let Some(old) = &line.decision else {
                return true;
            };
            if old.pronote == decision.pronote && old.action == decision.action && !kept_in_place {
                kept_in_place = true;
                line.text = decision.to_string();
                line.decision = Some(decision.clone());
                return true;
            }
            if old.superseded_by(&decision) {
                removed.push(old.clone());
                return false;
            }
            true
        });
        if !kept_in_place {
            if self.lines.is_empty() {
                self.lines = NEW_FILE_HEADER
                    .lines()
                    .map(|text| Line {
                        text: text.to_string(),
                        decision: None,
                    })
                    .collect();
            }
            self.lines.push(Line {
                text: decision.to_string(),
                decision: Some(decision),
            });
        }
        removed
    }

    /// The file's text: the lines as typed, one per line.
    pub fn render(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            text.push_str(&line.text);
            text.push('\n');
        }
        text
    }
}

/// Reads the decisions file. A missing file is no decision at all when
/// `must_exist` is false (the default path, not yet created).
pub fn load(path: &Path, must_exist: bool) -> Result<Decisions> {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| Error::BadDecisions {
            path: path.to_path_buf(),
            line: 0,
            reason: "le fichier n'est pas en UTF-8".to_string(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
            return Ok(Decisions::default());
        }
        Err(e) => {
            return Err(Error::Unreadable {
                path: path.to_path_buf(),
                reason: crate::error::io_reason(&e),
            });
        }
    };
    parse(&text).map_err(|e| Error::BadDecisions {
        path: path.to_path_buf(),
        line: e.line,
        reason: e.reason,
    })
}

/// Writes the decisions file atomically (mode `0600`).
pub fn save(path: &Path, decisions: &Decisions) -> Result<()> {
    write_atomic_ids_only(path, decisions.render().as_bytes())
}

/// Where the decisions file is: `--decisions`, else the default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionsPath {
    pub path: PathBuf,
    /// True when given explicitly (`--decisions` or `RAPPROCHE_DECISIONS`):
    /// `match` then refuses a missing file, which is likely a typo.
    pub explicit: bool,
}

impl DecisionsPath {
    /// Reads the file (see [`load`]).
    pub fn load(&self) -> Result<Decisions> {
        load(&self.path, self.explicit)
    }
}

/// Today's date, `AAAA-MM-JJ` (UTC), stamped on new decisions.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil-from-days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests;
