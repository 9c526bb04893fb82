//! The tool's errors: one variant per situation the user can be in, with a
//! French message naming the file, line or record, and often a second line
//! saying what to do. Library errors (age, quick-xml, csv) are translated
//! into these variants where they are raised. `Error::exit_code` is the one
//! place that maps errors to exit codes (documented in the man page).

use std::path::PathBuf;

/// Exit codes, documented in `rapproche(1)`, "CODE DE RETOUR".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything linked, nothing left to review.
    Success = 0,
    /// The run completed; some accounts are left to review or unmatched.
    LeftToReview = 1,
    /// The command line is wrong (or asks for something unsafe).
    Usage = 2,
    /// An input file cannot be used.
    Input = 3,
    /// An output could not be written.
    Output = 4,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error the tool reports to the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // ---- usage ----
    #[error("{0}")]
    Usage(String),

    #[error(
        "« {path} » existe déjà.\nUtilisez --force pour le remplacer, ou -o pour choisir un autre nom."
    )]
    OutputExists { path: PathBuf },

    #[error(
        "« {path} » est à la fois un fichier d'entrée et une sortie demandée.\nLes fichiers d'entrée ne sont jamais modifiés : donnez un autre nom à la sortie."
    )]
    SameInputAndOutput { path: PathBuf },

    #[error(
        "aucun export ENT parmi les fichiers donnés.\nDonnez le fichier exporté par l'ENT (*.xml.age ou *.xml)."
    )]
    NoExport,

    #[error(
        "aucune liste Pronote parmi les fichiers donnés.\nDonnez au moins un fichier CSV copié ou exporté depuis le client Pronote."
    )]
    NoPronoteList,

    #[error(
        "population inconnue « {value} ».\nValeurs possibles : eleves, responsables, professeurs, personnels, inspecteurs."
    )]
    UnknownPopulationName { value: String },

    #[error(
        "aucun résultat de rapprochement dans « {dir} ».\nLancez d'abord « rapproche match », ou indiquez le bon dossier avec --state-dir."
    )]
    NoState { dir: PathBuf },

    #[error("aucun compte ne porte l'identifiant « {id} » dans le dernier résultat.")]
    UnknownId { id: String },

    #[error(
        "fichier de configuration « {path} », ligne {line}, colonne {column} : syntaxe TOML invalide.\nVérifiez les guillemets, les signes = et les [sections] ; voir rapproche(1), FICHIER DE CONFIGURATION."
    )]
    ConfigSyntax {
        path: PathBuf,
        line: u64,
        column: u64,
    },

    #[error("fichier de configuration « {path} », ligne {line}, clé « {key} » : {reason}")]
    BadConfig {
        path: PathBuf,
        line: u64,
        key: String,
        reason: String,
    },

    #[error("impossible de lire le fichier de configuration « {path} » : {reason}")]
    ConfigUnreadable { path: PathBuf, reason: String },

    #[error(
        "l'établissement {uai} (--uai) n'est pas dans l'export ENT.\nÉtablissements présents (ENTPersonStructRattach) : {present}."
    )]
    UnknownEstablishment { uai: String, present: String },

    #[error(
        "impossible de savoir à quel établissement appartient la liste « {path} » : {detail}.\nPrécisez-le avec --uai (établissements de l'export : {present}) ;\npour une base Pronote qui couvre plusieurs établissements (cité scolaire), répétez --uai."
    )]
    AmbiguousEstablishment {
        path: PathBuf,
        detail: String,
        present: String,
    },

    // ---- input ----
    #[error("impossible de lire « {path} » : {reason}")]
    Unreadable { path: PathBuf, reason: String },

    #[error("« {path} » n'est ni un export ENT (XML, chiffré ou non) ni une liste Pronote (CSV).")]
    UnrecognizedInput { path: PathBuf },

    #[error(
        "« {path} » a été chiffré pour une autre clé : aucune des identités données ne peut l'ouvrir.\nVérifiez la clé (-i ou RAPPROCHE_IDENTITY) : l'ENT doit chiffrer pour la clé publique de l'établissement."
    )]
    WrongKey { path: PathBuf },

    #[error(
        "« {path} » est chiffré pour une clé, mais aucune identité n'a été donnée.\nIndiquez le fichier de clé avec -i FICHIER ou la variable RAPPROCHE_IDENTITY."
    )]
    NoIdentity { path: PathBuf },

    #[error(
        "« {path} » est protégé par une phrase secrète, et aucun terminal n'est disponible pour la demander.\nLancez la commande dans un terminal."
    )]
    PassphraseWithoutTerminal { path: PathBuf },

    #[error("la phrase secrète ne permet pas d'ouvrir « {path} ».")]
    WrongPassphrase { path: PathBuf },

    #[error("le fichier d'identité « {path} » n'est pas valable : {reason}")]
    BadIdentity { path: PathBuf, reason: String },

    #[error(
        "« {path} » est tronqué ou a été modifié après chiffrement : {reason}.\nRien n'a été écrit. Demandez un nouvel export à l'ENT."
    )]
    DamagedExport { path: PathBuf, reason: String },

    #[error("« {path} » n'est pas un fichier age valable : {reason}")]
    UndecryptableExport { path: PathBuf, reason: String },

    #[error("XML invalide dans « {path} », ligne {line}, colonne {column} : {reason}")]
    MalformedXml {
        path: PathBuf,
        line: u64,
        column: u64,
        reason: String,
    },

    #[error(
        "« {path} » déclare des entités XML (<!ENTITY>) : refusé par sécurité.\nDemandez à l'ENT un export sans déclaration d'entités."
    )]
    XmlEntities { path: PathBuf },

    #[error("« {path} » ne contient aucun compte (aucun élément addRequest).")]
    NoRecords { path: PathBuf },

    #[error("« {path} », compte n° {record} (ligne {line}) : {reason}")]
    BadRecord {
        path: PathBuf,
        record: usize,
        line: u64,
        reason: String,
    },

    #[error(
        "« {path} » : colonnes obligatoires absentes : {missing}.\nColonnes trouvées : {found}.\nColonnes attendues : Nom, Prénom (ou Prénoms), et selon la population Né(e) le, Code postal, Classe."
    )]
    MissingColumn {
        path: PathBuf,
        missing: String,
        found: String,
    },

    #[error(
        "« {path} » : la première ligne n'est pas une ligne de titres (aucune colonne reconnue).\nLa liste doit commencer par ses titres de colonnes (Nom, Prénom, Né(e) le...) : exportez-la de Pronote avec les en-têtes."
    )]
    NoHeader { path: PathBuf },

    #[error(
        "« {path} », ligne {line} : population inconnue « {value} ».\nValeurs reconnues : Élève, Responsable, Professeur, Personnel, Inspecteur."
    )]
    UnknownPopulationValue {
        path: PathBuf,
        line: u64,
        value: String,
    },

    #[error(
        "« {path} » : impossible de savoir de quelle population il s'agit.\nAjoutez une colonne Population, ou précisez --population (eleves, responsables, professeurs, personnels, inspecteurs)."
    )]
    UnknownPopulation { path: PathBuf },

    #[error(
        "« {path} » : encodage illisible ({reason}).\nEnregistrez la liste en UTF-8, Windows-1252 (ANSI) ou UTF-16 (texte Unicode)."
    )]
    UnreadableEncoding { path: PathBuf, reason: String },

    #[error("« {path} », ligne {line} : CSV invalide : {reason}")]
    MalformedCsv {
        path: PathBuf,
        line: u64,
        reason: String,
    },

    #[error(
        "« {path} », ligne {line} : {reason}.\nCorrigez la ligne (lier PRONOTE_ID ENT_ID, delier PRONOTE_ID, refuser PRONOTE_ID ENT_ID) ou mettez-la en commentaire avec #."
    )]
    BadDecisions {
        path: PathBuf,
        line: usize,
        reason: String,
    },

    #[error(
        "« rapproche review » pose des questions et attend les réponses au clavier : lancez-la dans un terminal.\nPour décider sans terminal : rapproche link, rapproche unlink, rapproche reject."
    )]
    ReviewWithoutTerminal,

    #[error("« {path} » est vide.")]
    EmptyFile { path: PathBuf },

    #[error(
        "le résultat enregistré dans « {path} » est illisible : {reason}.\nRelancez « rapproche match »."
    )]
    BadState { path: PathBuf, reason: String },

    // ---- output ----
    #[error("impossible d'écrire « {path} » : {reason}")]
    Write { path: PathBuf, reason: String },

    #[error(
        "les fichiers ont été écrits, mais l'export « {path} » n'a pas pu être supprimé : {reason}.\nSupprimez-le à la main."
    )]
    RemoveExport { path: PathBuf, reason: String },
}

impl Error {
    /// The exit code for this error.
    pub fn exit_status(&self) -> ExitStatus {
        use Error::*;
        match self {
            Usage(_)
            | OutputExists { .. }
            | SameInputAndOutput { .. }
            | NoExport
            | NoPronoteList
            | UnknownPopulationName { .. }
            | NoState { .. }
            | UnknownId { .. }
            | ReviewWithoutTerminal
            | UnknownEstablishment { .. }
            | AmbiguousEstablishment { .. }
            // The configuration file is part of how the command is asked
            // for, like its options: a mistake there is a usage error.
            | ConfigSyntax { .. }
            | BadConfig { .. }
            | ConfigUnreadable { .. } => ExitStatus::Usage,
            Write { .. } | RemoveExport { .. } => ExitStatus::Output,
            _ => ExitStatus::Input,
        }
    }
}

/// The operating system's reason, in French for the usual cases.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "fichier ou dossier introuvable".to_string(),
        std::io::ErrorKind::PermissionDenied => "droits insuffisants".to_string(),
        std::io::ErrorKind::StorageFull => "disque plein".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => {
            "système de fichiers en lecture seule".to_string()
        }
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_by_kind_of_error() {
        let cases = [
            (Error::Usage("x".into()), 2),
            (Error::OutputExists { path: "a".into() }, 2),
            (Error::WrongKey { path: "a".into() }, 3),
            (Error::EmptyFile { path: "a".into() }, 3),
            (
                Error::BadConfig {
                    path: "a".into(),
                    line: 1,
                    key: "k".into(),
                    reason: "r".into(),
                },
                2,
            ),
            (
                Error::ConfigUnreadable {
                    path: "a".into(),
                    reason: "r".into(),
                },
                2,
            ),
            (
                Error::RemoveExport {
                    path: "a".into(),
                    reason: "r".into(),
                },
                4,
            ),
            (
                Error::Write {
                    path: "a".into(),
                    reason: "r".into(),
                },
                4,
            ),
        ];
        for (error, code) in cases {
            assert_eq!(error.exit_status().code(), code, "{error}");
        }
    }
}
