//! Writes a synthetic establishment as real files, with its ground truth:
//!
//! ```text
//! cargo run --release --example synth -- --seed 1 --students 400 --profile realistic --out DIR
//! ```
//!
//! `DIR/export.xml` (the ENT export, to encrypt with `age`), one Pronote
//! list per population (`DIR/eleves.csv`, ...) and `DIR/verite.csv`.
//!
//! `--establishments N` spreads the students over N establishments of the
//! one export; their users share one set of lists (a « cité scolaire »),
//! unless `--regional`: then each establishment has its own Pronote base,
//! its lists written in its own folder (`DIR/<UAI>/eleves.csv`, ...), as
//! each establishment exports them.

use rapproche::model::Population;
use rapproche::synth::{Profile, SynthConfig, Synthetic, generate, write};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage : synth [--seed N] [--students N] [--profile realistic|hard] \
[--establishments N [--regional]] --out DOSSIER";

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
            "--regional" => config.regional = true,
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
    if config.regional {
        for (folder, lists) in regional_folders(&synthetic) {
            let dir = out.join(&folder);
            std::fs::create_dir_all(&dir).map_err(|e| format!("{} : {e}", dir.display()))?;
            for list in lists {
                let population = Population::ALL[list % Population::ALL.len()];
                let csv = write::write_pronote_list(&synthetic, list);
                let name = format!("{folder}/{}.csv", population.cli_name());
                save(&name, csv.as_bytes())?;
            }
        }
    } else {
        for population in Population::ALL {
            let csv = write::write_pronote_csv(&synthetic, population);
            save(&format!("{}.csv", population.cli_name()), csv.as_bytes())?;
        }
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

/// The lists of each establishment (`list = 5 × establishment + population`),
/// under a folder named after its UAI, read from the truth: the first
/// establishment of the accounts its users truly have.
fn regional_folders(synthetic: &Synthetic) -> BTreeMap<String, Vec<usize>> {
    let per = Population::ALL.len();
    let mut uais: BTreeMap<usize, &str> = BTreeMap::new();
    let mut lists: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (user, truth) in synthetic.users.iter().zip(&synthetic.truth) {
        let establishment = user.list / per;
        lists.entry(establishment).or_default().insert(user.list);
        if let Some(uai) = truth
            .and_then(|t| synthetic.accounts.get(t))
            .and_then(|a| a.establishments.first())
        {
            uais.entry(establishment).or_insert(uai);
        }
    }
    lists
        .into_iter()
        .map(|(e, lists)| {
            let folder = uais
                .get(&e)
                .map_or_else(|| format!("etablissement-{e}"), |u| u.to_string());
            (folder, lists.into_iter().collect())
        })
        .collect()
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("nombre attendu, pas « {text} »"))
}
