//! `rapproche keygen`: creates the establishment's age identity, written
//! `0600` (to a file with `-o`, else to standard output), and prints the
//! recipient (public key) to give to the ENT.

use crate::config::KeygenConfig;
use crate::error::{ExitStatus, Result};
use crate::keys::generate_identity;
use crate::output::atomic::write_atomic;
use secrecy::ExposeSecret;

/// Runs `keygen`.
pub fn run(config: &KeygenConfig) -> Result<ExitStatus> {
    let (identity, recipient) = generate_identity();
    match &config.output {
        Some(path) => {
            write_atomic(path, identity.expose_secret().as_bytes(), config.force)?;
            eprintln!(
                "Clé privée écrite dans « {} » : gardez-la secrète, ne l'envoyez jamais.",
                path.display()
            );
            eprintln!("Clé publique, à donner à l'ENT pour qu'il chiffre ses exports :");
            println!("{recipient}");
        }
        None => {
            print!("{}", identity.expose_secret());
            eprintln!("Clé publique : {recipient}");
        }
    }
    Ok(ExitStatus::Success)
}
