//! Children as evidence for parents (issue 4): once students are linked, a
//! Pronote parent whose children are linked to the children of an ENT parent
//! is very likely that parent; children linked elsewhere are evidence
//! against. Pronote names a parent's children (`Élèves` column, `NOM
//! Prénom`); the ENT gives ids both ways (`ENTAuxPersRelEleveEleve` on the
//! parent, `ENTElevePersRelEleve` on the student).

use crate::model::{EntAccount, EntId, Population, PronoteUser};
use crate::normalize::name::tokens;
use crate::score::ChildrenEvidence;
use std::collections::HashMap;
use strsim::damerau_levenshtein;

/// Children facts for one run.
#[derive(Debug, Default)]
pub struct Families {
    /// For each ENT account: the ENT accounts that are its children.
    children_of_account: HashMap<usize, Vec<usize>>,
    /// For each ENT student account: its parents' accounts.
    parents_of_student: HashMap<usize, Vec<usize>>,
    /// For each Pronote parent: the ENT student accounts its children are linked to.
    linked_children_of_user: HashMap<usize, Vec<usize>>,
    /// Every ENT account linked to a Pronote student, with that student.
    linked_students: HashMap<usize, usize>,
    /// For each Pronote student: the Pronote parents that list it.
    pronote_parents_of_student: HashMap<usize, Vec<usize>>,
    /// For each Pronote parent: its children's names, folded.
    child_names_of_user: HashMap<usize, Vec<String>>,
    /// For each ENT account: its children's names, folded (see `name_keys`).
    child_names_of_account: HashMap<usize, Vec<String>>,
    /// Per Pronote parent, per child named: the name's tokens.
    child_tokens_of_user: HashMap<usize, Vec<Vec<String>>>,
    /// Per ENT account, per child: every token of its names.
    child_tokens_of_account: HashMap<usize, Vec<Vec<String>>>,
    /// Pronote parents by the folded name of a child they list.
    pronote_parents_by_child_name: HashMap<String, Vec<usize>>,
    /// Per Pronote parent listing children: its `parent_name`.
    parent_name_of_user: HashMap<usize, String>,
    /// Per ENT parent of a child: its `parent_name`.
    parent_name_of_account: HashMap<usize, String>,
}

impl Families {
    /// Builds the facts from the inputs and the students' links
    /// (`student_links[user] = Some(account)`).
    pub fn new(
        accounts: &[EntAccount],
        users: &[PronoteUser],
        student_links: &[Option<usize>],
    ) -> Families {
        let by_id: HashMap<&EntId, usize> = accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        let mut families = Families::default();
        for (i, account) in accounts.iter().enumerate() {
            let is_student = account.populations.contains(&Population::Eleves);
            for relative in account
                .relatives
                .iter()
                .filter_map(|id| by_id.get(id).copied())
            {
                let (parent, child) = if is_student {
                    (relative, i)
                } else {
                    (i, relative)
                };
                push_unique(
                    families.children_of_account.entry(parent).or_default(),
                    child,
                );
                push_unique(
                    families.parents_of_student.entry(child).or_default(),
                    parent,
                );
            }
        }
        // Pronote students by "last name + given names" key, as the
        // children column writes them.
        let mut students_by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, user) in users.iter().enumerate() {
            if user.population == Population::Eleves {
                for key in student_keys(user) {
                    students_by_name.entry(key).or_default().push(i);
                }
            }
        }
        for (i, user) in users.iter().enumerate() {
            if user.population != Population::Responsables || user.children.is_empty() {
                continue;
            }
            let mut linked = Vec::new();
            families.child_tokens_of_user.insert(
                i,
                user.children.iter().map(|c| tokens(c.as_str())).collect(),
            );
            let child_names: Vec<String> = user
                .children
                .iter()
                .map(|c| tokens(c.as_str()).concat())
                .collect();
            for name in &child_names {
                push_unique(
                    families
                        .pronote_parents_by_child_name
                        .entry(name.clone())
                        .or_default(),
                    i,
                );
            }
            families.child_names_of_user.insert(i, child_names);
            families.parent_name_of_user.insert(
                i,
                parent_name(user.last_name.as_str(), user.given_names.as_str()),
            );
            for child in &user.children {
                let key = child_key(child.as_str());
                let Some(students) = students_by_name.get(&key) else {
                    continue;
                };
                // Two students with the same name: the child is ambiguous.
                if let [student] = students.as_slice() {
                    push_unique(
                        families
                            .pronote_parents_of_student
                            .entry(*student)
                            .or_default(),
                        i,
                    );
                    if let Some(account) = student_links.get(*student).copied().flatten() {
                        push_unique(&mut linked, account);
                    }
                }
            }
            if !linked.is_empty() {
                families.linked_children_of_user.insert(i, linked);
            }
        }
        for &parent in families.children_of_account.keys() {
            let account = &accounts[parent];
            families.parent_name_of_account.insert(
                parent,
                parent_name(account.last_name.as_str(), account.given_name.as_str()),
            );
        }
        for (&parent, children) in &families.children_of_account {
            let names = children
                .iter()
                .flat_map(|&c| name_keys(&accounts[c]))
                .collect();
            families.child_names_of_account.insert(parent, names);
            let all_tokens = children
                .iter()
                .map(|&c| {
                    let a = &accounts[c];
                    let mut all = tokens(a.last_name.as_str());
                    all.extend(tokens(a.given_name.as_str()));
                    for other in &a.other_given_names {
                        all.extend(tokens(other.as_str()));
                    }
                    all
                })
                .collect();
            families.child_tokens_of_account.insert(parent, all_tokens);
        }
        families.linked_students = student_links
            .iter()
            .enumerate()
            .filter_map(|(student, account)| Some(((*account)?, student)))
            .collect();
        families
    }

    /// The evidence the children give on a (Pronote parent, ENT parent) pair.
    pub fn evidence(&self, user: usize, account: usize) -> ChildrenEvidence {
        let children = self
            .children_of_account
            .get(&account)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let linked = self
            .linked_children_of_user
            .get(&user)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let shared = linked.iter().filter(|c| children.contains(c)).count();
        if shared > 0 {
            return ChildrenEvidence::Shared(shared);
        }
        if !linked.is_empty() && !children.is_empty() {
            // The user's children are linked, and the ENT names this
            // account's children: none of them is the user's.
            return ChildrenEvidence::Conflict;
        }
        if !linked.is_empty() {
            // The account names no child, but the ENT names the parents of
            // the user's linked children, and this account is not one of
            // them (relations are given both ways: FORMATS.md §1).
            let parents_known = linked.iter().any(|c| {
                self.parents_of_student
                    .get(c)
                    .is_some_and(|parents| !parents.is_empty())
            });
            return if parents_known {
                ChildrenEvidence::Conflict
            } else {
                ChildrenEvidence::Unknown
            };
        }
        // Nothing known of the user's children: the account's children,
        // once linked, may already have their Pronote parents, and this
        // user is not one of them.
        let spoken_for = children
            .iter()
            .filter_map(|c| self.linked_students.get(c))
            .any(|student| {
                self.pronote_parents_of_student
                    .get(student)
                    .is_some_and(|parents| !parents.contains(&user))
            });
        if spoken_for {
            ChildrenEvidence::Conflict
        } else {
            self.shared_by_name(user, account)
        }
    }

    /// Children not linked (a student missing from the lists, two students
    /// of the same name): the names the Pronote parent gives may still be
    /// the names of the ENT parent's children (weak evidence: see
    /// `ChildrenEvidence::NamedAlike`); or children on both sides, none
    /// alike: another family (`ChildrenEvidence::NamedOtherwise`).
    fn shared_by_name(&self, user: usize, account: usize) -> ChildrenEvidence {
        let (Some(named), Some(known)) = (
            self.child_names_of_user.get(&user),
            self.child_names_of_account.get(&account),
        ) else {
            return ChildrenEvidence::Unknown;
        };
        match named.iter().filter(|n| known.contains(n)).count() {
            0 if named.is_empty() || known.is_empty() => ChildrenEvidence::Unknown,
            // A typo in a child's name, names in another order: no
            // evidence against.
            0 if named
                .iter()
                .any(|n| known.iter().any(|k| damerau_levenshtein(n, k) <= 2))
                || self.children_alike_by_tokens(user, account) =>
            {
                ChildrenEvidence::Unknown
            }
            0 if self.children_left(account) && self.same_couple(user, account) => {
                ChildrenEvidence::NamedOtherwiseSameCouple
            }
            0 => ChildrenEvidence::NamedOtherwise,
            n => ChildrenEvidence::NamedAlike(n),
        }
    }

    /// No child of the ENT account is linked to a student of the lists:
    /// accounts of children who have left (the ENT keeps them a while).
    fn children_left(&self, account: usize) -> bool {
        self.children_of_account
            .get(&account)
            .is_some_and(|children| {
                children
                    .iter()
                    .all(|c| !self.linked_students.contains_key(c))
            })
    }

    /// The other parent agrees on both sides: a Pronote parent naming a
    /// child of the user's has the name (last name, first given name) of
    /// an ENT parent of a child of the account's. Two namesake parents of
    /// one town happen; two namesake couples do not.
    fn same_couple(&self, user: usize, account: usize) -> bool {
        let pronote_partners: Vec<&String> = self
            .child_names_of_user
            .get(&user)
            .into_iter()
            .flatten()
            .filter_map(|child| self.pronote_parents_by_child_name.get(child))
            .flatten()
            .filter(|&&other| other != user)
            .filter_map(|other| self.parent_name_of_user.get(other))
            .collect();
        self.children_of_account
            .get(&account)
            .into_iter()
            .flatten()
            .filter_map(|child| self.parents_of_student.get(child))
            .flatten()
            .filter(|&&other| other != account)
            .filter_map(|other| self.parent_name_of_account.get(other))
            .any(|name| pronote_partners.contains(&name))
    }

    /// True when a child named by the Pronote parent has its name's tokens
    /// (two of them, or all if fewer) among an ENT child's names, in any
    /// order, one letter off at most (`IRIS De Saint-Jean` for
    /// `DE SAINT-JEAN Iris Marie`, `TOM Dupotn` for `Dupont Tom`).
    fn children_alike_by_tokens(&self, user: usize, account: usize) -> bool {
        let (Some(named), Some(known)) = (
            self.child_tokens_of_user.get(&user),
            self.child_tokens_of_account.get(&account),
        ) else {
            return false;
        };
        named.iter().filter(|n| !n.is_empty()).any(|n| {
            known.iter().any(|k| {
                let common = n
                    .iter()
                    .filter(|t| {
                        k.iter()
                            .any(|x| x == *t || (t.len() >= 4 && damerau_levenshtein(t, x) <= 1))
                    })
                    .count();
                common >= n.len().min(2)
            })
        })
    }

    /// ENT parents of the students a Pronote parent's children are linked
    /// to: candidates found through the family (a blocking source).
    pub fn parent_candidates(&self, user: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for child in self
            .linked_children_of_user
            .get(&user)
            .into_iter()
            .flatten()
        {
            for parent in self.parents_of_student.get(child).into_iter().flatten() {
                push_unique(&mut out, *parent);
            }
        }
        out
    }
}

/// Keys under which a student may be named in a parent's children column:
/// `NOM Prénom` with every given name, or the first one only.
pub fn student_keys(user: &PronoteUser) -> Vec<String> {
    let last = tokens(user.last_name.as_str()).concat();
    let given = tokens(user.given_names.as_str());
    let mut keys = vec![format!("{last}{}", given.concat())];
    if let Some(first) = given.first() {
        push_unique(&mut keys, format!("{last}{first}"));
    }
    keys
}

/// Keys under which an ENT student may be named in a Pronote parent's
/// children column: last name with all given names, or the first only.
fn name_keys(account: &EntAccount) -> Vec<String> {
    let last = tokens(account.last_name.as_str()).concat();
    let first = tokens(account.given_name.as_str()).concat();
    let mut keys = vec![format!("{last}{first}")];
    let mut all = first.clone();
    for other in &account.other_given_names {
        let other = tokens(other.as_str()).concat();
        if other != first {
            all.push_str(&other);
        }
    }
    push_unique(&mut keys, format!("{last}{all}"));
    keys
}

/// A parent's name for telling couples apart: folded last name and first
/// given name (`MARQUES Jorge Luis` and `Marques Jorge` agree).
fn parent_name(last: &str, given: &str) -> String {
    let first = tokens(given).into_iter().next().unwrap_or_default();
    format!("{} {first}", tokens(last).concat())
}

/// The key of a child as a parent's children column names it (`NOM Prénom`).
pub fn child_key(name: &str) -> String {
    tokens(name).concat()
}

fn push_unique<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if !items.contains(&item) {
        items.push(item);
    }
}
