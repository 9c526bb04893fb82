// The supervision page (report/html.rs): filters and sorting of the
// accounts table, and the histogram's numbers opened for printing. The page
// reads the same without this script.
"use strict";
(function () {
  // Printed, the closed disclosures would hide their numbers: open them
  // for the printout, then put them back as they were.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
(function () {
  var table = document.getElementById("table-comptes");
  var form = document.getElementById("filtres");
  if (!table || !form) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shownCount = document.getElementById("nombre-affiches");
  var nothing = document.getElementById("aucun-compte-filtre");
  var collator = new Intl.Collator("fr", { numeric: true, sensitivity: "base" });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = new Map();
  rows.forEach(function (row) {
    texts.set(row, fold(row.textContent));
  });

  function apply() {
    var population = form.elements.population.value;
    var statut = form.elements.statut.value;
    var source = form.elements.source.value;
    var words = fold(form.elements.recherche.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = texts.get(row);
      var ok = (population === "" || row.dataset.population === population) &&
        (statut === "" || row.dataset.statut === statut) &&
        (source === "" || row.dataset.source === source) &&
        words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !ok;
      if (ok) {
        shown += 1;
      }
    });
    shownCount.value = shown + (shown > 1 ? " comptes affichés" : " compte affiché") +
      " sur " + rows.length;
    nothing.hidden = shown !== 0;
  }

  function sortBy(header, column) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var numeric = header.dataset.type === "nombre";
    var keyed = rows.map(function (row) {
      var cell = row.cells[column];
      var key = cell.dataset.tri !== undefined ? cell.dataset.tri : cell.textContent.trim();
      return { row: row, key: numeric ? parseFloat(key) : key };
    });
    keyed.sort(function (a, b) {
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return ascending ? order : -order;
    });
    rows = keyed.map(function (k) { return k.row; });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.title = "Trier par cette colonne";
    while (header.firstChild) {
      button.appendChild(header.firstChild);
    }
    header.appendChild(button);
    button.addEventListener("click", function () { sortBy(header, column); });
  });

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("filtres-effacer").addEventListener("click", function () {
    form.reset();
    apply();
  });
  form.hidden = false;
  apply();
})();
