//! The run's estimates (issue 10): `--max-estimated-wrong` turns them into
//! the exit code, and the JSON report carries them beside the counts.

use crate::harness::Test;

/// Two students, each with an ENT account that matches exactly.
const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ficAlimMENESR>
  <addRequest>
    <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
    <identifier><id>ent-lea</id></identifier>
    <attributes>
      <attr name="sn"><value>DUPONT</value></attr>
      <attr name="givenName"><value>Léa</value></attr>
      <attr name="ENTPersonDateNaissance"><value>14/03/2011</value></attr>
      <attr name="ENTPersonProfils"><value>National_1</value></attr>
      <attr name="ENTEleveClasses"><value>0130001A$5A</value></attr>
    </attributes>
  </addRequest>
  <addRequest>
    <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
    <identifier><id>ent-tom</id></identifier>
    <attributes>
      <attr name="sn"><value>MARTIN</value></attr>
      <attr name="givenName"><value>Tom</value></attr>
      <attr name="ENTPersonDateNaissance"><value>03/04/2012</value></attr>
      <attr name="ENTPersonProfils"><value>National_1</value></attr>
      <attr name="ENTEleveClasses"><value>0130001A$6B</value></attr>
    </attributes>
  </addRequest>
</ficAlimMENESR>
"#;

const LIST: &str = "Nom;Prénom;Né(e) le;Classe;Identifiant PRONOTE-ENT\r\n\
DUPONT;Léa;14/03/2011;5A;AAAAAAAAAAAAAAA1\r\n\
MARTIN;Tom;03/04/2012;6B;AAAAAAAAAAAAAAA2\r\n";

fn run(extra: &[&str], status: i32) -> crate::harness::Done {
    let mut args = vec!["match", "-p", "eleves", "export.xml", "eleves.csv"];
    args.extend(extra);
    Test::new()
        .file("export.xml", EXPORT)
        .file("eleves.csv", LIST)
        .args(&args)
        .any_stdout()
        .any_stderr()
        .status(status)
        .run()
}

const TOO_MANY: &str = "au-delà de la limite --max-estimated-wrong";

#[test]
fn all_linked_ends_well_within_the_limit() {
    let done = run(&["--max-estimated-wrong", "0.5"], 0);
    assert!(!done.stderr.contains(TOO_MANY), "{}", done.stderr);
    assert!(done.stdout.contains("Fiabilité estimée"), "{}", done.stdout);
    assert!(
        done.stdout.contains("Score du meilleur candidat"),
        "{}",
        done.stdout
    );
}

#[test]
fn above_the_limit_the_run_is_left_to_review_and_says_why() {
    // No link is ever certain: any estimate is above zero.
    let done = run(&["--max-estimated-wrong", "0"], 1);
    assert!(
        done.stderr.contains(&format!(
            "liens faux estimés, {TOO_MANY} 0,0 : vérifiez les liens approchés"
        )),
        "{}",
        done.stderr
    );
}

#[test]
fn json_report_carries_the_estimates_per_population_and_in_total() {
    let done = run(&[], 0)
        .then()
        .args(&["report", "--format", "json"])
        .any_stdout()
        .run();
    let value: serde_json::Value = serde_json::from_str(&done.stdout).unwrap();
    for summary in [&value["total"], &value["bilan"][0]] {
        let wrong = summary["estimated_wrong_links"].as_f64().unwrap();
        assert!((0.0..0.05).contains(&wrong), "{summary}");
        let interval = summary["estimated_wrong_links_interval"]
            .as_array()
            .unwrap();
        assert!(interval[0].as_f64().unwrap() <= wrong);
        assert!(interval[1].as_f64().unwrap() >= wrong);
        assert_eq!(summary["estimated_missed_pairs"], 0.0, "{summary}");
        assert_eq!(summary["rapproches_exact"], 2);
    }
    let state: serde_json::Value =
        serde_json::from_slice(&done.read(".rapproche/resultat.json")).unwrap();
    let p = state["reconciliation"]["users"][0]["candidates"][0]["probability"]
        .as_f64()
        .unwrap();
    assert!(p > 0.99 && p < 1.0, "{p}");
}
