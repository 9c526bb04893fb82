//! `rapproche match` on the demo establishment (`fixtures/college/`), then
//! `report` and `explain` on its result: every import file is its input
//! list byte for byte except the `Identifiant ENT` cells, every link is the
//! one `attendu.csv` (the ground truth) expects, the files holding personal
//! data are private, and two runs give the same bytes.

use crate::harness::{Done, Test, fixture_bytes, mode, tree};
use rapproche::report::PERSONAL_DATA_NOTICE;
use std::collections::{BTreeMap, BTreeSet};

/// The demo's Pronote lists: file, population label in the reports, and
/// whether the file is Windows-1252 (the others are UTF-8).
const LISTS: [(&str, &str, bool); 4] = [
    ("eleves.csv", "Élèves", true),
    ("responsables.csv", "Responsables", false),
    ("professeurs.csv", "Professeurs", false),
    ("personnels.csv", "Personnels", false),
];

const ENT_ID: &[u8] = b"Identifiant ENT";
const PRONOTE_ID: &[u8] = b"Identifiant PRONOTE-ENT";

/// What `attendu.csv` says of one Pronote user.
struct Expected {
    ent_id: String,
    status: String,
}

impl Expected {
    fn linked(&self) -> bool {
        matches!(self.status.as_str(), "exact" | "approche")
    }
}

/// `attendu.csv`: Pronote id → expectation; and the ENT ids of the
/// accounts that exist only in the ENT (empty Pronote id).
fn ground_truth() -> (BTreeMap<String, Expected>, Vec<String>) {
    let text = String::from_utf8(fixture_bytes("attendu.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Identifiant PRONOTE-ENT;Identifiant ENT attendu;Statut attendu;Piège")
    );
    let mut users = BTreeMap::new();
    let mut ent_only = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.split(';').collect();
        let (pronote, ent, status) = (cells[0], cells[1], cells[2]);
        assert!(
            ["exact", "approche", "a-verifier", "non-rapproche"].contains(&status),
            "attendu.csv: status {status:?}"
        );
        if pronote.is_empty() {
            ent_only.push(ent.to_string());
        } else {
            let expected = Expected {
                ent_id: ent.to_string(),
                status: status.to_string(),
            };
            assert!(users.insert(pronote.to_string(), expected).is_none());
        }
    }
    (users, ent_only)
}

/// Splits a list into lines (CRLF, as all the demo lists) and cells. The
/// demo lists quote nothing, so a `;` always separates two cells.
fn rows(bytes: &[u8]) -> Vec<Vec<&[u8]>> {
    assert!(!bytes.contains(&b'"'), "the demo lists quote nothing");
    assert!(bytes.ends_with(b"\r\n"), "the demo lists end with CRLF");
    let lone_lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!(lone_lf, crlf, "every line ends with CRLF");
    bytes[..bytes.len() - 2]
        .split(|&b| b == b'\n')
        .map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            line.split(|&b| b == b';').collect()
        })
        .collect()
}

fn column(header: &[&[u8]], name: &[u8]) -> Option<usize> {
    header.iter().position(|cell| {
        cell.strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(cell)
            == name
    })
}

/// The demo's four lists and its encrypted export, matched with the demo
/// key; the ENT import file asked for too.
fn demo_run() -> Done {
    let mut args = vec!["match", "-i", "cle-demo.txt", "export.xml.age"];
    args.extend(LISTS.map(|(file, _, _)| file));
    args.extend(["--ent-import", "ent-import.csv"]);
    Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .fixtures(&LISTS.map(|(file, _, _)| file))
        .args(&args)
        .any_stdout()
        .status(1)
        .run()
}

/// The users whose `Identifiant CAS` is stale in the demo lists
/// (fixtures/README.md): the import file clears them.
const STALE_CAS: [&str; 2] = ["MAE93X3TKZ435CS3", "8T79EMPBMFR3JFSM"];

fn import_name(list: &str) -> String {
    list.replace(".csv", ".rapproche.csv")
}

/// The text of a report table's row whose first cell is `first`, cell by cell.
fn table_row(table: &str, first: &str) -> Vec<String> {
    let line = table
        .lines()
        .find(|line| {
            line.trim_start_matches('│')
                .split('┆')
                .next()
                .is_some_and(|cell| cell.trim() == first)
        })
        .unwrap_or_else(|| panic!("no row {first:?} in\n{table}"));
    line.trim_matches('│')
        .split('┆')
        .map(|cell| cell.trim().to_string())
        .collect()
}

#[test]
fn demo_run_links_what_the_ground_truth_expects() {
    let done = demo_run();
    assert_eq!(done.stderr, "", "an encrypted export: no warning");
    let (expected, ent_only) = ground_truth();
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    let mut written_ids = BTreeSet::new();
    let mut cas_changes: Vec<(String, bool)> = Vec::new();
    for (list, _, _) in LISTS {
        let input = fixture_bytes(list);
        let output = done.read(&import_name(list));
        let (input_rows, output_rows) = (rows(&input), rows(&output));
        assert_eq!(input_rows.len(), output_rows.len(), "{list}: rows");
        let ent_column = column(&output_rows[0], ENT_ID).expect("Identifiant ENT column");
        let id_column = column(&output_rows[0], PRONOTE_ID).unwrap();
        let had_column = column(&input_rows[0], ENT_ID).is_some();
        if !had_column {
            assert_eq!(ent_column, output_rows[0].len() - 1, "{list}: appended");
        }
        for (n, (before, after)) in input_rows.iter().zip(&output_rows).enumerate() {
            // Byte for byte the input, Identifiant ENT aside: encoding,
            // BOM, delimiter and line endings kept.
            // Identifiant CAS aside too: a stale login is cleared (seeds
            // 001 and 004), a valid one kept.
            let cas_column = column(&output_rows[0], b"Identifiant CAS");
            let mut rest = after.clone();
            let mut kept = before.clone();
            for (column, present) in [(Some(ent_column), had_column), (cas_column, true)] {
                if let Some(column) = column {
                    rest[column] = b"";
                    if present {
                        kept[column] = b"";
                    }
                }
            }
            if !had_column {
                rest.remove(ent_column);
            }
            assert_eq!(rest, kept, "{list}, line {}", n + 1);
            if let Some(c) = cas_column.filter(|_| n > 0) {
                let (old, new) = (before[c], after[c]);
                assert!(new == old || new.is_empty(), "{list}, line {}: CAS", n + 1);
                cas_changes.push((
                    String::from_utf8(after[id_column].to_vec()).unwrap(),
                    old != new,
                ));
            }
            if n == 0 {
                continue;
            }
            let id = String::from_utf8(after[id_column].to_vec()).unwrap();
            let ent = String::from_utf8(after[ent_column].to_vec()).unwrap();
            if had_column {
                assert_eq!(
                    before[ent_column], b"",
                    "{list}: the demo lists hold no ENT id"
                );
            }
            assert!(seen.insert(id.clone()), "{id} in two lists");
            let Some(truth) = expected.get(&id) else {
                panic!("{list}: {id} is not in attendu.csv");
            };
            match (truth.linked(), ent.is_empty()) {
                (true, _) if ent == truth.ent_id => {}
                (true, true) => wrong.push(format!("{id}: not linked, expected {}", truth.ent_id)),
                (true, false) => {
                    wrong.push(format!("{id}: linked to {ent}, expected {}", truth.ent_id))
                }
                (false, false) => wrong.push(format!(
                    "{id} ({}): must not be linked, linked to {ent}",
                    truth.status
                )),
                (false, true) => {}
            }
            if !ent.is_empty() {
                assert!(written_ids.insert(ent.clone()), "{ent} written twice");
            }
        }
        assert_eq!(
            input.starts_with(b"\xEF\xBB\xBF"),
            output.starts_with(b"\xEF\xBB\xBF")
        );
    }
    assert!(
        wrong.is_empty(),
        "links differ from attendu.csv:\n{}",
        wrong.join("\n")
    );
    // The stale CAS logins of fixtures/README.md are cleared, and only they.
    let cleared: BTreeSet<&str> = cas_changes
        .iter()
        .filter(|(_, changed)| *changed)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(cleared, STALE_CAS.into_iter().collect::<BTreeSet<_>>());
    assert_eq!(
        seen,
        expected.keys().cloned().collect::<BTreeSet<_>>(),
        "every Pronote user of attendu.csv is in one list"
    );
    for id in ent_only {
        assert!(!written_ids.contains(&id), "ENT-only account {id} written");
    }
}

#[test]
fn demo_import_files_keep_their_encoding() {
    let done = demo_run();
    // Windows-1252 stays Windows-1252: « Prénom » is one byte 0xE9 wide.
    let eleves = done.read("eleves.rapproche.csv");
    assert!(eleves.starts_with(b"Nom;Pr\xE9nom;N\xE9(e) le;"));
    assert!(
        std::str::from_utf8(&eleves).is_err(),
        "not turned into UTF-8"
    );
    // The UTF-8 BOM is kept, and only where it was.
    let responsables = done.read("responsables.rapproche.csv");
    assert!(responsables.starts_with("\u{feff}Civilité;Nom;Prénom;".as_bytes()));
    let professeurs = done.text("professeurs.rapproche.csv");
    assert!(professeurs.starts_with("Civilité;Nom;Prénom;"));
    // The column is appended where the list had none.
    assert!(professeurs.starts_with(
        "Civilité;Nom;Prénom;Né(e) le;E-mail;Identifiant PRONOTE-ENT;Identifiant CAS;Identifiant ENT\r\n"
    ));
}

#[cfg(unix)]
#[test]
fn demo_outputs_are_private() {
    let done = demo_run();
    for (list, _, _) in LISTS {
        assert_eq!(mode(&done.path(&import_name(list))), 0o600, "{list}");
    }
    assert_eq!(mode(&done.path("ent-import.csv")), 0o600);
    assert_eq!(mode(&done.path(".rapproche")), 0o700);
    assert_eq!(mode(&done.path(".rapproche/resultat.json")), 0o600);
    // No temporary file left, nothing else written.
    let mut expected = vec![
        ".rapproche".to_string(),
        ".rapproche/resultat.json".to_string(),
        "cle-demo.txt".to_string(),
        "ent-import.csv".to_string(),
        "export.xml.age".to_string(),
    ];
    for (list, _, _) in LISTS {
        expected.extend([list.to_string(), import_name(list)]);
    }
    expected.sort();
    assert_eq!(tree(done.dir.path()), expected);
}

#[test]
fn demo_run_tells_what_it_wrote() {
    let done = demo_run();
    let stdout = &done.stdout.clone();
    for line in [
        "Écrit : eleves.rapproche.csv\n",
        "Écrit : responsables.rapproche.csv\n",
        "Écrit : professeurs.rapproche.csv\n",
        "Écrit : personnels.rapproche.csv\n",
        "Écrit : ent-import.csv\n",
        "Résultat gardé dans « .rapproche » (données personnelles). Détail : rapproche report --unmatched\n",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }
    assert!(stdout.ends_with("Avant d'importer dans Pronote, faites une sauvegarde de la base.\n"));
    // The summary printed is the one `report` prints.
    let report = done.then().args(&["report"]).any_stdout().run();
    assert!(
        stdout.starts_with(&report.stdout),
        "{stdout}\n---\n{}",
        report.stdout
    );
}

#[test]
fn ent_import_file_lists_every_link() {
    let done = demo_run();
    let text = done.text("ent-import.csv");
    let body = text.strip_suffix("\r\n").expect("ends with CRLF");
    let mut lines = body.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("Identifiant ENT;Identifiant PRONOTE-ENT")
    );
    let written: BTreeSet<(String, String)> = lines
        .map(|line| {
            let (ent, pronote) = line.split_once(';').unwrap();
            (ent.to_string(), pronote.to_string())
        })
        .collect();
    let (expected, _) = ground_truth();
    let links: BTreeSet<(String, String)> = expected
        .iter()
        .filter(|(_, e)| e.linked())
        .map(|(pronote, e)| (e.ent_id.clone(), pronote.clone()))
        .collect();
    assert_eq!(written, links);
    assert_eq!(text.lines().count(), links.len() + 1, "one line per link");
}

#[test]
fn report_summary_of_the_demo_run() {
    let (expected, _) = ground_truth();
    let count = |ids: &mut dyn Iterator<Item = &Expected>| {
        let mut counts = [0usize; 5];
        for e in ids {
            counts[0] += 1;
            let k = ["exact", "approche", "a-verifier", "non-rapproche"]
                .iter()
                .position(|s| *s == e.status)
                .unwrap();
            counts[k + 1] += 1;
        }
        counts.map(|c| c.to_string())
    };
    // A wide terminal: one line per row.
    let done = demo_run()
        .then()
        .args(&["report"])
        .env("COLUMNS", "1000")
        .any_stdout()
        .run();
    // Columns: population, Pronote users, ENT accounts, exact, approché,
    // à vérifier, unmatched Pronote, unmatched ENT.
    let total = table_row(&done.stdout, "Total");
    let accounts = String::from_utf8(fixture_bytes("export.xml"))
        .unwrap()
        .matches("<addRequest>")
        .count();
    let [users, exact, approx, review, unmatched] = count(&mut expected.values());
    assert_eq!(
        total[1..7],
        [
            users,
            accounts.to_string(),
            exact,
            approx,
            review,
            unmatched
        ],
        "{}",
        done.stdout
    );
    let linked = expected.values().filter(|e| e.linked()).count();
    assert_eq!(total[7], (accounts - linked).to_string(), "unmatched ENT");
    for (list, label, _) in &LISTS[..3] {
        let bytes = fixture_bytes(list);
        let list_rows = rows(&bytes);
        let id_column = column(&list_rows[0], PRONOTE_ID).unwrap();
        let ids: Vec<String> = list_rows[1..]
            .iter()
            .map(|r| String::from_utf8(r[id_column].to_vec()).unwrap())
            .collect();
        let [users, exact, approx, review, unmatched] =
            count(&mut ids.iter().map(|id| &expected[id]));
        let row = table_row(&done.stdout, label);
        assert_eq!(
            [&row[1], &row[3], &row[4], &row[5], &row[6]],
            [&users, &exact, &approx, &review, &unmatched],
            "{label}"
        );
    }
}

#[test]
fn report_unmatched_students_of_the_demo_run() {
    let (expected, _) = ground_truth();
    let done = demo_run()
        .then()
        .args(&["report", "--unmatched", "--population", "eleves"])
        .env("COLUMNS", "1000")
        .any_stdout()
        .run();
    let stdout = &done.stdout;
    let shown: Vec<Vec<String>> = stdout
        .lines()
        .filter(|l| l.starts_with("│ Pronote ") || l.starts_with("│ ENT "))
        .map(|l| {
            l.trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    // Source, population, status, name, given name, birth date, postal
    // code, class, Pronote id, ENT id, closest candidates.
    let bytes = fixture_bytes("eleves.csv");
    let list_rows = rows(&bytes);
    let id_column = column(&list_rows[0], PRONOTE_ID).unwrap();
    let left: BTreeSet<String> = list_rows[1..]
        .iter()
        .map(|r| String::from_utf8(r[id_column].to_vec()).unwrap())
        .filter(|id| !expected[id].linked())
        .collect();
    let pronote_shown: BTreeSet<String> = shown
        .iter()
        .filter(|row| row[0] == "Pronote")
        .map(|row| row[8].clone())
        .collect();
    assert_eq!(pronote_shown, left, "{stdout}");
    for row in &shown {
        assert_eq!(row[1], "Élèves", "{row:?}");
        assert!(
            ["à vérifier", "non rapproché"].contains(&row[2].as_str()),
            "{row:?}"
        );
    }
    // The student account that exists only in the ENT (Awa TRAORÉ).
    assert!(shown.iter().any(|row| row[0] == "ENT"
        && row[2] == "non rapproché"
        && row[9] == "14b9438c-f30b-425e-8c05-9be7d8ed6618"));
    // The candidates of a user to review are shown with their score and why.
    let emma = shown
        .iter()
        .find(|row| row[8] == "4TYHJ5VAS2Q7YDU7")
        .unwrap();
    assert_eq!(
        emma[10],
        "fd258bf1-0f36-4662-9d82-7041ec506760 (12,3) : date de naissance illisible : à vérifier"
    );
    assert!(stdout.ends_with(&format!(
        "{} comptes. {PERSONAL_DATA_NOTICE}\n",
        shown.len()
    )));
}

#[test]
fn explain_users_of_the_demo_run() {
    let done = demo_run();
    let cases: [(&str, &[&str]); 5] = [
        (
            "WDFF5APJNEP8BEJQ",
            &[
                "Utilisateur Pronote WDFF5APJNEP8BEJQ (Élèves, eleves.csv, ligne 2)\n",
                "  Statut : rapproché (exact)\n",
                "  Rapproché avec : compte ENT 7a6f3bc5-309b-42cf-aeb1-fc441dd130a0 : ABADIE Lucas",
                "  Décision : rapproché — lien exact : nom, prénom et clé identiques, sans concurrent\n",
            ],
        ),
        (
            "HPR33YNQ5NDCKDN2",
            &[
                "  Statut : rapproché (approché)\n",
                "  Né(e) le     jour et mois inversés ",
                "  Probabilité d'être la même personne ",
                "  Décision : rapproché — lien approché : score ",
            ],
        ),
        (
            "4TYHJ5VAS2Q7YDU7",
            &[
                "Utilisateur Pronote 4TYHJ5VAS2Q7YDU7 (Élèves, eleves.csv, ligne 14)\n",
                "  Statut : à vérifier\n",
                "Candidat 1 : compte ENT fd258bf1-0f36-4662-9d82-7041ec506760 : GIRAUD Emma",
                "  Décision : non rapproché — date de naissance illisible : à vérifier\n",
            ],
        ),
        (
            "4DE6P9NE2ECJD74A",
            &[
                "Utilisateur Pronote 4DE6P9NE2ECJD74A (Professeurs, professeurs.csv, ligne 12)\n",
                "  Statut : non rapproché\n",
                "Aucun candidat : aucun compte ENT de la même population n'est assez proche.\n",
            ],
        ),
        (
            "14b9438c-f30b-425e-8c05-9be7d8ed6618",
            &[
                "Compte ENT 14b9438c-f30b-425e-8c05-9be7d8ed6618 (Élèves, export.xml.age, ligne ",
                "  Statut : non rapproché\n",
                "Aucun candidat : aucun utilisateur Pronote de la même population n'est assez proche.\n",
            ],
        ),
    ];
    let mut test = done.then();
    for (id, lines) in cases {
        let done = test.args(&["explain", id]).any_stdout().run();
        for line in lines {
            assert!(
                done.stdout.contains(line),
                "explain {id}: missing {line:?} in\n{}",
                done.stdout
            );
        }
        assert!(
            done.stdout
                .contains("\nSeuils de ce rapprochement : score minimal ")
        );
        test = done.then();
    }
}

#[test]
fn two_runs_give_the_same_bytes() {
    let first = demo_run();
    let second = demo_run();
    let mut outputs: Vec<String> = LISTS.iter().map(|(list, _, _)| import_name(list)).collect();
    outputs.extend(["ent-import.csv".into(), ".rapproche/resultat.json".into()]);
    for name in outputs {
        assert!(
            first.read(&name) == second.read(&name),
            "{name} differs between two runs"
        );
    }
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn plain_export_works_with_a_warning() {
    let encrypted = demo_run();
    let done = Test::new()
        .fixtures(&["export.xml", "eleves.csv", "responsables.csv"])
        .args(&["match", "export.xml", "eleves.csv", "responsables.csv"])
        .stderr(
            "attention : « export.xml » n'est pas chiffré. Il contient des données personnelles : \
             ne le laissez pas traîner, supprimez-le après usage.\n",
        )
        .any_stdout()
        .status(1)
        .run();
    // Same links as from the encrypted export (which holds the same XML).
    for name in ["eleves.rapproche.csv", "responsables.rapproche.csv"] {
        assert!(done.read(name) == encrypted.read(name), "{name}");
    }
}

#[test]
fn read_only_run_reads_everything_and_writes_nothing() {
    let mut args = vec![
        "match",
        "--lecture-seule",
        "-i",
        "cle-demo.txt",
        "export.xml.age",
    ];
    args.extend(LISTS.map(|(file, _, _)| file));
    let done = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .fixtures(&LISTS.map(|(file, _, _)| file))
        .args(&args)
        .stdout(
            "Lecture seule : 110 comptes ENT et 114 utilisateurs Pronote lus ; \
             rien n'est rapproché ni écrit.\n",
        )
        .run();
    let mut inputs = vec!["cle-demo.txt", "export.xml.age"];
    inputs.extend(LISTS.map(|(file, _, _)| file));
    inputs.sort();
    assert_eq!(tree(done.dir.path()), inputs);
}

#[test]
fn quiet_run_prints_nothing() {
    Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age", "eleves.csv"])
        .args(&[
            "match",
            "-q",
            "-i",
            "cle-demo.txt",
            "export.xml.age",
            "eleves.csv",
        ])
        .status(1)
        .run();
}

#[test]
fn quiet_run_on_a_plain_export_prints_nothing_either() {
    Test::new()
        .fixtures(&["export.xml", "eleves.csv"])
        .args(&["match", "-q", "export.xml", "eleves.csv"])
        .status(1)
        .run();
}

#[cfg(unix)]
#[test]
fn output_dir_names_same_named_lists_after_their_folders() {
    // A region: each establishment's lists in a folder named after it.
    let list = fixture_bytes("eleves.csv");
    let done = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .bytes("0130001A/eleves.csv", &list)
        .bytes("annexe/eleves.csv", &list)
        .args(&[
            "match",
            "-q",
            "-i",
            "cle-demo.txt",
            "export.xml.age",
            "0130001A/eleves.csv",
            "annexe/eleves.csv",
            "--output-dir",
            "import",
        ])
        .any_stderr()
        .status(1)
        .run();
    let rows = |name: &str| {
        std::fs::read(done.path(name))
            .unwrap()
            .split(|&b| b == b'\n')
            .count()
    };
    for name in [
        "import/0130001A-eleves.rapproche.csv",
        "import/annexe-eleves.rapproche.csv",
    ] {
        assert_eq!(rows(name), rows("0130001A/eleves.csv"), "{name}");
    }
    assert!(!done.path("import/eleves.rapproche.csv").exists());
}

#[test]
fn output_dir_and_state_dir() {
    let done = Test::new()
        .fixtures(&[
            "cle-demo.txt",
            "export.xml.age",
            "eleves.csv",
            "responsables.csv",
        ])
        .args(&[
            "match",
            "-q",
            "-i",
            "cle-demo.txt",
            "export.xml.age",
            "eleves.csv",
            "responsables.csv",
            "--output-dir",
            "import",
            "--state-dir",
            "etat",
        ])
        .status(1)
        .run();
    assert_eq!(mode(&done.path("import")), 0o700);
    assert_eq!(mode(&done.path("import/eleves.rapproche.csv")), 0o600);
    assert_eq!(mode(&done.path("import/responsables.rapproche.csv")), 0o600);
    assert_eq!(mode(&done.path("etat/resultat.json")), 0o600);
    assert!(!done.path(".rapproche").exists());
    assert!(!done.path("eleves.rapproche.csv").exists());
    done.then()
        .args(&["explain", "--state-dir", "etat", "WDFF5APJNEP8BEJQ"])
        .any_stdout()
        .run();
}
