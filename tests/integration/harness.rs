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
        let output = Command::cargo_bin("rapproche")
            .expect("binary built")
            .args(&self.args)
            .current_dir(self.dir.path())
            .env_remove("RAPPROCHE_IDENTITY")
            .env("COLUMNS", "100")
            .output()
            .expect("running rapproche");
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
