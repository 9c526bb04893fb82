//! The catalogue of bad inputs (`tests/bad-inputs/<case>/`, format in its
//! README.md): each case is run with the real binary in a fresh directory,
//! and its French message, exit code and absence of personal data in the
//! output are checked; a failed run must write nothing (no import file,
//! no state directory, no temporary file).

use crate::harness::{
    Test, demo_identity, encrypt_to, encrypt_with_passphrase, fixture_path, tree,
};
use std::path::{Path, PathBuf};

/// The passphrase of `passphrase` cases.
const PASSPHRASE: &str = "phrase secrète de démo";

/// How standard error is compared with the expected text.
#[derive(Debug, PartialEq)]
enum Match {
    Exact,
    StartsWith,
    Contains,
}

/// One case, as read from its folder.
#[derive(Debug)]
struct Case {
    name: String,
    dir: PathBuf,
    args: Vec<String>,
    status: i32,
    fixtures: Vec<String>,
    makes: Vec<(String, String, Vec<String>)>,
    stderr_match: Match,
    stderr: String,
    hidden: Vec<String>,
    no_terminal: bool,
}

fn catalogue_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs")
}

fn parse_case(dir: &Path) -> Case {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(dir.join("case.txt"))
        .unwrap_or_else(|e| panic!("{name}/case.txt: {e}"));
    let (head, expected) = text
        .split_once("\n---\n")
        .unwrap_or_else(|| panic!("{name}/case.txt: no `---` line before the expected text"));
    let mut case = Case {
        name: name.clone(),
        dir: dir.to_path_buf(),
        args: Vec::new(),
        status: -1,
        fixtures: Vec::new(),
        makes: Vec::new(),
        stderr_match: Match::Exact,
        stderr: expected.to_string(),
        hidden: Vec::new(),
        no_terminal: false,
    };
    for line in head.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: `{line}` is not `key: value`"));
        let value = value.trim();
        let words = || value.split_whitespace().map(String::from);
        match key.trim() {
            "args" => case.args = words().collect(),
            "status" => case.status = value.parse().unwrap(),
            "fixtures" => case.fixtures = words().collect(),
            "make" => {
                let (target, recipe) = value
                    .split_once('=')
                    .unwrap_or_else(|| panic!("{name}: make needs `file = source | op ...`"));
                let mut steps = recipe.split('|').map(str::trim);
                let source = steps.next().unwrap().to_string();
                let ops = steps.map(String::from).collect();
                case.makes.push((target.trim().to_string(), source, ops));
            }
            "stderr" => {
                case.stderr_match = match value {
                    "exact" => Match::Exact,
                    "starts-with" => Match::StartsWith,
                    "contains" => Match::Contains,
                    other => panic!("{name}: unknown stderr mode `{other}`"),
                }
            }
            "hidden" => case.hidden.push(value.to_string()),
            "terminal" => case.no_terminal = value == "none",
            other => panic!("{name}: unknown key `{other}`"),
        }
    }
    assert!(!case.args.is_empty(), "{name}: no args");
    assert!(case.status >= 0, "{name}: no status");
    case
}

/// The bytes of a `make` source: `@name` is a demo fixture, else a file of
/// the case folder.
fn source_bytes(case: &Case, source: &str) -> Vec<u8> {
    let path = match source.strip_prefix('@') {
        Some(fixture) => fixture_path(fixture),
        None => case.dir.join(source),
    };
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {}: {e}", case.name, path.display()))
}

/// Applies one `make` step.
fn apply(case: &Case, bytes: Vec<u8>, op: &str) -> Vec<u8> {
    let mut words = op.split_whitespace();
    let verb = words.next().unwrap_or_default();
    let arg = words.next().unwrap_or_default();
    let mut bytes = bytes;
    match verb {
        "encrypt" => encrypt_to(&demo_identity().to_public(), &bytes, false),
        "armor" => encrypt_to(&demo_identity().to_public(), &bytes, true),
        "passphrase" => encrypt_with_passphrase(&bytes, PASSPHRASE),
        "truncate" => {
            let n: i64 = arg.parse().unwrap();
            let keep = if n < 0 {
                bytes.len() - n.unsigned_abs() as usize
            } else {
                n as usize
            };
            bytes.truncate(keep);
            bytes
        }
        "truncate-chunk" => {
            let end = first_chunk_end(&bytes);
            bytes.truncate(end);
            bytes
        }
        "flip" => {
            match arg {
                "middle" => {
                    let middle = bytes.len() / 2;
                    bytes[middle] ^= 0x01;
                }
                "end" => {
                    let n = bytes.len();
                    bytes[n - 1] ^= 0x55;
                    bytes[n - 2] ^= 0x55;
                }
                "mac" => {
                    let mac = bytes.windows(4).position(|w| w == b"\n---").unwrap() + 5;
                    bytes[mac] = if bytes[mac] == b'A' { b'B' } else { b'A' };
                }
                other => panic!("{}: flip {other}?", case.name),
            }
            bytes
        }
        "crlf" => {
            let text = String::from_utf8(bytes).unwrap();
            text.replace('\n', "\r\n").into_bytes()
        }
        "utf16le" | "utf16le-nobom" | "utf16be" => {
            let text = String::from_utf8(bytes).unwrap();
            let mut out = Vec::new();
            if verb != "utf16le-nobom" {
                out.extend(if verb == "utf16be" {
                    [0xFE, 0xFF]
                } else {
                    [0xFF, 0xFE]
                });
            }
            for unit in text.encode_utf16() {
                out.extend(if verb == "utf16be" {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            out
        }
        "public-key" => format!("{}\n", demo_identity().to_public()).into_bytes(),
        "new-key" => {
            use age::secrecy::ExposeSecret;
            let identity = age::x25519::Identity::generate();
            format!(
                "# public key: {}\n{}\n",
                identity.to_public(),
                identity.to_string().expose_secret()
            )
            .into_bytes()
        }
        other => panic!("{}: unknown make step `{other}`", case.name),
    }
}

/// Where the first 64 KiB payload chunk of an age file ends: header, its
/// MAC line, the 16-byte nonce, then 64 KiB plus a 16-byte tag.
fn first_chunk_end(bytes: &[u8]) -> usize {
    let mac = bytes.windows(4).position(|w| w == b"\n---").unwrap() + 1;
    let header_end = mac + bytes[mac..].iter().position(|&b| b == b'\n').unwrap() + 1;
    header_end + 16 + 65536 + 16
}

fn run_case(case: &Case) {
    let name = &case.name;
    let mut test =
        Test::new().fixtures(&case.fixtures.iter().map(String::as_str).collect::<Vec<_>>());
    // Every file of the folder is an input, except the description and
    // the `.src` sources of `make`.
    let mut entries: Vec<_> = std::fs::read_dir(&case.dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if file == "case.txt" || file.ends_with(".src") || path.is_dir() {
            continue;
        }
        test = test.bytes(&file, &std::fs::read(&path).unwrap());
    }
    for (target, source, ops) in &case.makes {
        let bytes = ops.iter().fold(source_bytes(case, source), |bytes, op| {
            apply(case, bytes, op)
        });
        test = test.bytes(target, &bytes);
    }
    if case.no_terminal {
        test = test.without_terminal();
    }
    let before = tree(test.path());
    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let done = test
        .args(&args)
        .any_stdout()
        .any_stderr()
        .status(case.status)
        .run();
    let expected = case.stderr.as_str();
    if std::env::var_os("BAD_INPUTS_BLESS").is_some() && case.stderr_match == Match::Exact {
        // Rewrites the expected text with what the binary said (review the
        // diff before committing).
        let text = std::fs::read_to_string(case.dir.join("case.txt")).unwrap();
        let head = text.split_once("\n---\n").unwrap().0;
        std::fs::write(
            case.dir.join("case.txt"),
            format!("{head}\n---\n{}", done.stderr),
        )
        .unwrap();
        return;
    }
    let ok = match case.stderr_match {
        Match::Exact => done.stderr == expected,
        Match::StartsWith => done.stderr.starts_with(expected.trim_end_matches('\n')),
        Match::Contains => done.stderr.contains(expected.trim_end_matches('\n')),
    };
    assert!(
        ok,
        "{name}: standard error ({:?} match)\n--- expected\n{expected}\n--- got\n{}",
        case.stderr_match, done.stderr
    );
    for hidden in &case.hidden {
        assert!(
            !done.stderr.contains(hidden.as_str()) && !done.stdout.contains(hidden.as_str()),
            "{name}: « {hidden} » is shown\n{}\n{}",
            done.stdout,
            done.stderr
        );
    }
    if case.status >= 2 {
        assert_eq!(done.stdout, "", "{name}: standard output");
        assert_eq!(
            tree(done.dir.path()),
            before,
            "{name}: something was written"
        );
    } else {
        // A completed run leaves no temporary file.
        let leftovers: Vec<String> = tree(done.dir.path())
            .into_iter()
            .filter(|f| f.contains(".rapproche-") && f.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{name}: {leftovers:?}");
    }
}

#[test]
fn catalogue_of_bad_inputs() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(catalogue_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 40, "only {} cases", dirs.len());
    let only = std::env::var("BAD_INPUT").ok();
    let mut failures = Vec::new();
    for dir in &dirs {
        let case = parse_case(dir);
        if only.as_deref().is_some_and(|o| o != case.name) {
            continue;
        }
        let result = std::panic::catch_unwind(|| run_case(&case));
        if let Err(panic) = result {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {message}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn existing_output_is_replaced_with_force() {
    let test = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age", "eleves.csv"])
        .file("eleves.rapproche.csv", "ancien");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let old = test.path().join("eleves.rapproche.csv");
        std::fs::set_permissions(old, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let done = test
        .args(&["match", "-q", "--force", "-i", "cle-demo.txt"])
        .args(&["export.xml.age", "eleves.csv"])
        .status(1)
        .run();
    assert!(
        done.read("eleves.rapproche.csv")
            .starts_with(b"Nom;Pr\xE9nom;")
    );
    assert!(done.path(".rapproche/resultat.json").exists());
}

#[cfg(unix)]
#[test]
fn replacing_a_file_readable_by_others_is_warned() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age", "eleves.csv"])
        .file("eleves.rapproche.csv", "ancien");
    let old = test.path().join("eleves.rapproche.csv");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    let done = test
        .args(&["match", "-q", "--force", "-i", "cle-demo.txt"])
        .args(&["export.xml.age", "eleves.csv"])
        .stderr(
            "attention : « eleves.rapproche.csv » existait et était lisible par d'autres \
             utilisateurs. Le nouveau fichier ne l'est pas (0600), mais l'ancien contenu a pu \
             être copié entre-temps.\n",
        )
        .status(1)
        .run();
    assert_eq!(
        crate::harness::mode(&done.path("eleves.rapproche.csv")),
        0o600
    );
}
