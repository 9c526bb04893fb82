//! The man pages in `man/` are generated from the clap definitions (so that
//! they never drift from `--help`), with French section names, the
//! examples taken from each command's help, and the hand-written sections
//! of `man/extra/<page>.roff` (formats, exit codes, files, troubleshooting).
//! This test fails when a committed page is stale;
//! `UPDATE_MAN=1 cargo test man` rewrites them.

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use rapproche::ExitStatus;
use rapproche::cli::Cli;
use std::path::{Path, PathBuf};

/// Each page and the subcommand it documents.
const PAGES: [(&str, Option<&str>); 10] = [
    ("rapproche", None),
    ("rapproche-match", Some("match")),
    ("rapproche-report", Some("report")),
    ("rapproche-explain", Some("explain")),
    ("rapproche-diff", Some("diff")),
    ("rapproche-link", Some("link")),
    ("rapproche-unlink", Some("unlink")),
    ("rapproche-reject", Some("reject")),
    ("rapproche-review", Some("review")),
    ("rapproche-keygen", Some("keygen")),
];

fn man_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("man")
}

fn render(page: &'static str, subcommand: Option<&str>) -> String {
    // Built first, so that subcommands inherit the global French -h.
    let mut root = Cli::command();
    root.build();
    let command = match subcommand {
        Some(name) => root
            .find_subcommand(name)
            .expect("subcommand")
            .clone()
            .name(page)
            .bin_name(format!("rapproche {name}"))
            .version(env!("CARGO_PKG_VERSION")),
        None => root,
    };
    let has_subcommands = command.has_subcommands();
    let man = Man::new(command.clone())
        .source(format!("rapproche {}", env!("CARGO_PKG_VERSION")))
        .manual("Manuel de rapproche");
    let mut out = Vec::new();
    man.render_title(&mut out).unwrap();
    man.render_name_section(&mut out).unwrap();
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    man.render_options_section(&mut out).unwrap();
    if has_subcommands {
        man.render_subcommands_section(&mut out).unwrap();
    }
    out.extend(examples(&command).into_bytes());
    let extra = man_dir().join("extra").join(format!("{page}.roff"));
    if let Ok(text) = std::fs::read_to_string(&extra) {
        out.extend(text.into_bytes());
    }
    out.extend(see_also(page).into_bytes());
    man.render_version_section(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    text.replace(".SH NAME\n", ".SH NOM\n")
        .replace(".SH Commandes\n", ".SH COMMANDES\n")
}

/// The « Exemple : » lines of the command's help, as an EXEMPLES section.
fn examples(command: &clap::Command) -> String {
    let after = command
        .get_after_help()
        .map(|h| h.to_string())
        .unwrap_or_default();
    let commands: Vec<&str> = after
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| l.starts_with("rapproche"))
        .collect();
    let mut roff = Roff::new();
    roff.control("SH", ["EXEMPLES"]);
    for line in commands {
        roff.control("PP", [])
            .control("nf", [])
            .text([bold(line)])
            .control("fi", []);
    }
    roff.to_roff()
}

fn see_also(page: &str) -> String {
    let others: Vec<String> = PAGES
        .iter()
        .filter(|(p, _)| *p != page)
        .map(|(p, _)| format!("{p}(1)"))
        .collect();
    let mut roff = Roff::new();
    roff.control("SH", ["VOIR AUSSI"])
        .text([roman(others.join(", ")), roman(", age(1)")]);
    roff.to_roff()
}

#[test]
fn man_pages_are_up_to_date() {
    let update = std::env::var_os("UPDATE_MAN").is_some();
    let mut stale = Vec::new();
    for (page, subcommand) in PAGES {
        let path = man_dir().join(format!("{page}.1"));
        let expected = render(page, subcommand);
        if update {
            std::fs::write(&path, &expected).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "man pages out of date: {stale:?}\nrun: UPDATE_MAN=1 cargo test man"
    );
}

#[test]
fn man_pages_are_french_and_complete() {
    let root = render("rapproche", None);
    for section in [
        ".SH NOM",
        ".SH SYNOPSIS",
        ".SH COMMANDES",
        ".SH EXEMPLES",
        "CODE DE RETOUR",
        "FICHIERS",
        "DÉPANNAGE",
    ] {
        assert!(root.contains(section), "rapproche.1 lacks {section}");
    }
    // Every exit status the tool has, documented (error::ExitStatus).
    let statuses = [
        ExitStatus::Success,
        ExitStatus::LeftToReview,
        ExitStatus::Usage,
        ExitStatus::Input,
        ExitStatus::Output,
    ];
    for code in statuses.map(ExitStatus::code) {
        assert!(
            root.contains(&format!(".TP\n\\fB{code}\\fR\n")),
            "exit code {code} undocumented"
        );
    }
    // Every key of the configuration file, and every label column.
    let keys = rapproche::config_file::KEYS
        .into_iter()
        .chain(rapproche::config_file::LABEL_KEYS.map(|(key, _)| key));
    for key in keys {
        assert!(
            root.contains(&format!("\\fB{key}\\fR")),
            "configuration key {key} undocumented"
        );
    }
    for (page, subcommand) in PAGES {
        let text = render(page, subcommand);
        assert!(
            !text.contains(".SH NAME") && !text.contains("[default:"),
            "{page}: English left"
        );
        assert!(
            text.contains(".SH EXEMPLES\n.PP\n.nf\n\\fBrapproche"),
            "{page}: no example"
        );
    }
}
