//! A small harness for the integration tests: a temporary directory per
//! test as the working directory, the real `rapproche` binary, and exact
//! checks of standard output, standard error and the exit code.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// One run of the binary, described before it runs.
pub struct Test {
    dir: TempDir,
    args: Vec<String>,
    stdout: Option<String>,
    stderr: Option<String>,
    status: i32,
    envs: Vec<(String, String)>,
    detached: bool,
}

/// What a run left behind, for further checks.
pub struct Done {
    pub dir: TempDir,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    /// An empty working directory; expects success and empty output unless told.
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().expect("temporary directory"),
            args: Vec::new(),
            stdout: Some(String::new()),
            stderr: Some(String::new()),
            status: 0,
            envs: Vec::new(),
            detached: false,
        }
    }

    /// A working directory holding the sample run result in `.rapproche/`.
    pub fn with_state() -> Test {
        let test = Test::new();
        let dir = test.path().join(".rapproche");
        rapproche::state::save(&dir, &crate::fixture::state()).expect("saving the sample state");
        test
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn args(mut self, args: &[&str]) -> Test {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// Writes a file in the working directory before the run.
    pub fn file(self, name: &str, contents: &str) -> Test {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("creating parent");
        }
        std::fs::write(path, contents).expect("writing test file");
        self
    }

    pub fn stdout(mut self, expected: &str) -> Test {
        self.stdout = Some(expected.to_string());
        self
    }

    /// Do not check standard output (checked by the caller).
    pub fn any_stdout(mut self) -> Test {
        self.stdout = None;
        self
    }

    pub fn stderr(mut self, expected: &str) -> Test {
        self.stderr = Some(expected.to_string());
        self
    }

    pub fn any_stderr(mut self) -> Test {
        self.stderr = None;
        self
    }

    pub fn status(mut self, code: i32) -> Test {
        self.status = code;
        self
    }

    /// Runs the binary and checks everything that was asked.
    pub fn run(self) -> Done {
        let mut command = if self.detached {
            // A new session has no controlling terminal, even when the
            // tests themselves run in one (util-linux `setsid`).
            let mut command = Command::new("setsid");
            command.arg("-w").arg(binary());
            command
        } else {
            Command::cargo_bin("rapproche").expect("binary built")
        };
        let output = command
            .args(&self.args)
            .current_dir(self.dir.path())
            .env_remove("RAPPROCHE_IDENTITY")
            .env_remove("RAPPROCHE_CONFIG")
            .env_remove("RAPPROCHE_STATE_DIR")
            .env_remove("RAPPROCHE_OUTPUT_DIR")
            .env_remove("RAPPROCHE_ACCEPT")
            .env_remove("RAPPROCHE_MARGIN")
            .env_remove("RAPPROCHE_DECISIONS")
            .env("COLUMNS", "100")
            .envs(self.envs.iter().map(|(k, v)| (k, v)))
            .output()
            .expect("running rapproche (setsid for runs without terminal)");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let context = format!(
            "rapproche {:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            self.args
        );
        if let Some(expected) = &self.stdout {
            assert_eq!(&stdout, expected, "standard output of {context}");
        }
        if let Some(expected) = &self.stderr {
            assert_eq!(&stderr, expected, "standard error of {context}");
        }
        assert_eq!(
            output.status.code(),
            Some(self.status),
            "exit code of {context}"
        );
        Done {
            dir: self.dir,
            stdout,
            stderr,
        }
    }
}

impl Done {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("output file")
    }
}

/// The `rapproche` binary under test.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rapproche"))
}

/// A file of the demo establishment, `fixtures/college/<name>`.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/college")
        .join(name)
}

/// The bytes of a demo fixture.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name))
        .unwrap_or_else(|e| panic!("fixture {}: {e}", fixture_path(name).display()))
}

/// The permission bits of a file or directory.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let meta =
        std::fs::metadata(path).unwrap_or_else(|e| panic!("metadata of {}: {e}", path.display()));
    meta.permissions().mode() & 0o777
}

/// Every file and directory under `dir` (relative paths, sorted).
pub fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("listing directory") {
            let path = entry.expect("directory entry").path();
            let relative = path.strip_prefix(root).expect("inside root");
            out.push(relative.display().to_string());
            if path.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

impl Test {
    /// Copies demo fixtures (`fixtures/college/`) into the working directory.
    pub fn fixtures(self, names: &[&str]) -> Test {
        for name in names {
            std::fs::copy(fixture_path(name), self.path().join(name))
                .unwrap_or_else(|e| panic!("copying fixture {name}: {e}"));
        }
        self
    }

    /// Writes a file of arbitrary bytes in the working directory.
    pub fn bytes(self, name: &str, contents: &[u8]) -> Test {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("creating parent");
        }
        std::fs::write(path, contents).expect("writing test file");
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.envs.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs the binary without a controlling terminal (through `setsid`),
    /// so that it cannot ask for a passphrase even when the tests run in
    /// a terminal.
    pub fn without_terminal(mut self) -> Test {
        self.detached = true;
        self
    }
}

impl Done {
    /// Another run in the same working directory; expects success and
    /// empty output unless told.
    pub fn then(self) -> Test {
        let mut test = Test::new();
        test.dir = self.dir;
        test
    }

    /// The text of a file the run left.
    pub fn text(&self, name: &str) -> String {
        String::from_utf8(self.read(name)).expect("UTF-8 output file")
    }
}

/// The demo establishment's identity (`fixtures/college/cle-demo.txt`).
pub fn demo_identity() -> age::x25519::Identity {
    let text = String::from_utf8(fixture_bytes("cle-demo.txt")).expect("UTF-8 key");
    let line = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .expect("a secret key in cle-demo.txt");
    line.parse().expect("a valid identity")
}

/// `plain` encrypted to a recipient with the age library, armored or not.
pub fn encrypt_to(recipient: &dyn age::Recipient, plain: &[u8], armor: bool) -> Vec<u8> {
    encrypt(std::iter::once(recipient), plain, armor)
}

/// `plain` encrypted with a passphrase (scrypt), with a small work factor
/// so that the debug build decrypts it quickly.
pub fn encrypt_with_passphrase(plain: &[u8], passphrase: &str) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.to_string().into());
    recipient.set_work_factor(10);
    encrypt(
        std::iter::once(&recipient as &dyn age::Recipient),
        plain,
        false,
    )
}

fn encrypt<'a>(
    recipients: impl Iterator<Item = &'a dyn age::Recipient>,
    plain: &[u8],
    armor: bool,
) -> Vec<u8> {
    use age::armor::{ArmoredWriter, Format};
    use std::io::Write;
    let format = if armor {
        Format::AsciiArmor
    } else {
        Format::Binary
    };
    let encryptor = age::Encryptor::with_recipients(recipients).expect("recipients");
    let mut out = Vec::new();
    let armored = ArmoredWriter::wrap_output(&mut out, format).expect("armor");
    let mut writer = encryptor.wrap_output(armored).expect("encrypting");
    writer.write_all(plain).expect("encrypting");
    writer
        .finish()
        .and_then(|a| a.finish())
        .expect("encrypting");
    out
}
