//! The catalogue of what can go wrong with `rapproche match`'s inputs and
//! command line: for each case, the exact French message on standard
//! error, the exit code, and nothing written (no import file, no state
//! directory, no temporary file left).

use crate::harness::{
    Test, demo_identity, encrypt_to, encrypt_with_passphrase, fixture_bytes, tree,
};

const ERR: &str = "rapproche : erreur : ";

/// What standard error must say.
enum Says {
    /// Exactly this, after `rapproche : erreur : `.
    Exactly(&'static str),
    /// Something starting with this, after `rapproche : erreur : ` (for
    /// messages whose end is the operating system's, or is not settled).
    StartsWith(&'static str),
}

struct Case {
    name: &'static str,
    /// Demo fixtures copied into the working directory.
    fixtures: &'static [&'static str],
    /// Other files, written as given.
    files: Vec<(&'static str, Vec<u8>)>,
    args: &'static [&'static str],
    says: Says,
    status: i32,
    /// Run without a controlling terminal (passphrase cases).
    no_terminal: bool,
}

fn case(
    name: &'static str,
    fixtures: &'static [&'static str],
    args: &'static [&'static str],
    says: Says,
    status: i32,
) -> Case {
    Case {
        name,
        fixtures,
        files: Vec::new(),
        args,
        says,
        status,
        no_terminal: false,
    }
}

impl Case {
    fn file(mut self, name: &'static str, bytes: impl Into<Vec<u8>>) -> Case {
        self.files.push((name, bytes.into()));
        self
    }

    fn without_terminal(mut self) -> Case {
        self.no_terminal = true;
        self
    }

    fn check(self) {
        let mut test = Test::new().fixtures(self.fixtures);
        for (name, bytes) in &self.files {
            test = test.bytes(name, bytes);
        }
        if self.no_terminal {
            test = test.without_terminal();
        }
        let before = tree(test.path());
        let done = test
            .args(self.args)
            .any_stdout()
            .any_stderr()
            .status(self.status)
            .run();
        let name = self.name;
        match self.says {
            Says::Exactly(message) => {
                assert_eq!(done.stderr, format!("{ERR}{message}\n"), "{name}")
            }
            Says::StartsWith(start) => assert!(
                done.stderr.starts_with(&format!("{ERR}{start}")),
                "{name}: {}",
                done.stderr
            ),
        }
        assert_eq!(done.stdout, "", "{name}");
        assert_eq!(
            tree(done.dir.path()),
            before,
            "{name}: something was written"
        );
    }
}

const ENCRYPTED: &[&str] = &["cle-demo.txt", "export.xml.age", "eleves.csv"];
const DEMO: &[&str] = &["-i", "cle-demo.txt", "export.xml.age"];

/// The demo export, encrypted to the demo key, with `f` applied to its bytes.
fn damaged(f: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut bytes = fixture_bytes("export.xml.age");
    f(&mut bytes);
    bytes
}

/// Where the first 64 KiB payload chunk of an age file ends: header, its
/// MAC line, the 16-byte nonce, then 64 KiB plus a 16-byte tag.
fn first_chunk_end(bytes: &[u8]) -> usize {
    let mac = bytes.windows(4).position(|w| w == b"\n---").unwrap() + 1;
    let header_end = mac + bytes[mac..].iter().position(|&b| b == b'\n').unwrap() + 1;
    header_end + 16 + 65536 + 16
}

/// XML encrypted to the demo key.
fn encrypted_xml(xml: &str) -> Vec<u8> {
    encrypt_to(&demo_identity().to_public(), xml.as_bytes(), false)
}

fn other_key() -> String {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    format!(
        "# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    )
}

#[test]
fn undecryptable_exports() {
    let damaged_export = |reason: &str| {
        format!(
            "« export.xml.age » est tronqué ou a été modifié après chiffrement : {reason}.\n\
             Rien n'a été écrit. Demandez un nouvel export à l'ENT."
        )
        .leak() as &'static str
    };
    let block = "un bloc de données ne se déchiffre pas (octets modifiés ou manquants)";
    let cases = [
        case(
            "wrong key",
            &["export.xml.age", "eleves.csv"],
            &[
                "match",
                "-i",
                "autre-cle.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(
                "« export.xml.age » a été chiffré pour une autre clé : aucune des identités \
                 données ne peut l'ouvrir.\nVérifiez la clé (-i ou RAPPROCHE_IDENTITY) : l'ENT \
                 doit chiffrer pour la clé publique de l'établissement.",
            ),
            3,
        )
        .file("autre-cle.txt", other_key()),
        case(
            "no identity for a recipient file",
            &["export.xml.age", "eleves.csv"],
            &["match", "export.xml.age", "eleves.csv"],
            Says::Exactly(
                "« export.xml.age » est chiffré pour une clé, mais aucune identité n'a été \
                 donnée.\nIndiquez le fichier de clé avec -i FICHIER ou la variable \
                 RAPPROCHE_IDENTITY.",
            ),
            3,
        ),
        case(
            "truncated inside a chunk",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(damaged_export(block)),
            3,
        )
        .file("export.xml.age", damaged(|b| b.truncate(50_000))),
        case(
            "truncated after a whole chunk",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(damaged_export("le fichier est tronqué")),
            3,
        )
        .file(
            "export.xml.age",
            damaged(|b| b.truncate(first_chunk_end(b))),
        ),
        case(
            "truncated inside the header",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(damaged_export("le fichier est tronqué")),
            3,
        )
        .file("export.xml.age", damaged(|b| b.truncate(100))),
        case(
            "byte changed in the middle",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(damaged_export(block)),
            3,
        )
        .file(
            "export.xml.age",
            damaged(|b| {
                let middle = b.len() / 2;
                b[middle] ^= 0x01;
            }),
        ),
        case(
            "last bytes changed",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(damaged_export(block)),
            3,
        )
        .file(
            "export.xml.age",
            damaged(|b| {
                let n = b.len();
                b[n - 1] ^= 0x55;
                b[n - 2] ^= 0x55;
            }),
        ),
        case(
            "header MAC changed",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(damaged_export(
                "le code d'authentification de l'en-tête ne correspond pas",
            )),
            3,
        )
        .file(
            "export.xml.age",
            damaged(|b| {
                let mac = b.windows(4).position(|w| w == b"\n---").unwrap() + 5;
                b[mac] = if b[mac] == b'A' { b'B' } else { b'A' };
            }),
        ),
        case(
            "passphrase file without a terminal",
            &["eleves.csv"],
            &["match", "export.xml.age", "eleves.csv"],
            Says::Exactly(
                "« export.xml.age » est protégé par une phrase secrète, et aucun terminal n'est \
                 disponible pour la demander.\nLancez la commande dans un terminal.",
            ),
            3,
        )
        .file(
            "export.xml.age",
            encrypt_with_passphrase(&fixture_bytes("export.xml"), "phrase secrète de démo"),
        )
        .without_terminal(),
    ];
    for case in cases {
        case.check();
    }
}

#[test]
fn unusable_xml() {
    let cases = [
        case(
            "malformed XML, with its line and column",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(
                "XML invalide dans « export.xml.age », ligne 5, colonne 1 : balise de fin \
                 </addReq> au lieu de </addRequest>",
            ),
            3,
        )
        .file(
            "export.xml.age",
            encrypted_xml(
                "<?xml version=\"1.0\"?>\n<ficAlimMENESR>\n<addRequest>\n\
                 <identifier><id>1</id></identifier>\n</addReq>\n</ficAlimMENESR>\n",
            ),
        ),
        case(
            "no addRequest",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(
                "« export.xml.age » ne contient aucun compte (aucun élément addRequest).",
            ),
            3,
        )
        .file(
            "export.xml.age",
            encrypted_xml("<?xml version=\"1.0\"?>\n<ficAlimMENESR>\n</ficAlimMENESR>\n"),
        ),
        case(
            "DOCTYPE declaring an entity",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(
                "« export.xml.age » déclare des entités XML (<!ENTITY>) : refusé par sécurité.\n\
                 Demandez à l'ENT un export sans déclaration d'entités.",
            ),
            3,
        )
        .file(
            "export.xml.age",
            encrypted_xml(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR [\n<!ENTITY x \"y\">\n]>\n\
                 <ficAlimMENESR>\n<addRequest><identifier><id>&x;</id></identifier></addRequest>\n\
                 </ficAlimMENESR>\n",
            ),
        ),
    ];
    for case in cases {
        case.check();
    }
}

#[test]
fn plain_xml_error_comes_after_the_warning() {
    let done = Test::new()
        .fixtures(&["eleves.csv"])
        .file(
            "export.xml",
            "<?xml version=\"1.0\"?>\n<ficAlimMENESR>\n<addRequest>\n</ficAlimMENESR>\n",
        )
        .args(&["match", "export.xml", "eleves.csv"])
        .any_stderr()
        .status(3)
        .run();
    let mut lines = done.stderr.lines();
    assert_eq!(
        lines.next(),
        Some(
            "attention : « export.xml » n'est pas chiffré. Il contient des données personnelles : \
             ne le laissez pas traîner, supprimez-le après usage."
        )
    );
    assert!(
        lines.next().unwrap().starts_with(
            "rapproche : erreur : XML invalide dans « export.xml », ligne 4, colonne "
        ),
        "{}",
        done.stderr
    );
    assert_eq!(tree(done.dir.path()), ["eleves.csv", "export.xml"]);
}

#[test]
fn unusable_lists() {
    let utf16be: Vec<u8> = "\u{feff}Nom;Prénom\r\nMARTIN;Léa\r\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let cases = [
        case(
            "no Nom and Prénom columns",
            ENCRYPTED,
            &["match", "-i", "cle-demo.txt", "export.xml.age", "liste.csv"],
            Says::Exactly(
                "« liste.csv » : colonnes obligatoires absentes : Nom, Prénom.\n\
                 Colonnes trouvées : « Name », « First name », « Classe ».\n\
                 Colonnes attendues : Nom, Prénom (ou Prénoms), et selon la population Né(e) le, \
                 Code postal, Classe.",
            ),
            3,
        )
        .file("liste.csv", "Name;First name;Classe\r\nMARTIN;Léa;6A\r\n"),
        case(
            "unknown population in a Population column",
            ENCRYPTED,
            &["match", "-i", "cle-demo.txt", "export.xml.age", "liste.csv"],
            Says::Exactly(
                "« liste.csv », ligne 3 : population inconnue « Visiteur ».\n\
                 Valeurs reconnues : Élève, Responsable, Professeur, Personnel, Inspecteur.",
            ),
            3,
        )
        .file(
            "liste.csv",
            "Population;Nom;Prénom\r\nÉlève;MARTIN;Léa\r\nVisiteur;DURAND;Paul\r\n",
        ),
        case(
            "list of unknown population",
            ENCRYPTED,
            &["match", "-i", "cle-demo.txt", "export.xml.age", "liste.csv"],
            Says::Exactly(
                "« liste.csv » : impossible de savoir de quelle population il s'agit.\n\
                 Ajoutez une colonne Population, ou précisez --population (eleves, responsables, \
                 professeurs, personnels, inspecteurs).",
            ),
            3,
        )
        .file("liste.csv", "Nom;Prénom\r\nMARTIN;Léa\r\n"),
        case(
            "UTF-16 big-endian list",
            ENCRYPTED,
            &["match", "-i", "cle-demo.txt", "export.xml.age", "liste.csv"],
            Says::Exactly(
                "« liste.csv » : encodage illisible (UTF-16 gros-boutiste (big-endian), non pris \
                 en charge).\nEnregistrez la liste en UTF-8, Windows-1252 (ANSI) ou UTF-16 \
                 (texte Unicode).",
            ),
            3,
        )
        .file("liste.csv", utf16be),
        case(
            "undecodable UTF-16 list",
            ENCRYPTED,
            &["match", "-i", "cle-demo.txt", "export.xml.age", "liste.csv"],
            Says::Exactly(
                "« liste.csv » : encodage illisible (UTF-16 invalide (demi-caractère isolé) vers \
                 l'octet 2).\nEnregistrez la liste en UTF-8, Windows-1252 (ANSI) ou UTF-16 \
                 (texte Unicode).",
            ),
            3,
        )
        .file("liste.csv", b"\xff\xfe\x00\xd8N\x00o\x00m\x00".to_vec()),
        case(
            "empty list",
            ENCRYPTED,
            &["match", "-i", "cle-demo.txt", "export.xml.age", "vide.csv"],
            Says::Exactly("« vide.csv » est vide."),
            3,
        )
        .file("vide.csv", Vec::new()),
        case(
            "a picture instead of a list",
            ENCRYPTED,
            &["match", "-i", "cle-demo.txt", "export.xml.age", "capture.png"],
            Says::Exactly(
                "« capture.png » n'est ni un export ENT (XML, chiffré ou non) ni une liste Pronote (CSV).",
            ),
            3,
        )
        .file("capture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        case(
            "missing list",
            ENCRYPTED,
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "absente.csv",
            ],
            // The end is the system's reason (in English today).
            Says::StartsWith("impossible de lire « absente.csv » : "),
            3,
        ),
    ];
    for case in cases {
        case.check();
    }
}

#[test]
fn unusable_identities() {
    let cases = [
        case(
            "identity file that is a public key",
            &["export.xml.age", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-publique.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::StartsWith(
                "le fichier d'identité « cle-publique.txt » n'est pas valable : il ne contient \
                 que des clés publiques (age1...) : c'est la clé à donner à l'ENT, pas la clé \
                 secrète.",
            ),
            3,
        )
        .file(
            "cle-publique.txt",
            format!("{}\n", demo_identity().to_public()),
        ),
        case(
            "armored export given as the identity",
            &["export.xml.age", "eleves.csv"],
            &[
                "match",
                "-i",
                "export-a.age",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::StartsWith(
                "le fichier d'identité « export-a.age » n'est pas valable : ligne 1 : c'est un \
                 fichier chiffré, pas une clé (export et clé inversés ?)",
            ),
            3,
        )
        .file(
            "export-a.age",
            encrypt_to(&demo_identity().to_public(), b"<r/>", true),
        ),
        case(
            "missing identity file",
            &["export.xml.age", "eleves.csv"],
            &["match", "-i", "absente.txt", "export.xml.age", "eleves.csv"],
            Says::StartsWith("impossible de lire « absente.txt » : "),
            3,
        ),
    ];
    for case in cases {
        case.check();
    }
}

#[test]
fn command_line_mistakes() {
    let two_lists = &[
        "cle-demo.txt",
        "export.xml.age",
        "eleves.csv",
        "responsables.csv",
    ];
    let cases = [
        case(
            "unknown --population",
            ENCRYPTED,
            &[
                "match",
                "-p",
                "parents",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(
                "population inconnue « parents ».\nValeurs possibles : eleves, responsables, \
                 professeurs, personnels, inspecteurs.",
            ),
            2,
        ),
        case(
            "output exists, without --force",
            ENCRYPTED,
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
            ],
            Says::Exactly(
                "« eleves.rapproche.csv » existe déjà.\nUtilisez --force pour le remplacer, ou -o \
                 pour choisir un autre nom.",
            ),
            2,
        )
        .file("eleves.rapproche.csv", "ancien"),
        case(
            "-o is an input",
            ENCRYPTED,
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
                "-o",
                "./eleves.csv",
            ],
            Says::Exactly(
                "« ./eleves.csv » est à la fois un fichier d'entrée et une sortie demandée.\n\
                 Les fichiers d'entrée ne sont jamais modifiés : donnez un autre nom à la sortie.",
            ),
            2,
        ),
        case(
            "-o is the export",
            ENCRYPTED,
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
                "-o",
                "export.xml.age",
            ],
            Says::Exactly(
                "« export.xml.age » est à la fois un fichier d'entrée et une sortie demandée.\n\
                 Les fichiers d'entrée ne sont jamais modifiés : donnez un autre nom à la sortie.",
            ),
            2,
        ),
        case(
            "--ent-import is an input",
            ENCRYPTED,
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
                "--ent-import",
                "eleves.csv",
            ],
            Says::Exactly(
                "« eleves.csv » est à la fois un fichier d'entrée et une sortie demandée.\n\
                 Les fichiers d'entrée ne sont jamais modifiés : donnez un autre nom à la sortie.",
            ),
            2,
        ),
        case(
            "-o with two lists",
            two_lists,
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "eleves.csv",
                "responsables.csv",
                "-o",
                "import.csv",
            ],
            Says::Exactly(
                "-o ne convient qu'à une seule liste, et 2 listes sont données.\nUtilisez \
                 --output-dir DOSSIER pour écrire un fichier d'import par liste.",
            ),
            2,
        ),
        case(
            "two lists of the same name into one --output-dir",
            &["cle-demo.txt", "export.xml.age"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "export.xml.age",
                "a/eleves.csv",
                "b/eleves.csv",
                "--output-dir",
                "import",
            ],
            Says::Exactly(
                "deux sorties porteraient le même nom « import/eleves.rapproche.csv ».\nDonnez \
                 aux listes des noms différents, ou choisissez --output-dir.",
            ),
            2,
        )
        .file("a/eleves.csv", fixture_bytes("eleves.csv"))
        .file("b/eleves.csv", fixture_bytes("eleves.csv")),
        case(
            "no export",
            &["eleves.csv"],
            &["match", "eleves.csv"],
            Says::Exactly(
                "aucun export ENT parmi les fichiers donnés.\nDonnez le fichier exporté par \
                 l'ENT (*.xml.age ou *.xml).",
            ),
            2,
        ),
        case(
            "no Pronote list",
            &["cle-demo.txt", "export.xml.age"],
            &["match", "-i", "cle-demo.txt", "export.xml.age"],
            Says::Exactly(
                "aucune liste Pronote parmi les fichiers donnés.\nDonnez au moins un fichier CSV \
                 copié ou exporté depuis le client Pronote.",
            ),
            2,
        ),
        case(
            "missing export",
            &["cle-demo.txt", "eleves.csv"],
            &[
                "match",
                "-i",
                "cle-demo.txt",
                "absent.xml.age",
                "eleves.csv",
            ],
            Says::StartsWith("impossible de lire « absent.xml.age » : "),
            3,
        ),
    ];
    for case in cases {
        case.check();
    }
}

#[test]
fn existing_output_is_replaced_with_force() {
    let done = Test::new()
        .fixtures(ENCRYPTED)
        .file("eleves.rapproche.csv", "ancien")
        .args(&["match", "-q", "--force"])
        .args(DEMO)
        .args(&["eleves.csv"])
        .status(1)
        .run();
    assert!(
        done.read("eleves.rapproche.csv")
            .starts_with(b"Nom;Pr\xE9nom;")
    );
    assert!(done.path(".rapproche/resultat.json").exists());
}

#[test]
fn unusable_state_dir_writes_nothing() {
    case(
        "--state-dir is a file",
        ENCRYPTED,
        &[
            "match",
            "-i",
            "cle-demo.txt",
            "export.xml.age",
            "eleves.csv",
            "--state-dir",
            "eleves.csv",
        ],
        Says::StartsWith("impossible d'écrire « eleves.csv » : "),
        4,
    )
    .check();
}
