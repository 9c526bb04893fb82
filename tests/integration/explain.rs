//! `rapproche explain ID` on a hand-built run result.

use crate::fixture;
use crate::harness::Test;

#[test]
fn pronote_user_to_review() {
    let expected = rapproche::cmd::explain::render(&fixture::state(), "AAAAAAAAAAAAAAA2").unwrap();
    let done = Test::with_state()
        .args(&["explain", "AAAAAAAAAAAAAAA2"])
        .stdout(&expected)
        .run();
    for line in [
        "Utilisateur Pronote AAAAAAAAAAAAAAA2 (Élèves, eleves.csv, ligne 3)\n",
        "  Statut : à vérifier\n",
        "Candidat 1 : compte ENT ent-tom : MARTIN Tom, né(e) le 04/03/2012, classe 6B\n",
        "  Né(e) le     inversion jour/mois            -4,5\n",
        "  Score total                                  8,5\n",
        "  Décision : non rapproché — écart insuffisant avec le candidat suivant (1,0 < 4,0)\n",
    ] {
        assert!(done.stdout.contains(line), "missing {line:?}");
    }
}

#[test]
fn ent_account_by_its_id() {
    let done = Test::with_state()
        .args(&["explain", "ent-paul"])
        .any_stdout()
        .run();
    assert!(
        done.stdout
            .starts_with("Compte ENT ent-paul (Responsables, export.xml.age, ligne 40)\n")
    );
    assert!(done.stdout.contains(
        "  Rapproché avec : utilisateur Pronote AAAAAAAAAAAAAAA4 : DURAND Paul, code postal 13013\n"
    ));
}

#[test]
fn unknown_id() {
    Test::with_state()
        .args(&["explain", "INCONNU"])
        .stderr("rapproche : erreur : aucun compte ne porte l'identifiant « INCONNU » dans le dernier résultat.\n")
        .status(2)
        .run();
}

#[test]
fn without_state() {
    Test::new()
        .args(&["explain", "AAAAAAAAAAAAAAA2"])
        .stderr(
            "rapproche : erreur : aucun résultat de rapprochement dans « .rapproche ».\n\
             Lancez d'abord « rapproche match », ou indiquez le bon dossier avec --state-dir.\n",
        )
        .status(2)
        .run();
}
