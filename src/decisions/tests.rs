use super::*;

const P1: &str = "ABCDEFHJKMNPQRST";
const P2: &str = "QJBSEV5YK3U98ZTD";

fn link(p: &str, e: &str) -> Decision {
    Decision {
        pronote: PronoteId(p.into()),
        action: Action::Link(EntId(e.into())),
        date: None,
        comment: None,
    }
}

fn unlink(p: &str) -> Decision {
    Decision {
        pronote: PronoteId(p.into()),
        action: Action::Unlink,
        date: None,
        comment: None,
    }
}

fn reject(p: &str, e: &str) -> Decision {
    Decision {
        pronote: PronoteId(p.into()),
        action: Action::Reject(EntId(e.into())),
        date: None,
        comment: None,
    }
}

#[test]
fn lines_that_parse() {
    let cases: [(&str, &str, Option<Decision>); 8] = [
        ("blank", "   ", None),
        ("comment", "# lier ABCDEFHJKMNPQRST x", None),
        ("link", "lier ABCDEFHJKMNPQRST e-1", Some(link(P1, "e-1"))),
        ("unlink", "delier ABCDEFHJKMNPQRST", Some(unlink(P1))),
        ("accented verb", "délier ABCDEFHJKMNPQRST", Some(unlink(P1))),
        (
            "reject",
            "refuser ABCDEFHJKMNPQRST 2605692",
            Some(reject(P1, "2605692")),
        ),
        (
            "lower-case id, upper-case verb",
            "LIER abcdefhjkmnpqrst e-1",
            Some(link(P1, "e-1")),
        ),
        (
            "date and comment",
            "  lier ABCDEFHJKMNPQRST e-1 2026-09-14   # homonyme 5B ",
            Some(Decision {
                date: Some("2026-09-14".into()),
                comment: Some("homonyme 5B".into()),
                ..link(P1, "e-1")
            }),
        ),
    ];
    for (name, line, expected) in cases {
        let parsed = parse(line).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(parsed.iter().next().cloned(), expected, "{name}");
    }
}

#[test]
fn lines_that_do_not_parse() {
    let cases = [
        (
            "unknown verb",
            "link ABCDEFHJKMNPQRST e",
            "« link » n'est pas une décision",
        ),
        (
            "missing ENT id",
            "lier ABCDEFHJKMNPQRST",
            "« lier » attend PRONOTE_ID ENT_ID",
        ),
        (
            "extra id",
            "delier ABCDEFHJKMNPQRST e",
            "attendu une date AAAA-MM-JJ",
        ),
        (
            "too many words",
            "refuser ABCDEFHJKMNPQRST e 2026-01-01 x",
            "attend",
        ),
        (
            "short Pronote id",
            "delier ABCDEF",
            "n'est pas un identifiant PRONOTE-ENT",
        ),
        (
            "letter outside the alphabet",
            "delier ABCDEFGHJKMNPQRS",
            "PRONOTE-ENT",
        ),
        (
            "bad date",
            "delier ABCDEFHJKMNPQRST 14/09/2026",
            "attendu une date",
        ),
    ];
    for (name, line, expected) in cases {
        let text = format!("# en-tête\n{line}\n");
        match parse(&text) {
            Err(e) => {
                assert_eq!(e.line, 2, "{name}");
                assert!(e.reason.contains(expected), "{name}: {}", e.reason);
            }
            Ok(d) => panic!("{name}: parsed {d:?}"),
        }
    }
}

#[test]
fn render_gives_back_the_file() {
    let text = "# mes décisions\n\nlier ABCDEFHJKMNPQRST e-1 2026-09-14 # 5B\n  # fin\n";
    assert_eq!(parse(text).unwrap().render(), text);
}

#[test]
fn a_new_decision_replaces_what_it_contradicts() {
    let cases: [(&str, &[Decision], Decision, &[Decision]); 7] = [
        (
            "link replaces link",
            &[link(P1, "a")],
            link(P1, "b"),
            &[link(P1, "a")],
        ),
        (
            "unlink replaces link",
            &[link(P1, "a")],
            unlink(P1),
            &[link(P1, "a")],
        ),
        (
            "link replaces unlink",
            &[unlink(P1)],
            link(P1, "a"),
            &[unlink(P1)],
        ),
        (
            "reject removes the same link",
            &[link(P1, "a")],
            reject(P1, "a"),
            &[link(P1, "a")],
        ),
        (
            "link removes the same rejection only",
            &[reject(P1, "a"), reject(P1, "b")],
            link(P1, "a"),
            &[reject(P1, "a")],
        ),
        (
            "one account, one link",
            &[link(P2, "a")],
            link(P1, "a"),
            &[link(P2, "a")],
        ),
        (
            "other users untouched",
            &[link(P2, "b"), unlink(P2), reject(P2, "a")],
            link(P1, "a"),
            &[],
        ),
    ];
    for (name, before, new, removed) in cases {
        let mut file = Decisions::default();
        for d in before {
            file.record(d.clone());
        }
        let before_count = file.len();
        assert_eq!(file.record(new.clone()), removed, "{name}");
        assert_eq!(file.len(), before_count - removed.len() + 1, "{name}");
        assert_eq!(file.iter().last(), Some(&new), "{name}");
    }
}

#[test]
fn recording_keeps_comments_and_order() {
    let text = "# à moi\nrefuser ABCDEFHJKMNPQRST x # homonyme\nlier QJBSEV5YK3U98ZTD y\n# fin\n";
    let mut file = parse(text).unwrap();
    let removed = file.record(unlink(P2));
    assert_eq!(removed, [link(P2, "y")]);
    assert_eq!(
        file.render(),
        "# à moi\nrefuser ABCDEFHJKMNPQRST x # homonyme\n# fin\ndelier QJBSEV5YK3U98ZTD\n"
    );
    // The same decision again: not duplicated, kept in place.
    let mut again = unlink(P2);
    again.comment = Some("vu".into());
    assert!(file.record(again).is_empty());
    assert_eq!(file.len(), 2);
    assert!(file.render().ends_with("delier QJBSEV5YK3U98ZTD # vu\n"));
}

#[test]
fn a_new_file_starts_with_the_explanation() {
    let mut file = Decisions::default();
    file.record(link(P1, "e"));
    let text = file.render();
    assert!(text.starts_with("# Décisions manuelles de rapproche"));
    assert!(text.ends_with("\nlier ABCDEFHJKMNPQRST e\n"));
    assert_eq!(parse(&text).unwrap(), file);
}

#[test]
fn load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decisions.txt");
    assert!(load(&path, false).unwrap().is_empty());
    assert!(matches!(load(&path, true), Err(Error::Unreadable { .. })));
    let mut file = Decisions::default();
    file.record(reject(P1, "e"));
    save(&path, &file).unwrap();
    assert_eq!(load(&path, true).unwrap(), file);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    std::fs::write(&path, "lier x\n").unwrap();
    match load(&path, true) {
        Err(e @ Error::BadDecisions { line: 1, .. }) => assert!(
            e.to_string()
                .contains("decisions.txt », ligne 1 : « lier » attend PRONOTE_ID ENT_ID [DATE].\n"),
            "{e}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_last_line_ending_in_a_bare_cr_survives_a_rewrite() {
    // Found by fuzzing: `lines` keeps the CR of a last line without LF.
    for text in ["# a\n# b\r", "# a\r\r\n# b\r\r"] {
        let file = parse(text).unwrap();
        assert_eq!(file.render(), "# a\n# b\n", "{text:?}");
        assert_eq!(parse(&file.render()).unwrap(), file, "{text:?}");
    }
}

#[test]
fn today_is_a_date() {
    assert!(is_date(&today()), "{}", today());
}

proptest::proptest! {
    /// Whatever the text, parsing never panics, and what parses renders
    /// back to the same lines.
    #[test]
    fn parse_never_panics(text in "\\PC{0,200}") {
        if let Ok(file) = parse(&text) {
            let again = parse(&file.render()).unwrap();
            proptest::prop_assert_eq!(again, file);
        }
    }
}
