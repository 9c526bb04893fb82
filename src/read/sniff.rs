//! Recognises an input file by its first bytes, never by its name: an
//! age-encrypted ENT export (binary or ASCII-armored), a plain XML export,
//! or else a Pronote list (CSV). In: a path. Out: an [`InputKind`].

use crate::error::{Error, Result};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// What an input file holds, judged from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// An age file, binary (`age-encryption.org/v1`) or armored.
    EncryptedExport,
    /// An XML file (an export that is not encrypted).
    PlainXmlExport,
    /// Anything else: read as a Pronote CSV list.
    PronoteList,
}

/// The first line of a binary age file.
pub(crate) const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// The first line of an ASCII-armored age file.
pub(crate) const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// How much of the file is looked at.
const SNIFF_LEN: u64 = 4096;

/// Recognises `path` by its content.
pub fn sniff(path: &Path) -> Result<InputKind> {
    let unreadable = |e: std::io::Error| Error::Unreadable {
        path: path.to_path_buf(),
        reason: crate::error::io_reason(&e),
    };
    let mut head = Vec::new();
    File::open(path)
        .and_then(|f| f.take(SNIFF_LEN).read_to_end(&mut head))
        .map_err(unreadable)?;
    match classify(&head) {
        None => Err(Error::EmptyFile {
            path: path.to_path_buf(),
        }),
        // Neither an export nor text: an image, an archive, a spreadsheet
        // saved in its own format.
        Some(InputKind::PronoteList) if looks_binary(&head) => Err(Error::UnrecognizedInput {
            path: path.to_path_buf(),
        }),
        Some(kind) => Ok(kind),
    }
}

/// Control bytes that no text list holds (NUL is left to the encoding
/// check, which recognises UTF-16 without a byte-order mark).
fn looks_binary(head: &[u8]) -> bool {
    head.iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0)) || b == 0x7f)
}

/// Classifies the first bytes of a file; `None` when there is nothing in
/// them but a byte-order mark and white space (an empty file).
fn classify(head: &[u8]) -> Option<InputKind> {
    if head.starts_with(AGE_MAGIC) {
        return Some(InputKind::EncryptedExport);
    }
    let text = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace());
    let rest = &text[start.unwrap_or(text.len())..];
    if rest.is_empty() {
        // Only white space in the first bytes: empty if that was the whole file.
        return (head.len() as u64 == SNIFF_LEN).then_some(InputKind::PronoteList);
    }
    if rest.starts_with(ARMOR_BEGIN) {
        Some(InputKind::EncryptedExport)
    } else if rest.starts_with(b"<") {
        Some(InputKind::PlainXmlExport)
    } else {
        Some(InputKind::PronoteList)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn binary_files_are_not_lists() {
        let cases: [(&str, &[u8], bool); 4] = [
            ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", true),
            ("zip (xlsx)", b"PK\x03\x04\x14\0\x06\0", true),
            ("csv", b"Nom;Pr\xe9nom\r\nA;B\r\n", false),
            ("utf-16 without bom", b"N\0o\0m\0;\0", false),
        ];
        for (name, bytes, binary) in cases {
            assert_eq!(looks_binary(bytes), binary, "{name}");
        }
    }

    #[test]
    fn classify_table() {
        let cases: [(&str, &[u8], Option<InputKind>); 13] = [
            (
                "binary age",
                b"age-encryption.org/v1\n-> X25519 abc\n",
                Some(InputKind::EncryptedExport),
            ),
            (
                "armored age",
                b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n",
                Some(InputKind::EncryptedExport),
            ),
            (
                "armored after blank lines",
                b"\n\r\n  -----BEGIN AGE ENCRYPTED FILE-----\r\n",
                Some(InputKind::EncryptedExport),
            ),
            (
                "xml declaration",
                b"<?xml version=\"1.0\"?>\n<a/>",
                Some(InputKind::PlainXmlExport),
            ),
            (
                "doctype first",
                b"<!DOCTYPE ficAlimMENESR SYSTEM \"x.dtd\">",
                Some(InputKind::PlainXmlExport),
            ),
            (
                "xml with bom and spaces",
                b"\xEF\xBB\xBF \n<ficAlimMENESR>",
                Some(InputKind::PlainXmlExport),
            ),
            (
                "csv",
                b"Nom;Pr\xC3\xA9nom\nDUPONT;L\xC3\xA9a\n",
                Some(InputKind::PronoteList),
            ),
            (
                "csv with bom",
                b"\xEF\xBB\xBFNom;Prenom\n",
                Some(InputKind::PronoteList),
            ),
            (
                "utf-16 csv",
                b"\xFF\xFEN\x00o\x00m\x00",
                Some(InputKind::PronoteList),
            ),
            (
                "magic not at start is not age",
                b" age-encryption.org/v1",
                Some(InputKind::PronoteList),
            ),
            ("empty", b"", None),
            ("only white space", b" \n\t\r\n", None),
            ("only a bom", b"\xEF\xBB\xBF", None),
        ];
        for (name, head, expected) in cases {
            assert_eq!(classify(head), expected, "{name}");
        }
    }

    #[test]
    fn sniff_reads_files() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], Option<InputKind>); 3] = [
            (
                "export.xml.age",
                b"<?xml version=\"1.0\"?><a/>",
                Some(InputKind::PlainXmlExport),
            ),
            ("liste.xml", b"Nom;Prenom\n", Some(InputKind::PronoteList)),
            ("vide.csv", b"", None),
        ];
        for (name, content, expected) in cases {
            let path = dir.path().join(name);
            File::create(&path).unwrap().write_all(content).unwrap();
            match (sniff(&path), expected) {
                (Ok(kind), Some(want)) => assert_eq!(kind, want, "{name}"),
                (Err(Error::EmptyFile { path: p }), None) => assert_eq!(p, path),
                (other, _) => panic!("{name}: {other:?}"),
            }
        }
        let missing = dir.path().join("absent.csv");
        assert!(matches!(sniff(&missing), Err(Error::Unreadable { .. })));
    }

    #[test]
    fn long_leading_white_space_is_not_empty() {
        let mut head = vec![b' '; SNIFF_LEN as usize];
        assert_eq!(classify(&head), Some(InputKind::PronoteList));
        head.truncate(10);
        assert_eq!(classify(&head), None);
    }
}
