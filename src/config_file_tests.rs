#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use proptest::prelude::*;

fn parse_at(text: &str) -> Result<FileSettings> {
    parse(text, Path::new("conf/rapproche.toml"))
}

#[test]
fn commented_example_is_complete() {
    let text = include_str!("../fixtures/rapproche.toml");
    let settings = parse(text, Path::new("/etc/rapproche/rapproche.toml")).unwrap();
    let at = |name: &str| Some(PathBuf::from("/etc/rapproche").join(name));
    assert_eq!(settings.state_dir, at(".rapproche"));
    assert_eq!(
        FileSettings::default().profiles,
        ProfileMapping::default(),
        "national codes when no file"
    );
    assert_eq!(
        settings.identities,
        Some(vec![PathBuf::from("/etc/rapproche/cle-demo.txt")])
    );
    assert_eq!(settings.output_dir, at("import"));
    assert_eq!(settings.ent_import, at("import/import-ent.csv"));
    assert_eq!(settings.decisions, at("decisions-rapproche.txt"));
    assert_eq!(settings.accept, Some(3.0));
    assert_eq!(settings.margin, Some(4.0));
    assert_eq!(settings.review_floor, Some(-12.0));
    assert_eq!(settings.quiet, Some(false));
    assert_eq!(settings.verbose, Some(false));
    assert_eq!(settings.force, Some(false));
    assert_eq!(settings.remove_export, Some(false));
    assert_eq!(settings.existing, Some(ExistingPolicy::Verify));
    assert_eq!(settings.uai.as_deref(), Some("0130001A"));
    assert_eq!(settings.max_estimated_wrong, Some(0.0));
    let labels = [
        ("NOM DE FAMILLE", Some(Column::LastName)),
        ("Nom élève", Some(Column::LastName)),
        ("Prénom usuel", Some(Column::GivenNames)),
        ("Date naiss.", Some(Column::BirthDate)),
        ("Classe", Some(Column::Class)),
        ("Nom d'usage", None),
    ];
    for (label, column) in labels {
        assert_eq!(settings.labels.column_for(label), column, "{label}");
    }
    let profiles = [
        ("ent_documentaliste", Some(Population::Professeurs)),
        ("ENT_AED", Some(Population::Personnels)),
        ("National_1", Some(Population::Eleves)),
        ("National_7", None),
    ];
    for (code, population) in profiles {
        assert_eq!(settings.profiles.population_of(code), population, "{code}");
    }
}

#[test]
fn empty_file_changes_nothing() {
    let settings = parse_at("# rien\n").unwrap();
    assert_eq!(
        settings,
        FileSettings {
            path: "conf/rapproche.toml".into(),
            ..FileSettings::default()
        }
    );
}

#[test]
fn values_in_every_form() {
    let settings = parse_at(
        "identity = \"a.key\"\nstate_dir = \"/abs/etat\"\naccept = 2.5\nmargin = 0x4\nexisting = \"RESET\"\nuai = \"0130001a\"\n",
    )
    .unwrap();
    assert_eq!(settings.identities, Some(vec![PathBuf::from("conf/a.key")]));
    assert_eq!(settings.state_dir, Some(PathBuf::from("/abs/etat")));
    assert_eq!(settings.accept, Some(2.5));
    assert_eq!(settings.margin, Some(4.0));
    assert_eq!(settings.existing, Some(ExistingPolicy::Reset));
    assert_eq!(settings.uai.as_deref(), Some("0130001A"));
}

#[test]
fn errors_name_the_line_and_the_key() {
    let cases: [(&str, &str, u64, &str, &str); 14] = [
        (
            "unknown key",
            "accept = 3\nacept = 4\n",
            2,
            "acept",
            "clé inconnue",
        ),
        (
            "number as text",
            "\n\naccept = \"trois\"\n",
            3,
            "accept",
            "valeur attendue : un nombre, pas un texte",
        ),
        (
            "bool as text",
            "quiet = \"oui\"\n",
            1,
            "quiet",
            "true ou false",
        ),
        (
            "path as number",
            "state_dir = 3\n",
            1,
            "state_dir",
            "un texte",
        ),
        (
            "empty path",
            "output_dir = \"\"\n",
            1,
            "output_dir",
            "chemin vide",
        ),
        ("nan", "margin = nan\n", 1, "margin", "un nombre fini"),
        (
            "bad policy",
            "existing = \"conserver\"\n",
            1,
            "existing",
            "politique inconnue « conserver »",
        ),
        (
            "bad uai",
            "uai = \"013001A\"\n",
            1,
            "uai",
            "code UAI invalide",
        ),
        (
            "negative budget",
            "max_estimated_wrong = -1\n",
            1,
            "max_estimated_wrong",
            "positif ou nul",
        ),
        (
            "unknown label column",
            "[labels]\nnom = \"Nom\"\nprenon = \"Prénom usuel\"\n",
            3,
            "labels.prenon",
            "colonne inconnue",
        ),
        (
            "label of another column",
            "[labels]\nprenom = \"Nom\"\n",
            2,
            "labels.prenom",
            "désigne déjà la colonne « Nom »",
        ),
        (
            "unknown population",
            "[profiles]\nENT_X = \"parents\"\n",
            2,
            "profiles.ENT_X",
            "population inconnue « parents »",
        ),
        (
            "labels not a table",
            "labels = \"Nom\"\n",
            1,
            "labels",
            "valeur attendue : une table, pas un texte",
        ),
        (
            "quiet and verbose",
            "quiet = true\nverbose = true\n",
            1,
            "quiet",
            "tous les deux",
        ),
    ];
    for (name, text, line, key, reason_part) in cases {
        match parse_at(text) {
            Err(Error::BadConfig {
                path,
                line: l,
                key: k,
                reason,
            }) => {
                assert_eq!(path, PathBuf::from("conf/rapproche.toml"), "{name}");
                assert_eq!((l, k.as_str()), (line, key), "{name}");
                assert!(reason.contains(reason_part), "{name}: {reason}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn syntax_errors_name_the_line() {
    let cases = [
        ("missing value", "accept = 3\nmargin =\n", 2),
        ("unclosed string", "\n\nstate_dir = \"abc\n", 3),
        ("duplicate key", "accept = 3\naccept = 4\n", 2),
        ("bad section", "[labels\nnom = \"x\"\n", 1),
    ];
    for (name, text, line) in cases {
        match parse_at(text) {
            Err(Error::ConfigSyntax { line: l, .. }) => assert_eq!(l, line, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn message_in_french() {
    let error = parse_at("acept = 4\n").unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with(
            "fichier de configuration « conf/rapproche.toml », ligne 1, clé « acept » : clé inconnue."
        ),
        "{message}"
    );
    assert_eq!(error.exit_status().code(), 2);
}

#[test]
fn where_the_file_is_found() {
    let flag = PathBuf::from("a.toml");
    let env = PathBuf::from("b.toml");
    assert_eq!(locate(Some(&flag), Some(env.clone())), Some(flag.clone()));
    assert_eq!(locate(None, Some(env.clone())), Some(env));
    // An empty variable is no variable; no ./rapproche.toml in the crate root.
    assert_eq!(locate(None, Some(PathBuf::new())), None);
}

proptest! {
    #[test]
    fn any_text_is_parsed_or_refused(text in ".{0,200}") {
        let _ = parse_at(&text);
    }

    #[test]
    fn any_key_value_line_is_parsed_or_refused(
        key in "[a-z_]{1,20}",
        value in "(\"[^\"\\\\]{0,10}\"|-?[0-9]{1,4}(\\.[0-9])?|true|false|\\[\\])",
    ) {
        let _ = parse_at(&format!("{key} = {value}\n[labels]\n{key} = {value}\n"));
    }
}

/// The README's example is a valid file.
#[test]
fn readme_example_parses() {
    let readme = include_str!("../README.md");
    let start = readme.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let settings = parse(&readme[start..end], Path::new("rapproche.toml")).unwrap();
    assert_eq!(settings.force, Some(true));
    assert_eq!(settings.remove_export, Some(true));
    assert_eq!(
        settings.labels.column_for("Nom de famille"),
        Some(Column::LastName)
    );
}
