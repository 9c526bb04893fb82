//! Criterion benches of the engine's hot parts, on a synthetic
//! establishment (`cargo bench`): normalization of the records, candidate
//! generation (blocking), scoring one pair, and the assignment (the whole
//! engine on one establishment). Regressions show here before they show
//! in the scale benchmark (`tests/bench/scale.sh`).

use criterion::{Criterion, criterion_group, criterion_main};
use rapproche::assign::{self, PairContext, PoolKind};
use rapproche::candidates::BlockIndex;
use rapproche::engine::{MatchSettings, reconcile};
use rapproche::person::Person;
use rapproche::score::frequency::Frequencies;
use rapproche::score::{ChildrenEvidence, Scorer};
use rapproche::synth::{Profile, SynthConfig, generate};
use std::hint::black_box;

fn establishment() -> rapproche::synth::Synthetic {
    generate(&SynthConfig {
        seed: 1,
        students: 1000,
        profile: Profile::Hard,
        establishments: 1,
        regional: false,
    })
}

fn benches(c: &mut Criterion) {
    let synthetic = establishment();
    let accounts: Vec<Person> = synthetic
        .accounts
        .iter()
        .map(Person::from_account)
        .collect();
    let users: Vec<Person> = synthetic.users.iter().map(Person::from_user).collect();
    let account_refs: Vec<&Person> = accounts.iter().collect();

    c.bench_function("normalisation (comptes et utilisateurs)", |b| {
        b.iter(|| {
            let a: Vec<Person> = synthetic
                .accounts
                .iter()
                .map(Person::from_account)
                .collect();
            let u: Vec<Person> = synthetic.users.iter().map(Person::from_user).collect();
            black_box((a, u))
        })
    });

    let index = BlockIndex::build(&account_refs);
    c.bench_function("candidats : index des blocs", |b| {
        b.iter(|| black_box(BlockIndex::build(&account_refs)))
    });
    c.bench_function("candidats : recherche pour chaque utilisateur", |b| {
        let mut found = Vec::new();
        b.iter(|| {
            let mut total = 0;
            for user in &users {
                found.clear();
                index.candidates_for(user, &mut found);
                total += found.len();
            }
            black_box(total)
        })
    });

    // Every candidate pair of the establishment, scored once per iteration.
    let frequencies = Frequencies::count(accounts.iter().chain(&users));
    let scorer = Scorer {
        frequencies: &frequencies,
        prior: -(accounts.len().max(users.len()) as f64).log2(),
        adults: false,
    };
    let mut pairs: Vec<(usize, u32)> = Vec::new();
    let mut found = Vec::new();
    for (i, user) in users.iter().enumerate() {
        found.clear();
        index.candidates_for(user, &mut found);
        pairs.extend(found.iter().map(|&j| (i, j)));
    }
    c.bench_function("comparaison : score des paires candidates", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for &(i, j) in &pairs {
                sum += scorer
                    .score_pair(&users[i], &accounts[j as usize], ChildrenEvidence::Unknown)
                    .score;
            }
            black_box(sum)
        })
    });

    let settings = MatchSettings::default();
    let scored: Vec<_> = pairs
        .iter()
        .map(|&(i, j)| {
            scorer.score_pair(&users[i], &accounts[j as usize], ChildrenEvidence::Unknown)
        })
        .collect();
    c.bench_function("affectation : décision de chaque paire", |b| {
        b.iter(|| {
            let linked = scored
                .iter()
                .filter(|pair| {
                    assign::decide(
                        pair,
                        None,
                        true,
                        true,
                        PoolKind::Students,
                        PairContext::default(),
                        &settings,
                    )
                    .linked
                })
                .count();
            black_box(linked)
        })
    });

    let mut group = c.benchmark_group("moteur complet");
    group.sample_size(10);
    group.bench_function("rapprochement d'un établissement", |b| {
        b.iter(|| black_box(reconcile(&synthetic.accounts, &synthetic.users, &settings)))
    });
    group.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
