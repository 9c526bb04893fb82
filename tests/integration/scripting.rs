//! Unattended runs: the configuration file and its precedence under the
//! environment and the options, configurable labels and profiles, `--json`,
//! `--remove-export`, exit codes, byte-identical outputs between runs, a
//! rerun on its own output, and `diff` between two real runs.

use crate::harness::{Done, Test, fixture_bytes};
use serde_json::Value;

/// The demo export and students' list, matched with the demo key, with
/// extra arguments.
fn students_run(extra: &[&str]) -> Test {
    let mut args = vec![
        "match",
        "-i",
        "cle-demo.txt",
        "export.xml.age",
        "eleves.csv",
    ];
    args.extend_from_slice(extra);
    Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age", "eleves.csv"])
        .args(&args)
}

#[test]
fn configuration_file_in_the_working_directory() {
    let done = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age", "eleves.csv"])
        .file(
            "rapproche.toml",
            "identity = \"cle-demo.txt\"\nstate_dir = \"etat\"\noutput_dir = \"import\"\n\
             ent_import = \"import/ent.csv\"\nquiet = true\n",
        )
        .args(&["match", "export.xml.age", "eleves.csv"])
        .status(1)
        .run();
    for name in [
        "import/eleves.rapproche.csv",
        "import/ent.csv",
        "etat/resultat.json",
    ] {
        assert!(done.path(name).is_file(), "{name}");
    }
    // report finds the state directory through the same file.
    done.then().args(&["report", "--json"]).any_stdout().run();
}

/// The state directory set at each level: each level above wins.
#[test]
fn precedence_option_environment_file_default() {
    let config = "state_dir = \"etat-fichier\"\nquiet = true\n";
    type Case<'a> = (&'a str, Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);
    let cases: [Case; 4] = [
        ("default", vec!["-q"], vec![], ".rapproche"),
        (
            "file",
            vec!["--config", "conf/r.toml"],
            vec![],
            "conf/etat-fichier",
        ),
        (
            "environment over file",
            vec![],
            vec![
                ("RAPPROCHE_CONFIG", "conf/r.toml"),
                ("RAPPROCHE_STATE_DIR", "etat-env"),
            ],
            "etat-env",
        ),
        (
            "option over environment",
            vec!["--state-dir", "etat-option"],
            vec![
                ("RAPPROCHE_CONFIG", "conf/r.toml"),
                ("RAPPROCHE_STATE_DIR", "etat-env"),
            ],
            "etat-option",
        ),
    ];
    for (name, extra, vars, expected) in cases {
        let mut test = students_run(&extra).file("conf/r.toml", config).status(1);
        for (key, value) in vars {
            test = test.env(key, value);
        }
        let done = test.run();
        assert!(
            done.path(expected).join("resultat.json").is_file(),
            "{name}: no result in {expected}"
        );
        let others = [".rapproche", "conf/etat-fichier", "etat-env", "etat-option"];
        for other in others.iter().filter(|o| **o != expected) {
            assert!(!done.path(other).exists(), "{name}: {other} written");
        }
    }
}

#[test]
fn configuration_errors_are_usage_errors() {
    let cases: [(&str, &str, Vec<&str>, &str); 4] = [
        (
            "unknown key",
            "accept = 3\nacept = 4\n",
            vec!["report"],
            "rapproche : erreur : fichier de configuration « rapproche.toml », ligne 2, clé « acept » : clé inconnue.\n",
        ),
        (
            "bad value",
            "[profiles]\nENT_X = \"parents\"\n",
            vec!["report"],
            "rapproche : erreur : fichier de configuration « rapproche.toml », ligne 2, clé « profiles.ENT_X » : population inconnue « parents »",
        ),
        (
            "syntax",
            "accept = \n",
            vec!["report"],
            "rapproche : erreur : fichier de configuration « rapproche.toml », ligne 1, colonne 10 : syntaxe TOML invalide.\n",
        ),
        (
            "missing file named by the option",
            "",
            vec!["report", "--config", "absent.toml"],
            "rapproche : erreur : impossible de lire le fichier de configuration « absent.toml » : fichier ou dossier introuvable\n",
        ),
    ];
    for (name, text, args, expected) in cases {
        let done = Test::new()
            .file("rapproche.toml", text)
            .args(&args)
            .any_stderr()
            .status(2)
            .run();
        assert!(done.stderr.starts_with(expected), "{name}: {}", done.stderr);
    }
}

/// A school whose list says « Nom de famille » and « Prénom usuel ».
#[test]
fn column_labels_from_the_configuration_file() {
    let list = "Nom de famille;Prénom usuel;Né(e) le;Classe;Identifiant PRONOTE-ENT\r\n\
                ABADIE;Lucas;14/01/2013;6A;WDFF5APJNEP8BEJQ\r\n";
    let without = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .file("liste.csv", list)
        .args(&[
            "match",
            "-q",
            "-i",
            "cle-demo.txt",
            "export.xml.age",
            "liste.csv",
        ])
        .any_stderr()
        .status(3)
        .run();
    assert!(
        without
            .stderr
            .contains("colonnes obligatoires absentes : Nom, Prénom."),
        "{}",
        without.stderr
    );
    let done = without
        .then()
        .file(
            "rapproche.toml",
            "[labels]\nnom = \"Nom de famille\"\nprenom = [\"Prénom usuel\"]\n",
        )
        .args(&[
            "match",
            "-q",
            "-i",
            "cle-demo.txt",
            "export.xml.age",
            "liste.csv",
        ])
        .run();
    let import = done.text("liste.rapproche.csv");
    assert!(
        import.ends_with(";WDFF5APJNEP8BEJQ;7a6f3bc5-309b-42cf-aeb1-fc441dd130a0\r\n"),
        "{import}"
    );
}

/// One account whose profile is a collectivity's own code, without
/// `categoriePersonne`.
const LOCAL_PROFILE_EXPORT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ficAlimMENESR><addRequest><identifier><id>ent-1</id></identifier><attributes>
<attr name=\"sn\"><value>DUPONT</value></attr>
<attr name=\"givenName\"><value>Léa</value></attr>
<attr name=\"ENTPersonDateNaissance\"><value>14/03/2011</value></attr>
<attr name=\"ENTPersonProfils\"><value>ENT_ELEVE_LOCAL</value></attr>
</attributes></addRequest></ficAlimMENESR>
";

const ONE_STUDENT: &str = "Nom;Prénom;Né(e) le;Classe;Identifiant PRONOTE-ENT\r\nDUPONT;Léa;14/03/2011;5A;ABCDEFHJKMNPQRST\r\n";

fn json_of(done: &Done) -> Value {
    serde_json::from_str(&done.stdout).unwrap_or_else(|e| panic!("{e}: {}", done.stdout))
}

#[test]
fn profile_mapping_from_the_configuration_file() {
    let args = ["match", "-q", "--json", "export.xml", "eleves.csv"];
    // Unknown profile: the account is counted without population, not dropped.
    let unknown = Test::new()
        .file("export.xml", LOCAL_PROFILE_EXPORT)
        .file("eleves.csv", ONE_STUDENT)
        .args(&args)
        .any_stdout()
        .status(1)
        .run();
    let value = json_of(&unknown);
    let without_population = value["bilan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["population"].is_null())
        .unwrap_or_else(|| panic!("no line without population: {value}"));
    assert_eq!(without_population["comptes_ent"], 1);
    assert_eq!(without_population["non_rapproches_ent"], 1);
    assert_eq!(value["total"]["comptes_ent"], 1);
    // Without -q, the profile codes to map are named.
    let warned = unknown
        .then()
        .args(&["match", "--json", "--force", "export.xml", "eleves.csv"])
        .any_stdout()
        .any_stderr()
        .status(1)
        .run();
    assert!(
        warned.stderr.contains(
            "attention : 1 compte ENT n'a aucune population Pronote (profils inconnus : ENT_ELEVE_LOCAL)"
        ),
        "{}",
        warned.stderr
    );
    let report = warned
        .then()
        .args(&["report"])
        .env("COLUMNS", "1000")
        .any_stdout()
        .run();
    assert!(
        report.stdout.contains("(sans population)"),
        "{}",
        report.stdout
    );

    let known = report
        .then()
        .file(
            "rapproche.toml",
            "[profiles]\nENT_ELEVE_LOCAL = \"eleves\"\n",
        )
        .args(&[
            "match",
            "-q",
            "--json",
            "--force",
            "export.xml",
            "eleves.csv",
        ])
        .any_stdout()
        .run();
    let value = json_of(&known);
    assert_eq!(value["total"]["rapproches_exact"], 1);
    assert_eq!(value["bilan"].as_array().unwrap().len(), 1);
    assert_eq!(value["bilan"][0]["population"], "eleves");
}

#[test]
fn match_json_has_the_report_summary() {
    let done = students_run(&["--json", "--ent-import", "ent.csv"])
        .any_stdout()
        .status(1)
        .run();
    let value = json_of(&done);
    let report = done.then().args(&["report", "--json"]).any_stdout().run();
    let summary = json_of(&report);
    for key in ["version", "seuils", "bilan", "total"] {
        assert_eq!(value[key], summary[key], "{key}");
    }
    assert_eq!(
        value["fichiers_ecrits"],
        serde_json::json!(["eleves.rapproche.csv", "ent.csv"])
    );
    assert_eq!(value["resultat"], ".rapproche/resultat.json");
    assert_eq!(value["exports_supprimes"], serde_json::json!([]));
    assert_eq!(
        value["rappel"],
        "Avant d'importer dans Pronote, faites une sauvegarde de la base."
    );
    assert!(value["total"]["a_verifier"].as_u64().unwrap() > 0);
}

#[test]
fn remove_export_once_everything_is_written() {
    let done = students_run(&["--remove-export"])
        .any_stdout()
        .status(1)
        .run();
    assert!(!done.path("export.xml.age").exists());
    assert!(done.path("eleves.rapproche.csv").is_file());
    assert!(done.path("cle-demo.txt").is_file());
    let lines: Vec<&str> = done.stdout.lines().rev().take(2).collect();
    assert_eq!(
        lines,
        [
            "Avant d'importer dans Pronote, faites une sauvegarde de la base.",
            "Export supprimé : export.xml.age",
        ]
    );
    // In JSON, from the configuration file; a file given twice is one file.
    let json = students_run(&["--json", "./export.xml.age"])
        .file("rapproche.toml", "remove_export = true\n")
        .any_stdout()
        .any_stderr()
        .status(1)
        .run();
    assert!(!json.path("export.xml.age").exists());
    assert_eq!(
        json_of(&json)["exports_supprimes"],
        serde_json::json!(["export.xml.age"])
    );
}

#[test]
fn export_kept_on_error() {
    let cases: [(&str, &str, i32); 2] = [
        ("output exists", "eleves.rapproche.csv", 2),
        ("bad list", "eleves.csv", 3),
    ];
    for (name, file, status) in cases {
        let done = students_run(&["--remove-export"])
            .file(file, "pas;une;liste\r\n\"\r\n")
            .any_stderr()
            .status(status)
            .run();
        assert!(done.path("export.xml.age").is_file(), "{name}");
    }
}

#[test]
fn exit_codes_of_every_command() {
    // 0: everything linked (one student, exact).
    Test::new()
        .file(
            "export.xml",
            &LOCAL_PROFILE_EXPORT.replace("ENT_ELEVE_LOCAL", "National_1"),
        )
        .file("eleves.csv", ONE_STUDENT)
        .args(&["match", "-q", "export.xml", "eleves.csv"])
        .run()
        // report, explain: 0 when they can answer, even with users to review.
        .then()
        .args(&["report"])
        .any_stdout()
        .run()
        .then()
        .args(&["explain", "ABCDEFHJKMNPQRST"])
        .any_stdout()
        .run()
        .then()
        .args(&["explain", "INCONNU"])
        .any_stderr()
        .status(2)
        .run();
    // 1: accounts left to review or unmatched.
    students_run(&["-q"]).status(1).run();
    // 2: usage; 3: input.
    students_run(&["--accept", "x"])
        .any_stderr()
        .status(2)
        .run();
    Test::new()
        .file("export.xml", "<ficAlimMENESR><addRequest>")
        .file("eleves.csv", ONE_STUDENT)
        .args(&["match", "-q", "export.xml", "eleves.csv"])
        .any_stderr()
        .status(3)
        .run();
    // diff: a missing result is a usage error, as for report.
    Test::new()
        .args(&["diff", "a", "b"])
        .any_stderr()
        .status(2)
        .run();
}

/// Every output of two runs in two folders: the same bytes.
#[test]
fn outputs_are_byte_identical_between_runs() {
    let run = || {
        let done = students_run(&["-q", "--ent-import", "ent.csv"])
            .status(1)
            .run();
        let mut outputs = vec![];
        for name in [
            "eleves.rapproche.csv",
            "ent.csv",
            ".rapproche/resultat.json",
        ] {
            outputs.push(done.read(name));
        }
        let mut done = done;
        for format in ["table", "csv", "json"] {
            done = done
                .then()
                .args(&[
                    "report",
                    "--unmatched",
                    "--format",
                    format,
                    "-o",
                    "r.out",
                    "--force",
                ])
                .run();
            outputs.push(done.read("r.out"));
        }
        (done, outputs)
    };
    let (first, first_outputs) = run();
    let (second, second_outputs) = run();
    assert!(first_outputs == second_outputs);
    // diff between the two: nothing, exit 0.
    let old = first.path(".rapproche");
    let new = second.path(".rapproche").join("resultat.json");
    Test::new()
        .args(&["diff", old.to_str().unwrap(), new.to_str().unwrap()])
        .stdout("Aucune différence entre les deux résultats.\n")
        .run();
}

/// The import files given back as the lists: the same import files again.
#[test]
fn rerun_on_its_own_output_changes_nothing() {
    let lists = [
        "eleves.csv",
        "responsables.csv",
        "professeurs.csv",
        "personnels.csv",
    ];
    let mut args = vec!["match", "-q", "-i", "cle-demo.txt", "export.xml.age"];
    args.extend(lists);
    args.extend(["--output-dir", "an1"]);
    let first = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .fixtures(&lists)
        .args(&args)
        .status(1)
        .run();
    // The year-1 import files, under their lists' names, as the new lists.
    let mut second = first.then();
    for list in lists {
        let import = std::fs::read(
            second
                .path()
                .join("an1")
                .join(list.replace(".csv", ".rapproche.csv")),
        )
        .unwrap();
        second = second.bytes(&format!("listes/{list}"), &import);
    }
    let mut args = vec!["match", "-q", "-i", "cle-demo.txt", "export.xml.age"];
    let relisted: Vec<String> = lists.iter().map(|l| format!("listes/{l}")).collect();
    args.extend(relisted.iter().map(String::as_str));
    args.extend(["--output-dir", "an2", "--state-dir", "etat2"]);
    let done = second.args(&args).status(1).run();
    for list in lists {
        let name = list.replace(".csv", ".rapproche.csv");
        assert!(
            done.read(&format!("an1/{name}")) == done.read(&format!("an2/{name}")),
            "{name} changed on a rerun"
        );
    }
    done.then()
        .args(&["diff", ".rapproche", "etat2"])
        .stdout("Aucune différence entre les deux résultats.\n")
        .run();
}

/// Year 1 and year 2 of the demo: an account recreated by the ENT (new id)
/// and a student who left.
#[test]
fn diff_between_two_real_runs() {
    let old_id = "7a6f3bc5-309b-42cf-aeb1-fc441dd130a0";
    let new_id = "0f0e0d0c-0b0a-4909-8807-060504030201";
    let export = String::from_utf8(fixture_bytes("export.xml")).unwrap();
    let students = fixture_bytes("eleves.csv");
    // BENSAÏD Yanis (D8J2ACU393DNCF3A) left: his line is dropped.
    let year2: Vec<u8> = students
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| !line.windows(16).any(|w| w == b"D8J2ACU393DNCF3A"))
        .flatten()
        .copied()
        .collect();
    let done = Test::new()
        .fixtures(&["export.xml", "eleves.csv"])
        .file("an2/export.xml", &export.replace(old_id, new_id))
        .bytes("an2/eleves.csv", &year2)
        .args(&[
            "match",
            "-q",
            "export.xml",
            "eleves.csv",
            "--state-dir",
            "an1",
        ])
        .status(1)
        .run()
        .then()
        .args(&[
            "match",
            "-q",
            "an2/export.xml",
            "an2/eleves.csv",
            "--state-dir",
            "an2/etat",
        ])
        .status(1)
        .run();
    let table = done
        .then()
        .args(&["diff", "an1", "an2/etat"])
        .any_stdout()
        .status(1)
        .run();
    assert!(
        table.stdout.contains(
            "nouveau lien : 0, lien perdu : 1, identifiant changé : 1, statut changé : 0."
        ),
        "{}",
        table.stdout
    );
    let csv = table
        .then()
        .args(&["diff", "an1/resultat.json", "an2/etat", "--format", "csv"])
        .any_stdout()
        .status(1)
        .run();
    let lines: Vec<&str> = csv.stdout.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.stdout);
    assert_eq!(
        lines[1],
        "lien-perdu;eleves;BENSAÏD;Yanis;D8J2ACU393DNCF3A;7504498;;exact;"
    );
    assert_eq!(
        lines[2],
        format!(
            "identifiant-change;eleves;ABADIE;Lucas;WDFF5APJNEP8BEJQ;{old_id};{new_id};exact;exact"
        )
    );
    let json = csv
        .then()
        .args(&["diff", "an1", "an2/etat", "--format", "json"])
        .any_stdout()
        .status(1)
        .run();
    let value = json_of(&json);
    assert_eq!(value["changements"][0]["changement"], "lien-perdu");
    assert_eq!(value["changements"][0]["nouveau_statut"], Value::Null);
}
