//! Draws names, postal codes and establishment codes for the synthetic data.
//!
//! In: a seeded random generator and the tables of `pools`. Out: last names
//! (with a Zipf-like frequency so that homonyms happen, compound and
//! foreign ones), given names by sex, generation and origin, postal codes
//! of a département and UAI codes. Weights are integers so that the output
//! is the same on every platform.

use super::pools::*;
use super::{chance, pick, pick_weighted};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Where a family's names come from: decides both name pools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    French,
    Portuguese,
    Maghrebi,
    Turkish,
    Asian,
    African,
    European,
}

/// Man or woman: given names and civility depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
}

/// Children (born 2006–2015) and adults carry different given names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Generation {
    Child,
    Adult,
}

/// Picks where a family's names come from, with shares close to a
/// metropolitan establishment's.
pub(crate) fn origin(rng: &mut ChaCha8Rng) -> Origin {
    const TABLE: &[(Origin, u32)] = &[
        (Origin::French, 72),
        (Origin::Portuguese, 7),
        (Origin::Maghrebi, 9),
        (Origin::Turkish, 3),
        (Origin::Asian, 3),
        (Origin::African, 4),
        (Origin::European, 2),
    ];
    let weights: Vec<u32> = TABLE.iter().map(|(_, w)| *w).collect();
    TABLE[pick_weighted(rng, &weights)].0
}

/// Picks a last name for a person of this origin. Frequent names follow a
/// Zipf-like law (weight ∝ 1/(rank+40)) so that MARTIN, BERNARD... recur;
/// the other half of French names are rare ones (the long tail).
pub(crate) fn last_name(rng: &mut ChaCha8Rng, origin: Origin) -> String {
    match origin {
        Origin::French => {
            let roll = rng.gen_range(0..100u32);
            if roll < 8 {
                pick(rng, COMPOUND_LAST).to_string()
            } else if roll < 50 {
                rare_last_name(rng)
            } else {
                zipf(rng, FRENCH_LAST).to_string()
            }
        }
        Origin::Portuguese => zipf(rng, PORTUGUESE_LAST).to_string(),
        Origin::Maghrebi => zipf(rng, MAGHREBI_LAST).to_string(),
        Origin::Turkish => zipf(rng, TURKISH_LAST).to_string(),
        Origin::Asian => zipf(rng, ASIAN_LAST).to_string(),
        Origin::African => zipf(rng, AFRICAN_LAST).to_string(),
        Origin::European => zipf(rng, EUROPEAN_LAST).to_string(),
    }
}

fn rare_last_name(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{}{}{}",
        pick(rng, RARE_HEAD),
        pick(rng, RARE_MID),
        pick(rng, RARE_TAIL)
    )
}

fn zipf<'a>(rng: &mut ChaCha8Rng, pool: &[&'a str]) -> &'a str {
    let weights: Vec<u32> = (0..pool.len())
        .map(|rank| 100_000 / (rank as u32 + 40))
        .collect();
    pool[pick_weighted(rng, &weights)]
}

/// The first (usual) given name of a person.
pub(crate) fn first_given(
    rng: &mut ChaCha8Rng,
    origin: Origin,
    sex: Sex,
    generation: Generation,
) -> String {
    use Generation::{Adult, Child};
    use Sex::{Female, Male};
    // Two in five children of immigrant families carry a French given
    // name; adults keep their origin's more often.
    let native = match generation {
        Child => chance(rng, 0.6),
        Adult => chance(rng, 0.8),
    };
    let native_pool: Option<&[&str]> = match (native, origin, sex, generation) {
        (false, ..) | (_, Origin::French | Origin::European, ..) => None,
        (_, Origin::Maghrebi, Female, Child) => Some(MAGHREBI_FEMALE),
        (_, Origin::Maghrebi, Male, Child) => Some(MAGHREBI_MALE),
        (_, Origin::Maghrebi, Female, Adult) => Some(MAGHREBI_ADULT_FEMALE),
        (_, Origin::Maghrebi, Male, Adult) => Some(MAGHREBI_ADULT_MALE),
        (_, Origin::Portuguese, Female, Child) => Some(PORTUGUESE_FEMALE),
        (_, Origin::Portuguese, Male, Child) => Some(PORTUGUESE_MALE),
        (_, Origin::Portuguese, Female, Adult) => Some(PORTUGUESE_ADULT_FEMALE),
        (_, Origin::Portuguese, Male, Adult) => Some(PORTUGUESE_ADULT_MALE),
        (_, Origin::Turkish, Female, _) => Some(TURKISH_FEMALE),
        (_, Origin::Turkish, Male, _) => Some(TURKISH_MALE),
        (_, Origin::Asian, Female, _) => Some(ASIAN_FEMALE),
        (_, Origin::Asian, Male, _) => Some(ASIAN_MALE),
        (_, Origin::African, Female, _) => Some(AFRICAN_FEMALE),
        (_, Origin::African, Male, _) => Some(AFRICAN_MALE),
    };
    let pool = match native_pool {
        Some(pool) => pool,
        None => {
            let (frequent, tail) = match (sex, generation) {
                (Female, Child) => (CHILD_FEMALE, CHILD_FEMALE_TAIL),
                (Male, Child) => (CHILD_MALE, CHILD_MALE_TAIL),
                (Female, Adult) => (ADULT_FEMALE, ADULT_FEMALE_TAIL),
                (Male, Adult) => (ADULT_MALE, ADULT_MALE_TAIL),
            };
            // Two draws in five from the tail, uniformly: keeps homonyms rare.
            if chance(rng, 0.4) {
                return pick(rng, tail).to_string();
            }
            frequent
        }
    };
    let weights: Vec<u32> = (0..pool.len())
        .map(|rank| 10_000 / (rank as u32 + 20))
        .collect();
    pool[pick_weighted(rng, &weights)].to_string()
}

/// A second or third given name, different from those already given.
pub(crate) fn middle_given(rng: &mut ChaCha8Rng, sex: Sex, taken: &[String]) -> Option<String> {
    let pool = match sex {
        Sex::Female => MIDDLE_FEMALE,
        Sex::Male => MIDDLE_MALE,
    };
    for _ in 0..8 {
        let name = pick(rng, pool);
        if !taken.iter().any(|t| t == name) {
            return Some(name.to_string());
        }
    }
    None
}

/// A département: the UAI prefix and the postal codes around the school,
/// several of them near-identical (13011, 13012, 13013).
pub(crate) struct Departement {
    pub uai_prefix: &'static str,
    pub postal_codes: &'static [&'static str],
}

pub(crate) const DEPARTEMENTS: &[Departement] = &[
    Departement {
        uai_prefix: "013",
        postal_codes: &[
            "13013", "13012", "13011", "13014", "13015", "13004", "13005", "13010", "13009",
            "13008", "13090", "13100", "13127", "13400", "13500",
        ],
    },
    Departement {
        uai_prefix: "069",
        postal_codes: &[
            "69003", "69007", "69008", "69009", "69100", "69200", "69120", "69500", "69300",
            "69140", "69001", "69002",
        ],
    },
    Departement {
        uai_prefix: "059",
        postal_codes: &[
            "59000", "59100", "59200", "59160", "59130", "59260", "59800", "59370", "59650",
            "59110",
        ],
    },
    Departement {
        uai_prefix: "033",
        postal_codes: &[
            "33000", "33100", "33200", "33300", "33400", "33600", "33700", "33800", "33140",
            "33150",
        ],
    },
    Departement {
        uai_prefix: "093",
        postal_codes: &[
            "93100", "93200", "93300", "93400", "93500", "93600", "93700", "93800", "93170",
            "93140",
        ],
    },
    Departement {
        uai_prefix: "035",
        postal_codes: &[
            "35000", "35200", "35700", "35510", "35135", "35740", "35760", "35830",
        ],
    },
];

/// A postal code near the school (Zipf-like: the nearest districts first),
/// or, now and then, from elsewhere in France.
pub(crate) fn postal_code(rng: &mut ChaCha8Rng, dept: &Departement) -> String {
    if chance(rng, 0.04) {
        let other = pick(rng, DEPARTEMENTS);
        return pick(rng, other.postal_codes).to_string();
    }
    let weights: Vec<u32> = (0..dept.postal_codes.len())
        .map(|rank| 1_000 / (rank as u32 + 2))
        .collect();
    dept.postal_codes[pick_weighted(rng, &weights)].to_string()
}

/// A UAI code: 3-digit département, 4 digits, and the check letter
/// (the 7 digits modulo 23, in `ABCDEFGHJKLMNPRSTUVWXYZ`).
pub(crate) fn uai(rng: &mut ChaCha8Rng, dept: &Departement) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let serial = rng.gen_range(100..10_000u32);
    let digits = format!("{}{serial:04}", dept.uai_prefix);
    let number: u32 = digits.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    let letter = LETTERS[(number % 23) as usize] as char;
    format!("{digits}{letter}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn uai_has_the_check_letter_of_its_digits() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..50 {
            let code = uai(&mut rng, &DEPARTEMENTS[0]);
            assert_eq!(code.len(), 8);
            assert!(code.starts_with("013"));
            let number: u32 = code[..7].parse().unwrap_or(0);
            let expected = b"ABCDEFGHJKLMNPRSTUVWXYZ"[(number % 23) as usize] as char;
            assert_eq!(code.chars().last(), Some(expected));
        }
    }

    #[test]
    fn frequent_last_names_recur() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let names: Vec<String> = (0..2000)
            .map(|_| last_name(&mut rng, Origin::French))
            .collect();
        let martins = names.iter().filter(|n| *n == "MARTIN").count();
        let tail = names.iter().filter(|n| *n == "THIBAULT").count();
        assert!(martins >= 6, "MARTIN drawn {martins} times");
        assert!(martins > tail * 2, "MARTIN {martins}, THIBAULT {tail}");
    }
}
