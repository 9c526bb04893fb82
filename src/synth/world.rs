//! The true world behind the files: persons with their real identity, who
//! has an ENT account, who has a Pronote row, and the traps planted on
//! purpose (homonyms, accountless users next to a confusable account).
//!
//! In: the config, the profile's rates, the generator. Out: a [`World`]
//! that `records` turns into ENT accounts and Pronote users.

use super::families;
use super::names::{self, Departement, Generation, Origin, Sex};
use super::noise::{near_date, random_date};
use super::{Difficulty, Rates, SynthConfig, below, chance, pick, shuffle};
use crate::model::{BirthDate, Population};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// What a person is at the establishment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Student,
    Parent,
    Teacher,
    /// Other staff, with its national profile number (4, 5 or 6).
    Staff(u8),
    Inspector,
}

impl Role {
    pub(crate) fn population(self) -> Population {
        match self {
            Role::Student => Population::Eleves,
            Role::Parent => Population::Responsables,
            Role::Teacher => Population::Professeurs,
            Role::Staff(_) => Population::Personnels,
            Role::Inspector => Population::Inspecteurs,
        }
    }
}

/// One real person: the truth both sides try to describe.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub role: Role,
    pub sex: Sex,
    /// Usage last name (`sn`), upper case.
    pub last: String,
    /// Birth last name (`ENTPersonNomPatro`).
    pub birth_last: String,
    /// Given names, the usual one first.
    pub given: Vec<String>,
    pub date: BirthDate,
    pub postal: String,
    pub establishment: usize,
    pub class: Option<String>,
    /// Students: their parents; parents: their children (person indexes).
    pub relatives: Vec<usize>,
    pub family: Option<usize>,
    pub ent: bool,
    pub pronote: bool,
    /// Traps known when the person is created (twins, parent-teacher).
    pub traps: Vec<Difficulty>,
}

/// One establishment: its code, its area and its classes.
pub(crate) struct Establishment {
    pub uai: String,
    pub dept: &'static Departement,
    /// Class names per level, youngest level first.
    pub classes: Vec<Vec<String>>,
    /// Normal birth year per level.
    pub birth_years: Vec<u16>,
}

/// Everything generated before the two sides are written.
pub(crate) struct World {
    pub persons: Vec<Person>,
    pub establishments: Vec<Establishment>,
    /// One Pronote base per establishment (`SynthConfig::regional`).
    pub regional: bool,
}

/// The school year the data describes (2024–2025): a 6e pupil is born in 2013.
const SIXIEME_BIRTH_YEAR: u16 = 2013;

/// Builds the whole world: establishments, families, staff, then the traps.
pub(crate) fn populate(config: &SynthConfig, rates: &Rates, rng: &mut ChaCha8Rng) -> World {
    let count = config.establishments.max(1);
    let mut world = World {
        persons: Vec::new(),
        establishments: Vec::new(),
        regional: config.regional,
    };
    let dept = pick(rng, names::DEPARTEMENTS);
    let mut family = 0;
    for e in 0..count {
        let students = config.students / count + usize::from(e < config.students % count);
        let mut establishment = new_establishment(rng, dept, e % 2 == 1, students);
        // UAIs are unique; a region's hundreds of establishments would
        // otherwise draw the same serial now and then.
        while world
            .establishments
            .iter()
            .any(|other| other.uai == establishment.uai)
        {
            establishment.uai = names::uai(rng, dept);
        }
        world.establishments.push(establishment);
        let mut remaining = students;
        while remaining > 0 {
            let before = remaining;
            families::add_family(&mut world, e, family, rates, rng, &mut remaining);
            family += 1;
            if remaining == before {
                break;
            }
        }
        add_staff(&mut world, e, students, rng);
        add_parent_teacher(&mut world, e, rng);
    }
    for p in &mut world.persons {
        draw_presence(p, rates, rng);
    }
    plant_homonyms(&mut world, rates, rng);
    plant_accountless_co_parents(&mut world, rates, rng);
    world
}

fn new_establishment(
    rng: &mut ChaCha8Rng,
    dept: &'static Departement,
    lycee: bool,
    students: usize,
) -> Establishment {
    let levels: &[(&str, u16)] = if lycee {
        &[("2nde", 4), ("1re", 5), ("Tle", 6)]
    } else {
        &[("6", 0), ("5", 1), ("4", 2), ("3", 3)]
    };
    // About 27 students a class.
    let per_level = students.div_ceil(levels.len() * 27).max(1);
    let classes = levels
        .iter()
        .map(|(name, _)| {
            (0..per_level)
                .map(|i| {
                    if lycee {
                        format!("{name}{}", i + 1)
                    } else {
                        format!("{name}{}", (b'A' + (i % 26) as u8) as char)
                    }
                })
                .collect()
        })
        .collect();
    let birth_years = levels
        .iter()
        .map(|(_, offset)| SIXIEME_BIRTH_YEAR - offset)
        .collect();
    Establishment {
        uai: names::uai(rng, dept),
        dept,
        classes,
        birth_years,
    }
}

/// A new adult (teacher, staff, inspector) with a possible married name.
fn adult(rng: &mut ChaCha8Rng, role: Role, e: usize, dept: &Departement) -> Person {
    let origin = names::origin(rng);
    let sex = if chance(rng, 0.62) {
        Sex::Female
    } else {
        Sex::Male
    };
    let birth_last = names::last_name(rng, origin);
    // Married women mostly use their husband's name (`sn`) and keep the
    // birth name in `ENTPersonNomPatro`.
    let last = if sex == Sex::Female && chance(rng, 0.5) {
        let spouse_origin = names::origin(rng);
        names::last_name(rng, spouse_origin)
    } else {
        birth_last.clone()
    };
    let given = given_names(rng, origin, sex, Generation::Adult);
    // Teachers start young; inspectors come from their ranks, later.
    let (first_year, span) = match role {
        Role::Inspector => (1960, 20),
        Role::Teacher => (1960, 38),
        _ => (1960, 40),
    };
    let year = first_year + below(rng, span) as u16;
    Person {
        role,
        sex,
        last,
        birth_last,
        given,
        date: random_date(rng, year),
        postal: names::postal_code(rng, dept),
        establishment: e,
        class: None,
        relatives: Vec::new(),
        family: None,
        ent: true,
        pronote: true,
        traps: Vec::new(),
    }
}

/// One to three given names, the usual one first.
pub(crate) fn given_names(
    rng: &mut ChaCha8Rng,
    origin: Origin,
    sex: Sex,
    generation: Generation,
) -> Vec<String> {
    let mut given = vec![names::first_given(rng, origin, sex, generation)];
    let extra = match below(rng, 10) {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    for _ in 0..extra {
        if let Some(name) = names::middle_given(rng, sex, &given) {
            given.push(name);
        }
    }
    given
}

fn add_staff(world: &mut World, e: usize, students: usize, rng: &mut ChaCha8Rng) {
    let dept = world.establishments[e].dept;
    let teachers = (students / 12).max(2);
    for _ in 0..teachers {
        let person = adult(rng, Role::Teacher, e, dept);
        world.persons.push(person);
    }
    // Direction (National_4), vie scolaire (National_5), the others (National_6).
    let staff = (students / 40).max(3);
    for i in 0..staff {
        let profile = match i {
            0 | 1 => 4,
            2 => 5,
            _ if i % 5 == 0 => 5,
            _ => 6,
        };
        let person = adult(rng, Role::Staff(profile), e, dept);
        world.persons.push(person);
    }
    for _ in 0..1 + students / 1000 {
        let person = adult(rng, Role::Inspector, e, dept);
        world.persons.push(person);
    }
}

/// A parent of the establishment who also teaches there: a second person
/// with the same identity, in the teachers' population.
fn add_parent_teacher(world: &mut World, e: usize, rng: &mut ChaCha8Rng) {
    let parents: Vec<usize> = (0..world.persons.len())
        .filter(|&i| world.persons[i].role == Role::Parent && world.persons[i].establishment == e)
        .collect();
    if parents.is_empty() {
        return;
    }
    let i = *pick(rng, &parents);
    let mut teacher = world.persons[i].clone();
    teacher.role = Role::Teacher;
    teacher.relatives.clear();
    teacher.family = None;
    teacher.traps = vec![Difficulty::ParentAlsoTeacher];
    world.persons[i].traps.push(Difficulty::ParentAlsoTeacher);
    world.persons.push(teacher);
}

fn draw_presence(p: &mut Person, rates: &Rates, rng: &mut ChaCha8Rng) {
    let roll = rng.r#gen::<f64>();
    p.ent = roll >= rates.missing_ent;
    p.pronote = roll < rates.missing_ent || roll >= rates.missing_ent + rates.missing_pronote;
}

/// Same-name student pairs from different families; some with a birth
/// date one digit apart, and some where one has only a Pronote row and the
/// other only an ENT account (the « nasty » case: it looks like a typo).
fn plant_homonyms(world: &mut World, rates: &Rates, rng: &mut ChaCha8Rng) {
    let mut students: Vec<usize> = (0..world.persons.len())
        .filter(|&i| {
            let p = &world.persons[i];
            p.role == Role::Student && p.traps.is_empty()
        })
        .collect();
    shuffle(rng, &mut students);
    let n = students.len() as f64;
    let plain = (n * rates.homonyms).round() as usize;
    let accountless = (n * rates.accountless_homonyms).round().max(1.0) as usize;
    let mut used = vec![false; world.persons.len()];
    let mut planted = 0;
    for &a in &students {
        if planted >= plain + accountless {
            break;
        }
        if used[a] {
            continue;
        }
        let Some(b) = students.iter().copied().find(|&b| {
            let (pa, pb) = (&world.persons[a], &world.persons[b]);
            !used[b]
                && b != a
                && pa.sex == pb.sex
                && pa.family != pb.family
                && pa.establishment == pb.establishment
        }) else {
            continue;
        };
        used[a] = true;
        used[b] = true;
        for &p in &[a, b] {
            if let Some(f) = world.persons[p].family {
                for (q, person) in world.persons.iter().enumerate() {
                    if person.family == Some(f) {
                        used[q] = true;
                    }
                }
            }
        }
        let near = planted >= plain || chance(rng, 0.5);
        make_homonym(world, a, b, near, rng);
        if planted >= plain {
            world.persons[a].ent = false;
            world.persons[a].pronote = true;
            world.persons[b].ent = true;
            world.persons[b].pronote = false;
        }
        planted += 1;
    }
}

/// Renames `b`'s family after `a`'s and gives `b` the first given name of
/// `a`; with `near`, `b` is born one digit apart in `a`'s level.
fn make_homonym(world: &mut World, a: usize, b: usize, near: bool, rng: &mut ChaCha8Rng) {
    let new_last = world.persons[a].last.clone();
    let old_last = world.persons[b].last.clone();
    let family = world.persons[b].family;
    for p in &mut world.persons {
        if p.family.is_some() && p.family == family {
            if p.last == old_last {
                p.last = new_last.clone();
            }
            if p.birth_last == old_last {
                p.birth_last = new_last.clone();
            }
        }
    }
    let first = world.persons[a].given[0].clone();
    let given = &mut world.persons[b].given;
    given[0] = first.clone();
    let mut seen = Vec::new();
    given.retain(|g| {
        let fresh = !seen.contains(g);
        seen.push(g.clone());
        fresh
    });
    if near {
        let date = near_date(rng, world.persons[a].date);
        world.persons[b].date = date;
        // Same level, another class when there is one.
        let e = world.persons[a].establishment;
        let level = world.establishments[e].classes.iter().position(|classes| {
            classes
                .iter()
                .any(|c| Some(c) == world.persons[a].class.as_ref())
        });
        if let Some(level) = level {
            let classes = &world.establishments[e].classes[level];
            let others: Vec<&String> = classes
                .iter()
                .filter(|c| Some(*c) != world.persons[a].class.as_ref())
                .collect();
            world.persons[b].class = Some(if others.is_empty() {
                classes[0].clone()
            } else {
                pick(rng, &others).to_string()
            });
        }
    }
}

/// Two-parent families where the one parent without an ENT account sits
/// beside a co-parent who has one (same children, often same name and
/// postal code).
fn plant_accountless_co_parents(world: &mut World, rates: &Rates, rng: &mut ChaCha8Rng) {
    let families = world
        .persons
        .iter()
        .filter_map(|p| p.family)
        .max()
        .map_or(0, |f| f + 1);
    let mut parents_of: Vec<Vec<usize>> = vec![Vec::new(); families];
    for (i, p) in world.persons.iter().enumerate() {
        if let (Role::Parent, Some(f)) = (p.role, p.family) {
            parents_of[f].push(i);
        }
    }
    for parents in parents_of {
        if parents.len() == 2 && chance(rng, rates.accountless_co_parent) {
            let k = below(rng, 2);
            let (without, with) = (parents[k], parents[1 - k]);
            world.persons[without].ent = false;
            world.persons[without].pronote = true;
            world.persons[with].ent = true;
            world.persons[with].pronote = true;
        }
    }
}
