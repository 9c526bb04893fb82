//! Renders a [`Synthetic`] as the files administrators have: the ENT's
//! SDET/AAF XML export, one Pronote CSV list per population, and the
//! ground truth. Pure functions: they return bytes or text, the caller
//! writes (and encrypts with `age`, or re-encodes the CSV).
//!
//! The XML carries the quirks of real exports (FORMATS.md §1): a DOCTYPE
//! line, a comment, no indentation, empty `<value/>` and empty attributes
//! for absent fields, relation values with `$` flags. Which record gets
//! which quirk depends only on its position, so the output is a pure
//! function of the `Synthetic`.

use super::Synthetic;
use crate::model::{DateField, EntAccount, EntCategory, Population, PronoteUser, Text};
use std::fmt::Write as _;

/// The ENT export, UTF-8, one `addRequest` per account.
pub fn write_ent_xml(synthetic: &Synthetic) -> Vec<u8> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n");
    out.push_str("<ficAlimMENESR>\n<!-- versionAF=\"AAF-VE1301\" -->\n");
    for (i, account) in synthetic.accounts.iter().enumerate() {
        write_account(&mut out, i, account);
        if i % 50 == 49 {
            out.push('\n');
        }
    }
    out.push_str("</ficAlimMENESR>\n");
    out.into_bytes()
}

/// The 1-based line on which each account's `<addRequest>` starts in
/// [`write_ent_xml`]'s output.
pub fn record_lines(synthetic: &Synthetic) -> Vec<u64> {
    let xml = write_ent_xml(synthetic);
    let mut lines = Vec::with_capacity(synthetic.accounts.len());
    for (n, line) in xml.split(|b| *b == b'\n').enumerate() {
        if line == b"<addRequest>" {
            lines.push(n as u64 + 1);
        }
    }
    lines
}

fn write_account(out: &mut String, i: usize, a: &EntAccount) {
    let category = match &a.category {
        Some(EntCategory::Eleve) => "Eleve",
        Some(EntCategory::PersRelEleve) => "PersRelEleve",
        Some(EntCategory::PersEducNat) => "PersEducNat",
        Some(EntCategory::Other(other)) => other.as_str(),
        None => "",
    };
    out.push_str("<addRequest>\n<operationalAttributes>");
    attr(out, "categoriePersonne", &[category]);
    out.push_str("</operationalAttributes>\n");
    let _ = writeln!(out, "<identifier><id>{}</id></identifier>", escape(&a.id.0));
    out.push_str("<attributes>\n");
    // An absent field is left out, or written empty, depending on the record.
    let absent = |out: &mut String, name: &str| match i % 7 {
        0 => {
            let _ = writeln!(out, "<attr name=\"{name}\"><value/></attr>");
        }
        3 => {
            let _ = writeln!(out, "<attr name=\"{name}\"></attr>");
        }
        _ => {}
    };
    let login: Vec<&str> = a.login.iter().map(Text::as_str).collect();
    attr_line(out, "ENTPersonLogin", &login);
    attr_line(out, "sn", &[a.last_name.as_str()]);
    attr_line(out, "givenName", &[a.given_name.as_str()]);
    let others: Vec<&str> = a.other_given_names.iter().map(|p| p.as_str()).collect();
    if others.is_empty() {
        absent(out, "ENTPersonAutresPrenoms");
    } else {
        attr_line(out, "ENTPersonAutresPrenoms", &others);
    }
    match &a.birth_name {
        Some(name) => attr_line(out, "ENTPersonNomPatro", &[name.as_str()]),
        None => absent(out, "ENTPersonNomPatro"),
    }
    match &a.birth_date {
        DateField::Valid(date) => attr_line(out, "ENTPersonDateNaissance", &[&date.to_string()]),
        DateField::Invalid(text) => attr_line(out, "ENTPersonDateNaissance", &[text]),
        DateField::Absent => absent(out, "ENTPersonDateNaissance"),
    }
    if !a.profiles.is_empty() {
        let profiles: Vec<&str> = a.profiles.iter().map(Text::as_str).collect();
        attr_line(out, "ENTPersonProfils", &profiles);
    }
    match &a.postal_code {
        Some(code) => attr_line(out, "ENTPersonCodePostal", &[code]),
        None => absent(out, "ENTPersonCodePostal"),
    }
    let uais: Vec<&str> = a.establishments.iter().map(Text::as_str).collect();
    attr_line(out, "ENTPersonStructRattach", &uais);
    if !a.classes.is_empty() {
        let uai = a.establishments.first().map_or("", Text::as_str);
        let classes: Vec<String> = a.classes.iter().map(|c| format!("{uai}${c}")).collect();
        let classes: Vec<&str> = classes.iter().map(String::as_str).collect();
        attr_line(out, "ENTEleveClasses", &classes);
    }
    if !a.relatives.is_empty() {
        match a.category {
            Some(EntCategory::Eleve) => {
                // Real exports append `$relation$flags...` to some ids.
                let values: Vec<String> = a
                    .relatives
                    .iter()
                    .enumerate()
                    .map(|(k, id)| {
                        if (i + k) % 3 == 0 {
                            format!("{}$2$1$1$0$0", id.0)
                        } else {
                            id.0.to_string()
                        }
                    })
                    .collect();
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                attr_line(out, "ENTElevePersRelEleve", &values);
            }
            _ => {
                let values: Vec<&str> = a.relatives.iter().map(|id| id.0.as_str()).collect();
                attr_line(out, "ENTAuxPersRelEleveEleve", &values);
            }
        }
    }
    if let Some(teaches) = a.teaches {
        attr_line(
            out,
            "PersEducNatPresenceDevantEleves",
            &[if teaches { "O" } else { "N" }],
        );
    }
    let title: Vec<&str> = a.title.iter().map(Text::as_str).collect();
    attr_line(out, "personalTitle", &title);
    out.push_str("</attributes>\n</addRequest>\n");
}

fn attr_line(out: &mut String, name: &str, values: &[&str]) {
    if values.is_empty() {
        return;
    }
    attr(out, name, values);
    out.push('\n');
}

fn attr(out: &mut String, name: &str, values: &[&str]) {
    let _ = write!(out, "<attr name=\"{name}\">");
    for value in values {
        let _ = write!(out, "<value>{}</value>", escape(value));
    }
    out.push_str("</attr>");
}

/// XML text escaping, apostrophes and quotes included.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// One Pronote list, with the client's French labels, `;`-separated,
/// CRLF line ends (the caller chooses the encoding).
pub fn write_pronote_csv(synthetic: &Synthetic, population: Population) -> String {
    let users = synthetic
        .users
        .iter()
        .filter(|u| u.population == population);
    write_rows(users, population)
}

/// The Pronote list numbered `list` (`PronoteUser::list`: with
/// `SynthConfig::regional`, one establishment's users of one population),
/// as [`write_pronote_csv`] writes it.
pub fn write_pronote_list(synthetic: &Synthetic, list: usize) -> String {
    let population = Population::ALL[list % Population::ALL.len()];
    let users = synthetic.users.iter().filter(|u| u.list == list);
    write_rows(users, population)
}

fn write_rows<'a>(users: impl Iterator<Item = &'a PronoteUser>, population: Population) -> String {
    let columns: &[&str] = match population {
        Population::Eleves => &[
            "Nom",
            "Prénom",
            "Né(e) le",
            "Classe",
            "Identifiant PRONOTE-ENT",
        ],
        Population::Responsables => &[
            "Civilité",
            "Nom",
            "Prénom",
            "Né(e) le",
            "C.P.",
            "Élèves",
            "Identifiant PRONOTE-ENT",
        ],
        _ => &[
            "Civilité",
            "Nom",
            "Prénom",
            "Né(e) le",
            "Identifiant PRONOTE-ENT",
        ],
    };
    let mut out = String::new();
    push_row(&mut out, columns.iter().map(|c| c.to_string()));
    for user in users {
        push_row(&mut out, columns.iter().map(|c| cell(user, c)));
    }
    out
}

fn cell(user: &PronoteUser, column: &str) -> String {
    match column {
        "Civilité" => user.civility.as_deref().unwrap_or_default().to_string(),
        "Nom" => user.last_name.as_str().to_string(),
        "Prénom" => user.given_names.as_str().to_string(),
        "Né(e) le" => match &user.birth_date {
            DateField::Valid(date) => date.to_string(),
            DateField::Invalid(text) => text.clone(),
            DateField::Absent => String::new(),
        },
        "Classe" => user.class.as_deref().unwrap_or_default().to_string(),
        "C.P." => user.postal_code.as_deref().unwrap_or_default().to_string(),
        "Élèves" => user
            .children
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        "Identifiant PRONOTE-ENT" => user
            .id
            .as_ref()
            .map(|id| id.0.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.collect();
    crate::output::push_record(out, cells.iter().map(String::as_str), b';');
    out.push_str("\r\n");
}

/// The ground truth: `Identifiant PRONOTE-ENT;Identifiant ENT` for every
/// user, the ENT id empty when the user has no account.
pub fn write_truth(synthetic: &Synthetic) -> String {
    let mut out = String::from("Identifiant PRONOTE-ENT;Identifiant ENT\r\n");
    for (user, truth) in synthetic.users.iter().zip(&synthetic.truth) {
        let pronote = user.id.as_ref().map_or("", |id| id.0.as_str());
        let ent = truth
            .and_then(|t| synthetic.accounts.get(t))
            .map_or("", |a| a.id.0.as_str());
        let _ = write!(out, "{pronote};{ent}\r\n");
    }
    out
}
