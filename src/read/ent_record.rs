//! One ENT account as the XML reader collects it (`Record`), and its
//! translation into an [`EntAccount`] following FORMATS.md §1: which
//! attribute fills which field, `$` relation values, `UAI$class` classes,
//! empty values as absent, populations from profiles or category.
//!
//! In: the attribute values of one `addRequest`, keyed by lower-cased
//! name. Out: an `EntAccount`, or `BadRecord` when it has no id or an id
//! that `ids::check_ent_id` refuses (the reader then leaves it out).

use crate::error::{Error, Result};
use crate::model::{DateField, EntAccount, EntCategory, EntId, Personal, SourceRef, Text};
use crate::normalize::date::parse_date;
use crate::read::ids::check_ent_id;
use crate::read::profiles::ProfileMapping;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// An `addRequest` being read.
pub(crate) struct Record {
    /// 1-based rank in the file.
    pub(crate) number: usize,
    pub(crate) line: u64,
    pub(crate) offset: u64,
    pub(crate) id: Option<String>,
    /// Attribute name (lower case) → non-empty values.
    pub(crate) attrs: HashMap<String, Vec<String>>,
    /// The `attr` being read: its name and values so far.
    pub(crate) attr: Option<(String, Vec<String>)>,
    /// The text of the `value` or `id` being read.
    pub(crate) text: Option<String>,
}

impl Record {
    pub(crate) fn new(number: usize, line: u64, offset: u64) -> Self {
        Record {
            number,
            line,
            offset,
            id: None,
            attrs: HashMap::new(),
            attr: None,
            text: None,
        }
    }

    fn first(&self, name: &str) -> Option<Text> {
        self.attrs
            .get(name)
            .and_then(|v| v.first())
            .map(|v| Text::from(v.as_str()))
    }

    fn all(&self, name: &str) -> &[String] {
        self.attrs.get(name).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn into_account(
        self,
        path: &Path,
        file_index: usize,
        profiles: &ProfileMapping,
    ) -> Result<EntAccount> {
        let bad = |reason: String| Error::BadRecord {
            path: path.to_path_buf(),
            record: self.number,
            line: self.line,
            reason,
        };
        let Some(id) = self.id.as_deref().map(Text::from) else {
            return Err(bad(
                "pas d'identifiant ENT (élément identifier/id absent ou vide)".into(),
            ));
        };
        // The id goes into CSV files read by Pronote and the ENT (issue 7).
        check_ent_id(&id).map_err(bad)?;
        let category = self.first("categoriepersonne").map(|c| category(&c));
        let teaches = self.first("perseducnatpresencedevanteleves").and_then(|v| {
            match v.to_uppercase().as_str() {
                "O" | "OUI" => Some(true),
                "N" | "NON" => Some(false),
                _ => None,
            }
        });
        let profile_codes: Vec<Text> = self
            .all("entpersonprofils")
            .iter()
            .map(|p| Text::from(p.as_str()))
            .collect();
        let populations = profiles.populations_for(&profile_codes, category.as_ref(), teaches);
        // FORMATS.md §1: relation values are `id$relation$flags...`.
        let relatives = unique(
            self.all("entelevepersreleleve")
                .iter()
                .chain(self.all("entauxpersreleleveeleve"))
                .filter_map(|v| non_empty_str(v.split('$').next().unwrap_or_default())),
        )
        .into_iter()
        .map(EntId)
        .collect();
        // `UAI$class`: the class is after the `$`.
        let classes = unique(
            self.all("enteleveclasses")
                .iter()
                .filter_map(|v| non_empty_str(v.split_once('$').map_or(v.as_str(), |(_, c)| c))),
        );
        let personal = |name: &str| self.first(name).map(Personal::new);
        Ok(EntAccount {
            id: EntId(id),
            login: self.first("entpersonlogin"),
            category,
            profiles: profile_codes,
            populations,
            last_name: personal("sn").unwrap_or_default(),
            birth_name: personal("entpersonnompatro"),
            given_name: personal("givenname").unwrap_or_default(),
            other_given_names: self
                .all("entpersonautresprenoms")
                .iter()
                .map(|v| Personal::new(v.as_str()))
                .collect(),
            birth_date: self
                .first("entpersondatenaissance")
                .map_or(DateField::Absent, |d| parse_date(&d)),
            postal_code: self.first("entpersoncodepostal"),
            establishments: unique(
                self.all("entpersonstructrattach")
                    .iter()
                    .map(String::as_str),
            ),
            classes,
            relatives,
            title: self.first("personaltitle"),
            teaches,
            source: SourceRef {
                file: file_index,
                line: self.line,
            },
        })
    }
}

fn category(value: &str) -> EntCategory {
    match value.to_lowercase().as_str() {
        "eleve" => EntCategory::Eleve,
        "persreleleve" => EntCategory::PersRelEleve,
        "perseducnat" => EntCategory::PersEducNat,
        _ => EntCategory::Other(value.to_string()),
    }
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Keeps the first of each value, in order, in a vector of that length
/// (kept for each of a region's million accounts).
fn unique<'a>(values: impl Iterator<Item = &'a str>) -> Vec<Text> {
    let mut seen = HashSet::new();
    let mut kept: Vec<Text> = values.filter(|v| seen.insert(*v)).map(Text::from).collect();
    kept.shrink_to_fit();
    kept
}

fn non_empty_str(value: &str) -> Option<&str> {
    let value = value.trim();
    (!value.is_empty()).then_some(value)
}

/// Empty values (`<value/>`, blanks) are the same as absent ones.
pub(crate) fn push_value(values: &mut Vec<String>, text: String) {
    if let Some(value) = non_empty(&text) {
        values.push(value);
    }
}
