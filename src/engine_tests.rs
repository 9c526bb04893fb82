//! Scenario tests of the engine: each trap from the brief and the procedure
//! sheets (seeds/) as a named case, on tiny hand-made directories.

use crate::engine::{MatchSettings, reconcile};
use crate::model::{EntAccount, EntCategory, EntId, Personal, Population, PronoteId, PronoteUser};
use crate::normalize::date::parse_date;
use crate::outcome::Status;

fn account(id: &str, population: Population, last: &str, given: &str, date: &str) -> EntAccount {
    EntAccount {
        id: EntId(id.into()),
        category: Some(EntCategory::Eleve),
        populations: vec![population],
        last_name: Personal::new(last),
        given_name: Personal::new(given),
        birth_date: parse_date(date),
        ..EntAccount::default()
    }
}

fn user(id: &str, population: Population, last: &str, given: &str, date: &str) -> PronoteUser {
    PronoteUser {
        list: 0,
        row: 0,
        line: 2,
        population,
        id: Some(PronoteId(id.into())),
        last_name: Personal::new(last),
        given_names: Personal::new(given),
        birth_date: parse_date(date),
        class: None,
        postal_code: None,
        civility: None,
        children: vec![],
        existing_ent_id: None,
        cas_id: None,
    }
}

/// Fills a school with unrelated students so that the prior is realistic.
fn filler(accounts: &mut Vec<EntAccount>, users: &mut Vec<PronoteUser>, n: usize) {
    for k in 0..n {
        let last = format!("FILLER{}", to_letters(k));
        let date = format!("{:02}/{:02}/2011", 1 + k % 28, 1 + k % 12);
        accounts.push(account(
            &format!("f{k}"),
            Population::Eleves,
            &last,
            "Alex",
            &date,
        ));
        users.push(user(
            &format!("F{k}"),
            Population::Eleves,
            &last,
            "Alex",
            &date,
        ));
    }
}

fn to_letters(mut k: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'A' + (k % 26) as u8) as char);
        k /= 26;
        if k == 0 {
            return s;
        }
    }
}

fn status_of(
    accounts: &[EntAccount],
    users: &[PronoteUser],
    pronote_id: &str,
) -> (Status, Option<String>) {
    let result = reconcile(accounts, users, &MatchSettings::default());
    let i = users
        .iter()
        .position(|u| u.id.as_ref().is_some_and(|id| id.0 == pronote_id))
        .unwrap_or(usize::MAX);
    let r = &result.users[i];
    (r.status, r.linked.map(|j| accounts[j].id.0.to_string()))
}

#[test]
fn traps_of_the_brief() {
    use Population::Eleves as E;
    struct Case {
        name: &'static str,
        accounts: Vec<EntAccount>,
        users: Vec<PronoteUser>,
        probe: &'static str,
        expect_link: Option<&'static str>,
    }
    let cases = vec![
        Case {
            name: "exact pair",
            accounts: vec![account("e1", E, "Dupont", "Léa", "14/03/2011")],
            users: vec![user("P1", E, "DUPONT", "LEA", "14/03/2011")],
            probe: "P1",
            expect_link: Some("e1"),
        },
        Case {
            name: "typo in the last name",
            accounts: vec![account("e1", E, "Bernardin", "Léa", "14/03/2011")],
            users: vec![user("P1", E, "BERNADIN", "Léa", "14/03/2011")],
            probe: "P1",
            expect_link: Some("e1"),
        },
        Case {
            name: "no ENT account, homonym one digit apart",
            accounts: vec![account("e2", E, "Martin", "Léa", "13/03/2011")],
            users: vec![user("P1", E, "MARTIN", "Léa", "12/03/2011")],
            probe: "P1",
            expect_link: None,
        },
        Case {
            name: "twins Léa and Léo, Léo has no account",
            accounts: vec![account("e1", E, "Petit", "Léa", "02/05/2012")],
            users: vec![
                user("P1", E, "PETIT", "Léa", "02/05/2012"),
                user("P2", E, "PETIT", "Léo", "02/05/2012"),
            ],
            probe: "P2",
            expect_link: None,
        },
        Case {
            name: "twins: the one with an account is linked",
            accounts: vec![account("e1", E, "Petit", "Léa", "02/05/2012")],
            users: vec![
                user("P1", E, "PETIT", "Léa", "02/05/2012"),
                user("P2", E, "PETIT", "Léo", "02/05/2012"),
            ],
            probe: "P1",
            expect_link: Some("e1"),
        },
        Case {
            // Léna and Léa are both names of the school: two girls, not a
            // typo, though one letter apart.
            name: "twins Léna and Léa, one row on each side",
            accounts: vec![
                account("e1", E, "Petit", "Léa", "02/05/2012"),
                account("e2", E, "Roux", "Léa", "11/01/2011"),
                account("e3", E, "Blanc", "Léna", "17/09/2010"),
            ],
            users: vec![
                user("P1", E, "PETIT", "Léna", "02/05/2012"),
                user("P2", E, "ROUX", "Léa", "11/01/2011"),
                user("P3", E, "BLANC", "Léna", "17/09/2010"),
            ],
            probe: "P1",
            expect_link: None,
        },
        Case {
            // The ENT has Rose's names the wrong way round, Pronote a typo
            // in her given name: her twin Maëlle (Rose as a second given
            // name) must still be seen as a twin, and Rose not linked to
            // her.
            name: "twin typed with names swapped",
            accounts: vec![
                EntAccount {
                    other_given_names: vec![Personal::new("Rose")],
                    ..account("e1", E, "Broard", "Maëlle", "13/03/2011")
                },
                account("e2", E, "Rose", "Broard", "13/03/2011"),
            ],
            users: vec![user("P1", E, "BROARD", "Rsoé", "13/03/2011")],
            probe: "P1",
            expect_link: None,
        },
        Case {
            // Marie has no account; her twin brother's names are
            // Jean-Baptiste Marie François, and his ENT civility is M.: the
            // school's other Maries are all girls, so Marie is a girl.
            name: "twin sister named as her brother's second given name",
            accounts: std::iter::once(EntAccount {
                other_given_names: vec![Personal::new("Marie"), Personal::new("François")],
                title: Some("M.".into()),
                ..account("e1", E, "Martin-Dubois", "Jean-Baptiste", "31/03/2012")
            })
            .chain(
                ["Roux", "Blanc", "Noir", "Vert", "Gris"].map(|last| EntAccount {
                    title: Some("Mlle".into()),
                    ..account(last, E, last, "Marie", "01/02/2011")
                }),
            )
            .collect(),
            users: vec![user("P1", E, "MARTIN-DUBOIS", "Marie", "31/03/2012")],
            probe: "P1",
            expect_link: None,
        },
        Case {
            name: "names typed the wrong way round",
            accounts: vec![account("e1", E, "Robert", "Thomas", "09/09/2011")],
            users: vec![user("P1", E, "THOMAS", "Robert", "09/09/2011")],
            probe: "P1",
            expect_link: Some("e1"),
        },
        Case {
            name: "same key twice: never linked",
            accounts: vec![account("e1", E, "Martin", "Léa", "14/03/2011")],
            users: vec![
                user("P1", E, "MARTIN", "Léa", "14/03/2011"),
                user("P2", E, "MARTIN", "Léa", "14/03/2011"),
            ],
            probe: "P1",
            expect_link: None,
        },
        Case {
            name: "greedy leftover: best account taken, second choice not linked",
            accounts: vec![
                account("e1", E, "Garcia", "Inès", "01/01/2011"),
                account("e2", E, "Garcia", "Inés", "01/10/2011"),
            ],
            users: vec![
                user("P1", E, "GARCIA", "Inès", "01/01/2011"),
                user("P2", E, "GARCIA", "Ines", "10/01/2011"),
            ],
            probe: "P2",
            expect_link: None,
        },
    ];
    for mut case in cases {
        filler(&mut case.accounts, &mut case.users, 300);
        let (status, linked) = status_of(&case.accounts, &case.users, case.probe);
        assert_eq!(
            linked.as_deref(),
            case.expect_link,
            "{}: status {status:?}",
            case.name
        );
    }
}

fn parent_account(
    id: &str,
    last: &str,
    given: &str,
    title: &str,
    postal: &str,
    children: &[&str],
) -> EntAccount {
    EntAccount {
        category: Some(EntCategory::PersRelEleve),
        postal_code: Some(postal.into()),
        title: Some(title.into()),
        relatives: children.iter().map(|c| EntId((*c).into())).collect(),
        ..account(id, Population::Responsables, last, given, "")
    }
}

fn parent_user(
    id: &str,
    last: &str,
    given: &str,
    civility: &str,
    postal: &str,
    children: &[&str],
) -> PronoteUser {
    PronoteUser {
        postal_code: Some(postal.into()),
        civility: Some(civility.into()),
        children: children.iter().map(|c| Personal::new(*c)).collect(),
        ..user(id, Population::Responsables, last, given, "")
    }
}

#[test]
fn parents_and_staff() {
    use Population::Eleves as E;
    let mut accounts = vec![
        account("s1", E, "Armand", "Théo", "05/06/2011"),
        parent_account("m1", "Armand", "Sabine", "Mme", "13013", &["s1"]),
        parent_account("d1", "Armand", "Valéry", "M.", "13013", &["s1"]),
        EntAccount {
            birth_name: Some(Personal::new("Girard")),
            ..account(
                "t1",
                Population::Professeurs,
                "Favier",
                "Catherine",
                "11/11/1975",
            )
        },
    ];
    let mut users = vec![
        user("S1", E, "ARMAND", "Théo", "05/06/2011"),
        // The father has no ENT account: the mother's must not be given to him.
        parent_user("D1", "ARMAND", "Valérie", "M.", "13013", &["ARMAND Théo"]),
        // The mother moved: another postal code, but her child is hers.
        parent_user("M1", "ARMAND", "Sabine", "Mme", "13012", &["ARMAND Théo"]),
        // A married teacher listed under her birth name.
        user(
            "T1",
            Population::Professeurs,
            "GIRARD",
            "Catherine",
            "11/11/1975",
        ),
    ];
    accounts.retain(|a| a.id.0 != "d1");
    filler(&mut accounts, &mut users, 200);
    let result = reconcile(&accounts, &users, &MatchSettings::default());
    let linked = |pid: &str| {
        let i = users
            .iter()
            .position(|u| u.id.as_ref().is_some_and(|id| id.0 == pid))
            .unwrap_or(usize::MAX);
        result.users[i].linked.map(|j| accounts[j].id.0.as_str())
    };
    assert_eq!(linked("S1"), Some("s1"), "student");
    assert_eq!(
        linked("M1"),
        Some("m1"),
        "mother who moved, linked through her child"
    );
    assert_eq!(
        linked("D1"),
        None,
        "father without account never gets the mother's"
    );
    assert_eq!(linked("T1"), Some("t1"), "married teacher by birth name");
}

#[test]
fn teacher_who_is_also_a_parent() {
    use Population::Eleves as E;
    // One person, two ENT accounts (a teacher's and a parent's), two Pronote
    // rows: each row gets the account of its own population.
    let mut accounts = vec![
        account("s1", E, "Lemaire", "Jules", "02/02/2012"),
        parent_account("p1", "Lemaire", "Claire", "Mme", "69003", &["s1"]),
        EntAccount {
            title: Some("Mme".into()),
            postal_code: Some("69003".into()),
            ..account("t1", Population::Professeurs, "Lemaire", "Claire", "")
        },
    ];
    let mut users = vec![
        user("S1", E, "LEMAIRE", "Jules", "02/02/2012"),
        parent_user(
            "P1",
            "LEMAIRE",
            "Claire",
            "Mme",
            "69003",
            &["LEMAIRE Jules"],
        ),
        PronoteUser {
            civility: Some("Mme".into()),
            ..user("T1", Population::Professeurs, "LEMAIRE", "Claire", "")
        },
    ];
    filler(&mut accounts, &mut users, 200);
    let result = reconcile(&accounts, &users, &MatchSettings::default());
    let linked = |pid: &str| {
        let i = users
            .iter()
            .position(|u| u.id.as_ref().is_some_and(|id| id.0 == pid))
            .unwrap_or(usize::MAX);
        result.users[i].linked.map(|j| accounts[j].id.0.as_str())
    };
    assert_eq!(
        linked("P1"),
        Some("p1"),
        "the parent row gets the parent account"
    );
    assert_eq!(
        linked("T1"),
        Some("t1"),
        "the teacher row gets the teacher account"
    );
    // Neither row ever lists the other population's account as a candidate.
    for (pid, foreign) in [("P1", "t1"), ("T1", "p1")] {
        let i = users
            .iter()
            .position(|u| u.id.as_ref().is_some_and(|id| id.0 == pid))
            .unwrap_or(usize::MAX);
        assert!(
            result.users[i]
                .candidates
                .iter()
                .all(|c| accounts[c.other].id.0 != foreign),
            "{pid} compared with {foreign}"
        );
    }
}

/// A tiny regional export: two establishments, each with its own lists.
mod establishments {
    use super::*;
    use crate::establishment::{self, EstablishmentSource};
    use std::path::PathBuf;

    fn at(uai: &str, account: EntAccount) -> EntAccount {
        EntAccount {
            establishments: vec![uai.into()],
            ..account
        }
    }

    fn in_list(list: usize, user: PronoteUser) -> PronoteUser {
        PronoteUser { list, ..user }
    }

    /// Students of A (list 1) and B (list 2), and a homonym of A's Léa
    /// (same name, same birth date) at B who is not in any list.
    fn region() -> (Vec<EntAccount>, Vec<PronoteUser>) {
        use Population::Eleves as E;
        let mut accounts = Vec::new();
        let mut users = Vec::new();
        for (list, uai) in [(1, "0130001A"), (2, "0690002B")] {
            for k in 0..30 {
                let last = format!("ECOLE{list}{}", to_letters(k));
                let date = format!("{:02}/{:02}/201{list}", 1 + k % 28, 1 + k % 12);
                accounts.push(at(
                    uai,
                    account(&format!("a{list}-{k}"), E, &last, "Alex", &date),
                ));
                users.push(in_list(
                    list,
                    user(&format!("U{list}-{k}"), E, &last, "Alex", &date),
                ));
            }
        }
        // Léa's own account is missing from A's export: the homonym at B
        // must not take her place.
        accounts.push(at(
            "0690002B",
            account("b-lea", E, "Roux", "Léa", "14/03/2011"),
        ));
        users.push(in_list(1, user("LEA", E, "ROUX", "Léa", "14/03/2011")));
        (accounts, users)
    }

    fn lists() -> Vec<(usize, PathBuf)> {
        vec![(1, "a.csv".into()), (2, "b.csv".into())]
    }

    #[test]
    fn each_list_gets_its_establishment_and_never_links_across() {
        let (accounts, users) = region();
        let plan = establishment::plan(&accounts, &users, &lists(), &[]).unwrap();
        let uai = |list: usize| plan.lists[&list].as_ref().map(|e| e.uais.join("+"));
        assert_eq!(uai(1).as_deref(), Some("0130001A"));
        assert_eq!(uai(2).as_deref(), Some("0690002B"));
        assert_eq!(
            plan.lists[&1].as_ref().map(|e| e.source),
            Some(EstablishmentSource::Inferred {
                votes: 30,
                voters: 31
            }),
            "Léa votes for B, the list's 30 others for A"
        );
        let result = establishment::reconcile(
            &accounts,
            &users,
            &plan,
            &MatchSettings::default(),
            &Default::default(),
        );
        let lea = users.len() - 1;
        assert_eq!(
            result.users[lea].linked, None,
            "never linked to B's homonym"
        );
        assert!(result.users[lea].candidates.is_empty());
        let linked = result.users.iter().filter(|u| u.linked.is_some()).count();
        assert_eq!(linked, 60);
        for (i, u) in result.users.iter().enumerate() {
            if let Some(j) = u.linked {
                assert_eq!(
                    accounts[j].establishments[0],
                    uai(users[i].list).unwrap_or_default()
                );
            }
        }
    }

    #[test]
    fn given_uai_restricts_the_run() {
        let (accounts, users) = region();
        let only_a = vec![(1, PathBuf::from("a.csv"))];
        let users_a: Vec<PronoteUser> = users.iter().filter(|u| u.list == 1).cloned().collect();
        let plan = establishment::plan(&accounts, &users_a, &only_a, &["0130001a".into()]).unwrap();
        assert_eq!(
            plan.lists[&1]
                .as_ref()
                .map(|e| (e.uais.join("+"), e.source)),
            Some(("0130001A".to_string(), EstablishmentSource::Given))
        );
        let in_scope = plan.scope().iter().filter(|&&k| k).count();
        assert_eq!(in_scope, 30, "B's accounts are out of the run");
        // `LISTE=UAI` for one list; a list without any exact link goes with
        // the others when they agree.
        let stranger = in_list(
            3,
            user("X", Population::Inspecteurs, "NULLEPART", "Zoé", ""),
        );
        let mut three = users.clone();
        three.push(stranger);
        let mut named = lists();
        named.push((3, "inspecteurs.csv".into()));
        let only_b = establishment::plan(
            &accounts,
            &three[30..],
            &named[1..],
            &["inspecteurs.csv=0690002b".into()],
        )
        .unwrap();
        assert_eq!(
            only_b.lists[&3].as_ref().map(|e| e.source),
            Some(EstablishmentSource::Given)
        );
        let with_b = establishment::plan(&accounts, &three[30..], &named[1..], &[]).unwrap();
        assert_eq!(
            with_b.lists[&3].as_ref().map(|e| e.describe()),
            Some(
                "0690002B (comme les autres listes : aucun rapprochement exact dans celle-ci)"
                    .to_string()
            )
        );
        assert!(
            establishment::plan(&accounts, &three, &named, &[]).is_err(),
            "two establishments among the others: asked"
        );
        assert_eq!(
            establishment::plan(&accounts, &three, &named, &["autre.csv=0690002B".into()])
                .err()
                .map(|e| e.to_string()),
            Some(
                "--uai autre.csv=0690002B : aucune liste « autre.csv » parmi les fichiers donnés."
                    .to_string()
            )
        );
    }

    #[test]
    fn unknown_and_ambiguous_establishments_are_refused() {
        let (accounts, users) = region();
        let unknown = establishment::plan(&accounts, &users, &lists(), &["0330003C".into()]);
        assert_eq!(
            unknown.err().map(|e| e.to_string()),
            Some(
                "l'établissement 0330003C (--uai) n'est pas dans l'export ENT.\n\
                 Établissements présents (ENTPersonStructRattach) : 0130001A, 0690002B."
                    .to_string()
            )
        );
        let stranger = vec![in_list(
            3,
            user("X", Population::Eleves, "NULLEPART", "Zoé", "01/01/2010"),
        )];
        let ambiguous = establishment::plan(&accounts, &stranger, &[(3, "c.csv".into())], &[]);
        assert_eq!(
            ambiguous.err().map(|e| e.to_string()),
            Some(
                "impossible de savoir à quel établissement appartient la liste « c.csv » : \
                 aucun utilisateur de la liste ne correspond exactement à un compte ENT.\n\
                 Précisez-le avec --uai (établissements de l'export : 0130001A, 0690002B) ;\n\
                 pour une base Pronote qui couvre plusieurs établissements (cité scolaire), répétez --uai."
                    .to_string()
            )
        );
    }

    #[test]
    fn one_pronote_base_over_two_establishments() {
        // A « cité scolaire »: one list holds the users of A and B.
        let (accounts, mut users) = region();
        for u in &mut users {
            u.list = 1;
        }
        let one = vec![(1, PathBuf::from("cite.csv"))];
        assert!(
            establishment::plan(&accounts, &users, &one, &[]).is_err(),
            "half and half: not guessed"
        );
        let both = ["0130001A".to_string(), "0690002B".to_string()];
        let plan = establishment::plan(&accounts, &users, &one, &both).unwrap();
        assert_eq!(
            plan.lists[&1].as_ref().map(|e| e.describe()),
            Some("0130001A + 0690002B (--uai)".to_string())
        );
        let result = establishment::reconcile(
            &accounts,
            &users,
            &plan,
            &MatchSettings::default(),
            &Default::default(),
        );
        // One base: Léa of the shared list is B's Léa, and is linked.
        assert_eq!(
            result.users.iter().filter(|u| u.linked.is_some()).count(),
            61
        );
    }

    #[test]
    fn parents_inherit_their_childrens_establishment() {
        let accounts = vec![
            at(
                "0130001A",
                account("s1", Population::Eleves, "Roux", "Léa", "14/03/2011"),
            ),
            parent_account("p1", "Roux", "Anne", "Mme", "13013", &["s1"]),
            parent_account("p2", "Roux", "Marc", "M.", "13013", &[]),
        ];
        let uais = establishment::account_establishments(&accounts);
        assert_eq!(uais[1], ["0130001A"], "through the child");
        assert!(uais[2].is_empty(), "no child, no establishment");
    }

    #[test]
    fn staff_of_two_establishments_is_linked_in_each() {
        let (mut accounts, mut users) = region();
        accounts.push(EntAccount {
            establishments: vec!["0130001A".into(), "0690002B".into()],
            birth_name: None,
            ..account(
                "prof",
                Population::Professeurs,
                "Vidal",
                "Hélène",
                "03/04/1970",
            )
        });
        for list in [1, 2] {
            users.push(in_list(
                list,
                user(
                    &format!("PROF{list}"),
                    Population::Professeurs,
                    "VIDAL",
                    "Hélène",
                    "03/04/1970",
                ),
            ));
        }
        let plan = establishment::plan(&accounts, &users, &lists(), &[]).unwrap();
        let result = establishment::reconcile(
            &accounts,
            &users,
            &plan,
            &MatchSettings::default(),
            &Default::default(),
        );
        let prof = accounts.len() - 1;
        for i in [users.len() - 2, users.len() - 1] {
            assert_eq!(result.users[i].linked, Some(prof), "one Pronote base each");
        }
        assert_eq!(
            result.accounts[prof].notes.len(),
            1,
            "the second link is noted"
        );
    }
}

#[test]
fn children_named_otherwise_keep_a_homonym_parent_out() {
    use Population::Eleves as E;
    // Two fathers named Jorge MARQUES in the same town: the Pronote one
    // names Leonor, the ENT one's only child is Gonçalo; neither child is
    // on both sides. Same names and town, another family: to review.
    let cases = [
        ("another family", "Marques", "Gonçalo", None),
        (
            "the child's names swapped in the ENT",
            "Leonor",
            "Marques",
            Some("p1"),
        ),
        (
            "a typo in the child's name",
            "Marqeus",
            "Leonor",
            Some("p1"),
        ),
    ];
    for (name, child_last, child_given, expected) in cases {
        let mut accounts = vec![
            account("c1", E, child_last, child_given, "09/09/2012"),
            parent_account("p1", "Marques", "Jorge", "M.", "59000", &["c1"]),
        ];
        let mut users = vec![parent_user(
            "P1",
            "MARQUES",
            "Jorge",
            "M.",
            "59000",
            &["MARQUES Leonor"],
        )];
        filler(&mut accounts, &mut users, 200);
        let (_, linked) = status_of(&accounts, &users, "P1");
        assert_eq!(linked.as_deref(), expected, "{name}");
    }
}

#[test]
fn a_couple_whose_children_differ_on_each_side_is_still_one_couple() {
    use Population::Eleves as E;
    // Jorge and Ana MARQUES: Gonçalo, their elder, has left (the ENT keeps
    // his account, Pronote has no row); Leonor has arrived (a Pronote row,
    // no ENT account yet). Children named otherwise on both sides, but
    // both parents agree: the same couple, linked. With only one parent
    // on each side (see above), or the other parent named otherwise, it
    // stays to review.
    let cases = [
        ("the same couple", "Ana", Some("p1")),
        ("another mother", "Rita", None),
    ];
    for (name, pronote_mother, expected) in cases {
        let mut accounts = vec![
            account("c1", E, "Marques", "Gonçalo", "09/09/2009"),
            parent_account("p1", "Marques", "Jorge", "M.", "59000", &["c1"]),
            parent_account("m1", "Marques", "Ana", "Mme", "59000", &["c1"]),
        ];
        let mut users = vec![
            parent_user("P1", "MARQUES", "Jorge", "M.", "59000", &["MARQUES Leonor"]),
            parent_user(
                "M1",
                "MARQUES",
                pronote_mother,
                "Mme",
                "59000",
                &["MARQUES Leonor"],
            ),
        ];
        filler(&mut accounts, &mut users, 200);
        let (_, linked) = status_of(&accounts, &users, "P1");
        assert_eq!(linked.as_deref(), expected, "{name}");
    }
}

#[test]
fn a_childless_account_is_not_the_parent_of_a_linked_child() {
    use Population::Eleves as E;
    // Two fathers named Nuno VIEIRA in one town: Lara's (no ENT account)
    // and another whose ENT account names no child. Lara's ENT account
    // names her parents, and that account is not one of them.
    let mut accounts = vec![
        EntAccount {
            relatives: vec![EntId("m1".into())],
            ..account("s1", E, "Vieira", "Lara", "03/03/2012")
        },
        parent_account("m1", "Vieira", "Ana", "Mme", "33200", &["s1"]),
        parent_account("p2", "Vieira", "Nuno", "M.", "33200", &[]),
    ];
    let mut users = vec![
        user("S1", E, "VIEIRA", "Lara", "03/03/2012"),
        parent_user("P1", "VIEIRA", "Nuno", "M.", "33200", &["VIEIRA Lara"]),
    ];
    filler(&mut accounts, &mut users, 200);
    assert_eq!(status_of(&accounts, &users, "S1").1.as_deref(), Some("s1"));
    assert_eq!(status_of(&accounts, &users, "P1").1, None);
    // Without relations on the child's side, nothing tells: linked.
    accounts[0].relatives.clear();
    accounts[1].relatives.clear();
    assert_eq!(status_of(&accounts, &users, "P1").1.as_deref(), Some("p2"));
}
