//! The supervision report as one self-contained HTML page, for the
//! administrator's browser or printer: the personal-data notice, the run's
//! thresholds, a chart per population (Pronote users and ENT accounts, by
//! outcome), the estimated reliability with the histogram of the scores
//! (`reliability`), and the accounts to act on with their nearest
//! candidates. In: a `Summary`, `Row`s and the thresholds (as `json`).
//! Out: bytes.
//!
//! Nothing is loaded from elsewhere: the CSS and the script are inline, the
//! charts are inline SVG, and a Content-Security-Policy forbids any request
//! and lets only this page's own style and script run (by their hashes), so
//! a name that slipped through the escaping still could not run code. The
//! page reads the same without the script, which only adds the filters and
//! the sorting. Every value from the files goes through [`escape`].

use crate::config::status_name;
use crate::model::Population;
use crate::outcome::Status;
use crate::report::summary::{Counts, Summary, population_label};
use crate::report::{CandidateLine, PERSONAL_DATA_NOTICE, Row, Side, score_text};
use crate::sanitize;
use crate::state::Thresholds;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::borrow::Cow;

mod reliability;

const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");
const TITLE: &str = "Supervision du rapprochement ENT – Pronote";

/// The value of a row's `data-population` for accounts of no population.
const NO_POPULATION: &str = "sans-population";

/// The columns of the accounts table: label, and how the script sorts it.
const COLUMNS: [(&str, &str); 10] = [
    ("Source", "texte"),
    ("Population", "texte"),
    ("Statut", "texte"),
    ("Nom", "texte"),
    ("Prénom", "texte"),
    ("Né(e) le", "texte"),
    ("Code postal", "texte"),
    ("Classe", "texte"),
    ("Identifiant", "texte"),
    ("Candidats les plus proches", "nombre"),
];

/// Text from the files, made safe for HTML text and attribute values:
/// hidden characters made visible first (`sanitize::field`: a bidi override
/// must not reorder a name), then the five HTML metacharacters escaped.
pub fn escape(text: &str) -> Cow<'_, str> {
    let visible = sanitize::field(text);
    if !visible.contains(['&', '<', '>', '"', '\'']) {
        return visible;
    }
    let mut out = String::with_capacity(visible.len() + 16);
    for c in visible.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Renders the page.
pub fn render(summary: &Summary, rows: &[Row], thresholds: &Thresholds) -> Vec<u8> {
    let mut page = String::with_capacity(STYLE.len() + SCRIPT.len() + 4096 + rows.len() * 900);
    page.push_str(&head());
    page.push_str("<body>\n<header>\n");
    page.push_str(&format!("<h1>{TITLE}</h1>\n"));
    page.push_str(&format!(
        "<p class=\"avertissement\" role=\"note\"><strong>Attention :</strong> {}</p>\n",
        escape(PERSONAL_DATA_NOTICE)
    ));
    page.push_str(&thresholds_line(thresholds));
    page.push_str("</header>\n<main>\n");
    page.push_str(&charts(summary));
    page.push_str(&reliability::section(summary, thresholds));
    page.push_str(&accounts(rows));
    page.push_str("</main>\n");
    page.push_str(&format!(
        "<footer>\n<p>Rapport produit par rapproche {} sur ce poste, sans aucun envoi. {}</p>\n</footer>\n",
        env!("CARGO_PKG_VERSION"),
        escape(PERSONAL_DATA_NOTICE)
    ));
    page.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    page.into_bytes()
}

/// `'sha256-…'`, the CSP source that allows one inline block.
fn csp_hash(block: &str) -> String {
    let digest = Sha256::digest(block.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn head() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src {}; script-src {}; img-src data:; form-action 'none'; base-uri 'none'\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <title>{TITLE}</title>\n<style>{STYLE}</style>\n</head>\n",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    )
}

fn thresholds_line(t: &Thresholds) -> String {
    format!(
        "<p class=\"seuils\">Seuils de ce rapprochement : score minimal <strong>{}</strong>, \
         écart minimal avec le candidat suivant <strong>{}</strong> ; un compte dont le \
         meilleur candidat reste sous <strong>{}</strong> est « non rapproché » plutôt \
         qu'« à vérifier ». Les scores sont en bits : plus ils sont hauts, plus les deux \
         fiches se ressemblent.</p>\n",
        score_text(t.accept),
        score_text(t.margin),
        score_text(t.review_floor)
    )
}

/// One outcome in a chart: CSS class (the status name), label, count.
struct Segment {
    class: &'static str,
    label: &'static str,
    count: usize,
}

/// The Pronote side and the ENT side of a population, by outcome. The
/// yearly cycle's outcomes (manual decisions, existing identifiers kept,
/// users without an ENT account) only when the population has some, so that
/// a first run's chart stays as it was.
fn sides(c: &Counts) -> [(&'static str, Vec<Segment>); 2] {
    let segments = |review: usize, excluded: usize, unmatched: usize| {
        [
            (Status::Exact, "Exact", c.exact),
            (Status::Fuzzy, "Approché", c.fuzzy),
            (Status::Manual, "Décision", c.manual),
            (Status::Kept, "Existant", c.kept),
            (Status::Review, "À vérifier", review),
            (Status::Excluded, "Sans compte ENT", excluded),
            (Status::Unmatched, "Non rapproché", unmatched),
        ]
        .into_iter()
        .filter(|(status, _, _)| match status {
            Status::Manual => c.manual > 0,
            Status::Kept => c.kept > 0,
            Status::Excluded => c.excluded > 0,
            _ => true,
        })
        .map(|(status, label, count)| Segment {
            class: status_name(status),
            label,
            count,
        })
        .collect()
    };
    [
        (
            "Pronote",
            segments(c.review, c.excluded, c.unmatched_pronote),
        ),
        (
            "ENT",
            segments(
                c.review_ent,
                0,
                c.unmatched_ent.saturating_sub(c.review_ent),
            ),
        ),
    ]
}

fn charts(summary: &Summary) -> String {
    let mut out = String::from(
        "<section id=\"bilan\">\n<h2>Bilan par population</h2>\n<p class=\"discret\">\
         <strong>Exact</strong> : rapproché sur des nom, prénom et date de naissance (ou code \
         postal) identiques. <strong>Approché</strong> : rapproché par comparaison, le meilleur \
         candidat nettement devant les autres. <strong>À vérifier</strong> : des candidats, \
         mais aucun assez sûr ; à trancher à la main. <strong>Non rapproché</strong> : aucun \
         candidat. Un compte ENT à vérifier ou non rapproché n'a pas d'utilisateur Pronote.</p>\n",
    );
    if summary.lines.is_empty() {
        out.push_str("<p>Aucun compte dans le résultat pour ces critères.</p>\n</section>\n");
        return out;
    }
    out.push_str("<div class=\"populations\">\n");
    for line in &summary.lines {
        out.push_str(&chart(population_label(line.population), &line.counts));
    }
    if summary.lines.len() > 1 {
        out.push_str(&chart("Total", &summary.total));
    }
    out.push_str("</div>\n</section>\n");
    out
}

/// A population's figure: a bar per side, then the same counts as a table
/// (read by screen readers and on paper).
fn chart(title: &str, counts: &Counts) -> String {
    let sides = sides(counts);
    let mut out = format!(
        "<figure class=\"population\">\n<figcaption><h3>{}</h3>\
         <span class=\"discret\">{} utilisateur{} Pronote, {} compte{} ENT</span></figcaption>\n\
         <div class=\"barres\" aria-hidden=\"true\">\n",
        escape(title),
        counts.pronote_users,
        plural(counts.pronote_users),
        counts.ent_accounts,
        plural(counts.ent_accounts),
    );
    for (side, segments) in &sides {
        let total: usize = segments.iter().map(|s| s.count).sum();
        out.push_str(&format!(
            "<span class=\"cote\">{side}</span>{}<span class=\"total\">{total}</span>\n",
            bar(side, segments, total)
        ));
    }
    out.push_str("</div>\n<table class=\"chiffres\">\n<thead><tr><td></td>");
    for segment in &sides[0].1 {
        out.push_str(&format!(
            "<th scope=\"col\"><svg class=\"pastille\" viewBox=\"0 0 10 10\" aria-hidden=\"true\">\
             <rect class=\"{}\" width=\"10\" height=\"10\" rx=\"2\"/></svg>{}</th>",
            segment.class, segment.label
        ));
    }
    out.push_str("<th scope=\"col\">Total</th></tr></thead>\n<tbody>\n");
    for (side, segments) in &sides {
        out.push_str(&format!("<tr><th scope=\"row\">{side}</th>"));
        for segment in segments {
            let zero = if segment.count == 0 {
                " class=\"zero\""
            } else {
                ""
            };
            out.push_str(&format!("<td{zero}>{}</td>", segment.count));
        }
        let total: usize = segments.iter().map(|s| s.count).sum();
        out.push_str(&format!("<td>{total}</td></tr>\n"));
    }
    out.push_str("</tbody>\n</table>\n</figure>\n");
    out
}

/// A horizontal stacked bar, 1000 units wide, stretched to the column.
fn bar(side: &str, segments: &[Segment], total: usize) -> String {
    let mut out = String::from(
        "<svg class=\"barre\" viewBox=\"0 0 1000 20\" preserveAspectRatio=\"none\" \
         xmlns=\"http://www.w3.org/2000/svg\">",
    );
    if total == 0 {
        out.push_str(
            "<rect class=\"vide\" width=\"1000\" height=\"20\"><title>aucun</title></rect>",
        );
    }
    let mut x = 0.0;
    for segment in segments.iter().filter(|s| s.count > 0) {
        let width = 1000.0 * segment.count as f64 / total as f64;
        out.push_str(&format!(
            "<rect class=\"{}\" x=\"{x:.1}\" width=\"{width:.1}\" height=\"20\">\
             <title>{side} – {} : {} ({} %)</title></rect>",
            segment.class,
            segment.label,
            segment.count,
            (100.0 * segment.count as f64 / total as f64).round()
        ));
        x += width;
    }
    out.push_str("</svg>");
    out
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

fn accounts(rows: &[Row]) -> String {
    let to_act_on = rows.iter().all(|r| !r.status.is_linked());
    let mut out = String::from("<section id=\"comptes\">\n");
    if to_act_on {
        out.push_str(
            "<h2>Comptes à traiter</h2>\n<p>Les comptes à vérifier ou non rapprochés, côté \
             Pronote et côté ENT, avec leurs candidats les plus proches : identifiant, score \
             et ce qui diffère. Pour le détail d'un compte : \
             <code>rapproche explain IDENTIFIANT</code>.</p>\n",
        );
    } else {
        out.push_str("<h2>Comptes</h2>\n");
    }
    if rows.is_empty() {
        out.push_str("<p>Aucun compte ne correspond à ces critères.</p>\n</section>\n");
        return out;
    }
    out.push_str(&filters(rows));
    out.push_str(
        "<div class=\"defilement\">\n<table class=\"comptes\" id=\"table-comptes\">\n<thead><tr>",
    );
    for (label, kind) in COLUMNS {
        out.push_str(&format!(
            "<th scope=\"col\" data-type=\"{kind}\">{label}</th>"
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str(&account_row(row));
    }
    out.push_str(&format!(
        "</tbody>\n</table>\n</div>\n\
         <p id=\"aucun-compte-filtre\" hidden>Aucun compte ne correspond à ces filtres.</p>\n\
         <p class=\"discret\">{} compte{} au total.</p>\n</section>\n",
        rows.len(),
        plural(rows.len())
    ));
    out
}

/// The filter bar, hidden until the script shows it (it does nothing
/// without the script). Only the values present in the rows are offered.
fn filters(rows: &[Row]) -> String {
    let mut populations: Vec<Option<Population>> = Vec::new();
    let mut statuses: Vec<Status> = Vec::new();
    for row in rows {
        if !populations.contains(&row.population) {
            populations.push(row.population);
        }
        if !statuses.contains(&row.status) {
            statuses.push(row.status);
        }
    }
    populations.sort_by_key(|p| (p.is_none(), *p));
    statuses.sort();
    let mut out = String::from(
        "<form id=\"filtres\" hidden aria-label=\"Filtres\">\n\
         <label>Population<select name=\"population\"><option value=\"\">Toutes</option>",
    );
    for population in populations {
        out.push_str(&format!(
            "<option value=\"{}\">{}</option>",
            population_value(population),
            population_label(population)
        ));
    }
    out.push_str(
        "</select></label>\n<label>Statut<select name=\"statut\"><option value=\"\">Tous</option>",
    );
    for status in statuses {
        out.push_str(&format!(
            "<option value=\"{}\">{}</option>",
            status_name(status),
            status.label()
        ));
    }
    out.push_str(
        "</select></label>\n<label>Source<select name=\"source\"><option value=\"\">Pronote et ENT</option>\
         <option value=\"pronote\">Pronote</option><option value=\"ent\">ENT</option></select></label>\n\
         <label>Rechercher<input type=\"search\" name=\"recherche\" placeholder=\"nom, classe, identifiant…\"></label>\n\
         <button type=\"button\" id=\"filtres-effacer\">Effacer les filtres</button>\n\
         <output id=\"nombre-affiches\" aria-live=\"polite\"></output>\n</form>\n",
    );
    out
}

fn population_value(population: Option<Population>) -> &'static str {
    population.map_or(NO_POPULATION, Population::cli_name)
}

fn account_row(row: &Row) -> String {
    let status = status_name(row.status);
    let source = match row.side {
        Side::Pronote => "pronote",
        Side::Ent => "ent",
    };
    let mut out = format!(
        "<tr data-population=\"{}\" data-statut=\"{status}\" data-source=\"{source}\">\
         <td>{}</td><td>{}</td><td><span class=\"statut {status}\">{}</span></td>\
         <td class=\"nom\">{}</td><td>{}</td><td data-tri=\"{}\">{}</td><td>{}</td><td>{}</td>",
        population_value(row.population),
        row.side.label(),
        population_label(row.population),
        row.status.label(),
        escape(&row.last_name),
        escape(&row.given_names),
        escape(&date_key(&row.birth_date)),
        escape(&row.birth_date),
        escape(&row.postal_code),
        escape(&row.class),
    );
    out.push_str(&identifiers(row));
    let best = row
        .candidates
        .first()
        .map_or(f64::NEG_INFINITY, |c| c.score);
    // Rows without a candidate sort below any score.
    let key = if best.is_finite() { best } else { -1e9 };
    out.push_str(&format!(
        "<td data-tri=\"{key}\">{}</td></tr>\n",
        candidates(&row.candidates)
    ));
    out
}

/// The row's own id; both ids when the row is linked.
fn identifiers(row: &Row) -> String {
    let ids: Vec<String> = [("Pronote", &row.pronote_id), ("ENT", &row.ent_id)]
        .iter()
        .filter(|(_, id)| !id.is_empty())
        .map(|(side, id)| {
            let own = match row.side {
                Side::Pronote => *side == "Pronote",
                Side::Ent => *side == "ENT",
            };
            if own {
                escape(id).into_owned()
            } else {
                format!("<span class=\"discret\">{side} :</span> {}", escape(id))
            }
        })
        .collect();
    format!("<td class=\"id\">{}</td>", ids.join("<br>"))
}

fn candidates(list: &[CandidateLine]) -> String {
    if list.is_empty() {
        return "<span class=\"discret\">—</span>".to_string();
    }
    let mut out = String::from("<ol class=\"candidats\">");
    for c in list {
        out.push_str(&format!(
            "<li><code>{}</code> <span class=\"score\">{}</span>\
             <span class=\"raisons\">{}</span></li>",
            escape(&c.id),
            score_text(c.score),
            escape(&c.reasons.join(" ; "))
        ));
    }
    out.push_str("</ol>");
    out
}

/// `JJ/MM/AAAA` as `AAAAMMJJ`, so that dates sort by age; other text as is.
fn date_key(date: &str) -> Cow<'_, str> {
    let parts: Vec<&str> = date.split('/').collect();
    match parts.as_slice() {
        [d, m, y]
            if [d, m, y]
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
                && (d.len(), m.len(), y.len()) == (2, 2, 4) =>
        {
            Cow::Owned(format!("{y}{m}{d}"))
        }
        _ => Cow::Borrowed(date),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests;
