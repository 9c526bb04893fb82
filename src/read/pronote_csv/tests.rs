use super::*;
use crate::model::{BirthDate, DateField};

fn parse(text: &str, population: Option<Population>) -> Result<(PronoteList, Vec<PronoteUser>)> {
    parse_list(
        text.as_bytes(),
        Path::new("liste.csv"),
        2,
        population,
        &Labels::default(),
    )
}

fn ok(text: &str, population: Option<Population>) -> (PronoteList, Vec<PronoteUser>) {
    match parse(text, population) {
        Ok(result) => result,
        Err(e) => panic!("{text:?}: {e}"),
    }
}

#[test]
fn format_detection() {
    let cases: [(&str, &str, u8, LineEnding, bool); 8] = [
        (
            "semicolon crlf",
            "Nom;Prénom\r\nA;B\r\n",
            b';',
            LineEnding::Crlf,
            true,
        ),
        ("comma lf", "Nom,Prénom\nA,B\n", b',', LineEnding::Lf, true),
        (
            "tab",
            "Nom\tPrénom\tClasse\nA\tB\t5A",
            b'\t',
            LineEnding::Lf,
            false,
        ),
        (
            "tie goes to semicolon",
            "Nom;Prénom;Classe,x,y\nA;B;c\n",
            b';',
            LineEnding::Lf,
            true,
        ),
        (
            "more commas than semicolons",
            "Nom,Prénom,Classe;x\nA,B,5A;y\n",
            b',',
            LineEnding::Lf,
            true,
        ),
        (
            "delimiter in quoted label",
            "Nom,Prénom,\"Classe;a;b;c\"\nA,B,C\n",
            b',',
            LineEnding::Lf,
            true,
        ),
        (
            "header only, no newline",
            "Nom;Prénom",
            b';',
            LineEnding::Crlf,
            false,
        ),
        ("lone CR", "Nom;Prénom\rA;B\r", b';', LineEnding::Crlf, true),
    ];
    for (name, text, delimiter, line_ending, trailing) in cases {
        let format = parse(text, Some(Population::Eleves)).map(|(l, _)| l.format);
        let expected = CsvFormat {
            encoding: TextEncoding::Utf8,
            delimiter,
            line_ending,
            trailing_newline: trailing,
        };
        assert_eq!(format.ok(), Some(expected), "{name}");
    }
}

/// Name, input, expected rows, expected lines.
type RowsCase = (&'static str, &'static str, Vec<Vec<&'static str>>, Vec<u64>);

#[test]
fn rows_and_their_lines() {
    let cases: [RowsCase; 7] = [
        (
            "plain",
            "Nom;Prénom\nA;B\nC;D\n",
            vec![vec!["A", "B"], vec!["C", "D"]],
            vec![2, 3],
        ),
        (
            "quoted delimiter and doubled quote",
            "Nom;Prénom\n\"A;B\";\"x \"\"y\"\"\"\n",
            vec![vec!["A;B", "x \"y\""]],
            vec![2],
        ),
        (
            "newline inside quotes shifts the next line",
            "Nom;Prénom\r\n\"A\r\nB\";C\r\nD;E\r\n",
            vec![vec!["A\r\nB", "C"], vec!["D", "E"]],
            vec![2, 4],
        ),
        (
            "blank lines skipped",
            "Nom;Prénom\n\nA;B\n\n\nC;D\n\n",
            vec![vec!["A", "B"], vec!["C", "D"]],
            vec![3, 6],
        ),
        (
            "short row padded",
            "Nom;Prénom;Classe\nA;B\n",
            vec![vec!["A", "B", ""]],
            vec![2],
        ),
        (
            "extra empty cells dropped",
            "Nom;Prénom\nA;B;;\n",
            vec![vec!["A", "B"]],
            vec![2],
        ),
        (
            "quote inside a field is literal",
            "Nom;Prénom\nO\"Hara;B\n",
            vec![vec!["O\"Hara", "B"]],
            vec![2],
        ),
    ];
    for (name, text, rows, lines) in cases {
        let (list, _) = ok(text, Some(Population::Eleves));
        assert_eq!(list.rows, rows, "{name}");
        assert_eq!(list.lines, lines, "{name}");
    }
}

#[test]
fn errors_on_whole_files() {
    let cases: [(&str, &str, Option<Population>, &str); 9] = [
        ("empty", "", None, "« liste.csv » est vide."),
        (
            "only blank lines",
            "\r\n\r\n",
            None,
            "« liste.csv » est vide.",
        ),
        (
            "unterminated quote",
            "Nom;Prénom\nA;B\n\"C;D\nE;F\n",
            None,
            "« liste.csv », ligne 3 : CSV invalide : guillemet ouvert et jamais refermé",
        ),
        (
            "extra non-empty cell",
            "Nom;Prénom\nA;B\nA;B;C\n",
            None,
            "« liste.csv », ligne 3 : CSV invalide : 3 champs pour 2 colonnes dans l'en-tête (séparateur en trop ?)",
        ),
        (
            "missing given names",
            "Nom;Prénom usuel\nA;B\n",
            None,
            "colonnes obligatoires absentes : Prénom.\nColonnes trouvées : « Nom », « Prénom usuel ».",
        ),
        (
            "no known column: the first line may be a person, not echoed",
            "DUPONT,Léa\n",
            None,
            "« liste.csv » : la première ligne n'est pas une ligne de titres (aucune colonne reconnue).",
        ),
        (
            "unknown population value",
            "Nom;Prénom;Population\nA;B;Élève\nC;D;Surveillant\n",
            None,
            "« liste.csv », ligne 3 : population inconnue « Surveillant ».",
        ),
        (
            "teachers or staff cannot be told apart",
            "Nom;Prénom;Civilité\nA;B;M.\n",
            None,
            "impossible de savoir de quelle population il s'agit",
        ),
        (
            "empty population cell and nothing to guess from",
            "Nom;Prénom;Profil\nA;B;\n",
            None,
            "impossible de savoir de quelle population il s'agit",
        ),
    ];
    for (name, text, population, expected) in cases {
        match parse(text, population) {
            Err(e) => assert!(e.to_string().contains(expected), "{name}: {e}"),
            Ok(_) => panic!("{name}: no error"),
        }
    }
}

#[test]
fn population_per_row_default_or_guessed() {
    let cases: [(&str, &str, Option<Population>, Population); 12] = [
        (
            "column value",
            "Nom;Prénom;Population\nA;B;Responsable\n",
            None,
            Population::Responsables,
        ),
        (
            "column wins over default",
            "Nom;Prénom;Profil\nA;B;Professeurs\n",
            Some(Population::Eleves),
            Population::Professeurs,
        ),
        (
            "value without accent",
            "Nom;Prénom;Profil\nA;B;ELEVE\n",
            None,
            Population::Eleves,
        ),
        (
            "plural with accent",
            "Nom;Prénom;Profil\nA;B;Élèves\n",
            None,
            Population::Eleves,
        ),
        (
            "parent",
            "Nom;Prénom;Profil\nA;B;parent\n",
            None,
            Population::Responsables,
        ),
        (
            "personnels",
            "Nom;Prénom;Profil\nA;B;Personnels\n",
            None,
            Population::Personnels,
        ),
        (
            "inspecteur",
            "Nom;Prénom;Profil\nA;B;Inspecteur\n",
            None,
            Population::Inspecteurs,
        ),
        (
            "default",
            "Nom;Prénom;Civilité\nA;B;M.\n",
            Some(Population::Personnels),
            Population::Personnels,
        ),
        (
            "guess: class",
            "Nom;Prénom;Classe;C.P.\nA;B;5A;13013\n",
            None,
            Population::Eleves,
        ),
        (
            "guess: children",
            "Nom;Prénom;Né(e) le;Élèves\nA;B;;X Y\n",
            None,
            Population::Responsables,
        ),
        (
            "guess: postal code only",
            "Nom;Prénom;C.P.\nA;B;13013\n",
            None,
            Population::Responsables,
        ),
        (
            "empty cell falls back",
            "Nom;Prénom;Classe;Profil\nA;B;5A;\n",
            None,
            Population::Eleves,
        ),
    ];
    for (name, text, default, expected) in cases {
        let (_, users) = ok(text, default);
        assert_eq!(users[0].population, expected, "{name}");
    }
}

#[test]
fn a_student_row_fills_every_field() {
    let text = "Nom;Prénom;Né(e) le;Classe;Civilité;Identifiant PRONOTE-ENT;Identifiant ENT;Identifiant CAS;Autre\r\n\
                DUPONT-MARTIN; Léa Marie ;14/03/2011;5A;Mlle;ABCDEFHJKMNPQRST;b7c1;lea.dupont3;x\r\n";
    let (list, users) = ok(text, None);
    assert_eq!(list.header.len(), 9);
    assert_eq!(list.column(Column::CasId), Some(7));
    let user = &users[0];
    let expected = PronoteUser {
        list: 2,
        row: 0,
        line: 2,
        population: Population::Eleves,
        id: Some(PronoteId("ABCDEFHJKMNPQRST".into())),
        last_name: Personal::new("DUPONT-MARTIN"),
        given_names: Personal::new("Léa Marie"),
        birth_date: DateField::Valid(BirthDate {
            year: 2011,
            month: 3,
            day: 14,
        }),
        class: Some("5A".into()),
        postal_code: None,
        civility: Some("Mlle".into()),
        children: vec![],
        existing_ent_id: Some(EntId("b7c1".into())),
        cas_id: Some("lea.dupont3".into()),
    };
    assert_eq!(user, &expected);
    // The row keeps the cells as typed.
    assert_eq!(list.rows[0][1], " Léa Marie ");
}

#[test]
fn a_parent_row_with_children_and_blank_cells() {
    let text = "Nom;Prénom;C.P.;Élèves;Né(e) le;Identifiant ENT\n\
                MARTIN;Paul;13013;DUPONT Léa, DUPONT Hugo,;;\n\
                ;;;;;\n\
                DURAND;Anne;;;31/02/1980;\n";
    let (list, users) = ok(text, None);
    assert_eq!(list.rows.len(), 3, "the all-empty row stays in the list");
    assert_eq!(users.len(), 2, "but gives no user");
    let parent = &users[0];
    assert_eq!(parent.population, Population::Responsables);
    assert_eq!(
        parent.children,
        vec![Personal::new("DUPONT Léa"), Personal::new("DUPONT Hugo")]
    );
    assert_eq!(parent.postal_code.as_deref(), Some("13013"));
    assert_eq!(parent.birth_date, DateField::Absent);
    assert_eq!(parent.existing_ent_id, None);
    assert_eq!(parent.id, None);
    let other = &users[1];
    assert_eq!((other.row, other.line), (2, 4));
    assert_eq!(other.birth_date, DateField::Invalid("31/02/1980".into()));
    assert_eq!(other.postal_code, None);
}

#[test]
fn header_only_list_has_no_users() {
    let (list, users) = ok("Nom;Prénom;Civilité\r\n", None);
    assert!(list.rows.is_empty());
    assert!(users.is_empty());
}

#[test]
fn names_never_appear_in_debug_output() {
    let (_, users) = ok("Nom;Prénom;Élèves\nSECRETNAME;Given;CHILDNAME Kid\n", None);
    let debug = format!("{users:?}");
    assert!(
        !debug.contains("SECRETNAME") && !debug.contains("CHILDNAME"),
        "{debug}"
    );
}

#[test]
fn unreadable_file_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent.csv");
    assert!(matches!(
        read_list(&missing, 0, None, &Labels::default()),
        Err(Error::Unreadable { .. })
    ));
    let present = dir.path().join("liste.csv");
    std::fs::write(&present, b"Nom;Pr\xE9nom\r\nA;B\r\n").unwrap();
    let (list, users) =
        read_list(&present, 0, Some(Population::Eleves), &Labels::default()).unwrap();
    assert_eq!(list.format.encoding, TextEncoding::Windows1252);
    assert_eq!(list.header, ["Nom", "Prénom"]);
    assert_eq!(users.len(), 1);
}

proptest::proptest! {
    #[test]
    fn any_bytes_give_a_list_or_an_error_never_a_panic(
        bytes in proptest::collection::vec(proptest::sample::select(
            b"Nom;Prenom,\t\"\r\n\xE9\x00\xFF\xFEa".to_vec()), 0..64),
        prefix in proptest::sample::select(vec![&b""[..], b"Nom;Pr\xC3\xA9nom\n", b"\xFF\xFE", b"\xEF\xBB\xBF"]),
    ) {
        let mut input = prefix.to_vec();
        input.extend(bytes);
        let _ = parse_list(&input, Path::new("l.csv"), 0, None, &Labels::default());
    }
}

#[test]
fn population_guessed_from_the_file_name_when_columns_do_not_tell() {
    let columns: HashMap<Column, usize> = [
        (Column::LastName, 0),
        (Column::GivenNames, 1),
        (Column::BirthDate, 2),
    ]
    .into();
    let cases = [
        ("professeurs.csv", Some(Population::Professeurs)),
        ("Liste des personnels.csv", Some(Population::Personnels)),
        ("2026-eleves.csv", Some(Population::Eleves)),
        ("Élèves 5A.csv", Some(Population::Eleves)),
        ("export.csv", None),
        ("professionnels.csv", None),
    ];
    for (name, expected) in cases {
        assert_eq!(
            guess_population(&columns, Path::new(name)),
            expected,
            "{name}"
        );
    }
}
