//! The « Fiabilité estimée » section of the supervision page (issue 10):
//! per population and in total, the automatic links with the estimated
//! wrong links and missed pairs, then the histogram of the Pronote users'
//! best scores as an inline SVG chart, with its numbers in a table beside
//! it (for screen readers and paper). In: a `Summary` and the thresholds.
//! Out: HTML text.
//!
//! Only numbers and fixed labels reach this section, escaped all the same:
//! a band label such as `< -10` is markup otherwise.

use super::{escape, plural};
use crate::estimate::{Estimate, Estimates, HISTOGRAM_STEP, HistogramBin};
use crate::report::score_text;
use crate::report::summary::{Summary, population_label};
use crate::report::table::estimate_text;
use crate::state::Thresholds;

/// The sentence of the terminal summary when the saved result has no
/// probabilities (a test keeps both in step).
const UNAVAILABLE: &str = "Estimations indisponibles : ce résultat a été enregistré par une \
                           version antérieure ; relancez rapproche match.";

/// The chart's drawing, in SVG units (about CSS pixels at full width).
const WIDTH: f64 = 520.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 44.0;
/// The share of a band's slot its bar takes.
const BAR_SHARE: f64 = 0.8;
/// At most this many horizontal grid lines above zero.
const GRID_LINES: usize = 5;

/// The section; empty when the summary has no line (the page already says
/// that nothing matches).
pub(super) fn section(summary: &Summary, thresholds: &Thresholds) -> String {
    if summary.lines.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section id=\"fiabilite\">\n<h2>Fiabilité estimée</h2>\n");
    if summary.total_estimates.is_some() {
        out.push_str(
            "<p class=\"discret\">Ces nombres additionnent les probabilités calibrées de chaque \
             paire : pour les liens automatiques, la probabilité que chacun soit faux ; pour les \
             utilisateurs Pronote non rapprochés, celle que leur compte soit parmi leurs \
             candidats, plus une part mesurée de paires que la recherche n'a jamais proposées \
             (hypothèses et limites : <code>man rapproche</code>, section FIABILITÉ).</p>\n",
        );
    }
    out.push_str("<div class=\"fiabilite\">\n");
    out.push_str(&estimates(summary));
    out.push_str(&histogram(&summary.histogram, thresholds));
    out.push_str("</div>\n</section>\n");
    out
}

/// The estimates' figure: one row per population that has them, and the
/// total when there are several; the terminal's sentence without them.
fn estimates(summary: &Summary) -> String {
    let mut out = String::from(
        "<figure class=\"encadre\" id=\"estimations\">\n<figcaption><h3>Liens faux et paires \
         manquées</h3><span class=\"discret\">nombre attendu et intervalle à 95 %</span>\
         </figcaption>\n",
    );
    let Some(total) = &summary.total_estimates else {
        out.push_str(&format!(
            "<p class=\"indisponible\">{}</p>\n</figure>\n",
            escape(UNAVAILABLE)
        ));
        return out;
    };
    out.push_str(
        "<table class=\"chiffres estimations\">\n<thead><tr><td></td>\
         <th scope=\"col\">Liens automatiques</th><th scope=\"col\">Liens faux estimés</th>\
         <th scope=\"col\">Paires manquées estimées</th></tr></thead>\n<tbody>\n",
    );
    let lines: Vec<(&str, &Estimates)> = summary
        .lines
        .iter()
        .filter_map(|l| Some((population_label(l.population), l.estimates.as_ref()?)))
        .collect();
    for (label, e) in &lines {
        out.push_str(&estimate_row(label, e, ""));
    }
    if lines.len() != 1 {
        out.push_str(&estimate_row("Total", total, " class=\"total\""));
    }
    out.push_str("</tbody>\n</table>\n</figure>\n");
    out
}

fn estimate_row(label: &str, e: &Estimates, class: &str) -> String {
    format!(
        "<tr{class}><th scope=\"row\">{}</th><td>{}</td>{}{}</tr>\n",
        escape(label),
        e.links,
        estimate_cell(&e.wrong_links),
        estimate_cell(&e.missed_pairs)
    )
}

/// `0,8 [0,0 ; 2,1]`, the terminal's text, the interval in grey; the whole
/// text in `title` for a tooltip.
fn estimate_cell(e: &Estimate) -> String {
    let interval = format!("[{} ; {}]", score_text(e.low), score_text(e.high));
    format!(
        "<td title=\"{}\"><span class=\"attendu\">{}</span> \
         <span class=\"intervalle\">{}</span></td>",
        escape(&estimate_text(e)),
        score_text(e.value),
        escape(&interval)
    )
}

/// The bins from the first to the last that count someone.
fn shown(bins: &[HistogramBin]) -> &[HistogramBin] {
    let filled = |b: &HistogramBin| b.linked + b.unlinked > 0;
    match (bins.iter().position(filled), bins.iter().rposition(filled)) {
        (Some(first), Some(last)) => bins.get(first..=last).unwrap_or_default(),
        _ => &[],
    }
}

/// A band as the terminal writes it: `< -10`, `[0 ; 5[`, `≥ 40`.
fn band(bin: &HistogramBin) -> String {
    match (bin.from, bin.to) {
        (None, Some(to)) => format!("< {to}"),
        (Some(from), None) => format!("≥ {from}"),
        (Some(from), Some(to)) => format!("[{from} ; {to}["),
        (None, None) => "tous".to_string(),
    }
}

/// The histogram's figure: the chart, then its numbers.
fn histogram(bins: &[HistogramBin], thresholds: &Thresholds) -> String {
    let mut out = String::from(
        "<figure class=\"encadre\" id=\"histogramme\">\n<figcaption><h3>Répartition des \
         scores</h3><span class=\"discret\">meilleur candidat de chaque utilisateur Pronote\
         </span></figcaption>\n",
    );
    let bins = shown(bins);
    if bins.is_empty() {
        out.push_str("<p>Aucun utilisateur Pronote n'a de candidat.</p>\n</figure>\n");
        return out;
    }
    out.push_str(&chart(bins, thresholds.accept));
    out.push_str(&legend(bins, thresholds.accept));
    out.push_str(&numbers(bins));
    out.push_str("</figure>\n");
    out
}

/// The step between grid lines: 1, 2 or 5 times a power of ten, so that
/// at most `GRID_LINES` lines cover `largest`.
pub(super) fn grid_step(largest: usize) -> usize {
    let mut power = 1usize;
    loop {
        for factor in [1, 2, 5] {
            let step = power.saturating_mul(factor);
            if largest.div_ceil(step) <= GRID_LINES {
                return step;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// Stacked columns, linked below and unlinked above, one per band; a
/// grid with the users' counts, the score boundaries under the columns,
/// and the run's minimal score as a dashed line when it falls on the axis.
fn chart(bins: &[HistogramBin], accept: f64) -> String {
    let linked: usize = bins.iter().map(|b| b.linked).sum();
    let unlinked: usize = bins.iter().map(|b| b.unlinked).sum();
    let largest = bins
        .iter()
        .map(|b| b.linked + b.unlinked)
        .max()
        .unwrap_or(1);
    let step = grid_step(largest);
    let top_value = largest.div_ceil(step).max(1) * step;
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let bottom = HEIGHT - BOTTOM;
    let slot = plot_width / bins.len() as f64;
    let y = |count: usize| bottom - plot_height * count as f64 / top_value as f64;
    let mut out = format!(
        "<svg class=\"histogramme\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"histogramme-titre histogramme-resume\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title id=\"histogramme-titre\">Score du meilleur candidat de chaque utilisateur \
         Pronote</title>\n<desc id=\"histogramme-resume\">{} utilisateur{} Pronote avec un \
         candidat : {linked} rapproché{}, {unlinked} non rapproché{} ; le tableau qui suit \
         donne le détail par tranche de score.</desc>\n",
        linked + unlinked,
        plural(linked + unlinked),
        plural(linked),
        plural(unlinked),
    );
    // Grid and counts on the left.
    for value in (0..=top_value).step_by(step) {
        let at = y(value);
        let class = if value == 0 { "axe" } else { "grille" };
        out.push_str(&format!(
            "<line class=\"{class}\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{at:.1}\" y2=\"{at:.1}\"/>\
             <text class=\"graduation\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{value}</text>\n",
            WIDTH - RIGHT,
            LEFT - 6.0,
            at + 4.0
        ));
    }
    out.push_str(&format!(
        "<text class=\"titre-axe\" transform=\"rotate(-90)\" x=\"{:.1}\" y=\"14\" \
         text-anchor=\"middle\">Utilisateurs Pronote</text>\n",
        -(TOP + plot_height / 2.0)
    ));
    // Under the columns and their counts, which hide it where they cross.
    if let Some(x) = score_position(bins, accept, slot) {
        // The label on the side with room.
        let (anchor, shift) = if x > WIDTH - 150.0 {
            ("end", -4.0)
        } else {
            ("start", 4.0)
        };
        out.push_str(&format!(
            "<line class=\"seuil\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{bottom:.1}\"/>\
             <text class=\"seuil\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">score \
             minimal {}</text>\n",
            TOP - 14.0,
            x + shift,
            TOP - 16.0,
            escape(&score_text(accept))
        ));
    }
    // The columns, each with its total on top.
    for (i, bin) in bins.iter().enumerate() {
        let x = LEFT + slot * i as f64 + slot * (1.0 - BAR_SHARE) / 2.0;
        let width = slot * BAR_SHARE;
        let label = escape(&band(bin)).into_owned();
        let mut base = 0;
        for (class, count, what) in [
            ("lien", bin.linked, "rapproché"),
            ("sans-lien", bin.unlinked, "non rapproché"),
        ] {
            if count == 0 {
                continue;
            }
            let (low, high) = (y(base), y(base + count));
            out.push_str(&format!(
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{high:.1}\" width=\"{width:.1}\" \
                 height=\"{:.1}\"><title>{label} : {count} {what}{}</title></rect>\n",
                low - high,
                plural(count)
            ));
            base += count;
        }
        if base > 0 {
            out.push_str(&format!(
                "<text class=\"effectif\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{base}</text>\n",
                x + width / 2.0,
                y(base) - 5.0
            ));
        }
    }
    // Score boundaries between the columns: an open-ended first or last
    // band has none on its outer side (the table names it).
    for i in 0..=bins.len() {
        let value = match bins.get(i) {
            Some(bin) => bin.from,
            None => bins.last().and_then(|b| b.to),
        };
        let Some(value) = value else { continue };
        let x = LEFT + slot * i as f64;
        out.push_str(&format!(
            "<line class=\"axe\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{bottom:.1}\" y2=\"{:.1}\"/>\
             <text class=\"borne\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
            bottom + 5.0,
            bottom + 18.0,
            escape(&value.to_string())
        ));
    }
    out.push_str(&format!(
        "<text class=\"titre-axe\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">Score du \
         meilleur candidat (bits)</text>\n",
        LEFT + plot_width / 2.0,
        HEIGHT - 6.0
    ));
    out.push_str("</svg>\n");
    out
}

/// Where `score` falls on the axis, when it is within the bounded bands
/// shown (the open-ended ones have no scale).
fn score_position(bins: &[HistogramBin], score: f64, slot: f64) -> Option<f64> {
    let (i, from) = bins
        .iter()
        .enumerate()
        .find_map(|(i, b)| Some((i, b.from?)))?;
    let last = bins.iter().rev().find_map(|b| b.to)?;
    if !(f64::from(from)..=f64::from(last)).contains(&score) {
        return None;
    }
    let bands = (score - f64::from(from)) / f64::from(HISTOGRAM_STEP);
    Some(LEFT + slot * (i as f64 + bands))
}

/// What the colours and the dashed line mean, as the population charts'
/// legend (their table header) shows it.
fn legend(bins: &[HistogramBin], accept: f64) -> String {
    let swatch = |class: &str| {
        format!(
            "<svg class=\"pastille\" viewBox=\"0 0 10 10\" aria-hidden=\"true\">\
             <rect class=\"{class}\" width=\"10\" height=\"10\" rx=\"2\"/></svg>"
        )
    };
    let mut out = format!(
        "<p class=\"legende\"><span>{}Rapprochés</span><span>{}Non rapprochés (à vérifier ou \
         sans lien)</span>",
        swatch("lien"),
        swatch("sans-lien")
    );
    if score_position(bins, accept, 1.0).is_some() {
        out.push_str(
            "<span><svg class=\"pastille\" viewBox=\"0 0 10 10\" aria-hidden=\"true\">\
             <line class=\"seuil\" x1=\"5\" x2=\"5\" y1=\"0\" y2=\"10\"/></svg>\
             Score minimal d'un lien automatique</span>",
        );
    }
    out.push_str("</p>\n");
    out
}

/// The chart's numbers, a row per band, in a disclosure (the columns carry
/// their totals; the script opens it for printing).
fn numbers(bins: &[HistogramBin]) -> String {
    let mut out = String::from(
        "<details class=\"chiffres-histogramme\">\n<summary>Les chiffres par tranche de \
         score</summary>\n<table class=\"chiffres histogramme\">\n<thead><tr>\
         <th scope=\"col\">Score</th><th scope=\"col\">Rapprochés</th>\
         <th scope=\"col\">Non rapprochés</th><th scope=\"col\">Total</th></tr></thead>\n\
         <tbody>\n",
    );
    for bin in bins {
        let cell = |n: usize| {
            let zero = if n == 0 { " class=\"zero\"" } else { "" };
            format!("<td{zero}>{n}</td>")
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>{}{}{}</tr>\n",
            escape(&band(bin)),
            cell(bin.linked),
            cell(bin.unlinked),
            cell(bin.linked + bin.unlinked)
        ));
    }
    let linked: usize = bins.iter().map(|b| b.linked).sum();
    let unlinked: usize = bins.iter().map(|b| b.unlinked).sum();
    out.push_str(&format!(
        "<tr class=\"total\"><th scope=\"row\">Total</th><td>{linked}</td><td>{unlinked}</td>\
         <td>{}</td></tr>\n</tbody>\n</table>\n</details>\n",
        linked + unlinked
    ));
    out
}
