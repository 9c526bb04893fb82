//! `rapproche link`, `unlink`, `reject` and `review` on the sample run
//! result: the decisions file they write, their messages, their errors;
//! `review` through a pseudo-terminal (rexpect).

use crate::harness::{Test, binary};
use std::path::Path;

fn today() -> String {
    rapproche::decisions::today()
}

/// The decision lines of a decisions file (comments left out).
fn decision_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn link_records_and_replaces() {
    let today = today();
    let done = Test::with_state()
        .file(
            "mes-decisions.txt",
            "# tenu par le secrétariat\ndelier AAAAAAAAAAAAAAA2 2025-09-10 # erreur\n",
        )
        .args(&[
            "lier",
            "aaaaaaaaaaaaaaa2",
            "ent-tom",
            "--decisions",
            "mes-decisions.txt",
        ])
        .stdout(&format!(
            "Décision enregistrée dans « mes-decisions.txt » : lier AAAAAAAAAAAAAAA2 ent-tom {today}\n\
             Remplace : delier AAAAAAAAAAAAAAA2 2025-09-10 # erreur\n\
             Relancez « rapproche match » pour l'appliquer.\n"
        ))
        .run();
    let path = done.path("mes-decisions.txt");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("# tenu par le secrétariat\nlier AAAAAAAAAAAAAAA2 ent-tom {today}\n")
    );
    #[cfg(unix)]
    assert_eq!(crate::harness::mode(&path), 0o600);
}

#[test]
fn unknown_ids_are_a_warning() {
    let today = today();
    let done = Test::with_state()
        .args(&["reject", "ZZZZZZZZZZZZZZZZ", "ent-inconnu"])
        .stdout(&format!(
            "Décision enregistrée dans « rapproche-decisions.txt » : refuser ZZZZZZZZZZZZZZZZ ent-inconnu {today}\n\
             Relancez « rapproche match » pour l'appliquer.\n"
        ))
        .stderr(
            "attention : le dernier rapprochement ne connaît pas l'utilisateur Pronote ZZZZZZZZZZZZZZZZ (décision enregistrée quand même).\n\
             attention : le dernier rapprochement ne connaît pas le compte ENT ent-inconnu (décision enregistrée quand même).\n",
        )
        .run();
    assert_eq!(
        decision_lines(&done.path("rapproche-decisions.txt")),
        [format!("refuser ZZZZZZZZZZZZZZZZ ent-inconnu {today}")]
    );
}

#[test]
fn decision_errors() {
    let cases: [(&str, &[&str], &str, i32); 3] = [
        (
            "Pronote id of the wrong shape",
            &["unlink", "ABC"],
            "rapproche : erreur : « ABC » n'est pas un identifiant PRONOTE-ENT (16 caractères parmi ABCDEFHJKMNPQRSTUVWXYZ23456789).\n",
            2,
        ),
        (
            "ENT id with a space",
            &["link", "AAAAAAAAAAAAAAA2", "a b"],
            "rapproche : erreur : « a b » n'est pas un identifiant ENT (un mot sans espace ni #).\n",
            2,
        ),
        (
            "broken decisions file",
            &["unlink", "AAAAAAAAAAAAAAA2", "--decisions", "cassé.txt"],
            "rapproche : erreur : « cassé.txt », ligne 2 : « lie » n'est pas une décision (attendu : lier, delier ou refuser).\n\
             Corrigez la ligne (lier PRONOTE_ID ENT_ID, delier PRONOTE_ID, refuser PRONOTE_ID ENT_ID) ou mettez-la en commentaire avec #.\n",
            3,
        ),
    ];
    for (name, args, stderr, status) in cases {
        let done = Test::with_state()
            .file("cassé.txt", "# ok\nlie AAAAAAAAAAAAAAA2 e\n")
            .args(args)
            .stderr(stderr)
            .status(status)
            .run();
        assert!(!done.path("rapproche-decisions.txt").exists(), "{name}");
    }
}

#[test]
fn match_refuses_a_missing_decisions_file_it_was_given() {
    // Given explicitly, a missing file is a typo: nothing is decrypted or
    // written. The default file may be missing (no decision yet).
    let done = Test::new()
        .fixtures(&["export.xml", "eleves.csv"])
        .args(&["match", "export.xml", "eleves.csv", "--decisions", "absent.txt"])
        .stderr("rapproche : erreur : impossible de lire « absent.txt » : fichier ou dossier introuvable\n")
        .status(3)
        .run();
    assert!(!done.path("eleves.rapproche.csv").exists());
    assert!(!done.path(".rapproche").exists());
}

#[test]
fn review_needs_a_terminal() {
    Test::with_state()
        .args(&["review"])
        .stderr(
            "rapproche : erreur : « rapproche review » pose des questions et attend les réponses au clavier : lancez-la dans un terminal.\n\
             Pour décider sans terminal : rapproche link, rapproche unlink, rapproche reject.\n",
        )
        .status(2)
        .run();
}

/// Text as rexpect reads it from the terminal: one char per byte.
fn as_rexpect_sees(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Runs `review` on a pseudo-terminal in `dir`, giving `answers` one per
/// prompt; returns the exit code.
fn review_on_a_terminal(dir: &Path, answers: &[&str]) -> i32 {
    use rexpect::process::WaitStatus;
    let mut command = std::process::Command::new(binary());
    command.arg("review").current_dir(dir);
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    let prompt = as_rexpect_sees("Votre choix : ");
    for answer in answers {
        session.exp_string(&prompt).unwrap();
        session.send_line(answer).unwrap();
    }
    session.exp_eof().unwrap();
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("review ended with {other:?}"),
    }
}

#[test]
fn review_saves_each_answer_at_once() {
    let test = Test::with_state();
    let dir = test.path().to_path_buf();
    let today = today();
    // Accept the candidate of the first user, then quit before the second.
    assert_eq!(review_on_a_terminal(&dir, &["o", "q"]), 0);
    let path = dir.join("rapproche-decisions.txt");
    assert_eq!(
        decision_lines(&path),
        [format!(
            "lier AAAAAAAAAAAAAAA2 ent-tom {today} # rapproche review"
        )]
    );
    // A second session starts where the first stopped: the decided user is
    // not asked again; « pas de compte ENT » for the other.
    assert_eq!(review_on_a_terminal(&dir, &["n"]), 0);
    assert_eq!(
        decision_lines(&path),
        [
            format!("lier AAAAAAAAAAAAAAA2 ent-tom {today} # rapproche review"),
            format!("delier AAAAAAAAAAAAAAA3 {today} # rapproche review"),
        ]
    );
    // Nothing left: the third session says so and asks nothing.
    assert_eq!(review_on_a_terminal(&dir, &[]), 0);
}
