//! The Pronote client's column labels (FORMATS.md §2 table), matched
//! loosely: case, accents, spaces and punctuation are ignored, so that
//! `Né(e) le`, `NE E LE` and `né(e) le` are the same label.
//!
//! In: a header cell. Out: the [`Column`] it names, if the tool knows it.
//! Matching is exact equality of folded labels, never a substring test: an
//! unknown label such as `Nom d'usage` must not be taken for `Nom`.
//! [`Labels`] adds the labels of a configuration file's `[labels]` table
//! (a school whose client names a column differently).

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The columns of a Pronote list that the tool reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Column {
    LastName,
    GivenNames,
    BirthDate,
    Class,
    PostalCode,
    Civility,
    Population,
    /// On a parents list: the children (`Élèves` / `Enfants`).
    Children,
    /// `Identifiant PRONOTE-ENT`, the row's identity.
    PronoteId,
    /// `Identifiant ENT`, filled by the tool.
    EntId,
    /// `Identifiant CAS`, kept from earlier years.
    CasId,
}

impl Column {
    /// The label the tool writes when it adds the column.
    pub fn label(self) -> &'static str {
        match self {
            Column::LastName => "Nom",
            Column::GivenNames => "Prénom",
            Column::BirthDate => "Né(e) le",
            Column::Class => "Classe",
            Column::PostalCode => "C.P.",
            Column::Civility => "Civilité",
            Column::Population => "Population",
            Column::Children => "Élèves",
            Column::PronoteId => "Identifiant PRONOTE-ENT",
            Column::EntId => "Identifiant ENT",
            Column::CasId => "Identifiant CAS",
        }
    }
}

/// Known labels, as typed by the Pronote client and its users.
const LABELS: &[(&str, Column)] = &[
    ("Nom", Column::LastName),
    ("Prénom", Column::GivenNames),
    ("Prénoms", Column::GivenNames),
    ("Prénom(s)", Column::GivenNames),
    ("Né(e) le", Column::BirthDate),
    ("Né le", Column::BirthDate),
    ("Date de naissance", Column::BirthDate),
    ("Classe", Column::Class),
    ("C.P.", Column::PostalCode),
    ("Code postal", Column::PostalCode),
    ("Civilité", Column::Civility),
    ("Population", Column::Population),
    ("Profil", Column::Population),
    ("Élèves", Column::Children),
    ("Élève(s)", Column::Children),
    ("Enfants", Column::Children),
    ("Enfant(s)", Column::Children),
    ("Identifiant PRONOTE-ENT", Column::PronoteId),
    ("Identifiant PRONOTE", Column::PronoteId),
    ("Identifiant ENT", Column::EntId),
    ("Identifiant CAS", Column::CasId),
];

/// The column a header label names, or `None` for a column the tool does
/// not know (kept as it is in the output).
pub fn column_for(label: &str) -> Option<Column> {
    let folded = fold_label(label);
    if folded.is_empty() {
        return None;
    }
    LABELS
        .iter()
        .find(|(known, _)| fold_label(known) == folded)
        .map(|&(_, column)| column)
}

/// The known labels plus extra ones from the configuration file. The
/// built-in labels come first and cannot be given to another column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    /// Folded extra label → column, in the order added.
    extra: Vec<(String, Column)>,
}

impl Labels {
    /// Adds an extra label for `column`. The error (French) says why a
    /// label cannot be added: empty once folded, or already naming
    /// another column.
    pub fn add(&mut self, label: &str, column: Column) -> Result<(), String> {
        let folded = fold_label(label);
        if folded.is_empty() {
            return Err(format!("intitulé vide « {label} »"));
        }
        match self.column_for(label) {
            Some(known) if known != column => Err(format!(
                "l'intitulé « {label} » désigne déjà la colonne « {} »",
                known.label()
            )),
            Some(_) => Ok(()),
            None => {
                self.extra.push((folded, column));
                Ok(())
            }
        }
    }

    /// The column a header label names: a built-in label, else an extra one.
    pub fn column_for(&self, label: &str) -> Option<Column> {
        column_for(label).or_else(|| {
            let folded = fold_label(label);
            self.extra
                .iter()
                .find(|(known, _)| *known == folded)
                .map(|&(_, column)| column)
        })
    }
}

/// Folds a label or a short value: accents removed, upper case, only
/// letters and digits kept (`Né(e) le` → `NEELE`).
pub fn fold_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'œ' | 'Œ' => out.push_str("OE"),
            'æ' | 'Æ' => out.push_str("AE"),
            'ß' => out.push_str("SS"),
            c if c.is_alphanumeric() => out.extend(c.to_uppercase()),
            // Combining marks (accents after NFD), spaces, punctuation.
            _ => {}
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_found_in_lists() {
        let cases = [
            ("plain", "Nom", Some(Column::LastName)),
            ("upper", "NOM", Some(Column::LastName)),
            ("padded", "  Nom ", Some(Column::LastName)),
            ("prénom", "Prénom", Some(Column::GivenNames)),
            ("prénoms", "Prénoms", Some(Column::GivenNames)),
            ("prenom no accent", "prenom", Some(Column::GivenNames)),
            ("prénom(s)", "Prénom(s)", Some(Column::GivenNames)),
            ("né(e) le", "Né(e) le", Some(Column::BirthDate)),
            ("NE E LE", "NE E LE", Some(Column::BirthDate)),
            ("lower né(e) le", "né(e) le", Some(Column::BirthDate)),
            ("née le", "Née le", Some(Column::BirthDate)),
            (
                "date de naissance",
                "Date de naissance",
                Some(Column::BirthDate),
            ),
            ("classe", "Classe", Some(Column::Class)),
            ("c.p.", "C.P.", Some(Column::PostalCode)),
            ("cp", "CP", Some(Column::PostalCode)),
            ("code postal", "Code postal", Some(Column::PostalCode)),
            ("civilité", "Civilité", Some(Column::Civility)),
            ("population", "Population", Some(Column::Population)),
            ("profil", "Profil", Some(Column::Population)),
            ("élèves", "Élèves", Some(Column::Children)),
            ("eleves", "ELEVES", Some(Column::Children)),
            ("enfants", "Enfants", Some(Column::Children)),
            (
                "pronote-ent",
                "Identifiant PRONOTE-ENT",
                Some(Column::PronoteId),
            ),
            (
                "pronote ent spaced",
                "identifiant pronote ent",
                Some(Column::PronoteId),
            ),
            ("pronote", "Identifiant PRONOTE", Some(Column::PronoteId)),
            ("ent", "Identifiant ENT", Some(Column::EntId)),
            ("cas", "Identifiant CAS", Some(Column::CasId)),
            ("nom d'usage is unknown", "Nom d'usage", None),
            ("nom de naissance is unknown", "Nom de naissance", None),
            ("classes is unknown", "Classes", None),
            ("adresse is unknown", "Adresse 1", None),
            ("empty", "", None),
            ("punctuation only", "()", None),
        ];
        for (name, label, expected) in cases {
            assert_eq!(column_for(label), expected, "{name}: {label:?}");
        }
    }

    #[test]
    fn each_column_label_maps_back_to_its_column() {
        for &(_, column) in LABELS {
            assert_eq!(column_for(column.label()), Some(column), "{column:?}");
        }
    }

    #[test]
    fn extra_labels() {
        let mut labels = Labels::default();
        assert_eq!(labels.add("Nom de famille", Column::LastName), Ok(()));
        assert_eq!(labels.add("Id. ENT", Column::EntId), Ok(()));
        // The same label again, or a built-in one for its own column: no-op.
        assert_eq!(labels.add("NOM DE FAMILLE", Column::LastName), Ok(()));
        assert_eq!(labels.add("Prénom", Column::GivenNames), Ok(()));
        let refused = [
            ("built-in for another column", "Nom", Column::GivenNames),
            ("extra for another column", "nom de famille", Column::Class),
            ("empty once folded", " - ", Column::Class),
        ];
        for (name, label, column) in refused {
            assert!(labels.add(label, column).is_err(), "{name}");
        }
        let cases = [
            ("extra", "Nom de famille", Some(Column::LastName)),
            ("extra folded", "ID ENT", Some(Column::EntId)),
            ("built-in kept", "Classe", Some(Column::Class)),
            ("still unknown", "Nom d'usage", None),
        ];
        for (name, label, expected) in cases {
            assert_eq!(labels.column_for(label), expected, "{name}");
        }
    }

    #[test]
    fn folding() {
        let cases = [
            ("accents", "Élève", "ELEVE"),
            ("ligature", "Cœur", "COEUR"),
            ("punctuation", "C.P.", "CP"),
            ("idempotent", "NEELE", "NEELE"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(fold_label(input), expected, "{name}");
        }
    }
}
