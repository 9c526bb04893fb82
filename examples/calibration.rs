//! Calibration of the match probabilities and check of the run estimates
//! (issue 10), on synthetic data with ground truth:
//!
//! ```text
//! cargo run --release --example calibration -- [--fit] [--seeds 1,2,3] [--students 2000[,400...]]
//! ```
//!
//! With `--fit` (default seeds 101–170): fits the probability maps and the
//! blocking-miss ratio on both profiles and prints them as Rust constants,
//! to paste into `score::probability::CALIBRATION` and
//! `estimate::BLOCKING_MISS_RATIO`. Without (default seeds 1–20, held out
//! from the fit): prints the reliability table (probability band → share
//! of true pairs, over every automatic link and every candidate of the
//! Pronote users) and the estimated wrong links and missed pairs against
//! the true counts, per profile and seed. Exits 1 when a band of 100 pairs
//! or more (both profiles together) is off by more than 3 points, or an
//! estimate misses the truth by more than a factor of 2 (or by more than 2
//! when the truth is below 5); 2 on a bad command line.

use rapproche::engine::{MatchSettings, reconcile};
use rapproche::estimate::{self, Estimate};
use rapproche::outcome::Reconciliation;
use rapproche::score::probability::{self, Group, MIN_BLOCK, Step, user_candidate_z};
use rapproche::synth::{Profile, SynthConfig, Synthetic, generate};
use std::process::ExitCode;

struct Options {
    fit: bool,
    seeds: Option<Vec<u64>>,
    students: Vec<usize>,
}

/// One run, decided and annotated.
struct Run {
    profile: Profile,
    seed: u64,
    synthetic: Synthetic,
    result: Reconciliation,
}

fn main() -> ExitCode {
    let options = match parse() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "calibration: {message}\nusage: calibration [--fit] [--seeds 1,2,3] [--students 2000]"
            );
            return ExitCode::from(2);
        }
    };
    let default_seeds: Vec<u64> = if options.fit {
        (101..=170).collect()
    } else {
        (1..=20).collect()
    };
    let seeds = options.seeds.clone().unwrap_or(default_seeds);
    let sizes = options.students.clone();
    let runs = seeds.iter().flat_map(|&seed| {
        let sizes = sizes.clone();
        Profile::ALL.into_iter().flat_map(move |profile| {
            sizes
                .clone()
                .into_iter()
                .map(move |students| (profile, seed, students))
        })
    });
    let runs = runs.map(|(profile, seed, students)| {
        let synthetic = generate(&SynthConfig {
            seed,
            students,
            profile,
            establishments: 1,
            regional: false,
        });
        let mut result = reconcile(
            &synthetic.accounts,
            &synthetic.users,
            &MatchSettings::default(),
        );
        probability::annotate(&mut result, &synthetic.users);
        Run {
            profile,
            seed,
            synthetic,
            result,
        }
    });
    if options.fit {
        fit(runs);
        ExitCode::SUCCESS
    } else if check(runs, &seeds) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Every Pronote user's candidate: (group, adjusted log-odds, probability, true).
fn pairs(run: &Run) -> Vec<(Group, f64, f64, bool)> {
    let mut out = Vec::new();
    for (i, user) in run.result.users.iter().enumerate() {
        let truth = run.synthetic.truth.get(i).copied().flatten();
        let population = run.synthetic.users[i].population;
        for (rank, c) in user.candidates.iter().enumerate() {
            if let Some(z) = user_candidate_z(&run.result, i, rank) {
                let group = Group::of(c.verdict.linked, population);
                let p = c.probability.unwrap_or(f64::NAN);
                out.push((group, z, p, truth == Some(c.other)));
            }
        }
    }
    out
}

/// True pairs left unlinked: (found among the user's or the account's
/// candidates, never offered).
fn missed(run: &Run) -> (usize, usize) {
    let (mut found, mut unseen) = (0, 0);
    for (i, user) in run.result.users.iter().enumerate() {
        let Some(t) = run.synthetic.truth.get(i).copied().flatten() else {
            continue;
        };
        if user.linked == Some(t) {
            continue;
        }
        let offered = user.candidates.iter().any(|c| c.other == t)
            || run.result.accounts[t]
                .candidates
                .iter()
                .any(|c| c.other == i);
        if offered {
            found += 1;
        } else {
            unseen += 1;
        }
    }
    (found, unseen)
}

fn wrong_links(run: &Run) -> usize {
    run.result
        .users
        .iter()
        .enumerate()
        .filter(|(i, u)| {
            u.status.is_linked() && u.linked != run.synthetic.truth.get(*i).copied().flatten()
        })
        .count()
}

fn fit(runs: impl Iterator<Item = Run>) {
    let mut samples: Vec<Vec<(f64, bool)>> = vec![Vec::new(); Group::ALL.len()];
    let mut found_by_profile = [(0usize, 0usize); 2];
    for run in runs {
        for (group, z, _, truth) in pairs(&run) {
            let k = Group::ALL.iter().position(|g| *g == group).unwrap_or(0);
            samples[k].push((z, truth));
        }
        let (found, unseen) = missed(&run);
        let slot = &mut found_by_profile[usize::from(run.profile == Profile::Hard)];
        slot.0 += found;
        slot.1 += unseen;
        eprintln!(
            "{} seed {}: {found} true pairs unlinked among the candidates, {unseen} never offered",
            run.profile, run.seed
        );
    }
    println!("pub const CALIBRATION: Calibration<'static> = Calibration {{\n    maps: [");
    for (group, samples) in Group::ALL.iter().zip(&samples) {
        let truths = samples.iter().filter(|s| s.1).count();
        println!(
            "        // {}: {} pairs, {truths} true",
            group.name(),
            samples.len()
        );
        println!("        &[");
        for Step { from, p } in probability::fit(samples, MIN_BLOCK) {
            let from = if from.is_finite() {
                format!("{from:.3}")
            } else {
                "f64::NEG_INFINITY".to_string()
            };
            println!("            Step {{ from: {from}, p: {p:.6} }},");
        }
        println!("        ],");
    }
    println!("    ],\n}};");
    for (profile, (found, unseen)) in Profile::ALL.iter().zip(found_by_profile) {
        println!(
            "// {profile}: {unseen} never offered / {found} among the candidates = {:.3}",
            unseen as f64 / found.max(1) as f64
        );
    }
    let (found, unseen) = found_by_profile
        .iter()
        .fold((0, 0), |(f, u), &(a, b)| (f + a, u + b));
    println!(
        "pub const BLOCKING_MISS_RATIO: f64 = {:.3};",
        unseen as f64 / found.max(1) as f64
    );
}

/// Probability bands of the reliability table.
const BANDS: [f64; 12] = [0.0, 0.01, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];

fn band_of(p: f64) -> usize {
    BANDS.iter().rposition(|&b| p >= b).unwrap_or(0)
}

fn check(runs: impl Iterator<Item = Run>, seeds: &[u64]) -> bool {
    // Per band: pairs, true pairs, sum of p; pooled then per profile.
    let mut bands = vec![[(0usize, 0usize, 0.0f64); 3]; BANDS.len()];
    let mut ok = true;
    println!("Estimations comparées à la vérité (graines {seeds:?}) :");
    println!(
        "{:<10} {:>6} {:>7} {:>25} {:>6} {:>25} {:>6}",
        "profil",
        "graine",
        "liens",
        "liens faux estimés",
        "vrais",
        "paires manquées estimées",
        "vraies"
    );
    for run in runs {
        for (_, _, p, truth) in pairs(&run) {
            let b = band_of(p);
            for slot in [0, 1 + usize::from(run.profile == Profile::Hard)] {
                let cell = &mut bands[b][slot];
                cell.0 += 1;
                cell.1 += usize::from(truth);
                cell.2 += p;
            }
        }
        let Some((_, total)) = estimate::estimate(&run.result, &run.synthetic.users, None) else {
            println!("{} seed {}: no probabilities", run.profile, run.seed);
            return false;
        };
        let wrong = wrong_links(&run);
        let (found, unseen) = missed(&run);
        let true_missed = found + unseen;
        let wrong_ok = close(total.wrong_links.value, wrong);
        let missed_ok = close(total.missed_pairs.value, true_missed);
        ok &= wrong_ok && missed_ok;
        println!(
            "{:<10} {:>6} {:>7} {:>25} {:>6} {:>25} {:>6}{}",
            run.profile.name(),
            run.seed,
            total.links,
            shown(&total.wrong_links),
            wrong,
            shown(&total.missed_pairs),
            true_missed,
            if wrong_ok && missed_ok { "" } else { "  !!" }
        );
    }
    println!();
    println!("Fiabilité des probabilités (liens automatiques et candidats) :");
    println!(
        "{:<13} {:>22} {:>22} {:>22}",
        "probabilité", "tous", "realistic", "hard"
    );
    for (b, cells) in bands.iter().enumerate() {
        let upper = BANDS.get(b + 1).copied().unwrap_or(1.0);
        let label = format!(
            "[{:.2} ; {:.2}{}",
            BANDS[b],
            upper,
            if b + 1 == BANDS.len() { "]" } else { "[" }
        );
        let mut line = format!("{label:<13}");
        for (slot, &(n, t, sum)) in cells.iter().enumerate() {
            if n == 0 {
                line.push_str(&format!(" {:>22}", "-"));
                continue;
            }
            let share = t as f64 / n as f64;
            let mean = sum / n as f64;
            let off = n >= 100 && (share - mean).abs() > 0.03;
            if slot == 0 {
                ok &= !off;
            }
            line.push_str(&format!(
                " {:>22}",
                format!(
                    "{:.1} % / {:.1} % ({n}){}",
                    mean * 100.0,
                    share * 100.0,
                    if off { "!" } else { "" }
                )
            ));
        }
        println!("{line}");
    }
    println!(
        "(probabilité moyenne / part de vraies paires (nombre de paires) ; « ! » : écart > 3 points sur 100 paires ou plus)"
    );
    ok
}

/// Within a factor of 2 of the truth, or within 2 when the truth is below 5.
fn close(estimate: f64, truth: usize) -> bool {
    let truth = truth as f64;
    if truth < 5.0 {
        (estimate - truth).abs() <= 2.0
    } else {
        estimate >= truth / 2.0 && estimate <= truth * 2.0
    }
}

fn shown(e: &Estimate) -> String {
    format!("{:.1} [{:.1} ; {:.1}]", e.value, e.low, e.high)
}

fn parse() -> Result<Options, String> {
    let mut options = Options {
        fit: false,
        seeds: None,
        students: vec![2000],
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--fit" {
            options.fit = true;
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
                options.seeds = Some(value.split(',').map(number).collect::<Result<_, _>>()?);
            }
            "--students" => {
                options.students = value
                    .split(',')
                    .map(|n| number(n).map(|n| n as usize))
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}
