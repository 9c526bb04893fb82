//! The report as JSON, for scripts: the personal-data notice, the
//! thresholds, the summary and the accounts list. Keys are fixed French
//! ASCII names in a fixed order (serde structs, no maps); absent values are
//! `null`. In: a `Summary`, `Row`s and the run's thresholds. Out: bytes.

use crate::config::status_name;
use crate::establishment::EstablishmentSource;
use crate::model::Population;
use crate::report::summary::{Counts, Summary};
use crate::report::{PERSONAL_DATA_NOTICE, Row, Side};
use crate::state::{InputFile, Thresholds};
use serde::Serialize;

/// Version of this JSON layout, for scripts that read it.
const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    avertissement: &'static str,
    version: u32,
    seuils: Seuils,
    /// Each list's establishment, when the export names establishments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    etablissements: Vec<Etablissement<'a>>,
    bilan: Vec<BilanLine>,
    total: Bilan,
    comptes: Vec<Compte<'a>>,
}

#[derive(Serialize)]
struct Etablissement<'a> {
    liste: String,
    uai: &'a [String],
    /// « --uai », « seul », « deduit » or « comme-les-autres ».
    origine: &'static str,
}

#[derive(Serialize)]
struct Seuils {
    acceptation: f64,
    ecart: f64,
}

#[derive(Serialize)]
struct BilanLine {
    population: Option<Population>,
    #[serde(flatten)]
    counts: Bilan,
}

#[derive(Serialize)]
struct Bilan {
    utilisateurs_pronote: usize,
    comptes_ent: usize,
    rapproches_exact: usize,
    rapproches_approche: usize,
    a_verifier: usize,
    non_rapproches_pronote: usize,
    non_rapproches_ent: usize,
}

impl From<&Counts> for Bilan {
    fn from(c: &Counts) -> Self {
        Bilan {
            utilisateurs_pronote: c.pronote_users,
            comptes_ent: c.ent_accounts,
            rapproches_exact: c.exact,
            rapproches_approche: c.fuzzy,
            a_verifier: c.review,
            non_rapproches_pronote: c.unmatched_pronote,
            non_rapproches_ent: c.unmatched_ent,
        }
    }
}

#[derive(Serialize)]
struct Compte<'a> {
    source: &'static str,
    population: Option<Population>,
    statut: &'static str,
    nom: Option<&'a str>,
    prenom: Option<&'a str>,
    date_naissance: Option<&'a str>,
    code_postal: Option<&'a str>,
    classe: Option<&'a str>,
    identifiant_pronote: Option<&'a str>,
    identifiant_ent: Option<&'a str>,
    candidats: Vec<Candidat<'a>>,
}

#[derive(Serialize)]
struct Candidat<'a> {
    identifiant: &'a str,
    score: f64,
    raisons: &'a [String],
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// Renders the report, pretty-printed, ending with a newline.
pub fn render(
    summary: &Summary,
    rows: &[Row],
    thresholds: &Thresholds,
    inputs: &[InputFile],
) -> Vec<u8> {
    let report = Report {
        avertissement: PERSONAL_DATA_NOTICE,
        version: JSON_VERSION,
        seuils: Seuils {
            acceptation: thresholds.accept,
            ecart: thresholds.margin,
        },
        etablissements: inputs
            .iter()
            .filter_map(|input| {
                let e = input.establishment.as_ref()?;
                Some(Etablissement {
                    liste: input.path.display().to_string(),
                    uai: &e.uais,
                    origine: match e.source {
                        EstablishmentSource::Given => "--uai",
                        EstablishmentSource::Only => "seul",
                        EstablishmentSource::Inferred { .. } => "deduit",
                        EstablishmentSource::WithTheOthers => "comme-les-autres",
                    },
                })
            })
            .collect(),
        bilan: summary
            .lines
            .iter()
            .map(|l| BilanLine {
                population: l.population,
                counts: (&l.counts).into(),
            })
            .collect(),
        total: (&summary.total).into(),
        comptes: rows
            .iter()
            .map(|row| Compte {
                source: match row.side {
                    Side::Pronote => "pronote",
                    Side::Ent => "ent",
                },
                population: row.population,
                statut: status_name(row.status),
                nom: non_empty(&row.last_name),
                prenom: non_empty(&row.given_names),
                date_naissance: non_empty(&row.birth_date),
                code_postal: non_empty(&row.postal_code),
                classe: non_empty(&row.class),
                identifiant_pronote: non_empty(&row.pronote_id),
                identifiant_ent: non_empty(&row.ent_id),
                candidats: row
                    .candidates
                    .iter()
                    .map(|c| Candidat {
                        identifiant: &c.id,
                        score: c.score,
                        raisons: &c.reasons,
                    })
                    .collect(),
            })
            .collect(),
    };
    // Plain structs of strings and numbers cannot fail to serialize
    // (a non-finite score becomes null).
    let mut bytes = serde_json::to_vec_pretty(&report).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::config::ReportFilter;
    use crate::report::{fixture, rows, summary::summarize};

    #[test]
    fn snapshot() {
        let state = fixture::state();
        let filter = ReportFilter {
            status: Some(crate::outcome::Status::Review),
            ..ReportFilter::default()
        };
        let bytes = render(
            &summarize(&state, None),
            &rows(&state, &filter),
            &state.thresholds,
            &state.inputs,
        );
        insta::assert_snapshot!(String::from_utf8(bytes).unwrap());
    }

    #[test]
    fn parses_back_with_the_notice() {
        let state = fixture::state();
        let bytes = render(
            &summarize(&state, None),
            &rows(&state, &ReportFilter::default()),
            &state.thresholds,
            &state.inputs,
        );
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["avertissement"], PERSONAL_DATA_NOTICE);
        assert_eq!(value["comptes"].as_array().unwrap().len(), 5);
        assert_eq!(value["total"]["utilisateurs_pronote"], 4);
        assert_eq!(value["comptes"][3]["source"], "ent");
        assert_eq!(
            value["comptes"][3]["identifiant_pronote"],
            serde_json::Value::Null
        );
    }
}
