//! Parents and establishments (issue 4): `explain` shows the children that
//! link a parent (`fixtures/college/`: Virginie BERTRAND, who moved) and
//! those that keep one apart (a homonym of Karine PERRIN whose child is
//! another family's); a regional export with two establishments is matched
//! in one command, each list with its own establishment.

use crate::harness::Test;

const DEMO_LISTS: [&str; 4] = [
    "eleves.csv",
    "responsables.csv",
    "professeurs.csv",
    "personnels.csv",
];

fn demo_then_explain(id: &str) -> String {
    let mut args = vec!["match", "-i", "cle-demo.txt", "export.xml.age", "-q"];
    args.extend(DEMO_LISTS);
    let done = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .fixtures(&DEMO_LISTS)
        .args(&args)
        .status(1)
        .run();
    done.then().args(&["explain", id]).any_stdout().run().stdout
}

#[test]
fn explain_shows_the_child_that_links_a_parent() {
    let text = demo_then_explain("6PPDC4YPFJMVHRBX");
    for line in [
        "Utilisateur Pronote 6PPDC4YPFJMVHRBX (Responsables, responsables.csv, ligne 27)\n",
        "  Statut : rapproché (approché)\n",
        "Candidat 1 : compte ENT 6919909 : BERTRAND Virginie, code postal 13013\n",
        "  Code postal  différent                      -3,2\n",
        "  Enfants      enfants en commun : 1          +9,0\n",
        "  Décision : rapproché — lien approché : score 14,4, sans concurrent proche\n",
        "  Enfants :\n    côté Pronote, BERTRAND Chloé : en commun (élève rapproché du compte 4613323, enfant de ce compte)\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn explain_shows_the_children_that_keep_a_homonym_parent_out() {
    let text = demo_then_explain("PKR7XN3WQ2HT5MDA");
    for line in [
        "  Enfants : LEROY Gabirel\n  Établissement de la liste : 0130001A (seul établissement de l'export)\n  Statut : à vérifier\n",
        "Candidat 1 : compte ENT 9679484 : PERRIN Karine, né(e) le 07/07/1979, code postal 13013\n",
        "  Enfants      enfants rapprochés à d'autres comptes   -9,0\n",
        "  Décision : non rapproché — les enfants sont rapprochés à d'autres comptes\n",
        "    côté Pronote, LEROY Gabirel : en conflit (élève rapproché du compte 82353294-6360-44ff-a938-ca531d1d8b47, qui n'est pas un enfant de ce compte)\n",
        "    côté ENT, 7187508 PERRIN Adam : rapproché de l'élève PERRIN Adam, que ce responsable ne nomme pas\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn report_gives_the_childrens_reason() {
    let mut args = vec!["match", "-i", "cle-demo.txt", "export.xml.age", "-q"];
    args.extend(DEMO_LISTS);
    let done = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .fixtures(&DEMO_LISTS)
        .args(&args)
        .status(1)
        .run();
    let csv = done
        .then()
        .args(&["report", "--population", "responsables", "--format", "csv"])
        .any_stdout()
        .run()
        .stdout;
    let line = |id: &str| {
        csv.lines()
            .find(|l| l.contains(id))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("6PPDC4YPFJMVHRBX").contains("6919909 (14,4) : enfants communs : 1"),
        "{csv}"
    );
    assert!(
        line("PKR7XN3WQ2HT5MDA").contains("9679484 (2,3) : enfant en conflit"),
        "{csv}"
    );
}

/// One ENT account of a two-establishment export.
fn student(id: &str, uai: &str, last: &str, given: &str, date: &str) -> String {
    format!(
        "<addRequest><operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr></operationalAttributes>\
         <identifier><id>{id}</id></identifier><attributes>\
         <attr name=\"sn\"><value>{last}</value></attr>\
         <attr name=\"givenName\"><value>{given}</value></attr>\
         <attr name=\"ENTPersonDateNaissance\"><value>{date}</value></attr>\
         <attr name=\"ENTPersonProfils\"><value>National_1</value></attr>\
         <attr name=\"ENTPersonStructRattach\"><value>{uai}</value></attr>\
         </attributes></addRequest>\n"
    )
}

fn region() -> Test {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ficAlimMENESR>\n");
    for (id, uai, last, given, date) in [
        ("a1", "0131111A", "ARNAUD", "Paul", "01/02/2012"),
        ("a2", "0131111A", "BLANCHET", "Rose", "03/04/2012"),
        ("a3", "0131111A", "CASTEL", "Nina", "05/06/2012"),
        ("b1", "0692222B", "DURIEUX", "Marc", "07/08/2011"),
        ("b2", "0692222B", "ESTEVE", "Lou", "09/10/2011"),
        // Léa ROUX of B; A's Léa ROUX (same date) has no account.
        ("b3", "0692222B", "ROUX", "Léa", "14/03/2011"),
    ] {
        xml.push_str(&student(id, uai, last, given, date));
    }
    xml.push_str("</ficAlimMENESR>\n");
    let header = "Nom;Prénom;Né(e) le;Classe;Identifiant PRONOTE-ENT;Identifiant ENT\r\n";
    Test::new()
        .file("region.xml", &xml)
        .file(
            "a-eleves.csv",
            &format!(
                "{header}ARNAUD;Paul;01/02/2012;6A;AAAAAAAAAAAAAAA1;\r\n\
                 BLANCHET;Rose;03/04/2012;6A;AAAAAAAAAAAAAAA2;\r\n\
                 CASTEL;Nina;05/06/2012;6A;AAAAAAAAAAAAAAA3;\r\n\
                 ROUX;Léa;14/03/2011;5B;AAAAAAAAAAAAAAA4;\r\n"
            ),
        )
        .file(
            "b-eleves.csv",
            &format!(
                "{header}DURIEUX;Marc;07/08/2011;4C;BBBBBBBBBBBBBBB1;\r\n\
                 ESTEVE;Lou;09/10/2011;4C;BBBBBBBBBBBBBBB2;\r\n"
            ),
        )
}

#[test]
fn two_establishments_in_one_command() {
    let done = region()
        .args(&[
            "match",
            "region.xml",
            "a-eleves.csv",
            "b-eleves.csv",
            "-p",
            "eleves",
        ])
        .any_stdout()
        .any_stderr()
        .status(1)
        .run();
    for line in [
        "Établissement de « a-eleves.csv » : 0131111A (déduit des rapprochements exacts : 3 sur 4)\n",
        "Établissement de « b-eleves.csv » : 0692222B (déduit des rapprochements exacts : 2 sur 2)\n",
    ] {
        assert!(
            done.stdout.contains(line),
            "missing {line:?} in\n{}",
            done.stdout
        );
    }
    // A's Léa ROUX is never given B's account.
    let a = done.text("a-eleves.rapproche.csv");
    assert!(
        a.contains("ROUX;Léa;14/03/2011;5B;AAAAAAAAAAAAAAA4;\r\n"),
        "{a}"
    );
    assert!(
        a.contains("ARNAUD;Paul;01/02/2012;6A;AAAAAAAAAAAAAAA1;a1\r\n"),
        "{a}"
    );
    let b = done.text("b-eleves.rapproche.csv");
    assert!(
        b.contains("ESTEVE;Lou;09/10/2011;4C;BBBBBBBBBBBBBBB2;b2\r\n"),
        "{b}"
    );
    let report = done.then().args(&["report"]).any_stdout().run();
    assert!(report.stdout.contains(
        "Établissement de « b-eleves.csv » : 0692222B (déduit des rapprochements exacts : 2 sur 2)\n"
    ));
    let json = report
        .then()
        .args(&["report", "--format", "json"])
        .any_stdout()
        .run()
        .stdout;
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["etablissements"],
        serde_json::json!([
            {"liste": "a-eleves.csv", "uai": ["0131111A"], "origine": "deduit"},
            {"liste": "b-eleves.csv", "uai": ["0692222B"], "origine": "deduit"},
        ])
    );
}

#[test]
fn one_establishment_chosen_with_uai() {
    let done = region()
        .args(&[
            "match",
            "region.xml",
            "b-eleves.csv",
            "-p",
            "eleves",
            "--uai",
            "0692222b",
        ])
        .any_stdout()
        .any_stderr()
        .status(0)
        .run();
    for line in [
        "Établissement de « b-eleves.csv » : 0692222B (--uai)\n",
        "3 comptes ENT d'autres établissements (ou sans établissement) laissés de côté.\n",
    ] {
        assert!(
            done.stdout.contains(line),
            "missing {line:?} in\n{}",
            done.stdout
        );
    }
}

#[test]
fn establishment_errors() {
    // A list that no exact link ties to an establishment.
    region()
        .file(
            "c-eleves.csv",
            "Nom;Prénom;Né(e) le;Classe;Identifiant PRONOTE-ENT\r\nNULLEPART;Zoé;01/01/2010;3A;CCCCCCCCCCCCCCC1\r\n",
        )
        .args(&["match", "region.xml", "c-eleves.csv", "-p", "eleves", "-q"])
        .stderr(
            "rapproche : erreur : impossible de savoir à quel établissement appartient la liste « c-eleves.csv » : \
             aucun utilisateur de la liste ne correspond exactement à un compte ENT.\n\
             Précisez-le avec --uai (établissements de l'export : 0131111A, 0692222B) ;\n\
             pour une base Pronote qui couvre plusieurs établissements (cité scolaire), répétez --uai.\n",
        )
        .status(2)
        .run();
    let done = region()
        .args(&[
            "match",
            "region.xml",
            "a-eleves.csv",
            "-p",
            "eleves",
            "-q",
            "--uai",
            "0330003C",
        ])
        .stderr(
            "rapproche : erreur : l'établissement 0330003C (--uai) n'est pas dans l'export ENT.\n\
             Établissements présents (ENTPersonStructRattach) : 0131111A, 0692222B.\n",
        )
        .status(2)
        .run();
    assert!(done.stdout.is_empty());
}
