//! From the true world to the two sides' records: each person's ENT face
//! and Pronote face (with each side's habits), errors on some true pairs,
//! identifiers, then `EntAccount`s and `PronoteUser`s in the order real
//! files list them, the truth and each user's difficulties.
//!
//! In: a [`World`], the rates, the generator. Out: a [`Synthetic`].

use super::names::Sex;
use super::noise::{self, Face, digit_distance, fold, title_case};
use super::world::{Person, Role, World};
use super::{Difficulty, Rates, Synthetic, below, chance, shuffle};
use crate::model::{
    DateField, EntAccount, EntCategory, EntId, Personal, Population, PronoteId, PronoteUser,
    SourceRef, Text,
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};

/// Pronote's identifier alphabet (FORMATS.md §2).
const PRONOTE_ALPHABET: &[u8] = b"ABCDEFHJKMNPQRSTUVWXYZ23456789";

/// Turns the world into the two sides' records and the truth.
pub(crate) fn build(world: World, rates: &Rates, rng: &mut ChaCha8Rng) -> Synthetic {
    let persons = &world.persons;
    let mut traps: Vec<Vec<Difficulty>> = persons.iter().map(|p| p.traps.clone()).collect();
    let mut ent_faces: Vec<Option<Face>> = Vec::with_capacity(persons.len());
    let mut pronote_faces: Vec<Option<Face>> = Vec::with_capacity(persons.len());
    for (i, p) in persons.iter().enumerate() {
        let ent = p.ent.then(|| ent_face(rng, p));
        let mut pronote = p.pronote.then(|| pronote_face(rng, p));
        // Staff lists in Pronote hold either name (FORMATS.md §1, `sn`).
        let birth_name_in_pronote = p.ent
            && matches!(p.role, Role::Teacher | Role::Staff(_))
            && fold(&p.last) != fold(&p.birth_last)
            && chance(rng, 0.3);
        if let (true, Some(pr)) = (birth_name_in_pronote, pronote.as_mut()) {
            pr.last = p.birth_last.to_uppercase();
            traps[i].push(Difficulty::MarriedName);
        }
        // Staff dates are usually on both sides: one missing is worth a
        // mention (for parents it is the norm, not a difficulty).
        if let (Some(e), Some(pr)) = (&ent, &pronote) {
            if p.role != Role::Parent && e.date.is_some() != pr.date.is_some() {
                traps[i].push(Difficulty::MissingDate);
            }
        }
        ent_faces.push(ent);
        pronote_faces.push(pronote);
    }
    // Pronote knows a parent only through an enrolled child: a parent none
    // of whose children has a Pronote row has no row either.
    for (i, p) in persons.iter().enumerate() {
        if p.role == Role::Parent
            && !p.relatives.is_empty()
            && p.relatives.iter().all(|&c| pronote_faces[c].is_none())
        {
            pronote_faces[i] = None;
        }
    }
    for (i, p) in persons.iter().enumerate() {
        let (Some(ent), Some(pronote)) = (&mut ent_faces[i], &mut pronote_faces[i]) else {
            continue;
        };
        let roll = rng.r#gen::<f64>();
        let [one, two, three] = rates.errors;
        let count = if roll < one {
            1
        } else if roll < one + two {
            2
        } else if roll < one + two + three {
            3
        } else {
            0
        };
        let pool = world.establishments[p.establishment].dept.postal_codes;
        for _ in 0..count {
            if let Some(kind) = noise::apply_one(rng, p, ent, pronote, pool) {
                traps[i].push(kind);
            }
        }
    }
    detect_traps(persons, &mut traps);

    // ENT side: ids, logins, then accounts grouped by category.
    let mut ent_ids: Vec<Option<EntId>> = vec![None; persons.len()];
    let mut used_ids = BTreeSet::new();
    let mut next_numeric = 2_000_000 + rng.gen_range(0..600_000u64);
    for (i, p) in persons.iter().enumerate() {
        if p.ent {
            let id = loop {
                let id = if chance(rng, 0.3) {
                    next_numeric += 1 + rng.gen_range(0..40u64);
                    next_numeric.to_string()
                } else {
                    uuid(rng)
                };
                if used_ids.insert(id.clone()) {
                    break id;
                }
            };
            ent_ids[i] = Some(EntId(id.into()));
        }
    }
    let mut order: Vec<usize> = (0..persons.len()).filter(|&i| persons[i].ent).collect();
    shuffle(rng, &mut order);
    order.sort_by_key(|&i| category_rank(persons[i].role));
    let mut logins = BTreeMap::new();
    let mut account_of: Vec<Option<usize>> = vec![None; persons.len()];
    let mut accounts = Vec::with_capacity(order.len());
    for &i in &order {
        let Some(face) = &ent_faces[i] else { continue };
        account_of[i] = Some(accounts.len());
        let login = login(&mut logins, &persons[i]);
        accounts.push(account(rng, &world, i, face, &ent_ids, login));
    }

    // Pronote side: ids, rows sorted by population then name.
    let mut used_pronote = BTreeSet::new();
    let mut rows: Vec<(usize, PronoteUser)> = Vec::new();
    for i in 0..persons.len() {
        let Some(face) = &pronote_faces[i] else {
            continue;
        };
        let id = loop {
            let id: String = (0..16)
                .map(|_| PRONOTE_ALPHABET[below(rng, PRONOTE_ALPHABET.len())] as char)
                .collect();
            if used_pronote.insert(id.clone()) {
                break id;
            }
        };
        rows.push((
            i,
            user(rng, &world, i, face, &pronote_faces, PronoteId(id.into())),
        ));
    }
    rows.sort_by_cached_key(|(_, u)| {
        (
            u.list,
            u.population,
            fold(u.last_name.as_str()),
            fold(u.given_names.as_str()),
            u.id.clone(),
        )
    });
    let mut users = Vec::with_capacity(rows.len());
    let mut truth = Vec::with_capacity(rows.len());
    let mut difficulty = Vec::with_capacity(rows.len());
    let mut row_in_list: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, mut u) in rows {
        let row = row_in_list.entry(u.list).or_insert(0);
        u.row = *row;
        u.line = *row as u64 + 2;
        *row += 1;
        users.push(u);
        truth.push(account_of[i]);
        let mut d = traps[i].clone();
        d.sort();
        d.dedup();
        difficulty.push(d);
    }
    Synthetic {
        accounts,
        users,
        truth,
        difficulty,
    }
}

/// The ENT's habits: names as the directory holds them (some in title
/// case), all given names, birth names of staff, few parents' dates.
fn ent_face(rng: &mut ChaCha8Rng, p: &Person) -> Face {
    let last = if chance(rng, 0.2) {
        title_case(&p.last)
    } else {
        p.last.clone()
    };
    let birth_share = match p.role {
        Role::Student | Role::Parent => 0.5,
        _ => 0.9,
    };
    let birth_last = chance(rng, birth_share).then(|| p.birth_last.clone());
    let other_given = if p.given.len() >= 2 {
        match below(rng, 20) {
            0..=10 => p.given.clone(),
            11..=16 => p.given[1..].to_vec(),
            _ => Vec::new(),
        }
    } else if chance(rng, 0.5) {
        p.given.clone()
    } else {
        Vec::new()
    };
    let date_share = match p.role {
        Role::Student => 1.0,
        Role::Parent => 0.3,
        Role::Teacher => 0.97,
        Role::Staff(_) => 0.9,
        Role::Inspector => 0.8,
    };
    let postal_share = match p.role {
        Role::Student | Role::Parent => 1.0,
        Role::Teacher | Role::Staff(_) => 0.4,
        Role::Inspector => 0.0,
    };
    Face {
        last,
        birth_last,
        given: p.given[0].clone(),
        other_given,
        date: chance(rng, date_share).then_some(p.date),
        postal: chance(rng, postal_share).then(|| p.postal.clone()),
    }
}

/// Pronote's habits: upper-case last name, the usual given name, dates for
/// students and staff, postal codes for parents only.
fn pronote_face(rng: &mut ChaCha8Rng, p: &Person) -> Face {
    let date_share = match p.role {
        Role::Student => 1.0,
        Role::Parent => 0.05,
        Role::Teacher => 0.93,
        Role::Staff(_) => 0.7,
        Role::Inspector => 0.3,
    };
    Face {
        last: p.last.to_uppercase(),
        birth_last: None,
        given: p.given[0].clone(),
        other_given: Vec::new(),
        date: chance(rng, date_share).then_some(p.date),
        postal: (p.role == Role::Parent).then(|| p.postal.clone()),
    }
}

/// Traps that follow from who has which record: homonyms, accountless
/// users next to a confusable account.
fn detect_traps(persons: &[Person], traps: &mut [Vec<Difficulty>]) {
    let mut groups: BTreeMap<(Population, String, String), Vec<usize>> = BTreeMap::new();
    for (i, p) in persons.iter().enumerate() {
        let key = (p.role.population(), fold(&p.last), fold(&p.given[0]));
        groups.entry(key).or_default().push(i);
    }
    for members in groups.values() {
        for &i in members {
            let others = members.iter().filter(|&&j| j != i);
            if members.len() >= 2 {
                traps[i].push(Difficulty::Homonym);
            }
            if others
                .clone()
                .any(|&j| digit_distance(persons[i].date, persons[j].date) == 1)
            {
                traps[i].push(Difficulty::HomonymNearDate);
            }
            if !persons[i].ent && others.clone().any(|&j| persons[j].ent) {
                traps[i].push(Difficulty::AccountlessWithHomonym);
            }
        }
    }
    // Families where some parent has an account.
    let families_with_account: BTreeSet<usize> = persons
        .iter()
        .filter(|q| q.role == Role::Parent && q.ent)
        .filter_map(|q| q.family)
        .collect();
    for (i, p) in persons.iter().enumerate() {
        if p.ent {
            continue;
        }
        traps[i].push(Difficulty::NoEntAccount);
        let co_parent_has_account = p.family.is_some_and(|f| families_with_account.contains(&f));
        if p.role == Role::Parent && co_parent_has_account {
            traps[i].push(Difficulty::AccountlessCoParent);
        }
    }
}

fn category_rank(role: Role) -> u8 {
    match role {
        Role::Student => 0,
        Role::Parent => 1,
        _ => 2,
    }
}

/// A version-4 UUID from the generator.
fn uuid(rng: &mut ChaCha8Rng) -> String {
    let hi: u64 = rng.r#gen();
    let lo: u64 = rng.r#gen();
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x4000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

/// `prenom.nom`, ASCII, with a number when taken (`lea.martin3`).
fn login(taken: &mut BTreeMap<String, usize>, p: &Person) -> String {
    let clean = |s: &str| -> String {
        noise::strip_accents(s)
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect()
    };
    let base = format!("{}.{}", clean(&p.given[0]), clean(&p.last));
    let n = taken.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 { base } else { format!("{base}{n}") }
}

fn date_field(date: Option<crate::model::BirthDate>) -> DateField {
    date.map_or(DateField::Absent, DateField::Valid)
}

fn account(
    rng: &mut ChaCha8Rng,
    world: &World,
    i: usize,
    face: &Face,
    ent_ids: &[Option<EntId>],
    login: String,
) -> EntAccount {
    let p = &world.persons[i];
    let (category, profile) = match p.role {
        Role::Student => (EntCategory::Eleve, "National_1".to_string()),
        Role::Parent => (EntCategory::PersRelEleve, "National_2".to_string()),
        Role::Teacher => (EntCategory::PersEducNat, "National_3".to_string()),
        Role::Staff(n) => (EntCategory::PersEducNat, format!("National_{n}")),
        Role::Inspector => (EntCategory::PersEducNat, "National_7".to_string()),
    };
    let teaches = match p.role {
        Role::Teacher => chance(rng, 0.7).then_some(true),
        Role::Staff(_) => chance(rng, 0.7).then_some(false),
        _ => None,
    };
    // Some exports carry no profile: the category decides (FORMATS.md §1).
    let with_profile = p.role == Role::Inspector || chance(rng, 0.9);
    let (profiles, populations) = if with_profile {
        (vec![profile], vec![p.role.population()])
    } else {
        let populations = match category {
            EntCategory::Eleve => vec![Population::Eleves],
            EntCategory::PersRelEleve => vec![Population::Responsables],
            // The presence hint orders the two staff lists, as the reader does.
            _ if teaches == Some(false) => vec![Population::Personnels, Population::Professeurs],
            _ => vec![Population::Professeurs, Population::Personnels],
        };
        (Vec::new(), populations)
    };
    let title = match (p.role, p.sex) {
        (Role::Student, _) if chance(rng, 0.2) => None,
        (Role::Student, Sex::Female) => Some("Mlle"),
        (_, Sex::Female) => Some("Mme"),
        (_, Sex::Male) => Some("M."),
    };
    let relatives = p
        .relatives
        .iter()
        .filter_map(|&r| ent_ids[r].clone())
        .collect();
    EntAccount {
        id: ent_ids[i].clone().unwrap_or_default(),
        login: Some(login.into()),
        category: Some(category),
        profiles: profiles.into_iter().map(Text::from).collect(),
        populations,
        last_name: Personal::new(&face.last),
        birth_name: face.birth_last.as_deref().map(Personal::new),
        given_name: Personal::new(&face.given),
        other_given_names: face.other_given.iter().map(Personal::new).collect(),
        birth_date: date_field(face.date),
        postal_code: face.postal.as_deref().map(Text::from),
        establishments: vec![world.establishments[p.establishment].uai.as_str().into()],
        classes: p.class.iter().map(|c| Text::from(c.as_str())).collect(),
        relatives,
        title: title.map(Text::from),
        teaches,
        source: SourceRef::default(),
    }
}

fn user(
    rng: &mut ChaCha8Rng,
    world: &World,
    i: usize,
    face: &Face,
    pronote_faces: &[Option<Face>],
    id: PronoteId,
) -> PronoteUser {
    let p = &world.persons[i];
    let population = p.role.population();
    let civility = match (p.role, p.sex) {
        (Role::Student, _) => None,
        _ if chance(rng, 0.05) => None,
        (_, Sex::Female) => Some("Mme".to_string()),
        (_, Sex::Male) => Some("M.".to_string()),
    };
    let children = if p.role == Role::Parent {
        p.relatives
            .iter()
            .filter_map(|&c| pronote_faces[c].as_ref())
            .map(|c| Personal::new(format!("{} {}", c.last, c.given)))
            .collect()
    } else {
        Vec::new()
    };
    PronoteUser {
        list: Population::ALL
            .iter()
            .position(|q| *q == population)
            .unwrap_or(0)
            + if world.regional {
                Population::ALL.len() * p.establishment
            } else {
                0
            },
        row: 0,
        line: 0,
        population,
        id: Some(id),
        last_name: Personal::new(&face.last),
        given_names: Personal::new(&face.given),
        birth_date: date_field(face.date),
        class: p.class.as_deref().map(Text::from),
        postal_code: face.postal.as_deref().map(Text::from),
        civility: civility.map(Text::from),
        children,
        existing_ent_id: None,
        cas_id: None,
    }
}
