use super::*;
use crate::model::{EntId, Personal, Population, PronoteId};
use crate::outcome::{AccountResult, UserResult};

fn user(n: usize, ent: Option<&str>, cas: Option<&str>) -> PronoteUser {
    PronoteUser {
        list: 0,
        row: n,
        line: n as u64 + 2,
        population: Population::Eleves,
        id: Some(PronoteId(format!("AAAAAAAAAAAAAAA{n}").into())),
        last_name: Personal::new("X"),
        given_names: Personal::new("Y"),
        birth_date: Default::default(),
        class: None,
        postal_code: None,
        civility: None,
        children: vec![],
        existing_ent_id: ent.map(|e| EntId(e.into())),
        cas_id: cas.map(Into::into),
    }
}

fn account(id: &str, login: &str) -> EntAccount {
    EntAccount {
        id: EntId(id.into()),
        login: Some(login.into()),
        populations: vec![Population::Eleves],
        ..EntAccount::default()
    }
}

fn result(users: usize, accounts: usize, links: &[(usize, usize)]) -> Reconciliation {
    let mut r = Reconciliation {
        users: (0..users)
            .map(|_| UserResult {
                status: Status::Unmatched,
                linked: None,
                candidates: vec![],
                notes: vec![],
                existing: None,
            })
            .collect(),
        accounts: (0..accounts)
            .map(|_| AccountResult {
                status: Status::Unmatched,
                linked: None,
                candidates: vec![],
                notes: vec![],
            })
            .collect(),
    };
    for &(i, j) in links {
        r.users[i].status = Status::Exact;
        r.users[i].linked = Some(j);
        r.accounts[j].status = Status::Exact;
        r.accounts[j].linked = Some(i);
    }
    r
}

/// Accounts `e0` (login `a.zero`), `e1` (`b.one`), `e2` (`c.two`).
fn accounts() -> Vec<EntAccount> {
    vec![
        account("e0", "a.zero"),
        account("e1", "b.one"),
        account("e2", "c.two"),
    ]
}

#[test]
fn each_existing_id_is_checked() {
    // (name, users' existing ids, links made by the run, user 0's expected state, status)
    type Case = (
        &'static str,
        Vec<PronoteUser>,
        Vec<(usize, usize)>,
        Option<ExistingState>,
        Status,
    );
    let cases: Vec<Case> = vec![
        (
            "confirmed",
            vec![user(0, Some("e0"), None)],
            vec![(0, 0)],
            Some(ExistingState::Confirmed),
            Status::Exact,
        ),
        (
            "stale: the account left",
            vec![user(0, Some("gone"), None)],
            vec![],
            Some(ExistingState::Stale),
            Status::Unmatched,
        ),
        (
            "replaced: the run links another account",
            vec![user(0, Some("e1"), None)],
            vec![(0, 0)],
            Some(ExistingState::Conflict),
            Status::Exact,
        ),
        (
            "account linked to another user",
            vec![user(0, Some("e1"), None), user(1, None, None)],
            vec![(1, 1)],
            Some(ExistingState::Conflict),
            Status::Review,
        ),
        (
            "claimed twice",
            vec![user(0, Some("e2"), None), user(1, Some("e2"), None)],
            vec![],
            Some(ExistingState::Conflict),
            Status::Review,
        ),
        (
            "not confirmed: to review",
            vec![user(0, Some("e2"), None)],
            vec![],
            Some(ExistingState::Unconfirmed),
            Status::Review,
        ),
        (
            "CAS login of the linked account",
            vec![user(0, None, Some("A.Zero"))],
            vec![(0, 0)],
            Some(ExistingState::Confirmed),
            Status::Exact,
        ),
        (
            "CAS login that changed",
            vec![user(0, None, Some("a.zero.old"))],
            vec![(0, 0)],
            Some(ExistingState::Stale),
            Status::Exact,
        ),
        (
            "nothing to check",
            vec![user(0, None, None)],
            vec![],
            None,
            Status::Unmatched,
        ),
    ];
    for (name, users, links, state, status) in cases {
        let accounts = accounts();
        let mut r = result(users.len(), accounts.len(), &links);
        check(&accounts, &users, ExistingPolicy::Verify, &mut r);
        assert_eq!(
            r.users[0].existing.as_ref().map(|e| e.state),
            state,
            "{name}: {:?}",
            r.users[0].existing
        );
        assert_eq!(r.users[0].status, status, "{name}");
    }
}

#[test]
fn a_stale_cas_login_beside_a_valid_id_is_said() {
    let accounts = accounts();
    let users = vec![
        user(0, Some("e0"), Some("a.old")),
        user(1, Some("e1"), Some("b.one")),
    ];
    let mut r = result(2, 3, &[(0, 0), (1, 1)]);
    check(&accounts, &users, ExistingPolicy::Verify, &mut r);
    let reasons: Vec<&str> = r
        .users
        .iter()
        .map(|u| u.existing.as_ref().unwrap().reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "identifiant ENT e0 : confirmé ; login CAS a.old périmé (effacé)",
            "identifiant ENT e1 : confirmé",
        ]
    );
}

#[test]
fn reset_clears_without_check() {
    let accounts = accounts();
    let users = vec![user(0, Some("gone"), Some("x"))];
    let mut r = result(1, 3, &[]);
    check(&accounts, &users, ExistingPolicy::Reset, &mut r);
    let check = r.users[0].existing.as_ref().unwrap();
    assert_eq!(check.state, ExistingState::Cleared);
    assert_eq!(r.users[0].status, Status::Unmatched);
}

#[test]
fn keep_links_only_what_is_free_and_valid() {
    let accounts = accounts();
    let users = vec![
        user(0, Some("e0"), None),    // kept
        user(1, Some("gone"), None),  // stale: nothing
        user(2, Some("e2"), None),    // claimed twice: nothing
        user(3, Some("e2"), None),    // claimed twice: nothing
        user(4, None, Some("B.ONE")), // CAS login of e1, claimed by user 5 too
        user(5, Some("e1"), None),    // so neither is kept
    ];
    let mut constraints = Constraints::default();
    keep_links(&accounts, &users, &mut constraints);
    let pairs: Vec<(usize, usize)> = constraints
        .forced
        .iter()
        .map(|f| (f.user, f.account))
        .collect();
    assert_eq!(pairs, [(0, 0)]);
    assert!(constraints.forced.iter().all(|f| f.status == Status::Kept));

    // Decisions come first: a rejected pair or an excluded user is not kept.
    let users = vec![user(0, Some("e0"), None), user(1, Some("e1"), None)];
    let mut constraints = Constraints::default();
    constraints.vetoed.insert((0, 0));
    constraints.excluded.insert(1, "delier".into());
    keep_links(&accounts, &users, &mut constraints);
    assert!(constraints.forced.is_empty());
}

#[test]
fn cas_login_kept_only_when_it_is_the_linked_one() {
    let a = account("e0", "a.zero");
    let cases = [
        (
            "same login",
            Some("a.zero"),
            Some(&a),
            ExistingPolicy::Verify,
            true,
        ),
        (
            "case differs",
            Some("A.ZERO"),
            Some(&a),
            ExistingPolicy::Keep,
            true,
        ),
        (
            "changed login",
            Some("a.old"),
            Some(&a),
            ExistingPolicy::Verify,
            false,
        ),
        (
            "not linked",
            Some("a.zero"),
            None,
            ExistingPolicy::Verify,
            false,
        ),
        (
            "reset",
            Some("a.zero"),
            Some(&a),
            ExistingPolicy::Reset,
            false,
        ),
    ];
    for (name, cas, linked, policy, kept) in cases {
        let u = user(0, None, cas);
        assert_eq!(kept_cas_login(&u, linked, policy).is_some(), kept, "{name}");
    }
}

#[test]
fn policy_names() {
    let cases = [
        ("keep", Some(ExistingPolicy::Keep)),
        ("Vérifier", Some(ExistingPolicy::Verify)),
        ("RESET", Some(ExistingPolicy::Reset)),
        ("effacer", Some(ExistingPolicy::Reset)),
        ("drop", None),
    ];
    for (name, expected) in cases {
        assert_eq!(ExistingPolicy::from_name(name), expected, "{name}");
    }
}
