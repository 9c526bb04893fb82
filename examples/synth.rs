//! Writes a synthetic establishment as real files, with its ground truth:
//!
//! ```text
//! cargo run --release --example synth -- --seed 1 --students 400 --profile realistic --out DIR
//! ```
//!
//! `DIR/export.xml` (the ENT export, to encrypt with `age`), one Pronote
//! list per population (`DIR/eleves.csv`, ...) and `DIR/verite.csv`.

use rapproche::model::Population;
use rapproche::synth::{Profile, SynthConfig, generate, write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage : synth [--seed N] [--students N] [--profile realistic|hard] \
[--establishments N] --out DOSSIER";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synth : {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut config = SynthConfig::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("valeur manquante après {flag}"))
        };
        match flag.as_str() {
            "--seed" => config.seed = number(&value()?)?,
            "--students" => config.students = number(&value()?)?,
            "--establishments" => config.establishments = number(&value()?)?,
            "--profile" => {
                let name = value()?;
                config.profile =
                    Profile::from_name(&name).ok_or(format!("profil inconnu « {name} »"))?;
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("option inconnue « {other} »")),
        }
    }
    let out = out.ok_or("--out est obligatoire")?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{} : {e}", out.display()))?;
    let synthetic = generate(&config);
    let save = |name: &str, bytes: &[u8]| {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{} : {e}", path.display()))
    };
    save("export.xml", &write::write_ent_xml(&synthetic))?;
    for population in Population::ALL {
        let csv = write::write_pronote_csv(&synthetic, population);
        save(&format!("{}.csv", population.cli_name()), csv.as_bytes())?;
    }
    save("verite.csv", write::write_truth(&synthetic).as_bytes())?;
    println!(
        "{} comptes ENT, {} utilisateurs Pronote écrits dans {}",
        synthetic.accounts.len(),
        synthetic.users.len(),
        out.display()
    );
    Ok(())
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("nombre attendu, pas « {text} »"))
}
