//! The shell completions in `man/completions/` are generated from the clap
//! definitions (clap_complete), like the man pages: this test fails when a
//! committed file is stale; `UPDATE_MAN=1 cargo test man` rewrites them
//! (the test's name contains « man » for that). The bash one is also run.

use clap::CommandFactory;
use clap_complete::Shell;
use rapproche::cli::Cli;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Each shell and the file its completion goes to.
const FILES: [(Shell, &str); 4] = [
    (Shell::Bash, "rapproche.bash"),
    (Shell::Zsh, "_rapproche"),
    (Shell::Fish, "rapproche.fish"),
    (Shell::PowerShell, "_rapproche.ps1"),
];

fn completions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("man/completions")
}

fn render(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rapproche", &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn man_completions_are_up_to_date() {
    let update = std::env::var_os("UPDATE_MAN").is_some();
    let mut stale = Vec::new();
    for (shell, file) in FILES {
        let path = completions_dir().join(file);
        let expected = render(shell);
        if update {
            std::fs::create_dir_all(completions_dir()).unwrap();
            std::fs::write(&path, &expected).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "completions out of date: {stale:?}\nrun: UPDATE_MAN=1 cargo test man"
    );
}

/// What bash offers after `line` (the words typed so far, the last one
/// being completed), with the committed completion loaded.
fn bash_completes(line: &[&str]) -> Vec<String> {
    let script = completions_dir().join("rapproche.bash");
    let words = line
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let program = format!(
        "source '{}'\nCOMP_WORDS=({words})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
         _rapproche rapproche '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        line.len() - 1,
        line.join(" "),
        line[line.len() - 1],
        line[line.len() - 2],
    );
    let output = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(program)
        .output()
        .expect("running bash");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut words: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    words.sort();
    words
}

#[test]
fn bash_completes_commands_and_options() {
    assert_eq!(
        bash_completes(&["rapproche", ""])
            .into_iter()
            .filter(|w| !w.starts_with('-'))
            .collect::<Vec<_>>(),
        subcommands()
    );
    assert_eq!(bash_completes(&["rapproche", "rep"]), ["report"]);
    let report = bash_completes(&["rapproche", "report", "--f"]);
    assert_eq!(report, ["--force", "--format"]);
}

#[test]
fn every_shell_knows_every_command() {
    for (shell, _) in FILES {
        let text = render(shell);
        for command in ["match", "report", "explain", "keygen"] {
            assert!(text.contains(command), "{shell}: {command}");
        }
        assert!(text.contains("unmatched"), "{shell}");
    }
}

/// The visible subcommands, from the clap definitions.
fn subcommands() -> Vec<String> {
    let mut names: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    names.sort();
    names
}
