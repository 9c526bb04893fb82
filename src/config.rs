//! The command line resolved once into plain configurations: population,
//! status and format names parsed, defaults filled in, thresholds taken from
//! the engine's defaults. In: `cli::Cli`, the environment and the
//! configuration file (`config_file`). Out: `Config`, the only thing the
//! subcommands see (fd's `Opts` → `Config`).
//!
//! Precedence, for every setting: command-line option > `RAPPROCHE_*`
//! variable > configuration file > default (documented in `rapproche(1)`,
//! « FICHIER DE CONFIGURATION »).

use crate::cli::{
    Cli, Command, DecideArgs, DecisionsArg, DiffArgs, ExplainArgs, KeygenArgs, MatchArgs,
    ReportArgs, ReviewArgs,
};
use crate::config_file::{self, FileSettings};
use crate::decisions::{self, Action, Decision, DecisionsPath};
use crate::engine::MatchSettings;
use crate::error::{Error, Result};
use crate::existing::ExistingPolicy;
use crate::model::Population;
use crate::outcome::Status;
use crate::read::labels::Labels;
use crate::read::profiles::ProfileMapping;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variables read, besides `RAPPROCHE_CONFIG`.
pub mod env {
    /// The configuration file (`--config`).
    pub const CONFIG: &str = "RAPPROCHE_CONFIG";
    /// An age identity file (`-i`).
    pub const IDENTITY: &str = "RAPPROCHE_IDENTITY";
    /// The state directory (`--state-dir`).
    pub const STATE_DIR: &str = "RAPPROCHE_STATE_DIR";
    /// The folder of the import files (`--output-dir`).
    pub const OUTPUT_DIR: &str = "RAPPROCHE_OUTPUT_DIR";
    /// `--accept`.
    pub const ACCEPT: &str = "RAPPROCHE_ACCEPT";
    /// `--margin`.
    pub const MARGIN: &str = "RAPPROCHE_MARGIN";
}

/// Reads one environment variable; the process environment in `main`, a
/// table in tests.
pub type Environment<'a> = &'a dyn Fn(&str) -> Option<OsString>;

/// The default state directory.
pub const DEFAULT_STATE_DIR: &str = ".rapproche";

/// A resolved subcommand.
// Built once per process: the size of the `match` variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Config {
    Match(MatchConfig),
    Report(ReportConfig),
    Explain(ExplainConfig),
    Decide(DecideConfig),
    Review(ReviewConfig),
    Keygen(KeygenConfig),
    Diff(DiffConfig),
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
    /// `--uai`: the establishments of the lists (else inferred).
    pub uai: Vec<String>,
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
    /// `--max-estimated-wrong`: above this estimated number of wrong links,
    /// the run ends « left to review » (`estimate`).
    pub max_estimated_wrong: Option<f64>,
    pub verbosity: Verbosity,
    /// `--json`: the summary as JSON on standard output.
    pub json: bool,
    /// `--remove-export`: delete the exports once every output is written.
    pub remove_export: bool,
    /// Header labels: the client's, plus the configuration file's.
    pub labels: Labels,
    /// ENT profile codes → populations, as the configuration file left it.
    pub profiles: ProfileMapping,
    /// The manual decisions file.
    pub decisions: DecisionsPath,
    /// `--existing`.
    pub existing: ExistingPolicy,
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
    /// Only users whose existing identifier is stale, in conflict or not
    /// confirmed (`--stale-ids`).
    pub stale_ids: bool,
}

impl ReportFilter {
    /// True when no filter is set: the table report then shows the summary.
    pub fn is_empty(&self) -> bool {
        !self.unmatched && self.population.is_none() && self.status.is_none() && !self.stale_ids
    }
}

/// The report formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportFormat {
    #[default]
    Table,
    Csv,
    Json,
    /// The supervision page (`report::html`).
    Html,
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

/// `rapproche link`, `unlink` and `reject`.
#[derive(Clone, Debug, PartialEq)]
pub struct DecideConfig {
    /// The decision to record (dated today, with the comment).
    pub decision: Decision,
    pub decisions: DecisionsPath,
    /// The last run, to warn about ids it does not know.
    pub state_dir: PathBuf,
}

/// `rapproche review`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewConfig {
    pub state_dir: PathBuf,
    pub decisions: DecisionsPath,
    pub population: Option<Population>,
}

/// `rapproche keygen`.
#[derive(Clone, Debug, PartialEq)]
pub struct KeygenConfig {
    /// Where to write the identity; standard output when absent.
    pub output: Option<PathBuf>,
    pub force: bool,
}

/// `rapproche diff`.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffConfig {
    /// The older result: a state directory or a `resultat.json`.
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: ReportFormat,
}

impl Config {
    /// Resolves the parsed command line with the process environment and
    /// the configuration file it designates.
    pub fn from_cli(cli: Cli) -> Result<Config> {
        Config::resolve(cli, &|name| std::env::var_os(name))
    }

    /// Resolves the parsed command line with `env` as the environment.
    pub fn resolve(cli: Cli, env: Environment) -> Result<Config> {
        let file = match &cli.command {
            // keygen and diff need no setting, and must work in any folder.
            Command::Keygen(_) | Command::Diff(_) => FileSettings::default(),
            _ => read_file(cli.global.config.as_deref(), env)?,
        };
        let sources = Sources { env, file: &file };
        Ok(match cli.command {
            Command::Match(args) => Config::Match(match_config(args, &sources)?),
            Command::Report(args) => Config::Report(report_config(args, &sources)?),
            Command::Explain(args) => Config::Explain(explain_config(args, &sources)),
            Command::Link(args) => {
                let ent = ent_arg(&args.ent_id)?;
                Config::Decide(decide_config(
                    &args.pronote_id,
                    Action::Link(ent),
                    args.common,
                    &sources,
                )?)
            }
            Command::Unlink(args) => Config::Decide(decide_config(
                &args.pronote_id,
                Action::Unlink,
                args.common,
                &sources,
            )?),
            Command::Reject(args) => {
                let ent = ent_arg(&args.ent_id)?;
                Config::Decide(decide_config(
                    &args.pronote_id,
                    Action::Reject(ent),
                    args.common,
                    &sources,
                )?)
            }
            Command::Review(args) => Config::Review(review_config(args, &sources)?),
            Command::Keygen(args) => Config::Keygen(keygen_config(args)),
            Command::Diff(args) => Config::Diff(diff_config(args)?),
        })
    }
}

/// The configuration file's settings, or the defaults when there is none.
fn read_file(flag: Option<&Path>, env: Environment) -> Result<FileSettings> {
    match config_file::locate(flag, env(env::CONFIG).map(PathBuf::from)) {
        Some(path) => config_file::load(&path),
        // The default table holds the national profile codes.
        None => Ok(FileSettings::default()),
    }
}

/// Where settings come from, below the command line.
struct Sources<'a> {
    env: Environment<'a>,
    file: &'a FileSettings,
}

impl Sources<'_> {
    fn env_path(&self, name: &str) -> Option<PathBuf> {
        (self.env)(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    }

    /// A number from the environment; a bad one is a usage error naming
    /// the variable.
    fn env_number(&self, name: &str) -> Result<Option<f64>> {
        let Some(value) = (self.env)(name).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let text = value.to_string_lossy();
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(Error::Usage(format!(
                "la variable {name} attend un nombre (avec un point décimal), pas « {text} »."
            ))),
        }
    }

    /// `--state-dir` > `RAPPROCHE_STATE_DIR` > `state_dir` > `.rapproche`.
    fn state_dir(&self, flag: Option<PathBuf>) -> PathBuf {
        flag.or_else(|| self.env_path(env::STATE_DIR))
            .or_else(|| self.file.state_dir.clone())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_STATE_DIR))
    }
}

fn match_config(args: MatchArgs, sources: &Sources) -> Result<MatchConfig> {
    let file = sources.file;
    let defaults = MatchSettings::default();
    let verbosity = match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => match (file.quiet, file.verbose) {
            (Some(true), _) => Verbosity::Quiet,
            (_, Some(true)) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        },
    };
    let identities = if !args.identity.is_empty() {
        args.identity
    } else if let Some(path) = sources.env_path(env::IDENTITY) {
        vec![path]
    } else {
        file.identities.clone().unwrap_or_default()
    };
    // `-o` names the one import file: a folder from below does not apply.
    let output_dir = match (&args.output, args.output_dir) {
        (Some(_), _) => None,
        (None, Some(dir)) => Some(dir),
        (None, None) => sources
            .env_path(env::OUTPUT_DIR)
            .or_else(|| file.output_dir.clone()),
    };
    let accept = threshold("--accept", args.accept)?
        .or(sources.env_number(env::ACCEPT)?)
        .or(file.accept)
        .unwrap_or(defaults.accept);
    let margin = threshold("--margin", args.margin)?
        .or(sources.env_number(env::MARGIN)?)
        .or(file.margin)
        .unwrap_or(defaults.margin);
    Ok(MatchConfig {
        inputs: args.files,
        identities,
        population: args
            .population
            .as_deref()
            .map(parse_population)
            .transpose()?,
        uai: if args.uai.is_empty() {
            file.uai.clone().into_iter().collect()
        } else {
            args.uai
        },
        output: args.output,
        output_dir,
        ent_import: args.ent_import.or_else(|| file.ent_import.clone()),
        state_dir: sources.state_dir(args.state.state_dir),
        force: args.force || file.force == Some(true),
        settings: MatchSettings {
            accept,
            margin,
            review_floor: file.review_floor.unwrap_or(defaults.review_floor),
        },
        max_estimated_wrong: limit("--max-estimated-wrong", args.max_estimated_wrong)?
            .or(file.max_estimated_wrong),
        verbosity,
        json: args.json,
        remove_export: args.remove_export || file.remove_export == Some(true),
        labels: file.labels.clone(),
        profiles: file.profiles.clone(),
        decisions: decisions_path(args.decisions, sources),
        existing: match args.existing.as_deref() {
            None => file.existing.unwrap_or_default(),
            Some(name) => ExistingPolicy::from_name(name).ok_or_else(|| {
                Error::Usage(format!(
                    "politique inconnue « {name} » pour --existing.\nValeurs possibles : keep, verify, reset."
                ))
            })?,
        },
        read_only: args.read_only,
    })
}

/// A limit on a count: a finite number, zero or more.
fn limit(flag: &str, value: Option<f64>) -> Result<Option<f64>> {
    match threshold(flag, value)? {
        Some(v) if v < 0.0 => Err(Error::Usage(format!(
            "{flag} attend un nombre positif ou nul, pas « {v} »."
        ))),
        other => Ok(other),
    }
}

/// `--decisions` (or `RAPPROCHE_DECISIONS`), else the configuration file's
/// `decisions`, else the default file in the current directory.
fn decisions_path(arg: DecisionsArg, sources: &Sources) -> DecisionsPath {
    match arg.decisions.or_else(|| sources.file.decisions.clone()) {
        Some(path) => DecisionsPath {
            path,
            explicit: true,
        },
        None => DecisionsPath {
            path: PathBuf::from(decisions::DEFAULT_FILE),
            explicit: false,
        },
    }
}

fn ent_arg(text: &str) -> Result<crate::model::EntId> {
    decisions::ent_id(text).map_err(|reason| Error::Usage(format!("{reason}.")))
}

fn decide_config(
    pronote: &str,
    action: Action,
    args: DecideArgs,
    sources: &Sources,
) -> Result<DecideConfig> {
    let pronote =
        decisions::pronote_id(pronote).map_err(|reason| Error::Usage(format!("{reason}.")))?;
    let comment = args
        .comment
        .map(|c| c.replace(['\n', '\r'], " ").trim().to_string())
        .filter(|c| !c.is_empty());
    Ok(DecideConfig {
        decision: Decision {
            pronote,
            action,
            date: Some(decisions::today()),
            comment,
        },
        decisions: decisions_path(args.decisions, sources),
        state_dir: sources.state_dir(args.state.state_dir),
    })
}

fn review_config(args: ReviewArgs, sources: &Sources) -> Result<ReviewConfig> {
    Ok(ReviewConfig {
        state_dir: sources.state_dir(args.state.state_dir),
        decisions: decisions_path(args.decisions, sources),
        population: args
            .population
            .as_deref()
            .map(parse_population)
            .transpose()?,
    })
}

fn report_config(args: ReportArgs, sources: &Sources) -> Result<ReportConfig> {
    let format = if args.json {
        ReportFormat::Json
    } else {
        args.format
            .as_deref()
            .map(parse_format)
            .transpose()?
            .unwrap_or_default()
    };
    Ok(ReportConfig {
        state_dir: sources.state_dir(args.state.state_dir),
        filter: ReportFilter {
            unmatched: args.unmatched,
            population: args
                .population
                .as_deref()
                .map(parse_population)
                .transpose()?,
            status: args.status.as_deref().map(parse_status).transpose()?,
            stale_ids: args.stale_ids,
        },
        format,
        output: args.output,
        force: args.force,
    })
}

fn explain_config(args: ExplainArgs, sources: &Sources) -> ExplainConfig {
    ExplainConfig {
        state_dir: sources.state_dir(args.state.state_dir),
        id: args.id.trim().to_string(),
    }
}

fn keygen_config(args: KeygenArgs) -> KeygenConfig {
    KeygenConfig {
        output: args.output,
        force: args.force,
    }
}

fn diff_config(args: DiffArgs) -> Result<DiffConfig> {
    let format = args
        .format
        .as_deref()
        .map(parse_format)
        .transpose()?
        .unwrap_or_default();
    if format == ReportFormat::Html {
        return Err(Error::Usage(
            "« rapproche diff » n'écrit pas de page HTML.\nValeurs possibles : table, csv, json."
                .to_string(),
        ));
    }
    Ok(DiffConfig {
        old: args.old,
        new: args.new,
        format,
    })
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
pub const STATUS_NAMES: [(&str, Status); 7] = [
    ("exact", Status::Exact),
    ("approche", Status::Fuzzy),
    ("decision", Status::Manual),
    ("existant", Status::Kept),
    ("a-verifier", Status::Review),
    ("non-rapproche", Status::Unmatched),
    ("sans-compte", Status::Excluded),
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
            "statut inconnu « {name} ».\nValeurs possibles : exact, approche, decision, existant, a-verifier, non-rapproche, sans-compte."
        ))
    })
}

/// Parses `--format`.
pub fn parse_format(name: &str) -> Result<ReportFormat> {
    match fold(name).as_str() {
        "table" => Ok(ReportFormat::Table),
        "csv" => Ok(ReportFormat::Csv),
        "json" => Ok(ReportFormat::Json),
        "html" => Ok(ReportFormat::Html),
        _ => Err(Error::Usage(format!(
            "format inconnu « {name} ».\nValeurs possibles : table, csv, json, html."
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
        resolve_with(argv, &[])
    }

    /// Resolves with `vars` as the whole environment.
    fn resolve_with(argv: &[&str], vars: &[(&str, &str)]) -> Result<Config> {
        let mut full = vec!["rapproche"];
        full.extend_from_slice(argv);
        let env = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        };
        match Cli::try_parse_from(full) {
            Ok(cli) => Config::resolve(cli, &env),
            Err(e) => Err(Error::Usage(e.to_string())),
        }
    }

    fn match_with(argv: &[&str], vars: &[(&str, &str)]) -> MatchConfig {
        match resolve_with(argv, vars) {
            Ok(Config::Match(config)) => config,
            other => panic!("{argv:?}: {other:?}"),
        }
    }

    /// Each setting from each source, the higher one winning: flag >
    /// variable > file > default.
    #[test]
    fn precedence_flag_env_file_default() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        std::fs::write(
            &file,
            "accept = 5\nmargin = 6\nreview_floor = -3\nstate_dir = \"etat-fichier\"\n\
             identity = [\"f.key\"]\noutput_dir = \"sorties\"\nquiet = true\n",
        )
        .unwrap();
        let conf = file.to_str().unwrap();
        let in_dir = |name: &str| dir.path().join(name);
        let defaults = MatchSettings::default();

        let none = match_with(&["match"], &[]);
        assert_eq!(none.settings, defaults);
        assert_eq!(none.state_dir, PathBuf::from(".rapproche"));
        assert_eq!(none.verbosity, Verbosity::Normal);
        assert!(none.identities.is_empty());

        let from_file = match_with(&["match", "--config", conf], &[]);
        assert_eq!(from_file.settings.accept, 5.0);
        assert_eq!(from_file.settings.margin, 6.0);
        assert_eq!(from_file.settings.review_floor, -3.0);
        assert_eq!(from_file.state_dir, in_dir("etat-fichier"));
        assert_eq!(from_file.identities, [in_dir("f.key")]);
        assert_eq!(from_file.output_dir, Some(in_dir("sorties")));
        assert_eq!(from_file.verbosity, Verbosity::Quiet);

        let vars = [
            (env::CONFIG, conf),
            (env::ACCEPT, "7.5"),
            (env::MARGIN, "8"),
            (env::STATE_DIR, "etat-env"),
            (env::IDENTITY, "e.key"),
            (env::OUTPUT_DIR, "sorties-env"),
        ];
        let from_env = match_with(&["match"], &vars);
        assert_eq!(from_env.settings.accept, 7.5);
        assert_eq!(from_env.settings.margin, 8.0);
        assert_eq!(from_env.settings.review_floor, -3.0, "file still below env");
        assert_eq!(from_env.state_dir, PathBuf::from("etat-env"));
        assert_eq!(from_env.identities, [PathBuf::from("e.key")]);
        assert_eq!(from_env.output_dir, Some(PathBuf::from("sorties-env")));

        let argv = [
            "match",
            "--accept",
            "9",
            "--margin",
            "10",
            "--state-dir",
            "etat-option",
            "-i",
            "o.key",
            "--output-dir",
            "sorties-option",
            "-v",
        ];
        let from_flags = match_with(&argv, &vars);
        assert_eq!(from_flags.settings.accept, 9.0);
        assert_eq!(from_flags.settings.margin, 10.0);
        assert_eq!(from_flags.state_dir, PathBuf::from("etat-option"));
        assert_eq!(from_flags.identities, [PathBuf::from("o.key")]);
        assert_eq!(from_flags.output_dir, Some(PathBuf::from("sorties-option")));
        assert_eq!(from_flags.verbosity, Verbosity::Verbose);

        // `-o` names the one import file: no folder from below applies.
        let one_file = match_with(&["match", "-o", "x.csv"], &vars);
        assert_eq!(one_file.output_dir, None);

        // report and explain read the state directory the same way.
        let Ok(Config::Report(report)) = resolve_with(&["report"], &[(env::CONFIG, conf)]) else {
            panic!("not a report config")
        };
        assert_eq!(report.state_dir, in_dir("etat-fichier"));
        let Ok(Config::Explain(explain)) = resolve_with(&["explain", "X"], &vars) else {
            panic!("not an explain config")
        };
        assert_eq!(explain.state_dir, PathBuf::from("etat-env"));
    }

    #[test]
    fn configuration_errors() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "accept = \"x\"\n").unwrap();
        let missing = dir.path().join("absent.toml");
        type Case<'a> = (&'a str, Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);
        let cases: [Case; 4] = [
            (
                "bad file by option",
                vec!["report", "--config", bad.to_str().unwrap()],
                vec![],
                "ligne 1, clé « accept »",
            ),
            (
                "missing file by variable",
                vec!["report"],
                vec![(env::CONFIG, missing.to_str().unwrap())],
                "fichier ou dossier introuvable",
            ),
            (
                "bad number in variable",
                vec!["match"],
                vec![(env::ACCEPT, "3,5")],
                "la variable RAPPROCHE_ACCEPT attend un nombre",
            ),
            (
                "json and format",
                vec!["report", "--json", "--format", "csv"],
                vec![],
                "cannot be used with",
            ),
        ];
        for (name, argv, vars, expected) in cases {
            match resolve_with(&argv, &vars) {
                Err(e) => {
                    assert!(e.to_string().contains(expected), "{name}: {e}");
                    assert_eq!(e.exit_status().code(), 2, "{name}");
                }
                Ok(other) => panic!("{name}: {other:?}"),
            }
        }
        // keygen and diff do not read the configuration file.
        let argv = ["keygen", "--config", bad.to_str().unwrap()];
        assert!(matches!(resolve_with(&argv, &[]), Ok(Config::Keygen(_))));
        let argv = ["diff", "a", "b", "--config", bad.to_str().unwrap()];
        assert!(matches!(resolve_with(&argv, &[]), Ok(Config::Diff(_))));
    }

    #[test]
    fn report_json_flag_and_diff() {
        let Ok(Config::Report(report)) = resolve(&["report", "--json"]) else {
            panic!("not a report config")
        };
        assert_eq!(report.format, ReportFormat::Json);
        let Ok(Config::Diff(diff)) = resolve(&["diff", "a", "b", "--format", "csv"]) else {
            panic!("not a diff config")
        };
        assert_eq!(
            diff,
            DiffConfig {
                old: "a".into(),
                new: "b".into(),
                format: ReportFormat::Csv
            }
        );
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
            "match",
            "-i",
            "a.key",
            "-i",
            "b.key",
            "-p",
            "eleves",
            "--accept",
            "10.5",
            "--max-estimated-wrong",
            "2",
            "-q",
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
        assert_eq!(config.max_estimated_wrong, Some(2.0));
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
                status: None,
                stale_ids: false,
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
        let cases: [&[&str]; 6] = [
            &["report", "--population", "parents"],
            &["report", "--status", "ok"],
            &["report", "--format", "xlsx"],
            &["match", "--accept", "NaN"],
            &["match", "--max-estimated-wrong", "-1"],
            &["match", "--max-estimated-wrong", "inf"],
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
