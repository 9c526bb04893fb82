//! The command line itself: French help with an example for every command,
//! the version, and clap's usage errors said in French with exit code 2.

use crate::harness::Test;
use rapproche::engine::MatchSettings;

const HELP_HINT: &str = "Pour l'aide : rapproche --help, ou rapproche <COMMANDE> --help.\n";

#[test]
fn help_of_every_command_is_french_with_an_example() {
    let cases: [(&[&str], &str); 7] = [
        (&["--help"], "Utilisation : rapproche [OPTIONS] <COMMANDE>"),
        (&["-h"], "Utilisation : rapproche [OPTIONS] <COMMANDE>"),
        (
            &["match", "--help"],
            "Utilisation : rapproche match [OPTIONS] [FICHIERS]...",
        ),
        (
            &["report", "--help"],
            "Utilisation : rapproche report [OPTIONS]",
        ),
        (
            &["explain", "--help"],
            "Utilisation : rapproche explain [OPTIONS] <ID>",
        ),
        (
            &["keygen", "--help"],
            "Utilisation : rapproche keygen [OPTIONS]",
        ),
        (
            &["diff", "--help"],
            "Utilisation : rapproche diff [OPTIONS] <ANCIEN> <NOUVEAU>",
        ),
    ];
    for (args, usage) in cases {
        let done = Test::new().args(args).any_stdout().run();
        assert!(done.stdout.contains(usage), "{args:?}:\n{}", done.stdout);
        assert!(
            done.stdout.contains("\nExemple :\n  rapproche "),
            "{args:?}"
        );
        assert!(done.stdout.contains("Affiche l'aide"), "{args:?}");
        for english in [
            "Usage:",
            "Print help",
            "[default:",
            "[env:",
            "[possible values",
        ] {
            assert!(!done.stdout.contains(english), "{args:?} says {english}");
        }
    }
}

#[test]
fn match_help_shows_the_engine_thresholds() {
    let done = Test::new().args(&["match", "--help"]).any_stdout().run();
    let accept = MatchSettings::default()
        .accept
        .to_string()
        .replace('.', ",");
    let expected = format!("Score minimal pour un rapprochement approché (par défaut : {accept})");
    assert!(done.stdout.contains(&expected), "{}", done.stdout);
    assert!(done.stdout.contains("RAPPROCHE_IDENTITY"));
    assert!(done.stdout.contains("--state-dir <DOSSIER>"));
}

#[test]
fn version() {
    Test::new()
        .args(&["--version"])
        .stdout(&format!("rapproche {}\n", env!("CARGO_PKG_VERSION")))
        .run();
}

#[test]
fn bare_command_shows_help_and_fails() {
    let done = Test::new().any_stderr().status(2).run();
    assert!(
        done.stderr
            .contains("Utilisation : rapproche [OPTIONS] <COMMANDE>")
    );
}

#[test]
fn usage_errors() {
    let cases: [(&[&str], &str); 5] = [
        (&["report", "--bogus"], "argument inattendu « --bogus »."),
        (
            &["frobnicate"],
            "commande inconnue « frobnicate ».\nCommandes : match, report, explain, link, unlink, reject, review, diff, keygen.",
        ),
        (&["explain"], "argument obligatoire absent : <ID>."),
        (
            &["match", "--accept", "douze"],
            "valeur invalide « douze » pour --accept <SCORE>.",
        ),
        (
            &["match", "-o", "a.csv", "--output-dir", "d"],
            "--output <FICHIER> ne peut pas être utilisé avec --output-dir <DOSSIER>.",
        ),
    ];
    for (args, message) in cases {
        Test::new()
            .args(args)
            .stderr(&format!("rapproche : erreur : {message}\n{HELP_HINT}"))
            .status(2)
            .run();
    }
}

#[test]
fn unknown_population() {
    Test::new()
        .args(&["report", "--population", "parents"])
        .stderr(
            "rapproche : erreur : population inconnue « parents ».\n\
             Valeurs possibles : eleves, responsables, professeurs, personnels, inspecteurs.\n",
        )
        .status(2)
        .run();
    Test::new()
        .args(&["match", "-p", "eleve", "export.xml", "liste.csv"])
        .stderr(
            "rapproche : erreur : population inconnue « eleve ».\n\
             Valeurs possibles : eleves, responsables, professeurs, personnels, inspecteurs.\n",
        )
        .status(2)
        .run();
}

#[test]
fn unknown_status_and_format() {
    let cases: [(&[&str], &str); 2] = [
        (
            &["report", "--status", "ok"],
            "statut inconnu « ok ».\nValeurs possibles : exact, approche, decision, existant, a-verifier, non-rapproche, sans-compte.",
        ),
        (
            &["report", "--format", "xlsx"],
            "format inconnu « xlsx ».\nValeurs possibles : table, csv, json, html.",
        ),
    ];
    for (args, message) in cases {
        Test::with_state()
            .args(args)
            .stderr(&format!("rapproche : erreur : {message}\n"))
            .status(2)
            .run();
    }
}
