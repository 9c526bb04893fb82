//! Exports made by the reference `age` command-line tool (`age`,
//! `age-keygen`; CI installs the Debian package `age`) open in `rapproche`:
//! binary and armored, the identity given with `-i` or
//! `RAPPROCHE_IDENTITY`, several export files in one run, and a
//! passphrase typed on a (pseudo-)terminal.

use crate::harness::{Test, binary, encrypt_with_passphrase, fixture_bytes, tree};
use std::path::Path;
use std::process::Command;

const LISTS: [&str; 2] = ["eleves.csv", "responsables.csv"];
const IMPORTS: [&str; 2] = ["eleves.rapproche.csv", "responsables.rapproche.csv"];

/// Runs a reference age tool in `dir`; fails loudly when it is missing.
pub fn age_tool(dir: &Path, tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "these tests need the reference `{tool}` command (Debian package `age`: \
                 apt-get install age): cannot run it: {e}"
            )
        });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Makes `cle.txt` with `age-keygen` in the test's directory; returns the
/// recipient.
fn reference_key(test: &Test) -> String {
    age_tool(test.path(), "age-keygen", &["-o", "cle.txt"]);
    let text = std::fs::read_to_string(test.path().join("cle.txt")).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap()
        .to_string()
}

/// The import files of the demo's export (encrypted to the demo key) for
/// the two lists: what every other way of giving the same accounts must
/// produce.
fn reference_imports() -> Vec<Vec<u8>> {
    let mut args = vec!["match", "-q", "-i", "cle-demo.txt", "export.xml.age"];
    args.extend(LISTS);
    let done = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .fixtures(&LISTS)
        .args(&args)
        .status(1)
        .run();
    IMPORTS.iter().map(|name| done.read(name)).collect()
}

fn assert_same_imports(dir: &Path, reference: &[Vec<u8>], how: &str) {
    for (name, expected) in IMPORTS.iter().zip(reference) {
        let written = std::fs::read(dir.join(name))
            .unwrap_or_else(|e| panic!("{how}: {name} not written: {e}"));
        assert!(&written == expected, "{how}: {name} differs");
    }
}

#[test]
fn binary_and_armored_exports_with_i_or_the_environment() {
    let reference = reference_imports();
    for (armor, identity_from_env) in [(false, false), (true, false), (false, true), (true, true)] {
        let how = format!("armored {armor}, RAPPROCHE_IDENTITY {identity_from_env}");
        let test = Test::new().fixtures(&["export.xml"]).fixtures(&LISTS);
        let recipient = reference_key(&test);
        let mut encrypt = vec!["-r", &recipient, "-o", "export.xml.age"];
        if armor {
            encrypt.push("-a");
        }
        encrypt.push("export.xml");
        age_tool(test.path(), "age", &encrypt);
        std::fs::remove_file(test.path().join("export.xml")).unwrap();
        let starts = fixture_bytes("export.xml.age");
        let encrypted = std::fs::read(test.path().join("export.xml.age")).unwrap();
        assert_eq!(
            encrypted.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
            armor,
            "{how}"
        );
        assert_ne!(encrypted, starts);
        let test = test.args(&["match", "-q", "export.xml.age"]);
        let test = if identity_from_env {
            test.env("RAPPROCHE_IDENTITY", "cle.txt")
        } else {
            test.args(&["-i", "cle.txt"])
        };
        let done = test.args(&LISTS).status(1).run();
        assert_same_imports(done.dir.path(), &reference, &how);
    }
}

/// Splits an export in two valid exports between two `addRequest`s.
fn split_export(xml: &str) -> (String, String) {
    let first = xml.find("<addRequest>").unwrap();
    let end = xml.rfind("</addRequest>").unwrap() + "</addRequest>".len();
    let (head, body, tail) = (&xml[..first], &xml[first..end], &xml[end..]);
    let requests: Vec<&str> = body.split_inclusive("</addRequest>").collect();
    let middle = requests.len() / 2;
    let one = format!("{head}{}{tail}", requests[..middle].concat());
    let two = format!("{head}{}{tail}", requests[middle..].concat());
    assert_eq!(one.matches("<addRequest>").count(), middle);
    (one, two)
}

#[test]
fn several_exports_in_one_run() {
    let reference = reference_imports();
    let xml = String::from_utf8(fixture_bytes("export.xml")).unwrap();
    let (one, two) = split_export(&xml);
    let test = Test::new()
        .fixtures(&LISTS)
        .file("Eleve_0000.xml", &one)
        .file("Eleve_0001.xml", &two);
    let recipient = reference_key(&test);
    for name in ["Eleve_0000.xml", "Eleve_0001.xml"] {
        let out = format!("{name}.age");
        age_tool(test.path(), "age", &["-r", &recipient, "-o", &out, name]);
        std::fs::remove_file(test.path().join(name)).unwrap();
    }
    // Lists and exports in any order.
    let done = test
        .args(&[
            "match",
            "-q",
            "-i",
            "cle.txt",
            "Eleve_0001.xml.age",
            "eleves.csv",
        ])
        .args(&["Eleve_0000.xml.age", "responsables.csv"])
        .status(1)
        .run();
    assert_same_imports(done.dir.path(), &reference, "two exports");
}

const PASSPHRASE: &str = "cheval correct agrafe pile";

/// A working directory with the demo export encrypted with a passphrase.
fn passphrase_export() -> Test {
    let encrypted = encrypt_with_passphrase(&fixture_bytes("export.xml"), PASSPHRASE);
    Test::new()
        .fixtures(&LISTS)
        .bytes("export.xml.age", &encrypted)
}

/// Text as rexpect reads it from the terminal: one char per byte.
fn as_rexpect_sees(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Runs `match` on a pseudo-terminal and answers `answer` to every
/// passphrase prompt; returns what the terminal showed, the number of
/// prompts and the exit code.
fn match_on_a_terminal(dir: &Path, answer: &str) -> (String, usize, i32) {
    use rexpect::ReadUntil;
    use rexpect::process::WaitStatus;
    let mut command = Command::new(binary());
    command
        .args(["match", "-q", "export.xml.age"])
        .args(LISTS)
        .current_dir(dir)
        .env_remove("RAPPROCHE_IDENTITY");
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    let prompt = as_rexpect_sees("Phrase secrète pour « export.xml.age » : ");
    let mut prompts = 0;
    let mut shown = String::new();
    loop {
        let until = vec![ReadUntil::String(prompt.clone()), ReadUntil::EOF];
        let (before, matched) = session.exp_any(until).unwrap();
        shown.push_str(&before);
        shown.push_str(&matched);
        if matched != prompt {
            break;
        }
        prompts += 1;
        assert!(prompts <= 3, "asked again and again: {shown}");
        session.send_line(answer).unwrap();
    }
    // rexpect turns each byte into a char: back to UTF-8.
    let bytes: Vec<u8> = shown.chars().map(|c| c as u8).collect();
    let shown = String::from_utf8(bytes).unwrap();
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (shown, prompts, code),
        other => panic!("rapproche ended with {other:?}: {shown}"),
    }
}

#[test]
fn passphrase_typed_on_a_terminal() {
    let reference = reference_imports();
    let test = passphrase_export();
    let (shown, prompts, code) = match_on_a_terminal(test.path(), PASSPHRASE);
    assert_eq!((prompts, code), (1, 1), "{shown}");
    assert_same_imports(test.path(), &reference, "passphrase");
}

#[test]
fn wrong_passphrase_typed_on_a_terminal() {
    let test = passphrase_export();
    let before = tree(test.path());
    let (shown, _prompts, code) = match_on_a_terminal(test.path(), "pas la bonne");
    assert_eq!(code, 3, "{shown}");
    assert!(
        shown.contains(
            "rapproche : erreur : la phrase secrète ne permet pas d'ouvrir « export.xml.age »."
        ),
        "{shown:?}"
    );
    assert_eq!(tree(test.path()), before, "something was written");
}

#[test]
fn passphrase_export_without_a_terminal() {
    let test = passphrase_export().without_terminal();
    let before = tree(test.path());
    let done = test
        .args(&["match", "export.xml.age"])
        .args(&LISTS)
        .stderr(
            "rapproche : erreur : « export.xml.age » est protégé par une phrase secrète, et aucun \
             terminal n'est disponible pour la demander.\nLancez la commande dans un terminal.\n",
        )
        .status(3)
        .run();
    assert_eq!(tree(done.dir.path()), before, "something was written");
}
