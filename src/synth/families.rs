//! Families: the students of an establishment and their responsables.
//!
//! In: the world so far, an establishment, the rates. Out: one family
//! appended to the world: 1–4 children at the school (twins and triplets
//! now and then) in distinct levels, one to three responsables (single
//! parents, married mothers using their husband's name, separated parents
//! with their own names and postal codes, a step-parent), and the links
//! between them both ways.

use super::names::{self, Generation, Sex};
use super::noise::random_date;
use super::world::{Person, Role, World, given_names};
use super::{Difficulty, Rates, below, chance, pick, shuffle};
use rand_chacha::ChaCha8Rng;

/// Appends one family of establishment `e` and lowers `remaining` by the
/// number of its children.
pub(crate) fn add_family(
    world: &mut World,
    e: usize,
    family: usize,
    rates: &Rates,
    rng: &mut ChaCha8Rng,
    remaining: &mut usize,
) {
    let levels = world.establishments[e].classes.len();
    let group = if chance(rng, rates.twins) {
        2
    } else if chance(rng, rates.triplets) {
        3
    } else {
        1
    };
    let wanted = match below(rng, 100) {
        0..=81 => 1,
        82..=95 => 2,
        96..=98 => 3,
        _ => 4,
    };
    let children = wanted.max(group).min(levels + group - 1).min(*remaining);
    if children == 0 {
        return;
    }
    let group = group.min(children);
    let mut level_order: Vec<usize> = (0..levels).collect();
    shuffle(rng, &mut level_order);

    let dept = world.establishments[e].dept;
    let origin = names::origin(rng);
    let family_last = names::last_name(rng, origin);
    let mother_origin = if chance(rng, 0.75) {
        origin
    } else {
        names::origin(rng)
    };
    let mother_birth = names::last_name(rng, mother_origin);
    let home = names::postal_code(rng, dept);

    // Shape: single parent, couple, separated couple (+ step-parent).
    let single = chance(rng, 0.12);
    let separated = !single && chance(rng, 0.25);
    let mother_keeps_married = if single {
        chance(rng, 0.45)
    } else if separated {
        chance(rng, 0.3)
    } else {
        chance(rng, 0.65)
    };
    let has_father = !single || chance(rng, 0.2);
    let has_mother = !single || !has_father;

    // Children: a twin or triplet group first, then one child per level.
    let child_last = if has_father && has_mother && chance(rng, 0.05) && !family_last.contains(' ')
    {
        let sep = if chance(rng, 0.7) { "-" } else { " " };
        format!("{family_last}{sep}{mother_birth}")
    } else {
        family_last.clone()
    };
    let mut kids: Vec<usize> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let mut group_date = None;
    let mut group_class: Option<String> = None;
    for k in 0..children {
        let level = level_order[if k < group { 0 } else { k - group + 1 }];
        let est = &world.establishments[e];
        let normal_year = est.birth_years[level];
        let class = if k > 0 && k < group && chance(rng, 0.5) {
            group_class.clone()
        } else {
            Some(pick(rng, &est.classes[level]).clone())
        };
        let date = match (k < group, group_date) {
            (true, Some(date)) => date,
            _ => {
                let year = match below(rng, 100) {
                    0..=7 => normal_year - 1,
                    8..=9 => normal_year + 1,
                    _ => normal_year,
                };
                random_date(rng, year)
            }
        };
        if k == 0 {
            group_date = Some(date);
            group_class = class.clone();
        }
        let sex = if chance(rng, 0.5) {
            Sex::Female
        } else {
            Sex::Male
        };
        let mut given = given_names(rng, origin, sex, Generation::Child);
        for _ in 0..10 {
            if !taken.contains(&given[0]) {
                break;
            }
            given = given_names(rng, origin, sex, Generation::Child);
        }
        taken.push(given[0].clone());
        let traps = match (k < group, group) {
            (true, 2) => vec![Difficulty::Twin],
            (true, 3) => vec![Difficulty::Triplet],
            _ => Vec::new(),
        };
        kids.push(world.persons.len());
        world.persons.push(Person {
            role: Role::Student,
            sex,
            last: child_last.clone(),
            birth_last: child_last.clone(),
            given,
            date,
            postal: home.clone(),
            establishment: e,
            class,
            relatives: Vec::new(),
            family: Some(family),
            ent: true,
            pronote: true,
            traps,
        });
    }

    let oldest = kids
        .iter()
        .map(|&k| world.persons[k].date.year)
        .min()
        .unwrap_or(2010);
    let mother_year = oldest - 24 - below(rng, 17) as u16;
    let mut parents: Vec<usize> = Vec::new();
    if has_mother {
        let last = if mother_keeps_married {
            family_last.clone()
        } else {
            mother_birth.clone()
        };
        parents.push(world.persons.len());
        world.persons.push(parent(
            rng,
            Sex::Female,
            last,
            mother_birth,
            mother_year,
            &home,
            e,
            family,
            mother_origin,
        ));
    }
    if has_father {
        let postal = if separated {
            other_postal(rng, dept, &home)
        } else {
            home.clone()
        };
        let year = mother_year + 2 - below(rng, 9) as u16;
        parents.push(world.persons.len());
        let last = family_last.clone();
        world.persons.push(parent(
            rng,
            Sex::Male,
            last.clone(),
            last,
            year,
            &postal,
            e,
            family,
            origin,
        ));
    }
    if separated && chance(rng, 0.3) {
        let o = names::origin(rng);
        let last = names::last_name(rng, o);
        let year = mother_year + 3 - below(rng, 9) as u16;
        parents.push(world.persons.len());
        world.persons.push(parent(
            rng,
            Sex::Male,
            last.clone(),
            last,
            year,
            &home,
            e,
            family,
            o,
        ));
    }
    for &k in &kids {
        world.persons[k].relatives = parents.clone();
    }
    for &p in &parents {
        world.persons[p].relatives = kids.clone();
    }
    *remaining -= children;
}

#[allow(clippy::too_many_arguments)]
fn parent(
    rng: &mut ChaCha8Rng,
    sex: Sex,
    last: String,
    birth_last: String,
    year: u16,
    postal: &str,
    e: usize,
    family: usize,
    origin: names::Origin,
) -> Person {
    Person {
        role: Role::Parent,
        sex,
        last,
        birth_last,
        given: given_names(rng, origin, sex, Generation::Adult),
        date: random_date(rng, year),
        postal: postal.to_string(),
        establishment: e,
        class: None,
        relatives: Vec::new(),
        family: Some(family),
        ent: true,
        pronote: true,
        traps: Vec::new(),
    }
}

/// Another postal code of the area, different from `home` (often a
/// near-identical one: 13012 for 13013).
pub(crate) fn other_postal(rng: &mut ChaCha8Rng, dept: &names::Departement, home: &str) -> String {
    for _ in 0..10 {
        let code = names::postal_code(rng, dept);
        if code != home {
            return code;
        }
    }
    // The pools hold several codes; fall back on the neighbouring number.
    let n: u32 = home.parse().unwrap_or(0);
    format!("{:05}", n + 1)
}
