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
    (r.status, r.linked.map(|j| accounts[j].id.0.clone()))
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
