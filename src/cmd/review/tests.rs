use super::*;
use crate::decisions::{DecisionsPath, parse};
use crate::report::fixture;
use std::path::PathBuf;

fn config() -> ReviewConfig {
    ReviewConfig {
        state_dir: PathBuf::from(".rapproche"),
        decisions: DecisionsPath {
            path: PathBuf::from("decisions.txt"),
            explicit: false,
        },
        population: None,
    }
}

/// Runs the dialogue on `answers`; returns the file's decisions (verb and
/// ids), how many times it was saved, and what was shown.
fn dialogue(file: &str, answers: &str) -> (Vec<String>, usize, String) {
    let mut file = parse(file).unwrap();
    let mut input = answers.as_bytes();
    let mut output = Vec::new();
    let mut saves = 0;
    review(
        &fixture::state(),
        &config(),
        &mut file,
        &mut input,
        &mut output,
        &mut |_| {
            saves += 1;
            Ok(())
        },
    )
    .unwrap();
    let decisions = file
        .iter()
        .map(|d| {
            let mut line = format!("{} {}", d.verb(), d.pronote);
            if let Some(ent) = d.ent() {
                line.push_str(&format!(" {ent}"));
            }
            line
        })
        .collect();
    (decisions, saves, String::from_utf8(output).unwrap())
}

#[test]
fn answers_become_decisions() {
    // The fixture leaves AAAAAAAAAAAAAAA2 to review (candidate ent-tom) and
    // AAAAAAAAAAAAAAA3 unmatched (no candidate).
    let cases: [(&str, &str, &str, &[&str]); 8] = [
        (
            "accept with Enter, then no account",
            "",
            "\nn\n",
            &["lier AAAAAAAAAAAAAAA2 ent-tom", "delier AAAAAAAAAAAAAAA3"],
        ),
        (
            "choose by number",
            "",
            "1\ns\n",
            &["lier AAAAAAAAAAAAAAA2 ent-tom"],
        ),
        (
            "reject, then skip the same user",
            "",
            "r\ns\ns\n",
            &["refuser AAAAAAAAAAAAAAA2 ent-tom"],
        ),
        (
            "reject by number",
            "",
            "r1\nq\n",
            &["refuser AAAAAAAAAAAAAAA2 ent-tom"],
        ),
        ("quit at once", "", "q\n", &[]),
        ("end of input is quit", "", "", &[]),
        ("not understood, asked again", "", "x\n7\nq\n", &[]),
        (
            "decided users are not asked again",
            "delier AAAAAAAAAAAAAAA2\n",
            "n\n",
            &["delier AAAAAAAAAAAAAAA2", "delier AAAAAAAAAAAAAAA3"],
        ),
    ];
    for (name, file, answers, expected) in cases {
        let (decisions, saves, shown) = dialogue(file, answers);
        assert_eq!(decisions, expected, "{name}\n{shown}");
        let before = parse(file).unwrap().len();
        assert_eq!(
            saves,
            expected.len() - before,
            "{name}: saved at each answer"
        );
    }
}

#[test]
fn shows_what_explain_shows() {
    let (_, _, shown) = dialogue("", "x\nq\n");
    assert!(
        shown.starts_with("2 utilisateur(s) à passer en revue."),
        "{shown}"
    );
    assert!(shown.contains("[1/2]"), "{shown}");
    assert!(
        shown.contains("Utilisateur Pronote AAAAAAAAAAAAAAA2"),
        "{shown}"
    );
    assert!(shown.contains("Candidat 1 : compte ENT ent-tom"), "{shown}");
    assert!(shown.contains("Score total"), "{shown}");
    assert!(shown.contains("Réponse non comprise (« x »)."), "{shown}");
    assert!(
        shown.ends_with(
            "0 décision(s) enregistrée(s) dans « decisions.txt ». Relancez « rapproche match » (avec --force) pour les appliquer.\n"
        ),
        "{shown}"
    );
}

#[test]
fn population_filter() {
    let mut config = config();
    config.population = Some(crate::model::Population::Responsables);
    let file = Decisions::default();
    assert!(users_to_review(&fixture::state(), &config, &file).is_empty());
    config.population = Some(crate::model::Population::Eleves);
    assert_eq!(users_to_review(&fixture::state(), &config, &file).len(), 2);
}
