//! No names, birth dates or ids in what `rapproche match` prints (issue 7):
//! the demo run, with its warnings, is checked against every name, date
//! and id of its inputs. The reports and the import files hold them on
//! purpose; the terminal does not.

use crate::harness::{Test, fixture_path};
use rapproche::model::DateField;
use rapproche::read::pronote_csv::read_list;

const LISTS: &[&str] = &[
    "eleves.csv",
    "responsables.csv",
    "professeurs.csv",
    "personnels.csv",
];

/// The personal values of the demo lists: names, given names, dates, ids.
fn personal_values() -> Vec<String> {
    let mut values = Vec::new();
    for (index, name) in LISTS.iter().enumerate() {
        let (_, users) = read_list(
            &fixture_path(name),
            index,
            None,
            &rapproche::read::labels::Labels::default(),
        )
        .unwrap();
        for user in users {
            values.push(user.last_name.as_str().to_string());
            values.push(user.given_names.as_str().to_string());
            if let DateField::Valid(date) = user.birth_date {
                values.push(date.to_string());
            }
            values.extend(user.id.map(|id| id.0.to_string()));
        }
    }
    values.retain(|v| v.chars().count() >= 3);
    values
}

#[test]
fn match_prints_no_names_dates_or_ids() {
    let values = personal_values();
    assert!(values.len() > 100, "{}", values.len());
    // A duplicated account and a duplicated Pronote id add warnings.
    let mut eleves = std::fs::read(fixture_path("eleves.csv")).unwrap();
    let second_row_start = eleves.iter().position(|&b| b == b'\n').unwrap() + 1;
    let second_row_end = second_row_start
        + eleves[second_row_start..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 1;
    let copy = eleves[second_row_start..second_row_end].to_vec();
    eleves.extend(copy);
    let mut args = vec![
        "match",
        "-i",
        "cle-demo.txt",
        "export.xml.age",
        "export.xml.age",
    ];
    args.extend(LISTS);
    args.extend(["--output-dir", "import"]);
    let done = Test::new()
        .fixtures(&[
            "cle-demo.txt",
            "export.xml.age",
            "responsables.csv",
            "professeurs.csv",
            "personnels.csv",
        ])
        .bytes("eleves.csv", &eleves)
        .args(&args)
        .any_stdout()
        .any_stderr()
        .status(1)
        .run();
    assert!(
        done.stderr.contains("identifiant ENT en double"),
        "{}",
        done.stderr
    );
    assert!(
        done.stderr.contains("même Identifiant PRONOTE-ENT"),
        "{}",
        done.stderr
    );
    for value in &values {
        assert!(
            !done.stderr.contains(value.as_str()),
            "standard error shows « {value} »:\n{}",
            done.stderr
        );
        let in_stdout = done
            .stdout
            .lines()
            .any(|line| line.split([' ', '│', '┆']).any(|w| w == value));
        assert!(
            !in_stdout,
            "standard output shows « {value} »:\n{}",
            done.stdout
        );
    }
}
