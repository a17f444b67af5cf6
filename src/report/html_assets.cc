#include "html_assets.h"

namespace trustscreen::report {

std::string_view HtmlStyle() {
  return R"css(
:root { --critical: #8b0000; --high: #c62828; --medium: #e65100; --low: #1565c0; --info: #546e7a;
  --problem: #b71c1c; --problem-bg: #ffebee; --note-bg: #fff8e1; --line: #cfd8dc; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
  max-width: 1200px; padding: 0 1.5rem 3rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; margin: 1.2rem 0 .4rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 0; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
h4 { font-size: 1rem; margin: 0 0 .3rem; display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eceff1; }
td.num, th.num { text-align: right; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em;
  overflow-wrap: anywhere; }
.verdict { font-weight: 600; padding: .5rem .8rem; border-radius: 4px; border: 1px solid var(--line); }
.verdict.exit-0 { background: #e8f5e9; }
.verdict.exit-1 { background: #fff3e0; }
.verdict.exit-2 { background: var(--problem-bg); border-color: var(--problem); color: var(--problem); }
.warning { background: var(--problem-bg); border-left: 4px solid var(--problem); padding: .5rem .8rem;
  color: var(--problem); font-weight: 600; }
tr.status-problem td { background: var(--problem-bg); }
tr.status-problem td.status { color: var(--problem); font-weight: 700; }
tr.status-note td { background: var(--note-bg); }
.marker { font-weight: 700; }
.badge { display: inline-block; border-radius: 3px; padding: 0 .4rem; font-size: .8rem; font-weight: 600;
  color: #fff; background: var(--info); white-space: nowrap; }
.badge.sev-critical { background: var(--critical); }
.badge.sev-high { background: var(--high); }
.badge.sev-medium { background: var(--medium); }
.badge.sev-low { background: var(--low); }
.badge.status-problem { background: var(--problem); }
.badge.status-note { background: #f9a825; color: #1b1b1b; }
.badge.status-ok { background: #2e7d32; }
.badge.waived { background: #546e7a; }
.badge.reopened { background: var(--problem); }
.badge.escalated { background: #8e24aa; }
.badge.note { background: #607d8b; }
ul.waiver { margin: .2rem 0 0; padding-left: 1rem; font-size: .8rem; }
#filters { position: sticky; top: 0; z-index: 1; background: #fafafa; border: 1px solid var(--line);
  padding: .5rem .8rem; margin: 1rem 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; }
#filters[hidden] { display: none; }
#filters label { white-space: nowrap; }
#filter-count { color: #455a64; }
section.document { border: 1px solid var(--line); border-radius: 4px; margin: 1rem 0; padding: .6rem .8rem; }
section.document.status-problem { border-color: var(--problem); border-left-width: 6px; }
.doc-meta, .clause-meta { color: #455a64; margin: .2rem 0 .5rem; }
article.clause { border-top: 1px solid var(--line); padding: .6rem 0 .4rem; }
article.clause.sev-critical, article.clause.sev-high { border-left: 4px solid var(--high); padding-left: .6rem; }
article.clause.sev-medium { border-left: 4px solid var(--medium); padding-left: .6rem; }
article.clause.sev-low, article.clause.sev-info { border-left: 4px solid var(--line); padding-left: .6rem; }
pre.clause-text { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f9fa; border: 1px solid var(--line);
  padding: .5rem .7rem; margin: .4rem 0; font: 13px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
mark { background: #ffe082; color: inherit; padding: 0 1px; border-bottom: 2px solid var(--medium); }
mark.sev-critical, mark.sev-high { background: #ffcdd2; border-bottom-color: var(--high); }
mark.sev-low, mark.sev-info { background: #e3f2fd; border-bottom-color: var(--low); }
table.findings { table-layout: fixed; }
table.findings th:nth-child(1) { width: 9%; }
table.findings th:nth-child(2) { width: 27%; }
table.findings th:nth-child(3) { width: 11%; }
table.findings th:nth-child(4) { width: 5%; }
table.findings th:nth-child(5) { width: 18%; }
table.findings td { overflow-wrap: anywhere; }
.entity { margin: 0; padding-left: 1rem; }
.excerpt-note { color: #455a64; font-size: .85rem; }
button.toggle { font: inherit; min-width: 1.8rem; cursor: pointer; }
@media screen {
  .filtered-out { display: none !important; }
  section.document.collapsed .doc-body { display: none; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  #filters, button.toggle, .no-print { display: none !important; }
  section.document { break-inside: auto; }
  article.clause { break-inside: avoid-page; }
  a { color: inherit; text-decoration: none; }
}
)css";
}

std::string_view HtmlScript() {
  return R"js(
(function () {
  'use strict';
  var filters = document.getElementById('filters');
  var severity = document.getElementById('filter-severity');
  var family = document.getElementById('filter-family');
  var rule = document.getElementById('filter-rule');
  var search = document.getElementById('filter-text');
  var count = document.getElementById('filter-count');
  var documents = Array.prototype.slice.call(document.querySelectorAll('section.document'));

  function apply() {
    var minRank = severity.value === '' ? -1 : parseInt(severity.value, 10);
    var wantFamily = family.value;
    var wantRule = rule.value;
    var query = search.value.trim().toLowerCase();
    var shown = 0;
    var total = 0;
    documents.forEach(function (doc) {
      var heading = doc.querySelector('h3');
      var docText = heading ? heading.textContent.toLowerCase() : '';
      var docShown = 0;
      doc.querySelectorAll('article.clause').forEach(function (clause) {
        total += 1;
        var rows = 0;
        clause.querySelectorAll('tr.finding').forEach(function (row) {
          var keep = parseInt(row.getAttribute('data-rank'), 10) >= minRank &&
              (wantFamily === '' || row.getAttribute('data-family') === wantFamily) &&
              (wantRule === '' || row.getAttribute('data-rule') === wantRule);
          row.classList.toggle('filtered-out', !keep);
          if (keep) rows += 1;
        });
        var keepClause = rows > 0 && (query === '' ||
            clause.textContent.toLowerCase().indexOf(query) !== -1 ||
            docText.indexOf(query) !== -1);
        clause.classList.toggle('filtered-out', !keepClause);
        if (keepClause) {
          docShown += 1;
          shown += 1;
        }
      });
      doc.classList.toggle('filtered-out', docShown === 0);
    });
    count.textContent = shown + ' of ' + total + ' flagged clause(s) shown';
  }

  function setCollapsed(doc, collapsed) {
    doc.classList.toggle('collapsed', collapsed);
    var button = doc.querySelector('button.toggle');
    if (button) {
      button.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
      button.textContent = collapsed ? '+' : '\u2212';
    }
  }

  documents.forEach(function (doc) {
    var button = doc.querySelector('button.toggle');
    if (button) {
      button.addEventListener('click', function () {
        setCollapsed(doc, !doc.classList.contains('collapsed'));
      });
    }
  });
  document.getElementById('expand-all').addEventListener('click', function () {
    documents.forEach(function (doc) { setCollapsed(doc, false); });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    documents.forEach(function (doc) { setCollapsed(doc, true); });
  });
  document.getElementById('clear-filters').addEventListener('click', function () {
    severity.value = '';
    family.value = '';
    rule.value = '';
    search.value = '';
    apply();
  });
  [severity, family, rule].forEach(function (control) {
    control.addEventListener('change', apply);
  });
  search.addEventListener('input', apply);
  // A long coverage table opens with its first rows; the rest wait in template elements.
  var more = document.getElementById('show-more-documents');
  if (more) {
    var rows = document.querySelector('#coverage-table tbody');
    more.addEventListener('click', function () {
      var next = document.querySelector('#coverage-more template.more-rows');
      if (next) {
        rows.appendChild(next.content);
        next.remove();
      }
      if (!document.querySelector('#coverage-more template.more-rows')) more.hidden = true;
    });
  }
  filters.hidden = false;
  apply();
})();
)js";
}

}  // namespace trustscreen::report
