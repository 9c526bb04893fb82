//! Accuracy benchmark of the matching engine on synthetic data with ground
//! truth:
//!
//! ```text
//! cargo run --release --example accuracy -- [--seeds 1,2,3] [--students 2000] [--profile realistic|hard|both]
//! ```
//!
//! Prints, per run, the counts per population, per kind of difficulty and
//! every wrong link (ids only, no names). Exits 1 when any link is wrong,
//! so it can serve as a check; 2 on a bad command line.

use rapproche::engine::{MatchSettings, reconcile};
use rapproche::synth::score::{Evaluation, Tally, evaluate};
use rapproche::synth::{Profile, SynthConfig, generate};
use std::process::ExitCode;
use std::time::Instant;

struct Options {
    seeds: Vec<u64>,
    students: usize,
    profiles: Vec<Profile>,
    establishments: usize,
}

fn main() -> ExitCode {
    let options = match parse() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "accuracy: {message}\nusage: accuracy [--seeds 1,2,3] [--students 2000] \
                 [--profile realistic|hard|both] [--establishments 1]"
            );
            return ExitCode::from(2);
        }
    };
    let settings = MatchSettings::default();
    let mut totals: Vec<(Profile, Tally, usize)> = Vec::new();
    for &profile in &options.profiles {
        let mut total = Tally::default();
        let mut inconsistent = 0;
        for &seed in &options.seeds {
            let config = SynthConfig {
                seed,
                students: options.students,
                profile,
                establishments: options.establishments,
            };
            let synthetic = generate(&config);
            let started = Instant::now();
            let result = reconcile(&synthetic.accounts, &synthetic.users, &settings);
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
    if wrong > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
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
