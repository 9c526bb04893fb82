//! The records the tool reconciles, as read from the inputs and before any
//! normalization: ENT accounts (FORMATS.md §1) and Pronote users (§2).
//!
//! Readers produce these types; the matching stages consume them. Names and
//! other personal values are wrapped in [`Personal`], whose `Debug` is
//! redacted so that a stray `{:?}` cannot leak a child's name into a log.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A value read from an input. Up to 24 bytes (a name, a class, a UAI, a
/// Pronote id) it is stored in place, without an allocation of its own: a
/// region's run holds millions of these values, and an allocation per value
/// cost as much as the records themselves.
pub type Text = compact_str::CompactString;

/// The opaque, unique ENT identifier (`identifier/id`): the value written
/// back into Pronote.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntId(pub Text);

/// Pronote's own key for a user (`Identifiant PRONOTE-ENT`), 16 characters.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PronoteId(pub Text);

impl fmt::Debug for EntId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntId({})", self.0)
    }
}

impl fmt::Debug for PronoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PronoteId({})", self.0)
    }
}

impl fmt::Display for EntId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for PronoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A personal value (name, given names, children's names) whose `Debug`
/// output is redacted. Read it with [`Personal::as_str`] where showing it is
/// intended (reports, `--verbose`).
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Personal(Text);

impl Personal {
    /// Wraps a value read from an input file.
    pub fn new(value: impl Into<Text>) -> Self {
        Personal(value.into())
    }

    /// The value as typed in the input.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the value is empty or only white space.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Personal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Personal(<masqué>)")
    }
}

/// The five Pronote populations (FORMATS.md §1, "Populations").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Population {
    Eleves,
    Responsables,
    Professeurs,
    Personnels,
    Inspecteurs,
}

impl Population {
    /// Every population, in the order reports list them.
    pub const ALL: [Population; 5] = [
        Population::Eleves,
        Population::Responsables,
        Population::Professeurs,
        Population::Personnels,
        Population::Inspecteurs,
    ];

    /// The name used on the command line (`--population eleves`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Population::Eleves => "eleves",
            Population::Responsables => "responsables",
            Population::Professeurs => "professeurs",
            Population::Personnels => "personnels",
            Population::Inspecteurs => "inspecteurs",
        }
    }

    /// The label Pronote shows for the list.
    pub fn label(self) -> &'static str {
        match self {
            Population::Eleves => "Élèves",
            Population::Responsables => "Responsables",
            Population::Professeurs => "Professeurs",
            Population::Personnels => "Personnels",
            Population::Inspecteurs => "Inspecteurs",
        }
    }

    /// Parses a command-line name (`eleves`, `responsables`, ...).
    pub fn from_cli_name(name: &str) -> Option<Population> {
        Population::ALL.into_iter().find(|p| p.cli_name() == name)
    }
}

impl fmt::Display for Population {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.cli_name())
    }
}

/// A valid calendar date, as found in `dd/mm/yyyy` fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BirthDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// A birth-date field: absent, a valid date, or text that is not a date
/// (kept so that the record can go to review with the reason).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateField {
    #[default]
    Absent,
    Valid(BirthDate),
    Invalid(String),
}

impl DateField {
    /// The date when the field holds a valid one.
    pub fn date(&self) -> Option<BirthDate> {
        match self {
            DateField::Valid(d) => Some(*d),
            _ => None,
        }
    }
}

/// The ENT's own category (`categoriePersonne`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntCategory {
    Eleve,
    PersRelEleve,
    PersEducNat,
    Other(String),
}

/// Where a record came from, for messages: the input file's position in the
/// run's list of inputs, and the 1-based line its record starts on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub file: usize,
    pub line: u64,
}

/// One ENT account, one `addRequest` of the export (FORMATS.md §1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EntAccount {
    pub id: EntId,
    /// `ENTPersonLogin`, the CAS identifier.
    pub login: Option<Text>,
    pub category: Option<EntCategory>,
    /// Raw `ENTPersonProfils` values.
    pub profiles: Vec<Text>,
    /// Populations this account may belong to, resolved from the profiles,
    /// else from the category (a `PersEducNat` without profile may be a
    /// teacher or other staff: both are listed). Empty when nothing maps.
    pub populations: Vec<Population>,
    /// `sn`, the usage last name.
    pub last_name: Personal,
    /// `ENTPersonNomPatro`, the birth last name.
    pub birth_name: Option<Personal>,
    /// `givenName`, the first given name.
    pub given_name: Personal,
    /// `ENTPersonAutresPrenoms`, all given names (may repeat the first).
    pub other_given_names: Vec<Personal>,
    pub birth_date: DateField,
    pub postal_code: Option<Text>,
    /// `ENTPersonStructRattach` (UAI codes).
    pub establishments: Vec<Text>,
    /// Class names from `ENTEleveClasses` (the part after `$`).
    pub classes: Vec<Text>,
    /// For a student its parents, for a parent its children (ids only).
    pub relatives: Vec<EntId>,
    /// `personalTitle`: `M.`, `Mme`, `Mlle`.
    pub title: Option<Text>,
    /// `PersEducNatPresenceDevantEleves`: `O` → true, `N` → false.
    pub teaches: Option<bool>,
    pub source: SourceRef,
}

/// One Pronote user, one data row of a Pronote list (FORMATS.md §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PronoteUser {
    /// Index of the list in the run's inputs.
    pub list: usize,
    /// 0-based index of the data row in that list.
    pub row: usize,
    /// 1-based line of the row in the file.
    pub line: u64,
    pub population: Population,
    pub id: Option<PronoteId>,
    pub last_name: Personal,
    /// Given names as typed, space separated.
    pub given_names: Personal,
    pub birth_date: DateField,
    pub class: Option<Text>,
    pub postal_code: Option<Text>,
    pub civility: Option<Text>,
    /// For a parent: the children, `NOM Prénom` each.
    pub children: Vec<Personal>,
    /// `Identifiant ENT` already present (earlier years).
    pub existing_ent_id: Option<EntId>,
    /// `Identifiant CAS` already present (earlier years).
    pub cas_id: Option<Text>,
}
