//! Tests of `decrypt`: interoperability with the reference `age` CLI (as
//! rage does), and every error the user can meet.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use age::secrecy::ExposeSecret;
use std::io::Write;
use std::process::Command;
use tempfile::TempDir;

/// A prompt that answers a fixed passphrase and counts the questions.
pub(crate) struct FixedPrompt {
    pub answer: Option<&'static str>,
    pub asked: usize,
}

impl PassphrasePrompt for FixedPrompt {
    fn passphrase(&mut self, path: &Path) -> Result<SecretString> {
        self.asked += 1;
        match self.answer {
            Some(answer) => Ok(SecretString::from(answer.to_string())),
            None => Err(Error::PassphraseWithoutTerminal {
                path: path.to_path_buf(),
            }),
        }
    }
}

fn no_prompt() -> FixedPrompt {
    FixedPrompt {
        answer: None,
        asked: 0,
    }
}

/// Runs a reference age tool; fails loudly when it is missing (CI installs it).
pub(crate) fn run_tool(tool: &str, args: &[&str]) -> Vec<u8> {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "these tests need the reference `{tool}` command (package `age`, \
             e.g. `apt-get install age`): cannot run it: {e}"
        )
    });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// A plaintext export large enough to span several 64 KiB age chunks.
pub(crate) fn sample_plaintext() -> Vec<u8> {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ficAlimMENESR>\n");
    for i in 0..1500 {
        xml.push_str(&format!(
            "<addRequest><identifier><id>{i}</id></identifier><attributes>\
             <attr name=\"sn\"><value>NOM{i}</value></attr>\
             <attr name=\"givenName\"><value>Prénom{i}</value></attr>\
             </attributes></addRequest>\n"
        ));
    }
    xml.push_str("</ficAlimMENESR>\n");
    xml.into_bytes()
}

struct Setup {
    dir: TempDir,
    identity_file: PathBuf,
    recipient: String,
    plaintext_file: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let identity_file = dir.path().join("cle.txt");
    run_tool("age-keygen", &["-o", identity_file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&identity_file).unwrap();
    let recipient = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap()
        .to_string();
    let plaintext_file = dir.path().join("export.xml");
    std::fs::write(&plaintext_file, sample_plaintext()).unwrap();
    Setup {
        dir,
        identity_file,
        recipient,
        plaintext_file,
    }
}

impl Setup {
    fn encrypt(&self, name: &str, armor: bool) -> PathBuf {
        let out = self.dir.path().join(name);
        let mut args = vec!["-r", &self.recipient, "-o", out.to_str().unwrap()];
        if armor {
            args.push("-a");
        }
        args.push(self.plaintext_file.to_str().unwrap());
        run_tool("age", &args);
        out
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// Opens and reads an export to its end, translating read errors as the
/// XML reader does.
fn read_export(
    path: &Path,
    identities: &[Box<dyn age::Identity>],
    prompt: &mut dyn PassphrasePrompt,
) -> Result<Vec<u8>> {
    let kind = crate::read::sniff::sniff(path)?;
    let mut reader = open_export(path, kind, identities, prompt)?;
    let mut out = Vec::new();
    reader
        .read_to_end(&mut out)
        .map_err(|e| error_from_read(path, &e))?;
    Ok(out)
}

#[test]
fn reference_age_files_decrypt_binary_and_armored() {
    let s = setup();
    let identities = load_identities(std::slice::from_ref(&s.identity_file)).unwrap();
    for armor in [false, true] {
        let path = s.encrypt(&format!("export-{armor}.xml.age"), armor);
        let text = read_export(&path, &identities, &mut no_prompt()).unwrap();
        assert_eq!(text, sample_plaintext(), "armor: {armor}");
    }
}

#[test]
fn armored_file_with_consistent_crlf_or_leading_blank_lines_still_decrypts() {
    let s = setup();
    let identities = load_identities(std::slice::from_ref(&s.identity_file)).unwrap();
    let armored = std::fs::read(s.encrypt("a.age", true)).unwrap();
    let text = String::from_utf8(armored).unwrap();
    let cases = [
        ("crlf", text.replace('\n', "\r\n")),
        ("leading blank lines", format!("\n\n  {text}")),
    ];
    for (name, content) in cases {
        let path = s.write(name, content.as_bytes());
        let plain = read_export(&path, &identities, &mut no_prompt());
        assert_eq!(plain.unwrap(), sample_plaintext(), "{name}");
    }
}

#[test]
fn armored_file_with_mangled_lines_is_explained() {
    let s = setup();
    let identities = load_identities(std::slice::from_ref(&s.identity_file)).unwrap();
    let text = String::from_utf8(std::fs::read(s.encrypt("a.age", true)).unwrap()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let middle = lines.len() / 2;
    let with_blank_line = {
        lines.insert(middle, "");
        lines.join("\n")
    };
    let cases = [
        ("doubled CR", text.replace('\n', "\r\r\n")),
        ("blank line in the middle", with_blank_line),
        ("CR only", text.replace('\n', "\r")),
    ];
    for (name, content) in cases {
        let path = s.write(name, content.as_bytes());
        match read_export(&path, &identities, &mut no_prompt()) {
            Err(Error::UndecryptableExport { reason, .. }) => {
                assert!(reason.contains("fins de ligne"), "{name}: {reason}")
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn wrong_or_missing_key() {
    let s = setup();
    let path = s.encrypt("export.xml.age", false);
    let other = age::x25519::Identity::generate();
    let wrong: Vec<Box<dyn age::Identity>> = vec![Box::new(other)];
    assert!(matches!(
        read_export(&path, &wrong, &mut no_prompt()),
        Err(Error::WrongKey { .. })
    ));
    assert!(matches!(
        read_export(&path, &[], &mut no_prompt()),
        Err(Error::NoIdentity { .. })
    ));
}

#[test]
fn damaged_files_are_reported_as_damaged() {
    let s = setup();
    let identities = load_identities(std::slice::from_ref(&s.identity_file)).unwrap();
    let binary = std::fs::read(s.encrypt("b.age", false)).unwrap();
    let mut flipped = binary.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    // The header's MAC line ends the header: flip bytes in it.
    let mac = binary.windows(4).position(|w| w == b"\n---").unwrap();
    let header_flipped = |at: usize, bit: u8| {
        let mut bytes = binary.clone();
        bytes[at] ^= bit;
        bytes
    };
    let cases = [
        ("truncated", binary[..binary.len() - 10].to_vec()),
        (
            "cut at a chunk boundary",
            binary[..binary.len() / 2].to_vec(),
        ),
        ("flipped byte in the middle", flipped),
        ("MAC bit 0 of 1st char", header_flipped(mac + 5, 0x01)),
        ("MAC bit 0 of 2nd char", header_flipped(mac + 6, 0x01)),
        ("MAC bit 5 of 3rd char", header_flipped(mac + 7, 0x20)),
        ("MAC bit 1 of 10th char", header_flipped(mac + 14, 0x02)),
        ("header only", binary[..mac + 50].to_vec()),
    ];
    for (name, bytes) in cases {
        let path = s.write(name, &bytes);
        match read_export(&path, &identities, &mut no_prompt()) {
            Err(Error::DamagedExport { .. }) => {}
            other => panic!("{name}: {other:?}"),
        }
    }
}

fn encrypt_with_passphrase(plaintext: &[u8], passphrase: &str, armor: bool) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    recipient.set_work_factor(10); // fast tests
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let format = if armor {
        age::armor::Format::AsciiArmor
    } else {
        age::armor::Format::Binary
    };
    let armored = age::armor::ArmoredWriter::wrap_output(&mut out, format).unwrap();
    let mut writer = encryptor.wrap_output(armored).unwrap();
    writer.write_all(plaintext).unwrap();
    writer.finish().unwrap().finish().unwrap();
    out
}

#[test]
fn passphrase_files() {
    let s = setup();
    for armor in [false, true] {
        let path = s.write(
            &format!("pass-{armor}.age"),
            &encrypt_with_passphrase(&sample_plaintext(), "correct horse", armor),
        );
        let mut right = FixedPrompt {
            answer: Some("correct horse"),
            asked: 0,
        };
        // Identities are not needed and not used for a passphrase file.
        let plain = read_export(&path, &[], &mut right).unwrap();
        assert_eq!(plain, sample_plaintext());
        assert_eq!(right.asked, 1);

        let mut wrong = FixedPrompt {
            answer: Some("battery staple"),
            asked: 0,
        };
        assert!(matches!(
            read_export(&path, &[], &mut wrong),
            Err(Error::WrongPassphrase { .. })
        ));
        assert!(matches!(
            read_export(&path, &[], &mut no_prompt()),
            Err(Error::PassphraseWithoutTerminal { .. })
        ));
    }
}

#[test]
fn plain_xml_is_passed_through() {
    let s = setup();
    let plain = read_export(&s.plaintext_file, &[], &mut no_prompt()).unwrap();
    assert_eq!(plain, sample_plaintext());
}

#[test]
fn pronote_list_is_not_an_export() {
    let s = setup();
    let path = s.write("liste.csv", b"Nom;Prenom\n");
    assert!(matches!(
        read_export(&path, &[], &mut no_prompt()),
        Err(Error::UnrecognizedInput { .. })
    ));
}

#[test]
fn identity_files() {
    let s = setup();
    let key_text = std::fs::read_to_string(&s.identity_file).unwrap();
    let key_line = key_text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap();
    let two_keys = format!(
        "{key_text}\n# second\n{}\n",
        age::x25519::Identity::generate()
            .to_string()
            .expose_secret()
    );
    let ok_cases: [(&str, String, usize); 3] = [
        ("age-keygen file", key_text.clone(), 1),
        ("bare key, CRLF", format!("{key_line}\r\n"), 1),
        ("two keys", two_keys, 2),
    ];
    for (name, content, count) in ok_cases {
        let path = s.write(name, content.as_bytes());
        assert_eq!(load_identities(&[path]).unwrap().len(), count, "{name}");
    }
    let bad_cases: [(&str, Vec<u8>, &str); 8] = [
        (
            "public key only",
            format!("{}\n", s.recipient).into_bytes(),
            "clés publiques",
        ),
        ("empty", Vec::new(), "aucune clé"),
        ("comments only", b"# created: now\n".to_vec(), "aucune clé"),
        (
            "truncated key",
            key_line.as_bytes()[..40].to_vec(),
            "ligne 1 : la clé",
        ),
        (
            "encrypted file",
            std::fs::read(s.encrypt("x.age", true)).unwrap(),
            "fichier chiffré",
        ),
        ("ssh key", b"ssh-ed25519 AAAA user\n".to_vec(), "SSH"),
        ("binary", vec![0xff, 0xfe, 0x00], "pas un fichier texte"),
        ("csv list", b"Nom;Prenom\n".to_vec(), "liste"),
    ];
    for (name, content, expected) in bad_cases {
        let path = s.write(name, &content);
        match load_identities(std::slice::from_ref(&path)) {
            Err(Error::BadIdentity { path: p, reason }) => {
                assert_eq!(p, path, "{name}");
                assert!(reason.contains(expected), "{name}: {reason}");
                assert!(
                    !reason.contains("AGE-SECRET-KEY-1Q"),
                    "{name}: leaks the key"
                );
            }
            Err(other) => panic!("{name}: {other}"),
            Ok(_) => panic!("{name}: accepted"),
        }
    }
    // A recipient given where a file was expected.
    let given = PathBuf::from(&s.recipient);
    match load_identities(&[given]) {
        Err(Error::BadIdentity { reason, .. }) => assert!(reason.contains("clé publique")),
        other => panic!("{:?}", other.map(|v| v.len())),
    }
    assert!(matches!(
        load_identities(&[s.dir.path().join("absent.txt")]),
        Err(Error::Unreadable { .. })
    ));
}

#[test]
fn secrets_are_zeroized_on_drop() {
    // Passphrases (`SecretString`) and identity files (`Zeroizing`) are
    // wiped when dropped; age's X25519 identities wrap x25519-dalek's
    // `StaticSecret`, built with its `zeroize` feature (Cargo.lock).
    fn zeroized_on_drop<T: secrecy::zeroize::ZeroizeOnDrop + ?Sized>() {}
    zeroized_on_drop::<secrecy::SecretString>();
    zeroized_on_drop::<secrecy::zeroize::Zeroizing<Vec<u8>>>();
}
