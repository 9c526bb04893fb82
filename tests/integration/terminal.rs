//! What a person sees in a terminal: tables fitted to its width, statuses
//! in colour only on a terminal and without `NO_COLOR`, and a worked
//! example in the help of every subcommand.

use crate::harness::{Test, binary};
use clap::CommandFactory;
use rapproche::cli::Cli;
use std::path::Path;
use std::process::Command;

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn tables_fit_columns() {
    let wide = Test::with_state()
        .args(&["report", "--unmatched"])
        .env("COLUMNS", "1000")
        .any_stdout()
        .run();
    assert!(
        widest(&wide.stdout) > 120,
        "the list is wide:\n{}",
        wide.stdout
    );
    for columns in [150, 100] {
        let done = Test::with_state()
            .args(&["report", "--unmatched"])
            .env("COLUMNS", &columns.to_string())
            .any_stdout()
            .run();
        let table = done.stdout.rsplit_once("\n3 comptes.").unwrap().0;
        assert!(
            widest(table) <= columns,
            "COLUMNS={columns}:\n{}",
            done.stdout
        );
        // Wide enough for the longest words: cells wrap between words,
        // ids stay whole. Narrower, fitting wins and words are cut.
        for id in ["AAAAAAAAAAAAAAA2", "AAAAAAAAAAAAAAA3"] {
            let whole = done.stdout.contains(id);
            assert_eq!(whole, columns == 150, "{id} at {columns}");
        }
        let summary = Test::with_state()
            .args(&["report"])
            .env("COLUMNS", &columns.to_string())
            .any_stdout()
            .run();
        assert!(widest(&summary.stdout) <= columns, "{}", summary.stdout);
    }
    // Written to a file: the content's width, whatever COLUMNS says.
    let file = Test::with_state()
        .args(&["report", "--unmatched", "-o", "liste.txt"])
        .env("COLUMNS", "60")
        .run();
    assert_eq!(file.text("liste.txt"), wide.stdout);
}

/// `rapproche report --unmatched` run in a pseudo-terminal, with `env` set;
/// what it printed.
fn report_on_a_terminal(dir: &Path, env: &[(&str, &str)]) -> String {
    let mut command = Command::new(binary());
    command
        .args(["report", "--unmatched"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .env("COLUMNS", "1000")
        .envs(env.iter().copied());
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    let shown = session.exp_eof().unwrap();
    // rexpect turns each byte into a char: back to UTF-8.
    let bytes: Vec<u8> = shown.chars().map(|c| c as u8).collect();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn colours_on_a_terminal_only() {
    let test = Test::with_state();
    let coloured = report_on_a_terminal(test.path(), &[]);
    assert!(
        coloured.contains("\u{1b}[38;5;3m à vérifier "),
        "{coloured:?}"
    );
    assert!(coloured.contains("\u{1b}[38;5;1m non rapproché "));
    for env in [("NO_COLOR", "1"), ("TERM", "dumb")] {
        let plain = report_on_a_terminal(test.path(), &[env]);
        assert!(plain.contains("à vérifier"), "{env:?}: {plain:?}");
        assert!(!plain.contains('\u{1b}'), "{env:?}: {plain:?}");
    }
    // Not a terminal: no colour (the harness reads through a pipe).
    let piped = Test::with_state()
        .args(&["report", "--unmatched"])
        .env("TERM", "xterm-256color")
        .any_stdout()
        .run();
    assert!(!piped.stdout.contains('\u{1b}'));
}

#[test]
fn every_subcommand_help_has_a_worked_example() {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.len() >= 4, "{names:?}");
    for name in names {
        let done = Test::new()
            .args(&[name.as_str(), "--help"])
            .any_stdout()
            .run();
        let example = format!("\nExemple :\n  rapproche {name}");
        assert!(done.stdout.contains(&example), "{name}:\n{}", done.stdout);
    }
}

#[test]
fn version_is_the_one_of_cargo_toml() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap();
    Test::new()
        .args(&["--version"])
        .stdout(&format!("rapproche {version}\n"))
        .run();
}
