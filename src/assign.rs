//! Safe one-to-one assignment (issue 3, "Assignment"). A pair is linked only
//! when (1) no hard rule forbids it (`veto`: the traps that tuned
//! record-linkage tools fall into), (2) its score reaches the acceptance
//! threshold, and (3) it beats every rival, on either side, by the margin:
//! the user's next candidate and the account's next candidate. Links are
//! therefore mutual best choices within each connected group of candidates,
//! and no link is made "because it is what is left": a user whose best
//! account is taken goes to review, not to its second choice.

use crate::engine::MatchSettings;
use crate::outcome::Status;
use crate::score::levels::{Agreement, DateLevel, GivenLevel, LastLevel};
use crate::score::{ChildrenEvidence, Levels, PairScore};

/// The kind of pool, which decides what corroborates a doubtful field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolKind {
    Students,
    Parents,
    Staff,
}

/// Facts about the two records of a pair that are not in the pair's levels.
#[derive(Clone, Copy, Debug, Default)]
pub struct PairContext {
    /// The account or the user has a twin on its side (same last name and
    /// birth date, another given name): only an exact given name links.
    pub twin: bool,
    /// A birth date on either side is not a valid date.
    pub invalid_date: bool,
    /// A Pronote parent whose row names no child.
    pub no_children_listed: bool,
    /// The pair's score falls short of `accept + names_only_extra(pool)`.
    pub names_only_short_of_extra: bool,
    /// The pair's score falls short of `accept + names_only_extra(pool) + 2`.
    pub staff_names_only_short: bool,
}

/// Extra score, in bits, asked of a parent link resting on names and
/// postal code alone (no birth date, no linked child). Homonyms of the same
/// town multiply with the size of the directory, and names and places are
/// not independent (the score assumes they are): the extra grows with the
/// pool: none up to 512 records, 2 bits for a school's parents (~2,000),
/// 6 for 32,000 and more.
pub fn names_only_extra(pool_size: usize) -> f64 {
    ((pool_size.max(1) as f64).log2() - 9.0).clamp(0.0, 6.0)
}

/// The hard rules: returns why this pair may never be linked automatically.
pub fn veto(levels: &Levels, kind: PoolKind, context: PairContext) -> Option<&'static str> {
    use Agreement::*;
    if context.invalid_date {
        return Some("date de naissance illisible : à vérifier");
    }
    if levels.children == ChildrenEvidence::Conflict {
        return Some("les enfants sont rapprochés à d'autres comptes");
    }
    if levels.children == ChildrenEvidence::NamedOtherwise && levels.date != DateLevel::Exact {
        return Some("enfants nommés autrement des deux côtés : sans doute une autre famille");
    }
    if levels.gender == Different {
        return Some("civilités différentes");
    }
    // Given names two typing errors apart: only when the rest leaves no
    // room for the other parent or a namesake. Never for students: a twin
    // with one row on each side (Romane, Louane) has the same name, date
    // and class.
    let given_two_typos_tied = matches!(levels.last, LastLevel::Exact | LastLevel::BirthName)
        && !levels.swapped_names
        && match kind {
            PoolKind::Students => false,
            PoolKind::Parents => {
                matches!(levels.children, ChildrenEvidence::Shared(_)) && levels.gender == Equal
            }
            PoolKind::Staff => levels.date == DateLevel::Exact && levels.gender == Equal,
        };
    match levels.given {
        GivenLevel::Different => return Some("prénoms différents"),
        GivenLevel::TwoTypos if !given_two_typos_tied => {
            return Some("prénoms à deux fautes de frappe, sans autre preuve");
        }
        GivenLevel::Missing => return Some("prénom absent"),
        // Daniel and Danielle: two parents of the same children, unless
        // the civilities agree (the other parent's would not).
        GivenLevel::GenderVariant
            if !(kind == PoolKind::Parents
                && matches!(levels.children, ChildrenEvidence::Shared(_))
                && levels.gender == Equal) =>
        {
            return Some("prénoms masculin et féminin (souvent deux personnes)");
        }
        _ => {}
    }
    // An adult may appear under another last name (married, divorced):
    // allowed only when something much stronger than a name ties the two:
    // the same children, or the same first name and birth date for staff.
    let other_name_allowed = match kind {
        // The other parent of the same children may bear the same given
        // name (two fathers named Philippe): the postal code must agree too.
        PoolKind::Parents => {
            matches!(levels.children, ChildrenEvidence::Shared(_)) && levels.postal == Equal
        }
        PoolKind::Staff => levels.date == DateLevel::Exact,
        PoolKind::Students => false,
    } && levels.given == GivenLevel::Exact
        && levels.gender != Different;
    match levels.last {
        LastLevel::Different if !other_name_allowed => return Some("noms différents"),
        LastLevel::Missing => return Some("nom absent"),
        _ => {}
    }
    // Names typed the wrong way round: the given names were compared with
    // the other record's last-name field (`levels.last`).
    let given_names_exact = levels.given == GivenLevel::Exact
        && !(levels.swapped_names && levels.last != LastLevel::Exact);
    if context.twin && !given_names_exact {
        return Some("jumeau ou jumelle possible : seul un prénom identique suffit");
    }
    let exact_names = matches!(levels.last, LastLevel::Exact | LastLevel::BirthName)
        && levels.given == GivenLevel::Exact;
    let one_name_typo = !levels.swapped_names
        && levels.gender == Equal
        && matches!(
            (levels.last, levels.given),
            (LastLevel::Exact | LastLevel::BirthName, GivenLevel::Typo)
                | (LastLevel::Typo, GivenLevel::Exact)
        );
    let fuzzy_fields = [
        !matches!(levels.last, LastLevel::Exact | LastLevel::BirthName),
        // (a different last name, when allowed, counts here too)
        levels.given != GivenLevel::Exact,
        matches!(levels.date, DateLevel::Swapped | DateLevel::OneDigit),
        levels.swapped_names,
    ]
    .iter()
    .filter(|&&f| f)
    .count();
    // Two approximate fields at once are allowed only when the family or
    // the class ties the pair; three never.
    let strongly_tied = match kind {
        PoolKind::Students => levels.class == Equal && !context.twin,
        PoolKind::Parents => matches!(levels.children, ChildrenEvidence::Shared(_)),
        PoolKind::Staff => false,
    };
    if fuzzy_fields > 2 || (fuzzy_fields == 2 && !strongly_tied) {
        return Some("plusieurs champs approchés à la fois");
    }
    let corroborated = match kind {
        PoolKind::Students => levels.class == Equal,
        PoolKind::Parents => {
            matches!(levels.children, ChildrenEvidence::Shared(_)) || levels.postal == Equal
        }
        // Staff lists often have no birth date: identical names, no rival
        // within the margin and the score decide.
        PoolKind::Staff => false,
    };
    match levels.date {
        DateLevel::Different => return Some("dates de naissance différentes"),
        // Staff have no class or child to corroborate: identical names and
        // civility are enough for a day and month typed the wrong way
        // round (a namesake whose date is the mirror of this one is far
        // rarer than a one-digit neighbour, which stays refused).
        DateLevel::Swapped
            if kind == PoolKind::Staff
                && exact_names
                && !levels.swapped_names
                && levels.gender == Equal => {}
        DateLevel::Swapped | DateLevel::OneDigit
            if !((exact_names || strongly_tied) && corroborated) =>
        {
            return Some(
                "date de naissance proche mais pas identique, sans autre preuve (classe, enfants)",
            );
        }
        DateLevel::Missing if kind == PoolKind::Students && !corroborated => {
            return Some("date de naissance absente, sans autre preuve");
        }
        // One typing error in one of the names, the other identical and
        // the civility agreeing: allowed on the stricter score below.
        DateLevel::Missing if kind == PoolKind::Staff && !exact_names && !one_name_typo => {
            return Some("date de naissance absente, sans autre preuve");
        }
        // Staff known by name alone: the same caution as for parents, and
        // a little more, since no postal code or child backs the names.
        DateLevel::Missing if kind == PoolKind::Staff && context.staff_names_only_short => {
            return Some("date de naissance absente : score insuffisant sur le nom seul");
        }
        _ => {}
    }
    // A parent who moved (another postal code) whose children, not linked,
    // are named alike on both sides: names and civility identical too.
    let moved_with_children_alike = matches!(levels.children, ChildrenEvidence::NamedAlike(_))
        && exact_names
        && !levels.swapped_names
        && levels.gender == Equal;
    if kind == PoolKind::Parents
        && levels.date != DateLevel::Exact
        && levels.postal != Equal
        && !matches!(levels.children, ChildrenEvidence::Shared(_))
        && !moved_with_children_alike
    {
        return Some("ni code postal ni enfant en commun");
    }
    // A parent row that names no child gives nothing to tell two parents
    // of the same name and postal code apart: the civility must agree too.
    if kind == PoolKind::Parents
        && context.no_children_listed
        && levels.children == ChildrenEvidence::Unknown
        && levels.date != DateLevel::Exact
        && levels.gender != Equal
    {
        return Some("aucun enfant indiqué ni civilité pour confirmer");
    }
    // Parents known only by name and postal code: in a large directory,
    // homonyms of the same town are common, and the fields are not
    // independent (names and places go together): ask for more.
    // A child of the same name at the same address ties the family enough.
    let family_tie = matches!(levels.children, ChildrenEvidence::Shared(_))
        || (matches!(levels.children, ChildrenEvidence::NamedAlike(_)) && levels.postal == Equal);
    if kind == PoolKind::Parents
        && levels.date != DateLevel::Exact
        && !family_tie
        && context.names_only_short_of_extra
    {
        return Some(
            "seulement le nom et le code postal : score insuffisant pour un parent sans enfant rapproché",
        );
    }
    // Names typed the wrong way round need a key that does not come from
    // the names: the date, the children, the class; for a parent, the
    // postal code and civility with both names identical once crossed
    // (the score, already short of the swap's weight, passed the extra
    // asked of names and postal code above).
    if levels.swapped_names
        && !(levels.date == DateLevel::Exact
            || matches!(levels.children, ChildrenEvidence::Shared(_))
            || (kind == PoolKind::Students
                && levels.class == Equal
                && matches!(levels.date, DateLevel::Missing | DateLevel::Swapped))
            || (kind == PoolKind::Parents
                && exact_names
                && levels.postal == Equal
                && levels.gender == Equal))
    {
        return Some("nom et prénom inversés, sans date identique");
    }
    None
}

/// Exact when names are identical and the key attribute agrees exactly
/// (the birth date, or for parents the postal code when no date is known).
pub fn status_of(levels: &Levels, kind: PoolKind) -> Status {
    let names = levels.last == LastLevel::Exact
        && levels.given == GivenLevel::Exact
        && !levels.swapped_names;
    let key = levels.date == DateLevel::Exact
        || (kind == PoolKind::Parents
            && levels.date == DateLevel::Missing
            && levels.postal == Agreement::Equal);
    if names && key {
        Status::Exact
    } else {
        Status::Fuzzy
    }
}

/// The decision on one candidate pair.
#[derive(Clone, Debug, PartialEq)]
pub struct PairDecision {
    pub linked: bool,
    pub reason: String,
}

/// Decides one pair given its best rival score on either side.
pub fn decide(
    pair: &PairScore,
    rival: Option<f64>,
    is_users_best: bool,
    is_accounts_best: bool,
    kind: PoolKind,
    context: PairContext,
    settings: &MatchSettings,
) -> PairDecision {
    let refuse = |reason: String| PairDecision {
        linked: false,
        reason,
    };
    if let Some(why) = veto(&pair.levels, kind, context) {
        return refuse(why.to_string());
    }
    if !is_users_best {
        return refuse("un autre candidat a un meilleur score".to_string());
    }
    if !is_accounts_best {
        return refuse("ce compte correspond mieux à un autre utilisateur".to_string());
    }
    if pair.score < settings.accept {
        return refuse(format!(
            "score {} sous le seuil d'acceptation {}",
            bits(pair.score),
            bits(settings.accept)
        ));
    }
    if let Some(rival) = rival {
        let gap = pair.score - rival;
        if gap < settings.margin {
            return refuse(format!(
                "écart insuffisant avec un autre candidat ({} < {})",
                bits(gap),
                bits(settings.margin)
            ));
        }
    }
    let reason = match status_of(&pair.levels, kind) {
        Status::Exact => "lien exact : nom, prénom et clé identiques, sans concurrent".to_string(),
        _ => format!(
            "lien approché : score {}, sans concurrent proche",
            bits(pair.score)
        ),
    };
    PairDecision {
        linked: true,
        reason,
    }
}

/// A score in French notation with one decimal.
pub fn bits(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(last: LastLevel, given: GivenLevel, date: DateLevel) -> Levels {
        Levels {
            last,
            given,
            swapped_names: false,
            date,
            postal: Agreement::Missing,
            class: Agreement::Missing,
            gender: Agreement::Missing,
            children: ChildrenEvidence::Unknown,
        }
    }

    #[test]
    fn hard_rules_against_the_known_traps() {
        use DateLevel as D;
        use GivenLevel as G;
        use LastLevel as L;
        let none = PairContext::default();
        let twin = PairContext { twin: true, ..none };
        let with_class = |mut l: Levels| {
            l.class = Agreement::Equal;
            l
        };
        let cases: Vec<(&str, Levels, PoolKind, PairContext, bool)> = vec![
            (
                "exact student",
                levels(L::Exact, G::Exact, D::Exact),
                PoolKind::Students,
                none,
                true,
            ),
            (
                "homonym one digit apart, no class",
                levels(L::Exact, G::Exact, D::OneDigit),
                PoolKind::Students,
                none,
                false,
            ),
            (
                "one digit apart, same class",
                with_class(levels(L::Exact, G::Exact, D::OneDigit)),
                PoolKind::Students,
                none,
                true,
            ),
            (
                "staff one digit apart",
                levels(L::Exact, G::Exact, D::OneDigit),
                PoolKind::Staff,
                none,
                false,
            ),
            (
                "twin with a close given name",
                levels(L::Exact, G::Typo, D::Exact),
                PoolKind::Students,
                twin,
                false,
            ),
            (
                "typo in given name, no twin",
                levels(L::Exact, G::Typo, D::Exact),
                PoolKind::Students,
                none,
                true,
            ),
            (
                "other parent: different given name",
                levels(L::Exact, G::Different, D::Missing),
                PoolKind::Parents,
                none,
                false,
            ),
            (
                "Jean / Jeanne",
                levels(L::Exact, G::GenderVariant, D::Missing),
                PoolKind::Parents,
                none,
                false,
            ),
            (
                "two fuzzy names",
                levels(L::Typo, G::Typo, D::Exact),
                PoolKind::Students,
                none,
                false,
            ),
            (
                "different dates",
                levels(L::Exact, G::Exact, D::Different),
                PoolKind::Students,
                none,
                false,
            ),
            (
                "parent with nothing but names",
                levels(L::Exact, G::Exact, D::Missing),
                PoolKind::Parents,
                none,
                false,
            ),
            (
                "invalid date",
                levels(L::Exact, G::Exact, D::Missing),
                PoolKind::Students,
                PairContext {
                    invalid_date: true,
                    ..none
                },
                false,
            ),
        ];
        for (name, l, kind, context, allowed) in cases {
            assert_eq!(
                veto(&l, kind, context).is_none(),
                allowed,
                "{name}: {:?}",
                veto(&l, kind, context)
            );
        }
    }

    #[test]
    fn what_corroborates_a_doubtful_field_once_other_fields_agree() {
        use Agreement::{Equal, Missing};
        use ChildrenEvidence as C;
        use DateLevel as D;
        use GivenLevel as G;
        use LastLevel as L;
        let none = PairContext::default();
        let short = PairContext {
            staff_names_only_short: true,
            ..none
        };
        // name, last, given, date, civility, postal code, children, pool, context, allowed
        #[rustfmt::skip]
        let cases = [
            ("Daniel / Danielle, their child, same civility", L::Exact, G::GenderVariant, D::Missing, Equal, Equal, C::Shared(1), PoolKind::Parents, none, true),
            ("Daniel / Danielle, their child, no civility", L::Exact, G::GenderVariant, D::Missing, Missing, Equal, C::Shared(1), PoolKind::Parents, none, false),
            ("Daniel / Danielle, same civility, no child", L::Exact, G::GenderVariant, D::Missing, Equal, Equal, C::Unknown, PoolKind::Parents, none, false),
            ("teacher, day and month swapped", L::Exact, G::Exact, D::Swapped, Equal, Missing, C::Unknown, PoolKind::Staff, none, true),
            ("teacher, day and month swapped, no civility", L::Exact, G::Exact, D::Swapped, Missing, Missing, C::Unknown, PoolKind::Staff, none, false),
            ("teacher, one digit apart", L::Exact, G::Exact, D::OneDigit, Equal, Missing, C::Unknown, PoolKind::Staff, none, false),
            ("teacher, no date, a typo in the last name", L::Typo, G::Exact, D::Missing, Equal, Missing, C::Unknown, PoolKind::Staff, none, true),
            ("teacher, no date, a typo, score short", L::Typo, G::Exact, D::Missing, Equal, Missing, C::Unknown, PoolKind::Staff, short, false),
            ("teacher, no date, a typo in each name", L::Typo, G::Typo, D::Missing, Equal, Missing, C::Unknown, PoolKind::Staff, none, false),
            ("teacher, no date, another given name", L::Exact, G::Partial, D::Missing, Equal, Missing, C::Unknown, PoolKind::Staff, none, false),
            ("parent moved, children named alike", L::Exact, G::Exact, D::Missing, Equal, Missing, C::NamedAlike(1), PoolKind::Parents, none, true),
            ("parent moved, children alike, no civility", L::Exact, G::Exact, D::Missing, Missing, Missing, C::NamedAlike(1), PoolKind::Parents, none, false),
            ("parent moved, children unknown", L::Exact, G::Exact, D::Missing, Equal, Missing, C::Unknown, PoolKind::Parents, none, false),
            ("renamed parent, their children, same postal code", L::Different, G::Exact, D::Missing, Equal, Equal, C::Shared(1), PoolKind::Parents, none, true),
            ("renamed parent, their children, moved", L::Different, G::Exact, D::Missing, Equal, Missing, C::Shared(1), PoolKind::Parents, none, false),
            ("children named otherwise", L::Exact, G::Exact, D::Missing, Equal, Equal, C::NamedOtherwise, PoolKind::Parents, none, false),
            ("children otherwise, the same couple", L::Exact, G::Exact, D::Missing, Equal, Equal, C::NamedOtherwiseSameCouple, PoolKind::Parents, none, true),
            ("Olivia / Olisia, their child, same civility", L::Exact, G::TwoTypos, D::Missing, Equal, Equal, C::Shared(1), PoolKind::Parents, none, true),
            ("Olivia / Olisia, no child", L::Exact, G::TwoTypos, D::Missing, Equal, Equal, C::Unknown, PoolKind::Parents, none, false),
            ("teacher Olivia / Olisia, same date", L::Exact, G::TwoTypos, D::Exact, Equal, Missing, C::Unknown, PoolKind::Staff, none, true),
        ];
        for (name, last, given, date, gender, postal, children, kind, context, allowed) in cases {
            let mut l = levels(last, given, date);
            l.gender = gender;
            l.postal = postal;
            l.children = children;
            assert_eq!(
                veto(&l, kind, context).is_none(),
                allowed,
                "{name}: {:?}",
                veto(&l, kind, context)
            );
        }
    }

    #[test]
    fn students_whose_given_names_are_two_typos_apart_stay_to_review() {
        // Romane and Louane, twins with one row on each side: the same last
        // name, date and class, and no twin on either side to warn.
        let mut l = levels(LastLevel::Exact, GivenLevel::TwoTypos, DateLevel::Exact);
        l.class = Agreement::Equal;
        assert!(veto(&l, PoolKind::Students, PairContext::default()).is_some());
    }

    #[test]
    fn names_typed_the_wrong_way_round_need_an_exact_date_or_the_class() {
        let none = PairContext::default();
        let mut l = levels(LastLevel::Exact, GivenLevel::Exact, DateLevel::Exact);
        l.swapped_names = true;
        assert!(veto(&l, PoolKind::Students, none).is_none(), "exact date");
        l.date = DateLevel::Missing;
        assert!(
            veto(&l, PoolKind::Students, none).is_some(),
            "no date, no class"
        );
        l.class = Agreement::Equal;
        assert!(
            veto(&l, PoolKind::Students, none).is_none(),
            "no date, same class"
        );
        l.date = DateLevel::OneDigit;
        l.class = Agreement::Missing;
        assert!(
            veto(&l, PoolKind::Students, none).is_some(),
            "close date, no class"
        );
        l.date = DateLevel::Missing;
        assert!(
            veto(&l, PoolKind::Staff, none).is_some(),
            "staff without a date"
        );
        l.date = DateLevel::Swapped;
        l.class = Agreement::Equal;
        assert!(
            veto(&l, PoolKind::Students, none).is_none(),
            "day and month swapped, same class"
        );
        // A parent: the postal code and the civility, with both names
        // identical once crossed.
        l.class = Agreement::Missing;
        l.date = DateLevel::Missing;
        l.postal = Agreement::Equal;
        assert!(
            veto(&l, PoolKind::Parents, none).is_some(),
            "parent, no civility"
        );
        l.gender = Agreement::Equal;
        assert!(
            veto(&l, PoolKind::Parents, none).is_none(),
            "parent, postal code and civility"
        );
        l.given = GivenLevel::Typo;
        assert!(
            veto(&l, PoolKind::Parents, none).is_some(),
            "parent, a typo besides"
        );
        // A twin: the given names, compared with the other record's
        // last-name field, must be identical there too.
        let twin = PairContext { twin: true, ..none };
        let mut l = levels(LastLevel::Exact, GivenLevel::Exact, DateLevel::Exact);
        l.swapped_names = true;
        l.class = Agreement::Equal;
        assert!(veto(&l, PoolKind::Students, twin).is_none(), "twin, exact");
        l.last = LastLevel::Partial;
        assert!(
            veto(&l, PoolKind::Students, twin).is_some(),
            "twin, one of the given names only"
        );
        l.last = LastLevel::Typo;
        assert!(
            veto(&l, PoolKind::Students, twin).is_some(),
            "twin, a typo in the given name"
        );
    }
}
