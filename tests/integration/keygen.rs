//! `rapproche keygen`: the identity file is private and readable by the
//! reference `age` tools, the recipient it prints is the one the ENT must
//! encrypt to, and an existing key is never replaced without `--force`.

use crate::harness::{Test, tree};
use crate::interop::age_tool;

const WRITTEN: &str = "Clé privée écrite dans « cle.txt » : gardez-la secrète, ne l'envoyez jamais.\n\
    Clé publique, à donner à l'ENT pour qu'il chiffre ses exports :\n";

fn recipient_of(stdout: &str) -> &str {
    let recipient = stdout.strip_suffix('\n').unwrap();
    assert!(
        recipient.starts_with("age1") && !recipient.contains('\n'),
        "{stdout}"
    );
    recipient
}

#[cfg(unix)]
#[test]
fn key_file_is_private_and_opens_what_age_encrypts_to_its_recipient() {
    use crate::harness::mode;
    let done = Test::new()
        .fixtures(&["export.xml", "eleves.csv"])
        .args(&["keygen", "-o", "cle.txt"])
        .any_stdout()
        .stderr(WRITTEN)
        .run();
    let recipient = recipient_of(&done.stdout).to_string();
    assert_eq!(mode(&done.path("cle.txt")), 0o600);
    let text = done.text("cle.txt");
    assert!(
        text.contains(&format!("# public key: {recipient}\n")),
        "{text}"
    );
    // The reference tools agree on the recipient and encrypt to it.
    let dir = done.dir.path();
    assert_eq!(
        age_tool(dir, "age-keygen", &["-y", "cle.txt"]),
        format!("{recipient}\n")
    );
    age_tool(
        dir,
        "age",
        &["-r", &recipient, "-o", "export.xml.age", "export.xml"],
    );
    std::fs::remove_file(dir.join("export.xml")).unwrap();
    let matched = done
        .then()
        .args(&[
            "match",
            "-q",
            "-i",
            "cle.txt",
            "export.xml.age",
            "eleves.csv",
        ])
        .status(1)
        .run();
    assert!(matched.path("eleves.rapproche.csv").exists());
}

#[test]
fn key_on_standard_output_without_o() {
    let done = Test::new()
        .args(&["keygen"])
        .any_stdout()
        .any_stderr()
        .run();
    let recipient = done
        .stderr
        .strip_prefix("Clé publique : ")
        .and_then(|r| r.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("{}", done.stderr));
    let mut lines = done.stdout.lines();
    assert!(lines.next().unwrap().starts_with("# created: "));
    assert_eq!(
        lines.next(),
        Some(format!("# public key: {recipient}").as_str())
    );
    let secret = lines.next().unwrap();
    assert!(secret.starts_with("AGE-SECRET-KEY-1"), "{secret}");
    assert_eq!(lines.next(), None);
    assert_eq!(
        tree(done.dir.path()),
        Vec::<String>::new(),
        "nothing written"
    );
    // Two keys are never the same.
    let other = Test::new()
        .args(&["keygen"])
        .any_stdout()
        .any_stderr()
        .run();
    assert_ne!(other.stdout, done.stdout);
}

#[test]
fn existing_key_is_kept_without_force() {
    let done = Test::new()
        .file("cle.txt", "ancienne clé\n")
        .args(&["keygen", "-o", "cle.txt"])
        .stderr(
            "rapproche : erreur : « cle.txt » existe déjà.\n\
             Utilisez --force pour le remplacer, ou -o pour choisir un autre nom.\n",
        )
        .status(2)
        .run();
    assert_eq!(done.text("cle.txt"), "ancienne clé\n");
    let forced = done
        .then()
        .args(&["keygen", "-o", "cle.txt", "--force"])
        .any_stdout()
        // The old file was created 0644 by the test: replacing it is warned.
        .stderr(&format!(
            "attention : « cle.txt » existait et était lisible par d'autres utilisateurs. Le \
             nouveau fichier ne l'est pas (0600), mais l'ancien contenu a pu être copié \
             entre-temps.\n{WRITTEN}"
        ))
        .run();
    let recipient = recipient_of(&forced.stdout);
    assert!(forced.text("cle.txt").contains(recipient));
}

#[test]
fn key_into_a_missing_directory() {
    Test::new()
        .args(&["keygen", "-o", "absent/cle.txt"])
        .stderr(
            "rapproche : erreur : impossible d'écrire « absent/cle.txt » : le dossier n'existe pas\n",
        )
        .status(4)
        .run();
}
