//! The command line as the user types it: clap derive structs with the
//! French help (doc comments), the examples shown after each subcommand's
//! help, and the French wording of clap's own usage errors.
//!
//! Nothing here is used by the pipeline: `config` resolves these structs once
//! into plain configurations (ripgrep's LowArgs → HiArgs).

use crate::engine::MatchSettings;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};
use std::path::PathBuf;

/// Help layout with French headings (clap's own template says "Usage:").
const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Utilisation : {usage}

{all-args}{after-help}";

const LONG_ABOUT: &str = "\
Rapproche les comptes de l'ENT des utilisateurs de Pronote, en local.

L'ENT fournit un export XML de ses comptes, chiffré avec age ; Pronote fournit ses \
listes d'utilisateurs (élèves, responsables, professeurs, personnels, inspecteurs) en CSV. \
« rapproche match » lit les deux, relie chaque utilisateur Pronote à son compte ENT \
(d'abord sur les nom, prénom, date de naissance ou code postal identiques, puis par \
comparaison approchée), écrit un fichier d'import pour Pronote avec la colonne \
« Identifiant ENT » remplie, et garde le résultat pour « rapproche report » et \
« rapproche explain ». Rien n'est envoyé nulle part : tout se passe sur ce poste.";

const MAIN_AFTER_HELP: &str = "\
Exemple :
  rapproche keygen -o cle-etablissement.txt
  rapproche match -i cle-etablissement.txt export.xml.age eleves.csv responsables.csv
  rapproche report --unmatched --population eleves
  rapproche review
  rapproche match -i cle-etablissement.txt export.xml.age eleves.csv responsables.csv --force

Aide d'une commande : rapproche <COMMANDE> --help";

/// Rapprochement des comptes ENT et des utilisateurs Pronote.
#[derive(Debug, Parser)]
#[command(
    name = "rapproche",
    version,
    about = "Rapprochement des comptes ENT et des utilisateurs Pronote, en local.",
    long_about = LONG_ABOUT,
    after_help = MAIN_AFTER_HELP,
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Commandes",
    subcommand_value_name = "COMMANDE",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    propagate_version = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalFlags,

    #[command(subcommand)]
    pub command: Command,
}

/// `-h` and `-V` with French help; clap's built-in ones say "Print help";
/// `--config`, accepted before or after the subcommand.
#[derive(Debug, Args)]
pub struct GlobalFlags {
    /// Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon
    /// ./rapproche.toml s'il existe).
    #[arg(long = "config", value_name = "FICHIER", global = true)]
    pub config: Option<PathBuf>,

    /// Affiche l'aide (-h : résumé, --help : détaillée).
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// Affiche la version.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(name = "match")]
    Match(MatchArgs),
    Report(ReportArgs),
    Explain(ExplainArgs),
    #[command(alias = "lier")]
    Link(LinkArgs),
    #[command(alias = "delier")]
    Unlink(UnlinkArgs),
    #[command(alias = "refuser")]
    Reject(RejectArgs),
    Review(ReviewArgs),
    Diff(DiffArgs),
    Keygen(KeygenArgs),
}

/// Rapproche un export ENT et des listes Pronote, et écrit le fichier d'import Pronote.
///
/// Les fichiers sont donnés dans n'importe quel ordre : les exports ENT (XML chiffré
/// avec age, *.xml.age, ou XML en clair) et les listes Pronote (CSV) sont reconnus à
/// leur contenu. Pour chaque liste, un fichier d'import est écrit à côté d'elle
/// (<nom>.rapproche.csv), avec la colonne « Identifiant ENT » remplie pour chaque
/// utilisateur rapproché ; la liste d'origine n'est jamais modifiée. Le résultat
/// (statuts, scores, raisons) est gardé dans le dossier d'état pour « rapproche report »
/// et « rapproche explain ».
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche match export.xml.age users.csv
  rapproche match -i cle.txt export.xml.age eleves.csv responsables.csv --output-dir import/"
)]
pub struct MatchArgs {
    /// Exports ENT (*.xml.age, *.xml) et listes Pronote (*.csv), dans n'importe quel ordre.
    #[arg(value_name = "FICHIERS")]
    pub files: Vec<PathBuf>,

    /// Fichier d'identité age (AGE-SECRET-KEY-1...) qui ouvre l'export ; répétable.
    /// Aussi lu dans la variable RAPPROCHE_IDENTITY.
    #[arg(short = 'i', long = "identity", value_name = "FICHIER")]
    pub identity: Vec<PathBuf>,

    /// Population des listes sans colonne Population : eleves, responsables,
    /// professeurs, personnels ou inspecteurs.
    #[arg(short = 'p', long = "population", value_name = "POPULATION")]
    pub population: Option<String>,

    /// Établissement (UAI, ex. 0130001A) des listes Pronote, quand l'export ENT en
    /// couvre plusieurs ; répétable. Sans --uai, l'établissement de chaque liste est
    /// déduit des comptes que ses utilisateurs rapprochent exactement. Un utilisateur
    /// n'est jamais rapproché d'un compte d'un autre établissement.
    #[arg(long = "uai", value_name = "UAI")]
    pub uai: Vec<String>,

    /// Fichier d'import Pronote à écrire, quand une seule liste est donnée
    /// (par défaut : <liste>.rapproche.csv à côté de la liste).
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,

    /// Dossier où écrire les fichiers d'import, quand plusieurs listes sont données
    /// (<liste>.rapproche.csv ; des listes de même nom venues de dossiers différents,
    /// un par établissement, y sont préfixées du nom de leur dossier :
    /// 0130001A-eleves.rapproche.csv).
    #[arg(long = "output-dir", value_name = "DOSSIER", conflicts_with = "output")]
    pub output_dir: Option<PathBuf>,

    /// Écrit aussi le fichier d'import pour l'ENT (Identifiant ENT;Identifiant PRONOTE-ENT).
    #[arg(long = "ent-import", value_name = "FICHIER")]
    pub ent_import: Option<PathBuf>,

    #[command(flatten)]
    pub state: StateDirArg,

    #[command(flatten)]
    pub decisions: DecisionsArg,

    /// Que faire des identifiants déjà présents dans les listes (colonnes Identifiant
    /// ENT et Identifiant CAS) : keep (gardés s'ils désignent un compte de l'export,
    /// sans conflit), verify (par défaut : gardés seulement si le rapprochement les
    /// confirme, sinon l'utilisateur est à vérifier) ou reset (tous effacés : la
    /// réinitialisation de chaque rentrée).
    #[arg(long = "existing", value_name = "POLITIQUE")]
    pub existing: Option<String>,

    /// Remplace les fichiers de sortie qui existent déjà.
    #[arg(long = "force")]
    pub force: bool,

    #[arg(long = "accept", value_name = "SCORE", help = accept_help())]
    pub accept: Option<f64>,

    #[arg(long = "margin", value_name = "SCORE", help = margin_help())]
    pub margin: Option<f64>,

    /// Nombre estimé de liens faux au-delà duquel la commande se termine avec
    /// le code 1 (reste à vérifier), pour les traitements automatiques.
    #[arg(long = "max-estimated-wrong", value_name = "N")]
    pub max_estimated_wrong: Option<f64>,

    /// N'affiche que les erreurs.
    #[arg(short = 'q', long = "quiet", conflicts_with = "verbose")]
    pub quiet: bool,

    /// Affiche le détail du traitement (fichiers lus, comptes par population).
    #[arg(short = 'v', long = "verbose")]
    pub verbose: bool,

    /// Affiche le bilan en JSON sur la sortie standard (pour les scripts),
    /// au lieu du tableau.
    #[arg(long = "json")]
    pub json: bool,

    /// Supprime le ou les exports ENT donnés, une fois tous les fichiers écrits
    /// (jamais en cas d'erreur).
    #[arg(long = "remove-export")]
    pub remove_export: bool,
    /// Déchiffre et lit les fichiers, puis s'arrête : ne rapproche rien et
    /// n'écrit rien. Mesure le coût plancher de la lecture (README,
    /// « Performances »).
    #[arg(long = "lecture-seule", hide = true)]
    pub read_only: bool,
}

// The defaults come from the engine so that the help never drifts from them.
fn accept_help() -> String {
    format!(
        "Score minimal pour un rapprochement approché (par défaut : {})",
        french_number(MatchSettings::default().accept)
    )
}

fn margin_help() -> String {
    format!(
        "Écart minimal entre le meilleur candidat et le suivant (par défaut : {})",
        french_number(MatchSettings::default().margin)
    )
}

/// A number with the French decimal comma (`12`, `3,5`).
fn french_number(value: f64) -> String {
    value.to_string().replace('.', ",")
}

/// `--state-dir`, shared by `match`, `report`, `explain`, `review` and the
/// decision commands.
#[derive(Debug, Args)]
pub struct StateDirArg {
    /// Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche).
    #[arg(long = "state-dir", value_name = "DOSSIER")]
    pub state_dir: Option<PathBuf>,
}

/// `--decisions`, shared by `match`, `link`, `unlink`, `reject` and `review`.
#[derive(Debug, Args)]
pub struct DecisionsArg {
    /// Fichier des décisions manuelles, gardé d'une année sur l'autre (par défaut :
    /// rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable
    /// RAPPROCHE_DECISIONS.
    #[arg(
        long = "decisions",
        value_name = "FICHIER",
        env = "RAPPROCHE_DECISIONS",
        hide_env = true
    )]
    pub decisions: Option<PathBuf>,
}

/// Décide de toujours rapprocher un utilisateur Pronote et un compte ENT.
///
/// Enregistre « lier PRONOTE_ID ENT_ID » dans le fichier des décisions. Au prochain
/// « rapproche match », ce lien est fait avant tout le reste, quels que soient les
/// scores, et l'utilisateur et le compte sortent du rapprochement automatique. Une
/// décision plus récente sur le même utilisateur (lier, delier) ou sur le même compte
/// ENT (lier) remplace l'ancienne, et le refus du même couple est retiré. Le fichier ne
/// contient que des identifiants, aucun nom. En français : « rapproche lier ».
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche link ABCDEFHJKMNPQRST b7c1e0f2-3a1d-4c55-9f0e-1d2c3b4a5e6f
  rapproche match export.xml.age eleves.csv"
)]
pub struct LinkArgs {
    /// Identifiant PRONOTE-ENT de l'utilisateur (16 caractères).
    #[arg(value_name = "PRONOTE_ID")]
    pub pronote_id: String,

    /// Identifiant ENT du compte (identifier/id de l'export).
    #[arg(value_name = "ENT_ID")]
    pub ent_id: String,

    #[command(flatten)]
    pub common: DecideArgs,
}

/// Décide qu'un utilisateur Pronote ne doit être rapproché d'aucun compte ENT.
///
/// Enregistre « delier PRONOTE_ID » dans le fichier des décisions : l'utilisateur n'a
/// pas de compte ENT (un responsable sans accès, un personnel qui n'utilise pas l'ENT),
/// ou son lien était faux. Au prochain « rapproche match », il n'est pas rapproché, son
/// Identifiant ENT et son Identifiant CAS sont effacés dans le fichier d'import, et il
/// n'est plus compté « à vérifier ». Cette décision remplace un « lier » du même
/// utilisateur. En français : « rapproche delier ».
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche unlink ABCDEFHJKMNPQRST --comment \"pas de compte ENT\""
)]
pub struct UnlinkArgs {
    /// Identifiant PRONOTE-ENT de l'utilisateur (16 caractères).
    #[arg(value_name = "PRONOTE_ID")]
    pub pronote_id: String,

    #[command(flatten)]
    pub common: DecideArgs,
}

/// Décide de ne jamais rapprocher un utilisateur Pronote et un compte ENT.
///
/// Enregistre « refuser PRONOTE_ID ENT_ID » dans le fichier des décisions (des
/// homonymes, par exemple). Au prochain « rapproche match », ce couple n'est même pas
/// comparé : le compte refusé ne fait plus concurrence aux autres candidats de
/// l'utilisateur, qui peut alors être rapproché d'un autre compte s'il est assez sûr.
/// Cette décision retire un « lier » du même couple. En français : « rapproche refuser ».
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche reject ABCDEFHJKMNPQRST 2605692"
)]
pub struct RejectArgs {
    /// Identifiant PRONOTE-ENT de l'utilisateur (16 caractères).
    #[arg(value_name = "PRONOTE_ID")]
    pub pronote_id: String,

    /// Identifiant ENT du compte refusé.
    #[arg(value_name = "ENT_ID")]
    pub ent_id: String,

    #[command(flatten)]
    pub common: DecideArgs,
}

/// Options shared by `link`, `unlink` and `reject`.
#[derive(Debug, Args)]
pub struct DecideArgs {
    /// Commentaire gardé sur la ligne de la décision (sans nom : le fichier n'en contient
    /// aucun).
    #[arg(short = 'm', long = "comment", value_name = "TEXTE")]
    pub comment: Option<String>,

    #[command(flatten)]
    pub decisions: DecisionsArg,

    #[command(flatten)]
    pub state: StateDirArg,
}

/// Passe en revue les utilisateurs à vérifier et non rapprochés, et enregistre vos décisions.
///
/// Pour chaque utilisateur Pronote à vérifier ou non rapproché du dernier
/// rapprochement, montre ce que Pronote en sait, puis les comptes ENT candidats avec
/// leur score et leurs raisons, comme « rapproche explain ». Réponses : o (ou Entrée)
/// accepte le premier candidat, un numéro choisit un autre candidat, r refuse le
/// premier candidat (rN refuse le candidat N), n marque l'utilisateur « pas de compte
/// ENT », s passe au suivant, q arrête. Chaque réponse est enregistrée aussitôt dans
/// le fichier des décisions : arrêter ne perd rien. Relancez ensuite « rapproche
/// match » pour appliquer les décisions. Demande un terminal.
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche review --population eleves
  rapproche match export.xml.age eleves.csv --force"
)]
pub struct ReviewArgs {
    /// Ne passe en revue qu'une population : eleves, responsables, professeurs,
    /// personnels ou inspecteurs.
    #[arg(short = 'p', long = "population", value_name = "POPULATION")]
    pub population: Option<String>,

    #[command(flatten)]
    pub decisions: DecisionsArg,

    #[command(flatten)]
    pub state: StateDirArg,
}

/// Affiche le bilan du dernier rapprochement, ou la liste des comptes choisis.
///
/// Sans filtre, affiche le bilan par population. Avec --unmatched, --status ou
/// --population, affiche la liste des comptes retenus, comme le tableau de supervision
/// de Pronote, avec pour les comptes à vérifier ou non rapprochés les candidats les
/// plus proches. Les formats csv et json donnent toujours la liste (filtrée s'il y a
/// des filtres) ; le json donne aussi le bilan. Le format html donne une page de
/// supervision à ouvrir dans un navigateur ou à imprimer : le bilan en graphiques par
/// population, puis les comptes à traiter (à vérifier ou non rapprochés ; avec --status,
/// ceux de ce statut), filtrables et triables.
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche report
  rapproche report --unmatched --population eleves
  rapproche report --status a-verifier --format csv -o a-verifier.csv
  rapproche report --format html -o supervision.html"
)]
pub struct ReportArgs {
    /// Ne montre que les comptes non rapprochés ou à vérifier, côté Pronote et côté ENT.
    #[arg(long = "unmatched")]
    pub unmatched: bool,

    /// Ne montre qu'une population : eleves, responsables, professeurs, personnels ou
    /// inspecteurs.
    #[arg(short = 'p', long = "population", value_name = "POPULATION")]
    pub population: Option<String>,

    /// Ne montre qu'un statut : exact, approche, decision, existant, a-verifier,
    /// non-rapproche ou sans-compte.
    #[arg(long = "status", value_name = "STATUT")]
    pub status: Option<String>,

    /// Ne montre que les utilisateurs dont l'identifiant déjà présent dans Pronote
    /// (Identifiant ENT ou Identifiant CAS) est périmé, en conflit ou non confirmé.
    #[arg(long = "stale-ids")]
    pub stale_ids: bool,

    /// Format de sortie : table (par défaut), csv, json ou html (page de supervision à
    /// ouvrir dans un navigateur).
    #[arg(long = "format", value_name = "FORMAT")]
    pub format: Option<String>,

    /// Comme --format json.
    #[arg(long = "json", conflicts_with = "format")]
    pub json: bool,

    /// Écrit le rapport dans ce fichier au lieu de l'afficher.
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,

    /// Remplace le fichier de sortie s'il existe déjà.
    #[arg(long = "force")]
    pub force: bool,

    #[command(flatten)]
    pub state: StateDirArg,
}

/// Explique le rapprochement d'un utilisateur Pronote ou d'un compte ENT.
///
/// Montre ce que le dernier rapprochement sait de l'utilisateur ou du compte, son
/// statut, puis chaque candidat : la comparaison de chaque champ et son poids, le score
/// total et la raison de la décision (rapproché, laissé à vérifier ou écarté).
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche explain ABCDEFHJKMNPQRST
  rapproche explain b7c1e0f2-3a1d-4c55-9f0e-1d2c3b4a5e6f"
)]
pub struct ExplainArgs {
    /// Identifiant PRONOTE-ENT d'un utilisateur, ou identifiant ENT d'un compte.
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub state: StateDirArg,
}

/// Crée la clé de l'établissement (identité age) pour recevoir l'export ENT chiffré.
///
/// Écrit l'identité (AGE-SECRET-KEY-1...) dans un fichier lisible par vous seul, et
/// affiche la clé publique (age1...) à transmettre à l'ENT pour qu'il chiffre ses
/// exports pour vous. Gardez le fichier d'identité en lieu sûr : sans lui, les exports
/// ne peuvent pas être ouverts.
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche keygen -o cle-etablissement.txt"
)]
pub struct KeygenArgs {
    /// Fichier où écrire l'identité (par défaut : affichée sur la sortie standard).
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,

    /// Remplace le fichier s'il existe déjà.
    #[arg(long = "force")]
    pub force: bool,
}

/// Compare les résultats de deux rapprochements (par exemple d'une année à l'autre).
///
/// ANCIEN et NOUVEAU sont des dossiers d'état (--state-dir de chaque passage) ou des
/// fichiers resultat.json. Pour chaque utilisateur Pronote (reconnu à son identifiant
/// PRONOTE-ENT, ou à défaut à sa population, son nom, son prénom et sa date de
/// naissance), montre les liens nouveaux, les liens perdus, les identifiants ENT qui ont
/// changé et les changements de statut. Code de retour : 0 sans différence, 1 s'il y en a,
/// comme diff.
#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    after_help = "\
Exemple :
  rapproche diff annee-2025/.rapproche .rapproche
  rapproche diff ancien/resultat.json nouveau/resultat.json --format csv"
)]
pub struct DiffArgs {
    /// Résultat ancien : dossier d'état ou fichier resultat.json.
    #[arg(value_name = "ANCIEN")]
    pub old: PathBuf,

    /// Résultat nouveau : dossier d'état ou fichier resultat.json.
    #[arg(value_name = "NOUVEAU")]
    pub new: PathBuf,

    /// Format de sortie : table (par défaut), csv ou json.
    #[arg(long = "format", value_name = "FORMAT")]
    pub format: Option<String>,
}

/// The French message for a clap usage error, without the leading
/// `rapproche : erreur : `; `None` for help and version output, which clap
/// prints itself.
pub fn french_parse_error(error: &clap::Error) -> Option<String> {
    let arg = || context_string(error, ContextKind::InvalidArg);
    let value = || context_string(error, ContextKind::InvalidValue);
    let message = match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument => format!("argument inattendu « {} ».", arg()),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} ».\nCommandes : match, report, explain, link, unlink, reject, review, diff, keygen.",
            context_string(error, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire absent : {}.", arg()),
        ErrorKind::MissingSubcommand => {
            "commande absente.\nCommandes : match, report, explain, link, unlink, reject, review, diff, keygen.".to_string()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("valeur invalide « {} » pour {}.", value(), arg())
        }
        ErrorKind::ArgumentConflict => format!(
            "{} ne peut pas être utilisé avec {}.",
            arg(),
            context_string(error, ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => {
            format!("{} ne peut être donné qu'une fois.", arg())
        }
        _ => {
            // Rare kinds: keep clap's own (English) first line.
            let rendered = error.to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.trim_start_matches("error: ").to_string()
        }
    };
    Some(format!(
        "{message}\nPour l'aide : rapproche --help, ou rapproche <COMMANDE> --help."
    ))
}

fn context_string(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::from("?"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn usage_errors_in_french() {
        let cases: [(&str, &[&str], &str); 5] = [
            (
                "unknown flag",
                &["rapproche", "report", "--bogus"],
                "argument inattendu « --bogus ».",
            ),
            (
                "unknown command",
                &["rapproche", "frobnicate"],
                "commande inconnue « frobnicate ».",
            ),
            (
                "missing id",
                &["rapproche", "explain"],
                "argument obligatoire absent : <ID>.",
            ),
            (
                "bad number",
                &["rapproche", "match", "--accept", "douze"],
                "valeur invalide « douze » pour --accept <SCORE>.",
            ),
            (
                "conflict",
                &["rapproche", "match", "-q", "-v"],
                "--quiet ne peut pas être utilisé avec --verbose.",
            ),
        ];
        for (name, argv, expected) in cases {
            let error = match Cli::try_parse_from(argv) {
                Err(e) => e,
                Ok(_) => panic!("{name}: parsed"),
            };
            let message = french_parse_error(&error).unwrap_or_default();
            assert_eq!(message.lines().next(), Some(expected), "{name}");
            assert_eq!(error.exit_code(), 2, "{name}");
        }
    }

    #[test]
    fn help_and_version_are_not_errors() {
        for argv in [["rapproche", "--help"], ["rapproche", "--version"]] {
            let error = Cli::try_parse_from(argv).err();
            assert!(
                error.is_some_and(|e| french_parse_error(&e).is_none()),
                "{argv:?}"
            );
        }
    }

    #[test]
    fn thresholds_help_shows_engine_defaults() {
        let accept = french_number(MatchSettings::default().accept);
        assert!(
            accept_help().ends_with(&format!("(par défaut : {accept})")),
            "{}",
            accept_help()
        );
        let margin = french_number(MatchSettings::default().margin);
        assert!(
            margin_help().ends_with(&format!("(par défaut : {margin})")),
            "{}",
            margin_help()
        );
        assert_eq!(french_number(3.5), "3,5");
    }
}
