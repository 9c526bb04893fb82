//! `rapproche report --format html` on the demo establishment's real run,
//! opened in Debian's headless Chromium: the page loads without a console
//! error, the population and status filters and the search show only the
//! matching rows, sorting works, printing hides the filters, and a
//! screenshot is left in `target/tmp/supervision.png` to look at.

use crate::browser::Browser;
use crate::harness::{Done, Test, mode};
use rapproche::report::PERSONAL_DATA_NOTICE;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const LISTS: [&str; 4] = [
    "eleves.csv",
    "responsables.csv",
    "professeurs.csv",
    "personnels.csv",
];

/// The demo run: its encrypted export and four lists.
fn demo_run() -> Done {
    let mut args = vec!["match", "-i", "cle-demo.txt", "export.xml.age"];
    args.extend(LISTS);
    Test::new()
        .fixtures(&["cle-demo.txt", "export.xml.age"])
        .fixtures(&LISTS)
        .args(&args)
        .any_stdout()
        .status(1)
        .run()
}

fn html_report(done: Done) -> Done {
    done.then()
        .args(&["report", "--format", "html", "-o", "supervision.html"])
        .run()
}

/// The accounts to act on, as the JSON report gives them: (population,
/// status, own id).
fn accounts_to_act_on(json: &str) -> Vec<(String, String, String)> {
    let value: Value = serde_json::from_str(json).unwrap();
    value["comptes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let id = match c["source"].as_str() {
                Some("pronote") => &c["identifiant_pronote"],
                _ => &c["identifiant_ent"],
            };
            (
                c["population"]
                    .as_str()
                    .unwrap_or("sans-population")
                    .to_string(),
                c["statut"].as_str().unwrap().to_string(),
                id.as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every row of the accounts table: its filter keys, its id, and whether
/// it is shown (laid out) in the page.
const ROWS: &str = "Array.from(document.querySelectorAll('#table-comptes tbody tr')).map(tr => ({\
    population: tr.dataset.population, statut: tr.dataset.statut, \
    id: tr.cells[8].textContent, name: tr.cells[3].textContent, \
    score: parseFloat(tr.cells[9].dataset.tri), visible: tr.getClientRects().length > 0}))";

fn visible_ids(rows: &Value) -> BTreeSet<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["visible"] == true)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// Chooses `value` in the filter named `name`, as a user's choice does.
fn choose(name: &str, value: &str) -> String {
    format!(
        "(() => {{ const s = document.getElementById('filtres').elements['{name}']; \
         s.value = '{value}'; s.dispatchEvent(new Event('change', {{bubbles: true}})); \
         return s.value; }})()"
    )
}

#[test]
fn html_report_to_stdout_and_file() {
    let done = html_report(demo_run());
    #[cfg(unix)]
    assert_eq!(mode(&done.path("supervision.html")), 0o600);
    let file = done.text("supervision.html");
    assert!(file.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(file.contains(PERSONAL_DATA_NOTICE));
    let printed = done
        .then()
        .args(&["report", "--format", "html"])
        .any_stdout()
        .run();
    assert_eq!(printed.stdout, file, "the same page on standard output");
}

#[test]
fn html_report_in_a_browser() {
    let json = demo_run()
        .then()
        .args(&["report", "--format", "json", "--unmatched"])
        .any_stdout()
        .run();
    let expected = accounts_to_act_on(&json.stdout);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    let done = html_report(json);
    let page = done.path("supervision.html");
    let mut browser = Browser::start();
    browser.open(&page);

    let errors = browser.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    assert_eq!(
        browser.eval("document.title"),
        "Supervision du rapprochement ENT – Pronote"
    );
    assert_eq!(
        browser.eval("document.getElementById('filtres').hidden"),
        false,
        "the script shows the filters"
    );

    // Every account to act on is listed, once, and shown.
    let rows = browser.eval(ROWS);
    let listed: BTreeSet<(String, String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["population"].as_str().unwrap().to_string(),
                r["statut"].as_str().unwrap().to_string(),
                r["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(listed.len(), expected.len());
    assert_eq!(listed, expected.iter().cloned().collect());
    assert_eq!(visible_ids(&rows).len(), expected.len());

    // The reliability section: a row per population with Pronote users and
    // the total, each with its estimates; the histogram drawn, its columns
    // adding up to the users with a candidate, as the JSON report says.
    let estimates = browser.eval(
        "Array.from(document.querySelectorAll('#estimations tbody tr')).map(tr => \
         Array.from(tr.cells).map(c => c.textContent))",
    );
    let estimates = estimates.as_array().unwrap();
    let heads: Vec<&str> = estimates.iter().map(|r| r[0].as_str().unwrap()).collect();
    assert_eq!(
        heads,
        [
            "Élèves",
            "Responsables",
            "Professeurs",
            "Personnels",
            "Inspecteurs",
            "Total"
        ]
    );
    let total = &report["total"];
    let total_row = estimates.last().unwrap().as_array().unwrap();
    // No decision and no kept identifier in this run: the automatic links
    // are the exact and fuzzy ones.
    let links = total["rapproches_exact"].as_u64().unwrap()
        + total["rapproches_approche"].as_u64().unwrap();
    assert_eq!(total_row[1].as_str().unwrap(), links.to_string());
    for (cell, key) in [(2, "estimated_wrong_links"), (3, "estimated_missed_pairs")] {
        let text = total_row[cell].as_str().unwrap();
        let value = total[key].as_f64().unwrap();
        assert!(
            text.starts_with(&format!("{value:.1} [").replace('.', ",")),
            "{text} for {key} {value}"
        );
    }
    let chart = browser.eval(
        "(() => { const svg = document.querySelector('#histogramme svg.histogramme'); \
         const box = svg.getBoundingClientRect(); \
         return { width: box.width, height: box.height, \
         label: Array.from(svg.getAttribute('aria-labelledby').split(' ')) \
           .map(id => document.getElementById(id).textContent).join(' '), \
         rects: svg.querySelectorAll('rect').length, \
         counted: Array.from(svg.querySelectorAll('text.effectif')) \
           .reduce((n, t) => n + parseInt(t.textContent, 10), 0), \
         threshold: svg.querySelectorAll('line.seuil').length }; })()",
    );
    assert!(chart["width"].as_f64().unwrap() > 400.0, "{chart}");
    assert!(chart["height"].as_f64().unwrap() > 150.0, "{chart}");
    assert!(
        chart["label"]
            .as_str()
            .unwrap()
            .starts_with("Score du meilleur candidat de chaque utilisateur Pronote"),
        "{chart}"
    );
    assert!(chart["rects"].as_u64().unwrap() >= 2, "{chart}");
    assert_eq!(chart["threshold"], 1, "the minimal score on the axis");
    let histogram = report["histogramme_scores"].as_array().unwrap();
    let users: u64 = histogram
        .iter()
        .map(|b| b["rapproches"].as_u64().unwrap() + b["non_rapproches"].as_u64().unwrap())
        .sum();
    assert_eq!(chart["counted"], users, "{chart}");

    // The screenshot, before any filter: the whole page.
    let png = browser.screenshot(1280);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("supervision.png");
    std::fs::write(&shot, &png).unwrap();
    println!("capture : {}", shot.display());

    // Population and status: only the students left to review remain.
    assert_eq!(browser.eval(&choose("population", "eleves")), "eleves");
    assert_eq!(browser.eval(&choose("statut", "a-verifier")), "a-verifier");
    let wanted: BTreeSet<String> = expected
        .iter()
        .filter(|(p, s, _)| p == "eleves" && s == "a-verifier")
        .map(|(_, _, id)| id.clone())
        .collect();
    assert!(
        wanted.len() >= 2 && wanted.len() < expected.len(),
        "{wanted:?}"
    );
    assert_eq!(visible_ids(&browser.eval(ROWS)), wanted);
    assert_eq!(
        browser.eval("document.getElementById('nombre-affiches').value"),
        format!("{} comptes affichés sur {}", wanted.len(), expected.len())
    );
    // No teacher is left to review (one is unmatched): nothing shown, and
    // the page says so.
    assert!(
        expected
            .iter()
            .any(|(p, s, _)| p == "professeurs" && s == "non-rapproche")
    );
    assert!(
        !expected
            .iter()
            .any(|(p, s, _)| p == "professeurs" && s == "a-verifier")
    );
    assert_eq!(
        browser.eval(&choose("population", "professeurs")),
        "professeurs"
    );
    assert!(visible_ids(&browser.eval(ROWS)).is_empty());
    assert_eq!(
        browser.eval("document.getElementById('aucun-compte-filtre').hidden"),
        false
    );

    // Typed search, through real keyboard input: accents do not matter.
    browser.eval("document.getElementById('filtres-effacer').click()");
    assert_eq!(visible_ids(&browser.eval(ROWS)).len(), expected.len());
    browser.eval("document.querySelector('#filtres input[name=recherche]').focus()");
    browser.call("Input.insertText", serde_json::json!({"text": "traore"}));
    let rows = browser.eval(ROWS);
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["visible"] == true)
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| *n == "TRAORÉ"), "{names:?}");
    browser.eval("document.getElementById('filtres-effacer').click()");

    // Sorting by the nearest candidate's score, then the other way.
    let scores = |browser: &mut Browser| -> Vec<f64> {
        browser
            .eval(ROWS)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["score"].as_f64().unwrap())
            .collect()
    };
    let header = "document.querySelector('#table-comptes thead th:last-child button')";
    browser.eval(&format!("{header}.click()"));
    let ascending = scores(&mut browser);
    assert!(ascending.windows(2).all(|w| w[0] <= w[1]), "{ascending:?}");
    browser.eval(&format!("{header}.click()"));
    let descending = scores(&mut browser);
    assert!(
        descending.windows(2).all(|w| w[0] >= w[1]),
        "{descending:?}"
    );
    assert_ne!(ascending, descending);
    assert_eq!(
        browser.eval(
            "document.querySelector('#table-comptes thead th:last-child').getAttribute('aria-sort')"
        ),
        "descending"
    );

    // Printed: no filters, the table's header repeated on each page, the
    // histogram's numbers opened by the script for the printout only.
    browser.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    );
    let numbers = "document.querySelector('details.chiffres-histogramme').open";
    assert_eq!(browser.eval(numbers), false);
    browser.eval("window.dispatchEvent(new Event('beforeprint'))");
    assert_eq!(browser.eval(numbers), true);
    assert_eq!(
        browser.eval(
            "document.querySelector('details.chiffres-histogramme table').getClientRects().length > 0"
        ),
        true
    );
    browser.eval("window.dispatchEvent(new Event('afterprint'))");
    assert_eq!(browser.eval(numbers), false);
    assert_eq!(
        browser.eval("getComputedStyle(document.getElementById('filtres')).display"),
        "none"
    );
    assert_eq!(
        browser.eval("getComputedStyle(document.querySelector('#table-comptes thead')).display"),
        "table-header-group"
    );

    let errors = browser.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

#[test]
fn html_report_lists_the_accounts_to_act_on() {
    let cases: [(&[&str], &[&str], &str); 4] = [
        (
            &[],
            &["AAAAAAAAAAAAAAA2", "AAAAAAAAAAAAAAA3", "ent-tom"],
            "Comptes à traiter",
        ),
        (
            &["--population", "eleves"],
            &["AAAAAAAAAAAAAAA2", "AAAAAAAAAAAAAAA3", "ent-tom"],
            "Comptes à traiter",
        ),
        (&["--population", "responsables"], &[], "Comptes à traiter"),
        (
            &["--status", "exact"],
            &["AAAAAAAAAAAAAAA1", "AAAAAAAAAAAAAAA4"],
            "Comptes",
        ),
    ];
    for (filters, ids, heading) in cases {
        let mut args = vec!["report", "--format", "html"];
        args.extend_from_slice(filters);
        let done = Test::with_state().args(&args).any_stdout().run();
        let page = &done.stdout;
        let shown: Vec<&str> = page
            .split("<td class=\"id\">")
            .skip(1)
            .map(|cell| {
                let end = cell.find(['<']).unwrap();
                &cell[..end]
            })
            .collect();
        assert_eq!(shown, ids, "{filters:?}");
        assert!(page.contains(&format!("<h2>{heading}</h2>")), "{filters:?}");
        if ids.is_empty() {
            assert!(page.contains("<p>Aucun compte ne correspond à ces critères.</p>"));
        }
    }
}
