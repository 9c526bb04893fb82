//! The command line resolved once into plain configurations: population,
//! status and format names parsed, defaults filled in, thresholds taken from
//! the engine's defaults. In: `cli::Cli`. Out: `Config`, the only thing the
//! subcommands see (fd's `Opts` → `Config`).

use crate::cli::{Cli, Command, ExplainArgs, KeygenArgs, MatchArgs, ReportArgs};
use crate::engine::MatchSettings;
use crate::error::{Error, Result};
use crate::model::Population;
use crate::outcome::Status;
use std::path::PathBuf;

/// A resolved subcommand.
#[derive(Clone, Debug, PartialEq)]
pub enum Config {
    Match(MatchConfig),
    Report(ReportConfig),
    Explain(ExplainConfig),
    Keygen(KeygenConfig),
}

/// How much `match` says on standard error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    #[default]
    Normal,
    Verbose,
}

/// `rapproche match`.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchConfig {
    /// ENT exports and Pronote lists, in the order given.
    pub inputs: Vec<PathBuf>,
    /// age identity files (`-i`, or `RAPPROCHE_IDENTITY`).
    pub identities: Vec<PathBuf>,
    /// Population of the lists that have no population column.
    pub population: Option<Population>,
    /// `-o`: the import file, when one list is given.
    pub output: Option<PathBuf>,
    /// `--output-dir`: where the import files go, when several lists are given.
    pub output_dir: Option<PathBuf>,
    /// `--ent-import`: the ENT side's import file.
    pub ent_import: Option<PathBuf>,
    pub state_dir: PathBuf,
    /// Replace output files that exist.
    pub force: bool,
    pub settings: MatchSettings,
    pub verbosity: Verbosity,
    /// `--lecture-seule` (hidden): decrypt and read the inputs, then stop;
    /// the floor of the performance benchmark.
    pub read_only: bool,
}

/// Which rows a report lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportFilter {
    /// Only rows left to review or unmatched.
    pub unmatched: bool,
    pub population: Option<Population>,
    pub status: Option<Status>,
}

impl ReportFilter {
    /// True when no filter is set: the table report then shows the summary.
    pub fn is_empty(&self) -> bool {
        !self.unmatched && self.population.is_none() && self.status.is_none()
    }
}

/// The report formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportFormat {
    #[default]
    Table,
    Csv,
    Json,
}

/// `rapproche report`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportConfig {
    pub state_dir: PathBuf,
    pub filter: ReportFilter,
    pub format: ReportFormat,
    /// Write here instead of standard output.
    pub output: Option<PathBuf>,
    pub force: bool,
}

/// `rapproche explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainConfig {
    pub state_dir: PathBuf,
    /// A Pronote id or an ENT id.
    pub id: String,
}

/// `rapproche keygen`.
#[derive(Clone, Debug, PartialEq)]
pub struct KeygenConfig {
    /// Where to write the identity; standard output when absent.
    pub output: Option<PathBuf>,
    pub force: bool,
}

impl Config {
    /// Resolves the parsed command line.
    pub fn from_cli(cli: Cli) -> Result<Config> {
        Ok(match cli.command {
            Command::Match(args) => Config::Match(match_config(args)?),
            Command::Report(args) => Config::Report(report_config(args)?),
            Command::Explain(args) => Config::Explain(explain_config(args)),
            Command::Keygen(args) => Config::Keygen(keygen_config(args)),
        })
    }
}

fn match_config(args: MatchArgs) -> Result<MatchConfig> {
    let defaults = MatchSettings::default();
    let verbosity = match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => Verbosity::Normal,
    };
    Ok(MatchConfig {
        inputs: args.files,
        identities: args.identity,
        population: args
            .population
            .as_deref()
            .map(parse_population)
            .transpose()?,
        output: args.output,
        output_dir: args.output_dir,
        ent_import: args.ent_import,
        state_dir: args.state.state_dir,
        force: args.force,
        settings: MatchSettings {
            accept: threshold("--accept", args.accept)?.unwrap_or(defaults.accept),
            margin: threshold("--margin", args.margin)?.unwrap_or(defaults.margin),
            ..defaults
        },
        verbosity,
        read_only: args.read_only,
    })
}

fn report_config(args: ReportArgs) -> Result<ReportConfig> {
    Ok(ReportConfig {
        state_dir: args.state.state_dir,
        filter: ReportFilter {
            unmatched: args.unmatched,
            population: args
                .population
                .as_deref()
                .map(parse_population)
                .transpose()?,
            status: args.status.as_deref().map(parse_status).transpose()?,
        },
        format: args
            .format
            .as_deref()
            .map(parse_format)
            .transpose()?
            .unwrap_or_default(),
        output: args.output,
        force: args.force,
    })
}

fn explain_config(args: ExplainArgs) -> ExplainConfig {
    ExplainConfig {
        state_dir: args.state.state_dir,
        id: args.id.trim().to_string(),
    }
}

fn keygen_config(args: KeygenArgs) -> KeygenConfig {
    KeygenConfig {
        output: args.output,
        force: args.force,
    }
}

/// Parses a population's command-line name (`eleves`); accents and case are
/// forgiven (`Élèves`).
pub fn parse_population(name: &str) -> Result<Population> {
    let folded = fold(name);
    Population::from_cli_name(&folded).ok_or_else(|| Error::UnknownPopulationName {
        value: name.to_string(),
    })
}

/// The command-line names of the statuses, in report order.
pub const STATUS_NAMES: [(&str, Status); 4] = [
    ("exact", Status::Exact),
    ("approche", Status::Fuzzy),
    ("a-verifier", Status::Review),
    ("non-rapproche", Status::Unmatched),
];

/// The command-line name of a status (`a-verifier`).
pub fn status_name(status: Status) -> &'static str {
    STATUS_NAMES
        .iter()
        .find(|(_, s)| *s == status)
        .map_or("", |(name, _)| name)
}

/// Parses `--status`.
pub fn parse_status(name: &str) -> Result<Status> {
    let folded = fold(name);
    STATUS_NAMES.iter().find(|(n, _)| *n == folded).map(|(_, s)| *s).ok_or_else(|| {
        Error::Usage(format!(
            "statut inconnu « {name} ».\nValeurs possibles : exact, approche, a-verifier, non-rapproche."
        ))
    })
}

/// Parses `--format`.
pub fn parse_format(name: &str) -> Result<ReportFormat> {
    match fold(name).as_str() {
        "table" => Ok(ReportFormat::Table),
        "csv" => Ok(ReportFormat::Csv),
        "json" => Ok(ReportFormat::Json),
        _ => Err(Error::Usage(format!(
            "format inconnu « {name} ».\nValeurs possibles : table, csv, json."
        ))),
    }
}

fn threshold(flag: &str, value: Option<f64>) -> Result<Option<f64>> {
    match value {
        Some(v) if !v.is_finite() => Err(Error::Usage(format!(
            "{flag} attend un nombre, pas « {v} »."
        ))),
        other => Ok(other),
    }
}

/// Lower case without accents, words joined by `-`: what users type
/// varies (`À vérifier`, `a_verifier`, `Élèves`).
fn fold(text: &str) -> String {
    crate::normalize::name::fold(text).replace(' ', "-")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use clap::Parser;

    fn resolve(argv: &[&str]) -> Result<Config> {
        let mut full = vec!["rapproche"];
        full.extend_from_slice(argv);
        match Cli::try_parse_from(full) {
            Ok(cli) => Config::from_cli(cli),
            Err(e) => Err(Error::Usage(e.to_string())),
        }
    }

    #[test]
    fn population_names() {
        let cases = [
            ("cli name", "eleves", Some(Population::Eleves)),
            ("accented label", "Élèves", Some(Population::Eleves)),
            ("upper case", "RESPONSABLES", Some(Population::Responsables)),
            ("spaces", " personnels ", Some(Population::Personnels)),
            ("singular is not a name", "eleve", None),
            ("unknown", "parents", None),
        ];
        for (name, input, expected) in cases {
            match (parse_population(input), expected) {
                (Ok(p), Some(e)) => assert_eq!(p, e, "{name}"),
                (Err(Error::UnknownPopulationName { value }), None) => {
                    assert_eq!(value, input, "{name}")
                }
                (other, _) => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn status_names() {
        let cases = [
            ("exact", Some(Status::Exact)),
            ("approche", Some(Status::Fuzzy)),
            ("approché", Some(Status::Fuzzy)),
            ("a-verifier", Some(Status::Review)),
            ("à vérifier", Some(Status::Review)),
            ("non_rapproche", Some(Status::Unmatched)),
            ("fuzzy", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_status(input).ok(), expected, "{input}");
        }
        for (name, status) in STATUS_NAMES {
            assert_eq!(status_name(status), name);
        }
    }

    #[test]
    fn match_defaults_come_from_the_engine() {
        let Ok(Config::Match(config)) = resolve(&["match", "export.xml.age", "users.csv"]) else {
            panic!("not a match config");
        };
        assert_eq!(
            config.inputs,
            [PathBuf::from("export.xml.age"), PathBuf::from("users.csv")]
        );
        assert_eq!(config.settings, MatchSettings::default());
        assert_eq!(config.state_dir, PathBuf::from(".rapproche"));
        assert_eq!(config.verbosity, Verbosity::Normal);
        assert_eq!(config.population, None);
    }

    #[test]
    fn match_options_resolved() {
        let argv = [
            "match",
            "-i",
            "a.key",
            "--identity",
            "b.key",
            "-p",
            "eleves",
            "--accept",
            "10,5",
        ];
        // A French decimal comma is a clap value error, not a silent 0.
        assert!(resolve(&argv).is_err());
        let argv = [
            "match", "-i", "a.key", "-i", "b.key", "-p", "eleves", "--accept", "10.5", "-q",
            "x.csv",
        ];
        let Ok(Config::Match(config)) = resolve(&argv) else {
            panic!("not a match config")
        };
        assert_eq!(
            config.identities,
            [PathBuf::from("a.key"), PathBuf::from("b.key")]
        );
        assert_eq!(config.population, Some(Population::Eleves));
        assert_eq!(config.settings.accept, 10.5);
        assert_eq!(config.settings.margin, MatchSettings::default().margin);
        assert_eq!(config.verbosity, Verbosity::Quiet);
    }

    #[test]
    fn report_options_resolved() {
        let argv = [
            "report",
            "--unmatched",
            "--population",
            "eleves",
            "--format",
            "JSON",
            "--state-dir",
            "s",
        ];
        let Ok(Config::Report(config)) = resolve(&argv) else {
            panic!("not a report config")
        };
        assert_eq!(
            config.filter,
            ReportFilter {
                unmatched: true,
                population: Some(Population::Eleves),
                status: None
            }
        );
        assert_eq!(config.format, ReportFormat::Json);
        assert_eq!(config.state_dir, PathBuf::from("s"));
        let Ok(Config::Report(config)) = resolve(&["report"]) else {
            panic!("not a report config")
        };
        assert!(config.filter.is_empty());
        assert_eq!(config.format, ReportFormat::Table);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        let cases: [&[&str]; 4] = [
            &["report", "--population", "parents"],
            &["report", "--status", "ok"],
            &["report", "--format", "xlsx"],
            &["match", "--accept", "NaN"],
        ];
        for argv in cases {
            let error = resolve(argv).err();
            assert!(
                error.is_some_and(|e| e.exit_status().code() == 2),
                "{argv:?}"
            );
        }
    }
}
