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
    let bilan = between(&html, "<section id=\"bilan\">", "</section>");
    let titles: Vec<&str> = bilan
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
    assert_eq!(parents.matches("<figure class=\"population\"").count(), 1);
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

/// The page of `state`, everything listed.
fn page_of(state: &crate::state::RunState) -> String {
    let filter = ReportFilter::default();
    String::from_utf8(render(
        &summarize(state, None),
        &rows(state, &filter),
        &state.thresholds,
    ))
    .unwrap()
}

#[test]
fn estimates_per_population_and_in_total() {
    let state = fixture::state();
    let summary = summarize(&state, None);
    let html = page(&to_act_on());
    let section = between(&html, "<section id=\"fiabilite\">", "</section>");
    assert!(section.contains("<h2>Fiabilité estimée</h2>"));
    assert!(
        section.contains("<code>man rapproche</code>, section FIABILITÉ"),
        "{section}"
    );
    let table = between(
        section,
        "<table class=\"chiffres estimations\">",
        "</table>",
    );
    let body = between(table, "<tbody>\n", "</tbody>");
    let heads: Vec<&str> = body
        .lines()
        .map(|l| between(l, "<th scope=\"row\">", "</th>"))
        .collect();
    assert_eq!(heads, ["Élèves", "Responsables", "Total"]);
    // Each row: the links, then each estimate as the terminal writes it,
    // the interval apart.
    let estimates = [
        summary.lines[0].estimates.unwrap(),
        summary.lines[1].estimates.unwrap(),
        summary.total_estimates.unwrap(),
    ];
    for (line, e) in body.lines().zip(estimates) {
        assert!(
            line.contains(&format!("</th><td>{}</td>", e.links)),
            "{line}"
        );
        for estimate in [e.wrong_links, e.missed_pairs] {
            let text = crate::report::table::estimate_text(&estimate);
            let (value, interval) = text.split_once(' ').unwrap();
            assert!(
                line.contains(&format!(
                    "<td title=\"{text}\"><span class=\"attendu\">{value}</span> \
                     <span class=\"intervalle\">{interval}</span></td>"
                )),
                "{line}"
            );
        }
    }
    // Tom, left to review at 0.62: 0.62 × (1 + the blocking miss ratio)
    // pairs missed.
    let students = body.lines().next().unwrap();
    let expected = crate::report::score_text(0.62 * (1.0 + crate::estimate::BLOCKING_MISS_RATIO));
    assert!(
        students.contains(&format!("<span class=\"attendu\">{expected}</span>")),
        "{students}"
    );
    assert!(
        body.lines()
            .last()
            .unwrap()
            .starts_with("<tr class=\"total\">")
    );
    // One population asked: its row only.
    let parents = page(&ReportFilter {
        population: Some(Population::Responsables),
        ..ReportFilter::default()
    });
    let body = between(
        &parents,
        "<table class=\"chiffres estimations\">",
        "</table>",
    );
    assert_eq!(body.matches("<th scope=\"row\">").count(), 1);
    assert!(body.contains("<th scope=\"row\">Responsables</th><td>1</td>"));
}

#[test]
fn estimates_unavailable_without_probabilities() {
    let mut state = fixture::state();
    for user in &mut state.reconciliation.users {
        for candidate in &mut user.candidates {
            candidate.probability = None;
        }
    }
    let html = page_of(&state);
    let section = between(&html, "<section id=\"fiabilite\">", "</section>");
    // The terminal's sentence, word for word.
    let terminal = crate::report::table::summary(
        &summarize(&state, None),
        crate::report::table::Layout::default(),
    );
    let sentence = terminal
        .lines()
        .find(|l| l.starts_with("Estimations indisponibles"))
        .unwrap();
    assert!(
        section.contains(&format!("<p class=\"indisponible\">{sentence}</p>")),
        "{section}"
    );
    assert!(
        !section.contains("<table class=\"chiffres estimations\""),
        "no estimates table"
    );
    assert!(
        !section.contains("FIABILITÉ"),
        "no word on how they are made"
    );
    assert!(
        section.contains("<svg class=\"histogramme\""),
        "the chart stays"
    );
}

#[test]
fn histogram_chart_and_its_numbers() {
    let html = page(&to_act_on());
    let figure = between(
        &html,
        "<figure class=\"encadre\" id=\"histogramme\">",
        "</figure>",
    );
    let svg = between(figure, "<svg class=\"histogramme\"", "</svg>");
    assert!(svg.contains("role=\"img\" aria-labelledby=\"histogramme-titre histogramme-resume\""));
    assert!(svg.contains(
        "<desc id=\"histogramme-resume\">3 utilisateurs Pronote avec un candidat : \
         2 rapprochés, 1 non rapproché ;"
    ));
    // Tom at 8.5, left to review; Léa and Paul at 21, linked: four bands
    // shown, from the first to the last that counts someone.
    let table = between(figure, "<tbody>\n", "</tbody>");
    let bands: Vec<&str> = table
        .lines()
        .map(|l| between(l, "<th scope=\"row\">", "</th>"))
        .collect();
    assert_eq!(
        bands,
        ["[5 ; 10[", "[10 ; 15[", "[15 ; 20[", "[20 ; 25[", "Total"]
    );
    assert!(
        table.contains(
            "<th scope=\"row\">[5 ; 10[</th><td class=\"zero\">0</td><td>1</td><td>1</td>"
        )
    );
    assert!(
        table.contains(
            "<th scope=\"row\">[20 ; 25[</th><td>2</td><td class=\"zero\">0</td><td>2</td>"
        )
    );
    // Stacked columns: the linked one twice as tall as the other, both on
    // the axis, each with its count and a tooltip.
    let rects: Vec<(&str, f64, f64)> = svg
        .split("<rect class=\"")
        .skip(1)
        .map(|r| {
            (
                &r[..r.find('"').unwrap()],
                between(r, "y=\"", "\"").parse().unwrap(),
                between(r, "height=\"", "\"").parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(rects.len(), 2, "{svg}");
    assert_eq!((rects[0].0, rects[1].0), ("sans-lien", "lien"));
    assert!((rects[1].2 - 2.0 * rects[0].2).abs() < 0.2, "{rects:?}");
    assert!((rects[0].1 + rects[0].2 - (rects[1].1 + rects[1].2)).abs() < 0.2);
    assert!(svg.contains("<title>[5 ; 10[ : 1 non rapproché</title>"));
    assert!(svg.contains("<title>[20 ; 25[ : 2 rapprochés</title>"));
    // The boundaries under the columns, and the minimal score, 12, between
    // 10 and 15.
    let ticks: Vec<&str> = svg
        .split("<text class=\"borne\" x=\"")
        .skip(1)
        .map(|t| between(t, ">", "<"))
        .collect();
    assert_eq!(ticks, ["5", "10", "15", "20", "25"]);
    let tick_x = |label: &str| -> f64 {
        svg.split("<text class=\"borne\" x=\"")
            .find(|t| t.contains(&format!(">{label}<")))
            .map(|t| t[..t.find('"').unwrap()].parse().unwrap())
            .unwrap()
    };
    let threshold: f64 = between(svg, "<line class=\"seuil\" x1=\"", "\"")
        .parse()
        .unwrap();
    let (ten, fifteen) = (tick_x("10"), tick_x("15"));
    assert!(
        (threshold - (ten + 0.4 * (fifteen - ten))).abs() < 0.2,
        "{threshold} {ten} {fifteen}"
    );
    assert!(svg.contains(">score minimal 12,0</text>"));
    assert!(figure.contains("Score minimal d'un lien automatique"));
}

#[test]
fn histogram_open_ended_bands_are_escaped() {
    let mut state = fixture::state();
    // Tom's candidate far below the scale, Léa's far above: the open bands.
    state.reconciliation.users[1].candidates[0].score = -40.0;
    state.reconciliation.users[0].candidates[0].score = 55.0;
    let html = page_of(&state);
    let figure = between(&html, "id=\"histogramme\">", "</figure>");
    assert!(!figure.contains("< -10"), "a raw < in the page");
    assert!(figure.contains("<th scope=\"row\">&lt; -10</th>"));
    assert!(figure.contains("<th scope=\"row\">≥ 40</th>"));
    assert!(figure.contains("<title>&lt; -10 : 1 non rapproché</title>"));
    // No boundary on the outer side of an open band: the scale starts at
    // -10 and ends at 40.
    let svg = between(figure, "<svg", "</svg>");
    let ticks: Vec<&str> = svg
        .split("<text class=\"borne\" x=\"")
        .skip(1)
        .map(|t| between(t, ">", "<"))
        .collect();
    assert_eq!(ticks.first(), Some(&"-10"));
    assert_eq!(ticks.last(), Some(&"40"));
    assert_eq!(ticks.len(), 11);
}

#[test]
fn reliability_section_edge_cases() {
    // Nobody has a candidate: no chart, a sentence.
    let mut state = fixture::state();
    for user in &mut state.reconciliation.users {
        user.candidates.clear();
    }
    let html = page_of(&state);
    let figure = between(&html, "id=\"histogramme\">", "</figure>");
    assert!(figure.contains("<p>Aucun utilisateur Pronote n'a de candidat.</p>"));
    assert!(!figure.contains("<svg"));
    // A minimal score outside the bands shown: no line.
    let mut state = fixture::state();
    state.thresholds.accept = 40.0;
    let html = page_of(&state);
    assert!(!html.contains("class=\"seuil\""));
    assert!(!html.contains("Score minimal d'un lien automatique"));
    // Nothing matches the filter: no section at all.
    let html = page(&ReportFilter {
        population: Some(Population::Inspecteurs),
        ..ReportFilter::default()
    });
    assert!(!html.contains("id=\"fiabilite\""));
}

#[test]
fn grid_steps() {
    let cases = [
        ("one", 1, 1),
        ("five", 5, 1),
        ("six", 6, 2),
        ("ten", 10, 2),
        ("eleven", 11, 5),
        ("demo", 57, 20),
        ("hundred", 100, 20),
        ("thousands", 4321, 1000),
    ];
    for (name, largest, step) in cases {
        assert_eq!(reliability::grid_step(largest), step, "{name}");
        assert!(largest.div_ceil(step) <= 5, "{name}");
    }
}
