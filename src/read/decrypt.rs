//! Decryption of the ENT export (FORMATS.md §1, "Encryption"): age files,
//! binary or ASCII-armored, to an X25519 identity or a passphrase (scrypt).
//!
//! In: the export's path and kind (from `sniff`), the identities loaded
//! from `-i` files, a way to ask for a passphrase. Out: a buffered reader
//! that decrypts on the fly; the plaintext is never written to disk.
//!
//! Damage after the header (a truncated file, a flipped byte) only shows up
//! while reading, as an `io::Error` from the stream. Those errors are tagged
//! here with a [`StreamFailure`], so that the XML reader can turn them into
//! `DamagedExport` with [`error_from_read`] instead of a generic I/O error.

use crate::error::{Error, Result};
use crate::read::sniff::{ARMOR_BEGIN, InputKind};
use age::armor::{ArmoredReadError, ArmoredReader};
use age::{DecryptError, Decryptor};
use secrecy::SecretString;
use secrecy::zeroize::Zeroizing;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// What an identity file must contain, for messages.
const IDENTITY_EXPECTED: &str = "attendu : un fichier créé par « age-keygen » ou « rapproche », \
     avec des lignes de commentaire (#) et une ligne AGE-SECRET-KEY-1...";

/// Loads the X25519 identities of age identity files (`age-keygen`'s
/// format: `#` comments, blank lines, `AGE-SECRET-KEY-1...` lines).
pub fn load_identities(paths: &[PathBuf]) -> Result<Vec<Box<dyn age::Identity>>> {
    let mut identities: Vec<Box<dyn age::Identity>> = Vec::new();
    for path in paths {
        identities.extend(load_identity_file(path)?);
    }
    Ok(identities)
}

fn load_identity_file(path: &Path) -> Result<Vec<Box<dyn age::Identity>>> {
    let bad = |reason: String| Error::BadIdentity {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => Zeroizing::new(bytes),
        Err(_) if path.to_string_lossy().starts_with("age1") => {
            return Err(bad(format!(
                "c'est une clé publique (age1...), pas un fichier. Donnez le fichier de la clé \
                 secrète ; {IDENTITY_EXPECTED}."
            )));
        }
        Err(e) => {
            return Err(Error::Unreadable {
                path: path.to_path_buf(),
                reason: crate::error::io_reason(&e),
            });
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(bad(format!(
            "ce n'est pas un fichier texte ; {IDENTITY_EXPECTED}."
        )));
    };
    let mut identities: Vec<Box<dyn age::Identity>> = Vec::new();
    let mut public_keys = 0;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        let n = index + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("AGE-SECRET-KEY-1") {
            match line.parse::<age::x25519::Identity>() {
                Ok(identity) => identities.push(Box::new(identity)),
                Err(_) => {
                    return Err(bad(format!(
                        "ligne {n} : la clé AGE-SECRET-KEY-1... est invalide (tronquée ou modifiée ?)."
                    )));
                }
            }
        } else if line.starts_with("age1") {
            public_keys += 1;
        } else {
            // Never echo the line: it may hold key material.
            return Err(bad(unexpected_line(line, n)));
        }
    }
    if identities.is_empty() {
        return Err(bad(if public_keys > 0 {
            format!(
                "il ne contient que des clés publiques (age1...) : c'est la clé à donner à l'ENT, \
                 pas la clé secrète. Donnez le fichier de la clé secrète ; {IDENTITY_EXPECTED}."
            )
        } else {
            format!("aucune clé trouvée ; {IDENTITY_EXPECTED}.")
        }));
    }
    Ok(identities)
}

/// Explains a line that has no place in an identity file.
fn unexpected_line(line: &str, n: usize) -> String {
    let what =
        if line.starts_with("age-encryption.org/") || line.as_bytes().starts_with(ARMOR_BEGIN) {
            "c'est un fichier chiffré, pas une clé (export et clé inversés ?)"
        } else if line.starts_with("AGE-PLUGIN-") {
            "les clés de greffon age (AGE-PLUGIN-...) ne sont pas prises en charge"
        } else if line.starts_with("ssh-") || line.starts_with("-----BEGIN OPENSSH") {
            "les clés SSH ne sont pas prises en charge"
        } else if line.starts_with('<') || line.contains(';') {
            "on dirait un export ou une liste, pas une clé"
        } else {
            "contenu inattendu"
        };
    format!("ligne {n} : {what} ; {IDENTITY_EXPECTED}.")
}

/// Asks the user for the passphrase of a passphrase-encrypted export.
pub trait PassphrasePrompt {
    /// The passphrase for the file at `path`.
    fn passphrase(&mut self, path: &Path) -> Result<SecretString>;
}

/// Asks on the terminal, without echo.
pub struct TerminalPrompt;

impl PassphrasePrompt for TerminalPrompt {
    fn passphrase(&mut self, path: &Path) -> Result<SecretString> {
        let prompt = format!("Phrase secrète pour « {} » : ", path.display());
        // rpassword reads from the controlling terminal; without one it fails.
        rpassword::prompt_password(prompt)
            .map(SecretString::from)
            .map_err(|_| Error::PassphraseWithoutTerminal {
                path: path.to_path_buf(),
            })
    }
}

/// Opens an ENT export for reading: decrypts an age file on the fly, or
/// opens a plain XML file after a warning on standard error.
pub fn open_export(
    path: &Path,
    kind: InputKind,
    identities: &[Box<dyn age::Identity>],
    prompt: &mut dyn PassphrasePrompt,
) -> Result<Box<dyn BufRead>> {
    let file = File::open(path).map_err(|e| Error::Unreadable {
        path: path.to_path_buf(),
        reason: crate::error::io_reason(&e),
    })?;
    let mut input = BufReader::new(file);
    match kind {
        // The caller warns that the file is not encrypted (`cmd::matching`).
        InputKind::PlainXmlExport => Ok(Box::new(input)),
        InputKind::EncryptedExport => {
            skip_white_space(&mut input).map_err(|e| error_from_read(path, &e))?;
            let v1 = input.fill_buf().is_ok_and(starts_as_v1);
            let decryptor = Decryptor::new_buffered(ArmoredReader::new(input)).map_err(|e| {
                match e {
                    // A v1 file whose header does not parse is damaged, not newer.
                    DecryptError::UnknownFormat if v1 => DecryptError::InvalidHeader,
                    e => e,
                }
            });
            let decryptor = decryptor.map_err(|e| header_error(path, e, false))?;
            let stream = if decryptor.is_scrypt() {
                let passphrase = prompt.passphrase(path)?;
                let identity = age::scrypt::Identity::new(passphrase);
                decryptor
                    .decrypt(std::iter::once(&identity as &dyn age::Identity))
                    .map_err(|e| header_error(path, e, true))?
            } else {
                if identities.is_empty() {
                    return Err(Error::NoIdentity {
                        path: path.to_path_buf(),
                    });
                }
                decryptor
                    .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
                    .map_err(|e| header_error(path, e, false))?
            };
            Ok(Box::new(BufReader::with_capacity(
                64 * 1024,
                TaggedStream { inner: stream },
            )))
        }
        InputKind::PronoteList => Err(Error::UnrecognizedInput {
            path: path.to_path_buf(),
        }),
    }
}

/// Armored files may start with white space (the age spec allows it; the
/// age crate does not skip it).
fn skip_white_space(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        let n = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let done = n < buf.len() || buf.is_empty();
        input.consume(n);
        if done {
            return Ok(());
        }
    }
}

/// True when the file starts with an age v1 header, binary or armored
/// (the armored text then starts with the base64 of the version line).
fn starts_as_v1(head: &[u8]) -> bool {
    const V1_BASE64: &[u8] = b"YWdlLWVuY3J5cHRpb24ub3JnL3Yx";
    head.starts_with(b"age-encryption.org/v1\n")
        || head
            .strip_prefix(ARMOR_BEGIN)
            .is_some_and(|rest| rest.trim_ascii_start().starts_with(V1_BASE64))
}

/// Translates an error raised while reading the header.
fn header_error(path: &Path, error: DecryptError, scrypt: bool) -> Error {
    let path_buf = path.to_path_buf();
    let damaged = |reason: &str| Error::DamagedExport {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    match error {
        DecryptError::NoMatchingKeys if scrypt => Error::WrongPassphrase { path: path_buf },
        DecryptError::NoMatchingKeys => Error::WrongKey { path: path_buf },
        DecryptError::DecryptionFailed | DecryptError::KeyDecryptionFailed if scrypt => {
            Error::WrongPassphrase { path: path_buf }
        }
        DecryptError::DecryptionFailed | DecryptError::KeyDecryptionFailed => {
            damaged("la clé du fichier ne se déchiffre pas")
        }
        DecryptError::InvalidHeader => damaged("l'en-tête age est illisible"),
        DecryptError::InvalidMac => {
            damaged("le code d'authentification de l'en-tête ne correspond pas")
        }
        DecryptError::ExcessiveWork { required, .. } => Error::UndecryptableExport {
            path: path_buf,
            reason: format!(
                "la phrase secrète demande un calcul trop long à vérifier (scrypt 2^{required})"
            ),
        },
        DecryptError::UnknownFormat => Error::UndecryptableExport {
            path: path_buf,
            reason: "en-tête age inconnu : fichier endommagé, ou créé par une version d'age \
                     plus récente"
                .to_string(),
        },
        DecryptError::Io(e) => error_from_read(path, &tag(e)),
    }
}

/// Why the decrypting stream failed, carried inside the `io::Error` it
/// returns (see [`error_from_read`]).
#[derive(Debug)]
pub struct StreamFailure {
    kind: FailureKind,
    detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FailureKind {
    /// Truncated, or changed after encryption.
    Damaged,
    /// An armored file whose line endings or wrapping were changed.
    MangledArmor,
}

impl fmt::Display for StreamFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for StreamFailure {}

const MANGLED_ARMOR: &str = "la version texte (ASCII armor) a été modifiée : fins de ligne \
     changées (CR, CRLF doublés), lignes vides ajoutées ou lignes recoupées. Le fichier a \
     sans doute été ouvert puis enregistré par un éditeur, ou transféré en mode texte. \
     Récupérez le fichier d'origine tel quel (téléchargement ou transfert en mode binaire)";

/// Tags an error from the age stream with what it means for the user.
/// Plain I/O errors (a disk failing) are left as they are.
fn tag(error: io::Error) -> io::Error {
    let armor = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ArmoredReadError>());
    let failure = match armor {
        Some(
            ArmoredReadError::InvalidBeginMarker
            | ArmoredReadError::LineContainsCr
            | ArmoredReadError::NotWrappedAt64Chars
            | ArmoredReadError::ShortLineInMiddle
            | ArmoredReadError::MissingPadding,
        ) => Some((FailureKind::MangledArmor, MANGLED_ARMOR.to_string())),
        Some(ArmoredReadError::TrailingGarbage) => Some((
            FailureKind::Damaged,
            "du texte suit la fin de la version texte (ASCII armor)".to_string(),
        )),
        Some(_) => Some((
            FailureKind::Damaged,
            "caractères invalides dans la version texte (ASCII armor)".to_string(),
        )),
        None if error.get_ref().is_some_and(|e| e.is::<StreamFailure>()) => return error,
        None => match error.kind() {
            io::ErrorKind::UnexpectedEof => {
                Some((FailureKind::Damaged, "le fichier est tronqué".to_string()))
            }
            io::ErrorKind::InvalidData => Some((
                FailureKind::Damaged,
                "un bloc de données ne se déchiffre pas (octets modifiés ou manquants)".to_string(),
            )),
            _ => None,
        },
    };
    match failure {
        Some((kind, detail)) => io::Error::new(error.kind(), StreamFailure { kind, detail }),
        None => error,
    }
}

/// Translates an I/O error met while reading an export (opened with
/// [`open_export`]) into the user's situation: a damaged or mangled export
/// when the decrypting stream tagged it, else an unreadable file.
pub fn error_from_read(path: &Path, error: &io::Error) -> Error {
    let failure = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<StreamFailure>());
    match failure {
        Some(StreamFailure {
            kind: FailureKind::Damaged,
            detail,
        }) => Error::DamagedExport {
            path: path.to_path_buf(),
            reason: detail.clone(),
        },
        Some(StreamFailure {
            kind: FailureKind::MangledArmor,
            detail,
        }) => Error::UndecryptableExport {
            path: path.to_path_buf(),
            reason: detail.clone(),
        },
        None => Error::Unreadable {
            path: path.to_path_buf(),
            reason: crate::error::io_reason(error),
        },
    }
}

/// The decrypting stream, with its errors tagged.
struct TaggedStream<R> {
    inner: R,
}

impl<R: Read> Read for TaggedStream<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(tag)
    }
}

#[cfg(test)]
#[path = "decrypt_tests.rs"]
pub(crate) mod tests;
