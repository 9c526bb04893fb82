//! Unit tests of the HTML report: escaping, the page's structure, and that
//! nothing in it reaches outside the file.

use super::*;
use crate::config::ReportFilter;
use crate::model::Personal;
use crate::report::{fixture, rows, summary::summarize};

fn page(filter: &ReportFilter) -> String {
    let state = fixture::state();
    let bytes = render(
        &summarize(&state, filter.population),
        &rows(&state, filter),
        &state.thresholds,
    );
    String::from_utf8(bytes).unwrap()
}

fn to_act_on() -> ReportFilter {
    ReportFilter {
        unmatched: true,
        ..ReportFilter::default()
    }
}

/// The text between `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap() + open.len();
    let end = text[start..].find(close).unwrap() + start;
    &text[start..end]
}

#[test]
fn escaping() {
    let cases = [
        ("plain", "DUPONT Léa", "DUPONT Léa"),
        ("ampersand", "A & B", "A &amp; B"),
        (
            "tag",
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        ),
        ("double quote", "Jean \"Jo\"", "Jean &quot;Jo&quot;"),
        ("apostrophe", "N'DIAYE", "N&#39;DIAYE"),
        (
            "attribute breakout",
            "x\" onmouseover=\"a",
            "x&quot; onmouseover=&quot;a",
        ),
        ("already escaped", "&lt;", "&amp;lt;"),
        ("escape sequence", "6C\u{1b}[31m", "6C\\u{1b}[31m"),
        ("bidi override", "abc\u{202e}def", "abc\\u{202e}def"),
        ("line break", "a\nb", "a\\nb"),
    ];
    for (name, input, expected) in cases {
        assert_eq!(escape(input), expected, "{name}");
    }
}

#[test]
fn hostile_names_stay_text() {
    let mut state = fixture::state();
    state.users[1].last_name = Personal::new("<img src=x onerror=alert(1)>");
    state.users[1].given_names = Personal::new("O'Brien \"Bob\" & Cie");
    let filter = to_act_on();
    let html = String::from_utf8(render(
        &summarize(&state, None),
        &rows(&state, &filter),
        &state.thresholds,
    ))
    .unwrap();
    assert!(!html.contains("<img"), "markup from a name");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("O&#39;Brien &quot;Bob&quot; &amp; Cie"));
    assert!(!html.contains('\u{1b}'), "escape sequence from a class");
}

#[test]
fn self_contained() {
    let html = page(&to_act_on());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.ends_with("</html>\n"));
    // The only URL is the SVG namespace, which is never fetched.
    let urls = html.matches("://").count();
    let namespaces = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    assert_eq!(urls, namespaces);
    for outside in [
        "src=\"",
        "url(",
        "@import",
        "<link rel=\"stylesheet",
        "<iframe",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn policy_allows_exactly_the_inline_blocks() {
    let html = page(&to_act_on());
    let policy = between(&html, "Content-Security-Policy\" content=\"", "\"");
    let style = between(&html, "<style>", "</style>");
    let script = between(&html, "<script>", "</script>");
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("<script>").count(), 1);
    assert!(policy.contains(&format!("style-src {};", csp_hash(style))));
    assert!(policy.contains(&format!("script-src {};", csp_hash(script))));
    // A hash as browsers compute it: SHA-256 in standard base64.
    assert_eq!(
        csp_hash("alert(1)"),
        "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    );
}

#[test]
fn structure() {
    let html = page(&to_act_on());
    for tag in [
        "html", "head", "body", "header", "main", "footer", "section", "table", "thead", "tbody",
        "tr", "td", "th", "figure", "svg", "select", "option", "form", "ol", "li", "p",
    ] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(opened, closed, "<{tag}> opened {opened}, closed {closed}");
    }
    assert!(html.contains(&format!(
        "<strong>Attention :</strong> {PERSONAL_DATA_NOTICE}"
    )));
    assert!(html.contains("score minimal <strong>12,0</strong>"));
    assert!(html.contains("<h2>Comptes à traiter</h2>"));
    // The filters do nothing without the script: hidden until it runs.
    assert!(html.contains("<form id=\"filtres\" hidden"));
}

#[test]
fn one_row_per_account_with_its_filter_keys() {
    let html = page(&to_act_on());
    let table = between(&html, "id=\"table-comptes\"", "</table>");
    let body = between(table, "<tbody>\n", "</tbody>");
    let keys: Vec<(&str, &str, &str)> = body
        .lines()
        .map(|line| {
            (
                between(line, "data-population=\"", "\""),
                between(line, "data-statut=\"", "\""),
                between(line, "data-source=\"", "\""),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("eleves", "a-verifier", "pronote"),
            ("eleves", "non-rapproche", "pronote"),
            ("eleves", "a-verifier", "ent"),
        ]
    );
    // Tom's row: his candidate, its score and why it was not linked.
    let tom = body.lines().next().unwrap();
    assert!(
        tom.contains("<code>ent-tom</code> <span class=\"score\">8,5</span>"),
        "{tom}"
    );
    assert!(
        tom.contains("Né(e) le : inversion jour/mois ; écart insuffisant"),
        "{tom}"
    );
    // The filters offer the values present, and no others.
    let statuses = between(&html, "<select name=\"statut\">", "</select>");
    assert_eq!(
        statuses,
        "<option value=\"\">Tous</option><option value=\"a-verifier\">à vérifier</option>\
         <option value=\"non-rapproche\">non rapproché</option>"
    );
    let populations = between(&html, "<select name=\"population\">", "</select>");
    assert!(populations.contains("value=\"eleves\">Élèves<"));
    assert!(!populations.contains("responsables"));
}

#[test]
fn a_chart_per_population_and_the_total() {
    let html = page(&to_act_on());
    let titles: Vec<&str> = html
        .split("<figcaption><h3>")
        .skip(1)
        .map(|part| &part[..part.find("</h3>").unwrap()])
        .collect();
    assert_eq!(titles, ["Élèves", "Responsables", "Total"]);
    // Students: 3 Pronote users (exact, review, unmatched), 2 ENT accounts
    // (exact, review): counts in the table and bars of matching widths.
    let students = between(&html, "<h3>Élèves</h3>", "</figure>");
    assert!(students.contains(
        "<tr><th scope=\"row\">Pronote</th><td>1</td><td class=\"zero\">0</td><td>1</td><td>1</td><td>3</td></tr>"
    ));
    assert!(students.contains(
        "<tr><th scope=\"row\">ENT</th><td>1</td><td class=\"zero\">0</td><td>1</td><td class=\"zero\">0</td><td>2</td></tr>"
    ));
    assert!(students.contains("<rect class=\"exact\" x=\"0.0\" width=\"333.3\""));
    assert!(students.contains("<rect class=\"a-verifier\" x=\"500.0\" width=\"500.0\""));
    // One population asked: its chart only, no total.
    let parents = page(&ReportFilter {
        population: Some(Population::Responsables),
        ..ReportFilter::default()
    });
    assert_eq!(parents.matches("<figure").count(), 1);
    assert!(parents.contains("<h2>Comptes</h2>"), "linked rows listed");
}

#[test]
fn empty_lists() {
    let html = page(&ReportFilter {
        population: Some(Population::Inspecteurs),
        ..ReportFilter::default()
    });
    assert!(html.contains("<p>Aucun compte dans le résultat pour ces critères.</p>"));
    assert!(html.contains("<p>Aucun compte ne correspond à ces critères.</p>"));
    assert!(!html.contains("<table"));
}

#[test]
fn dates_sort_by_age() {
    let cases = [
        ("valid", "14/03/2010", "20100314"),
        ("invalid kept", "31/02/2010x", "31/02/2010x"),
        ("empty", "", ""),
        ("short year", "01/02/10", "01/02/10"),
    ];
    for (name, input, expected) in cases {
        assert_eq!(date_key(input), expected, "{name}");
    }
}
