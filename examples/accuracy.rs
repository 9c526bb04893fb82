//! Accuracy benchmark of the matching engine on synthetic data with ground
//! truth:
//!
//! ```text
//! cargo run --release --example accuracy -- [--seeds 1,2,3] [--students 2000] [--profile realistic|hard|both] [--establishments N [--regional]]
//! ```
//!
//! Prints, per run, the counts per population, per kind of difficulty and
//! every wrong link (ids only, no names), then the totals per profile and
//! population over the seeds. Exits 1 when any link is wrong, so it can
//! serve as a check; 2 on a bad command line.
//!
//! `--establishments N` spreads the students over N establishments of one
//! ENT export. By default their users share one set of Pronote lists (a
//! « cité scolaire »); with `--regional` each establishment has its own
//! lists, whose establishment is inferred as `rapproche match` does
//! (`establishment::plan`) before each one is matched on its own.

use rapproche::engine::{MatchSettings, reconcile};
use rapproche::establishment;
use rapproche::model::Population;
use rapproche::outcome::Reconciliation;
use rapproche::synth::score::{Evaluation, Tally, evaluate};
use rapproche::synth::{Profile, SynthConfig, generate};
use std::process::ExitCode;
use std::time::Instant;

struct Options {
    seeds: Vec<u64>,
    students: usize,
    profiles: Vec<Profile>,
    establishments: usize,
    regional: bool,
}

fn main() -> ExitCode {
    let options = match parse() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "accuracy: {message}\nusage: accuracy [--seeds 1,2,3] [--students 2000] \
                 [--profile realistic|hard|both] [--establishments 1] [--regional]"
            );
            return ExitCode::from(2);
        }
    };
    let settings = MatchSettings::default();
    let mut totals: Vec<(Profile, Tally, usize)> = Vec::new();
    let mut per_population: Vec<(Profile, Population, Tally)> = Vec::new();
    for &profile in &options.profiles {
        let mut total = Tally::default();
        let mut inconsistent = 0;
        for &seed in &options.seeds {
            let config = SynthConfig {
                seed,
                students: options.students,
                profile,
                establishments: options.establishments,
                regional: options.regional,
            };
            let synthetic = generate(&config);
            let started = Instant::now();
            let result = if options.regional {
                match regional(&synthetic, &settings) {
                    Ok(result) => result,
                    Err(message) => {
                        eprintln!("accuracy: seed {seed}: {message}");
                        return ExitCode::from(1);
                    }
                }
            } else {
                reconcile(&synthetic.accounts, &synthetic.users, &settings)
            };
            let elapsed = started.elapsed();
            let evaluation = evaluate(&synthetic, &result);
            println!(
                "== profile {profile}, seed {seed}: {} students, {} ENT accounts, {} Pronote users, matched in {:.2?}",
                options.students,
                synthetic.accounts.len(),
                synthetic.users.len(),
                elapsed
            );
            print_run(&evaluation);
            add(&mut total, &evaluation.overall);
            for (population, tally) in &evaluation.populations {
                match per_population
                    .iter_mut()
                    .find(|(p, q, _)| *p == profile && q == population)
                {
                    Some((_, _, sum)) => add(sum, tally),
                    None => {
                        let mut sum = Tally::default();
                        add(&mut sum, tally);
                        per_population.push((profile, *population, sum));
                    }
                }
            }
            inconsistent += evaluation.inconsistent;
        }
        totals.push((profile, total, inconsistent));
    }
    println!("== summary over seeds {:?}", options.seeds);
    header("profile");
    let mut wrong = 0;
    for (profile, total, inconsistent) in &totals {
        row(profile.name(), total);
        if *inconsistent > 0 {
            println!("   ({inconsistent} links not mirrored on the account side)");
        }
        wrong += total.wrong_links;
    }
    for (profile, _, _) in &totals {
        println!();
        header(&format!("{profile}: population"));
        for (_, population, tally) in per_population.iter().filter(|(p, _, _)| p == profile) {
            row(population.cli_name(), tally);
        }
    }
    if wrong > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One Pronote base per establishment: each list's establishment inferred
/// as `rapproche match` does, checked against the truth, then matched.
fn regional(
    synthetic: &rapproche::synth::Synthetic,
    settings: &MatchSettings,
) -> Result<Reconciliation, String> {
    let mut lists: Vec<usize> = synthetic.users.iter().map(|u| u.list).collect();
    lists.sort_unstable();
    lists.dedup();
    let named: Vec<(usize, std::path::PathBuf)> = lists
        .iter()
        .map(|&l| (l, format!("liste-{l}.csv").into()))
        .collect();
    // A list that no exact link ties to an establishment (a handful of
    // inspectors) is named, as the administrator would with
    // `--uai LISTE=UAI`, from the truth.
    let mut given = Vec::new();
    for entry in &named {
        let alone = establishment::plan(
            &synthetic.accounts,
            &synthetic.users,
            std::slice::from_ref(entry),
            &[],
        );
        if alone.is_err() {
            let uai = synthetic
                .users
                .iter()
                .zip(&synthetic.truth)
                .filter(|(u, _)| u.list == entry.0)
                .find_map(|(_, t)| synthetic.accounts[(*t)?].establishments.first().cloned());
            if let Some(uai) = uai {
                given.push(format!("{}={uai}", entry.1.display()));
            }
        }
    }
    let plan = establishment::plan(&synthetic.accounts, &synthetic.users, &named, &given)
        .map_err(|e| e.to_string())?;
    let mut right = 0;
    for (&list, chosen) in &plan.lists {
        let uais = chosen.as_ref().map(|e| e.uais.clone()).unwrap_or_default();
        // The list is right when every true account of its users is of the
        // chosen establishment.
        let fits = synthetic
            .users
            .iter()
            .zip(&synthetic.truth)
            .filter(|(u, _)| u.list == list)
            .filter_map(|(_, t)| *t)
            .all(|j| {
                synthetic.accounts[j]
                    .establishments
                    .iter()
                    .any(|u| uais.iter().any(|c| c == u))
            });
        if fits {
            right += 1;
        }
    }
    println!(
        "establishments of {} lists: {} inferred, {} named with --uai LISTE=UAI; {right} right",
        plan.lists.len(),
        plan.lists.len() - given.len(),
        given.len()
    );
    Ok(establishment::reconcile(
        &synthetic.accounts,
        &synthetic.users,
        &plan,
        settings,
        &Default::default(),
    ))
}

fn print_run(e: &Evaluation) {
    header("population");
    for (population, tally) in &e.populations {
        row(population.cli_name(), tally);
    }
    row("overall", &e.overall);
    println!();
    header("difficulty");
    for (difficulty, tally) in &e.difficulties {
        row(difficulty.name(), tally);
    }
    if e.inconsistent > 0 {
        println!(
            "!! {} links are not mirrored on the account side",
            e.inconsistent
        );
    }
    if !e.wrong_links.is_empty() {
        println!("\nwrong links ({}):", e.wrong_links.len());
        println!(
            "{:<6} {:<12} {:<17} {:<9} {:<38} {:<38} difficulty",
            "user", "population", "pronote id", "status", "linked ENT id", "expected ENT id"
        );
        for w in &e.wrong_links {
            let difficulty: Vec<&str> = w.difficulty.iter().map(|d| d.name()).collect();
            println!(
                "{:<6} {:<12} {:<17} {:<9} {:<38} {:<38} {}",
                w.user,
                w.population.cli_name(),
                w.pronote_id,
                format!("{:?}", w.status),
                format!("{} (#{})", w.linked_ent_id, w.linked),
                w.expected_ent_id.as_deref().unwrap_or("-"),
                difficulty.join(",")
            );
        }
    }
    println!();
}

fn header(first: &str) {
    println!(
        "{first:<26} {:>6} {:>7} {:>7} {:>6} {:>9} {:>7} {:>7} {:>11}",
        "users", "pairs", "linked", "wrong", "precision", "recall", "review", "review-1st"
    );
}

fn row(name: &str, t: &Tally) {
    let first = t
        .review_first_share()
        .map_or("-".to_string(), |s| format!("{:.1}%", s * 100.0));
    let recall = if t.true_pairs == 0 {
        "-".to_string()
    } else {
        format!("{:.2}%", t.recall() * 100.0)
    };
    println!(
        "{name:<26} {:>6} {:>7} {:>7} {:>6} {:>8.2}% {:>7} {:>7} {:>11}",
        t.users,
        t.true_pairs,
        t.linked_true,
        t.wrong_links,
        t.precision() * 100.0,
        recall,
        t.review_true,
        first
    );
}

fn add(total: &mut Tally, t: &Tally) {
    total.users += t.users;
    total.true_pairs += t.true_pairs;
    total.linked_true += t.linked_true;
    total.wrong_links += t.wrong_links;
    total.review_true += t.review_true;
    total.review_true_first += t.review_true_first;
}

fn parse() -> Result<Options, String> {
    let mut options = Options {
        seeds: vec![1, 2, 3],
        students: 2000,
        profiles: Profile::ALL.to_vec(),
        establishments: 1,
        regional: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--regional" {
            options.regional = true;
            continue;
        }
        let value = args
            .next()
            .ok_or_else(|| format!("missing value after {flag}"))?;
        let number = |text: &str| {
            text.trim()
                .parse::<u64>()
                .map_err(|_| format!("not a number: {text}"))
        };
        match flag.as_str() {
            "--seeds" => {
                options.seeds = value.split(',').map(number).collect::<Result<_, _>>()?;
            }
            "--students" => options.students = number(&value)? as usize,
            "--establishments" => options.establishments = number(&value)? as usize,
            "--profile" => {
                options.profiles = match value.as_str() {
                    "both" => Profile::ALL.to_vec(),
                    name => {
                        vec![Profile::from_name(name).ok_or(format!("unknown profile {name}"))?]
                    }
                }
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}
