//! Text encodings of the Pronote lists (FORMATS.md §2): detection when
//! reading, and the same encoding again when writing the import file.
//!
//! In: the raw bytes of a file. Out: its text without BOM and the
//! [`TextEncoding`] found; or, for output, the bytes of a text in a given
//! encoding, BOM included.
//!
//! Detection order: UTF-8 BOM, UTF-16LE BOM, valid UTF-8, else Windows-1252
//! (the Pronote client's "ANSI" export: every byte decodes, so this is the
//! fallback). A UTF-16BE BOM or a UTF-32 BOM is refused with advice: Pronote
//! and spreadsheets do not produce them, and the output could not keep them.
//! Many NUL bytes without BOM mean UTF-16 without BOM: refused too, and so
//! is a single NUL byte in a file without BOM (no text list holds one).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16BE_BOM: &[u8] = &[0xFE, 0xFF];
const UTF32LE_BOM: &[u8] = &[0xFF, 0xFE, 0x00, 0x00];

/// The encodings a Pronote list may come in; the output keeps the input's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without BOM.
    Utf8,
    /// UTF-8 with BOM (Excel's "CSV UTF-8").
    Utf8Bom,
    /// Windows-1252, the Pronote client's "ANSI" export.
    Windows1252,
    /// UTF-16 little-endian with BOM (spreadsheets' "Unicode text").
    Utf16LeBom,
}

impl TextEncoding {
    /// A short French name, for messages.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 avec BOM",
            TextEncoding::Windows1252 => "Windows-1252 (ANSI)",
            TextEncoding::Utf16LeBom => "UTF-16LE avec BOM",
        }
    }
}

/// Decodes a whole file, returning its text (BOM removed) and its encoding.
/// A text list holds no NUL character: one is refused in every encoding
/// (after a UTF-16 BOM, `U+0000` first would make the import file start
/// like a UTF-32 file; found by fuzzing).
pub fn decode(bytes: &[u8], path: &Path) -> Result<(String, TextEncoding)> {
    let (text, encoding) = decode_any(bytes, path)?;
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(Error::UnreadableEncoding {
            path: path.to_path_buf(),
            reason: format!("caractère nul (U+0000) ligne {line} : ce n'est pas du texte"),
        });
    }
    Ok((text, encoding))
}

fn decode_any(bytes: &[u8], path: &Path) -> Result<(String, TextEncoding)> {
    let unreadable = |reason: &str| Error::UnreadableEncoding {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_string(), TextEncoding::Utf8Bom)),
            Err(e) => Err(unreadable(&format!(
                "marque UTF-8 en tête, mais octets invalides à la position {}",
                e.valid_up_to() + UTF8_BOM.len()
            ))),
        };
    }
    if bytes.starts_with(UTF32LE_BOM) {
        return Err(unreadable("UTF-32, non pris en charge"));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return decode_utf16le(rest)
            .map(|text| (text, TextEncoding::Utf16LeBom))
            .map_err(|reason| unreadable(&reason));
    }
    if bytes.starts_with(UTF16BE_BOM) {
        return Err(unreadable(
            "UTF-16 gros-boutiste (big-endian), non pris en charge",
        ));
    }
    if looks_like_utf16_without_bom(bytes) {
        return Err(unreadable(
            "on dirait de l'UTF-16 sans marque d'ordre des octets (BOM)",
        ));
    }
    // A few NULs escape the heuristic above; a text list has none, and the
    // import file written back (longer) could then look like UTF-16
    // (found by fuzzing).
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(unreadable(&format!(
            "octet nul à la position {at} : ce n'est pas du texte, ou c'est de l'UTF-16 sans \
             marque d'ordre des octets (BOM)"
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), TextEncoding::Utf8)),
        Err(_) => {
            // Every byte has a meaning in Windows-1252 (WHATWG mapping), so
            // this never fails, and the encoder maps each char back.
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), TextEncoding::Windows1252))
        }
    }
}

/// Encodes a text in `encoding`, BOM included. A character that
/// Windows-1252 cannot hold is an error naming it and its line, never a
/// silent `?`.
pub fn encode(text: &str, encoding: TextEncoding, path: &Path) -> Result<Vec<u8>> {
    match encoding {
        TextEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        TextEncoding::Utf8Bom => {
            let mut out = Vec::with_capacity(UTF8_BOM.len() + text.len());
            out.extend_from_slice(UTF8_BOM);
            out.extend_from_slice(text.as_bytes());
            Ok(out)
        }
        TextEncoding::Utf16LeBom => {
            let mut out = Vec::with_capacity(2 + 2 * text.len());
            out.extend_from_slice(UTF16LE_BOM);
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_le_bytes());
            }
            Ok(out)
        }
        TextEncoding::Windows1252 => encode_windows1252(text, path),
    }
}

fn encode_windows1252(text: &str, path: &Path) -> Result<Vec<u8>> {
    let mut encoder = encoding_rs::WINDOWS_1252.new_encoder();
    let mut out = Vec::with_capacity(text.len());
    let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(text, &mut out, true);
    match result {
        encoding_rs::EncoderResult::InputEmpty => Ok(out),
        encoding_rs::EncoderResult::Unmappable(c) => {
            // `read` counts the unmappable character too.
            let before = &text[..read.saturating_sub(c.len_utf8())];
            let line = before.matches('\n').count() + 1;
            Err(Error::Write {
                path: path.to_path_buf(),
                reason: format!(
                    "le caractère « {c} » (U+{:04X}), ligne {line}, n'existe pas en Windows-1252 (ANSI), l'encodage de la liste d'origine.\nEnregistrez la liste en UTF-8 dans Pronote, puis relancez",
                    u32::from(c)
                ),
            })
        }
        // The vec variant grows the buffer itself: output is never full.
        encoding_rs::EncoderResult::OutputFull => Err(Error::Write {
            path: path.to_path_buf(),
            reason: "erreur interne d'encodage Windows-1252".to_string(),
        }),
    }
}

fn decode_utf16le(bytes: &[u8]) -> std::result::Result<String, String> {
    if bytes.len() % 2 != 0 {
        return Err("UTF-16 avec un nombre impair d'octets (fichier tronqué ?)".to_string());
    }
    let units = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    char::decode_utf16(units)
        .enumerate()
        .map(|(i, c)| {
            c.map_err(|_| {
                format!(
                    "UTF-16 invalide (demi-caractère isolé) vers l'octet {}",
                    2 + 2 * i
                )
            })
        })
        .collect()
}

/// True when a quarter or more of the even or odd bytes are NUL: ASCII text
/// in UTF-16 has a NUL in every other byte; CSV text never has NULs.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    if bytes.len() < 2 {
        return false;
    }
    let nul_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = bytes.len() / 2;
    nul_at(0) * 4 >= half.max(1) || nul_at(1) * 4 >= half.max(1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        for unit in text.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn a_nul_byte_without_bom_is_refused() {
        // Found by fuzzing: NULs too few for the UTF-16 heuristic, read as
        // Windows-1252; the import file, longer, then looked like UTF-16.
        let mut bytes = b"Nom;Pr\xe9nom;\n".to_vec();
        bytes.extend([0; 12]);
        bytes.extend([b';'; 22]);
        bytes.extend(b"\r\n\r\n");
        assert!(!looks_like_utf16_without_bom(&bytes));
        match decode(&bytes, Path::new("l.csv")) {
            Err(Error::UnreadableEncoding { reason, .. }) => {
                assert!(reason.starts_with("octet nul à la position 12"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        assert!(decode(b"Nom;Pr\xc3\xa9nom\x00", Path::new("l.csv")).is_err());
        // After a BOM too: U+0000 first in UTF-16 was written back as a
        // UTF-32 byte-order mark.
        for (name, bytes) in [
            ("utf-16", utf16le("\r\0Nom;Prénom", true)),
            ("utf-8 bom", b"\xEF\xBB\xBFNom;Pr\xc3\xa9nom\n\x00".to_vec()),
        ] {
            match decode(&bytes, Path::new("l.csv")) {
                Err(Error::UnreadableEncoding { reason, .. }) => {
                    assert!(
                        reason.starts_with("caractère nul (U+0000) ligne"),
                        "{name}: {reason}"
                    )
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        crate::fuzzing::csv(b"\x02\r\x00Nom;Pr\xc3\xa9nom");
        crate::fuzzing::csv(&[&[0u8][..], &bytes].concat());
    }

    #[test]
    fn detects_each_encoding() {
        let text = "Nom;Prénom\nŒDIPE;Zoé\n";
        let mut bom = UTF8_BOM.to_vec();
        bom.extend_from_slice(text.as_bytes());
        let cp1252 = b"Nom;Pr\xE9nom\n\x8CDIPE;Zo\xE9\n".to_vec();
        let cases: [(&str, Vec<u8>, TextEncoding); 5] = [
            ("utf-8", text.as_bytes().to_vec(), TextEncoding::Utf8),
            ("utf-8 bom", bom, TextEncoding::Utf8Bom),
            ("windows-1252", cp1252, TextEncoding::Windows1252),
            (
                "utf-16le bom",
                utf16le(text, true),
                TextEncoding::Utf16LeBom,
            ),
            (
                "pure ascii is utf-8",
                b"Nom;Prenom\n".to_vec(),
                TextEncoding::Utf8,
            ),
        ];
        for (name, bytes, expected) in cases {
            let (decoded, encoding) = decode(&bytes, Path::new("l.csv")).unwrap();
            assert_eq!(encoding, expected, "{name}");
            let want = if name.starts_with("pure") {
                "Nom;Prenom\n"
            } else {
                text
            };
            assert_eq!(decoded, want, "{name}");
        }
    }

    #[test]
    fn refuses_what_cannot_be_kept() {
        let mut be = vec![0xFE, 0xFF];
        for unit in "Nom;Prénom\n".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let cases: [(&str, Vec<u8>, &str); 5] = [
            (
                "utf-16 without bom",
                utf16le("Nom;Prénom\nA;B\n", false),
                "sans marque",
            ),
            ("utf-16be", be, "big-endian"),
            ("utf-32le", vec![0xFF, 0xFE, 0, 0, b'N', 0, 0, 0], "UTF-32"),
            ("odd utf-16", vec![0xFF, 0xFE, b'N', 0, b'o'], "impair"),
            (
                "lone surrogate",
                vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0],
                "isolé",
            ),
        ];
        for (name, bytes, needle) in cases {
            match decode(&bytes, Path::new("l.csv")) {
                Err(Error::UnreadableEncoding { reason, .. }) => {
                    assert!(reason.contains(needle), "{name}: {reason}")
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn encode_round_trips_and_adds_boms() {
        let text = "Nom;Prénom\r\nœuf;Zoë – ok\r\n";
        for encoding in [
            TextEncoding::Utf8,
            TextEncoding::Utf8Bom,
            TextEncoding::Windows1252,
            TextEncoding::Utf16LeBom,
        ] {
            let bytes = encode(text, encoding, Path::new("o.csv")).unwrap();
            let (back, found) = decode(&bytes, Path::new("o.csv")).unwrap();
            assert_eq!((back.as_str(), found), (text, encoding), "{encoding:?}");
        }
        let bytes = encode("é", TextEncoding::Windows1252, Path::new("o.csv")).unwrap();
        assert_eq!(bytes, vec![0xE9]);
    }

    #[test]
    fn windows1252_refuses_unmappable_character_with_its_line() {
        match encode("a;b\nc;Ă\n", TextEncoding::Windows1252, Path::new("o.csv")) {
            Err(Error::Write { reason, .. }) => {
                assert!(reason.contains("« Ă » (U+0102), ligne 2"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }
}
