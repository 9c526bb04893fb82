//! The yearly cycle over two school years (issue 5, "Done when"), on the
//! hand-written files of `fixtures/deux-annees/` (see fixtures/README.md).
//! What the administrator types, in one folder:
//!
//! ```text
//! # September, year 1: the lists come from Pronote without any identifier.
//! rapproche match annee1-export.xml annee1-eleves.csv annee1-professeurs.csv
//!     → exit 1: MARTIN Léa and GIRARD Noé each have two identical ENT
//!       accounts (to review), DUBOIS Pierre has no ENT account (unmatched)
//! rapproche link 8ESN9AT52RNKZCY4 e-106          # MARTIN Léa: the account in use
//! rapproche reject ZTAC924S8QHAZEYV e-107        # GIRARD Noé: not that one
//! rapproche unlink QDSWR4XVWVXRJM9J -m "remplaçant, pas de compte ENT"
//! rapproche match annee1-export.xml annee1-eleves.csv annee1-professeurs.csv --force
//!     → exit 0: MARTIN → e-106 (décision), GIRARD → e-108 (the rejected
//!       account no longer competes), DUBOIS « sans compte ENT »
//! (the two *.rapproche.csv files are imported into Pronote)
//!
//! # September, year 2: Pronote's lists carry last year's identifiers.
//! #   ABADIE Lucas changed ENT account (e-101 → e-201, new login);
//! #   BENSAID Yanis and DUBOIS Pierre left; FOURNIER Jade arrived;
//! #   LAMBERT Claire's login changed (claire.lambert → claire.favre);
//! #   someone typed her twin's id (e-104) on PETIT Léa's row during the year.
//! rapproche match annee2-export.xml annee2-eleves.csv annee2-professeurs.csv --existing verify
//!     → exit 0; e-101 « périmé » and PETIT Léa's e-104 « en conflit »
//!       (rapproche report --stale-ids), both replaced; the « delier » of
//!       DUBOIS no longer applies and is reported
//! rapproche match annee2-export.xml annee2-eleves.csv annee2-professeurs.csv --existing reset --force
//!     → the same ENT ids, every Identifiant CAS cleared
//! ```
//!
//! The decisions file is not touched by either year-2 run.

use crate::harness::binary;
use assert_cmd::Command;
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/deux-annees");

/// Runs `rapproche args` in `dir`; returns stdout, stderr and the exit code.
fn rapproche(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(binary())
        .args(args)
        .current_dir(dir)
        .env_remove("RAPPROCHE_IDENTITY")
        .env_remove("RAPPROCHE_DECISIONS")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

fn copy(dir: &Path, name: &str) {
    std::fs::copy(Path::new(FIXTURES).join(name), dir.join(name)).unwrap();
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The cells of column `label`, by Pronote id (CSV with `;`, CRLF, no quotes).
fn column(text: &str, label: &str) -> Vec<(String, String)> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let id = header
        .iter()
        .position(|h| *h == "Identifiant PRONOTE-ENT")
        .unwrap();
    let wanted = header.iter().position(|h| *h == label).unwrap();
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(';').collect();
            (cells[id].to_string(), cells[wanted].to_string())
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The year-2 lists, as Pronote gives them: last year's import files, with
/// the departures removed, the arrivals added, and one id mistyped during
/// the year.
fn year_two_lists(dir: &Path) {
    let students = read(dir, "annee1-eleves.rapproche.csv")
        .replace("BENSAID;Yanis;03/06/2013;5A;D8J2ACU393DNCF3A;e-102\r\n", "")
        .replace(";5A;", ";4A;")
        .replace("73CCK2YHSXKJUW36;e-103", "73CCK2YHSXKJUW36;e-104")
        + "FOURNIER;Jade;08/08/2013;4A;HXS8TBDXDTAAKBPH;\r\n";
    std::fs::write(dir.join("annee2-eleves.csv"), students).unwrap();
    let teachers = read(dir, "annee1-professeurs.rapproche.csv")
        .replace("M.;DUBOIS;Pierre;02/12/1975;QDSWR4XVWVXRJM9J;;\r\n", "");
    std::fs::write(dir.join("annee2-professeurs.csv"), teachers).unwrap();
}

#[test]
fn two_school_years() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    for name in [
        "annee1-export.xml",
        "annee1-eleves.csv",
        "annee1-professeurs.csv",
        "annee2-export.xml",
    ] {
        copy(dir, name);
    }
    let year1 = [
        "match",
        "-q",
        "annee1-export.xml",
        "annee1-eleves.csv",
        "annee1-professeurs.csv",
    ];

    // ---- Year 1: a first run leaves three users to a human.
    let (_, _, code) = rapproche(dir, &year1);
    assert_eq!(code, 1, "homonyms to review, a teacher without account");
    let (review, _, _) = rapproche(dir, &["report", "--unmatched", "--format", "csv"]);
    for expected in [
        "Pronote;Élèves;à vérifier;MARTIN;Léa",
        "Pronote;Élèves;à vérifier;GIRARD;Noé",
        "Pronote;Professeurs;non rapproché;DUBOIS;Pierre",
    ] {
        assert!(review.contains(expected), "{expected}\n{review}");
    }

    // The administrator's decisions, through the command line.
    let today = rapproche::decisions::today();
    let decisions: [(&[&str], String); 3] = [
        (
            &["link", "8ESN9AT52RNKZCY4", "e-106"],
            format!("lier 8ESN9AT52RNKZCY4 e-106 {today}"),
        ),
        (
            &["reject", "ZTAC924S8QHAZEYV", "e-107"],
            format!("refuser ZTAC924S8QHAZEYV e-107 {today}"),
        ),
        (
            &[
                "unlink",
                "QDSWR4XVWVXRJM9J",
                "-m",
                "remplaçant, pas de compte ENT",
            ],
            format!("delier QDSWR4XVWVXRJM9J {today} # remplaçant, pas de compte ENT"),
        ),
    ];
    for (args, line) in &decisions {
        let (stdout, stderr, code) = rapproche(dir, args);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(
            stdout,
            format!(
                "Décision enregistrée dans « rapproche-decisions.txt » : {line}\nRelancez « rapproche match » pour l'appliquer.\n"
            )
        );
    }
    let file = read(dir, "rapproche-decisions.txt");
    let lines: Vec<&str> = file.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines, decisions.each_ref().map(|(_, line)| line.as_str()));

    // The second run applies them: nothing left to do.
    let mut rerun = year1.to_vec();
    rerun.push("--force");
    let (_, _, code) = rapproche(dir, &rerun);
    assert_eq!(code, 0);
    let students = read(dir, "annee1-eleves.rapproche.csv");
    assert_eq!(
        column(&students, "Identifiant ENT"),
        pairs(&[
            ("WDFF5APJNEP8BEJQ", "e-101"),
            ("D8J2ACU393DNCF3A", "e-102"),
            ("73CCK2YHSXKJUW36", "e-103"),
            ("B5RWM7QPQTYC2NFH", "e-104"),
            ("8ESN9AT52RNKZCY4", "e-106"),
            ("ZTAC924S8QHAZEYV", "e-108"),
        ])
    );
    let (explain, _, _) = rapproche(dir, &["explain", "8ESN9AT52RNKZCY4"]);
    assert!(
        explain.contains(&format!(
            "  Statut : rapproché (décision manuelle)\n  Remarque : décision manuelle du {today} : lier à e-106\n"
        )),
        "{explain}"
    );
    let (explain, _, _) = rapproche(dir, &["explain", "ZTAC924S8QHAZEYV"]);
    assert!(
        explain.contains(&format!(
            "  Remarque : décision manuelle du {today} : jamais le compte ENT e-107 (refuser)\n"
        )),
        "{explain}"
    );
    let teachers = read(dir, "annee1-professeurs.rapproche.csv");
    assert_eq!(
        teachers,
        "Civilité;Nom;Prénom;Né(e) le;Identifiant PRONOTE-ENT;Identifiant CAS;Identifiant ENT\r\n\
         Mme;LAMBERT;Claire;04/04/1982;8T79EMPBMFR3JFSM;claire.lambert;e-301\r\n\
         Mme;HAMIDI;Nadia;20/01/1980;PM8RS3ZQVC5WEAN3;nadia.hamidi;e-302\r\n\
         M.;DUBOIS;Pierre;02/12/1975;QDSWR4XVWVXRJM9J;;\r\n",
        "DUBOIS: no ENT account, his stale CAS login cleared"
    );
    let decisions_file = std::fs::read(dir.join("rapproche-decisions.txt")).unwrap();

    // ---- Year 2, verify (the default): last year's ids are checked.
    year_two_lists(dir);
    let year2 = [
        "match",
        "annee2-export.xml",
        "annee2-eleves.csv",
        "annee2-professeurs.csv",
    ];
    let mut verify = year2.to_vec();
    verify.extend(["--existing", "verify"]);
    let (stdout, stderr, code) = rapproche(dir, &verify);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "Décisions manuelles (rapproche-decisions.txt) : 2 appliquée(s), 1 sans effet.\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Identifiants déjà présents dans les listes : 5 confirmés, 1 périmé, 1 en conflit. Détail : rapproche report --stale-ids\n"
        ),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!(
            "attention : décision sans effet : « delier QDSWR4XVWVXRJM9J {today} # remplaçant, pas de compte ENT » : l'utilisateur Pronote QDSWR4XVWVXRJM9J n'est plus dans les listes\n"
        )),
        "{stderr}"
    );
    let expected_students = pairs(&[
        ("WDFF5APJNEP8BEJQ", "e-201"),
        ("73CCK2YHSXKJUW36", "e-103"),
        ("B5RWM7QPQTYC2NFH", "e-104"),
        ("8ESN9AT52RNKZCY4", "e-106"),
        ("ZTAC924S8QHAZEYV", "e-108"),
        ("HXS8TBDXDTAAKBPH", "e-202"),
    ]);
    let students = read(dir, "annee2-eleves.rapproche.csv");
    assert_eq!(column(&students, "Identifiant ENT"), expected_students);
    let teachers = read(dir, "annee2-professeurs.rapproche.csv");
    assert_eq!(
        teachers,
        "Civilité;Nom;Prénom;Né(e) le;Identifiant PRONOTE-ENT;Identifiant CAS;Identifiant ENT\r\n\
         Mme;LAMBERT;Claire;04/04/1982;8T79EMPBMFR3JFSM;;e-301\r\n\
         Mme;HAMIDI;Nadia;20/01/1980;PM8RS3ZQVC5WEAN3;nadia.hamidi;e-302\r\n",
        "LAMBERT's login changed: her CAS id is cleared, the valid one kept"
    );
    let (stale, _, _) = rapproche(dir, &["report", "--stale-ids", "--format", "csv"]);
    // The header, then the rows; the last line is the personal-data notice.
    let stale: Vec<&str> = stale
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("Ce rapport contient des données personnelles"))
        .collect();
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(stale[0].contains(
        "WDFF5APJNEP8BEJQ;e-201;identifiant ENT e-101 : aucun compte de l'export ne le porte (périmé, effacé)"
    ), "{stale:?}");
    assert!(stale[1].contains(
        "73CCK2YHSXKJUW36;e-103;identifiant ENT e-104 : remplacé par le compte e-103, que le rapprochement désigne"
    ), "{stale:?}");
    let (explain, _, _) = rapproche(dir, &["explain", "8T79EMPBMFR3JFSM"]);
    assert!(
        explain.contains(
            "  Identifiant déjà présent : confirmé — identifiant ENT e-301 : confirmé ; login CAS claire.lambert périmé (effacé)\n"
        ),
        "{explain}"
    );
    let (json, _, _) = rapproche(dir, &["report", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["decisions"]["appliquees"], 2);
    assert_eq!(json["decisions"]["sans_effet"].as_array().unwrap().len(), 1);
    let (report, _, _) = rapproche(dir, &["report"]);
    assert!(
        report.contains(&format!(
            "Décision sans effet : « delier QDSWR4XVWVXRJM9J {today} # remplaçant, pas de compte ENT » : l'utilisateur Pronote QDSWR4XVWVXRJM9J n'est plus dans les listes\n"
        )),
        "{report}"
    );

    // ---- Year 2, reset: every existing id cleared, the new ones written.
    let mut reset = year2.to_vec();
    reset.extend(["--existing", "reset", "--force"]);
    let (stdout, _, code) = rapproche(dir, &reset);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Identifiants déjà présents dans les listes : 7 effacés.\n"),
        "{stdout}"
    );
    let students = read(dir, "annee2-eleves.rapproche.csv");
    assert_eq!(column(&students, "Identifiant ENT"), expected_students);
    let teachers = read(dir, "annee2-professeurs.rapproche.csv");
    assert_eq!(
        column(&teachers, "Identifiant CAS"),
        pairs(&[("8T79EMPBMFR3JFSM", ""), ("PM8RS3ZQVC5WEAN3", "")])
    );
    assert_eq!(
        column(&teachers, "Identifiant ENT"),
        pairs(&[("8T79EMPBMFR3JFSM", "e-301"), ("PM8RS3ZQVC5WEAN3", "e-302")])
    );

    // The decisions survived both years untouched.
    assert_eq!(
        std::fs::read(dir.join("rapproche-decisions.txt")).unwrap(),
        decisions_file
    );
}
