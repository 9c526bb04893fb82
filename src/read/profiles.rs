//! ENT profile codes → Pronote populations (FORMATS.md §1, "Populations").
//!
//! In: the raw `ENTPersonProfils` values of an account, its
//! `categoriePersonne` and its `PersEducNatPresenceDevantEleves` hint.
//! Out: the populations the account may belong to. The table is
//! configurable because collectivities customise the profile values: the
//! `[profiles]` table of `rapproche.toml` adds, changes or removes codes
//! (`config_file`). An account that maps to no population is kept, counted
//! « (sans population) » and noted by the engine, never dropped.

use crate::model::{EntCategory, Population};
use std::collections::BTreeMap;

/// The profile-code table. Codes are compared without regard to case or
/// surrounding white space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileMapping {
    codes: BTreeMap<String, Population>,
}

impl Default for ProfileMapping {
    /// The national codes of FORMATS.md: `National_1` élèves, `National_2`
    /// responsables, `National_3` professeurs, `National_4/5/6` personnels,
    /// `National_7` inspecteurs.
    fn default() -> Self {
        let mut mapping = ProfileMapping::empty();
        for (code, population) in [
            ("National_1", Population::Eleves),
            ("National_2", Population::Responsables),
            ("National_3", Population::Professeurs),
            ("National_4", Population::Personnels),
            ("National_5", Population::Personnels),
            ("National_6", Population::Personnels),
            ("National_7", Population::Inspecteurs),
        ] {
            mapping.insert(code, population);
        }
        mapping
    }
}

impl ProfileMapping {
    /// A table with no codes: only `categoriePersonne` will decide.
    pub fn empty() -> Self {
        ProfileMapping {
            codes: BTreeMap::new(),
        }
    }

    /// Adds a code, or changes the population of a known one.
    pub fn insert(&mut self, code: &str, population: Population) {
        self.codes.insert(key(code), population);
    }

    /// Removes a code from the table.
    pub fn remove(&mut self, code: &str) {
        self.codes.remove(&key(code));
    }

    /// The population of one profile code, if the table knows it.
    pub fn population_of(&self, code: &str) -> Option<Population> {
        self.codes.get(&key(code)).copied()
    }

    /// The populations an account may belong to: from its profiles when any
    /// of them is known (in the order given, without repeats); else from its
    /// category, where a `PersEducNat` may be a teacher or other staff (both
    /// listed, the one hinted by `teaches` first). Empty when nothing maps:
    /// the caller reports it.
    pub fn populations_for(
        &self,
        profiles: &[impl AsRef<str>],
        category: Option<&EntCategory>,
        teaches: Option<bool>,
    ) -> Vec<Population> {
        let mut found = Vec::new();
        for population in profiles
            .iter()
            .filter_map(|p| self.population_of(p.as_ref()))
        {
            if !found.contains(&population) {
                found.push(population);
            }
        }
        if !found.is_empty() {
            return found;
        }
        match category {
            Some(EntCategory::Eleve) => vec![Population::Eleves],
            Some(EntCategory::PersRelEleve) => vec![Population::Responsables],
            Some(EntCategory::PersEducNat) => match teaches {
                Some(false) => vec![Population::Personnels, Population::Professeurs],
                _ => vec![Population::Professeurs, Population::Personnels],
            },
            Some(EntCategory::Other(_)) | None => Vec::new(),
        }
    }
}

fn key(code: &str) -> String {
    code.trim().to_lowercase()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use Population::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn default_table_follows_formats() {
        let mapping = ProfileMapping::default();
        let cases = [
            ("National_1", Some(Eleves)),
            ("National_2", Some(Responsables)),
            ("National_3", Some(Professeurs)),
            ("National_4", Some(Personnels)),
            ("National_5", Some(Personnels)),
            ("National_6", Some(Personnels)),
            ("National_7", Some(Inspecteurs)),
            ("national_1", Some(Eleves)),
            (" National_3 ", Some(Professeurs)),
            ("National_8", None),
            ("", None),
        ];
        for (code, expected) in cases {
            assert_eq!(mapping.population_of(code), expected, "code {code:?}");
        }
    }

    type Case = (
        &'static str,
        &'static [&'static str],
        Option<EntCategory>,
        Option<bool>,
        &'static [Population],
    );

    #[test]
    fn populations_for_table() {
        let mapping = ProfileMapping::default();
        let cases: [Case; 13] = [
            ("student profile", &["National_1"], None, None, &[Eleves]),
            (
                "profile beats category",
                &["National_2"],
                Some(EntCategory::Eleve),
                None,
                &[Responsables],
            ),
            (
                "several profiles, no repeat",
                &["National_4", "National_3", "National_5"],
                None,
                None,
                &[Personnels, Professeurs],
            ),
            (
                "unknown profile then known",
                &["Local_X", "National_7"],
                None,
                None,
                &[Inspecteurs],
            ),
            (
                "no profile, category Eleve",
                &[],
                Some(EntCategory::Eleve),
                None,
                &[Eleves],
            ),
            (
                "no profile, category PersRelEleve",
                &[],
                Some(EntCategory::PersRelEleve),
                None,
                &[Responsables],
            ),
            (
                "staff, no hint",
                &[],
                Some(EntCategory::PersEducNat),
                None,
                &[Professeurs, Personnels],
            ),
            (
                "staff teaching (O)",
                &[],
                Some(EntCategory::PersEducNat),
                Some(true),
                &[Professeurs, Personnels],
            ),
            (
                "staff not teaching (N)",
                &[],
                Some(EntCategory::PersEducNat),
                Some(false),
                &[Personnels, Professeurs],
            ),
            (
                "unknown profile falls back to category",
                &["Local_X"],
                Some(EntCategory::PersRelEleve),
                None,
                &[Responsables],
            ),
            (
                "other category",
                &[],
                Some(EntCategory::Other("Autre".into())),
                None,
                &[],
            ),
            ("nothing at all", &[], None, None, &[]),
            (
                "unknown profile, no category",
                &["Local_X"],
                None,
                Some(true),
                &[],
            ),
        ];
        for (name, profiles, category, teaches, expected) in cases {
            assert_eq!(
                mapping.populations_for(&strings(profiles), category.as_ref(), teaches),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn collectivity_codes_can_be_added_and_overridden() {
        let mut mapping = ProfileMapping::default();
        mapping.insert("ENT_DOCUMENTALISTE", Professeurs);
        mapping.insert("National_6", Professeurs);
        mapping.remove("National_7");
        let cases = [
            ("ent_documentaliste", Some(Professeurs)),
            ("National_6", Some(Professeurs)),
            ("National_7", None),
            ("National_1", Some(Eleves)),
        ];
        for (code, expected) in cases {
            assert_eq!(mapping.population_of(code), expected, "code {code}");
        }
        assert!(
            ProfileMapping::empty()
                .population_of("National_1")
                .is_none()
        );
    }
}
