//! Tests of the generator as a whole: determinism, consistency of the
//! truth, plausible sizes, well-formed files.

use super::*;
use crate::model::{EntCategory, Population};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

fn config(seed: u64, students: usize, profile: Profile) -> SynthConfig {
    SynthConfig {
        seed,
        students,
        profile,
        establishments: 1,
        regional: false,
    }
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    let a = generate(&config(1, 300, Profile::Realistic));
    let b = generate(&config(1, 300, Profile::Realistic));
    let c = generate(&config(2, 300, Profile::Realistic));
    assert_eq!(a, b);
    assert_eq!(write::write_ent_xml(&a), write::write_ent_xml(&b));
    assert_ne!(a.users, c.users);
    assert_ne!(write::write_truth(&a), write::write_truth(&c));
}

#[test]
fn truth_is_consistent() {
    for profile in Profile::ALL {
        for establishments in [1, 3] {
            let s = generate(&SynthConfig {
                seed: 4,
                students: 600,
                profile,
                establishments,
                regional: false,
            });
            assert_eq!(s.truth.len(), s.users.len());
            assert_eq!(s.difficulty.len(), s.users.len());
            let mut seen = BTreeSet::new();
            for (i, t) in s.truth.iter().enumerate() {
                if let Some(t) = t {
                    assert!(*t < s.accounts.len(), "truth index out of range");
                    assert!(seen.insert(*t), "account {t} is the truth of two users");
                    let account = &s.accounts[*t];
                    assert!(
                        account.populations.contains(&s.users[i].population),
                        "user {i} and its account are in different populations"
                    );
                }
                let no_account = s.difficulty[i].contains(&Difficulty::NoEntAccount);
                assert_eq!(no_account, t.is_none(), "user {i}");
            }
            let pronote_ids: BTreeSet<_> = s.users.iter().map(|u| u.id.clone()).collect();
            assert_eq!(pronote_ids.len(), s.users.len(), "duplicate Pronote id");
            let ent_ids: BTreeSet<_> = s.accounts.iter().map(|a| a.id.clone()).collect();
            assert_eq!(ent_ids.len(), s.accounts.len(), "duplicate ENT id");
            for u in &s.users {
                let id = u.id.as_ref().map(|id| id.0.as_str()).unwrap_or("");
                assert_eq!(id.len(), 16);
                assert!(
                    id.bytes()
                        .all(|b| b"ABCDEFHJKMNPQRSTUVWXYZ23456789".contains(&b))
                );
            }
        }
    }
}

#[test]
fn twins_and_triplets_share_date_last_name_and_parents() {
    let cfg = config(3, 2000, Profile::Hard);
    let rates = Rates::of(cfg.profile);
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let w = world::populate(&cfg, &rates, &mut rng);
    for (trap, size) in [(Difficulty::Twin, 2), (Difficulty::Triplet, 3)] {
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (i, p) in w.persons.iter().enumerate() {
            if p.traps.contains(&trap) {
                groups
                    .entry(p.family.unwrap_or(usize::MAX))
                    .or_default()
                    .push(i);
            }
        }
        assert!(!groups.is_empty(), "no {trap}");
        for members in groups.values() {
            assert_eq!(members.len(), size, "{trap}: group size");
            let first = &w.persons[members[0]];
            assert!(!first.relatives.is_empty());
            for &m in &members[1..] {
                let p = &w.persons[m];
                assert_eq!(p.date, first.date, "{trap}: date");
                assert_eq!(p.last, first.last, "{trap}: last name");
                assert_eq!(p.relatives, first.relatives, "{trap}: parents");
                assert_ne!(p.given[0], first.given[0], "{trap}: given name");
            }
        }
    }
}

#[test]
fn sizes_are_plausible() {
    for profile in Profile::ALL {
        let s = generate(&config(5, 2000, profile));
        let users = |p: Population| s.users.iter().filter(|u| u.population == p).count();
        let students = s
            .accounts
            .iter()
            .filter(|a| a.category == Some(EntCategory::Eleve))
            .count()
            .max(users(Population::Eleves));
        assert!(
            (1700..=2000).contains(&students),
            "{profile}: {students} students"
        );
        let parents = users(Population::Responsables) as f64 / 2000.0;
        assert!(
            (1.2..=1.9).contains(&parents),
            "{profile}: {parents} parents per student"
        );
        let teachers = users(Population::Professeurs);
        assert!(
            (130..=190).contains(&teachers),
            "{profile}: {teachers} teachers"
        );
        let staff = users(Population::Personnels);
        assert!((35..=60).contains(&staff), "{profile}: {staff} staff");
        assert!(users(Population::Inspecteurs) >= 1);

        let pairs = s.truth.iter().filter(|t| t.is_some()).count();
        let with_error = (0..s.users.len())
            .filter(|&i| s.truth[i].is_some() && s.difficulty[i].iter().any(|d| d.is_error()))
            .count() as f64
            / pairs as f64;
        let accountless = (s.users.len() - pairs) as f64 / s.users.len() as f64;
        let ent_only = (s.accounts.len() - pairs) as f64 / s.accounts.len() as f64;
        let (errors, missing) = match profile {
            Profile::Realistic => (0.07..=0.15, 0.03..=0.07),
            Profile::Hard => (0.28..=0.42, 0.08..=0.16),
        };
        assert!(
            errors.contains(&with_error),
            "{profile}: {with_error} pairs with errors"
        );
        assert!(
            missing.contains(&accountless),
            "{profile}: {accountless} accountless users"
        );
        assert!(
            missing.contains(&ent_only),
            "{profile}: {ent_only} ENT-only accounts"
        );
    }
}

#[test]
fn every_trap_occurs_in_a_hard_run() {
    let s = generate(&config(6, 2000, Profile::Hard));
    let seen: BTreeSet<Difficulty> = s.difficulty.iter().flatten().copied().collect();
    for d in Difficulty::ALL {
        assert!(seen.contains(&d), "{d} never generated");
    }
}

#[test]
fn parents_list_their_children_and_accounts_link_both_ways() {
    let s = generate(&config(7, 400, Profile::Realistic));
    let parents = s
        .users
        .iter()
        .filter(|u| u.population == Population::Responsables);
    assert!(parents.clone().filter(|u| !u.children.is_empty()).count() > 300);
    let index: std::collections::BTreeMap<_, _> = s
        .accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for a in &s.accounts {
        for r in &a.relatives {
            let other = index.get(r).map(|&j| &s.accounts[j]);
            assert!(
                other.is_some_and(|o| o.relatives.contains(&a.id)),
                "one-way relation"
            );
        }
    }
}

#[test]
fn the_ent_export_is_well_formed_xml_with_every_account() {
    use quick_xml::events::Event;
    let s = generate(&config(8, 400, Profile::Hard));
    let xml = write::write_ent_xml(&s);
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let (mut depth, mut requests, mut doctype, mut comments) = (0usize, 0, 0, 0);
    let mut ids = Vec::new();
    let mut last_names = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut attr_name = String::new();
    loop {
        let event = reader.read_event_into(&mut buf);
        let Ok(event) = event else {
            assert!(
                event.is_ok(),
                "XML error at {}: {event:?}",
                reader.buffer_position()
            );
            return;
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if name == "addRequest" {
                    requests += 1;
                }
                if name == "attr" {
                    attr_name = e
                        .try_get_attribute("name")
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).to_string())
                        .unwrap_or_default();
                }
                path.push(name);
            }
            Event::End(_) => {
                depth -= 1;
                path.pop();
            }
            Event::Text(t) => {
                let text = t.unescape().map(|c| c.to_string()).unwrap_or_default();
                match path.last().map(String::as_str) {
                    Some("id") => ids.push(text),
                    Some("value") if attr_name == "sn" => last_names.push(text),
                    _ => {}
                }
            }
            Event::DocType(_) => doctype += 1,
            Event::Comment(_) => comments += 1,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(depth, 0);
    assert_eq!(doctype, 1);
    assert_eq!(comments, 1);
    assert_eq!(requests, s.accounts.len());
    let expected_ids: Vec<String> = s.accounts.iter().map(|a| a.id.0.to_string()).collect();
    assert_eq!(ids, expected_ids);
    let expected_names: Vec<String> = s
        .accounts
        .iter()
        .map(|a| a.last_name.as_str().to_string())
        .collect();
    assert_eq!(last_names, expected_names, "sn values survive escaping");
    assert!(
        last_names.iter().any(|n| n.contains('\'')),
        "an apostrophe to escape"
    );
    let text = String::from_utf8_lossy(&xml);
    let starts: Vec<u64> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "<addRequest>")
        .map(|(n, _)| n as u64 + 1)
        .collect();
    let recorded: Vec<u64> = s.accounts.iter().map(|a| a.source.line).collect();
    assert_eq!(starts, recorded, "source lines match the file");
    assert!(text.contains("<value/>"));
    assert!(text.contains("$2$1$1$0$0"));
}

#[test]
fn pronote_lists_and_truth_have_one_row_per_user() {
    let s = generate(&config(9, 300, Profile::Realistic));
    let mut rows = 0;
    for population in Population::ALL {
        let csv = write::write_pronote_csv(&s, population);
        let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
        let header = lines.next().unwrap_or("");
        assert!(header.starts_with("Nom;Prénom;") || header.starts_with("Civilité;Nom;Prénom;"));
        assert!(header.ends_with(";Identifiant PRONOTE-ENT"), "{header}");
        let width = header.split(';').count();
        for line in lines {
            assert_eq!(line.split(';').count(), width, "{population}: {line:?}");
            rows += 1;
        }
    }
    assert_eq!(rows, s.users.len());
    let truth = write::write_truth(&s);
    let lines: Vec<&str> = truth.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "Identifiant PRONOTE-ENT;Identifiant ENT");
    assert_eq!(lines.len(), s.users.len() + 1);
    let empty = lines.iter().filter(|l| l.ends_with(';')).count();
    assert_eq!(empty, s.truth.iter().filter(|t| t.is_none()).count());
}

#[test]
fn tiny_and_odd_configs_still_generate() {
    let cases = [
        ("no students", 0, 1),
        ("one student", 1, 1),
        ("a handful", 5, 1),
        ("zero establishments means one", 50, 0),
        ("more establishments than classes", 30, 4),
    ];
    for (name, students, establishments) in cases {
        for profile in Profile::ALL {
            let s = generate(&SynthConfig {
                seed: 1,
                students,
                profile,
                establishments,
                regional: false,
            });
            let students_seen = s
                .accounts
                .iter()
                .filter(|a| a.category == Some(EntCategory::Eleve))
                .count()
                + s.truth
                    .iter()
                    .zip(&s.users)
                    .filter(|(t, u)| t.is_none() && u.population == Population::Eleves)
                    .count();
            assert_eq!(students_seen, students, "{name} ({profile})");
            assert!(
                s.users
                    .iter()
                    .any(|u| u.population == Population::Professeurs),
                "{name}"
            );
        }
    }
}

#[test]
fn establishments_have_distinct_uais() {
    // 400 serials drawn among 9,900: without care, a few would repeat.
    let s = generate(&SynthConfig {
        seed: 1,
        students: 800,
        profile: Profile::Realistic,
        establishments: 400,
        regional: true,
    });
    let uais: BTreeSet<&crate::model::Text> =
        s.accounts.iter().flat_map(|a| &a.establishments).collect();
    assert_eq!(uais.len(), 400);
}

#[test]
fn regional_lists_hold_one_establishment_each() {
    let s = generate(&SynthConfig {
        seed: 5,
        students: 900,
        profile: Profile::Realistic,
        establishments: 3,
        regional: true,
    });
    let lists: BTreeSet<usize> = s.users.iter().map(|u| u.list).collect();
    assert_eq!(
        lists.len(),
        15,
        "five populations in each of three establishments"
    );
    for list in lists {
        let population = Population::ALL[list % Population::ALL.len()];
        let uais: BTreeSet<&crate::model::Text> = s
            .users
            .iter()
            .zip(&s.truth)
            .filter(|(u, _)| u.list == list)
            .inspect(|(u, _)| assert_eq!(u.population, population, "list {list}"))
            .filter_map(|(_, t)| s.accounts[(*t)?].establishments.first())
            .collect();
        assert_eq!(uais.len(), 1, "list {list}: {uais:?}");
        let rows: Vec<usize> = s
            .users
            .iter()
            .filter(|u| u.list == list)
            .map(|u| u.row)
            .collect();
        assert_eq!(
            rows,
            (0..rows.len()).collect::<Vec<_>>(),
            "list {list}: rows"
        );
        // The written list holds exactly these users, in that order.
        let csv = write::write_pronote_list(&s, list);
        let ids: Vec<&str> = csv
            .split("\r\n")
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| l.rsplit(';').next().unwrap_or(""))
            .collect();
        let expected: Vec<&str> = s
            .users
            .iter()
            .filter(|u| u.list == list)
            .map(|u| u.id.as_ref().map_or("", |id| id.0.as_str()))
            .collect();
        assert_eq!(ids, expected, "list {list}: written users");
    }
}
