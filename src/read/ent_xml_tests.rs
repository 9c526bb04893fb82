//! Tests of `ent_xml`: a realistic sample, then one table per rule of
//! FORMATS.md §1 and per bound.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::model::{BirthDate, DateField, EntCategory, Personal, Population, SourceRef};
use std::io::{Cursor, Write};

/// Shaped like a real national feed: DOCTYPE without XML declaration, a
/// version comment, no indentation, numeric ids, `$` relations, empty
/// values, an account without `ENTPersonProfils`, names in any case.
const SAMPLE: &str = r#"<!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">
<!-- versionAF="AAF-VE1301" -->
<ficAlimMENESR>

<addRequest>
<operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
<identifier><id>2605692</id></identifier>
<attributes>
<attr name="ENTPersonLogin"><value>marie-josee.crepier</value></attr>
<attr name="sn"><value>CREPIER</value></attr>
<attr name="givenName"><value>Marie-josée</value></attr>
<attr name="ENTPersonAutresPrenoms"><value>Marie-josée</value><value>Lucie</value></attr>
<attr name="ENTPersonNomPatro"><value/></attr>
<attr name="ENTPersonDateNaissance"><value>14/03/2011</value></attr>
<attr name="ENTPersonStructRattach"><value>0130001A</value></attr>
<attr name="ENTEleveClasses"><value>0130001A$5A</value></attr>
<attr name="ENTElevePersRelEleve"><value>2867253$2$1$1$0$0</value><value>2867254$1$1$1$0$0</value><value/></attr>
<attr name="personalTitle"><value>Mlle</value></attr>
<attr name="ENTEleveMEF"><value>10110001110</value></attr>
</attributes>
</addRequest>
<addRequest>
<identifier><id>2867253</id></identifier>
<operationalAttributes><attr name="categoriePersonne"><value>PersRelEleve</value></attr></operationalAttributes>
<attributes>
<attr name="sn"><value>Nichols</value></attr>
<attr name="givenName"><value>jean</value></attr>
<attr name="ENTPersonAutresPrenoms"><value>Paul</value></attr>
<attr name="ENTPersonDateNaissance"><value></value></attr>
<attr name="ENTPersonCodePostal"><value>13013</value></attr>
<attr name="ENTAuxPersRelEleveEleve"><value>2605692</value></attr>
<attr name="ENTPersonProfils"><value>National_2</value></attr>
</attributes>
</addRequest>
<addRequest><identifier><id>b7c1e0f2-3a1d-4c55-9f0e-1d2c3b4a5e6f</id></identifier><operationalAttributes><attr name="categoriePersonne"><value>PersEducNat</value></attr></operationalAttributes><attributes><attr name="sn"><value>Durand</value></attr><attr name="ENTPersonNomPatro"><value>MARTIN</value></attr><attr name="PersEducNatPresenceDevantEleves"><value>N</value></attr><attr name="ENTPersonStructRattach"><value>0130001A</value><value>0130002B</value></attr></attributes></addRequest>
</ficAlimMENESR>
"#;

fn read_str(xml: &str) -> Result<EntExport> {
    read_bytes(xml.as_bytes())
}

fn read_bytes(xml: &[u8]) -> Result<EntExport> {
    let reader: Box<dyn BufRead> = Box::new(Cursor::new(xml.to_vec()));
    read_accounts(
        reader,
        Path::new("export.xml"),
        3,
        &ProfileMapping::default(),
    )
}

/// One account made of the given `attributes` content.
fn account(attributes: &str) -> EntAccount {
    let xml = format!(
        "<r><addRequest><identifier><id>1</id></identifier><attributes>{attributes}</attributes></addRequest></r>"
    );
    let mut export = read_str(&xml).unwrap();
    assert_eq!(export.accounts.len(), 1);
    export.accounts.remove(0)
}

fn names(values: &[Personal]) -> Vec<&str> {
    values.iter().map(Personal::as_str).collect()
}

fn ids(values: &[EntId]) -> Vec<&str> {
    values.iter().map(|id| id.0.as_str()).collect()
}

#[test]
fn sample_export_is_read_as_it_is() {
    let export = read_str(SAMPLE).unwrap();
    assert!(export.warnings.is_empty());
    let [student, parent, staff] = &export.accounts[..] else {
        panic!("{} accounts", export.accounts.len());
    };

    assert_eq!(student.id, EntId("2605692".into()));
    assert_eq!(student.source, SourceRef { file: 3, line: 5 });
    assert_eq!(student.category, Some(EntCategory::Eleve));
    assert_eq!(student.login.as_deref(), Some("marie-josee.crepier"));
    assert_eq!(student.last_name.as_str(), "CREPIER");
    assert_eq!(student.given_name.as_str(), "Marie-josée");
    assert_eq!(names(&student.other_given_names), ["Marie-josée", "Lucie"]);
    assert_eq!(student.birth_name, None, "<value/> is absent");
    assert_eq!(
        student.birth_date,
        DateField::Valid(BirthDate {
            year: 2011,
            month: 3,
            day: 14
        })
    );
    assert_eq!(student.classes, ["5A"]);
    assert_eq!(student.establishments, ["0130001A"]);
    assert_eq!(ids(&student.relatives), ["2867253", "2867254"]);
    assert_eq!(student.title.as_deref(), Some("Mlle"));
    assert!(student.profiles.is_empty());
    assert_eq!(
        student.populations,
        [Population::Eleves],
        "from the category"
    );

    assert_eq!(parent.source.line, 22);
    assert_eq!(parent.last_name.as_str(), "Nichols");
    assert_eq!(parent.given_name.as_str(), "jean");
    assert_eq!(names(&parent.other_given_names), ["Paul"]);
    assert_eq!(parent.birth_date, DateField::Absent);
    assert_eq!(parent.postal_code.as_deref(), Some("13013"));
    assert_eq!(ids(&parent.relatives), ["2605692"]);
    assert_eq!(parent.profiles, ["National_2"]);
    assert_eq!(parent.populations, [Population::Responsables]);

    assert_eq!(staff.source.line, 35);
    assert_eq!(staff.id.0, "b7c1e0f2-3a1d-4c55-9f0e-1d2c3b4a5e6f");
    assert_eq!(staff.given_name.as_str(), "", "absent given name");
    assert_eq!(
        staff.birth_name.as_ref().map(Personal::as_str),
        Some("MARTIN")
    );
    assert_eq!(staff.teaches, Some(false));
    assert_eq!(
        staff.populations,
        [Population::Personnels, Population::Professeurs]
    );
    assert_eq!(staff.establishments, ["0130001A", "0130002B"]);
}

#[test]
fn document_shapes_are_accepted() {
    let record = "<addRequest><identifier><id>7</id></identifier><attributes><attr name=\"sn\"><value>A</value></attr></attributes></addRequest>";
    let cases = [
        ("xml declaration", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ficAlimMENESR>{record}</ficAlimMENESR>")),
        ("declaration and doctype", format!("<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n<ficAlimMENESR>{record}</ficAlimMENESR>")),
        ("doctype alone", format!("<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\"><ficAlimMENESR>{record}</ficAlimMENESR>")),
        ("doctype with internal subset, no entity", format!("<!DOCTYPE r [<!ELEMENT r ANY>]><r>{record}</r>")),
        ("utf-8 BOM", format!("\u{feff}<?xml version=\"1.0\"?><r>{record}</r>")),
        ("other root, namespaces", "<x:feed xmlns:x=\"urn:x\"><x:addRequest><x:identifier><x:id>7</x:id></x:identifier><x:attributes><x:attr name=\"sn\"><x:value>A</x:value></x:attr></x:attributes></x:addRequest></x:feed>".to_string()),
        ("attributes before identifier", "<r><addRequest><attributes><attr name=\"sn\"><value>A</value></attr></attributes><identifier><id>7</id></identifier></addRequest></r>".to_string()),
        ("indented, CRLF, comments inside", format!("<r>\r\n  <!-- a -->\r\n  {}\r\n</r>\r\n", record.replace("><", ">\r\n    <"))),
        ("id with spaces around", record.replace("<id>7</id>", "<id>\n  7\n</id>")),
        ("no root element", record.to_string()),
    ];
    for (name, xml) in cases {
        let export = read_str(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let [account] = &export.accounts[..] else {
            panic!("{name}")
        };
        assert_eq!(account.id.0, "7", "{name}");
        assert_eq!(account.last_name.as_str(), "A", "{name}");
    }
}

#[test]
fn attribute_rules() {
    type Check = fn(&EntAccount) -> bool;
    let cases: [(&str, &str, Check); 17] = [
        (
            "empty value is absent",
            r#"<attr name="ENTPersonLogin"><value/></attr>"#,
            |a| a.login.is_none(),
        ),
        (
            "blank value is absent",
            r#"<attr name="ENTPersonCodePostal"><value>  </value></attr>"#,
            |a| a.postal_code.is_none(),
        ),
        (
            "empty attr is absent",
            r#"<attr name="personalTitle"/>"#,
            |a| a.title.is_none(),
        ),
        (
            "escaped text",
            r#"<attr name="sn"><value>L&apos;HERMITE &amp; Cie &#233;</value></attr>"#,
            |a| a.last_name.as_str() == "L'HERMITE & Cie é",
        ),
        (
            "CDATA",
            r#"<attr name="sn"><value><![CDATA[D'ARC <x>]]></value></attr>"#,
            |a| a.last_name.as_str() == "D'ARC <x>",
        ),
        (
            "attribute names ignore case",
            r#"<attr name="SN"><value>X</value></attr><attr name="entpersonlogin"><value>x.y</value></attr>"#,
            |a| a.last_name.as_str() == "X" && a.login.as_deref() == Some("x.y"),
        ),
        (
            "unknown attributes ignored",
            r#"<attr name="ENTEleveMEF"><value>1</value></attr><attr><value>no name</value></attr>"#,
            |a| a.last_name.is_blank(),
        ),
        (
            "relation with flags",
            r#"<attr name="ENTElevePersRelEleve"><value>2867253$2$1$1$0$0</value></attr>"#,
            |a| ids(&a.relatives) == ["2867253"],
        ),
        (
            "relations deduplicated, empty ids dropped",
            r#"<attr name="ENTElevePersRelEleve"><value>9$1</value><value>9$2</value><value>$1</value></attr>"#,
            |a| ids(&a.relatives) == ["9"],
        ),
        (
            "children of a parent",
            r#"<attr name="ENTAuxPersRelEleveEleve"><value>5</value><value>b7c1e0f2-3a1d</value></attr>"#,
            |a| ids(&a.relatives) == ["5", "b7c1e0f2-3a1d"],
        ),
        (
            "class after the dollar",
            r#"<attr name="ENTEleveClasses"><value>0130001A$5A</value><value>0130001A$5 B$x</value><value>4C</value></attr>"#,
            |a| a.classes == ["5A", "5 B$x", "4C"],
        ),
        (
            "other given names with the first repeated",
            r#"<attr name="givenName"><value>Léa</value></attr><attr name="ENTPersonAutresPrenoms"><value>Léa</value><value>Marie</value></attr>"#,
            |a| names(&a.other_given_names) == ["Léa", "Marie"],
        ),
        (
            "other given names without the first",
            r#"<attr name="givenName"><value>Léa</value></attr><attr name="ENTPersonAutresPrenoms"><value>Marie</value></attr>"#,
            |a| names(&a.other_given_names) == ["Marie"],
        ),
        (
            "teaches O",
            r#"<attr name="PersEducNatPresenceDevantEleves"><value>O</value></attr>"#,
            |a| a.teaches == Some(true),
        ),
        (
            "teaches other value",
            r#"<attr name="PersEducNatPresenceDevantEleves"><value>?</value></attr>"#,
            |a| a.teaches.is_none(),
        ),
        (
            "invalid date kept for review",
            r#"<attr name="ENTPersonDateNaissance"><value>31/02/2011</value></attr>"#,
            |a| a.birth_date == DateField::Invalid("31/02/2011".into()),
        ),
        (
            "profiles decide, unknown category kept",
            r#"<attr name="ENTPersonProfils"><value>National_3</value><value>National_4</value></attr><attr name="categoriePersonne"><value>Autre</value></attr>"#,
            |a| {
                a.populations == [Population::Professeurs, Population::Personnels]
                    && a.category == Some(EntCategory::Other("Autre".into()))
            },
        ),
    ];
    for (name, attributes, check) in cases {
        let account = account(attributes);
        assert!(check(&account), "{name}: {account:?}");
    }
}

#[test]
fn nothing_maps_gives_no_population() {
    let account = account(r#"<attr name="ENTPersonProfils"><value>Local_9</value></attr>"#);
    assert!(account.populations.is_empty());
    assert_eq!(account.profiles, ["Local_9"]);
}

/// (name, input, expected line and column, part of the reason)
type MalformedCase = (&'static str, Vec<u8>, (u64, u64), &'static str);

#[test]
fn malformed_xml_is_located() {
    let deep = format!("<r><addRequest>{}", "<x>".repeat(40));
    let long_value = format!(
        "<r>\n<addRequest><attributes><attr name=\"sn\"><value>{}</value></attr></attributes></addRequest></r>",
        "A".repeat(MAX_VALUE_LEN + 1)
    );
    let cases: [MalformedCase; 10] = [
        (
            "mismatched end tag",
            b"<r>\n<addRequest>\n<identifier><id>1</ident></addRequest></r>".to_vec(),
            (3, 18),
            "</ident>",
        ),
        (
            "truncated file",
            b"<r>\n<addRequest><identifier><id>1</id>".to_vec(),
            (2, 35),
            "tronqu",
        ),
        (
            "unclosed tag",
            b"<r>\n<addRequest".to_vec(),
            (2, 1),
            "non ferm",
        ),
        (
            "unknown entity",
            b"<r><addRequest><identifier><id>&nbsp;</id></identifier></addRequest></r>".to_vec(),
            (1, 32),
            "&nbsp;",
        ),
        (
            "control character",
            b"<r>\n<addRequest><id>1\x01</id></addRequest></r>".to_vec(),
            (2, 18),
            "U+0001",
        ),
        (
            "control character by reference",
            b"<r>\n<addRequest><identifier><id>&#27;</id></identifier></addRequest></r>".to_vec(),
            (2, 29),
            "U+001B",
        ),
        (
            "latin-1 instead of utf-8",
            b"<r>\n\n<addRequest><attributes><attr name=\"sn\"><value>H\xc9LO</value>".to_vec(),
            (3, 49),
            "UTF-8",
        ),
        ("too deep", deep.into_bytes(), (1, 106), "niveaux"),
        ("value too long", long_value.into_bytes(), (2, 48), "octets"),
        (
            "nested addRequest",
            b"<r><addRequest>\n<addRequest>".to_vec(),
            (2, 1),
            "addRequest",
        ),
    ];
    for (name, xml, (line, column), reason) in cases {
        match read_bytes(&xml) {
            Err(Error::MalformedXml {
                line: l,
                column: c,
                reason: r,
                path,
            }) => {
                assert_eq!((l, c), (line, column), "{name}: {r}");
                assert!(r.contains(reason), "{name}: {r}");
                assert_eq!(path, Path::new("export.xml"));
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn oversized_record_is_refused() {
    let attr = format!(
        "<attr name=\"x\"><value>{}</value></attr>\n",
        "v".repeat(1000)
    );
    let xml = format!("<r>\n<addRequest>{}</addRequest></r>", attr.repeat(1100));
    match read_str(&xml) {
        Err(Error::MalformedXml {
            line: 2,
            column: 1,
            reason,
            ..
        }) => {
            assert!(reason.contains("compte de plus de"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn whole_file_errors() {
    type ErrorCheck = fn(&Error) -> bool;
    let cases: [(&str, &str, ErrorCheck); 5] = [
        (
            "entity declaration",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaa\">]><r><addRequest/></r>",
            |e| matches!(e, Error::XmlEntities { .. }),
        ),
        (
            "external entity, lower case",
            "<!DOCTYPE r [<!entity x SYSTEM \"file:///etc/passwd\">]><r/>",
            |e| matches!(e, Error::XmlEntities { .. }),
        ),
        (
            "no addRequest",
            "<?xml version=\"1.0\"?><ficAlimMENESR><!-- vide --></ficAlimMENESR>",
            |e| matches!(e, Error::NoRecords { .. }),
        ),
        ("empty document", "", |e| {
            matches!(e, Error::NoRecords { .. })
        }),
        (
            "no record with a usable id",
            "<r>\n<addRequest><identifier><id>a;b</id></identifier></addRequest>\n<addRequest><identifier><id><!-- x --></id></identifier></addRequest></r>",
            |e| {
                matches!(
                    e,
                    Error::BadRecord {
                        record: 1,
                        line: 2,
                        ..
                    }
                )
            },
        ),
    ];
    for (name, xml, check) in cases {
        match read_str(xml) {
            Err(e) => assert!(check(&e), "{name}: {e:?}"),
            Ok(export) => panic!("{name}: {} accounts", export.accounts.len()),
        }
    }
}

fn export_with(ids: &[(&str, u64)]) -> EntExport {
    EntExport {
        accounts: ids
            .iter()
            .map(|(id, line)| EntAccount {
                id: EntId((*id).into()),
                source: SourceRef {
                    file: 0,
                    line: *line,
                },
                ..EntAccount::default()
            })
            .collect(),
        warnings: vec!["avertissement".into()],
    }
}

#[test]
fn merging_keeps_the_first_of_each_id() {
    let merged = merge(vec![
        (
            Path::new("Eleve_0000.xml"),
            export_with(&[("1", 5), ("2", 20), ("1", 40)]),
        ),
        (
            Path::new("PersRelEleve_0001.xml"),
            export_with(&[("3", 5), ("2", 9)]),
        ),
    ]);
    let kept: Vec<(&str, u64)> = merged
        .accounts
        .iter()
        .map(|a| (a.id.0.as_str(), a.source.line))
        .collect();
    assert_eq!(kept, [("1", 5), ("2", 20), ("3", 5)]);
    assert_eq!(merged.warnings.len(), 4);
    assert!(
        merged.warnings[1].contains("identifiant ENT en double : « Eleve_0000.xml », ligne 40")
    );
    assert!(merged.warnings[3].contains(
        "identifiant ENT en double : « PersRelEleve_0001.xml », ligne 9 (déjà lu dans « Eleve_0000.xml », ligne 20)"
    ));
}

/// Counts the questions; answers "secret".
struct CountingPrompt(usize);

impl PassphrasePrompt for CountingPrompt {
    fn passphrase(&mut self, _: &Path) -> Result<SecretString> {
        self.0 += 1;
        Ok(SecretString::from("secret".to_string()))
    }
}

fn encrypt_with_passphrase(plaintext: &[u8], passphrase: &str) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    recipient.set_work_factor(10);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).unwrap();
    writer.write_all(plaintext).unwrap();
    writer.finish().unwrap();
    out
}

#[test]
fn several_encrypted_files_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<ExportFile> = [("a.xml.age", "secret"), ("b.xml.age", "secret"), ("c.xml.age", "autre")]
        .iter()
        .enumerate()
        .map(|(i, (name, passphrase))| {
            let path = dir.path().join(name);
            let xml = format!("<r>\n<addRequest><identifier><id>{i}</id></identifier></addRequest><addRequest><identifier><id>same</id></identifier></addRequest></r>");
            std::fs::write(&path, encrypt_with_passphrase(xml.as_bytes(), passphrase)).unwrap();
            ExportFile { path, kind: InputKind::EncryptedExport, file_index: i + 1 }
        })
        .collect();
    let mut prompt = CountingPrompt(0);
    let export = read_exports(&files[..2], &[], &mut prompt, &ProfileMapping::default()).unwrap();
    assert_eq!(prompt.0, 1, "the passphrase is asked once for both files");
    let got: Vec<(&str, usize)> = export
        .accounts
        .iter()
        .map(|a| (a.id.0.as_str(), a.source.file))
        .collect();
    assert_eq!(got, [("0", 1), ("same", 1), ("1", 2)]);
    assert_eq!(export.warnings.len(), 1);
    // The third file has another passphrase: asked again, and refused.
    let mut prompt = CountingPrompt(0);
    let result = read_exports(&files, &[], &mut prompt, &ProfileMapping::default());
    assert!(
        matches!(result, Err(Error::WrongPassphrase { .. })),
        "{result:?}"
    );
    assert_eq!(prompt.0, 2);
    // A wrong passphrase typed for a single file is refused at once, not
    // asked a second time.
    let mut prompt = CountingPrompt(0);
    let result = read_exports(&files[2..], &[], &mut prompt, &ProfileMapping::default());
    assert!(
        matches!(result, Err(Error::WrongPassphrase { .. })),
        "{result:?}"
    );
    assert_eq!(prompt.0, 1);
}

#[test]
fn damaged_encrypted_export_is_reported_by_the_xml_reader() {
    let dir = tempfile::tempdir().unwrap();
    let plaintext = crate::read::decrypt::tests::sample_plaintext();
    let encrypted = encrypt_with_passphrase(&plaintext, "secret");
    let mut flipped = encrypted.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    let cases = [
        ("truncated", encrypted[..encrypted.len() - 7].to_vec()),
        ("flipped", flipped),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let files = [ExportFile {
            path,
            kind: InputKind::EncryptedExport,
            file_index: 0,
        }];
        let result = read_exports(
            &files,
            &[],
            &mut CountingPrompt(0),
            &ProfileMapping::default(),
        );
        assert!(
            matches!(result, Err(Error::DamagedExport { .. })),
            "{name}: {result:?}"
        );
    }
}

#[test]
fn records_without_a_usable_id_are_left_out_with_a_warning() {
    let xml = "<r>\n<addRequest><identifier><id>1</id></identifier></addRequest>\n\
               <addRequest><identifier><id><!-- x --></id></identifier></addRequest>\n\
               <addRequest><identifier><id>=1+2</id></identifier></addRequest>\n\
               <addRequest><identifier><id>4</id></identifier></addRequest></r>";
    let export = read_str(xml).unwrap();
    let ids: Vec<&str> = export.accounts.iter().map(|a| a.id.0.as_str()).collect();
    assert_eq!(ids, ["1", "4"]);
    assert_eq!(
        export.warnings,
        [
            "« export.xml », compte n° 2 (ligne 3) : pas d'identifiant ENT (élément identifier/id \
             absent ou vide) ; ce compte est écarté.",
            "« export.xml », compte n° 3 (ligne 4) : identifiant ENT refusé : il commence par \
             « = », comme une formule de tableur ; ce compte est écarté.",
        ]
    );
}
