#include "html_assets.h"

namespace trustscreen::report {

std::string_view HtmlStyle() {
  return R"css(
:root { --critical: #8b0000; --high: #c62828; --medium: #e65100; --low: #1565c0; --info: #546e7a;
  --problem: #b71c1c; --problem-bg: #ffebee; --note-bg: #fff8e1; --line: #cfd8dc; --focus: #1565c0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
  max-width: 1280px; padding: 0 1.5rem 3rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.35rem; margin: .8rem 0 .4rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 1.6rem; }
h3 { font-size: 1.1rem; margin: 0; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
h4 { font-size: 1rem; margin: 0 0 .3rem; display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eceff1; }
td.num, th.num { text-align: right; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em;
  overflow-wrap: anywhere; }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible,
  article.clause:focus, section:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -10000px; top: 0; background: #fff; padding: .4rem .8rem;
  border: 2px solid var(--focus); z-index: 3; }
.skip-link:focus { left: 1rem; }
.verdict { font-weight: 600; padding: .45rem .8rem; border-radius: 4px; border: 1px solid var(--line);
  margin: .3rem 0; }
.verdict.exit-0 { background: #e8f5e9; }
.verdict.exit-1 { background: #fff3e0; }
.verdict.exit-2 { background: var(--problem-bg); border-color: var(--problem); color: var(--problem); }
#verdict-counts { margin: .3rem 0; color: #37474f; }
details#input-warnings { font-weight: 400; }
details#input-warnings > summary { font-weight: 600; cursor: pointer; }
details#input-warnings ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.warning { background: var(--problem-bg); border-left: 4px solid var(--problem); padding: .4rem .8rem;
  color: var(--problem); font-weight: 600; margin: .3rem 0; }
#needs-review { display: grid; grid-template-columns: minmax(0, 1fr) 370px; gap: 0 1.5rem; }
#needs-review h2 { margin-top: .6rem; font-size: 1.1rem; }
@media screen and (max-width: 900px) { #needs-review { grid-template-columns: minmax(0, 1fr); } }
#review-ranking { table-layout: fixed; }
#review-ranking th, #review-ranking td { padding: .2rem .4rem; }
#review-ranking th:nth-child(1) { width: 2.2rem; }
#review-ranking th:nth-child(2) { width: 30%; }
#review-ranking th:nth-child(3) { width: 6.2rem; }
#review-ranking th.family-count { width: 4.4rem; font-size: .75rem; }
#review-ranking th.cleared { width: 3.8rem; font-size: .75rem; }
#review-ranking td.doc-path, #review-ranking td.topics { white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; overflow-wrap: normal; }
#review-ranking td.topics { font-size: .85rem; }
tr.ranked-doc:nth-child(-n+3) td.doc-path { font-weight: 600; }
#findings-chart { margin: .6rem 0 0; }
#findings-svg { display: block; max-width: 100%; height: auto; }
#findings-svg text { font: 11px system-ui, sans-serif; fill: #1b1b1b; }
#findings-svg text.label { text-anchor: end; }
#findings-svg rect { stroke: #fff; stroke-width: .5; }
#chart-table { font-size: .75rem; margin-top: .3rem; }
#chart-table th, #chart-table td { padding: .1rem .25rem; }
#chart-table tbody th { white-space: nowrap; font-weight: 400; }
#chart-table tr.cleared th, #chart-table tr.cleared td { border-top: 2px solid #90a4ae; }
.swatch { display: inline-block; width: .7em; height: .7em; margin-right: .2em; background: var(--info); }
rect.sev-critical { fill: var(--critical); } rect.sev-high { fill: var(--high); }
rect.sev-medium { fill: var(--medium); } rect.sev-low { fill: var(--low); } rect.sev-info { fill: var(--info); }
.swatch.sev-critical { background: var(--critical); } .swatch.sev-high { background: var(--high); }
.swatch.sev-medium { background: var(--medium); } .swatch.sev-low { background: var(--low); }
#unscreened ul { margin: .2rem 0; padding-left: 1.1rem; font-size: .9rem; }
#unscreened h2 { color: var(--problem); }
#all-screened { color: #2e7d32; font-weight: 600; }
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
#filter-count, #keys-help { color: #455a64; }
#keys-help { font-size: .8rem; }
kbd { border: 1px solid #90a4ae; border-radius: 3px; padding: 0 .25rem; font: .8rem ui-monospace, monospace;
  background: #fff; }
section.document { border: 1px solid var(--line); border-radius: 4px; margin: 1rem 0; padding: .6rem .8rem;
  scroll-margin-top: 6rem; content-visibility: auto; contain-intrinsic-size: auto 500px; }
section.document.status-problem { border-color: var(--problem); border-left-width: 6px; }
.back-link { margin-left: auto; font-size: .8rem; font-weight: 400; }
.doc-meta, .clause-meta { color: #455a64; margin: .2rem 0 .5rem; }
article.clause { border-top: 1px solid var(--line); padding: .6rem 0 .4rem; scroll-margin-top: 6rem; }
article.clause.sev-critical, article.clause.sev-high { border-left: 4px solid var(--high); padding-left: .6rem; }
article.clause.sev-medium { border-left: 4px solid var(--medium); padding-left: .6rem; }
article.clause.sev-low, article.clause.sev-info { border-left: 4px solid var(--line); padding-left: .6rem; }
pre.clause-text { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f9fa; border: 1px solid var(--line);
  padding: .5rem .7rem; margin: .4rem 0; font: 13px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
mark { background: #ffe082; color: inherit; padding: 0 1px; border-bottom: 2px solid var(--medium); }
mark.sev-critical, mark.sev-high { background: #ffcdd2; border-bottom-color: var(--high); }
mark.sev-low, mark.sev-info { background: #e3f2fd; border-bottom-color: var(--low); }
table.findings { table-layout: fixed; }
table.findings th:nth-child(1) { width: 10%; }
table.findings th:nth-child(2) { width: 34%; }
table.findings th:nth-child(3) { width: 12%; }
table.findings th:nth-child(4) { width: 6%; }
table.findings th:nth-child(5) { width: 22%; }
table.findings td { overflow-wrap: anywhere; }
tr.entity-row > td { background: #f5f8fb; padding: .4rem .6rem .6rem; }
.entity-card dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .3rem 1.2rem;
  margin: 0; }
.entity-card dl > div { min-width: 0; }
.entity-card dl > div.wide { grid-column: 1 / -1; }
.entity-card dt { font-size: .75rem; color: #455a64; text-transform: uppercase; letter-spacing: .03em; }
.entity-card dd { margin: 0; overflow-wrap: anywhere; }
.entity-warning { margin: 0 0 .4rem; padding: .3rem .6rem; background: var(--note-bg); border-left: 4px solid #f9a825; }
.excerpt-note { color: #455a64; font-size: .85rem; }
button.toggle { font: inherit; min-width: 1.8rem; cursor: pointer; }
details#manifest { margin-top: 2rem; border: 1px solid var(--line); border-radius: 4px; padding: .4rem .8rem; }
details#manifest > summary { cursor: pointer; }
details#manifest > summary h2 { display: inline; border: 0; font-size: 1.1rem; }
.summary-note { color: #455a64; font-size: .85rem; }
@media screen {
  .filtered-out { display: none !important; }
  section.document.collapsed .doc-body { display: none; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; color: #000; background: #fff; }
  .skip-link, #filters, #keys-help, button, .back-link, #flagged-more, #coverage-more > p { display: none !important; }
  #needs-review { display: block; }
  #review-ranking td.doc-path, #review-ranking td.topics { white-space: normal; overflow: visible;
    overflow-wrap: anywhere; }
  #chart-table { width: auto; }
  #filters { position: static; }
  section.document { break-before: page; border-color: #000; content-visibility: visible; }
  article.clause { break-inside: avoid-page; }
  tr.entity-row, tr.finding { break-inside: avoid; }
  details::details-content { content-visibility: visible; display: block; }
  details#manifest { break-before: page; border: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  th { background: #eee; }
  .badge { color: #000 !important; background: #fff !important; border: 1px solid #000; }
  .verdict, .warning, tr.status-problem td, tr.status-note td, pre.clause-text, tr.entity-row > td {
    background: #fff !important; color: #000 !important; }
  mark, rect, .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
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
  var list = document.getElementById('flagged-list');
  var more = document.getElementById('show-more-flagged');
  var shownNote = document.getElementById('flagged-shown');
  var totalClauses = parseInt(count.getAttribute('data-total'), 10) || 0;

  function slice(nodes) { return Array.prototype.slice.call(nodes); }

  // The filters in force, or null when every control is empty.
  var criteria = null;
  var shownClauses = 0;  // flagged clauses kept by the criteria among the sections in the page
  var pass = 0;          // each apply() starts a new pass; a newer one stops an older one
  function readCriteria() {
    var query = search.value.trim().toLowerCase();
    if (severity.value === '' && family.value === '' && rule.value === '' && query === '') {
      return null;
    }
    return {minRank: severity.value === '' ? -1 : parseInt(severity.value, 10),
            family: family.value, rule: rule.value, query: query};
  }

  // Applies `criteria` to `sections` (in the page or still inert in a template): classes only.
  // Returns how many flagged clauses they keep.
  function filterSections(sections) {
    var kept = 0;
    sections.forEach(function (doc) {
      var clauses = slice(doc.querySelectorAll('article.clause'));
      if (!criteria && !doc.querySelector('.filtered-out')) {
        doc.classList.remove('filtered-out');
        kept += clauses.length;
        return;
      }
      var heading = doc.querySelector('h3');
      var docText = heading ? heading.textContent.toLowerCase() : '';
      var docShown = 0;
      clauses.forEach(function (clause) {
        var rows = 0;
        slice(clause.querySelectorAll('tr.finding, tr.entity-row')).forEach(function (row) {
          var keep = !criteria ||
              (parseInt(row.getAttribute('data-rank'), 10) >= criteria.minRank &&
               (criteria.family === '' || row.getAttribute('data-family') === criteria.family) &&
               (criteria.rule === '' || row.getAttribute('data-rule') === criteria.rule));
          row.classList.toggle('filtered-out', !keep);
          if (keep && row.classList.contains('finding')) rows += 1;
        });
        var keepClause = rows > 0 && (!criteria || criteria.query === '' ||
            clause.textContent.toLowerCase().indexOf(criteria.query) !== -1 ||
            docText.indexOf(criteria.query) !== -1);
        clause.classList.toggle('filtered-out', !keepClause);
        if (keepClause) docShown += 1;
      });
      doc.classList.toggle('filtered-out', docShown === 0);
      kept += docShown;
    });
    return kept;
  }

  function updateCount() {
    var waiting = nextTemplate() !== null;
    count.textContent = shownClauses + ' of ' + totalClauses + ' flagged clause(s) shown' +
        (!waiting ? '' : criteria ? ' (searching the rest\u2026)' : ' (more are added as you scroll)');
  }

  // Documents with findings past the first ones wait in template elements, in input order. They
  // are filtered while still inert, so that those filtered out arrive hidden and cost no layout.
  // Collected once, while the page holds only the first sections: looking for the next template
  // from the top of a page with 100,000 sections would cost more than adding it.
  var waiting = slice(list.querySelectorAll('template.more-docs'));
  var shownDocuments = list.querySelectorAll('section.document').length;
  function nextTemplate() { return waiting.length > 0 ? waiting[0] : null; }
  function showMore() {
    var next = waiting.shift();
    if (!next) return false;
    var sections = slice(next.content.querySelectorAll('section.document'));
    shownClauses += filterSections(sections);
    shownDocuments += sections.length;
    next.parentNode.replaceChild(next.content, next);
    if (shownNote) {
      shownNote.textContent = shownDocuments + ' of ' + shownNote.getAttribute('data-total') +
          ' documents with findings shown.';
    }
    if (more && waiting.length === 0) more.parentNode.hidden = true;
    return true;
  }
  function showAll() { while (showMore()) {} }
  function showAllRows() {
    var rows = document.querySelector('#coverage-table tbody');
    var next;
    while ((next = document.querySelector('#coverage-more template.more-rows'))) {
      rows.appendChild(next.content);
      next.remove();
    }
  }
  // The element with this id, adding waiting sections until it is there.
  function reveal(id) {
    var target = document.getElementById(id);
    while (!target && showMore()) target = document.getElementById(id);
    return target;
  }

  // Filters the sections in the page at once; with a filter set, then adds and filters the
  // waiting ones a few at a time (50 ms of work, then the page answers again), so that a search
  // across 100,000 documents never freezes it.
  function apply() {
    criteria = readCriteria();
    shownClauses = filterSections(slice(list.querySelectorAll('section.document')));
    updateCount();
    pass += 1;
    if (criteria) continueFiltering(pass);
  }
  function continueFiltering(mine) {
    if (mine !== pass) return;
    var started = Date.now();
    while (Date.now() - started < 50 && showMore()) {}
    updateCount();
    if (nextTemplate()) setTimeout(function () { continueFiltering(mine); }, 0);
  }

  function setCollapsed(doc, collapsed) {
    doc.classList.toggle('collapsed', collapsed);
    var button = doc.querySelector('button.toggle');
    if (button) {
      button.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
      button.textContent = collapsed ? '+' : '\u2212';
    }
  }
  function setAllCollapsed(collapsed) {
    slice(list.querySelectorAll('section.document')).forEach(function (doc) {
      setCollapsed(doc, collapsed);
    });
  }

  // Clicks: a document's toggle, and links to sections still waiting in a template.
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!target.closest) return;
    var toggle = target.closest('button.toggle');
    if (toggle) {
      var doc = toggle.closest('section.document');
      setCollapsed(doc, !doc.classList.contains('collapsed'));
      return;
    }
    var link = target.closest('a[href^="#"]');
    if (!link) return;
    var destination = reveal(link.getAttribute('href').slice(1));
    if (destination && destination.closest('#flagged-list')) {
      event.preventDefault();
      history.pushState(null, '', link.getAttribute('href'));
      destination.focus({preventScroll: true});  // Tab and j go on from there
      scrollToSection(destination);
    }
  });

  // Sections off screen are not laid out (content-visibility: auto) and stand in at an estimated
  // height until they are: once the ones near the destination have been laid out, it is scrolled
  // to again.
  function scrollToSection(destination) {
    destination.scrollIntoView({block: 'start'});
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { destination.scrollIntoView({block: 'start'}); });
    });
  }

  // Keyboard: j/n and k/p move between the flagged clauses shown, / goes to the search box.
  var current = null;
  document.addEventListener('focusin', function (event) {
    var clause = event.target.closest ? event.target.closest('article.clause') : null;
    if (clause) current = clause;
  });
  function move(step) {
    var clauses = slice(list.querySelectorAll('article.clause'));
    var i = current ? clauses.indexOf(current) : -1;
    var focused = document.activeElement;
    if (focused && focused.matches && focused.matches('section.document')) {
      i = clauses.indexOf(focused.querySelector('article.clause')) - (step > 0 ? 1 : 0);
    }
    for (i += step; i >= 0; i += step) {
      if (i >= clauses.length) {
        if (!showMore()) return;
        clauses = slice(list.querySelectorAll('article.clause'));
        i -= step;
        continue;
      }
      if (clauses[i].offsetParent !== null) {  // not filtered out or collapsed
        current = clauses[i];
        current.focus({preventScroll: true});
        scrollToSection(current);
        return;
      }
    }
  }
  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' ||
        (target && target.isContentEditable)) {
      if (event.key === 'Escape' && target === search) search.blur();
      return;  // typing is not navigating
    }
    if (event.key === 'j' || event.key === 'n') {
      move(1);
    } else if (event.key === 'k' || event.key === 'p') {
      move(-1);
    } else if (event.key === '/') {
      search.focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  document.getElementById('expand-all').addEventListener('click', function () {
    setAllCollapsed(false);
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    setAllCollapsed(true);
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
  var typing = null;
  search.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(apply, 150);
  });

  if (more) {
    more.addEventListener('click', function () { showMore(); updateCount(); });
    if ('IntersectionObserver' in window) {
      new IntersectionObserver(function (entries) {
        if (entries[0].isIntersecting && showMore()) updateCount();
      }, {rootMargin: '800px'}).observe(more.parentNode);
    }
  }
  // A long coverage table opens with its first rows; the rest wait in template elements.
  var moreRows = document.getElementById('show-more-documents');
  if (moreRows) {
    var rows = document.querySelector('#coverage-table tbody');
    moreRows.addEventListener('click', function () {
      var next = document.querySelector('#coverage-more template.more-rows');
      if (next) {
        rows.appendChild(next.content);
        next.remove();
      }
      if (!document.querySelector('#coverage-more template.more-rows')) moreRows.hidden = true;
    });
  }

  // Print everything: every section and row, every details element open.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    showAll();
    showAllRows();
    slice(document.querySelectorAll('details:not([open])')).forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  filters.hidden = false;
  apply();
  if (location.hash.length > 1) {
    var target = reveal(location.hash.slice(1));
    if (target) scrollToSection(target);
  }
})();
)js";
}

}  // namespace trustscreen::report
