//! The configuration file, `rapproche.toml`: where it is found and what it
//! says. In: the file's text (parsing is a pure function, so that tests and
//! a fuzz target can call it on any text). Out: `FileSettings`, every value
//! optional, which `config` merges under the command line and the
//! environment (flags > `RAPPROCHE_*` > file > defaults).
//!
//! Keys are the long options' names with `_` for `-` (`state_dir`,
//! `accept`), plus the `[labels]` and `[profiles]` tables. An unknown key or
//! a bad value is an error naming the file, the line and the key: a typo in
//! a yearly unattended run must not silently fall back to a default.

use crate::error::{Error, Result};
use crate::model::Population;
use crate::read::labels::{Column, Labels};
use crate::read::profiles::ProfileMapping;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The file looked for in the working directory when neither `--config`
/// nor `RAPPROCHE_CONFIG` names one.
pub const DEFAULT_FILE: &str = "rapproche.toml";

pub use crate::existing::ExistingPolicy;

/// Everything a configuration file may set; `None` (or empty) when the file
/// does not say. Relative paths are already resolved against the file's
/// folder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileSettings {
    /// The file these settings come from.
    pub path: PathBuf,
    pub state_dir: Option<PathBuf>,
    pub identities: Option<Vec<PathBuf>>,
    pub output_dir: Option<PathBuf>,
    pub ent_import: Option<PathBuf>,
    pub decisions: Option<PathBuf>,
    pub accept: Option<f64>,
    pub margin: Option<f64>,
    pub review_floor: Option<f64>,
    pub quiet: Option<bool>,
    pub verbose: Option<bool>,
    pub force: Option<bool>,
    pub remove_export: Option<bool>,
    pub existing: Option<ExistingPolicy>,
    pub uai: Option<String>,
    pub max_estimated_wrong: Option<f64>,
    /// Extra header labels, added to the built-in ones.
    pub labels: Labels,
    /// The profile table: the national codes changed by `[profiles]`.
    pub profiles: ProfileMapping,
}

/// The top-level keys of the file (`labels` and `profiles` are tables), as
/// the error for an unknown key lists them and the man page documents them.
pub const KEYS: [&str; 17] = [
    "state_dir",
    "identity",
    "output_dir",
    "ent_import",
    "decisions",
    "accept",
    "margin",
    "review_floor",
    "quiet",
    "verbose",
    "force",
    "remove_export",
    "existing",
    "uai",
    "max_estimated_wrong",
    "labels",
    "profiles",
];

/// The `[labels]` keys and the column each one names.
pub const LABEL_KEYS: [(&str, Column); 11] = [
    ("nom", Column::LastName),
    ("prenom", Column::GivenNames),
    ("date_naissance", Column::BirthDate),
    ("classe", Column::Class),
    ("code_postal", Column::PostalCode),
    ("civilite", Column::Civility),
    ("population", Column::Population),
    ("eleves", Column::Children),
    ("identifiant_pronote", Column::PronoteId),
    ("identifiant_ent", Column::EntId),
    ("identifiant_cas", Column::CasId),
];

/// The `[profiles]` value that takes a code out of the table.
const NO_POPULATION: &str = "aucune";

/// The configuration file to read: `--config`, else `RAPPROCHE_CONFIG`,
/// else `./rapproche.toml` when it exists, else none. A file named by the
/// option or the variable must exist (`load` says so).
pub fn locate(flag: Option<&Path>, env: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    if let Some(path) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Some(path);
    }
    let default = PathBuf::from(DEFAULT_FILE);
    default.is_file().then_some(default)
}

/// Reads and parses the configuration file at `path`.
pub fn load(path: &Path) -> Result<FileSettings> {
    let unreadable = |reason: String| Error::ConfigUnreadable {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| unreadable(crate::error::io_reason(&e)))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| unreadable("le fichier n'est pas en UTF-8".to_string()))?;
    parse(&text, path)
}

/// Parses the text of a configuration file; `path` names it in errors and
/// anchors its relative paths.
pub fn parse(text: &str, path: &Path) -> Result<FileSettings> {
    let table = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let (line, column) = position(text, span.start);
        Error::ConfigSyntax {
            path: path.to_path_buf(),
            line,
            column,
        }
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    let parser = Parser { text, path, base };
    // The default profile table holds the national codes.
    let mut settings = FileSettings {
        path: path.to_path_buf(),
        ..FileSettings::default()
    };
    for (key, value) in table.get_ref() {
        let name = key.get_ref().as_ref();
        let at = Entry {
            key: name,
            value,
            key_span: key.span(),
        };
        match name {
            "state_dir" => settings.state_dir = Some(parser.path(&at)?),
            "identity" => settings.identities = Some(parser.paths(&at)?),
            "output_dir" => settings.output_dir = Some(parser.path(&at)?),
            "ent_import" => settings.ent_import = Some(parser.path(&at)?),
            "decisions" => settings.decisions = Some(parser.path(&at)?),
            "accept" => settings.accept = Some(parser.number(&at)?),
            "margin" => settings.margin = Some(parser.number(&at)?),
            "review_floor" => settings.review_floor = Some(parser.number(&at)?),
            "quiet" => settings.quiet = Some(parser.boolean(&at)?),
            "verbose" => settings.verbose = Some(parser.boolean(&at)?),
            "force" => settings.force = Some(parser.boolean(&at)?),
            "remove_export" => settings.remove_export = Some(parser.boolean(&at)?),
            "existing" => {
                let text = parser.string(&at)?;
                settings.existing = Some(ExistingPolicy::from_name(&text).ok_or_else(|| {
                    parser.bad(
                        &at,
                        format!("politique inconnue « {text} » (valeurs possibles : keep, verify, reset)"),
                    )
                })?);
            }
            "uai" => settings.uai = Some(parser.uai(&at)?),
            "max_estimated_wrong" => {
                let value = parser.number(&at)?;
                if value < 0.0 {
                    return Err(
                        parser.bad(&at, "valeur attendue : un nombre positif ou nul".into())
                    );
                }
                settings.max_estimated_wrong = Some(value);
            }
            "labels" => parser.labels(&at, &mut settings.labels)?,
            "profiles" => parser.profiles(&at, &mut settings.profiles)?,
            _ => {
                return Err(parser.bad(
                    &at,
                    format!("clé inconnue.\nClés possibles : {}.", KEYS.join(", ")),
                ));
            }
        }
    }
    if settings.quiet == Some(true) && settings.verbose == Some(true) {
        return Err(Error::BadConfig {
            path: path.to_path_buf(),
            line: 1,
            key: "quiet".into(),
            reason: "quiet et verbose ne peuvent pas être vrais tous les deux".into(),
        });
    }
    Ok(settings)
}

/// One key and its value, with the key's position.
struct Entry<'a, 'i> {
    key: &'a str,
    value: &'a Spanned<DeValue<'i>>,
    key_span: Range<usize>,
}

struct Parser<'a> {
    text: &'a str,
    path: &'a Path,
    base: &'a Path,
}

impl Parser<'_> {
    /// The error for a bad value, at the key's line.
    fn bad(&self, at: &Entry, reason: String) -> Error {
        let span = if at.key_span.is_empty() {
            at.value.span()
        } else {
            at.key_span.clone()
        };
        Error::BadConfig {
            path: self.path.to_path_buf(),
            line: position(self.text, span.start).0,
            key: at.key.to_string(),
            reason,
        }
    }

    fn expected(&self, at: &Entry, what: &str) -> Error {
        let found = match at.value.get_ref() {
            DeValue::String(_) => "un texte",
            DeValue::Integer(_) | DeValue::Float(_) => "un nombre",
            DeValue::Boolean(_) => "un booléen",
            DeValue::Datetime(_) => "une date",
            DeValue::Array(_) => "une liste",
            DeValue::Table(_) => "une table",
        };
        self.bad(at, format!("valeur attendue : {what}, pas {found}"))
    }

    fn string(&self, at: &Entry) -> Result<String> {
        match at.value.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            _ => Err(self.expected(at, "un texte entre guillemets")),
        }
    }

    fn path(&self, at: &Entry) -> Result<PathBuf> {
        let text = self.string(at)?;
        if text.trim().is_empty() {
            return Err(self.bad(at, "chemin vide".into()));
        }
        Ok(self.base.join(text))
    }

    /// One path or a list of paths.
    fn paths(&self, at: &Entry) -> Result<Vec<PathBuf>> {
        let DeValue::Array(items) = at.value.get_ref() else {
            return Ok(vec![self.path(at)?]);
        };
        items
            .iter()
            .map(|item| {
                self.path(&Entry {
                    key: at.key,
                    value: item,
                    key_span: at.key_span.clone(),
                })
            })
            .collect()
    }

    fn number(&self, at: &Entry) -> Result<f64> {
        let value = match at.value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|v| v as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => return Err(self.expected(at, "un nombre")),
        };
        match value {
            Some(v) if v.is_finite() => Ok(v),
            _ => Err(self.bad(at, "valeur attendue : un nombre fini".into())),
        }
    }

    fn boolean(&self, at: &Entry) -> Result<bool> {
        match at.value.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            _ => Err(self.expected(at, "true ou false")),
        }
    }

    /// An establishment code: 7 digits and a letter (`0130001A`).
    fn uai(&self, at: &Entry) -> Result<String> {
        let text = self.string(at)?.trim().to_uppercase();
        let bytes = text.as_bytes();
        let valid = bytes.len() == 8
            && bytes[..7].iter().all(u8::is_ascii_digit)
            && bytes[7].is_ascii_uppercase();
        if valid {
            Ok(text)
        } else {
            Err(self.bad(
                at,
                format!("code UAI invalide « {text} » (7 chiffres et une lettre, comme 0130001A)"),
            ))
        }
    }

    fn table<'t, 'i>(&self, at: &'t Entry<'_, 'i>) -> Result<&'t DeTable<'i>> {
        match at.value.get_ref() {
            DeValue::Table(table) => Ok(table),
            _ => Err(self.expected(at, "une table")),
        }
    }

    /// `[labels]`: `nom = ["Nom de famille"]`, a label or a list of labels
    /// per column.
    fn labels(&self, at: &Entry, labels: &mut Labels) -> Result<()> {
        for (key, value) in self.table(at)? {
            let name = key.get_ref().as_ref();
            let qualified = format!("labels.{name}");
            let entry = Entry {
                key: &qualified,
                value,
                key_span: key.span(),
            };
            let Some(&(_, column)) = LABEL_KEYS.iter().find(|(k, _)| *k == name) else {
                let known: Vec<&str> = LABEL_KEYS.iter().map(|(k, _)| *k).collect();
                return Err(self.bad(
                    &entry,
                    format!(
                        "colonne inconnue.\nColonnes possibles : {}",
                        known.join(", ")
                    ),
                ));
            };
            let texts: Vec<String> = match value.get_ref() {
                DeValue::Array(items) => items
                    .iter()
                    .map(|item| {
                        self.string(&Entry {
                            key: &qualified,
                            value: item,
                            key_span: key.span(),
                        })
                    })
                    .collect::<Result<_>>()?,
                _ => vec![self.string(&entry)?],
            };
            for text in texts {
                labels
                    .add(&text, column)
                    .map_err(|reason| self.bad(&entry, reason))?;
            }
        }
        Ok(())
    }

    /// `[profiles]`: `"ENT_DOC" = "professeurs"`, or `"aucune"` to take a
    /// code out of the table.
    fn profiles(&self, at: &Entry, profiles: &mut ProfileMapping) -> Result<()> {
        for (key, value) in self.table(at)? {
            let code = key.get_ref().as_ref();
            let qualified = format!("profiles.{code}");
            let entry = Entry {
                key: &qualified,
                value,
                key_span: key.span(),
            };
            if code.trim().is_empty() {
                return Err(self.bad(&entry, "code de profil vide".into()));
            }
            let name = self.string(&entry)?;
            let folded = crate::normalize::name::fold(&name).replace(' ', "-");
            if folded == NO_POPULATION {
                profiles.remove(code);
                continue;
            }
            let population = Population::from_cli_name(&folded).ok_or_else(|| {
                self.bad(
                    &entry,
                    format!(
                        "population inconnue « {name} » (valeurs possibles : eleves, responsables, \
                         professeurs, personnels, inspecteurs, {NO_POPULATION})"
                    ),
                )
            })?;
            profiles.insert(code, population);
        }
        Ok(())
    }
}

/// Line and column (from 1) of a byte offset.
fn position(text: &str, offset: usize) -> (u64, u64) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u64
        + 1;
    (line, column)
}

#[cfg(test)]
#[path = "config_file_tests.rs"]
mod tests;
