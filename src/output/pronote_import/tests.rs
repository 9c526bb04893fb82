use super::*;
use crate::model::Population;
use crate::read::encoding::TextEncoding;
use crate::read::labels::Labels;
use crate::read::pronote_csv::{CsvFormat, LineEnding, parse_list, read_list};
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pronote/encodings")
        .join(name)
}

fn id(text: &str) -> Option<EntId> {
    Some(EntId(text.into()))
}

fn reparse(bytes: &[u8]) -> PronoteList {
    match parse_list(
        bytes,
        Path::new("sortie.csv"),
        0,
        Some(Population::Eleves),
        &Labels::default(),
    ) {
        Ok((list, _)) => list,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn fixtures_render_byte_for_byte() {
    let ids = [
        id("11111111-aaaa-4bbb-8ccc-000000000001"),
        None,
        id("11111111-aaaa-4bbb-8ccc-000000000003"),
    ];
    let cases = [
        ("utf8", TextEncoding::Utf8, b';', LineEnding::Lf, true),
        (
            "utf8-bom",
            TextEncoding::Utf8Bom,
            b',',
            LineEnding::Crlf,
            true,
        ),
        (
            "windows-1252",
            TextEncoding::Windows1252,
            b';',
            LineEnding::Crlf,
            false,
        ),
        (
            "utf16le-bom",
            TextEncoding::Utf16LeBom,
            b'\t',
            LineEnding::Crlf,
            true,
        ),
    ];
    for (name, encoding, delimiter, line_ending, trailing_newline) in cases {
        let (list, users) = read_list(
            &fixture(&format!("{name}.csv")),
            0,
            None,
            &Labels::default(),
        )
        .unwrap();
        let format = CsvFormat {
            encoding,
            delimiter,
            line_ending,
            trailing_newline,
        };
        assert_eq!(list.format, format, "{name}");
        assert_eq!(users.len(), 3, "{name}");
        assert_eq!(users[2].given_names.as_str(), "Ève-Hélène", "{name}");
        let rendered = render_pronote_import(&list, &ids).unwrap();
        let expected = std::fs::read(fixture(&format!("{name}.expected.csv"))).unwrap();
        assert!(
            rendered == expected,
            "{name}: rendered bytes differ from the expected file"
        );
        // And the output reads back in the same format, ids in place.
        let back = reparse(&rendered);
        assert_eq!(back.format, format, "{name}");
        let ent = back.column(Column::EntId).unwrap();
        let cells: Vec<&str> = back.rows.iter().map(|r| r[ent].as_str()).collect();
        let unmatched = if name == "utf8-bom" {
            "ancien-id-2019"
        } else {
            ""
        };
        assert_eq!(
            cells,
            [
                "11111111-aaaa-4bbb-8ccc-000000000001",
                unmatched,
                "11111111-aaaa-4bbb-8ccc-000000000003"
            ],
            "{name}"
        );
    }
}

#[test]
fn fills_in_place_appends_or_leaves_cells() {
    let cases: [(&str, &str, Vec<Option<EntId>>, &str); 5] = [
        (
            "appended",
            "Nom;Prénom\nA;B\n",
            vec![id("e1")],
            "Nom;Prénom;Identifiant ENT\nA;B;e1\n",
        ),
        (
            "appended empty for none",
            "Nom;Prénom\nA;B\n",
            vec![None],
            "Nom;Prénom;Identifiant ENT\nA;B;\n",
        ),
        (
            "filled in place, stale kept for none",
            "Identifiant ENT;Nom;Prénom\nold1;A;B\nold2;C;D\n",
            vec![id("e1"), None],
            "Identifiant ENT;Nom;Prénom\ne1;A;B\nold2;C;D\n",
        ),
        (
            "missing entries are none",
            "Nom;Prénom\nA;B\nC;D\n",
            vec![id("e1")],
            "Nom;Prénom;Identifiant ENT\nA;B;e1\nC;D;\n",
        ),
        (
            "header only",
            "Nom;Prénom",
            vec![],
            "Nom;Prénom;Identifiant ENT",
        ),
    ];
    for (name, input, ids, expected) in cases {
        let list = reparse(input.as_bytes());
        let rendered = render_pronote_import(&list, &ids).unwrap();
        assert_eq!(String::from_utf8(rendered).unwrap(), expected, "{name}");
    }
}

#[test]
fn redundant_quotes_are_dropped_and_short_rows_padded() {
    let list = reparse(b"\"Nom\";\"Pr\xC3\xA9nom\";Classe\r\n\"A\";\"B\"\r\n");
    let rendered = render_pronote_import(&list, &[id("e1")]).unwrap();
    assert_eq!(
        String::from_utf8(rendered).unwrap(),
        "Nom;Prénom;Classe;Identifiant ENT\r\nA;B;;e1\r\n"
    );
}

#[test]
fn unmappable_id_in_windows1252_is_an_error() {
    let list = reparse(b"Nom;Pr\xE9nom\r\nA;B\r\n");
    assert_eq!(list.format.encoding, TextEncoding::Windows1252);
    match render_pronote_import(&list, &[id("ĳ-1")]) {
        Err(crate::error::Error::Write { reason, .. }) => {
            assert!(reason.contains("U+0133"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

// Characters Windows-1252 can hold, with the delimiters, quotes and line
// breaks that force quoting.
const CELL_CHARS: &[char] = &[
    'a', 'Z', '0', ' ', '-', '\'', 'é', 'È', 'ç', 'Œ', 'œ', 'ë', '–', ';', ',', '\t', '"', '\r',
    '\n',
];

fn cell() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(CELL_CHARS), 0..8)
        .prop_map(|chars| chars.into_iter().collect())
}

fn format() -> impl Strategy<Value = CsvFormat> {
    (
        proptest::sample::select(vec![
            TextEncoding::Utf8,
            TextEncoding::Utf8Bom,
            TextEncoding::Windows1252,
            TextEncoding::Utf16LeBom,
        ]),
        proptest::sample::select(vec![b';', b',', b'\t']),
        proptest::sample::select(vec![LineEnding::Crlf, LineEnding::Lf]),
        any::<bool>(),
    )
        .prop_map(
            |(encoding, delimiter, line_ending, trailing_newline)| CsvFormat {
                encoding,
                delimiter,
                line_ending,
                trailing_newline,
            },
        )
}

proptest! {
    #[test]
    fn render_then_read_back_keeps_rows_and_format(
        format in format(),
        with_ent_column in any::<bool>(),
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 4), 0..6),
        ids in proptest::collection::vec(proptest::option::of("[a-z0-9-]{1,12}"), 0..6),
    ) {
        // A header with an accent, so Windows-1252 is told from UTF-8.
        let mut header: Vec<String> = ["Nom", "Prénom", "Classe", "Observations"].map(String::from).to_vec();
        let mut columns = HashMap::from([(Column::LastName, 0), (Column::GivenNames, 1), (Column::Class, 2)]);
        let mut rows = rows;
        if with_ent_column {
            header[3] = "Identifiant ENT".to_string();
            columns.insert(Column::EntId, 3);
        }
        let list = PronoteList {
            path: PathBuf::from("liste.csv"),
            format,
            header: header.clone(),
            rows: rows.iter().map(|r| r.iter().map(|c| c.as_str().into()).collect()).collect(),
            lines: vec![0; rows.len()],
            columns,
        };
        let ids: Vec<Option<EntId>> = ids.into_iter().map(|i| i.map(|s| EntId(s.into()))).collect();
        let bytes = render_pronote_import(&list, &ids).unwrap();
        let back = reparse(&bytes);

        // What the rows must be: ids filled or appended.
        if !with_ent_column {
            header.push("Identifiant ENT".to_string());
        }
        for (index, row) in rows.iter_mut().enumerate() {
            let id = ids.get(index).cloned().flatten().map(|i| i.0.to_string());
            if with_ent_column {
                if let Some(id) = id { row[3] = id; }
            } else {
                row.push(id.unwrap_or_default());
            }
        }
        // A single line without terminator shows no line ending: CRLF then.
        let mut expected_format = format;
        if rows.is_empty() && !format.trailing_newline {
            expected_format.line_ending = LineEnding::Crlf;
        }
        prop_assert_eq!(back.format, expected_format);
        prop_assert_eq!(back.header, header);
        prop_assert_eq!(back.rows, rows);
    }
}

#[test]
fn header_read_back_with_the_same_delimiter() {
    // Found by fuzzing: the header `Nom;Prénom";,,,,` is read with `;`
    // (a quote inside a cell is a plain character), but written as
    // `Nom;"Prénom""";,,,,` it was read back with `,`. Header cells holding
    // any delimiter are now quoted.
    let list = reparse("Nom;Prénom\";,,,,\nA;B;C\n".as_bytes());
    assert_eq!(list.format.delimiter, b';');
    let bytes = render_pronote_import(&list, &[]).unwrap();
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        // (The odd quote hides the header's LF from the detection: CRLF.)
        "Nom;\"Prénom\"\"\";\",,,,\";Identifiant ENT\r\nA;B;C;\r\n"
    );
    let back = reparse(&bytes);
    assert_eq!(back.format.delimiter, b';');
    assert_eq!(back.header[..3], list.header[..]);
    assert_eq!(back.rows, [["A", "B", "C", ""]]);
    // The fuzzer's input itself (UTF-8 with BOM).
    crate::fuzzing::csv(b"\x01Nom;Pr\xc3\xa9nom\";,,,,");
}
