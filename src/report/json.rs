//! The report as JSON, for scripts: the personal-data notice, the
//! thresholds, the summary (counts, and the estimates `estimated_wrong_links`
//! and `estimated_missed_pairs` with their 95 % intervals, per population
//! and in total), the histogram of the best scores and the accounts list. Keys are fixed French
//! ASCII names in a fixed order (serde structs, no maps); absent values are
//! `null`. In: a `Summary`, `Row`s and the run's thresholds. Out: bytes.
//!
//! The summary part (`version`, `seuils`, `bilan`, `total`) is one struct,
//! [`SummaryPart`], shared by `report --format json` and `match --json`, so
//! that scripts see one shape and a key added there appears in both.

use crate::config::status_name;
use crate::establishment::EstablishmentSource;
use crate::estimate::{Estimate, Estimates, HistogramBin};
use crate::model::Population;
use crate::report::summary::{Counts, Summary};
use crate::report::{PERSONAL_DATA_NOTICE, Row, Side};
use crate::state::{DecisionsRecord, InputFile, Thresholds};
use serde::Serialize;

/// Version of this JSON layout, for scripts that read it.
const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    avertissement: &'static str,
    #[serde(flatten)]
    summary: SummaryPart,
    /// Each list's establishment, when the export names establishments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    etablissements: Vec<Etablissement<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decisions: Option<Decisions<'a>>,
    comptes: Vec<Compte<'a>>,
}

/// The summary as scripts read it: layout version, thresholds, one line per
/// population, the totals.
#[derive(Serialize)]
pub struct SummaryPart {
    version: u32,
    seuils: Seuils,
    bilan: Vec<BilanLine>,
    total: Bilan,
    histogramme_scores: Vec<Barre>,
}

impl SummaryPart {
    /// The summary part of a run's result.
    pub fn new(summary: &Summary, thresholds: &Thresholds) -> SummaryPart {
        SummaryPart {
            version: JSON_VERSION,
            seuils: Seuils {
                acceptation: thresholds.accept,
                ecart: thresholds.margin,
            },
            bilan: summary
                .lines
                .iter()
                .map(|l| BilanLine {
                    population: l.population,
                    counts: Bilan::new(&l.counts, l.estimates.as_ref()),
                })
                .collect(),
            total: Bilan::new(&summary.total, summary.total_estimates.as_ref()),
            histogramme_scores: summary.histogram.iter().map(Barre::from).collect(),
        }
    }
}

/// What `match --json` prints: the summary part, then what the run did.
#[derive(Serialize)]
struct MatchRun<'a> {
    #[serde(flatten)]
    summary: SummaryPart,
    fichiers_ecrits: Vec<String>,
    resultat: String,
    exports_supprimes: Vec<String>,
    rappel: &'a str,
}

/// The files and messages of a `match` run, for [`render_match`].
pub struct MatchOutcome<'a> {
    /// Import files written, in the order written.
    pub written: &'a [std::path::PathBuf],
    /// The state file.
    pub state_file: &'a std::path::Path,
    /// Exports deleted by `--remove-export`.
    pub removed: &'a [std::path::PathBuf],
    /// The reminder to back up Pronote before importing.
    pub reminder: &'a str,
}

/// Renders `match --json`, pretty-printed, ending with a newline.
pub fn render_match(summary: &Summary, thresholds: &Thresholds, run: &MatchOutcome) -> Vec<u8> {
    let shown = |paths: &[std::path::PathBuf]| -> Vec<String> {
        paths.iter().map(|p| p.display().to_string()).collect()
    };
    let value = MatchRun {
        summary: SummaryPart::new(summary, thresholds),
        fichiers_ecrits: shown(run.written),
        resultat: run.state_file.display().to_string(),
        exports_supprimes: shown(run.removed),
        rappel: run.reminder,
    };
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The manual decisions of the run, when it read any.
#[derive(Serialize)]
struct Decisions<'a> {
    appliquees: usize,
    sans_effet: &'a [String],
}

/// One bar of the histogram of the best scores (`estimate::score_histogram`).
#[derive(Serialize)]
struct Barre {
    /// Lower bound (included), `null`: unbounded.
    de: Option<i32>,
    /// Upper bound (excluded), `null`: unbounded.
    a: Option<i32>,
    rapproches: usize,
    non_rapproches: usize,
}

impl From<&HistogramBin> for Barre {
    fn from(b: &HistogramBin) -> Self {
        Barre {
            de: b.from,
            a: b.to,
            rapproches: b.linked,
            non_rapproches: b.unlinked,
        }
    }
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
    rapproches_decision: usize,
    rapproches_identifiant_existant: usize,
    a_verifier: usize,
    non_rapproches_pronote: usize,
    non_rapproches_ent: usize,
    sans_compte_ent: usize,
    /// Expected wrong links among the automatic links (`estimate`);
    /// `null` when unknown.
    estimated_wrong_links: Option<f64>,
    /// Its 95 % interval, `[low, high]`.
    estimated_wrong_links_interval: Option<[f64; 2]>,
    /// Expected true pairs left unlinked.
    estimated_missed_pairs: Option<f64>,
    estimated_missed_pairs_interval: Option<[f64; 2]>,
}

/// Two decimals are plenty for an expected count.
fn rounded(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn interval(e: &Estimate) -> [f64; 2] {
    [rounded(e.low), rounded(e.high)]
}

impl Bilan {
    fn new(c: &Counts, e: Option<&Estimates>) -> Self {
        Bilan {
            estimated_wrong_links: e.map(|e| rounded(e.wrong_links.value)),
            estimated_wrong_links_interval: e.map(|e| interval(&e.wrong_links)),
            estimated_missed_pairs: e.map(|e| rounded(e.missed_pairs.value)),
            estimated_missed_pairs_interval: e.map(|e| interval(&e.missed_pairs)),
            ..Bilan::from(c)
        }
    }
}

impl From<&Counts> for Bilan {
    fn from(c: &Counts) -> Self {
        Bilan {
            utilisateurs_pronote: c.pronote_users,
            comptes_ent: c.ent_accounts,
            rapproches_exact: c.exact,
            rapproches_approche: c.fuzzy,
            rapproches_decision: c.manual,
            rapproches_identifiant_existant: c.kept,
            a_verifier: c.review,
            non_rapproches_pronote: c.unmatched_pronote,
            non_rapproches_ent: c.unmatched_ent,
            sans_compte_ent: c.excluded,
            estimated_wrong_links: None,
            estimated_wrong_links_interval: None,
            estimated_missed_pairs: None,
            estimated_missed_pairs_interval: None,
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
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    remarques: &'a [String],
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

/// Renders the report, pretty-printed, ending with a newline: the summary, each list's establishment, the run's
/// manual decisions (a `decisions` object: how many applied, and the French
/// sentence of each that did not, left out when the run read none), and
/// the accounts.
pub fn render(
    summary: &Summary,
    rows: &[Row],
    thresholds: &Thresholds,
    inputs: &[InputFile],
    decisions: &DecisionsRecord,
) -> Vec<u8> {
    let report = Report {
        avertissement: PERSONAL_DATA_NOTICE,
        summary: SummaryPart::new(summary, thresholds),
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
        decisions: (!decisions.is_empty()).then_some(Decisions {
            appliquees: decisions.applied,
            sans_effet: &decisions.problems,
        }),
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
                remarques: &row.remarks,
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
            &state.decisions,
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
            &state.decisions,
        );
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["avertissement"], PERSONAL_DATA_NOTICE);
        assert_eq!(value["comptes"].as_array().unwrap().len(), 5);
        assert_eq!(value["total"]["utilisateurs_pronote"], 4);
        // Lea and Paul linked at 0.9995, Tom to review at 0.62.
        assert_eq!(value["total"]["estimated_wrong_links"], 0.0);
        let missed = value["bilan"][0]["estimated_missed_pairs"]
            .as_f64()
            .unwrap();
        let expected = 0.62 * (1.0 + crate::estimate::BLOCKING_MISS_RATIO);
        assert!((missed - expected).abs() < 0.01, "{missed}");
        let interval = &value["total"]["estimated_missed_pairs_interval"];
        assert!(interval[0].as_f64().unwrap() <= missed);
        assert!(interval[1].as_f64().unwrap() >= missed);
        let bars = value["histogramme_scores"].as_array().unwrap();
        let linked: u64 = bars.iter().map(|b| b["rapproches"].as_u64().unwrap()).sum();
        assert_eq!(linked, 2);
        assert_eq!(value["comptes"][3]["source"], "ent");
        assert_eq!(
            value["comptes"][3]["identifiant_pronote"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn match_summary_has_the_report_summary_keys() {
        let state = fixture::state();
        let summary = summarize(&state, None);
        let report: serde_json::Value = serde_json::from_slice(&render(
            &summary,
            &rows(&state, &ReportFilter::default()),
            &state.thresholds,
            &state.inputs,
            &state.decisions,
        ))
        .unwrap();
        let written = [std::path::PathBuf::from("eleves.rapproche.csv")];
        let run = MatchOutcome {
            written: &written,
            state_file: std::path::Path::new(".rapproche/resultat.json"),
            removed: &[],
            reminder: "sauvegarde",
        };
        let bytes = render_match(&summary, &state.thresholds, &run);
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        for key in ["version", "seuils", "bilan", "total"] {
            assert_eq!(value[key], report[key], "{key}");
        }
        // Top-level keys in a fixed order (a map would sort them).
        let text = String::from_utf8(bytes).unwrap();
        let at = |key: &str| text.find(&format!("\n  \"{key}\": ")).unwrap();
        let order = [
            "version",
            "seuils",
            "bilan",
            "total",
            "fichiers_ecrits",
            "resultat",
            "exports_supprimes",
            "rappel",
        ];
        assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
        assert_eq!(value["fichiers_ecrits"][0], "eleves.rapproche.csv");
        assert_eq!(value["rappel"], "sauvegarde");
    }
}
