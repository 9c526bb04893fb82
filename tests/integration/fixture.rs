// A small run result, built by hand, shared by the integration tests and
// the report module's unit tests (`src/report/fixture.rs` includes this
// file). Students: Léa linked exactly, Tom to review (day and month swapped
// on the ENT side, so his ENT account is left unlinked too), Chloé unmatched
// (invalid date, an escape sequence in her class); one parent linked.

use rapproche::engine::MatchSettings;
use rapproche::model::{
    DateField, EntAccount, EntCategory, EntId, Personal, Population, PronoteId, PronoteUser,
    SourceRef,
};
use rapproche::normalize::date::parse_date;
use rapproche::outcome::{
    AccountResult, Candidate, Comparison, Field, Reconciliation, Status, UserResult, Verdict,
};
use rapproche::state::{InputFile, InputKind, RunState};

fn user(
    list: usize,
    line: u64,
    population: Population,
    id: &str,
    name: &str,
    given: &str,
) -> PronoteUser {
    PronoteUser {
        list,
        row: (line - 2) as usize,
        line,
        population,
        id: Some(PronoteId(id.into())),
        last_name: Personal::new(name),
        given_names: Personal::new(given),
        birth_date: DateField::Absent,
        class: None,
        postal_code: None,
        civility: None,
        children: vec![],
        existing_ent_id: None,
        cas_id: None,
    }
}

fn account(line: u64, id: &str, population: Population, name: &str, given: &str) -> EntAccount {
    EntAccount {
        source: SourceRef { file: 0, line },
        id: EntId(id.into()),
        category: Some(EntCategory::Eleve),
        populations: vec![population],
        last_name: Personal::new(name),
        given_name: Personal::new(given),
        ..EntAccount::default()
    }
}

fn exact(other: usize) -> Candidate {
    Candidate {
        other,
        score: 21.0,
        comparisons: vec![
            Comparison {
                field: Field::LastName,
                level: "identique".into(),
                weight: 7.0,
            },
            Comparison {
                field: Field::GivenName,
                level: "identique".into(),
                weight: 6.0,
            },
            Comparison {
                field: Field::BirthDate,
                level: "identique".into(),
                weight: 8.0,
            },
        ]
        .into(),
        verdict: Verdict {
            linked: true,
            reason: "lien exact unique".into(),
        },
        probability: Some(0.9995),
    }
}

fn tom(other: usize) -> Candidate {
    Candidate {
        other,
        score: 8.5,
        comparisons: vec![
            Comparison {
                field: Field::LastName,
                level: "identique".into(),
                weight: 7.0,
            },
            Comparison {
                field: Field::GivenName,
                level: "identique".into(),
                weight: 6.0,
            },
            Comparison {
                field: Field::BirthDate,
                level: "inversion jour/mois".into(),
                weight: -4.5,
            },
        ]
        .into(),
        verdict: Verdict {
            linked: false,
            reason: "écart insuffisant avec le candidat suivant (1,0 < 4,0)".into(),
        },
        probability: Some(0.62),
    }
}

fn linked(status: Status, other: usize, candidate: Candidate) -> (UserResult, AccountResult) {
    (
        UserResult {
            status,
            linked: Some(other),
            candidates: vec![candidate.clone()],
            notes: vec![],
            existing: None,
        },
        AccountResult {
            status,
            linked: Some(other),
            candidates: vec![candidate],
            notes: vec![],
        },
    )
}

/// The sample run result.
pub fn state() -> RunState {
    let mut lea = user(
        1,
        2,
        Population::Eleves,
        "AAAAAAAAAAAAAAA1",
        "DUPONT",
        "Léa Marie",
    );
    lea.birth_date = parse_date("14/03/2011");
    lea.class = Some("5A".into());
    let mut tom_user = user(
        1,
        3,
        Population::Eleves,
        "AAAAAAAAAAAAAAA2",
        "MARTIN",
        "Tom",
    );
    tom_user.birth_date = parse_date("03/04/2012");
    tom_user.class = Some("6B".into());
    let mut chloe = user(
        1,
        4,
        Population::Eleves,
        "AAAAAAAAAAAAAAA3",
        "BERNARD",
        "Chloé",
    );
    chloe.birth_date = parse_date("31/02/2012");
    chloe.class = Some("6C\u{1b}[31m".into());
    let mut paul = user(
        2,
        2,
        Population::Responsables,
        "AAAAAAAAAAAAAAA4",
        "DURAND",
        "Paul",
    );
    paul.postal_code = Some("13013".into());

    let mut lea_ent = account(4, "ent-lea", Population::Eleves, "DUPONT", "Léa");
    lea_ent.other_given_names = vec![Personal::new("Léa"), Personal::new("Marie")];
    lea_ent.birth_date = parse_date("14/03/2011");
    lea_ent.classes = vec!["5A".into()];
    let mut tom_ent = account(22, "ent-tom", Population::Eleves, "MARTIN", "Tom");
    tom_ent.birth_date = parse_date("04/03/2012");
    tom_ent.classes = vec!["6B".into()];
    let mut paul_ent = account(40, "ent-paul", Population::Responsables, "DURAND", "Paul");
    paul_ent.category = Some(EntCategory::PersRelEleve);
    paul_ent.postal_code = Some("13013".into());

    let (lea_user_result, lea_account_result) = linked(Status::Exact, 0, exact(0));
    let (paul_user_result, mut paul_account_result) = linked(Status::Exact, 2, exact(2));
    paul_account_result.linked = Some(3);
    paul_account_result.candidates[0].other = 3;
    let reconciliation = Reconciliation {
        users: vec![
            lea_user_result,
            UserResult {
                status: Status::Review,
                linked: None,
                candidates: vec![tom(1)],
                notes: vec![],
                existing: None,
            },
            UserResult {
                status: Status::Unmatched,
                linked: None,
                candidates: vec![],
                notes: vec![
                    "date de naissance illisible « 31/02/2012 » : date inexistante ou mal écrite (attendu jj/mm/aaaa)".into(),
                ],
                existing: None,
            },
            paul_user_result,
        ],
        accounts: vec![
            lea_account_result,
            AccountResult {
                status: Status::Review,
                linked: None,
                candidates: vec![tom(1)],
                notes: vec![],
            },
            paul_account_result,
        ],
    };
    let inputs = vec![
        InputFile {
            path: "export.xml.age".into(),
            kind: InputKind::EntExport,
            populations: vec![Population::Eleves, Population::Responsables],
            establishment: None,
        },
        InputFile {
            path: "eleves.csv".into(),
            kind: InputKind::PronoteList,
            populations: vec![Population::Eleves],
            establishment: None,
        },
        InputFile {
            path: "responsables.csv".into(),
            kind: InputKind::PronoteList,
            populations: vec![Population::Responsables],
            establishment: None,
        },
    ];
    RunState::new(
        inputs,
        vec![lea_ent, tom_ent, paul_ent],
        vec![lea, tom_user, chloe, paul],
        reconciliation,
        // Fixed here, so that the expected outputs do not follow the engine's tuning.
        &MatchSettings {
            accept: 12.0,
            margin: 4.0,
            review_floor: 0.0,
        },
    )
}
