//! The ENT export's XML (FORMATS.md §1, "XML shape"), read as a stream:
//! one `addRequest` per account, `<attr name="X"><value>..</value></attr>`
//! inside `operationalAttributes`/`attributes`, the id in `identifier/id`.
//! Root name and element order do not matter; unknown attributes are
//! ignored; a DOCTYPE is accepted and never fetched, unless it declares
//! entities (refused).
//!
//! In: a decrypted byte stream (from `decrypt::open_export`), or several.
//! Out: [`EntAccount`]s with their source line, plus warnings. An account
//! without a usable id (absent, or refused by `ids::check_ent_id`) is left
//! out with a warning naming its record and line; a file with no usable
//! account at all is an error. Errors name the file, line and column. Bounds keep a hostile file from exhausting
//! memory: nesting depth, value length, record size (and, in `xml_input`,
//! runs of text without markup).

use crate::error::{Error, Result};
use crate::model::{EntAccount, EntId};
use crate::read::decrypt::{self, PassphrasePrompt};
use crate::read::ent_record::{Record, push_value};
use crate::read::profiles::ProfileMapping;
use crate::read::sniff::InputKind;
use crate::read::xml_input::{CheckedInput, fault_of};
use quick_xml::Reader;
use quick_xml::errors::{IllFormedError, SyntaxError};
use quick_xml::escape::EscapeError;
use quick_xml::events::{BytesStart, Event};
use secrecy::SecretString;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Deepest element nesting accepted (real exports use 5).
pub const MAX_DEPTH: usize = 32;
/// Longest value accepted, in bytes.
pub const MAX_VALUE_LEN: usize = 4096;
/// Largest `addRequest` accepted, in bytes.
pub const MAX_RECORD_LEN: u64 = 1024 * 1024;

/// The accounts read from one or several export files.
#[derive(Debug, Default)]
pub struct EntExport {
    pub accounts: Vec<EntAccount>,
    /// French, for the user; they hold ids and positions, never names.
    pub warnings: Vec<String>,
}

/// One export file to read, as recognised by `sniff`.
#[derive(Clone, Debug)]
pub struct ExportFile {
    pub path: PathBuf,
    pub kind: InputKind,
    /// Its position in the run's list of inputs (for [`SourceRef`]).
    pub file_index: usize,
}

/// Reads every export file (one per establishment, or a national feed
/// split in many files) and concatenates their accounts. An id seen twice
/// is a warning: the first account is kept. A passphrase that opened one
/// file is tried on the next before asking again.
pub fn read_exports(
    files: &[ExportFile],
    identities: &[Box<dyn age::Identity>],
    prompt: &mut dyn PassphrasePrompt,
    profiles: &ProfileMapping,
) -> Result<EntExport> {
    let mut prompt = RememberingPrompt {
        inner: prompt,
        last: None,
        reuse: true,
        gave_last: false,
    };
    let mut parts = Vec::new();
    for file in files {
        prompt.reuse = true;
        prompt.gave_last = false;
        let opened = decrypt::open_export(&file.path, file.kind, identities, &mut prompt);
        let reader = match opened {
            // The passphrase of the previous file did not fit this one: ask.
            // (A passphrase just typed that does not fit is an error.)
            Err(Error::WrongPassphrase { .. }) if prompt.gave_last => {
                prompt.reuse = false;
                decrypt::open_export(&file.path, file.kind, identities, &mut prompt)?
            }
            other => other?,
        };
        parts.push((
            file.path.as_path(),
            read_accounts(reader, &file.path, file.file_index, profiles)?,
        ));
    }
    Ok(merge(parts))
}

/// Offers the last passphrase given before asking again.
struct RememberingPrompt<'a> {
    inner: &'a mut dyn PassphrasePrompt,
    last: Option<SecretString>,
    reuse: bool,
    /// The last answer was the remembered passphrase, not a typed one.
    gave_last: bool,
}

impl PassphrasePrompt for RememberingPrompt<'_> {
    fn passphrase(&mut self, path: &Path) -> Result<SecretString> {
        if let (true, Some(last)) = (self.reuse, &self.last) {
            self.gave_last = true;
            return Ok(last.clone());
        }
        self.gave_last = false;
        let passphrase = self.inner.passphrase(path)?;
        self.last = Some(passphrase.clone());
        Ok(passphrase)
    }
}

/// Concatenates exports, keeping the first account of each id. The
/// warning gives both places, not the id (no ids in messages, issue 7).
/// Accounts stay where they were read (a region's export holds a million,
/// which a copy would hold twice).
fn merge(parts: Vec<(&Path, EntExport)>) -> EntExport {
    let mut merged = EntExport::default();
    let mut seen: HashMap<EntId, (usize, u64)> = HashMap::new();
    let paths: Vec<&Path> = parts.iter().map(|(path, _)| *path).collect();
    for (part, (path, export)) in parts.into_iter().enumerate() {
        merged.warnings.extend(export.warnings);
        let mut accounts = export.accounts;
        accounts.retain(|account| {
            if let Some((first_part, first_line)) = seen.get(&account.id) {
                merged.warnings.push(format!(
                    "identifiant ENT en double : « {} », ligne {} (déjà lu dans « {} », \
                     ligne {}) ; seul le premier compte est gardé.",
                    path.display(),
                    account.source.line,
                    paths[*first_part].display(),
                    first_line
                ));
                return false;
            }
            seen.insert(account.id.clone(), (part, account.source.line));
            true
        });
        if merged.accounts.is_empty() {
            merged.accounts = accounts;
        } else {
            merged.accounts.append(&mut accounts);
        }
    }
    merged
}

/// Reads the accounts of one export. `file_index` goes into each
/// account's [`SourceRef`], with the line its `addRequest` starts on.
pub fn read_accounts(
    reader: Box<dyn BufRead>,
    path: &Path,
    file_index: usize,
    profiles: &ProfileMapping,
) -> Result<EntExport> {
    let mut xml = Reader::from_reader(CheckedInput::new(reader));
    let config = xml.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    config.trim_text(false);

    let mut export = EntExport::default();
    let mut stack: Vec<Elem> = Vec::new();
    let mut record: Option<Record> = None;
    let mut records = 0;
    let mut first_bad: Option<Error> = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let offset = xml.buffer_position();
        let line = xml.get_ref().line();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(path, &xml, e))?;
        let malformed = |at: u64, reason: String| {
            let (line, column) = xml.get_ref().position(at);
            Error::MalformedXml {
                path: path.to_path_buf(),
                line,
                column,
                reason,
            }
        };
        if let Some(r) = &record {
            if xml.buffer_position() - r.offset > MAX_RECORD_LEN {
                return Err(malformed(
                    r.offset,
                    format!("compte de plus de {MAX_RECORD_LEN} octets"),
                ));
            }
        }
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(malformed(
                        offset,
                        format!("éléments imbriqués sur plus de {MAX_DEPTH} niveaux"),
                    ));
                }
                let name = start.local_name();
                let name = name.as_ref();
                let parent = stack.last().copied();
                let elem = match (&mut record, name) {
                    (Some(_), b"addRequest") => {
                        return Err(malformed(
                            offset,
                            "addRequest dans un autre addRequest".into(),
                        ));
                    }
                    (None, b"addRequest") => {
                        records += 1;
                        record = Some(Record::new(records, line, offset));
                        Elem::AddRequest
                    }
                    (None, _) => Elem::Other,
                    (Some(_), b"identifier") => Elem::Identifier,
                    (Some(r), b"id") if parent == Some(Elem::Identifier) => {
                        r.text = Some(String::new());
                        Elem::Id
                    }
                    (Some(r), b"attr") if r.attr.is_none() => {
                        r.attr = Some((attr_name(&start, path, &xml, offset)?, Vec::new()));
                        Elem::Attr
                    }
                    (Some(r), b"value") if parent == Some(Elem::Attr) => {
                        r.text = Some(String::new());
                        Elem::Value
                    }
                    (Some(_), _) => Elem::Other,
                };
                stack.push(elem);
            }
            Event::End(_) => {
                let elem = stack.pop();
                if let (Some(elem), Some(r)) = (elem, &mut record) {
                    match elem {
                        Elem::Value => {
                            if let (Some(text), Some((_, values))) = (r.text.take(), &mut r.attr) {
                                push_value(values, text);
                            }
                        }
                        Elem::Id => {
                            let text = r.text.take().unwrap_or_default();
                            if r.id.is_none() && !text.trim().is_empty() {
                                r.id = Some(text.trim().to_string());
                            }
                        }
                        Elem::Attr => {
                            if let Some((name, values)) = r.attr.take() {
                                r.attrs.entry(name).or_default().extend(values);
                            }
                        }
                        Elem::AddRequest => {
                            if let Some(done) = record.take() {
                                // One bad record is data (STYLE.md): left
                                // out with a warning, the run goes on.
                                match done.into_account(path, file_index, profiles) {
                                    Ok(account) => export.accounts.push(account),
                                    Err(error) => {
                                        export
                                            .warnings
                                            .push(format!("{error} ; ce compte est écarté."));
                                        first_bad.get_or_insert(error);
                                    }
                                }
                            }
                        }
                        Elem::Identifier | Elem::Other => {}
                    }
                }
            }
            Event::Text(text) => {
                if let Some(collected) = record.as_mut().and_then(|r| r.text.as_mut()) {
                    let value = text
                        .unescape()
                        .map_err(|e| malformed(offset, quick_xml_reason(&e)))?;
                    collected.push_str(&value);
                    check_value(collected).map_err(|reason| malformed(offset, reason))?;
                }
            }
            Event::CData(data) => {
                if let Some(collected) = record.as_mut().and_then(|r| r.text.as_mut()) {
                    // Already checked as UTF-8 by `CheckedInput`.
                    collected.push_str(&String::from_utf8_lossy(&data));
                    check_value(collected).map_err(|reason| malformed(offset, reason))?;
                }
            }
            Event::DocType(doctype) => {
                // The DTD is never fetched; only entity declarations are a
                // risk (expansion bombs, external entities).
                let upper = doctype.to_ascii_uppercase();
                if upper.windows(8).any(|w| w == b"<!ENTITY") {
                    return Err(Error::XmlEntities {
                        path: path.to_path_buf(),
                    });
                }
            }
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(malformed(
                        xml.buffer_position(),
                        "fin du fichier avant la fermeture des éléments ouverts (fichier tronqué ?)"
                            .into(),
                    ));
                }
                break;
            }
            Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if records == 0 {
        return Err(Error::NoRecords {
            path: path.to_path_buf(),
        });
    }
    // Not one usable account: the file is not what it should be.
    if let (true, Some(error)) = (export.accounts.is_empty(), first_bad) {
        return Err(error);
    }
    Ok(export)
}

/// What an open element is, for the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Elem {
    AddRequest,
    Identifier,
    Id,
    Attr,
    Value,
    Other,
}

/// Bounds and characters of a value, once character references are
/// resolved (`&#1;` would smuggle a control character past `xml_input`).
fn check_value(value: &str) -> std::result::Result<(), String> {
    if value.len() > MAX_VALUE_LEN {
        return Err(format!("valeur de plus de {MAX_VALUE_LEN} octets"));
    }
    match value
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        Some(c) => Err(format!(
            "caractère de contrôle interdit (U+{:04X})",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// The `name` of an `attr` element, lower-cased (LDAP attribute names
/// ignore case). Missing: empty, and the attribute is ignored.
fn attr_name(
    start: &BytesStart,
    path: &Path,
    xml: &Reader<CheckedInput<Box<dyn BufRead>>>,
    offset: u64,
) -> Result<String> {
    let malformed = |reason: String| {
        let (line, column) = xml.get_ref().position(offset);
        Error::MalformedXml {
            path: path.to_path_buf(),
            line,
            column,
            reason,
        }
    };
    let attribute = start
        .try_get_attribute("name")
        .map_err(|_| malformed("attributs de l'élément attr illisibles".into()))?;
    match attribute {
        None => Ok(String::new()),
        Some(a) => a
            .unescape_value()
            .map(|v| v.trim().to_lowercase())
            .map_err(|e| malformed(quick_xml_reason(&e))),
    }
}

/// Translates a quick-xml error, with its position.
fn xml_error(
    path: &Path,
    xml: &Reader<CheckedInput<Box<dyn BufRead>>>,
    error: quick_xml::Error,
) -> Error {
    if let quick_xml::Error::Io(io) = &error {
        return match fault_of(io) {
            Some(fault) => Error::MalformedXml {
                path: path.to_path_buf(),
                line: fault.line,
                column: fault.column,
                reason: fault.reason.clone(),
            },
            // A failing decryption stream, or the disk.
            None => decrypt::error_from_read(path, io),
        };
    }
    let (line, column) = xml.get_ref().position(xml.error_position());
    Error::MalformedXml {
        path: path.to_path_buf(),
        line,
        column,
        reason: quick_xml_reason(&error),
    }
}

/// French reason for a quick-xml error.
fn quick_xml_reason(error: &quick_xml::Error) -> String {
    use quick_xml::Error as X;
    match error {
        X::Syntax(e) => match e {
            SyntaxError::InvalidBangMarkup => "balise « <! » inconnue".into(),
            SyntaxError::UnclosedPIOrXmlDecl => "instruction « <? » non fermée".into(),
            SyntaxError::UnclosedComment => "commentaire non fermé (« --> » manquant)".into(),
            SyntaxError::UnclosedDoctype => "déclaration DOCTYPE non fermée".into(),
            SyntaxError::UnclosedCData => "section CDATA non fermée".into(),
            SyntaxError::UnclosedTag => "balise non fermée (« > » manquant)".into(),
        },
        X::IllFormed(e) => match e {
            IllFormedError::MissingDeclVersion(_) => "déclaration XML sans version".into(),
            IllFormedError::MissingDoctypeName => "DOCTYPE sans nom".into(),
            IllFormedError::MissingEndTag(name) => format!("balise de fin </{name}> manquante"),
            IllFormedError::UnmatchedEndTag(name) => {
                format!("balise de fin </{name}> sans balise ouvrante")
            }
            IllFormedError::MismatchedEndTag { expected, found } => {
                format!("balise de fin </{found}> au lieu de </{expected}>")
            }
            IllFormedError::DoubleHyphenInComment => "« -- » dans un commentaire".into(),
        },
        X::Escape(e) => match e {
            EscapeError::UnrecognizedEntity(_, name) => format!(
                "entité inconnue « &{name}; » (seules &lt; &gt; &amp; &quot; &apos; et les \
                 références numériques sont acceptées)"
            ),
            EscapeError::UnterminatedEntity(_) => "« & » sans « ; »".into(),
            EscapeError::InvalidCharRef(_) => "référence de caractère invalide".into(),
        },
        X::InvalidAttr(_) => "attribut mal formé".into(),
        X::Encoding(_) => "texte invalide en UTF-8".into(),
        X::Io(e) => e.to_string(),
        X::Namespace(_) => "espace de noms invalide".into(),
    }
}

#[cfg(test)]
#[path = "ent_xml_tests.rs"]
mod tests;
