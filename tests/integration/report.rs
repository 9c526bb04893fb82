//! `rapproche report` on a hand-built run result: summary, filters, formats,
//! files written with -o, and the errors about the saved result.

use crate::fixture;
use crate::harness::Test;
use rapproche::config::ReportFilter;
use rapproche::model::Population;
use rapproche::report::table::Layout;
use rapproche::report::{self, PERSONAL_DATA_NOTICE, summary::summarize};

/// A terminal wide enough for one line per row (the harness's default
/// `COLUMNS=100` wraps the cells), and the layout the binary then uses.
const WIDE: &str = "1000";
const WIDE_LAYOUT: Layout = Layout {
    width: Some(1000),
    colour: false,
};

const NO_STATE: &str = "rapproche : erreur : aucun résultat de rapprochement dans « .rapproche ».\n\
    Lancez d'abord « rapproche match », ou indiquez le bon dossier avec --state-dir.\n";

#[test]
fn summary_by_default() {
    let expected = report::table::summary(&summarize(&fixture::state(), None), WIDE_LAYOUT);
    let done = Test::with_state()
        .args(&["report"])
        .env("COLUMNS", WIDE)
        .stdout(&expected)
        .run();
    assert!(
        done.stdout
            .contains("│ Total        ┆                    4 ┆           3 ┆")
    );
}

#[test]
fn unmatched_students() {
    let filter = ReportFilter {
        unmatched: true,
        population: Some(Population::Eleves),
        status: None,
        stale_ids: false,
    };
    let expected = report::table::list(&report::rows(&fixture::state(), &filter), WIDE_LAYOUT);
    let done = Test::with_state()
        .args(&["report", "--unmatched", "--population", "eleves"])
        .env("COLUMNS", WIDE)
        .stdout(&expected)
        .run();
    for shown in [
        "MARTIN",
        "BERNARD",
        "ent-tom",
        "AAAAAAAAAAAAAAA2 (8,5)",
        "6C\\u{1b}[31m",
    ] {
        assert!(done.stdout.contains(shown), "{shown} missing");
    }
    for hidden in ["DUPONT", "DURAND", "\u{1b}"] {
        assert!(!done.stdout.contains(hidden), "{hidden:?} shown");
    }
    assert!(
        done.stdout
            .ends_with(&format!("3 comptes. {PERSONAL_DATA_NOTICE}\n"))
    );
}

#[test]
fn nothing_selected() {
    Test::with_state()
        .args(&["report", "--population", "inspecteurs"])
        .stdout("Aucun compte ne correspond à ces critères.\n")
        .run();
}

#[test]
fn json_format() {
    let done = Test::with_state()
        .args(&["report", "--format", "json", "--status", "a-verifier"])
        .any_stdout()
        .run();
    let value: serde_json::Value = serde_json::from_str(&done.stdout).unwrap();
    assert_eq!(value["avertissement"], PERSONAL_DATA_NOTICE);
    let statuses: Vec<&str> = value["comptes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["statut"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["a-verifier", "a-verifier"]);
    assert_eq!(value["total"]["comptes_ent"], 3);
}

#[test]
fn csv_format() {
    let done = Test::with_state()
        .args(&["report", "--format", "csv", "--population", "responsables"])
        .any_stdout()
        .run();
    assert_eq!(
        done.stdout,
        "\u{feff}Source;Population;Statut;Nom;Prénom;Né(e) le;Code postal;Classe;Identifiant PRONOTE-ENT;\
         Identifiant ENT;Candidats les plus proches\r\n\
         Pronote;Responsables;rapproché (exact);DURAND;Paul;;13013;;AAAAAAAAAAAAAAA4;ent-paul;\r\n\
         Ce rapport contient des données personnelles : ne le diffusez pas, supprimez-le après usage.\r\n"
    );
}

#[cfg(unix)]
#[test]
fn output_file_is_private_and_not_replaced_without_force() {
    use std::os::unix::fs::PermissionsExt;
    let done = Test::with_state()
        .args(&["report", "--format", "json", "-o", "rapport.json"])
        .run();
    let mode = std::fs::metadata(done.path("rapport.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let written: serde_json::Value = serde_json::from_slice(&done.read("rapport.json")).unwrap();
    assert_eq!(written["avertissement"], PERSONAL_DATA_NOTICE);

    let test = Test::with_state().file("rapport.txt", "ancien");
    let again = test
        .args(&["report", "-o", "rapport.txt"])
        .stderr(
            "rapproche : erreur : « rapport.txt » existe déjà.\n\
             Utilisez --force pour le remplacer, ou -o pour choisir un autre nom.\n",
        )
        .status(2)
        .run();
    assert_eq!(again.read("rapport.txt"), b"ancien");
    let forced = Test::with_state()
        .file("rapport.txt", "ancien")
        .args(&["report", "-o", "rapport.txt", "--force"])
        // The old file was created 0644 by the test: replacing it is warned.
        .stderr(
            "attention : « rapport.txt » existait et était lisible par d'autres utilisateurs. Le \
             nouveau fichier ne l'est pas (0600), mais l'ancien contenu a pu être copié \
             entre-temps.\n",
        )
        .run();
    assert!(
        String::from_utf8(forced.read("rapport.txt"))
            .unwrap()
            .contains("Utilisateurs Pronote")
    );
}

#[test]
fn missing_state() {
    Test::new()
        .args(&["report"])
        .stderr(NO_STATE)
        .status(2)
        .run();
    Test::new()
        .args(&["report", "--unmatched", "--population", "eleves"])
        .stderr(NO_STATE)
        .status(2)
        .run();
    Test::new()
        .args(&["report", "--state-dir", "ailleurs"])
        .stderr(
            "rapproche : erreur : aucun résultat de rapprochement dans « ailleurs ».\n\
             Lancez d'abord « rapproche match », ou indiquez le bon dossier avec --state-dir.\n",
        )
        .status(2)
        .run();
}

#[test]
fn state_dir_option() {
    let test = Test::new();
    rapproche::state::save(&test.path().join("etat"), &fixture::state()).unwrap();
    let done = test
        .args(&["report", "--state-dir", "etat"])
        .env("COLUMNS", WIDE)
        .any_stdout()
        .run();
    assert!(done.stdout.contains("Responsables"));
}

#[test]
fn damaged_state() {
    Test::new()
        .file(".rapproche/resultat.json", "{\"format_version\": 1, \"inputs\": [")
        .args(&["report"])
        .stderr(
            "rapproche : erreur : le résultat enregistré dans « .rapproche/resultat.json » est illisible : \
             fichier tronqué (ligne 1, colonne 33).\nRelancez « rapproche match ».\n",
        )
        .status(3)
        .run();
}

#[test]
fn output_into_a_missing_directory() {
    Test::with_state()
        .args(&["report", "-o", "absent/rapport.txt"])
        .stderr("rapproche : erreur : impossible d'écrire « absent/rapport.txt » : le dossier n'existe pas\n")
        .status(4)
        .run();
}
